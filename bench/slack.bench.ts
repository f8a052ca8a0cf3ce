// npm run bench:slack — rounds of 200 concurrent signed Slack button presses (block_actions)
// (`npm run bench:presses`: one round of 1,000, KEYPOST_BENCH_CONCURRENCY, issue #17)
// against the running Keypost service (its own receiver: signature, timestamps, the press written
// to the inbox under its replay key, then the ack), beside a bare Bolt app (HTTPReceiver) in the
// same process that does one equivalent database write per press before it acks. Prints
// throughput and p50/p99 response times per round and the ratios. Keypost's inbox worker acts on
// the presses meanwhile (pressAction, the audit log, the answer on a fake Slack Web API on
// loopback, in a worker thread: Slack is not in Keypost's event loop): the bench also prints how
// long until every press of a round was acted on, waits for
// that before the next round, and checks afterwards that every press was durably recorded and
// acted on once (counting rows). SQLite always; PostgreSQL too when KEYPOST_TEST_PG_URL is set.
// It asserts nothing: figures only.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { App, LogLevel } from "@slack/bolt";
import { offer, sendNotice } from "../src/app/kernel/notify.ts";
import { same } from "../src/ports/card.ts";
import { loadConfig } from "../src/infra/config.ts";
import { openDatabase, type Provider } from "../src/infra/db/database.ts";
import { migrate } from "../src/infra/db/migrator.ts";
import { silentLogger } from "../src/infra/logger.ts";
import { startService, type Service } from "../src/main.ts";
import { emptyDatabaseUrl } from "../test/support/databases.ts";
import { slackFixture } from "../test/support/slack-fixtures.ts";
import { encode, signedHeaders, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../test/support/slack-requests.ts";
import { seedSmallBank } from "../test/support/small-bank.ts";
import { latencySummary } from "./latency-summary.ts";
import { LoadClient } from "./load-client.ts";
import { cpuBetween, postmasterOf, serverCpu } from "./server-cpu.ts";

const CONCURRENCY = Number(process.env.KEYPOST_BENCH_CONCURRENCY ?? 200);
const ROUNDS = Number(process.env.KEYPOST_BENCH_ROUNDS ?? 5);
const PRESSER = "U0TEST001"; // the small bank's HR officer; any mapped person would do

interface Round {
  readonly seconds: number;
  /** From the first press sent until every press of the round was acted on (Keypost only). */
  actedSeconds?: number;
  readonly latencies: number[];
  readonly failed: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** CONCURRENCY presses at once from the load generator's thread; each request is signed as it is built. */
async function fire(client: LoadClient, url: string, values: readonly string[]): Promise<Round> {
  const requests = values.map((value, i) => {
    const payload = slackFixture("block_actions", {
      USER: PRESSER,
      TRIGGER: `${i}.${randomUUID()}`,
      ACTION_ID: `kp.press.${i}`,
      VALUE: value,
      RESPONSE_URL: "http://127.0.0.1:9/unused",
      CHANNEL: "D0TEST001",
      TS: `1772985600.${String(i).padStart(6, "0")}`,
    });
    const { raw, contentType } = encode({ payload });
    return { url, headers: signedHeaders(raw, contentType, { timestamp: Math.floor(Date.now() / 1000) }), body: raw };
  });
  const round = await client.round(requests);
  return {
    seconds: round.seconds,
    latencies: round.results.map((r) => r.ms),
    failed: round.results.filter((r) => r.status !== 200).length,
  };
}

/** Keypost: a notice with an acknowledge button per press (each its own subject and token). */
async function keypostTokens(service: Service, personId: string, round: number): Promise<string[]> {
  return service.kernel.uow.run(async (tx) => {
    const tokens: string[] = [];
    const person = (await tx.people.byId(personId))!;
    for (let i = 0; i < CONCURRENCY; i += 1) {
      const subjectId = `r${round}-${i}`;
      const action = await offer(
        tx,
        { action: "notice.acknowledge", subjectType: "bench", subjectId, version: 1, recipientId: personId },
        same("Acknowledge"),
      );
      await sendNotice(tx, { kind: "bench", subjectType: "bench", subjectId, version: 1 }, [person], async () => ({
        title: same(`Bench ${subjectId}`),
        fields: [],
        actions: [action],
      }));
      tokens.push(action.token);
    }
    return tokens;
  });
}

function summary(label: string, rounds: readonly Round[]): { throughput: number; p50: number; p99: number } {
  const { throughput, p50, p99 } = latencySummary(rounds);
  const failed = rounds.reduce((n, r) => n + r.failed, 0);
  console.log(
    `  ${label.padEnd(10)} ${throughput.toFixed(0).padStart(6)} presses/s   p50 ${p50.toFixed(1).padStart(7)} ms   p99 ${p99.toFixed(1).padStart(7)} ms   non-200: ${failed}`,
  );
  return { throughput, p50, p99 };
}

async function benchEngine(engine: Provider): Promise<void> {
  console.log(
    `\n${engine}: ${ROUNDS} rounds × ${CONCURRENCY} concurrent signed button presses (after a warm-up round), load average ${loadavg()[0]?.toFixed(1)}`,
  );
  // The fake Slack Web API in its own thread, as Slack is not in Keypost's event loop (fake-slack.worker.ts).
  const fakeSlack = new Worker(new URL("./fake-slack.worker.mjs", import.meta.url));
  const [ready] = (await once(fakeSlack, "message")) as [{ apiUrl: string }];
  const fake = { apiUrl: ready.apiUrl };
  const client = await LoadClient.start();

  // Keypost, as it runs: its database, the small bank, Slack against the fake Web API.
  const keypostDb = await emptyDatabaseUrl(engine);
  await migrate(keypostDb.url);
  const seedDb = openDatabase(keypostDb.url);
  const bank = await seedSmallBank(seedDb);
  await seedDb.close();
  const service = await startService(
    loadConfig({
      PORT: "0",
      DATABASE_URL: keypostDb.url,
      KEYPOST_SCHEDULER: "off",
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: "silent",
    }),
    // The 200 notices each round sets up are not delivered meanwhile (1/s per channel, they would
    // trickle out through the whole run); the presses themselves write no notices.
    { log: silentLogger, dispatchAfterChange: false },
  );

  // The bare Bolt app: its own database of the same schema, one row written per press, then ack.
  const bareDbUrl = await emptyDatabaseUrl(engine);
  await migrate(bareDbUrl.url);
  const bareDb = openDatabase(bareDbUrl.url);
  const port = await freePort();
  const bare = new App({
    signingSecret: TEST_SIGNING_SECRET,
    token: TEST_BOT_TOKEN,
    botId: "B0BENCH",
    botUserId: "U0BENCH",
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl },
  });
  bare.action(/.*/, async ({ ack, body }) => {
    const value = (body as { actions: { value: string }[] }).actions[0]!.value;
    await bareDb.prisma.commandReceipt.create({ data: { key: `bare:${value}`, result: new Date().toISOString() } });
    await ack();
  });
  await bare.start({ port, host: "127.0.0.1" });

  // PostgreSQL's CPU for each side's database (its backends, from /proc: server-cpu.ts), when local.
  const keypostServer = engine === "postgres" ? await postmasterOf(service.db.prisma) : undefined;
  const bareServer = engine === "postgres" ? await postmasterOf(bareDb.prisma) : undefined;
  let keypostDbCpu: number | undefined = 0;
  let bareDbCpu: number | undefined = 0;
  const add = (sum: number | undefined, ms: number | undefined) =>
    sum === undefined || ms === undefined ? undefined : sum + ms;
  const keypostRounds: Round[] = [];
  const bareRounds: Round[] = [];
  let keypostPresses = 0;
  let barePresses = 0;
  // CPU time of this process (every thread: the load generator's and the fake Slack's too) per press:
  // steadier than the rates on a machine others are using. Keypost's covers acking and acting on.
  let keypostCpu = 0;
  let bareCpu = 0;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  // Round 0 warms both sides up (JIT, connections, prepared statements) and is not counted.
  for (let round = 0; round <= ROUNDS; round += 1) {
    const tokens = await keypostTokens(service, bank.ids.hr, round);
    const keypostStart = cpuMs();
    const keypostDb0 = serverCpu(keypostServer);
    const started = performance.now();
    const acked = await fire(client, `${service.url}/slack/events`, tokens);
    await service.settled();
    acked.actedSeconds = (performance.now() - started) / 1000;
    if (round > 0) {
      keypostCpu += cpuMs() - keypostStart;
      keypostDbCpu = add(keypostDbCpu, cpuBetween(keypostDb0, serverCpu(keypostServer)));
    }
    keypostPresses += tokens.length;
    const values = Array.from({ length: CONCURRENCY }, (_, i) => `r${round}-${i}-${randomUUID()}`);
    const bareStart = cpuMs();
    const bareDb0 = serverCpu(bareServer);
    const bareRound = await fire(client, `http://127.0.0.1:${port}/slack/events`, values);
    if (round > 0) {
      bareCpu += cpuMs() - bareStart;
      bareDbCpu = add(bareDbCpu, cpuBetween(bareDb0, serverCpu(bareServer)));
    }
    barePresses += values.length;
    if (round === 0) continue;
    keypostRounds.push(acked);
    bareRounds.push(bareRound);
  }
  for (let i = 0; i < ROUNDS; i += 1) {
    const k = keypostRounds[i]!;
    const b = bareRounds[i]!;
    console.log(
      `  round ${i + 1}: keypost ${(CONCURRENCY / k.seconds).toFixed(0)}/s acked (all ${CONCURRENCY} acted on ${k.actedSeconds!.toFixed(2)} s after the first was sent: ${(CONCURRENCY / k.actedSeconds!).toFixed(0)}/s), bare ${(CONCURRENCY / b.seconds).toFixed(0)}/s`,
    );
  }
  const k = summary("keypost", keypostRounds);
  const b = summary("bare Bolt", bareRounds);
  console.log(
    `  ratio: throughput ${(k.throughput / b.throughput).toFixed(2)}× (goal ≥ 0.75), p99 ${(k.p99 / b.p99).toFixed(2)}× (goal ≤ 1.3)`,
  );
  // Acted on end to end (the pressed card updated at the fake Slack) against the bare app's acks.
  const actedRate = (CONCURRENCY * ROUNDS) / keypostRounds.reduce((s, r) => s + r.actedSeconds!, 0);
  console.log(
    `  acted on: ${actedRate.toFixed(0)} presses/s end to end = ${(actedRate / b.throughput).toFixed(2)}× the bare app's ack rate (goal ≥ 0.5)`,
  );
  const presses = CONCURRENCY * ROUNDS;
  console.log(
    `  CPU per press (this process, all threads): keypost ${(keypostCpu / presses).toFixed(2)} ms acked and acted on, bare ${(bareCpu / presses).toFixed(2)} ms acked: ${(keypostCpu / bareCpu).toFixed(2)}×`,
  );
  if (keypostServer && bareServer && keypostDbCpu !== undefined && bareDbCpu !== undefined)
    console.log(
      `  PostgreSQL's CPU per press (its database's backends, 10 ms ticks): keypost ${(keypostDbCpu / presses).toFixed(2)} ms, bare ${(bareDbCpu / presses).toFixed(2)} ms`,
    );

  // Durably recorded: every press is a used token and an acknowledged notice with its log entry.
  await new Promise((r) => setTimeout(r, 500));
  const accepted = await service.db.prisma.inboundRequest.count({ where: { platform: "slack" } });
  const finished = await service.db.prisma.inboundRequest.count({
    where: { platform: "slack", doneAt: { not: null }, error: null },
  });
  const used = await service.db.prisma.actionToken.count({
    where: { action: "notice.acknowledge", usedAt: { not: null } },
  });
  const acknowledged = await service.db.prisma.auditLogEntry.count({ where: { action: "notice.acknowledged" } });
  const bareRows = await bareDb.prisma.commandReceipt.count({ where: { key: { startsWith: "bare:" } } });
  fakeSlack.postMessage({ kind: "calls" });
  const [calls] = (await once(fakeSlack, "message")) as [{ counts: Record<string, number> }];
  console.log(
    `  recorded: keypost ${accepted}/${keypostPresses} presses in the inbox, ${finished} acted on, ${used} tokens used, ${acknowledged} acknowledgements logged, answers at the fake Slack: ${
      Object.entries(calls.counts)
        .map(([method, n]) => `${method} × ${n}`)
        .join(", ") || "none"
    }; bare ${bareRows}/${barePresses} rows`,
  );

  await client.stop();
  await bare.stop();
  await service.close();
  await bareDb.close();
  fakeSlack.postMessage({ kind: "stop" });
  await once(fakeSlack, "exit");
  await keypostDb.remove();
  await bareDbUrl.remove();
}

// KEYPOST_BENCH_ENGINE=sqlite or postgres: one engine only (e.g. for a CPU profile of it).
const engines: Provider[] = (
  process.env.KEYPOST_TEST_PG_URL ? (["sqlite", "postgres"] as const) : (["sqlite"] as const)
).filter((e) => !process.env.KEYPOST_BENCH_ENGINE || e === process.env.KEYPOST_BENCH_ENGINE);
for (const engine of engines) await benchEngine(engine);
