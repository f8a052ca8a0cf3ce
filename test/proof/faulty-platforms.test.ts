// Issue #17, "the fake Slack and Teams endpoints fail on purpose": a fan-out of a few hundred notices,
// on both platforms at once, through the real dispatcher and the real Slack and Teams notifiers,
// against the fake Slack and the fake Bot Connector on loopback, which fail on purpose — 429 storms
// with Retry-After, 5xx, timeouts and connection resets (before or after the message was posted),
// a refused token for a while on each platform (Slack `invalid_auth`, Teams 401), and four people who
// cannot be reached at all (Slack `channel_not_found` and `not_in_channel`, Teams 403 and 404).
// Afterwards: every deliverable notice delivered once and none twice (Slack's ambiguous posts are
// reconciled from the conversation's history; Teams cannot be asked, so an ambiguous Teams send is
// never resent and compliance is told of it), the refused tokens held delivery, told an
// administrator and resumed it once fixed, and each person who cannot be reached is one finding for
// compliance, not one per notice.
//
// Seeded and reproducible: whether a call fails is a hash of the seed and the call's own identity
// (method, which notice or person, how many times it was asked before), never of the order in which
// concurrent calls arrive; storms and token refusals are windows of virtual time. FAULT_SEED=<n>
// replays another plan. The figures are printed (delivered n/n, duplicated 0, held n, findings n).
import { randomUUID } from "node:crypto";
import { describe, it } from "vitest";
import { slackWebClient } from "../../adapters/slack/slack-app.ts";
import { SlackNotifier } from "../../adapters/slack/slack-notifier.ts";
import { BotConnectorClient } from "../../adapters/teams/connector/bot-connector.client.ts";
import { ClientCredentialsToken } from "../../adapters/teams/connector/bot-token.ts";
import { ServiceUrlAllowList } from "../../adapters/teams/connector/service-urls.ts";
import { TeamsNotifier } from "../../adapters/teams/teams-notifier.ts";
import type { Notifiers } from "../../src/app/delivery/delivery-context.ts";
import { addReports, emptyReport } from "../../src/app/delivery/delivery-outcome.ts";
import { Dispatcher } from "../../src/app/delivery/dispatcher.ts";
import { DEFAULT_RETRY_POLICY } from "../../src/app/delivery/retry-policy.ts";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import { createLogger, silentLogger } from "../../src/infra/logger.ts";
import { LogNotifier } from "../../src/infra/notifiers/log-notifier.ts";
import { same } from "../../src/ports/card.ts";
import type { Notifier } from "../../src/ports/notifier.ts";
import type { NoticePlatform } from "../../src/ports/outbox.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { FakeBotConnector, type ScriptedAnswer } from "../support/fake-bot-connector.ts";
import { FakeSlack, type Fault } from "../support/fake-slack.ts";
import { TEST_BOT_TOKEN } from "../support/slack-requests.ts";
import { seedSmallBank, type CastName, type SmallBank } from "../support/small-bank.ts";
import { VirtualTime } from "../support/virtual-time.ts";

const SEED = Number(process.env.FAULT_SEED ?? 17);
const T0 = "2026-12-01T01:00:00.000Z";
const TENANT = "5a1c0f3e-7b2d-4c19-9e8a-0d6f4b3a2c10";
/** Notices per person: 13 people, 312 notices. */
const PER_PERSON = 24;
/** The calls' own timeout: short, so a hang costs two seconds of the test, not ten (long enough under load). */
const TIMEOUT_MS = 2_000;
/** Reached its reader: sent, or a Teams send of unknown outcome (never resent; a loaded machine's late answer). */
const reached = (r: { status: string; platform: string }) =>
  r.status === "sent" || (r.platform === "teams" && r.status === "unknown");

/** Who talks to Keypost where (one platform each, as a bank split between the two would). */
const ON_SLACK: readonly CastName[] = ["hr", "compliance", "holder", "substitute", "manager", "leader", "executive"];
const ON_TEAMS: readonly CastName[] = ["complianceHead", "otherManager", "lead", "member", "incoming", "stranger"];
/** People who cannot be reached, each on their one platform, and how the platform says so. */
const UNREACHABLE: Readonly<Partial<Record<CastName, string>>> = {
  holder: "slack channel_not_found (conversations.open)",
  substitute: "slack not_in_channel (chat.postMessage)",
  incoming: "teams 403 BotNotInConversationRoster",
  stranger: "teams 404 ConversationNotFound",
};
/**
 * The token is refused from a platform's call number `fromCall` on, for `forMs` of virtual time; then
 * it is fixed. Storms likewise (every call answered 429 with its Retry-After). Windows open at a call
 * count, not a time: how fast virtual time runs depends on the machine, how many calls are made does not.
 */
