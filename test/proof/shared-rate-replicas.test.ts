// Issue #17, "platform rate limits shared across replicas … no tenant-wide 429", as a test (the
// rate itself, ≥ 0.95 of the allowed, stays a benchmark: `bench:fanout -- --replicas 3`). Three
// services on one PostgreSQL database — each its own HTTP server, connection pool, dispatcher, rate
// limiter and sender election, with Slack and Teams on against the fakes, which hold every channel,
// conversation and the Teams tenant to their limits counted across all connections — then a fan-out
// to both platforms. Each replica has its own Slack bot token and Teams login URL, so the fakes know
// which replica made each call. Asserted: the three platforms' sender leases end up on three
// different replicas (decision 17.s10r-2); every Slack post came from one replica and every Teams
// activity from another, one at a time; no 429 of any kind, tenant-wide included; each notice
// arrived once. The replicas are services in this test's process (whole `keypost serve` processes
// cost 10–20 s each to start under load: the bench and the chaos suite run those).
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeKernel } from "../../src/app/kernel/compose.ts";
import { openDatabase, type Database } from "../../src/infra/db/database.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { silentLogger } from "../../src/infra/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { same } from "../../src/ports/card.ts";
import { systemClock } from "../../src/ports/clock.ts";
import { testDatabaseUrl } from "../support/databases.ts";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";
import type { FakeLimit } from "../support/fake-platform.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { replicaEnv } from "../support/serve-replicas.ts";
import { TEST_BOT_TOKEN } from "../support/slack-requests.ts";
import { seedRecipient } from "../support/seed-recipient.ts";
import { seedSmallBank } from "../support/small-bank.ts";

