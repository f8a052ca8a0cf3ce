// The composition root: builds everything from the configuration and starts the service.
import { hostname } from "node:os";
import { DEFAULT_DATABASE_URL, slackEnabled, type Config } from "./infra/config.ts";
import { isEmptyRegister, loadDemoBank } from "./cli/load-demo-bank.ts";
import { openDatabase, providerOf, type Database } from "./infra/db/database.ts";
import { fieldCipherOf } from "./infra/records/field-cipher.ts";
import { loadMigrations, migrate } from "./infra/db/migrator.ts";
import { PrismaOpsQueries } from "./infra/db/prisma-ops-queries.ts";
import { PendingMigrationsError } from "./infra/db/pending-migrations-error.ts";
import { ServiceMetrics } from "./infra/http/metrics.ts";
import { outboundFor, type Outbound } from "./infra/http/outbound.ts";
import { ConsoleNotifier } from "./infra/notifiers/console-notifier.ts";
import { PrismaSettingsRepository } from "./infra/db/prisma-settings-repository.ts";
import { GroupCommitUnitOfWork } from "./infra/db/group-commit.ts";
import { PrismaUnitOfWork } from "./infra/db/prisma-unit-of-work.ts";
import { SETTING } from "./ports/settings.ts";
import { healthRoutes } from "./infra/http/healthz.ts";
import { startHttpServer, type HttpServer, type Route } from "./infra/http/server.ts";
import { createLogger, type Logger } from "./infra/logger.ts";
import { LogNotifier } from "./infra/notifiers/log-notifier.ts";
import { startTicker, type Ticker } from "./infra/scheduler/cron-ticker.ts";
import { systemClock, type Clock } from "./ports/clock.ts";
import { DirectoryEvidenceStore } from "./infra/records/directory-evidence-store.ts";
import { composeKernel } from "./app/kernel/compose.ts";
import type { Kernel } from "./app/kernel/execute.ts";
import { defaultJobs, type JobDependencies } from "./app/jobs/default-jobs.ts";
import type { TeamsAdapter } from "../adapters/teams/teams-app.ts";
import { teamsSettings } from "../adapters/teams/teams-settings.ts";
import type { Notifiers } from "./app/delivery/delivery-context.ts";
import { Dispatcher } from "./app/delivery/dispatcher.ts";
import { SenderElection } from "./app/delivery/sender-election.ts";
import { systemTimer } from "./ports/timer.ts";
import { kickOnEnqueue } from "./app/delivery/kick-on-enqueue.ts";
import { CoalescedRefresh } from "./app/delivery/coalesced-refresh.ts";
import { runTick, type TickReport } from "./app/jobs/tick.ts";
import { logRecordsOf } from "./infra/audit-log/log-records.ts";
import { dashboardRecordsOf } from "./infra/records/dashboard-records.ts";
import { actions } from "./app/catalog.ts";
import type { Notifier } from "./ports/notifier.ts";
import type { PressProbe } from "./ports/probe.ts";
import { reportDepsOf } from "./infra/db/reports/report-sources.ts";
import type { ReportDeps } from "./app/reports/report-context.ts";
import { PrismaInboxIntake } from "./infra/db/prisma-inbox.ts";
// Slack's and Teams' SDKs are loaded only when their platform is configured (Bolt ~34 MB, the Teams
// SDK ~40 MB resident): slack-app.ts and teams-app.ts are imported where they are used.
import type { SlackApp } from "../adapters/slack/slack-app.ts";
import { slackWebClient } from "../adapters/slack/slack-web-client.ts";
import { SlackNotifier } from "../adapters/slack/slack-notifier.ts";
import type { Locale } from "./ports/locale.ts";
import { createWebAdapter } from "../adapters/web/web-app.ts";
import { OidcSignIn } from "../adapters/web/web-oidc.ts";
import { PrismaEvidenceReads } from "./infra/db/prisma-evidence-reads.ts";
import { buildEvidencePack } from "./infra/records/evidence-pack.ts";
import { renderAuditReport } from "./app/records/audit-report.html.ts";

