// The composition root: builds everything from the configuration and starts the service.
import { hostname } from "node:os";
import { DEFAULT_DATABASE_URL, type Config } from "./infra/config.ts";
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
import { actions as catalogActions } from "./app/catalog.ts";
import type { Notifier } from "./ports/notifier.ts";
import { createTeamsAdapter } from "../adapters/teams/teams-app.ts";
import { teamsSettings } from "../adapters/teams/teams-settings.ts";
import { reportDepsOf } from "./infra/db/reports/report-sources.ts";
import type { Notifiers } from "./app/scheduling/dispatch-notices.ts";
import { runTick, type TickReport } from "./app/scheduling/tick.ts";

export interface Service {
  readonly url: string;
  readonly db: Database;
  readonly kernel: Kernel;
  readonly log: Logger;
  readonly notifiers: Notifiers;
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

export function buildNotifiers(log: Logger, platforms: readonly Notifier[] = []): Notifiers {
  return { byPlatform: new Map(platforms.map((n) => [n.platform, n] as const)), fallback: new LogNotifier(log) };
}

/** Teams is served when KEYPOST_TEAMS=on, by default when its credentials are set. */
export function teamsEnabled(config: Config): boolean {
  return (config.KEYPOST_TEAMS ?? (config.TEAMS_CLIENT_ID ? "on" : "off")) === "on";
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
  const kernel = buildKernel(db, config, clock);
  let teams: Awaited<ReturnType<typeof createTeamsAdapter>> | undefined;
  try {
    teams = teamsEnabled(config) ? await createTeamsAdapter({ kernel, actions: catalogActions, settings: teamsSettings(config), log, reports: reportDepsOf(db) }) : undefined;
  } catch (error) {
    await db.close();
    throw error;
  }
  const notifiers = buildNotifiers(log, teams ? [teams.notifier] : []);

  const routes: Route[] = [healthRoute(db, settings, config.KEYPOST_SCHEDULER === "on"), ...(teams ? [teams.route] : [])];
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
  }

  log.info(`keypost serving on ${http.url}`, { database: providerOf(config.DATABASE_URL), scheduler: config.KEYPOST_SCHEDULER });
  return {
    url: http.url,
    db,
    kernel,
    log,
    notifiers,
    close: async () => {
      await ticker?.stop();
      await http.close();
      await db.close();
    },
  };
}
