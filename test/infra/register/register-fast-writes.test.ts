// The register import's fast writes (multi-row VALUES / unnest arrays, indexes built after a first
// load into empty tables) against the writes as they were (one JSON parameter per batch, every
// index kept row by row: the store's `legacyWrites`): a first import into empty tables, then a
// mixed file — new, changed and unchanged employees, posts and assignments, e-mails and chat ids
// moving between people — give the same reports, the same rows in every register table and the
// audit log, and the same indexes (and, on PostgreSQL, foreign keys) as the migrations made, on both
// engines.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegister, type ImportOutcome } from "../../../src/app/register/import-register.ts";
import { PrismaRegisterStore } from "../../../src/infra/db/register/prisma-register-repository.ts";
import { selectTableIndexes } from "../../../src/infra/db/sql/select-table-indexes.sql.ts";
import { selectForeignKeys } from "../../../src/infra/db/sql/select-foreign-keys.sql.ts";
import { openRegisterFiles } from "../../../src/infra/register-files/open-register-file.ts";
import { csvLine } from "../../../src/infra/register-files/register-file-writer.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { SAMPLES } from "./register-support.ts";

const TABLES = ["OrgUnit", "Employee", "RoleGrant", "ChatIdentity", "KeyPost", "Assignment", "Client", "Policy"];
const SUB_BRANCHES = ["BR1-01", "BR2", "HK"];
const EXTRA = 700; // employees beyond the samples': several batches of rows, and both insert shapes' remainders

function write(dir: string, kind: string, header: string[], rows: string[][]): string {
  const path = join(dir, `${kind}.csv`);
  writeFileSync(path, [header, ...rows].map(csvLine).join(""));
  return path;
}

/** The samples plus EXTRA employees with posts and assignments; `edit` marks the second, mixed version. */
function register(version: "first" | "mixed"): string[] {
  const dir = mkdtempSync(join(tmpdir(), "keypost-fast-writes-"));
  const mixed = version === "mixed";
  const employees: string[][] = [];
  const posts: string[][] = [];
  const assignments: string[][] = [];
  const count = mixed ? EXTRA + 150 : EXTRA; // 150 new in the mixed version
  for (let i = 1; i <= count; i++) {
    const code = `X${String(i).padStart(4, "0")}`;
    const unit = SUB_BRANCHES[i % SUB_BRANCHES.length]!;
    const changed = mixed && i % 7 === 0; // about one in seven changed
    const swapped = mixed && i % 50 === 1 && i + 1 <= EXTRA; // two people swap e-mails and chat ids
    const mailOf = (n: number) => `x${n}@bank.example`;
    const slackOf = (n: number) => `UX${String(n).padStart(6, "0")}`;
    const own = swapped ? i + 1 : mixed && i % 50 === 2 && i <= EXTRA ? i - 1 : i;
    employees.push([
      code,
      changed ? `改名${i}` : `员工${i}`,
      i % 3 === 0 ? "" : `Person ${i}`,
      i % 11 === 0 ? "" : mailOf(own),
      changed && i % 2 === 0 ? SUB_BRANCHES[(i + 1) % SUB_BRANCHES.length]! : unit,
      mixed && i % 97 === 0 ? "left" : "active",
      i % 5 === 0 ? "en" : "",
      i % 13 === 0 ? (changed ? "auditor@BR1" : "manager;auditor@BR2") : "",
      i % 4 === 0 ? "" : slackOf(own),
      i % 6 === 0 ? `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` : "",
    ]);
    if (i % 3 === 0) {
      const post = `PX-${i}`;
      posts.push([
        post,
        `岗位${i}`,
        "",
        unit,
        i % 2 ? "operations" : "authority",
        changed ? "现金" : "现金;印章",
        "",
        "",
        "true",
        "true",
      ]);
      assignments.push([code, post, "holder", "2024-03-01", "", ""]);
      if (mixed && i % 9 === 0) assignments.push([code, post, "acting", "2025-06-01", "2025-07-01", "correction"]);
    }
  }
  const sample = (kind: string) => {
    const path = join(dir, `${kind}.csv`);
    writeFileSync(path, readFileSync(join(SAMPLES, `${kind}.csv`)));
    return path;
  };
  return [
    sample("units"),
    write(
      dir,
      "employees",
      [
        "code",
        "name",
        "name_en",
        "email",
        "unit_code",
        "status",
        "locale",
        "roles",
        "slack_user_id",
        "teams_aad_object_id",
      ],
      employees,
    ),
    write(
      dir,
      "posts",
      [
        "code",
        "name",
        "name_en",
        "unit_code",
        "category",
        "risk_points",
        "policy_code",
        "checklist_template_code",
        "standard_defined",
        "active",
      ],
      posts,
    ),
    write(
      dir,
      "assignments",
      ["employee_code", "post_code", "kind", "start_date", "end_date", "end_reason"],
      assignments,
    ),
  ];
}