const REPLICAS = 3;
const TENANT_RATE = 40;
const SLACK_LIMITS: readonly FakeLimit[] = [{ scope: "conversation", limit: 1, windowMs: 1000 }];
const TEAMS_LIMITS: readonly FakeLimit[] = [
  { scope: "conversation", limit: 7, windowMs: 1000 },
  { scope: "conversation", limit: 60, windowMs: 30_000 },
  { scope: "tenant", limit: TENANT_RATE, windowMs: 1000 },
];
/** Slack: 10 channels × 4 (4 s at one a second each); Teams: 12 conversations × 10 (120 at 40/s: 3 s). */
const SLACK = { conversations: 10, each: 4 };
const TEAMS = { conversations: 12, each: 10 };
const KEYS = ["slack", "teams", "log"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("three replicas on PostgreSQL share each platform's limits", () => {
  let url: string;
  let remove: () => Promise<void>;
  let db: Database;
  let slack: FakeSlack;
  let connector: FakeBotConnector;
  let checkpoints: string;
  const services: Service[] = [];

  beforeAll(async () => {
    ({ url, remove } = await testDatabaseUrl("postgres"));
    db = openDatabase(url);
    slack = await FakeSlack.start();
    slack.limitPosts(SLACK_LIMITS);
    connector = new FakeBotConnector();
    await connector.start();
    connector.limitActivities(TEAMS_LIMITS);
    checkpoints = mkdtempSync(join(tmpdir(), "keypost-shared-rate-"));
    await seedSmallBank(db);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(services.map((s) => s.close()));
    await slack?.close();
    await connector?.stop();
    await db?.close();
    await remove?.();
    if (checkpoints) rmSync(checkpoints, { recursive: true, force: true });
  });

  it("spreads the senders over the replicas; no 429, tenant-wide or other; every notice once", async () => {
    const began = performance.now();
    const loadBefore = loadavg()[0]!.toFixed(1);
    for (let r = 1; r <= REPLICAS; r += 1) {
      const env = replicaEnv({
        databaseUrl: url,
        checkpoints,
        slack,
        connector,
        extra: {
          KEYPOST_SCHEDULER: "off",
          LOG_LEVEL: "silent",
          TEAMS_TENANT_RATE: String(TENANT_RATE),
          SLACK_BOT_TOKEN: `${TEST_BOT_TOKEN}-r${r}`,
          TEAMS_LOGIN_URL: `${connector.url}/via-r${r}`,
        },
      });
      services.push(await startService(loadConfig(env), { log: silentLogger }));
    }
    // The first replica to beat took every platform; at its next beat it hands the others over, and
    // the replicas holding none take them (decision 17.s10r-2): within a few beats (5 s each).
    const holderOf = async () =>
      new Map(
        (await db.prisma.senderLease.findMany({ where: { leaseUntil: { gt: new Date() } } }))
          .filter((l) => KEYS.includes(l.key))
          .map((l) => [l.key, l.holder]),
      );
    let holders = await holderOf();
    for (let i = 0; i < 120 && !(holders.size === KEYS.length && new Set(holders.values()).size === REPLICAS); i += 1) {
      await sleep(250);
      holders = await holderOf();
    }
    const spreadS = (performance.now() - began) / 1000;
    expect(new Set(holders.values()).size).toBe(REPLICAS);

    // The fan-out, written by a fourth connection as a use case would: the senders find it by their polls.
    const unit = await db.prisma.orgUnit.findFirstOrThrow();
    const kernel = composeKernel(new PrismaUnitOfWork(db), systemClock, "en");
    const keys: { key: string; platform: "slack" | "teams" }[] = [];
    let k = 0;
    for (const [platform, mix] of [
      ["slack", SLACK],
      ["teams", TEAMS],
    ] as const) {
      for (let c = 0; c < mix.conversations; c += 1) {
        k += 1;
        const id = await seedRecipient(db, {
          unitId: unit.id,
          platform,
          tag: "sr",
          n: k,
          serviceUrl: connector.serviceUrl,
        });
        await kernel.uow.run(async (tx) => {
          for (let i = 0; i < mix.each; i += 1) {
            const key = `sr:${id}:${i}`;
            keys.push({ key, platform });
            await tx.outbox.enqueue(
              {
                dedupeKey: key,
                recipientId: id,
                kind: "bench",
                subjectType: "bench",
                subjectId: String(i),
                card: { title: same(key), fields: [], actions: [] },
              },
              [platform],
            );
          }
        });
      }
    }
    const fanoutAt = performance.now();
    for (let i = 0; i < 240; i += 1) {
      const open = await db.prisma.notice.count({ where: { kind: "bench", status: { not: "sent" } } });
      if (open === 0) break;
      await sleep(250);
    }
    const fanoutS = (performance.now() - fanoutAt) / 1000;

    // Which replica made each call: its Slack bot token; its Teams token (named by its login URL).
    const posts = slack.calls.filter((c) => c.method === "chat.postMessage");
    const activities = connector.sent.filter((r) => r.method === "POST");
    const slackFrom = new Set(posts.map((c) => /-r(\d)$/.exec(c.authorization ?? "")?.[1] ?? "?"));
    const teamsFrom = new Set(activities.map((r) => /fake-bot-token-r(\d)-/.exec(r.authorization ?? "")?.[1] ?? "?"));
    const arrived = new Map<string, number>();
    for (const c of posts) {
      const title = JSON.stringify(c.args.blocks ?? c.args.text ?? "");
      for (const { key } of keys.filter((x) => x.platform === "slack" && title.includes(x.key)))
        arrived.set(key, (arrived.get(key) ?? 0) + 1);
    }
    for (const r of activities) {
      const summary = String(r.body.summary ?? "");
      arrived.set(summary, (arrived.get(summary) ?? 0) + 1);
    }
    const lost = keys.filter((x) => (arrived.get(x.key) ?? 0) === 0).length;
    const duplicated = keys.filter((x) => (arrived.get(x.key) ?? 0) > 1).length;
    const refused = {
      slackChannel: slack.posts?.refused.conversation ?? 0,
      teamsConversation: connector.activities?.refused.conversation ?? 0,
      teamsTenant: connector.activities?.refused.tenant ?? 0,
    };
    console.log(
      `shared rate, ${REPLICAS} replicas on postgres: senders spread after ${spreadS.toFixed(1)} s (${KEYS.map((key) => `${key} ${holders.get(key)?.slice(0, 15)}`).join(", ")}); ` +
        `slack posts from replica ${[...slackFrom].join("+")}, teams activities from replica ${[...teamsFrom].join("+")}; ` +
        `${keys.length} notices in ${fanoutS.toFixed(1)} s, lost ${lost}, duplicated ${duplicated}; ` +
        `429s: slack per channel ${refused.slackChannel}, teams per conversation ${refused.teamsConversation}, tenant-wide ${refused.teamsTenant}; load ${loadBefore} → ${loadavg()[0]!.toFixed(1)}`,
    );
    expect(posts).toHaveLength(SLACK.conversations * SLACK.each);
    expect(activities).toHaveLength(TEAMS.conversations * TEAMS.each);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(refused).toEqual({ slackChannel: 0, teamsConversation: 0, teamsTenant: 0 });
    // One replica sent to each platform, and not the same one: the sending is spread.
    expect(slackFrom.size).toBe(1);
    expect(teamsFrom.size).toBe(1);
    expect([...slackFrom][0]).not.toBe([...teamsFrom][0]);
  });
});
