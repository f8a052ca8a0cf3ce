// The HTTP server says when no request is being handled (`idle()`): a test that reads the service's
// log waits for that instead of a fixed sleep (decision 13.s10t-2). It resolves at once with nothing
// in flight, stays pending while a request is handled — also while a handler goes on after answering
// (a Slack event acked early to stay within 3 s) — and once it resolves the request's own "http
// request" line and whatever its handler logged are written.
import { afterEach, describe, expect, it } from "vitest";
import { startHttpServer, sendJson, type HttpServer } from "../../src/infra/http/server.ts";
import { createLogger } from "../../src/infra/logger.ts";

describe("the HTTP server's idle()", () => {
  let http: HttpServer | undefined;
  afterEach(async () => {
    await http?.close();
    http = undefined;
  });

  it("resolves once every request in flight is answered and logged", async () => {
    const lines: string[] = [];
    let answer: (() => void) | undefined;
    const held = new Promise<void>((resolve) => (answer = resolve));
    http = await startHttpServer(
      [
        {
          method: "GET",
          path: "/slow",
          handler: async (_req, res) => {
            await held;
            sendJson(res, 200, { ok: true });
          },
        },
      ],
      0,
      "127.0.0.1",
      createLogger("debug", (line) => lines.push(line)),
    );
    await http.idle(); // nothing in flight: at once

    const response = fetch(`${http.url}/slow`);
    while (http.inFlight === 0) await new Promise((r) => setImmediate(r));
    let idle = false;
    const idled = http.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(idle, "idle while a request is handled").toBe(false);

    answer!();
    expect((await response).status).toBe(200);
    await idled;
    expect(http.inFlight).toBe(0);
    expect(lines.filter((l) => l.includes('"http request"') && l.includes('"/slow"'))).toHaveLength(1);
  });

  it("waits for a handler that goes on after answering", async () => {
    const lines: string[] = [];
    const log = createLogger("debug", (line) => lines.push(line));
    let finish: (() => void) | undefined;
    const later = new Promise<void>((resolve) => (finish = resolve));
    http = await startHttpServer(
      [
        {
          method: "POST",
          path: "/event",
          handler: async (_req, res) => {
            sendJson(res, 200, {}); // acked first
            await later;
            log.info("event acted on after its ack", {});
          },
        },
      ],
      0,
      "127.0.0.1",
      log,
    );
    expect((await fetch(`${http.url}/event`, { method: "POST" })).status).toBe(200);
    let idle = false;
    const idled = http.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(idle, "idle while the handler still works").toBe(false);
    finish!();
    await idled;
    expect(lines.filter((l) => l.includes("event acted on after its ack"))).toHaveLength(1);
  });
});
