// npm run test:chaos — three real `keypost serve` processes against one PostgreSQL server, all
// ticking and all taking signed Slack and Teams presses from this test, while a fan-out of notices
// goes to a fake Slack and a fake Bot Connector (a quarter of the people are on Teams, held to Teams'
// per-conversation and tenant limits) on loopback. A seeded schedule kills a process with SIGKILL (20 times by
// default) and starts it again; then the PostgreSQL server itself goes away and comes back.
// Afterwards: every Slack notice is in Slack exactly once; every Teams notice reached Teams at most
// once, and one that did not reach it is one a kill left unknown (Teams cannot be read back, 17.s10f-2),
// given up and told to compliance once per officer; every acknowledged press was acted on once,
// no scheduled slot ran twice, `keypost verify-log` passes, and what a killed process held was
// taken up again within 30 s. One replica at a time is the elected sender of each platform
// (decision 17.18): every fifth kill is aimed at the Slack sender (and every fifth, two later, at the
// Teams sender), and another replica must hold its
// lease within 30 s. The fake Slack allows conversations.history 50 times a minute, as Slack's Tier 3
// does, and reconciliation must stay within it (17.19). Sizes: KEYPOST_CHAOS_NOTICES (2000), KEYPOST_CHAOS_KILLS (20),
// KEYPOST_CHAOS_SEED (17). Figures are printed as plain lines (docs/operations.md).
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serialiseRef } from "../../adapters/teams/conversation-ref.ts";
import { same } from "../../src/ports/card.ts";
import { GIVEN_UP } from "../../src/ports/delivery-queue.ts";
import { cards } from "../../src/app/catalog.ts";
import { composeKernel } from "../../src/app/kernel/compose.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import { systemClock } from "../../src/ports/clock.ts";
import { testDatabase, type TestDatabase } from "../support/databases.ts";
import { FakeBotConnector } from "../support/fake-bot-connector.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { encode, signedHeaders } from "../support/slack-requests.ts";
import { offerPresses, replicaEnv, ROOT, sendPress, startReplica, type Replica } from "../support/serve-replicas.ts";
import { seedSmallBank, type SmallBank } from "../support/small-bank.ts";
import { BOT_ID, CLIENT_ID, fixture, TENANT, teamsUser } from "../support/teams-world.ts";

const NOTICES = Number(process.env.KEYPOST_CHAOS_NOTICES ?? 2000);
const KILLS = Number(process.env.KEYPOST_CHAOS_KILLS ?? 20);
const SEED = Number(process.env.KEYPOST_CHAOS_SEED ?? 17);
const REPLICAS = 3;
const RECIPIENTS = 40;
/** Every fourth person is on Teams (a quarter of the fan-out); KEYPOST_CHAOS_TEAMS_EVERY changes it. */
const TEAMS_EVERY = Number(process.env.KEYPOST_CHAOS_TEAMS_EVERY ?? 4);
/** Teams' limits as the fan-out bench holds the fake to them: 7/s and 60/30 s per conversation, 90/s per tenant. */
const TEAMS_LIMITS = [
  { scope: "conversation", limit: 7, windowMs: 1000 },
  { scope: "conversation", limit: 60, windowMs: 30_000 },
  { scope: "tenant", limit: 90, windowMs: 1000 },
] as const;
const SLACK_PRESSES = 120;
const TEAMS_PRESSES = 40;
const LEASE_MS = 15_000;
/**
 * A dead replica's notice and press leases run out 15 s after their last heartbeat, its sender lease
 * too, and a live replica looks every 5 s: by design its work is taken up ~20 s after the kill, which
 * leaves room under load for the 30 s the issue asks (with 30 s leases it was 30 s by design, and
 * 41–47 s under load 21–32). KEYPOST_CHAOS_RESUME_S relaxes the bound explicitly, never by default.
 */
const RESUME_MS = Number(process.env.KEYPOST_CHAOS_RESUME_S ?? 30) * 1000;
/** The sender election's heartbeat: a third of its 15 s lease. */
const BEAT_MS = 5_000;
/** Slack's Tier 3: conversations.history about 50 times a minute. */
const HISTORY_PER_MINUTE = 50;