async function importWith(
  db: TestDatabase,
  paths: string[],
  legacyWrites: boolean,
  at: string,
): Promise<ImportOutcome> {
  let n = 0;
  const newId = () => `id-${at.slice(0, 10)}-${String(++n).padStart(6, "0")}`; // the same ids on both databases
  const { sources, errors } = await openRegisterFiles(paths);
  return importRegister(
    { store: new PrismaRegisterStore(db, { legacyWrites }), clock: new FixedClock(at), newId },
    { sources, dryRun: false, fileErrors: errors },
  );
}

async function dump(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await db.prisma.$queryRawUnsafe(`SELECT * FROM "${table}" ORDER BY "id"`);
  out.log = await db.prisma.$queryRawUnsafe(`SELECT * FROM "AuditLogEntry" ORDER BY "seq"`);
  return out;
}

/** The tables' indexes and, on PostgreSQL, their foreign keys (a first load drops both, 13.s9i-2). */
async function indexes(db: TestDatabase): Promise<unknown[]> {
  return db.transaction(async (_tx, sql) => {
    const all: unknown[] = [];
    for (const table of TABLES) {
      all.push(...(await selectTableIndexes(sql, db.provider, table)));
      if (db.provider === "postgres") all.push(...(await selectForeignKeys(sql, table)).map((k) => ({ table, ...k })));
    }
    return all;
  });
}

describe.each(ENGINES)("the register import's fast writes on %s", (engine) => {
  let fast: TestDatabase;
  let legacy: TestDatabase;
  beforeEach(async () => {
    [fast, legacy] = await Promise.all([testDatabase(engine), testDatabase(engine)]);
  });
  afterEach(async () => {
    await Promise.all([fast.drop(), legacy.drop()]);
  });

  it("give the same database as the JSON writes: a first import, then new, changed and unchanged rows", async () => {
    const migrated = await indexes(fast);
    expect(migrated.length).toBeGreaterThan(engine === "postgres" ? 20 : 10);
    for (const [paths, at] of [
      [register("first"), "2026-11-28T02:00:00Z"],
      [register("mixed"), "2026-12-01T02:00:00Z"],
    ] as const) {
      const a = await importWith(fast, [...paths], false, at);
      const b = await importWith(legacy, [...paths], true, at);
      expect(a.ok, a.ok ? "" : JSON.stringify(a.errors.slice(0, 3))).toBe(true);
      expect(a).toEqual(b);
      expect(await dump(fast)).toEqual(await dump(legacy));
      expect(await indexes(fast)).toEqual(migrated); // every index and foreign key back, as the migrations wrote it
      if (a.ok && at.startsWith("2026-12"))
        for (const kind of ["employees", "posts", "assignments"]) {
          const k = a.report.kinds.find((x) => x.kind === kind)!;
          expect([k.created > 0, k.updated > 0 || kind === "assignments", k.unchanged > 0], kind).toEqual([
            true,
            true,
            true,
          ]);
        }
    }
    const report = (await importWith(fast, register("mixed"), false, "2026-12-02T02:00:00Z")) as ImportOutcome;
    expect(report.ok && report.report.written).toBe(false); // the same file again changes nothing
  });
});
