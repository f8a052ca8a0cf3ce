// SIGTERM during a burst of Slack presses, on the real `keypost serve` process: the server stops
// accepting, every press it acknowledged (200) is acted on before it exits — each press uses its
// own action token, so a lost one shows as an unused token — the process exits 0 within 10 s, and
// the log says what shutdown did, step by step.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { same } from "../../src/ports/card.ts";
import { cards } from "../../src/app/catalog.ts";
import { composeKernel } from "../../src/app/kernel/compose.ts";
import { offer, sendNotice } from "../../src/app/kernel/notify.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import { systemClock } from "../../src/ports/clock.ts";
import { testDatabase, type TestDatabase } from "../support/databases.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { slackFixture } from "../support/slack-fixtures.ts";
import { encode, signedHeaders, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-requests.ts";
import { seedSmallBank, type SmallBank } from "../support/small-bank.ts";

const PRESSES = 80;
const ROOT = join(import.meta.dirname, "..", "..");

/** `keypost serve` on the test database with Slack against the fake; resolves once it says its URL. */
async function serve(databaseUrl: string, fake: FakeSlack) {
  const child = spawn(process.execPath, [join(ROOT, "bin", "keypost.js"), "serve"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: "0",
      DATABASE_URL: databaseUrl,
      KEYPOST_SCHEDULER: "off",
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = /running at (http:\/\/[^\s]+)/.exec(stdout);
      if (found) {
        clearInterval(timer);
        resolve(found[1]!);
      }
    }, 50);
    void exited.then(() => reject(new Error(`serve exited early: ${stderr}`)));
  });

  return { child, url, exited, log: () => stderr };
}

