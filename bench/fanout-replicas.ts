// `npm run bench:fanout -- --replicas N`: the fan-out through N whole `keypost serve` processes on one
// PostgreSQL database (KEYPOST_TEST_PG_URL), each ticking, dispatching and taking Slack and Teams
// presses, as production runs replicas (test/support/serve-replicas.ts, shared with the chaos suite).
// The platforms are the fakes that speak Slack's Web API and the Bot Connector's API, holding
// chat.postMessage and Teams activities to the limits counted across every connection: Slack one
// message a second per channel; Teams 7/s and 60/30 s per conversation and TEAMS_TENANT_RATE (90/s)
// for the tenant. One elected sender per platform (decision 17.18) must keep the replicas together
// within those limits — no tenant-wide 429 — at ≥ 0.95 of the rate they allow.
//
// The notices are written before the replicas start, due an hour later; once every replica serves
// and each platform has its sender, they are all made due at once and the clock starts (a running
// service has its connections open and its sender elected before a fan-out comes). Meanwhile a
// signed press goes to each replica in turn, Slack and Teams alternating, every 250 ms.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { same } from "../src/ports/card.ts";
import { composeKernel } from "../src/app/kernel/compose.ts";
import { openDatabase } from "../src/infra/db/database.ts";
import { migrate } from "../src/infra/db/migrator.ts";
import { PrismaUnitOfWork } from "../src/infra/db/prisma-unit-of-work.ts";
import { systemClock } from "../src/ports/clock.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { FakeBotConnector } from "../test/support/fake-bot-connector.ts";
import type { FakeLimit } from "../test/support/fake-platform.ts";
import { FakeSlack } from "../test/support/fake-slack.ts";
import { offerPresses, replicaEnv, sendPress, startReplica, type Replica } from "../test/support/serve-replicas.ts";
import { seedSmallBank } from "../test/support/small-bank.ts";
import { seedRecipient } from "../test/support/seed-recipient.ts";
import { teamsUser } from "../test/support/teams-world.ts";

const SLACK_LIMITS: readonly FakeLimit[] = [{ scope: "conversation", limit: 1, windowMs: 1000 }];
const TEAMS_TENANT_RATE = 90;
const TEAMS_LIMITS: readonly FakeLimit[] = [
  { scope: "conversation", limit: 7, windowMs: 1000 },
  { scope: "conversation", limit: 60, windowMs: 30_000 },
  { scope: "tenant", limit: TEAMS_TENANT_RATE, windowMs: 1000 },
];
/** Slack: 100 channels × 50; Teams: 20 busy conversations × 100 (60/30 s binds there) and 60 × 50. */
const SLACK_MIX = [{ conversations: 100, each: 50 }];
const TEAMS_MIX = [
  { conversations: 20, each: 100 },
  { conversations: 60, each: 50 },
];

const floorMs = (n: number, limit: FakeLimit) => (Math.ceil(n / limit.limit) - 1) * limit.windowMs;

function allowedMs(
  limits: readonly FakeLimit[],
  mix: readonly { conversations: number; each: number }[],
): { ms: number; binding: string } {
  const total = mix.reduce((sum, m) => sum + m.conversations * m.each, 0);
  let best = { ms: 0, binding: "" };
  for (const limit of limits) {
    const ms = limit.scope === "tenant" ? floorMs(total, limit) : Math.max(...mix.map((m) => floorMs(m.each, limit)));
    if (ms > best.ms) best = { ms, binding: `${limit.scope} ${limit.limit}/${limit.windowMs / 1000} s` };
  }
  return best;
}

