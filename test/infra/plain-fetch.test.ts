// The direct fetch's plain path (decision 13.s10p-3): a Web API-shaped call (string body, redirects
// refused) leaves over the keep-alive node:http agents and is answered as fetch answers it, with
// fetch's failures; anything else goes through the global fetch. Real HTTP on loopback.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackWebClient } from "../../adapters/slack/slack-web-client.ts";
import { directOutbound } from "../../src/infra/http/outbound.ts";

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe("the direct fetch's plain path", () => {
  const seen: Seen[] = [];
  const hanging: ServerResponse[] = [];
  let server: Server;
  let url = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({
          method: req.method ?? "",
          path: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        if (req.url === "/hang") return void hanging.push(res);
        if (req.url === "/moved") return void res.writeHead(302, { location: "/api/elsewhere" }).end();
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "x-oauth-scopes": "chat:write" });
        res.end(JSON.stringify({ ok: true, echo: req.url }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const plain = (path: string, init: RequestInit = {}) =>
    directOutbound.fetch(`${url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: "Bearer xoxb-fake-for-tests" },
      body: "channel=C1&text=hello%20%E4%BD%A0%E5%A5%BD",
      redirect: "error",
      ...init,
    });

  it("sends a Web API-shaped call over node:http and answers it as fetch does", async () => {
    const response = await plain("/api/chat.postEphemeral");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-oauth-scopes")).toBe("chat:write");
    expect(await response.json()).toEqual({ ok: true, echo: "/api/chat.postEphemeral" });
    const call = seen.at(-1)!;
    expect(call.method).toBe("POST");
    expect(call.body).toBe("channel=C1&text=hello%20%E4%BD%A0%E5%A5%BD");
    expect(call.headers.authorization).toBe("Bearer xoxb-fake-for-tests");
    expect(call.headers["content-length"]).toBe(String(Buffer.byteLength(call.body)));
    // undici's fetch adds fetch-metadata headers; node:http does not.
    expect(call.headers["sec-fetch-mode"]).toBeUndefined();
  });

  it("anything else goes through the global fetch", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array([1, 2, 3])]), "x.bin");
    await directOutbound.fetch(`${url}/api/files.upload`, { method: "POST", body: form, redirect: "error" });
    expect(seen.at(-1)!.headers["sec-fetch-mode"]).toBe("cors");
    await directOutbound.fetch(`${url}/api/follow`, { method: "POST", body: "a=1" });
    expect(seen.at(-1)!.headers["sec-fetch-mode"]).toBe("cors");
  });

  it("fails as fetch fails: a deadline, a refused connection, a redirect", async () => {
    const late = await plain("/hang", { signal: AbortSignal.timeout(50) }).catch((e: unknown) => e);
    expect((late as Error).name).toBe("TimeoutError");
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await directOutbound
      .fetch(`http://127.0.0.1:${port}/api/x`, { method: "POST", body: "a=1", redirect: "error" })
      .catch((e: unknown) => e);
    const viaFetch = await globalThis
      .fetch(`http://127.0.0.1:${port}/api/x`, { method: "POST", body: "a=1", redirect: "error" })
      .catch((e: unknown) => e);
    for (const e of [refused, viaFetch]) {
      expect(e).toBeInstanceOf(TypeError);
      expect((e as Error).message).toBe("fetch failed");
      expect(((e as Error).cause as { code?: string }).code).toBe("ECONNREFUSED");
    }
    const moved = await plain("/moved").catch((e: unknown) => e);
    expect(moved).toBeInstanceOf(TypeError);
  });

  it("carries the Web API client's calls", async () => {
    const web = slackWebClient("xoxb-fake-for-tests", `${url}/api/`, directOutbound.fetch, 1_000);
    const answer = await web.chat.postEphemeral({ channel: "C1", user: "U1", text: "确认 ✓" });
    expect(answer.ok).toBe(true);
    const call = seen.at(-1)!;
    expect(call.path).toBe("/api/chat.postEphemeral");
    expect(new URLSearchParams(call.body).get("text")).toBe("确认 ✓");
    expect(call.headers["sec-fetch-mode"]).toBeUndefined();
    const timedOut = slackWebClient("xoxb-fake-for-tests", `${url}/`, directOutbound.fetch, 50);
    await expect(timedOut.apiCall("hang")).rejects.toMatchObject({ code: "slack_webapi_request_error" });
  });
});