describe("SIGTERM during a burst of presses", () => {
  let db: TestDatabase;
  let bank: SmallBank;
  let fake: FakeSlack;
  beforeAll(async () => {
    db = await testDatabase("sqlite");
    bank = await seedSmallBank(db);
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await fake?.close();
    await db?.drop();
  });

  it("acts on every acknowledged press and exits 0 within 10 s", { timeout: 120_000 }, async () => {
    const kernel = { ...composeKernel(new PrismaUnitOfWork(db), systemClock, "en"), cards };
    const tokens = await kernel.uow.run(async (tx) => {
      const person = (await tx.people.byId(bank.ids.hr))!;
      const made: string[] = [];
      for (let i = 0; i < PRESSES; i++) {
        const action = await offer(
          tx,
          {
            action: "notice.acknowledge",
            subjectType: "bench",
            subjectId: `burst-${i}`,
            version: 1,
            recipientId: person.id,
          },
          same("Acknowledge"),
        );
        await sendNotice(
          tx,
          { kind: "bench", subjectType: "bench", subjectId: `burst-${i}`, version: 1 },
          [person],
          async () => ({ title: same("A notice"), fields: [], actions: [action] }),
        );
        made.push(action.token);
      }
      return made;
    });
    await db.prisma.notice.updateMany({ data: { status: "sent", sentAt: new Date() } });

    const { child, url, exited, log: stderrOf } = await serve(db.url, fake);
    const press = async (i: number): Promise<"acked" | "refused"> => {
      const { raw, contentType } = encode({
        payload: slackFixture("block_actions", {
          USER: "U0TEST001",
          TRIGGER: `${i + 1}.1772985600.burst`,
          ACTION_ID: "kp.press.1",
          VALUE: tokens[i],
          RESPONSE_URL: fake.responseUrl("press"),
          CHANNEL: "D0TEST001",
          TS: `1772985600.${String(i).padStart(6, "0")}`,
        }),
      });
      const headers = signedHeaders(raw, contentType, { timestamp: Math.floor(Date.now() / 1000) });
      try {
        const res = await fetch(`${url}/slack/events`, { method: "POST", headers, body: raw });
        await res.text();
        return res.status === 200 ? "acked" : "refused";
      } catch {
        return "refused"; // connection refused or closed: Slack retries such a request
      }
    };

    // Eight at a time; SIGTERM once a third have been sent.
    const results: ("acked" | "refused")[] = [];
    let next = 0;
    let killedAt = 0;
    const lane = async () => {
      while (next < PRESSES) {
        const i = next++;
        if (i === Math.floor(PRESSES / 3) && killedAt === 0) {
          killedAt = performance.now();
          child.kill("SIGTERM");
        }
        results[i] = await press(i);
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    const code = await exited;
    const stoppedMs = performance.now() - killedAt;

    const acked = results.filter((r) => r === "acked").length;
    expect(code).toBe(0);
    expect(stoppedMs).toBeLessThan(10_000);
    expect(acked).toBeGreaterThanOrEqual(Math.floor(PRESSES / 3) - 8);
    expect(acked).toBeLessThan(PRESSES); // the burst did outlive the server
    const used = await db.prisma.actionToken.count({ where: { id: { in: tokens }, usedAt: { not: null } } });
    expect(used).toBe(acked);
    expect(await db.prisma.inboundRequest.count({ where: { doneAt: null } })).toBe(0);

    const log = stderrOf()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string; outcome?: string; pressId?: string });
    expect(log.filter((l) => l.msg === "press" && l.outcome === "ok")).toHaveLength(acked);
    expect(log.filter((l) => l.msg === "press").every((l) => typeof l.pressId === "string")).toBe(true);
    // The setup gaps are read through the service's database after it listens, never after it closed.
    expect(log.map((l) => l.msg)).not.toContain("setup gaps not read");
    const steps = log.map((l) => l.msg).filter((m) => m.startsWith("shutdown"));
    expect(steps).toEqual([
      "shutdown requested",
      "shutdown: http closed",
      "shutdown: accepted presses acted on",
      "shutdown: scheduler stopped",
      "shutdown: dispatcher stopped, held notices released",
      "shutdown: background work settled",
      "shutdown: database closed",
      "shutdown complete",
    ]);
  });

  it("exits within 10 s even when Slack never answers, saying what it gave up on", { timeout: 120_000 }, async () => {
    const kernel = { ...composeKernel(new PrismaUnitOfWork(db), systemClock, "en"), cards };
    const token = await kernel.uow.run(async (tx) => {
      const person = (await tx.people.byId(bank.ids.hr))!;
      const action = await offer(
        tx,
        { action: "notice.acknowledge", subjectType: "bench", subjectId: "hung", version: 1, recipientId: person.id },
        same("Acknowledge"),
      );
      return action.token;
    });
    // Every answer to the press (card update, ephemeral message, home) hangs.
    for (const method of ["chat.update", "chat.postEphemeral", "chat.postMessage", "views.publish"])
      fake.fail(method, ...Array.from({ length: 10 }, () => ({ hang: true }) as const));
    const { child, url, exited, log } = await serve(db.url, fake);
    const { raw, contentType } = encode({
      payload: slackFixture("block_actions", {
        USER: "U0TEST001",
        TRIGGER: "9.1772985600.hung",
        ACTION_ID: "kp.press.1",
        VALUE: token,
        RESPONSE_URL: fake.responseUrl("press"),
        CHANNEL: "D0TEST001",
        TS: "1772985600.999999",
      }),
    });
    const headers = signedHeaders(raw, contentType, { timestamp: Math.floor(Date.now() / 1000) });
    expect((await fetch(`${url}/slack/events`, { method: "POST", headers, body: raw })).status).toBe(200);
    // The press is being acted on, its answer to Slack hanging.
    for (let i = 0; i < 200 && fake.calls.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const killedAt = performance.now();
    child.kill("SIGTERM");
    const code = await exited;
    const stoppedMs = performance.now() - killedAt;
    expect(code).toBe(1);
    expect(stoppedMs).toBeGreaterThanOrEqual(9_500);
    expect(stoppedMs).toBeLessThan(11_500);
    const lines = log()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((l) => l.msg)).toContain("shutdown deadline passed: exiting with work still open");
  });
});
