// One HTTP server for everything: /healthz, Slack's /slack/events, Teams' /api/messages.
// Adapters contribute route handlers; the server only dispatches by method and path.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";
import { isDatabaseUnavailable } from "../database-unavailable.ts";

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
  close(): Promise<void>;
}

export async function startHttpServer(routes: Route[], port: number, host: string, log: Logger): Promise<HttpServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (!route) {
      const known = routes.some((r) => r.path === path);
      sendJson(res, known ? 405 : 404, { error: known ? "method not allowed" : "not found" });
      return;
    }
    Promise.resolve(route.handler(req, res)).catch((error: unknown) => {
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