export interface Service {
  readonly url: string;
  readonly db: Database;
  readonly kernel: Kernel;
  readonly log: Logger;
  /** Delivers the outbox: drains continuously (unless told to deliver on tick only); `kick()` wakes it. */
  readonly dispatcher: Dispatcher;
  readonly notifiers: Notifiers;
  readonly metrics: ServiceMetrics;
  /** Resolves once every chat request accepted so far has been acted on (tests, benchmarks). */
  settled(): Promise<void>;
  /**
   * Resolves once nothing a request set going is under way: presses acted on, App Home refreshes
   * owed run (at once), no request being handled — every line they log is written (tests read logs).
   */
  quiet(): Promise<void>;
  /**
   * Stops in order, logging each step: readiness fails, no new connection is accepted, requests in
   * progress get up to `graceMs` to be answered, presses accepted are acted on, the dispatcher puts
   * the notices it holds back to pending and records the sends in flight, the scheduler finishes its
   * tick, the database closes.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

export interface ServiceOptions {
  clock?: Clock;
  log?: Logger;
  /** Deliver the notices a chat action wrote right after it (default true), not only at the next tick. */
  dispatchAfterChange?: boolean;
}

/** The least time between two App Home refreshes of one person caused by deliveries (the first is at once). */
const HOME_REFRESH_SPACING_MS = 2_000;

/** The name a server claims scheduler slots under (several may share one database). */
export const INSTANCE = `${hostname()}:${process.pid}`;

