// One HTTP server for everything: health and metrics, Slack's /slack/events, Teams' /api/messages,
// the web dashboard under /app. Adapters contribute route handlers; the server only dispatches by
// method and path (a `prefix` route takes its path and everything below it). Each request
// gets an id (the caller's x-request-id when well formed) carried by every log line written while
// it is handled, and echoed in the response. Closing stops accepting at once, lets requests in
// progress finish (up to a deadline), then cuts what is left.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { withLogContext } from "../../ports/log-context.ts";
import type { Logger } from "../logger.ts";
import { isDatabaseUnavailable } from "../database-unavailable.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Route {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly handler: Handler;
  /** Also serve every path below `path` + "/" (the adapter routes inside it). */
  readonly prefix?: boolean;
}

function matches(route: Route, path: string): boolean {
  return route.path === path || (route.prefix === true && path.startsWith(route.path + "/"));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export interface HttpServer {
  readonly server: Server;
  readonly url: string;
  /** Requests being handled right now. */
  readonly inFlight: number;
  /**
   * Resolves once no request is being handled: every response ended (its log line written) and every
   * handler returned — a handler may go on after answering (a Slack event acked early to stay within 3 s).
   */
  idle(): Promise<void>;
  /**
   * Stops accepting connections, waits up to `graceMs` for the requests in progress to be answered,
   * then closes every connection. Resolves with how many requests were still open at the deadline.
   */
  close(graceMs?: number): Promise<{ cut: number }>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

export async function startHttpServer(routes: Route[], port: number, host: string, log: Logger): Promise<HttpServer> {
  let inFlight = 0;
  let handling = 0;
  let waiting: { readonly handlers: boolean; readonly wake: () => void }[] = [];
  const quiet = (handlers: boolean) => inFlight === 0 && (!handlers || handling === 0);
  const wait = (handlers: boolean): Promise<void> =>
    quiet(handlers) ? Promise.resolve() : new Promise<void>((wake) => waiting.push({ handlers, wake }));
  const wakeQuiet = () => {
    const woken = waiting.filter((w) => quiet(w.handlers));
    waiting = waiting.filter((w) => !quiet(w.handlers));
    for (const w of woken) w.wake();
  };
  const server = createServer((req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader("x-request-id", requestId);
    inFlight += 1;
    const started = performance.now();
    res.once("close", () => {
      inFlight -= 1;
      wakeQuiet();
    });
    withLogContext({ requestId }, () => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      res.once("finish", () =>
        log.debug("http request", {
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        }),
      );
      const route = routes.find((r) => matches(r, path) && r.method === req.method);
      if (!route) {
        const known = routes.some((r) => matches(r, path));
        sendJson(res, known ? 405 : 404, { error: known ? "method not allowed" : "not found" });
        return;
      }
      handling += 1;
      Promise.resolve(route.handler(req, res))
        .catch((error: unknown) => {
          if (isDatabaseUnavailable(error)) {
            // Locked, restarting or unreachable: a clear 503 the platform retries, not a 500.
            log.warn("http request refused: database unavailable", { path });
            if (!res.headersSent) {
              res.setHeader("retry-after", "5");
              sendJson(res, 503, { error: "database unavailable" });
            } else res.end();
            return;
          }
          log.error("http handler failed", { path, error: error instanceof Error ? error.message : String(error) });
          if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
          else res.end();
        })
        .finally(() => {
          handling -= 1;
          wakeQuiet();
        });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    get inFlight() {
      return inFlight;
    },
    idle: () => wait(true),
    close: async (graceMs = 0) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections with no request in progress are closed now; the others after their answer.
      server.closeIdleConnections();
      if (inFlight > 0 && graceMs > 0) {
        const drained = wait(false);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
        clearTimeout(timer);
      }
      const cut = inFlight;
      server.closeAllConnections();
      await closed;
      return { cut };
    },
  };
}
