// The composition root: builds everything from the configuration and starts the service.
import type { Config } from "./infra/config.ts";
import { openDatabase, providerOf, type Database } from "./infra/db/database.ts";
import { migrate } from "./infra/db/migrator.ts";
import { PrismaSettingsRepository } from "./infra/db/prisma-settings-repository.ts";
import { healthRoute } from "./infra/http/healthz.ts";
import { startHttpServer, type HttpServer, type Route } from "./infra/http/server.ts";
import { createLogger, type Logger, type LogLevel } from "./infra/logger.ts";
import { startTicker, type Ticker } from "./infra/scheduler/cron-ticker.ts";
import { SETTING } from "./ports/settings.ts";
import { systemClock, type Clock } from "./ports/clock.ts";

export interface Service {
  readonly url: string;
  readonly db: Database;
  readonly log: Logger;
  close(): Promise<void>;
}

export interface ServiceOptions {
  clock?: Clock;
  log?: Logger;
}

/** Runs every scheduled job due as of `at`, then records the tick. `keypost tick --at` calls the same. */
export async function tick(db: Database, at: Date): Promise<void> {
  const settings = new PrismaSettingsRepository(db.prisma);
  await settings.set(SETTING.lastTick, at.toISOString());
}

export async function startService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.LOG_LEVEL as LogLevel);
  const migrated = await migrate(config.DATABASE_URL);
  if (migrated.applied.length > 0) log.info("database migrated", { applied: migrated.applied });
  const db = openDatabase(config.DATABASE_URL);
  const settings = new PrismaSettingsRepository(db.prisma);

  const routes: Route[] = [healthRoute(db, settings, config.KEYPOST_SCHEDULER === "on")];
  let http: HttpServer;
  try {
    http = await startHttpServer(routes, config.PORT, config.HOST, log);
  } catch (error) {
    await db.close();
    throw error;
  }
  let ticker: Ticker | undefined;
  if (config.KEYPOST_SCHEDULER === "on") ticker = startTicker((at) => tick(db, at), clock, log);

  log.info(`keypost serving on ${http.url}`, { database: providerOf(config.DATABASE_URL), scheduler: config.KEYPOST_SCHEDULER });
  return {
    url: http.url,
    db,
    log,
    close: async () => {
      await ticker?.stop();
      await http.close();
      await db.close();
    },
  };
}
