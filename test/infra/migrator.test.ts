import { describe, expect, it } from "vitest";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";
import { migrate, pendingMigrations, loadMigrations } from "../../src/infra/db/migrator.ts";

describe.each(ENGINES)("migrations on %s", (engine) => {
  it("apply once, then are a no-op", async () => {
    const { url, remove } = await emptyDatabaseUrl(engine);
    try {
      const all = loadMigrations(engine).map((m) => m.name);
      expect(await migrate(url)).toEqual({ applied: all, alreadyApplied: 0 });
      expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: all.length });
      expect(await pendingMigrations(url)).toEqual([]);
    } finally {
      await remove();
    }
  });

  it("refuse a migration edited after it was applied", async () => {
    const { url, remove } = await emptyDatabaseUrl(engine);
    try {
      const all = loadMigrations(engine);
      await migrate(url, all);
      const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
      await expect(migrate(url, edited)).rejects.toThrow(/changed after it was applied/);
    } finally {
      await remove();
    }
  });
});
