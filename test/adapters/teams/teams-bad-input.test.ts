// Bad input at POST /api/messages over real HTTP: with credentials set, a request without a token
// is refused (401) before its body is read or parsed — a body nested 10,000 deep used to overflow
// the stack in the SDK (a 500); a body over the limit is a 413 whose status arrives; a deep body
// that passes the token check is a 400. Nothing is sent or written.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ID, TeamsWorld, fixture } from "../../support/teams-world.ts";

function rawPost(url: string, headers: Record<string, string | number>, chunks: readonly Buffer[]) {
  return new Promise<{ status: number } | { error: string }>((resolve) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on("error", (e) => resolve({ error: e.message }));
    const write = (i: number): void => {
      if (i === chunks.length) return void req.end();
      if (!req.destroyed) req.write(chunks[i]!, () => setImmediate(() => write(i + 1)));
    };
    write(0);
  });
}

const DEEP = `{"type":"message","x":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;

describe("Teams bad input with credentials set", () => {
  let world: TeamsWorld;
  beforeAll(async () => {
    world = await TeamsWorld.start("sqlite", { at: "2026-03-02T02:00:00Z", credentials: true });
  });
  afterAll(async () => world.close());
  const url = () => `${world.service.url}/api/messages`;

  it("refuses a body nested 10,000 deep without a token: 401, not 500", async () => {
    const logBefore = await world.db.prisma.auditLogEntry.count();
    const res = await fetch(url(), { method: "POST", headers: { "content-type": "application/json" }, body: DEEP });
    expect(res.status).toBe(401);
    const garbage = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer x" },
      body: DEEP,
    });
    expect(garbage.status).toBe(401);
    expect(await world.db.prisma.auditLogEntry.count()).toBe(logBefore);
    expect(world.connector.sent).toHaveLength(0);
  });

  it("answers a deep body carrying a well-formed token with 400 before the SDK parses it", async () => {
    const token = world.connector.sign({ aud: CLIENT_ID, serviceurl: world.connector.serviceUrl });
    const res = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: DEEP,
    });
    expect(res.status).toBe(400);
  });

  it("answers 413 to an oversized body, declared or streamed, without a token check reading it", async () => {
    const token = world.connector.sign({ aud: CLIENT_ID, serviceurl: world.connector.serviceUrl });
    const big = Buffer.alloc(1_100_000, "a");
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    expect(await rawPost(url(), { ...headers, "content-length": big.length }, [big.subarray(0, 65_536)])).toEqual({
      status: 413,
    });
    const chunks = Array.from({ length: 20 }, (_, i) => big.subarray(i * 55_000, (i + 1) * 55_000));
    expect(await rawPost(url(), headers, chunks)).toEqual({ status: 413 });
    const ok = await world.post(fixture("message.personal", world.vars("holder", { text: "help" })));
    expect(ok.status).toBe(200);
  });
});

describe("Teams bad input without credentials (development)", () => {
  let world: TeamsWorld;
  beforeAll(async () => {
    world = await TeamsWorld.start("sqlite", { at: "2026-03-02T02:00:00Z" });
  });
  afterAll(async () => world.close());

  it("answers a body nested 10,000 deep with 400", async () => {
    const res = await fetch(`${world.service.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: DEEP,
    });
    expect(res.status).toBe(400);
  });
});
