// The chat note's gaps counted by the database (SetupGapQueries.inScope, issue #14) against the
// doctor's whole-bank computation (setupGaps over facts(), kept to the scope in code), on both
// engines: same gaps, same codes, the count whole when only the first few are listed. The bank has
// the traps: a unit code with "_" (a LIKE prefix "/HO/BR_1/" would also take "/HO/BRX1/"), a
// calendar named by an ancestor outside the scope, a holder of two posts, a past holder.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupGaps, coveredYears } from "../../src/app/setup-gaps/setup-gaps.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/main.ts";
import { openDatabase, type Database } from "../../src/infra/db/database.ts";
import { PrismaSetupGapQueries } from "../../src/infra/db/prisma-setup-gap-queries.ts";
import type { ScopedGapCode } from "../../src/ports/setup-gap-queries.ts";
import { ENGINES, emptyDatabaseUrl } from "../support/databases.ts";

const TODAY = "2026-06-01";
const CODES: ScopedGapCode[] = [
  "POST_WITHOUT_POLICY",
  "UNIT_WITHOUT_CALENDAR",
  "CALENDAR_NOT_COVERING",
  "HOLDER_UNREACHABLE",
];
const pad = (n: number) => String(n).padStart(2, "0");
const twelve = Array.from({ length: 12 }, (_, i) => pad(i + 1));

const BANK: Record<string, string> = {
  "calendar.csv": [
    "calendar,date,kind,name",
    "CN,2026-10-01,holiday,国庆节",
    "CN,2027-10-01,holiday,国庆节",
    "OLD,2025-10-01,holiday,国庆节",
    "OLD,2026-10-01,holiday,国庆节",
  ].join("\n"),
  "policies.csv": [
    "code,name,max_tenure_months,leave_every_months,leave_min_working_days,compliance_lead_working_days",
    "teller-24,Tellers: 24 months,24,12,5,2",
  ].join("\n"),
  "units.csv": [
    "code,name,kind,parent_code,time_zone,calendar_code",
    "HO,总行,head_office,,Asia/Shanghai,",
    "BR_1,一分行,branch,HO,,CN",
    "BR_1-S1,一支行,sub_branch,BR_1,,",
    "BR_1-S2,二支行,sub_branch,BR_1,,OLD",
    "BRX1,二分行,branch,HO,,",
  ].join("\n"),
  "employees.csv": [
    "code,name,unit_code,roles,slack_user_id,teams_aad_object_id",
    ...twelve.map((n) => `E${n},员工${n},BR_1-S1,,${Number(n) % 4 === 0 ? `U000000${n}` : ""},`),
    "E20,丁,BRX1,,,",
    "E21,戊,BR_1-S2,,,00000000-0000-4000-8000-000000000021",
    "E22,己,BR_1-S2,,,",
  ].join("\n"),
  "posts.csv": [
    "code,name,unit_code,category,policy_code",
    ...twelve.map((n) => `P${n},岗位${n},BR_1-S1,operations,`),
    "P00,柜员,BR_1-S1,operations,teller-24",
    "Q1,行长,BRX1,authority,",
    "Q2,会计,BR_1-S2,authority,teller-24",
  ].join("\n"),
  "assignments.csv": [
    "employee_code,post_code,start_date,end_date,end_reason",
    ...twelve.map((n) => `E${n},P${n},2024-01-02,,`),
    "E01,Q1,2024-01-02,,", // E01 holds two posts, one in each branch
    "E20,P00,2024-01-02,,", // E20, of BRX1, holds a post of BR_1-S1: counted where the post is
    "E22,Q2,2020-01-02,2023-01-02,rotation", // a past holder without chat counts for nothing
    "E21,Q2,2023-01-02,,",
  ].join("\n"),
};

const capture = (): CliIo => ({ interactive: false, out: () => undefined, err: () => undefined });