/** mulberry32: a small seeded generator, so a failing schedule can be run again. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);

describe("three replicas on PostgreSQL, killed at random, the database restarted", () => {
  let db: TestDatabase;
  let bank: SmallBank;
  let slack: FakeSlack;
  let connector: FakeBotConnector;
  let checkpoints: string;
  const replicas: Replica[] = [];
  const logs: string[] = [];
  /** The environment to resume PostgreSQL with while it is paused (resumed in afterAll if a step threw). */
  let paused: NodeJS.ProcessEnv | undefined;

  const serving = () => replicas.filter((r) => r.url && r.child.exitCode === null && r.child.signalCode === null);

  /** Starts (or starts again) the replica in `slot`; its URL is known once it says where it listens. */
  function start(slot: number): Replica {
    const env = replicaEnv({
      databaseUrl: db.url,
      checkpoints,
      slack,
      connector,
      extra: { LOG_LEVEL: "debug" },
    });
    const replica = startReplica(slot, env, (r) => logs.push(r.log));
    replicas[slot] = replica;
    return replica;
  }

  beforeAll(async () => {
    db = await testDatabase("postgres");
    bank = await seedSmallBank(db);
    slack = await FakeSlack.start();
    slack.limitPerMinute("conversations.history", HISTORY_PER_MINUTE);
    connector = new FakeBotConnector();
    connector.limitActivities(TEAMS_LIMITS);
    await connector.start();
    checkpoints = mkdtempSync(join(tmpdir(), "keypost-chaos-"));
    await db.prisma.chatIdentity.create({
      data: {
        id: "teams-hr",
        employeeId: bank.ids.hr,
        platform: "teams",
        externalId: teamsUser("hr").aadObjectId,
        tenantId: "",
      },
    });
  }, 120_000);

  afterAll(async () => {
    if (paused) await run("bash", [join(ROOT, ".ci", "postgres.sh"), "resume"], { env: paused });
    for (const r of replicas) if (r && r.child.exitCode === null) r.child.kill("SIGKILL");
    // KEYPOST_CHAOS_LOG_DIR=<dir> keeps every process's log there, one file per process started.
    if (process.env.KEYPOST_CHAOS_LOG_DIR) {
      const all = [...logs, ...replicas.filter((r) => r && !logs.includes(r.log)).map((r) => r.log)];
      all.forEach((text, n) => writeFileSync(join(process.env.KEYPOST_CHAOS_LOG_DIR!, `replica-${n}.log`), text));
    }
    await slack?.close();
    await connector?.stop();
    await db?.drop();
    rmSync(checkpoints, { recursive: true, force: true });
  });

  it(
    "loses nothing, does nothing twice, and takes up a dead process's work within 30 s",
    { timeout: 900_000 },
    async () => {
      // Two generators: the kill schedule does not depend on how many presses went out meanwhile.
      // Where the suite's time goes, printed as one line (decision 17.s9c-2).
      const phases: [string, number][] = [];
      let lastMark = performance.now();
      const mark = (name: string) => {
        const now = performance.now();
        phases.push([name, now - lastMark]);
        lastMark = now;
      };
      const random = seeded(SEED);
      const pressRandom = seeded(SEED + 1);
      const kernel = { ...composeKernel(new PrismaUnitOfWork(db), systemClock, "en"), cards };
      const loadAtStart = loadavg()[0]!.toFixed(1);

      // Presses: one single-use button per press, each acknowledging its own subject.
      const presses = await offerPresses(kernel, bank.ids.hr, { slack: SLACK_PRESSES, teams: TEAMS_PRESSES });
      // The press notices count as delivered already: the fan-out below is what is counted.
      await db.prisma.notice.updateMany({ data: { status: "sent", sentAt: new Date() } });

      // The fan-out: NOTICES notices to RECIPIENTS people, three in four on Slack (1 message/s per
      // conversation), one in four on Teams (TEAMS_LIMITS).
      const unit = await db.prisma.orgUnit.findFirstOrThrow();
      const recipients: { id: string; platform: "slack" | "teams" }[] = [];
      for (let n = 0; n < RECIPIENTS; n++) {
        const id = randomUUID();
        const platform = n % TEAMS_EVERY === TEAMS_EVERY - 1 ? "teams" : "slack";
        await db.prisma.employee.create({ data: { id, code: `E-CHAOS-${n}`, name: `员工${n}`, unitId: unit.id } });
        const externalId = platform === "slack" ? `U0CHAOS${n}` : randomUUID();
        const conversationRef =
          platform === "teams"
            ? serialiseRef({
                serviceUrl: connector.serviceUrl,
                conversationId: `a:chaos-${n}`,
                tenantId: TENANT,
                botId: BOT_ID,
                userId: `29:chaos-${n}`,
                aadObjectId: externalId,
              })
            : null;
        await db.prisma.chatIdentity.create({
          data: { id: randomUUID(), employeeId: id, platform, externalId, tenantId: "", conversationRef },
        });
        recipients.push({ id, platform });
      }
      for (let start = 0; start < NOTICES; start += 500) {
        await kernel.uow.run(async (tx) => {
          for (let i = start; i < Math.min(NOTICES, start + 500); i++) {
            const recipient = recipients[i % RECIPIENTS]!;
            await tx.outbox.enqueue(
              {
                dedupeKey: `chaos:${i}`,
                recipientId: recipient.id,
                kind: "chaos-fanout",
                subjectType: "chaos-fanout",
                subjectId: String(i),
                card: { title: same(`Notice ${i}`), fields: [], actions: [] },
              },
              [recipient.platform],
            );
          }
        });
      }
      const fanout = await db.prisma.notice.findMany({
        where: { kind: "chaos-fanout" },
        select: { id: true, platform: true, subjectId: true },
      });
      /** Not final yet: waiting, being sent, or unknown and still to be reconciled (a given-up one is final). */
      const OPEN = {
        kind: "chaos-fanout",
        OR: [{ status: { in: ["pending", "sending"] } }, { status: "unknown", nextAttemptAt: { lt: GIVEN_UP } }],
      };
      expect(fanout).toHaveLength(NOTICES);

      mark("seeding");
      const began = performance.now();
      for (let slot = 0; slot < REPLICAS; slot++) start(slot);
      await Promise.all(replicas.map((r) => r.ready));
      const startedMs = performance.now() - began;
      mark("replicas up");

      // What a killed process held: the notices and presses under lease when it died, and when each was taken up again.
      const watches: {
        at: number;
        notices: Map<string, number>;
        inbox: Map<string, number>;
        sender: string;
        resumedMs?: number;
        /** What was still held at the last look before it resumed: notices, presses or both. */
        last?: string;
        /** The kill's wall-clock time (to find it in the processes' logs). */
        wall?: string;
        /** A sender's kill: when another replica held its Slack lease. */
        takeover?: { ms?: number };
      }[] = [];
      let killing = true;
      const watchLoop = (async () => {
        while (killing || watches.some((w) => w.resumedMs === undefined)) {
          await sleep(250);
          for (const w of watches.filter((x) => x.resumedMs === undefined)) {
            const notices = await db.prisma.notice.findMany({
              where: { id: { in: [...w.notices.keys()] } },
              select: { id: true, status: true, nextAttemptAt: true },
            });
            const inbox = await db.prisma.inboundRequest.findMany({
              where: { key: { in: [...w.inbox.keys()] } },
              select: { key: true, doneAt: true, leaseUntil: true },
            });
            const noticesHeld = notices.some(
              (n) => n.status === "sending" && n.nextAttemptAt.getTime() === w.notices.get(n.id),
            );
            const pressesHeld = inbox.some((r) => r.doneAt === null && r.leaseUntil?.getTime() === w.inbox.get(r.key));
            if (!noticesHeld && !pressesHeld) w.resumedMs = performance.now() - w.at;
            else w.last = [noticesHeld ? "notices" : "", pressesHeld ? "presses" : ""].filter(Boolean).join("+");
          }
        }
      })();

      // Presses: a steady stream at live replicas, Slack and Teams interleaved, until every button was pressed.
      type Outcome = "acked" | "refused";
      const outcomes = new Map<string, Outcome>();
      const statusesSeen = new Map<string, number>();
      const saw = (what: string) => statusesSeen.set(what, (statusesSeen.get(what) ?? 0) + 1);
      const pressOne = async (p: (typeof presses)[number], i: number): Promise<Outcome> => {
        let live = serving();
        while (live.length === 0) {
          await Promise.race(replicas.map((r) => r.ready.catch(() => undefined)));
          live = serving();
        }
        const target = live[Math.floor(pressRandom() * live.length)];
        if (!target?.url) return "refused";
        try {
          const status = await sendPress(target.url, p, i, { slack, connector });
          saw(`${p.platform} ${status}`);
          return status === 200 ? "acked" : "refused";
        } catch {
          saw("connection lost");
          return "refused"; // the process died under the request: the platform retries such a request
        }
      };
      const pressLoop = (async () => {
        const order = presses.map((p, i) => ({ p, i })).sort(() => pressRandom() - 0.5);
        const lanes = Array.from({ length: 4 }, async (_, lane) => {
          for (let k = lane; k < order.length; k += 4) {
            const { p, i } = order[k]!;
            outcomes.set(p.token, await pressOne(p, i));
            await sleep(250 + pressRandom() * 500);
          }
        });
        await Promise.all(lanes);
      })();

      /** A replica's "sender election" log lines, in order: its election name, what it gained, when. */
      type Election = { holder?: string; gained?: string[]; time?: string };
      const elections = (r: Replica): Election[] =>
        r.log
          .split("\n")
          .filter((line) => line.includes('"msg":"sender election"'))
          .map((line) => JSON.parse(line) as Election);
      /** The last line in which a replica gained a platform's lease. */
      const lastGain = (r: Replica, platform: string): Election | undefined =>
        elections(r).findLast((entry) => entry.gained?.includes(platform));
      // The Slack sender: the replica whose log says it gained "slack" last, and still holds the lease.
      const holderOf = (r: Replica): string | undefined => lastGain(r, "slack")?.holder;
      const senderOf = async (key: "slack" | "teams"): Promise<string | undefined> => {
        const row = await db.prisma.senderLease.findUnique({ where: { key } });
        return row && row.leaseUntil.getTime() > Date.now() ? row.holder : undefined;
      };
      const slackSender = () => senderOf("slack");
      /** When a replica last gained a platform's lease, by its own log (epoch ms). */
      const gainedAt = (r: Replica, platform: string): number | undefined => {
        const time = lastGain(r, platform)?.time;
        return time ? new Date(time).getTime() : undefined;
      };
      const holdsTeams = (r: Replica, holder: string | undefined): boolean =>
        holder !== undefined && elections(r).some((entry) => entry.holder === holder);
      const takeovers: { from: string; ms?: number }[] = [];
      const takeoverLoop = async (from: string, at: number) => {
        const t = { from } as { from: string; ms?: number };
        takeovers.push(t);
        for (;;) {
          const now = await slackSender().catch(() => from);
          if (now !== undefined && now !== from) {
            t.ms = performance.now() - at;
            return;
          }
          if (performance.now() - at > 120_000) return;
          await sleep(250);
        }
      };
      const takeoverWatches: Promise<void>[] = [];
      /** Notices a dead sender held that passed, untouched, to a later kill's watch (see below). */
      let handedOn = 0;

      // Kills at seeded random points; each killed replica is started again at once.
      const kills: { slot: number; atMs: number; duringFanout: boolean; sender: boolean; teamsSender: boolean }[] = [];
      for (let k = 0; k < KILLS; k++) {
        await sleep(500 + random() * 2500);
        // One replica at least keeps serving (a rolling failure, as a load balancer sees one).
        const live = serving();
        if (live.length < 2) {
          await Promise.race(replicas.filter((r) => !r.url).map((r) => r.ready.catch(() => undefined)));
          k--;
          continue;
        }
        // Every fifth kill is aimed at the Slack sender (if it is serving), every fifth two later at the
        // Teams sender; the others fall where they fall.
        const sender = await slackSender();
        const teamsSender = await senderOf("teams");
        const aimed =
          k % 5 === 0
            ? live.find((r) => sender !== undefined && holderOf(r) === sender)
            : k % 5 === 2
              ? live.find((r) => holdsTeams(r, teamsSender))
              : undefined;
        const picked = live[Math.floor(random() * live.length)]!;
        const victim = aimed ?? picked;
        const wasSender = sender !== undefined && holderOf(victim) === sender;
        const wasTeamsSender = holdsTeams(victim, teamsSender);
        const exited = new Promise((resolve) => victim.child.once("exit", resolve));
        victim.child.kill("SIGKILL");
        await exited;
        const at = performance.now();
        const now = new Date();
        const held = await db.prisma.notice.findMany({
          where: { status: "sending" },
          select: { id: true, nextAttemptAt: true, platform: true },
        });
        const leased = await db.prisma.inboundRequest.findMany({
          where: { doneAt: null, leaseUntil: { gt: now } },
          select: { key: true, leaseUntil: true },
        });
        const open = await db.prisma.notice.count({ where: OPEN });
        kills.push({
          slot: victim.slot,
          atMs: at - began,
          duringFanout: open > 0,
          sender: wasSender,
          teamsSender: wasTeamsSender,
        });
        if (wasSender) takeoverWatches.push(takeoverLoop(sender, at));
        // Only a platform's sender holds its fan-out notices (decision 17.18): another victim held none,
        // and the rows in `sending` then are the live senders'. Presses cannot be told apart: all leased ones count.
        const platforms = [wasSender ? "slack" : "", wasTeamsSender ? "teams" : ""];
        const notices = new Map(
          held.filter((n) => platforms.includes(n.platform)).map((n) => [n.id, n.nextAttemptAt.getTime()]),
        );
        // A dead sender's rows still under its lease, and now the sender that took its platform over is
        // killed within a beat of taking it, before it could sweep them: they are that sender's work now,
        // measured from this kill (this watch has them); the earlier watch keeps its other rows and its
        // presses (any replica takes those). A taker that sat on them longer is no excuse: no hand-on.
        // The same for the Teams lease (decision 17.s11r-5): a Teams taker killed within a beat of taking
        // over measured 30.1 s from the first kill (load 7.2 → 4.3), 16.6 s from its own.
        const tookAt = Math.max(
          (wasSender ? gainedAt(victim, "slack") : undefined) ?? -Infinity,
          (wasTeamsSender ? gainedAt(victim, "teams") : undefined) ?? -Infinity,
        );
        const justTook = now.getTime() - tookAt <= BEAT_MS;
        for (const w of justTook ? watches.filter((x) => x.resumedMs === undefined) : [])
          for (const [id, lease] of w.notices)
            if (notices.get(id) === lease) {
              w.notices.delete(id);
              handedOn += 1;
            }
        watches.push({
          at,
          notices,
          inbox: new Map(leased.map((r) => [r.key, r.leaseUntil!.getTime()])),
          sender: platforms.filter(Boolean).join("+"),
          wall: now.toISOString(),
          ...(wasSender ? { takeover: takeovers.at(-1) } : {}),
        });
        start(victim.slot);
      }
      killing = false;
      mark("kills");
      await pressLoop;
      mark("presses done");
      await Promise.all(replicas.map((r) => r.ready));
      await watchLoop;
      await Promise.all(takeoverWatches);
      mark("leases taken up");

      // The database goes away and comes back.
      const pgPort = new URL(process.env.KEYPOST_TEST_PG_URL!).port;
      const pgEnv = { ...process.env, KEYPOST_PG_PORT: pgPort };
      const probe = replicas[0]!.url!;
      await run("bash", [join(ROOT, ".ci", "postgres.sh"), "pause"], { env: pgEnv });
      paused = pgEnv;
      // A failed request is a status 0 with its cause (printed below), never a throw that would leave
      // the server paused and the replicas' logs unwritten.
      const timed = async (path: string, init?: RequestInit) => {
        const t = performance.now();
        try {
          const res = await fetch(`${probe}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
          await res.text();
          return { status: res.status, ms: performance.now() - t, error: "" };
        } catch (e) {
          const cause = (e as { cause?: { code?: string } }).cause?.code ?? String(e);
          return { status: 0, ms: performance.now() - t, error: ` (${cause})` };
        }
      };
      const livez = await timed("/livez");
      const forged = encode({ json: { type: "event_callback", event: { type: "app_home_opened" } } });
      const forgedAnswer = await timed("/slack/events", {
        method: "POST",
        headers: signedHeaders(forged.raw, forged.contentType, {
          timestamp: Math.floor(Date.now() / 1000),
          signature: "v0=0000",
        }),
        body: forged.raw,
      });
      const readyz = await timed("/readyz");
      const lateTeams = fixture("message.personal", {
        ...teamsUser("hr"),
        activityId: "f:chaos-db-away",
        serviceUrl: connector.serviceUrl,
        tenantId: TENANT,
        botId: BOT_ID,
        locale: "en-US",
        text: "help",
      });
      const needsDb = await timed("/api/messages", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${connector.sign({ aud: CLIENT_ID, serviceurl: connector.serviceUrl })}`,
        },
        body: JSON.stringify(lateTeams),
      });
      await run("bash", [join(ROOT, ".ci", "postgres.sh"), "resume"], { env: pgEnv });
      paused = undefined;
      const back = performance.now();
      let recoveredMs = -1;
      for (let i = 0; i < 120 && recoveredMs < 0; i++) {
        const r = await timed("/readyz").catch(() => ({ status: 0, ms: 0 }));
        if (r.status === 200) recoveredMs = performance.now() - back;
        else await sleep(250);
      }

      mark("PostgreSQL away and back");
      // Everything settles: every fan-out notice final.
      for (let i = 0; i < 960; i++) {
        const open = await db.prisma.notice.count({ where: OPEN }).catch(() => 1);
        if (open === 0) break;
        await sleep(500);
      }
      const fanoutMs = performance.now() - began;
      mark("fan-out final");
      const probed = replicas[0]!.child;
      const probeExit =
        probed.exitCode !== null || probed.signalCode !== null
          ? `; the probed replica had exited (${probed.exitCode ?? probed.signalCode})`
          : "";
      for (const r of replicas) r.child.kill("SIGTERM");
      await Promise.all(
        replicas.map(
          (r) => new Promise((resolve) => (r.child.exitCode !== null ? resolve(0) : r.child.once("exit", resolve))),
        ),
      );

      // Notices: counted where they arrived.
      const arrived = new Map<string, number>();
      for (const m of slack.messages) {
        const id = (m.metadata as { event_payload?: { notice_id?: string } } | undefined)?.event_payload?.notice_id;
        if (id) arrived.set(id, (arrived.get(id) ?? 0) + 1);
      }
      const onSlack = fanout.filter((n) => n.platform === "slack");
      const lost = onSlack.filter((n) => (arrived.get(n.id) ?? 0) === 0).length;
      const duplicated = onSlack.filter((n) => (arrived.get(n.id) ?? 0) > 1).length;
      // Teams: counted where they arrived, by the card's summary ("Notice i"); Teams cannot be read
      // back, so a notice a kill left unknown is given up and told to compliance (delivery.unknown).
      const teamsArrived = new Map<string, number>();
      for (const r of connector.sent) {
        if (r.method !== "POST") continue;
        const summary = String((r.body as { summary?: unknown }).summary ?? "");
        teamsArrived.set(summary, (teamsArrived.get(summary) ?? 0) + 1);
      }
      const onTeams = fanout.filter((n) => n.platform === "teams");
      const teamsRows = new Map(
        (
          await db.prisma.notice.findMany({
            where: { id: { in: onTeams.map((n) => n.id) } },
            select: { id: true, status: true, nextAttemptAt: true },
          })
        ).map((r) => [r.id, r]),
      );
      const told = await db.prisma.notice.groupBy({
        by: ["subjectId", "recipientId"],
        where: { kind: "delivery.unknown", subjectType: "notice", subjectId: { in: onTeams.map((n) => n.id) } },
        _count: true,
      });
      const tellers = new Map<string, number>();
      for (const t of told) tellers.set(t.subjectId, (tellers.get(t.subjectId) ?? 0) + 1);
      const toldTwice = told.filter((t) => t._count > 1).length;
      const arrivals = (n: { subjectId: string }) => teamsArrived.get(`Notice ${n.subjectId}`) ?? 0;
      const givenUp = onTeams.filter((n) => {
        const row = teamsRows.get(n.id);
        return row?.status === "unknown" && row.nextAttemptAt.getTime() === GIVEN_UP.getTime();
      });
      const teamsDuplicated = onTeams.filter((n) => arrivals(n) > 1).length;
      const teamsDelivered = onTeams.filter((n) => teamsRows.get(n.id)?.status === "sent" && arrivals(n) === 1).length;
      const givenUpArrived = givenUp.filter((n) => arrivals(n) === 1).length;
      const givenUpUntold = givenUp.filter((n) => (tellers.get(n.id) ?? 0) === 0).length;
      // Lost on Teams: neither delivered nor given up and told (a `sent` row that never arrived, a failed one…).
      const teamsLost = onTeams.length - teamsDelivered - (givenUp.length - givenUpUntold);
      // Given up although it never reached Teams: the kill came between the mark and the request (rare).
      const givenUpUnsent = givenUp.length - givenUpArrived;
      const statuses = await db.prisma.notice.groupBy({
        by: ["status"],
        where: { kind: "chaos-fanout" },
        _count: true,
      });

      // Presses: every acknowledged one acted on exactly once; none acted on twice.
      const acted = await db.prisma.auditLogEntry.groupBy({
        by: ["subjectId"],
        where: { action: "notice.acknowledged", subjectType: "chaos" },
        _count: true,
      });
      const actedCount = new Map(acted.map((a) => [a.subjectId, a._count]));
      const acked = presses.filter((p) => outcomes.get(p.token) === "acked");
      const ackedOnce = acked.filter((p) => actedCount.get(p.subjectId) === 1).length;
      const actedTwice = [...actedCount.values()].filter((c) => c > 1).length;

      // Scheduled slots: claimed once (a unique row); "ran" by the logs of every process, never twice.
      const slots = await db.prisma.scheduledSlot.findMany();
      const ranLines = new Map<string, number>();
      for (const text of logs) {
        for (const line of text.split("\n")) {
          if (!line.includes('"msg":"tick"')) continue;
          const entry = JSON.parse(line) as { ran?: { job: string; slot: string }[] };
          for (const r of entry.ran ?? [])
            ranLines.set(`${r.job}@${r.slot}`, (ranLines.get(`${r.job}@${r.slot}`) ?? 0) + 1);
        }
      }
      const finished = slots.filter((s) => s.finishedAt !== null).length;
      const ranTwice = [...ranLines.values()].filter((c) => c > 1).length;
      const claimers = new Set(slots.map((s) => s.claimedBy)).size;

      const verify = await run(process.execPath, [join(ROOT, "bin", "keypost.js"), "verify-log"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, DATABASE_URL: db.url, KEYPOST_LOG_CHECKPOINT_DIR: checkpoints },
      }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code?: number; stdout?: string; stderr?: string }) => ({
          code: e.code ?? 1,
          out: `${e.stdout}${e.stderr}`,
        }),
      );

      mark("stopped, counted, verify-log");
      const resumed = watches.map((w) => w.resumedMs ?? Infinity);
      const worstResume = Math.max(0, ...resumed);
      const slowest = [...watches]
        .sort((a, b) => (b.resumedMs ?? Infinity) - (a.resumedMs ?? Infinity))
        .slice(0, 3)
        .map(
          (w) =>
            `${((w.resumedMs ?? Infinity) / 1000).toFixed(1)} s ${w.last ?? "-"}${w.sender ? ` (${w.sender} sender` : ""}${w.sender ? `, ${w.notices.size} held${w.takeover ? `, Slack lease taken at ${((w.takeover.ms ?? Infinity) / 1000).toFixed(1)} s` : ""}${process.env.KEYPOST_CHAOS_LOG_DIR ? `, killed ${w.wall}` : ""})` : ""}`,
        );
      const duringFanout = kills.filter((k) => k.duringFanout).length;
      const worstTakeover = Math.max(0, ...takeovers.map((t) => t.ms ?? Infinity));
      const historyCalls = slack.callsOf("conversations.history").length;
      const historyPeak = slack.peakPerMinute("conversations.history");
      const lines = [
        `chaos: ${REPLICAS} replicas on PostgreSQL, seed ${SEED}; load average ${loadAtStart} → ${loadavg()[0]!.toFixed(1)}; replicas serving after ${(startedMs / 1000).toFixed(1)} s`,
        `slots run once ${finished}/${slots.length} (claimed by ${claimers} processes; ${slots.length - finished} claimed by a process killed mid-job; ran twice ${ranTwice})`,
        `notices lost ${lost}, duplicated ${duplicated} (Slack, of ${onSlack.length}; all ${NOTICES}: ${statuses.map((s) => `${s.status} ${s._count}`).join(", ")}; all final after ${(fanoutMs / 1000).toFixed(1)} s)`,
        `teams notices delivered ${teamsDelivered}/${onTeams.length}, duplicated ${teamsDuplicated}, lost ${teamsLost}; left unknown by a kill and given up ${givenUp.length} (${givenUpArrived} of them had arrived, ${givenUpUnsent} had not), each told to compliance (untold ${givenUpUntold}, told twice ${toldTwice}); ${connector.sent.filter((r) => r.method === "POST").length} sends, 429s provoked ${connector.activities?.refused.conversation ?? 0} per conversation, ${connector.activities?.refused.tenant ?? 0} tenant-wide`,
        `kills survived ${kills.length}/${KILLS} (${duringFanout} during the fan-out); work of a dead process taken up within ${(worstResume / 1000).toFixed(1)} s (lease ${LEASE_MS / 1000} s; slowest: ${slowest.join(", ")}); ${handedOn} notices passed to a later kill's watch (their taker was killed before taking them up)`,
        `sender kills ${takeovers.length} (the Slack sender killed; every fifth kill aimed at it): another replica held its lease within ${(worstTakeover / 1000).toFixed(1)} s at worst`,
        `presses acted once ${ackedOnce}/${acked.length} acknowledged (of ${presses.length} pressed: ${[...statusesSeen].map(([k, v]) => `${k} ×${v}`).join(", ")}; acted twice ${actedTwice}); conversations.history calls ${historyCalls}, worst minute ${historyPeak} (Tier 3: ${HISTORY_PER_MINUTE}), answered ratelimited ${slack.rateLimited.length}`,
        `PostgreSQL away: /livez ${livez.status}${livez.error} in ${livez.ms.toFixed(0)} ms, forged signature ${forgedAnswer.status}${forgedAnswer.error} in ${forgedAnswer.ms.toFixed(0)} ms, /readyz ${readyz.status}${readyz.error} in ${readyz.ms.toFixed(0)} ms, a Teams message ${needsDb.status}${needsDb.error} in ${needsDb.ms.toFixed(0)} ms; ready again ${(recoveredMs / 1000).toFixed(1)} s after it came back${probeExit}`,
        `verify-log: exit ${verify.code} ${verify.out.trim().split("\n").at(-1)}`,
        `time: ${phases.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(", ")}`,
      ];
      for (const line of lines) console.log(line);

      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      if (TEAMS_EVERY > 0) expect(onTeams.length).toBeGreaterThan(0);
      expect(teamsDuplicated).toBe(0);
      expect(teamsLost).toBe(0);
      expect(givenUpUntold).toBe(0);
      expect(toldTwice).toBe(0);
      expect(actedTwice).toBe(0);
      expect(ackedOnce).toBe(acked.length);
      expect(acked.length).toBeGreaterThan(presses.length / 2);
      expect(ranTwice).toBe(0);
      expect(kills).toHaveLength(KILLS);
      expect(worstResume).toBeLessThanOrEqual(RESUME_MS);
      expect(takeovers.length).toBeGreaterThan(0);
      expect(worstTakeover).toBeLessThanOrEqual(RESUME_MS);
      expect(historyPeak).toBeLessThanOrEqual(HISTORY_PER_MINUTE);
      expect(verify.code).toBe(0);
      expect(livez).toMatchObject({ status: 200 });
      expect(livez.ms).toBeLessThan(1000);
      expect(forgedAnswer.status).toBe(401);
      expect(forgedAnswer.ms).toBeLessThan(1000);
      expect(readyz.status).toBe(503);
      expect(readyz.ms).toBeLessThan(1000);
      expect(needsDb.status).toBe(503);
      expect(needsDb.ms).toBeLessThan(1000);
      expect(recoveredMs).toBeGreaterThanOrEqual(0);
    },
  );
});
