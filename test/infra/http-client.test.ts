// The notifiers' HTTP client against a real server on loopback: whole answers with their headers,
// and failures shaped like fetch's (cause.code for the network, TimeoutError for the deadline), which
// is how callers tell "nothing was sent" from "outcome unknown".
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { httpText } from "../../src/infra/http/http-client.ts";

describe("http client", () => {
  let server: Server;
  let url = "";
  const seen: { method: string; body: string; contentType: string | undefined }[] = [];

  beforeEach(async () => {
    seen.length = 0;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({
          method: req.method ?? "",
          body: Buffer.concat(chunks).toString("utf8"),
          contentType: req.headers["content-type"],
        });
        if (req.url === "/slow") return; // never answers
        if (req.url === "/cut") return req.socket.destroy();
        res.writeHead(req.url === "/busy" ? 429 : 200, { "content-type": "application/json", "retry-after": "3" });
        res.end(JSON.stringify({ echo: seen.length }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("sends the body and answers status, headers and text; connections are kept alive and reused", async () => {
    const sockets = new Set<unknown>();
    server.on("connection", (socket) => sockets.add(socket));
    const first = await httpText(`${url}/m`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":"通知"}',
      timeoutMs: 2000,
    });
    expect(first).toMatchObject({ status: 200, ok: true, text: '{"echo":1}' });
    expect(first.header("Retry-After")).toBe("3");
    expect(first.header("x-absent")).toBeNull();
    expect(seen[0]).toEqual({ method: "POST", body: '{"a":"通知"}', contentType: "application/json" });
    const busy = await httpText(`${url}/busy`, { method: "GET", timeoutMs: 2000 });
    expect(busy).toMatchObject({ status: 429, ok: false });
    expect(sockets.size).toBe(1);
  });

  it("a refused connection fails with cause.code ECONNREFUSED (nothing was sent)", async () => {
    const port = (server.address() as AddressInfo).port;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await httpText(`http://127.0.0.1:${port}/m`, { method: "POST", body: "{}", timeoutMs: 2000 }).catch(
      (e: unknown) => e,
    );
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
    server = createServer().listen(0, "127.0.0.1"); // for afterEach
  });

  it("no answer by the deadline fails as a TimeoutError; an answer cut off fails with a network code", async () => {
    const slow = await httpText(`${url}/slow`, { method: "POST", body: "{}", timeoutMs: 100 }).catch((e: unknown) => e);
    expect((slow as Error).name).toBe("TimeoutError");
    const cut = await httpText(`${url}/cut`, { method: "POST", body: "{}", timeoutMs: 2000 }).catch((e: unknown) => e);
    expect((cut as Error).name).not.toBe("TimeoutError");
    expect((cut as Error & { cause?: { code?: string } }).cause?.code).toBe("ECONNRESET");
    expect(seen.map((s) => s.body)).toEqual(["{}", "{}"]);
  });

  it("refuses a URL it cannot use without sending anything", async () => {
    const error = await httpText("ftp://127.0.0.1/x", { method: "GET", timeoutMs: 100 }).catch((e: unknown) => e);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe("ERR_INVALID_URL");
    expect(seen).toEqual([]);
  });

  describe("a kept-alive socket the server closed as the request arrived (decision 13.s11p-1)", () => {
    // The second request on a connection finds it closed: the server reads it and drops the socket
    // without a byte of answer, as when its keep-alive timeout ran out at that moment.
    const dropSecondRequest = () => {
      const served = new WeakMap<object, number>();
      server.removeAllListeners("request");
      server.on("request", (req, res) => {
        const n = (served.get(req.socket) ?? 0) + 1;
        served.set(req.socket, n);
        req.resume();
        req.on("end", () => {
          seen.push({ method: req.method ?? "", body: "", contentType: undefined });
          if (n === 2) return req.socket.destroy();
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ echo: seen.length }));
        });
      });
    };
    const post = (retryStaleSocket?: boolean) =>
      httpText(`${url}/m`, {
        method: "POST",
        body: "{}",
        timeoutMs: 2000,
        ...(retryStaleSocket === undefined ? {} : { retryStaleSocket }),
      });

    it("is sent once more on a fresh socket with retryStaleSocket, and answered", async () => {
      dropSecondRequest();
      const sockets = new Set<unknown>();
      server.on("connection", (socket) => sockets.add(socket));
      expect((await post(true)).ok).toBe(true);
      const again = await post(true);
      expect(again).toMatchObject({ status: 200, ok: true });
      expect(seen).toHaveLength(3);
      expect(sockets.size).toBe(2);
    });

    it("fails with ECONNRESET without it (nothing is sent twice)", async () => {
      dropSecondRequest();
      expect((await post()).ok).toBe(true);
      const error = await post().catch((e: unknown) => e);
      expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe("ECONNRESET");
      expect(seen).toHaveLength(2);
    });

    it("a socket reset on its first request is not a stale one: it fails, also with retryStaleSocket", async () => {
      const cut = await httpText(`${url}/cut`, {
        method: "POST",
        body: "{}",
        timeoutMs: 2000,
        retryStaleSocket: true,
      }).catch((e: unknown) => e);
      expect((cut as Error & { cause?: { code?: string } }).cause?.code).toBe("ECONNRESET");
      expect(seen).toHaveLength(1);
    });
  });
});