export function buildKernel(db: Database, config: Config, clock: Clock): Kernel {
  // SQLite has one writer: units of work that arrive together share a transaction (group-commit.ts).
  // PostgreSQL's pool runs them side by side, one transaction each.
  const uow = db.provider === "sqlite" ? new GroupCommitUnitOfWork(db) : new PrismaUnitOfWork(db);
  const listening = `http://${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
  const publicUrl = config.KEYPOST_PUBLIC_URL ?? listening;
  return {
    ...composeKernel(uow, clock, config.KEYPOST_LOCALE),
    dashboardUrl: () => publicUrl,
    evidence: {
      store: new DirectoryEvidenceStore(config.KEYPOST_EVIDENCE_DIR),
      rules: { maxBytes: config.KEYPOST_EVIDENCE_MAX_MB * 1024 * 1024, types: config.KEYPOST_EVIDENCE_TYPES },
    },
  };
}

/**
 * One notifier per configured platform (Slack from the configuration; Teams' comes from its adapter,
 * passed in `extra`); the log stands in for the others.
 */
export function buildNotifiers(
  log: Logger,
  config?: Config,
  extra: readonly Notifier[] = [],
  onDelivered?: (personId: string) => void,
  outbound: Outbound = outboundFor(config ?? {}),
): Notifiers {
  const fallback = config?.KEYPOST_DEV_NOTICES === "console" ? new ConsoleNotifier() : new LogNotifier(log);
  const platforms: Notifier[] = [...extra];
  if (config && slackEnabled(config)) {
    platforms.push(
      new SlackNotifier(slackWebClient(config.SLACK_BOT_TOKEN, config.SLACK_API_URL, outbound.fetch), {
        log,
        channelPerSecond: config.SLACK_CHANNEL_RATE,
        ...(onDelivered ? { onDelivered } : {}),
      }),
    );
  }
  return { byPlatform: new Map(platforms.map((n) => [n.platform, n] as const)), fallback };
}

/** The Teams adapter when Teams is enabled (its notifier delivers Teams notices, its route serves /api/messages). */
export async function teamsAdapterFor(
  kernel: Kernel,
  config: Config,
  log: Logger,
  reports?: ReportDeps,
  outbound: Outbound = outboundFor(config),
): Promise<TeamsAdapter | undefined> {
  if (!teamsEnabled(config)) return undefined;
  const { createTeamsAdapter } = await import("../adapters/teams/teams-app.ts");
  return createTeamsAdapter({
    kernel,
    actions,
    settings: teamsSettings(config),
    log,
    outbound,
    ...(reports ? { reports } : {}),
  });
}

/** Each press: counted in the metrics (when given) and one log line of ids and codes (the press id comes from the context). */
export function pressProbe(log: Logger, metrics?: PressProbe): PressProbe {
  return {
    pressed(platform, outcome, seconds) {
      metrics?.pressed(platform, outcome, seconds);
      log.info("press", { platform, outcome, ms: Math.round(seconds * 1000) });
    },
  };
}

/** Teams is served when KEYPOST_TEAMS=on, by default when its credentials are set. */
export function teamsEnabled(config: Config): boolean {
  return (config.KEYPOST_TEAMS ?? (config.TEAMS_CLIENT_ID ? "on" : "off")) === "on";
}

/** Runs every scheduled job due as of `at`. The ticker and `keypost tick --at` call the same. */
export function tick(kernel: Kernel, jobs: JobDependencies, at: Date): Promise<TickReport> {
  return runTick(kernel, defaultJobs(jobs), at, INSTANCE);
}

export async function startService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const shipped = loadMigrations(providerOf(config.DATABASE_URL)).map((m) => m.name);
  if (config.KEYPOST_MIGRATE === "on") {
    const migrated = await migrate(config.DATABASE_URL);
    if (migrated.applied.length > 0) log.info("database migrated", { applied: migrated.applied });
  }
  const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config), { poolSize: config.DATABASE_POOL_SIZE });
  const ops = new PrismaOpsQueries(db);
  if (config.KEYPOST_MIGRATE === "off") {
    const applied = new Set(
      await ops.appliedMigrations().catch(async (error: unknown) => {
        await db.close();
        throw error;
      }),
    );
    const pending = shipped.filter((m) => !applied.has(m));
    if (pending.length > 0) {
      await db.close();
      throw new PendingMigrationsError(
        `KEYPOST_MIGRATE=off and ${pending.length} migration(s) are pending (${pending.join(", ")}): run \`keypost migrate\` with a user allowed to change the schema, then start again`,
      );
    }
  }
  if (config.DATABASE_URL === DEFAULT_DATABASE_URL && (await isEmptyRegister(db))) {
    for (const line of await loadDemoBank(db, clock)) log.info(`demo bank: ${line}`);
  }
  const settings = new PrismaSettingsRepository(db.prisma);
  // Which platforms this service delivers to: a person with accounts on both gets each notice on one
  // of these (app/kernel/notify.ts), never on one nobody sends to.
  await settings.set(
    SETTING.noticePlatforms,
    [slackEnabled(config) ? "slack" : "", teamsEnabled(config) ? "teams" : ""].filter((p) => p !== "").join(","),
  );
  // Every transaction that writes a notice wakes the dispatcher once it has committed (it is built
  // below, once the platforms' notifiers exist).
  let wakeDispatcher = (): void => undefined;
  const base = buildKernel(db, config, clock);
  const rateLimitWaits = { read: (): number => 0 };
  const metrics = new ServiceMetrics({
    ops,
    settings,
    clock,
    rateLimitWaits: () => rateLimitWaits.read(),
  });
  const probe = pressProbe(log, metrics);
  // Sign-in links point at KEYPOST_PUBLIC_URL, else at where the server listens (known once it does).
  const listening: { url?: string } = {};
  const kernel: Kernel = {
    ...base,
    probe,
    uow: kickOnEnqueue(base.uow, () => wakeDispatcher()),
    dashboardUrl: () => config.KEYPOST_PUBLIC_URL ?? listening.url ?? base.dashboardUrl?.() ?? "",
  };
  const reports = reportDepsOf(db);
  let records;
  try {
    records = await logRecordsOf(config, db);
  } catch (error) {
    await db.close();
    throw error;
  }
  if (!records.key)
    log.warn("KEYPOST_LOG_SIGNING_KEY_FILE is not set: the audit log is not checkpointed outside the database");
  if (!config.KEYPOST_FIELD_KEY_FILE)
    log.warn("KEYPOST_FIELD_KEY_FILE is not set: findings and major-event reports are stored unencrypted");
  // Evidence packs need the signing key: their log entries are proven by a checkpoint signed for them.
  const evidencePacks = records.key
    ? {
        evidencePack: (auditId: string, locale: Locale) =>
          buildEvidencePack(
            db,
            new PrismaEvidenceReads(db),
            renderAuditReport,
            records,
            auditId,
            locale,
            clock.now(),
            base.evidence?.store,
          ),
      }
    : {};
  const onCheckpointRefused = (error: unknown): void =>
    log.error("audit log checkpoint refused", { error: error instanceof Error ? error.message : String(error) });

  // Every outbound call of this process, through the proxy when one is configured.
  const outbound = outboundFor(config);
  let slack: SlackApp | undefined;
  let teams: TeamsAdapter | undefined;
  try {
    teams = await teamsAdapterFor(kernel, config, log, reports, outbound);
  } catch (error) {
    await db.close();
    throw error;
  }
  // A delivered Slack notice refreshes its recipient's App Home: at once, then at most once per
  // HOME_REFRESH_SPACING_MS while more arrive (a fan-out sends a person one a second; decision 17.s10r-1).
  const homes = new CoalescedRefresh(
    async (personId) => slack?.refreshHome(personId),
    systemTimer,
    HOME_REFRESH_SPACING_MS,
    (error) => log.warn("slack home refresh failed", { error: error instanceof Error ? error.message : String(error) }),
  );
  const onDelivered = (personId: string): void => homes.request(personId);
  const notifiers = buildNotifiers(log, config, teams ? [teams.notifier] : [], onDelivered, outbound);
  // On PostgreSQL several replicas may serve one bank: one of them at a time is the elected sender of
  // each platform, so one rate limiter paces the whole workspace or tenant (decision 17.18). SQLite is
  // one server: it sends to every platform itself, as before.
  const election =
    db.provider === "postgres"
      ? new SenderElection(
          {
            keys: ["slack", "teams", "log"],
            onChange: ({ gained, lost }) => log.info("sender election", { holder: election?.holder, gained, lost }),
          },
          systemTimer,
        )
      : undefined;
  const running = new Dispatcher(notifiers, {
    ...(election ? { election } : {}),
    onError: (error) =>
      log.error("dispatcher drain failed", { error: error instanceof Error ? error.message : String(error) }),
    onDrained: (report) => {
      metrics.drained(report);
      if (report.sent + report.failed + report.retried + report.unknown > 0)
        log.debug("notices drained", { ...report });
      // How long platform calls took, per platform (ms): what the rate windows lose (decision 17.s11r-1).
      for (const timing of running.timings.take()) log.info("send latency", { ...timing });
    },
  });
  rateLimitWaits.read = () => running.limiter.waits;
  const jobs: JobDependencies = { dispatcher: running, checkpointer: records.checkpointer, onCheckpointRefused };
  wakeDispatcher = () => running.kick();

  let stopping = false;
  const routes: Route[] = [
    ...healthRoutes({
      ops,
      settings,
      clock,
      metrics,
      migrations: shipped,
      schedulerEnabled: config.KEYPOST_SCHEDULER === "on",
      outboxMaxAgeMs: config.KEYPOST_READY_OUTBOX_AGE * 1000,
      startedAt: clock.now(),
      stopping: () => stopping,
    }),
    metrics.route(),
    ...(teams ? [teams.route] : []),
    ...createWebAdapter({
      kernel,
      reports,
      records: dashboardRecordsOf(db, records),
      log,
      secureCookie: (config.KEYPOST_PUBLIC_URL ?? "").startsWith("https:"),
      ...(config.KEYPOST_OIDC_ISSUER && config.KEYPOST_OIDC_CLIENT_ID && config.KEYPOST_OIDC_CLIENT_SECRET
        ? {
            oidc: new OidcSignIn({
              issuer: config.KEYPOST_OIDC_ISSUER,
              clientId: config.KEYPOST_OIDC_CLIENT_ID,
              clientSecret: config.KEYPOST_OIDC_CLIENT_SECRET,
              claim: config.KEYPOST_OIDC_CLAIM,
              publicUrl: () => config.KEYPOST_PUBLIC_URL ?? listening.url ?? "",
              secureCookie: (config.KEYPOST_PUBLIC_URL ?? "").startsWith("https:"),
            }),
          }
        : {}),
      ...evidencePacks,
    }),
  ];
  let slackPath = "off";
  if (slackEnabled(config)) {
    const { createSlackApp, SLACK_EVENTS_PATH } = await import("../adapters/slack/slack-app.ts");
    slackPath = SLACK_EVENTS_PATH;
    slack = createSlackApp({
      kernel,
      actions,
      reports,
      botToken: config.SLACK_BOT_TOKEN,
      ...(config.SLACK_APP_TOKEN
        ? { appToken: config.SLACK_APP_TOKEN }
        : { signingSecret: config.SLACK_SIGNING_SECRET! }),
      ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
      ...(config.SLACK_BOT_USER_ID ? { botUserId: config.SLACK_BOT_USER_ID } : {}),
      log,
      intake: new PrismaInboxIntake(db),
      // Presses acted on at once once arrivals pause (the worker holds off while a burst is acked).
      // SQLite: eight, which its group commit writes in one transaction (one at a time was a
      // transaction and a wait per press); PostgreSQL: sixteen, overlapping on the pool's ten
      // clients, each press's audit-log lock held for one statement (decision 13.s8p-4).
      pressConcurrency: db.provider === "sqlite" ? 8 : 16,
      outbound,
      ...evidencePacks,
    });
    // Socket Mode takes no request over HTTP: /slack/events is not served.
    if (!slack.socket) routes.push({ method: "POST", path: SLACK_EVENTS_PATH, handler: slack.handle });
  }
  let http: HttpServer;
  try {
    http = await startHttpServer(routes, config.PORT, config.HOST, log);
  } catch (error) {
    await db.close();
    throw error;
  }
  listening.url = http.url;
  // The Teams SDK fetches the Bot Framework's keys through Node's global agents: proxied too.
  const restoreGlobalAgents = outbound.installGlobalAgents();
  slack?.presses.start();
  try {
    await slack?.socket?.start();
  } catch (error) {
    await http.close(0);
    await slack?.presses.stop();
    restoreGlobalAgents();
    await outbound.close();
    await db.close();
    throw error;
  }
  let ticker: Ticker | undefined;
  if (config.KEYPOST_SCHEDULER === "on") {
    ticker = startTicker(
      async (at) => {
        const report = await tick(kernel, jobs, at);
        if (report.ran.length > 0) log.debug("tick", { ran: report.ran });
      },
      clock,
      log,
    );
  }
  // The outbox is delivered continuously (woken by every change) unless a test asks to deliver only on tick.
  if (config.KEYPOST_SCHEDULER === "on" || options.dispatchAfterChange !== false) running.start(kernel);

  log.info("keypost serving", {
    url: http.url,
    database: providerOf(config.DATABASE_URL),
    scheduler: config.KEYPOST_SCHEDULER,
    slack: slack?.socket ? "socket mode" : slackPath,
    teams: teams ? "on" : "off",
    proxy: outbound.proxied ? "on" : "off",
  });
  return {
    url: http.url,
    db,
    kernel,
    log,
    dispatcher: running,
    notifiers,
    metrics,
    settled: async () => {
      await slack?.presses.idle();
    },
    quiet: async () => {
      await slack?.presses.idle();
      await homes.settle();
      await http.idle();
    },
    close: async ({ graceMs = 0 } = {}) => {
      stopping = true;
      const started = performance.now();
      const step = async (what: string, work: () => Promise<unknown>) => {
        const at = performance.now();
        const result = await work();
        log.info(`shutdown: ${what}`, {
          ms: Math.round(performance.now() - at),
          ...(result && typeof result === "object" ? result : {}),
        });
      };
      const socket = slack?.socket;
      if (socket) await step("slack socket mode closed", () => socket.stop());
      await step("http closed", async () => ({ inFlight: http.inFlight, ...(await http.close(graceMs)) }));
      await step("accepted presses acted on", async () => {
        // Nothing new arrives now: what was acknowledged is acted on before the worker stops.
        await slack?.presses.idle();
        await slack?.presses.stop();
      });
      await step("scheduler stopped", async () => ticker?.stop());
      await step("dispatcher stopped, held notices released", () => running.stop());
      // Work started by a request or a delivery that outlives it (App Home refreshes).
      await step("background work settled", () => homes.settle());
      restoreGlobalAgents();
      if (outbound.proxied) await step("proxy connections closed", () => outbound.close());
      await step("database closed", () => db.close());
      log.info("shutdown complete", { ms: Math.round(performance.now() - started) });
    },
  };
}
