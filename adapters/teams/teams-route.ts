// Mounts the Teams SDK's messaging endpoint on Keypost's own HTTP server. The SDK's HttpServer
// registers its handler ({ body, headers } → { status, body }: JWT validation, then the app's
// routes) through this adapter instead of starting Express; the route reads and parses the body
// and writes the answer. One server serves /healthz, Slack and Teams.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { HttpRouteHandler, IHttpServerAdapter } from "@microsoft/teams.apps";
import { sendJson, type Route } from "../../src/infra/http/server.ts";

export const TEAMS_PATH = "/api/messages";
const MAX_BODY_BYTES = 512 * 1024;

export class RouteAdapter implements IHttpServerAdapter {
  private handler: HttpRouteHandler | undefined;

  registerRoute(method: "POST", path: string, handler: HttpRouteHandler): void {
    if (method === "POST" && path === TEAMS_PATH) this.handler = handler;
  }

  get registered(): HttpRouteHandler | undefined {
    return this.handler;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function plainHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
  return out;
}

export function teamsRoute(adapter: RouteAdapter): Route {
  return {
    method: "POST",
    path: TEAMS_PATH,
    handler: async (req: IncomingMessage, res: ServerResponse) => {
      const handler = adapter.registered;
      if (!handler) return sendJson(res, 503, { error: "teams endpoint not initialised" });
      const raw = await readBody(req);
      if (raw === undefined) return sendJson(res, 413, { error: "body too large" });
      let body: unknown;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return sendJson(res, 400, { error: "body is not JSON" });
      }
      if (typeof body !== "object" || body === null || Array.isArray(body))
        return sendJson(res, 400, { error: "body is not an activity" });
      const answer = await handler({ body, headers: plainHeaders(req.headers) });
      if (answer.body === undefined || answer.body === null) {
        res.writeHead(answer.status).end();
        return;
      }
      sendJson(res, answer.status, answer.body);
    },
  };
}
