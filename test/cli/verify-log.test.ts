import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { openDatabase } from "../../src/infra/db/database.ts";
import { migrate } from "../../src/infra/db/migrator.ts";
import { appendLogEntry } from "../../src/infra/db/audit-log-writer.ts";

const NO_CHECKPOINTS = "no signed checkpoints: only the chain inside the database was checked (docs/audit-log.md)";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe.each(ENGINES)("keypost verify-log on %s", (engine) => {
  let url: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
  });
  afterEach(async () => {
    await remove();
  });

  const run = async (...args: string[]) => {
    const io = capture();
    const code = await main(["verify-log", ...args], io, {
      DATABASE_URL: url,
      LOG_LEVEL: "silent",
      KEYPOST_LOG_CHECKPOINT_DIR: join(tmpdir(), `keypost-no-checkpoints-${process.pid}`),
    });
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  /** Migrates, appends n entries, then lets `change` run raw SQL on the database. */
  async function seed(n: number, change?: string): Promise<void> {
    await migrate(url);
    const db = openDatabase(url);
    try {
      for (let i = 1; i <= n; i++) {
        await db.prisma.$transaction((tx) =>
          appendLogEntry(tx, db.provider, {
            at: new Date(Date.UTC(2026, 0, i)),
            actorId: `e${i}`,
            platform: "cli",
            action: "org.imported",
            subjectType: "OrgUnit",
            subjectId: `u${i}`,
            data: { 名称: "总行", i },
          }),
        );
      }
      if (change) await db.prisma.$executeRawUnsafe(change);
    } finally {
      await db.close();
    }
  }

  it("migrates a new database and reports an empty log as ok", async () => {
    expect(await run()).toEqual({ code: 0, stdout: ["log ok: 0 entries", NO_CHECKPOINTS], stderr: [] });
  });

  it("reports a sound log with its entry count", async () => {
    await seed(3);
    expect(await run()).toEqual({ code: 0, stdout: ["log ok: 3 entries", NO_CHECKPOINTS], stderr: [] });
  });

  it("reports the first broken entry and exits 1", async () => {
    await seed(4, `UPDATE "AuditLogEntry" SET "data" = '{"i":2}' WHERE "seq" = 2`);
    expect(await run()).toEqual({
      code: 1,
      stdout: [
        "log broken at entry #2: entry #2 was changed after it was written: its hash does not match its content",
      ],
      stderr: [],
    });
  });

  it("reports a deleted tail", async () => {
    await seed(4, `DELETE FROM "AuditLogEntry" WHERE "seq" = 4`);
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toEqual([
      "log broken at entry #4: entry #4 is missing: the log head records #4 but the log ends at #3",
    ]);
  });

  it("refuses arguments with exit 2 and is listed in --help", async () => {
    const bad = await run("--fast");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toEqual([
      `keypost verify-log: verify-log takes --file and --public-key only (got "--fast"; usage: keypost verify-log [--file <export>] [--public-key <pem>]…)`,
    ]);
    const io = capture();
    await main(["--help"], io, {});
    expect(io.stdout.some((l) => l.trim().startsWith("verify-log"))).toBe(true);
  });
});