/** CPU seconds (user + system, all threads) a process has used so far (Linux /proc; 0 elsewhere). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () => loadavg()[0]?.toFixed(1) ?? "?";

export async function runWithServeReplicas(n: number): Promise<void> {
  const { url, remove } = await emptyDatabaseUrl("postgres");
  await migrate(url);
  const db = openDatabase(url);
  const slack = await FakeSlack.start();
  slack.limitPosts(SLACK_LIMITS);
  const connector = new FakeBotConnector();
  await connector.start();
  connector.limitActivities(TEAMS_LIMITS);
  const checkpoints = mkdtempSync(join(tmpdir(), "keypost-bench-"));
  const replicas: Replica[] = [];
  try {
    // The small bank gives the HR officer who presses (Slack U0TEST001; Teams: the cast's "hr").
    const bank = await seedSmallBank(db);
    await db.prisma.chatIdentity.create({
      data: { id: randomUUID(), employeeId: bank.ids.hr, platform: "teams", externalId: teamsUser("hr").aadObjectId },
    });
    const kernel = composeKernel(new PrismaUnitOfWork(db), systemClock, "en");
    const presses = await offerPresses(kernel, bank.ids.hr, { slack: 200, teams: 200 }, "bench-press");
    await db.prisma.notice.updateMany({ data: { status: "sent", sentAt: new Date() } });

    const unit = await db.prisma.orgUnit.findFirstOrThrow();
    const recipients: { id: string; platform: "slack" | "teams"; each: number }[] = [];
    let k = 0;
    for (const [platform, mix] of [
      ["slack", SLACK_MIX],
      ["teams", TEAMS_MIX],
    ] as const) {
      for (const m of mix) {
        for (let c = 0; c < m.conversations; c += 1) {
          k += 1;
          const id = await seedRecipient(db, {
            unitId: unit.id,
            platform,
            tag: "fan",
            n: k,
            serviceUrl: connector.serviceUrl,
          });
          recipients.push({ id, platform, each: m.each });
        }
      }
    }
    const all: { recipientId: string; platform: "slack" | "teams"; i: number }[] = [];
    for (const r of recipients)
      for (let i = 0; i < r.each; i += 1) all.push({ recipientId: r.id, platform: r.platform, i });
    for (let start = 0; start < all.length; start += 1000) {
      await kernel.uow.run(async (tx) => {
        for (const { recipientId, platform, i } of all.slice(start, start + 1000)) {
          const key = `bench:${recipientId}:${i}`;
          await tx.outbox.enqueue(
            {
              dedupeKey: key,
              recipientId,
              kind: "bench",
              subjectType: "bench",
              subjectId: String(i),
              card: { title: same(key), fields: [{ label: same("#"), value: same(String(i)) }], actions: [] },
            },
            [platform],
          );
        }
      });
    }
    await db.prisma.notice.updateMany({
      where: { kind: "bench" },
      data: { nextAttemptAt: new Date(Date.now() + 3_600_000) },
    });
    const fanout = await db.prisma.notice.findMany({
      where: { kind: "bench" },
      select: { id: true, platform: true, recipientId: true, subjectId: true },
    });
    const slackAllowed = allowedMs(SLACK_LIMITS, SLACK_MIX);
    const teamsAllowed = allowedMs(TEAMS_LIMITS, TEAMS_MIX);
    const allowed = slackAllowed.ms >= teamsAllowed.ms ? slackAllowed : teamsAllowed;
    const allowedRate = fanout.length / (allowed.ms / 1000);
    console.log(
      `fan-out: ${fanout.length} notices through ${n} keypost serve processes on postgres; limits allow ${allowedRate.toFixed(1)}/s (${(allowed.ms / 1000).toFixed(1)} s; Slack ${(slackAllowed.ms / 1000).toFixed(1)} s by channel 1/1 s, Teams ${(teamsAllowed.ms / 1000).toFixed(1)} s by ${teamsAllowed.binding})`,
    );

    // Whole serve processes; every one serving and each platform's sender elected before the clock starts.
    const startedAt = performance.now();
    const env = replicaEnv({
      databaseUrl: url,
      checkpoints,
      slack,
      connector,
      extra: {
        LOG_LEVEL: "info",
        TEAMS_TENANT_RATE: String(TEAMS_TENANT_RATE),
      },
    });
    // KEYPOST_BENCH_PROFILE_DIR: a V8 CPU profile of each replica, written when it stops (where the sender's CPU goes).
    const profileDir = process.env.KEYPOST_BENCH_PROFILE_DIR;
    const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    for (let slot = 0; slot < n; slot += 1) replicas.push(startReplica(slot, env, undefined, nodeArgs));
    await Promise.all(replicas.map((r) => r.ready));
    const servingS = (performance.now() - startedAt) / 1000;
    // Each platform's sender, spread over the replicas (decision 17.s10r-2): as many distinct holders of
    // slack, teams and log as there are replicas (up to three), or after a minute whatever holds them.
    const KEYS = ["slack", "teams", "log"];
    let senders: { key: string; holder: string }[] = [];
    const spreadAfter = performance.now();
    for (let i = 0; i < 240; i += 1) {
      senders = (await db.prisma.senderLease.findMany({ where: { leaseUntil: { gt: new Date() } } })).filter((s) =>
        KEYS.includes(s.key),
      );
      const all = KEYS.every((key) => senders.some((s) => s.key === key));
      if (all && new Set(senders.map((s) => s.holder)).size >= Math.min(n, KEYS.length)) break;
      await sleep(250);
    }
    const slotOf = (holder: string | undefined) => {
      const i = replicas.findIndex((r) => r.log.includes(`"holder":"${holder}"`));
      return i < 0 ? "?" : String(replicas[i]!.slot + 1);
    };
    const holders = KEYS.map((key) => `${key} replica ${slotOf(senders.find((s) => s.key === key)?.holder)}`).join(
      ", ",
    );
    console.log(
      `${n} replicas serving after ${servingS.toFixed(1)} s; senders spread after ${((performance.now() - spreadAfter) / 1000).toFixed(1)} s more: ${holders}`,
    );

    const loadBefore = load();
    const benchLag = monitorEventLoopDelay({ resolution: 10 });
    benchLag.enable();
    const cpuBefore = replicas.map((r) => cpuSecondsOf(r.child.pid));
    const t0 = new Date();
    await db.prisma.notice.updateMany({ where: { kind: "bench" }, data: { nextAttemptAt: t0 } });
    const began = performance.now();

    // Presses at every replica in turn, Slack and Teams alternating, while the fan-out runs.
    let pressing = true;
    const answered = replicas.map(() => new Map<string, number>());
    const pressLoop = (async () => {
      const slackPresses = presses.filter((p) => p.platform === "slack");
      const teamsPresses = presses.filter((p) => p.platform === "teams");
      for (let i = 0; pressing && i < presses.length; i += 1) {
        const p = i % 2 === 0 ? slackPresses[i / 2] : teamsPresses[(i - 1) / 2];
        const target = replicas[i % n]!;
        if (p && target.url) {
          const status = await sendPress(target.url, p, i, { slack, connector }).catch(() => 0);
          const key = `${p.platform} ${status}`;
          answered[i % n]!.set(key, (answered[i % n]!.get(key) ?? 0) + 1);
        }
        await sleep(250);
      }
    })();

    for (;;) {
      await sleep(500);
      const open = await db.prisma.notice.count({
        where: {
          kind: "bench",
          OR: [
            { status: { in: ["pending", "sending"] } },
            { status: "unknown", nextAttemptAt: { lt: new Date("9999-01-01") } },
          ],
        },
      });
      if (open === 0) break;
      if (performance.now() - began > 600_000) {
        console.log(`stopped after 10 minutes with ${open} notices open`);
        break;
      }
    }
    const wallS = (performance.now() - began) / 1000;
    benchLag.disable();
    pressing = false;
    await pressLoop;
    const loadAfter = load();
    const cpuS = replicas.map((r, i) => cpuSecondsOf(r.child.pid) - cpuBefore[i]!);
    for (const r of replicas) r.child.kill("SIGTERM");
    await Promise.all(
      replicas.map(
        (r) => new Promise((resolve) => (r.child.exitCode !== null ? resolve(0) : r.child.once("exit", resolve))),
      ),
    );

    // Counted where the notices arrived: Slack by the message's metadata, Teams by the card's summary (its key).
    const perSlack = new Map<string, number>();
    for (const m of slack.messages) {
      const id = (m.metadata as { event_payload?: { notice_id?: string } } | undefined)?.event_payload?.notice_id;
      if (id) perSlack.set(id, (perSlack.get(id) ?? 0) + 1);
    }
    const perTeams = new Map<string, number>();
    for (const r of connector.sent) {
      if (r.method !== "POST") continue;
      const summary = String(r.body.summary ?? "");
      perTeams.set(summary, (perTeams.get(summary) ?? 0) + 1);
    }
    const arrivals = (x: (typeof fanout)[number]) =>
      (x.platform === "slack" ? perSlack.get(x.id) : perTeams.get(`bench:${x.recipientId}:${x.subjectId}`)) ?? 0;
    const lost = fanout.filter((x) => arrivals(x) === 0).length;
    const duplicated = fanout.filter((x) => arrivals(x) > 1).length;
    const last = await db.prisma.notice.groupBy({ by: ["platform"], where: { kind: "bench" }, _max: { sentAt: true } });
    const ends = last.map((r) => ({
      platform: r.platform,
      s: ((r._max.sentAt?.getTime() ?? t0.getTime()) - t0.getTime()) / 1000,
    }));
    const elapsedS = Math.max(...ends.map((e) => e.s));
    const achieved = fanout.length / elapsedS;
    const statuses = await db.prisma.notice.groupBy({ by: ["status"], where: { kind: "bench" }, _count: true });

    const acted = await db.prisma.auditLogEntry.groupBy({
      by: ["subjectId"],
      where: { action: "notice.acknowledged", subjectType: "chaos" },
      _count: true,
    });
    const actedTwice = acted.filter((a) => a._count > 1).length;
    const acks = answered.reduce(
      (sum, m) => sum + [...m].filter(([k]) => k.endsWith(" 200")).reduce((s, [, v]) => s + v, 0),
      0,
    );
    const slots = await db.prisma.scheduledSlot.findMany({ select: { claimedBy: true, finishedAt: true } });
    const claimers = new Set(slots.map((s) => s.claimedBy)).size;

    console.log(
      `elapsed ${elapsedS.toFixed(1)} s (from the notices falling due to the last recorded send: ${ends.map((e) => `${e.platform} ${e.s.toFixed(1)} s`).join(", ")}; wall ${wallS.toFixed(1)} s); load average ${loadBefore} → ${loadAfter} on ${cpus().length} cores`,
    );
    // The sender's CPU per notice: each platform's sender replica's CPU over the notices it sent (a
    // replica sending to both platforms counts once, over both). The single-process bench's
    // "dispatcher CPU per notice" is the baseline (its main thread only; this is a whole process).
    const perReplica = replicas.map((r, i) => {
      const holder = senders.find((x) => slotOf(x.holder) === String(r.slot + 1))?.holder;
      const sends = senders.filter((x) => x.holder === holder && x.key !== "log").map((x) => x.key);
      const notices = fanout.filter((x) => sends.includes(x.platform)).length;
      return { slot: r.slot + 1, cpu: cpuS[i]!, sends, notices };
    });
    console.log(
      `CPU during the run (all threads; the figure that does not depend on load): ${perReplica.map((r) => `replica ${r.slot} ${r.cpu.toFixed(1)} s${r.sends.length > 0 ? ` (sender of ${r.sends.join(" and ")}: ${((r.cpu * 1000) / Math.max(1, r.notices)).toFixed(2)} ms per notice)` : ""}`).join(", ")}; all replicas together ${((cpuS.reduce((a, b) => a + b, 0) * 1000) / fanout.length).toFixed(2)} ms per notice (one sender of both platforms needs < ${(1000 / allowedRate).toFixed(1)} ms of one core per notice)`,
    );
    console.log(
      `allowed ${allowedRate.toFixed(1)}/s, achieved ${achieved.toFixed(1)}/s, ratio ${(achieved / allowedRate).toFixed(3)} (goal ≥ 0.95); sender CPU per notice: ${perReplica
        .filter((r) => r.sends.length > 0)
        .map((r) => `${r.sends.join("+")} ${((r.cpu * 1000) / Math.max(1, r.notices)).toFixed(2)} ms`)
        .join(", ")}; load ${loadAfter}`,
    );
    // What the replicas logged as errors (messages only; the first three kinds).
    const troubles = new Map<string, number>();
    for (const r of replicas)
      for (const line of r.log.split("\n")) {
        if (!line.includes('"level":"error"')) continue;
        const t = JSON.parse(line) as { msg?: string; error?: string };
        const what = `${t.msg ?? "?"}${t.error ? `: ${t.error.slice(0, 120)}` : ""}`;
        troubles.set(what, (troubles.get(what) ?? 0) + 1);
      }
    if (troubles.size > 0)
      console.log(
        `replica errors: ${[...troubles]
          .slice(0, 3)
          .map(([m, n]) => `${m} ×${n}`)
          .join("; ")}`,
      );
    // Why a row was not sent (reasons name codes, not people).
    const unsent = await db.prisma.notice.groupBy({
      by: ["platform", "status", "lastError"],
      where: { kind: "bench", status: { not: "sent" } },
      _count: true,
    });
    for (const u of unsent) console.log(`not sent: ${u.platform} ${u.status} ×${u._count}: ${u.lastError}`);
    console.log(
      `lost ${lost}, duplicated ${duplicated}; rows: ${statuses.map((s) => `${s.status} ${s._count}`).join(", ")}`,
    );
    console.log(
      `slack: ${slack.messages.length} posted (beside ${slack.callsOf("conversations.open").length} conversations.open, ${slack.callsOf("views.publish").length} views.publish: App Home refreshes), 429s provoked per channel ${slack.posts?.refused.conversation ?? 0}, workspace-wide ${slack.posts?.refused.tenant ?? 0} (no workspace limit is enforced: Keypost assumes none)`,
    );
    console.log(
      `teams: ${connector.sent.filter((r) => r.method === "POST").length} sent, 429s provoked per conversation ${connector.activities?.refused.conversation ?? 0}, tenant-wide ${connector.activities?.refused.tenant ?? 0}`,
    );
    // Where a Teams send's time goes (decision 17.s11r-1): the senders' own figures (grant → departure →
    // answer, logged by each replica after each drain) and the fake Bot Connector's (arrival → counted →
    // answered), with the most the fake counted in any one second against the tenant's limit.
    for (const r of replicas)
      for (const line of r.log.split("\n")) {
        if (!line.includes('"send latency"')) continue;
        const t = JSON.parse(line) as Record<string, number | string>;
        console.log(
          `send latency, replica ${r.slot + 1}, ${t.platform}: ${t.sends} calls; grant → departure p50 ${t.departP50} ms, p99 ${t.departP99} ms, max ${t.departMax} ms; departure → answer p50 ${t.answerP50} ms, p90 ${t.answerP90} ms, p99 ${t.answerP99} ms, max ${t.answerMax} ms`,
        );
      }
    const timings = connector.timings.filter((t) => t.answered > 0);
    const q = (xs: number[], p: number) =>
      xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
    const readMs = timings.map((t) => t.counted - t.arrived);
    const answerMs = timings.map((t) => t.answered - t.counted);
    const counted = timings.map((t) => t.counted).sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; i < counted.length; i += 1) {
      while (counted[i]! - counted[j]! >= 1000) j += 1;
      peak = Math.max(peak, i - j + 1);
    }
    const perSecond: number[] = [];
    const first = counted[0] ?? 0;
    for (const at of counted) {
      const i = Math.floor((at - first) / 1000);
      perSecond[i] = (perSecond[i] ?? 0) + 1;
    }
    console.log(`teams activities counted per second from the first: ${[...perSecond].map((n) => n ?? 0).join(" ")}`);
    console.log(
      `fake Bot Connector: ${timings.length} activities; arrival → counted (body read) p50 ${q(readMs, 0.5).toFixed(1)} ms, p99 ${q(readMs, 0.99).toFixed(1)} ms; counted → answer written p50 ${q(answerMs, 0.5).toFixed(1)} ms, p99 ${q(answerMs, 0.99).toFixed(1)} ms; most counted in any 1 s ${peak} (tenant limit ${TEAMS_TENANT_RATE}); bench process event-loop delay p50 ${(benchLag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(benchLag.percentile(99) / 1e6).toFixed(1)} ms, max ${(benchLag.max / 1e6).toFixed(1)} ms`,
    );
    console.log(
      `presses: ${replicas.map((r, i) => `replica ${r.slot + 1} ${[...answered[i]!].map(([key, v]) => `${key} ×${v}`).join(", ")}`).join("; ")}; acted on ${acted.length} of ${acks} acknowledged, twice ${actedTwice}`,
    );
    console.log(
      `ticks: ${slots.length} scheduled slots claimed by ${claimers} of the ${n} processes, ${slots.filter((s) => s.finishedAt).length} finished`,
    );
  } finally {
    for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGKILL");
    await slack.close();
    await connector.stop();
    await db.close();
    await remove();
    rmSync(checkpoints, { recursive: true, force: true });
  }
}
