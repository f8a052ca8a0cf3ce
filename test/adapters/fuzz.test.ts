// 10,000 seeded bad requests over real HTTP to the running service: 5,000 to POST /slack/events
// and 5,000 to POST /api/messages (Teams with credentials set), mutated from real payloads or
// generated (docs: test/support/fuzz.ts). Signed and unsigned, forged and stale, with and without a
// valid Teams token. Afterwards: no 5xx and no dropped connection, the server still answers,
// nothing in the bank changed (leaves, audits, rotations, handovers, findings, used buttons,
// languages), RSS bounded. Prints the figure: payloads refused n/n.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackSignature } from "../../adapters/slack/slack-signature.ts";
import type { TestDatabase } from "../support/databases.ts";
import { int, mutate, oddValue, pickOne, prng, rawText, type Rand } from "../support/fuzz.ts";
import { slackFixture } from "../support/slack-fixtures.ts";
import { TEST_SIGNING_SECRET } from "../support/slack-requests.ts";
import { CLIENT_ID, TeamsWorld, fixture } from "../support/teams-world.ts";
import { slackWorld, type SlackWorld } from "./slack/slack-harness.ts";

const SEED = Number(process.env.KEYPOST_FUZZ_SEED ?? 20261206);
const PER_ROUTE = 5_000;
const CONCURRENCY = 8;

interface Outcome {
  readonly status: number;
  /** For a 5xx or a dropped connection: what was sent, to reproduce it. */
  readonly sent?: string;
}

async function send(url: string, body: string, headers: Record<string, string>): Promise<Outcome> {
  const sent = () => `${JSON.stringify(headers).slice(0, 300)} ${body.slice(0, 600)}`;
  try {
    const res = await fetch(url, { method: "POST", headers, body });
    await res.arrayBuffer();
    return res.status >= 500 ? { status: res.status, sent: sent() } : { status: res.status };
  } catch {
    return { status: 0, sent: sent() };
  }
}

async function runAll(count: number, make: (i: number) => () => Promise<Outcome>): Promise<Outcome[]> {
  const out: Outcome[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await make(i)();
      }
    }),
  );
  return out;
}

/** What a bad request must never change. */
async function bankState(db: Pick<TestDatabase, "prisma">): Promise<string> {
  const p = db.prisma;
  return JSON.stringify([
    await p.leave.count(),
    await p.audit.count(),
    await p.rotation.count(),
    await p.handover.count(),
    await p.finding.count(),
    await p.actionToken.count({ where: { usedAt: { not: null } } }),
    (await p.employee.findMany({ select: { id: true, locale: true }, orderBy: { id: "asc" } })).map((e) => e.locale),
  ]);
}

