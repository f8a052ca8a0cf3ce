// Mounts the Teams SDK's messaging endpoint on Keypost's own HTTP server. The SDK's HttpServer
// registers its handler ({ body, headers } → { status, body }: JWT validation, then the app's
// routes) through this adapter instead of starting Express; the route reads and parses the body
// and writes the answer. One server serves /healthz, Slack and Teams. Cheap refusals come before
// anything that can be made expensive: with credentials set, a request without a bearer token of
// JWT shape is refused (401) before its body is read; a body over the limit is a 413 without being
// read whole; a body nested deeper than any activity is a 400 before JSON.parse or the SDK recurse
// on it (10,000 levels used to overflow the stack in the SDK: a 500). The SDK answers any error
// of a handler with a bare 500; when the error meant the database is away (restarting, locked),
// the answer is a 503 with Retry-After instead, as on every other route (src/infra/database-unavailable.ts).
import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { HttpRouteHandler, IHttpServerAdapter } from "@microsoft/teams.apps";
import { isDatabaseUnavailable } from "../../src/infra/database-unavailable.ts";
import { sendJson, type Route } from "../../src/infra/http/server.ts";
import { nestsDeeperThan, readLimitedBody, refuseTooLarge } from "../../src/infra/http/request-body.ts";

export const TEAMS_PATH = "/api/messages";
export const MAX_BODY_BYTES = 512 * 1024;
/** An activity nests a few levels (an Adaptive Card's data inside value inside the activity). */
export const MAX_JSON_DEPTH = 64;
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** What the SDK's handling of the current request ran into; set by the app's `error` event. */
const request = new AsyncLocalStorage<{ databaseUnavailable: boolean }>();

/** The SDK's `error` event: remembers, for the request being handled, that the database was away. */
export function noteHandlerError(error: unknown): void {
  const state = request.getStore();
  if (state && isDatabaseUnavailable(error)) state.databaseUnavailable = true;
}

export class RouteAdapter implements IHttpServerAdapter {
  private handler: HttpRouteHandler | undefined;

  registerRoute(method: "POST", path: string, handler: HttpRouteHandler): void {
    if (method === "POST" && path === TEAMS_PATH) this.handler = handler;
  }

  get registered(): HttpRouteHandler | undefined {
    return this.handler;
  }
}

function plainHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
  return out;
}

export interface TeamsRouteOptions {
  /** Credentials are set: every request must carry a bearer token (the SDK then validates it). */
  readonly requireBearer: boolean;
}

export function teamsRoute(adapter: RouteAdapter, options: TeamsRouteOptions): Route {
  return {
    method: "POST",
    path: TEAMS_PATH,
    handler: async (req: IncomingMessage, res: ServerResponse) => {
      const handler = adapter.registered;
      if (!handler) return sendJson(res, 503, { error: "teams endpoint not initialised" });
      if (options.requireBearer && !BEARER_JWT.test(req.headers.authorization ?? ""))
        return sendJson(res, 401, { error: "unauthorized" });
      const read = await readLimitedBody(req, MAX_BODY_BYTES);
      if (!read.ok) return refuseTooLarge(req, res, MAX_BODY_BYTES);
      const text = read.body.toString("utf8");
      if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return sendJson(res, 400, { error: "body nests too deep" });
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return sendJson(res, 400, { error: "body is not JSON" });
      }
      if (typeof body !== "object" || body === null || Array.isArray(body))
        return sendJson(res, 400, { error: "body is not an activity" });
      const state = { databaseUnavailable: false };
      const answer = await request.run(state, () => handler({ body, headers: plainHeaders(req.headers) }));
      if (answer.status === 500 && state.databaseUnavailable) {
        res.setHeader("retry-after", "5");
        return sendJson(res, 503, { error: "database unavailable" });
      }
      if (answer.body === undefined || answer.body === null) {
        res.writeHead(answer.status).end();
        return;
      }
      sendJson(res, answer.status, answer.body);
    },
  };
}
