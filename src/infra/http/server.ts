// One HTTP server for everything: health and metrics, Slack's /slack/events, Teams' /api/messages.
// Adapters contribute route handlers; the server only dispatches by method and path. Each request
// gets an id (the caller's x-request-id when well formed) carried by every log line written while
// it is handled, and echoed in the response. Closing stops accepting at once, lets requests in
// progress finish (up to a deadline), then cuts what is left.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { withLogContext } from "../../ports/log-context.ts";
import type { Logger } from "../logger.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Route {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly handler: Handler;
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
  let idle: (() => void) | undefined;
  const server = createServer((req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader("x-request-id", requestId);
    inFlight += 1;
    const started = performance.now();
    res.once("close", () => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
    withLogContext({ requestId }, () => {
      const path = (req.url ?? "/").split("?")[0];
      res.once("finish", () =>
        log.debug("http request", {
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        }),
      );
      const route = routes.find((r) => r.path === path && r.method === req.method);
      if (!route) {
        const known = routes.some((r) => r.path === path);
        sendJson(res, known ? 405 : 404, { error: known ? "method not allowed" : "not found" });
        return;
      }
      Promise.resolve(route.handler(req, res)).catch((error: unknown) => {
        log.error("http handler failed", { path, error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
        else res.end();
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
    close: async (graceMs = 0) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections with no request in progress are closed now; the others after their answer.
      server.closeIdleConnections();
      if (inFlight > 0 && graceMs > 0) {
        const drained = new Promise<void>((resolve) => (idle = resolve));
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