describe.each(ENGINES)("setup gaps within a scope, counted in SQL, on %s", (engine) => {
  let url: string;
  let remove: () => Promise<void>;
  let db: Database;
  const dir = mkdtempSync(join(tmpdir(), "keypost-scoped-gaps-"));

  beforeAll(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
    for (const [name, text] of Object.entries(BANK)) writeFileSync(join(dir, name), text + "\n");
    const files = Object.keys(BANK).map((n) => join(dir, n));
    expect(await main(["import", ...files], capture(), { DATABASE_URL: url, LOG_LEVEL: "silent" })).toBe(0);
    db = openDatabase(url);
  });
  afterAll(async () => {
    await db?.close();
    await remove();
  });

  const inScope = (scope: string[], first = 10, only?: string[]) =>
    new PrismaSetupGapQueries(db.prisma, db.provider).inScope({
      codes: CODES,
      scope,
      years: coveredYears(TODAY),
      first,
      ...(only ? { only } : {}),
    });

  /** The doctor's gaps (every platform configured, so "unreachable" = no account), kept to the scope in code. */
  const fromFacts = async (scope: string[]) => {
    const queries = new PrismaSetupGapQueries(db.prisma, db.provider);
    const facts = await queries.facts();
    const gaps = setupGaps(facts, TODAY, ["slack", "teams"]);
    const within = (path: string | undefined) => path !== undefined && scope.some((p) => path.startsWith(p));
    const postPath = new Map(facts.posts.map((p) => [p.code, p.unitPath]));
    const unitPath = new Map(facts.units.map((u) => [u.code, u.path]));
    const holderPaths = new Map<string, string[]>();
    for (const h of facts.holders)
      holderPaths.set(h.employeeCode, [...(holderPaths.get(h.employeeCode) ?? []), h.unitPath]);
    return gaps
      .map((g) => ({
        code: g.code,
        subjects: g.subjects.filter((s) => {
          const code = s.split(" ")[0]!;
          if (g.code === "POST_WITHOUT_POLICY") return within(postPath.get(code));
          if (g.code === "HOLDER_UNREACHABLE") return (holderPaths.get(code) ?? []).some((p) => within(p));
          return within(unitPath.get(code));
        }),
      }))
      .filter((g) => g.subjects.length > 0)
      .map((g) => ({ code: g.code, total: g.subjects.length, subjects: g.subjects }));
  };

  it("finds what the doctor finds, scope by scope", async () => {
    for (const scope of [
      ["/HO/"],
      ["/HO/BR_1/"],
      ["/HO/BRX1/"],
      ["/HO/BR_1/BR_1-S2/", "/HO/BRX1/"],
      ["/HO/BR_1/BR_1-S1/"],
    ])
      expect(await inScope(scope, 100), scope.join(" ")).toEqual(await fromFacts(scope));
  });

  it("states the gaps of the branch and no more (a '_' in a code is no wildcard)", async () => {
    expect(await inScope(["/HO/BR_1/"], 3)).toEqual([
      { code: "POST_WITHOUT_POLICY", total: 12, subjects: ["P01", "P02", "P03"] },
      { code: "CALENDAR_NOT_COVERING", total: 1, subjects: ["BR_1-S2 (OLD)"] },
      { code: "HOLDER_UNREACHABLE", total: 10, subjects: ["E01", "E02", "E03"] },
    ]);
    expect(await inScope(["/HO/BRX1/"])).toEqual([
      { code: "POST_WITHOUT_POLICY", total: 1, subjects: ["Q1"] },
      { code: "UNIT_WITHOUT_CALENDAR", total: 1, subjects: ["BRX1"] },
      { code: "HOLDER_UNREACHABLE", total: 1, subjects: ["E01"] },
    ]);
  });

  it("keeps to the codes a card shows", async () => {
    expect(await inScope(["/HO/"], 10, ["E04", "E05", "P05", "BR_1-S1", "BR_1-S2", "nothing"])).toEqual([
      { code: "POST_WITHOUT_POLICY", total: 1, subjects: ["P05"] },
      { code: "CALENDAR_NOT_COVERING", total: 1, subjects: ["BR_1-S2 (OLD)"] },
      { code: "HOLDER_UNREACHABLE", total: 1, subjects: ["E05"] },
    ]);
    expect(await inScope(["/HO/"], 10, [])).toEqual([]);
  });
});