function summarise(route: string, outcomes: readonly Outcome[]) {
  const byStatus = new Map<number, number>();
  for (const o of outcomes) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  const refused = outcomes.filter((o) => o.status >= 400 && o.status < 500).length;
  const fivexx = outcomes.filter((o) => o.status >= 500 || o.status === 0).length;
  const statuses = [...byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`);
  for (const [i, o] of outcomes.entries()) if (o.sent) console.log(`fuzz ${route} #${i} → ${o.status}: ${o.sent}`);
  console.log(
    `fuzz ${route} (seed ${SEED}): payloads refused ${refused}/${outcomes.length}, ` +
      `accepted harmlessly ${outcomes.length - refused - fivexx}, 5xx or dropped ${fivexx} [${statuses.join(" ")}]`,
  );
  return { refused, fivexx };
}

describe("fuzzing POST /slack/events", () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await slackWorld("sqlite", "2026-03-02T02:00:00Z");
  });
  afterAll(async () => w?.close());

  it(`answers ${PER_ROUTE} seeded bad requests with no 5xx and changes nothing`, async () => {
    const r: Rand = prng(SEED);
    const now = Math.floor(w.clock.now().getTime() / 1000);
    const bases = [
      { kind: "json", value: slackFixture("message_im", { USER: w.user("holder"), CHANNEL: "D1", EVENT_ID: "Ev1" }) },
      { kind: "json", value: slackFixture("app_home_opened", { USER: w.user("holder"), EVENT_ID: "Ev2" }) },
      { kind: "json", value: slackFixture("url_verification", {}) },
      {
        kind: "payload",
        value: slackFixture("block_actions", {
          USER: w.user("holder"),
          TRIGGER: "1.2.3",
          ACTION_ID: "kp.press.1",
          VALUE: "no-such-token",
          RESPONSE_URL: w.fake.responseUrl("fuzz"),
          CHANNEL: "D1",
          TS: "1.1",
        }),
      },
      { kind: "payload", value: slackFixture("view_submission", { USER: w.user("holder"), VIEW_ID: "V1" }) },
      { kind: "form", value: slackFixture("slash_command", { USER: w.user("holder"), TEXT: "help" }) },
    ] as const;
    const before = await bankState(w.service.db);
    const rssBefore = process.memoryUsage().rss;
    const outcomes = await runAll(PER_ROUTE, (i) => {
      const base = pickOne(r, bases);
      const value = r() < 0.1 ? oddValue(r) : mutate(r, base.value);
      const inner = rawText(r, value);
      let raw: string;
      let contentType: string;
      if (base.kind === "json") [raw, contentType] = [inner, "application/json"];
      else if (base.kind === "payload")
        [raw, contentType] = [new URLSearchParams({ payload: inner }).toString(), "application/x-www-form-urlencoded"];
      else {
        const form = value && typeof value === "object" ? (value as Record<string, unknown>) : { x: value };
        raw = new URLSearchParams(Object.entries(form).map(([k, v]): [string, string] => [k, String(v)])).toString();
        contentType = "application/x-www-form-urlencoded";
      }
      if (int(r, 20) === 0) contentType = pickOne(r, ["text/plain", "application/json", "", "multipart/form-data"]);
      const mode = int(r, 10);
      const ts = mode === 7 ? now - 3600 : mode === 8 ? now + 3600 : now;
      const headers: Record<string, string> = { "content-type": contentType };
      if (mode !== 9) {
        headers["x-slack-request-timestamp"] = String(ts);
        // A unique signature per request (each a new request, not a replay): the body differs or the timestamp does.
        headers["x-slack-signature"] =
          mode === 6 ? `v0=${"0".repeat(64)}` : slackSignature(TEST_SIGNING_SECRET, ts - (i % 200), raw);
        if (mode < 6) headers["x-slack-request-timestamp"] = String(ts - (i % 200));
      }
      if (int(r, 4) === 0) headers["x-slack-retry-num"] = String(int(r, 5));
      return () => send(w.events, raw, headers);
    });
    await w.service.settled();
    const { fivexx } = summarise("/slack/events", outcomes);
    expect(fivexx).toBe(0);
    expect(await bankState(w.service.db)).toBe(before);
    expect((await fetch(`${w.service.url}/healthz`)).status).toBe(200);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024);
  }, 300_000);
});

describe("fuzzing POST /api/messages", () => {
  let world: TeamsWorld;
  beforeAll(async () => {
    world = await TeamsWorld.start("sqlite", { at: "2026-03-02T02:00:00Z", credentials: true });
  });
  afterAll(async () => world?.close());

  it(`answers ${PER_ROUTE} seeded bad requests with no 5xx and changes nothing`, async () => {
    const r: Rand = prng(SEED + 1);
    const bases = [
      fixture("message.personal", world.vars("holder", { text: "help" })),
      fixture("invoke.adaptive-card-action", world.vars("holder", { data: { kp: "home" }, verb: "home", title: "" })),
      fixture("installation-update.add", world.vars("holder")),
      fixture("conversation-update.bot-added", world.vars("holder")),
    ];
    const valid = world.connector.sign({ aud: CLIENT_ID, serviceurl: world.connector.serviceUrl });
    const otherBot = world.connector.sign({ aud: "00000000-1111-4222-8333-444444444444" });
    const before = await bankState(world.db);
    const rssBefore = process.memoryUsage().rss;
    const url = `${world.service.url}/api/messages`;
    const outcomes = await runAll(PER_ROUTE, () => {
      const value = r() < 0.1 ? oddValue(r) : mutate(r, pickOne(r, bases));
      const raw = rawText(r, value);
      const headers: Record<string, string> = { "content-type": "application/json" };
      const mode = int(r, 10);
      if (mode < 5) headers.authorization = `Bearer ${valid}`;
      else if (mode === 5) headers.authorization = `Bearer ${otherBot}`;
      else if (mode === 6) headers.authorization = "Bearer a.b.c";
      else if (mode === 7)
        headers.authorization = String(oddValue(r))
          .slice(0, 4000)
          .replace(/[^\x20-\x7e]/g, "");
      return () => send(url, raw, headers);
    });
    const { fivexx } = summarise("/api/messages", outcomes);
    expect(fivexx).toBe(0);
    expect(await bankState(world.db)).toBe(before);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024);
  }, 300_000);
});
