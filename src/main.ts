// The composition root: builds everything from the configuration and starts the service.
import { hostname } from "node:os";
import { DEFAULT_DATABASE_URL, slackEnabled, type Config } from "./infra/config.ts";
import { isEmptyRegister, loadDemoBank } from "./infra/demo/load-demo-bank.ts";
import { openDatabase, providerOf, type Database } from "./infra/db/database.ts";
import { migrate } from "./infra/db/migrator.ts";
import { PrismaSettingsRepository } from "./infra/db/prisma-settings-repository.ts";
import { PrismaUnitOfWork } from "./infra/db/prisma-unit-of-work.ts";
import { healthRoute } from "./infra/http/healthz.ts";
import { startHttpServer, type HttpServer, type Route } from "./infra/http/server.ts";
import { createLogger, type Logger } from "./infra/logger.ts";
import { LogNotifier } from "./infra/notifiers/log-notifier.ts";
import { startTicker, type Ticker } from "./infra/scheduler/cron-ticker.ts";
import { systemClock, type Clock } from "./ports/clock.ts";
import { composeKernel } from "./app/kernel/compose.ts";
import type { Kernel } from "./app/kernel/execute.ts";
import { defaultJobs } from "./app/scheduling/default-jobs.ts";
import type { Notifiers } from "./app/scheduling/dispatch-notices.ts";
import { dispatcherFor, type Dispatcher } from "./app/scheduling/dispatcher.ts";
import { kickOnEnqueue } from "./app/scheduling/kick-on-enqueue.ts";
import { runTick, type TickReport } from "./app/scheduling/tick.ts";
import { actions } from "./app/catalog.ts";
import type { Notifier } from "./ports/notifier.ts";
import type { StoredNotice } from "./ports/outbox.ts";
import { reportDepsOf } from "./infra/db/reports/report-sources.ts";
import { createSlackApp, SLACK_EVENTS_PATH, slackWebClient, type SlackApp } from "../adapters/slack/slack-app.ts";
import { SlackNotifier } from "../adapters/slack/slack-notifier.ts";

export interface Service {
  readonly url: string;
  readonly db: Database;
  readonly kernel: Kernel;
  readonly log: Logger;
  /** Delivers the outbox: drains continuously while the scheduler is on; `kick()` wakes it. */
  readonly dispatcher: Dispatcher;
  close(): Promise<void>;
}

export interface ServiceOptions {
  clock?: Clock;
  log?: Logger;
}

/** The name a server claims scheduler slots under (several may share one database). */
export const INSTANCE = `${hostname()}:${process.pid}`;

export function buildKernel(db: Database, config: Config, clock: Clock): Kernel {
  return composeKernel(new PrismaUnitOfWork(db), clock, config.KEYPOST_LOCALE);
}

/** One notifier per configured platform; the log stands in for the others. */
export function buildNotifiers(log: Logger, config?: Config, onDelivered?: (personId: string) => void): Notifiers {
  const byPlatform = new Map<StoredNotice["platform"], Notifier>();
  if (config && slackEnabled(config)) {
    byPlatform.set("slack", new SlackNotifier(slackWebClient(config.SLACK_BOT_TOKEN, config.SLACK_API_URL), { log, ...(onDelivered ? { onDelivered } : {}) }));
  }
  return { byPlatform, fallback: new LogNotifier(log) };
}

/** Work started by a request that outlives its response (home refreshes, an early dispatch): awaited on close. */
class Background {
  readonly #pending = new Set<Promise<unknown>>();
  constructor(private readonly log: Logger) {}
  run(what: string, work: () => Promise<unknown>): void {
    const p = work().catch((error: unknown) => this.log.warn(`${what} failed`, { error: error instanceof Error ? error.message : String(error) }));
    this.#pending.add(p);
    void p.finally(() => this.#pending.delete(p));
  }
  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}


/** Runs every scheduled job due as of `at`. The ticker and `keypost tick --at` call the same. */
export function tick(kernel: Kernel, notifiers: Notifiers, at: Date): Promise<TickReport> {
  return runTick(kernel, defaultJobs(notifiers), at, INSTANCE);
}

export async function startService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const migrated = await migrate(config.DATABASE_URL);
  if (migrated.applied.length > 0) log.info("database migrated", { applied: migrated.applied });
  const db = openDatabase(config.DATABASE_URL);
  if (config.DATABASE_URL === DEFAULT_DATABASE_URL && (await isEmptyRegister(db))) {
    for (const line of await loadDemoBank(db, clock)) log.info(`demo bank: ${line}`);
  }
  const settings = new PrismaSettingsRepository(db.prisma);
  const background = new Background(log);
  let slack: SlackApp | undefined;
  const notifiers = buildNotifiers(log, config, (personId) => background.run("slack home refresh", async () => slack?.refreshHome(personId)));
  const dispatcher = dispatcherFor(notifiers, {
    onError: (error) => log.error("dispatcher drain failed", { error: error instanceof Error ? error.message : String(error) }),
  });
  // Every transaction that writes a notice wakes the dispatcher once it has committed.
  const base = buildKernel(db, config, clock);
  const kernel: Kernel = { ...base, uow: kickOnEnqueue(base.uow, () => dispatcher.kick()) };

  const routes: Route[] = [healthRoute(db, settings, config.KEYPOST_SCHEDULER === "on")];
  if (slackEnabled(config)) {
    slack = createSlackApp({
      kernel,
      actions,
      reports: reportDepsOf(db),
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
      ...(config.SLACK_BOT_USER_ID ? { botUserId: config.SLACK_BOT_USER_ID } : {}),
      log,
    });
    routes.push({ method: "POST", path: SLACK_EVENTS_PATH, handler: slack.handle });
  }
  let http: HttpServer;
  try {
    http = await startHttpServer(routes, config.PORT, config.HOST, log);
  } catch (error) {
    await db.close();
    throw error;
  }
  let ticker: Ticker | undefined;
  if (config.KEYPOST_SCHEDULER === "on") {
    ticker = startTicker(async (at) => {
      const report = await tick(kernel, notifiers, at);
      if (report.ran.length > 0) log.debug("tick", { ran: report.ran });
    }, clock, log);
    dispatcher.start(kernel);
  }

  log.info(`keypost serving on ${http.url}`, { database: providerOf(config.DATABASE_URL), scheduler: config.KEYPOST_SCHEDULER, slack: slack ? SLACK_EVENTS_PATH : "off" });
  return {
    url: http.url,
    db,
    kernel,
    log,
    dispatcher,
    close: async () => {
      await ticker?.stop();
      await dispatcher.stop();
      await http.close();
      await background.settle();
      await db.close();
    },
  };
}
