// GET /healthz: is the database reachable, are all migrations applied, when did the scheduler last tick.
import type { Database } from "../db/database.ts";
import { pendingMigrations } from "../db/migrator.ts";
import type { SettingsRepository } from "../../ports/settings.ts";
import { SETTING } from "../../ports/settings.ts";
import { sendJson, type Route } from "./server.ts";

export interface Health {
  ok: boolean;
  database: "ok" | "unreachable";
  migrations: { pending: string[] };
  scheduler: { enabled: boolean; lastTick: string | null };
}

export async function checkHealth(
  db: Database,
  settings: SettingsRepository,
  schedulerEnabled: boolean,
): Promise<Health> {
  let database: Health["database"] = "ok";
  let pending: string[] = [];
  let lastTick: string | null = null;
  try {
    await db.prisma.$queryRawUnsafe("SELECT 1");
    pending = await pendingMigrations(db.url);
    lastTick = (await settings.get(SETTING.lastTick)) ?? null;
  } catch {
    database = "unreachable";
  }
  return {
    ok: database === "ok" && pending.length === 0,
    database,
    migrations: { pending },
    scheduler: { enabled: schedulerEnabled, lastTick },
  };
}

export function healthRoute(db: Database, settings: SettingsRepository, schedulerEnabled: boolean): Route {
  return {
    method: "GET",
    path: "/healthz",
    handler: async (_req, res) => {
      const health = await checkHealth(db, settings, schedulerEnabled);
      sendJson(res, health.ok ? 200 : 503, health);
    },
  };
}