interface Window {
  readonly fromCall: number;
  readonly forMs: number;
  readonly retryAfter: number;
  openedAt?: number;
}
const TOKEN_REFUSED: Readonly<Record<"slack" | "teams", Omit<Window, "openedAt">>> = {
  slack: { fromCall: 120, forMs: 90_000, retryAfter: 0 },
  teams: { fromCall: 60, forMs: 90_000, retryAfter: 0 },
};

/** A uniform number in [0, 1) from the seed and a key (FNV-1a, then mulberry32's finaliser). */
export function uniform(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 15), h | 1);
  h ^= h + Math.imul(h ^ (h >>> 7), h | 61);
  return ((h ^ (h >>> 14)) >>> 0) / 4294967296;
}

/** Four storms per platform, each opened at a seeded call number, 2–10 s long, Retry-After 1–5 s. */
function storms(seed: number, platform: string): Window[] {
  return [0, 1, 2, 3].map((i) => ({
    fromCall: 1 + Math.floor(uniform(seed, `${platform}:storm:${i}`) * 400),
    forMs: 2_000 + Math.floor(uniform(seed, `${platform}:storm-len:${i}`) * 8_000),
    retryAfter: 1 + Math.floor(uniform(seed, `${platform}:storm-after:${i}`) * 5),
  }));
}

/** Whether `w` is open at call number `call`, virtual time `at` (opening it at its call). */
function open(w: Window, call: number, at: number): boolean {
  if (w.openedAt === undefined && call >= w.fromCall) w.openedAt = at;
  return w.openedAt !== undefined && at < w.openedAt + w.forMs;
}

/** Counts how often each key was asked, so that a call's draw depends on its identity, not on timing. */
class Occurrences {
  readonly #seen = new Map<string, number>();
  next(key: string): string {
    const n = (this.#seen.get(key) ?? 0) + 1;
    this.#seen.set(key, n);
    return `${key}#${n}`;
  }
}

/** The transient faults of one call, drawn from its key: about one call in eight fails. */
function transient<T>(draw: number, kinds: readonly { readonly p: number; readonly fault: T }[]): T | undefined {
  let edge = 0;
  for (const k of kinds) {
    edge += k.p;
    if (draw < edge) return k.fault;
  }
  return undefined;
}

const SLACK_FAULTS: readonly { p: number; fault: Fault }[] = [
  { p: 0.03, fault: { status: 503 } },
  { p: 0.01, fault: { status: 500 } },
  { p: 0.02, fault: { reset: true } },
  { p: 0.02, fault: { reset: true, after: true } },
  { p: 0.01, fault: { hang: true } },
  { p: 0.01, fault: { hang: true, after: true } },
  // Slack: "it's possible some aspect of the operation succeeded before the error was raised".
  { p: 0.01, fault: { error: "internal_error" } },
  { p: 0.01, fault: { error: "internal_error", after: true } },
  { p: 0.01, fault: { error: "service_unavailable" } },
];
const TEAMS_FAULTS: readonly { p: number; fault: ScriptedAnswer }[] = [
  { p: 0.03, fault: { status: 503 } },
  { p: 0.02, fault: { status: 502, body: { error: { code: "ServiceError" } } } },
  { p: 0.02, fault: { status: 412, body: { error: { code: "PreconditionFailed" } } } },
  { p: 0.005, fault: { status: 0, reset: true } },
  { p: 0.005, fault: { status: 0, reset: true, after: true } },
  { p: 0.005, fault: { status: 0, hang: true, after: true } },
];

function faultName(f: Fault | ScriptedAnswer): string {
  if ("hang" in f && f.hang) return f.after ? "timeout after posting" : "timeout";
  if ("reset" in f && f.reset) return f.after ? "reset after posting" : "reset";
  if ("error" in f) return f.after ? `${f.error} after posting` : f.error;
  return `http ${f.status}`;
}

interface World {
  readonly db: TestDatabase;
  readonly bank: SmallBank;
  readonly time: VirtualTime;
  readonly kernel: Kernel;
  readonly slack: FakeSlack;
  readonly teams: FakeBotConnector;
  readonly dispatcher: Dispatcher;
  /** Slack user id and Teams conversation id of each person. */
  readonly slackUser: Map<CastName, string>;
  readonly teamsConversation: Map<CastName, string>;
}

async function world(engine: (typeof ENGINES)[number]): Promise<World> {
  const db = await testDatabase(engine);
  const bank = await seedSmallBank(db);
  const p = db.prisma;
  // Everyone reads English, so a Teams card's summary is its English title.
  await p.employee.updateMany({ data: { locale: "en" } });
  const time = new VirtualTime(T0);
  const kernel: Kernel = { uow: new PrismaUnitOfWork(db), clock: time, orgLocale: "en", cards: {} };
  // One platform each; the executive (Slack) and Lily Lead (Teams) are the bank's administrators.
  const slackUser = new Map<CastName, string>();
  const teamsConversation = new Map<CastName, string>();
  for (const who of ON_TEAMS) {
    await p.chatIdentity.deleteMany({ where: { employeeId: bank.ids[who] } });
    teamsConversation.set(who, `a:1${who}-personal`);
  }
  for (const who of ON_SLACK) {
    const identity = await p.chatIdentity.findFirstOrThrow({ where: { employeeId: bank.ids[who] } });
    slackUser.set(who, identity.externalId);
  }
  for (const who of ["executive", "lead"] as const)
    await p.roleGrant.create({
      data: { id: randomUUID(), employeeId: bank.ids[who], role: "admin", unitId: bank.units.HO.id },
    });

  const slack = await FakeSlack.start();
  const teams = new FakeBotConnector();
  await teams.start();
  for (const [who, conversationId] of teamsConversation)
    await p.chatIdentity.create({
      data: {
        id: randomUUID(),
        employeeId: bank.ids[who],
        platform: "teams",
        externalId: `aad-${who}`,
        tenantId: TENANT,
        conversationRef: JSON.stringify({
          serviceUrl: teams.serviceUrl,
          conversationId,
          tenantId: TENANT,
          botId: "28:fake-bot",
          userId: `29:1${who}`,
          aadObjectId: `aad-${who}`,
        }),
      },
    });

  const slackNotifier = new SlackNotifier(slackWebClient(TEST_BOT_TOKEN, slack.apiUrl, undefined, TIMEOUT_MS), {
    log: silentLogger,
  });
  const teamsNotifier = new TeamsNotifier(
    new BotConnectorClient({
      allowList: new ServiceUrlAllowList([teams.url]),
      timeoutMs: TIMEOUT_MS,
      // The bot's own token from the fake Entra endpoint, as in production: a 401 makes it fetch a new one.
      token: new ClientCredentialsToken({
        loginUrl: teams.url,
        tenantId: TENANT,
        clientId: "7e0f3a52-1d4b-4f6e-8a9c-2b5d7e1f0c34",
        clientSecret: "fake-secret-for-tests",
      }),
    }),
    { tenantPerSecond: 50, random: () => 0.5 },
  );
  const notifiers: Notifiers = {
    byPlatform: new Map<NoticePlatform, Notifier>([
      ["slack", slackNotifier],
      ["teams", teamsNotifier],
    ]),
    fallback: new LogNotifier(createLogger("silent")),
  };
  const dispatcher = new Dispatcher(notifiers, {
    timer: time,
    random: () => 0.5,
    guardMs: 0,
    smooth: false,
    policy: DEFAULT_RETRY_POLICY,
    concurrency: 8,
  });
  time.whenIdle(() => dispatcher.inFlight === 0);
  return { db, bank, time, kernel, slack, teams, dispatcher, slackUser, teamsConversation };
}

/** Installs the seeded fault plan on both fakes. */
function injectFaults(w: World): void {
  const asked = new Occurrences();
  const slackStorms = storms(SEED, "slack");
  const teamsStorms = storms(SEED, "teams");
  const slackRefused: Window = { ...TOKEN_REFUSED.slack };
  const teamsRefused: Window = { ...TOKEN_REFUSED.teams };
  let slackCalls = 0;
  let teamsCalls = 0;
  const unreachableDm = new Set([`D${w.slackUser.get("substitute")!.slice(1)}`]);
  w.slack.unreachable.set(w.slackUser.get("holder")!, "channel_not_found");
  w.slack.injector = (method, args) => {
    const at = w.time.nowMs();
    slackCalls += 1;
    if (open(slackRefused, slackCalls, at)) return { error: "invalid_auth" };
    const storm = slackStorms.find((s) => open(s, slackCalls, at));
    if (storm) return { status: 429, retryAfter: storm.retryAfter };
    if (method === "chat.postMessage" && unreachableDm.has(String(args.channel))) return { error: "not_in_channel" };
    const who = String(args.text ?? args.users ?? args.channel ?? "");
    return transient(uniform(SEED, asked.next(`slack:${method}:${who}`)), SLACK_FAULTS);
  };
  const teamsUnreachable = new Map<string, ScriptedAnswer>([
    [
      w.teamsConversation.get("incoming")!,
      { status: 403, body: { error: { code: "BotNotInConversationRoster", message: "…" } } },
    ],
    [w.teamsConversation.get("stranger")!, { status: 404, body: { error: { code: "ConversationNotFound" } } }],
  ]);
  w.teams.injector = ({ method, conversationId, body }) => {
    const at = w.time.nowMs();
    teamsCalls += 1;
    if (open(teamsRefused, teamsCalls, at))
      return { status: 401, body: { message: "Authorization has been denied for this request." } };
    const storm = teamsStorms.find((s) => open(s, teamsCalls, at));
    if (storm)
      return {
        status: 429,
        headers: { "retry-after": String(storm.retryAfter) },
        body: { error: { code: "Throttled" } },
      };
    const refused = teamsUnreachable.get(conversationId);
    if (refused) return refused;
    return transient(
      uniform(SEED, asked.next(`teams:${method}:${conversationId}:${String(body.summary)}`)),
      TEAMS_FAULTS,
    );
  };
}

/** Stops what `world` started (whatever of it started). */
async function close(w: World | undefined): Promise<void> {
  await w?.dispatcher.stop();
  await w?.slack.close();
  await w?.teams.stop();
  await w?.db.drop();
}

// The two engines run at the same time, each in a world of its own (database, fakes, dispatcher,
// virtual time): a run is mostly waiting (real timeouts of the hung calls, answers gathered for
// 50 ms), ~11 s of CPU in ~75 s, so side by side they take the time of one (decision 13.s14t-1).
describe.concurrent("notices through platforms that fail on purpose", () => {
  it.for(ENGINES)(
    "on %s: delivers every deliverable notice once, holds on refused tokens, one finding per unreachable person",
    { timeout: 600_000 },
    async (engine, { expect, onTestFinished }) => {
      const w = await world(engine);
      onTestFinished(() => close(w));
      const p = w.db.prisma;
      const people = [...ON_SLACK, ...ON_TEAMS];
      const titleOf = (who: CastName, i: number) => `Fault notice ${i} for ${who}`;
      // Written through the outbox as a use case writes notices, in one transaction (the test is about
      // their delivery, not their writing: 312 transactions cost seconds, decision 13.s10t-3).
      await w.kernel.uow.run(async (tx) => {
        for (let i = 1; i <= PER_PERSON; i += 1)
          for (const who of people) {
            const platform: NoticePlatform = ON_SLACK.includes(who) ? "slack" : "teams";
            await tx.outbox.enqueue(
              {
                dedupeKey: `fault:${i}:${who}`,
                recipientId: w.bank.ids[who],
                kind: "test_notice",
                subjectType: "test",
                subjectId: `fault-${i}`,
                card: { title: same(titleOf(who, i)), fields: [], actions: [] },
                visibleFrom: null,
              },
              [platform],
            );
          }
      });
      const total = people.length * PER_PERSON;
      injectFaults(w);

      // Drain, then move virtual time to the next due row, until nothing is due any more.
      const report = emptyReport();
      let rounds = 0;
      for (; rounds < 400; rounds += 1) {
        addReports(report, await w.dispatcher.drain(w.kernel));
        const next = await w.kernel.uow.run((tx) => tx.deliveries.nextDueAt());
        if (next === null) break;
        w.time.set(new Date(Math.max(next.getTime(), w.time.now().getTime() + 1_000)));
      }
      expect(rounds, "the fan-out settles").toBeLessThan(400);

      // Delivered: Slack by the notice id in the message metadata, Teams by the card's summary.
      const slackDelivered = new Map<string, number>();
      for (const m of w.slack.messages) {
        const id = (m.metadata as { event_payload?: { notice_id?: string } } | undefined)?.event_payload?.notice_id;
        if (id) slackDelivered.set(id, (slackDelivered.get(id) ?? 0) + 1);
      }
      const teamsDelivered = new Map<string, number>();
      for (const a of w.teams.sent.filter((s) => s.method === "POST")) {
        const key = `${a.conversationId}|${String(a.body.summary)}`;
        teamsDelivered.set(key, (teamsDelivered.get(key) ?? 0) + 1);
      }
      const rows = await p.notice.findMany();
      const summaryOf = (row: (typeof rows)[number]) => (JSON.parse(row.card) as { title: { en: string } }).title.en;
      const nameOf = new Map(Object.entries(w.bank.ids).map(([k, v]) => [v, k as CastName]));
      const deliveredCount = (row: (typeof rows)[number]): number => {
        const who = nameOf.get(row.recipientId)!;
        if (row.platform === "slack") return slackDelivered.get(row.id) ?? 0;
        return teamsDelivered.get(`${w.teamsConversation.get(who)}|${summaryOf(row)}`) ?? 0;
      };

      // Every notice written (the fan-out, the findings, the administrators' notices) reached its
      // person at most once; Teams messages with one title to one person, at most as many as notices.
      const teamsRows = new Map<string, number>();
      for (const row of rows.filter((r) => r.platform === "teams")) {
        const who = nameOf.get(row.recipientId)!;
        const key = `${w.teamsConversation.get(who)}|${summaryOf(row)}`;
        teamsRows.set(key, (teamsRows.get(key) ?? 0) + 1);
      }
      let duplicated = 0;
      for (const [, n] of slackDelivered) duplicated += Math.max(0, n - 1);
      for (const [key, n] of teamsDelivered) duplicated += Math.max(0, n - (teamsRows.get(key) ?? 0));

      const fanOut = rows.filter((r) => r.kind === "test_notice");
      expect(fanOut).toHaveLength(total);
      const unreachable = new Set(Object.keys(UNREACHABLE).map((k) => w.bank.ids[k as CastName]));
      const deliverable = fanOut.filter((r) => !unreachable.has(r.recipientId));
      // Teams cannot be asked whether an ambiguous send arrived: such a notice stays unknown, is
      // never resent, and compliance is told. Slack's are reconciled and must all end sent.
      const teamsAmbiguous = deliverable.filter((r) => r.status === "unknown");
      expect(teamsAmbiguous.every((r) => r.platform === "teams")).toBe(true);
      const sent = deliverable.filter((r) => r.status === "sent");
      const deliveredOnce = deliverable.filter((r) => deliveredCount(r) === 1).length;
      const sentDeliveredOnce = sent.filter((r) => deliveredCount(r) === 1).length;
      // Every deliverable notice ended sent or (Teams) unknown; any other is named with its last error.
      const astray = deliverable.filter((r) => r.status !== "sent" && r.status !== "unknown");
      expect(
        astray.map((r) => `${r.platform} ${r.dedupeKey} ${r.status}, ${r.attempts} attempts: ${r.lastError}`),
      ).toEqual([]);
      expect(sent.length + teamsAmbiguous.length).toBe(deliverable.length);
      expect(sentDeliveredOnce).toBe(sent.length);
      expect(teamsAmbiguous.every((r) => deliveredCount(r) <= 1)).toBe(true);
      expect(duplicated).toBe(0);
      // One by one where a message names its notice (Slack's metadata; the fan-out's unique titles).
      for (const r of rows.filter((x) => x.platform === "slack" || x.kind === "test_notice"))
        expect(deliveredCount(r), `${r.kind} ${r.dedupeKey}`).toBeLessThanOrEqual(1);
      // Each ambiguous Teams send: its own "outcome unknown" to compliance (it is about one notice).
      const unknownTold = await p.notice.findMany({ where: { kind: "delivery.unknown" } });
      const extra = rows.filter((r) => unknownTold.some((n) => n.subjectId === r.id) && !teamsAmbiguous.includes(r));
      expect(
        new Set(unknownTold.map((n) => n.subjectId)),
        extra.map((r) => `${r.kind} ${r.platform} ${r.status} ${r.lastError} ${nameOf.get(r.recipientId)}`).join("; "),
      ).toEqual(new Set(teamsAmbiguous.map((r) => r.id)));

      // The unreachable: every notice to them failed for good, and each is ONE finding per reader.
      const toUnreachable = fanOut.filter((r) => unreachable.has(r.recipientId));
      expect(toUnreachable.every((r) => r.status === "failed")).toBe(true);
      expect(await p.notice.count({ where: { kind: "delivery.failed" } }), "no finding per notice").toBe(0);
      const findings = rows.filter((r) => r.kind.startsWith("delivery.unreachable."));
      const readersOf = (who: CastName): CastName[] =>
        who === "stranger"
          ? ["otherManager", "compliance", "complianceHead"]
          : ["manager", "compliance", "complianceHead"];
      for (const who of Object.keys(UNREACHABLE) as CastName[])
        for (const reader of readersOf(who)) {
          const told = findings.filter((f) => f.subjectId === w.bank.ids[who] && f.recipientId === w.bank.ids[reader]);
          expect(told, `${reader} told about ${who} (${UNREACHABLE[who]})`).toHaveLength(1);
        }
      // … and the findings themselves reached their readers (none of whom is unreachable).
      expect(findings.every(reached)).toBe(true);
      const complianceFindings = findings.filter((f) => f.recipientId === w.bank.ids.compliance).length;

      // The refused tokens held delivery (never failed it) and told the administrators, on each
      // platform; fixed, delivery resumed — the administrators' own notices were delivered too.
      expect(report.held).toBeGreaterThan(0);
      const told = rows.filter((r) => r.kind === "delivery.held");
      const heldPlatforms = new Set(told.map((r) => r.subjectId.split(":")[0]));
      expect(heldPlatforms).toEqual(new Set(["slack", "teams"]));
      expect(new Set(told.map((r) => nameOf.get(r.recipientId)))).toEqual(new Set(["executive", "lead"]));
      expect(told.every(reached)).toBe(true);
      expect(rows.filter((r) => r.lastError.includes("invalid_auth") && r.status === "failed")).toEqual([]);
      // Teams: every send carried the bot's token, and the refused one was fetched anew after a 401.
      expect(w.teams.sent.every((a) => a.authorization?.startsWith("Bearer fake-bot-token-"))).toBe(true);
      expect(w.teams.tokenRequests.length).toBeGreaterThan(1);

      const byKind = new Map<string, number>();
      for (const f of [
        ...w.slack.injected.map((x) => `slack ${faultName(x.fault)}`),
        ...w.teams.injected.map((x) => `teams ${faultName(x.answer)}`),
      ])
        byKind.set(f, (byKind.get(f) ?? 0) + 1);
      console.log(
        [
          `faulty platforms on ${engine}, seed ${SEED}: ${total} notices (${fanOut.filter((r) => r.platform === "slack").length} Slack, ${fanOut.filter((r) => r.platform === "teams").length} Teams), ${rounds} drains, ${Math.round(w.time.nowMs() / 1000)} s of virtual time`,
          `  delivered ${deliveredOnce}/${deliverable.length} deliverable (sent ${sent.length}; Teams ambiguous, not resent, compliance told: ${teamsAmbiguous.length}, of which arrived ${teamsAmbiguous.filter((r) => deliveredCount(r) === 1).length})`,
          `  duplicated ${duplicated}; held ${report.held} sends (administrators told: ${told.length} notices on ${[...heldPlatforms].join(", ")})`,
          `  findings: ${complianceFindings} for compliance about ${Object.keys(UNREACHABLE).length} unreachable people (${toUnreachable.length} notices failed); per-notice findings 0`,
          `  reconciled ${report.reconciled}, retried ${report.retried}, unknown ${report.unknown}; Teams tokens fetched ${w.teams.tokenRequests.length}`,
          `  faults served: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ")}`,
        ].join("\n"),
      );
    },
  );
});
