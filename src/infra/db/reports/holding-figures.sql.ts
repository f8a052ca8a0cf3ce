// The rotation and leave-coverage figures of a scope, counted by the database: one statement that
// groups the scope's open holdings by (instant, unit, category) — the dashboard's overview is one
// instant, its 12-month trend twelve — instead of reading ~19 000 holdings into the reports and
// totalling their rows (decision 20.19). Only the holders' few leaves are joined, from the leaves'
// side; the holdings are read once per statement. The application decides every date (the tenure cut-off
// per time zone and policy in force, the leave window) and which leaves the viewer may count (the
// secrecy rule, applied in one place), and sends them as two JSON texts; the SQL only compares
// "YYYY-MM-DD" texts, so both engines count the same. The holdings are the reports' own
// (`selectScopeHoldings`: active posts, open holder assignments, the scope as a path prefix).
// test/app/dashboard/unit-figures.test.ts checks the counts against the reports on both engines.
import type { HoldingFigureRow, HoldingFiguresQuery } from "../../../ports/report-queries.ts";
import type { Prisma, Provider, Tx } from "../database.ts";
import { jsonRows } from "./json-rows.sql.ts";
import { under } from "./scope-reads.sql.ts";

export type Kind = "int" | "text";

/** The rows of the JSON array of arrays in parameter $n as a table with these columns. */
export function jsonTable(provider: Provider, n: number, columns: readonly (readonly [string, Kind])[]): string {
  if (provider === "sqlite")
    return `SELECT ${columns.map(([c], i) => `json_extract(j."value", '$[${i}]') AS "${c}"`).join(", ")} FROM json_each($${n}) j`;
  return `SELECT ${columns
    .map(([c, kind], i) =>
      kind === "int" ? `CAST(j."value"->>${i} AS integer) AS "${c}"` : `j."value"->>${i} AS "${c}"`,
    )
    .join(", ")} FROM json_array_elements(CAST($${n} AS json)) j`;
}

const RULES = [
  ["instant", "int"],
  ["zone", "text"],
  ["pkey", "text"],
  ["today", "text"],
  ["overdueBy", "text"],
  ["windowFrom", "text"],
  ["minDays", "int"],
] as const;
const LEAVES = [
  ["holder", "text"],
  ["start", "text"],
  ["days", "int"],
  ["started", "int"],
  ["mask", "int"],
] as const;
const COLUMNS = ["instant", "unitId", "category", "holders", "within", "covered", "coveredOrPlanned"];

export async function selectHoldingFigures(
  db: Prisma | Tx,
  provider: Provider,
  query: HoldingFiguresQuery,
): Promise<HoldingFigureRow[]> {
  if (query.scope.length === 0 || query.rules.length === 0) return [];
  const scope = [...query.scope];
  const perUnit = query.perUnit ?? true;
  const r = scope.length + 1;
  const l = scope.length + 2;
  // Holdings (h) joined to their rule at each instant count once each; a holding with a leave the
  // viewer may count comes a second time from the leaves' side (few rows: read through the holder
  // index), with its covered / covered-or-planned flags. Summing both parts per (instant, unit,
  // category) needs no per-holding lookup into the leaves. The leaves meet the holdings already
  // read (h), by holder: a hash join on PostgreSQL, an automatic index on SQLite — not the tables
  // again, where PostgreSQL's estimate of the scope's units (a prefix test it cannot see into)
  // once made it probe the assignments for every (leave, unit) pair.
  // Holdings that share (unit, category, zone, policy, start day) are counted together: the rules
  // are then applied to distinct start days, not to every holding at every instant.
  const group = perUnit ? `h."unitId"` : `''`;
  const cat = perUnit ? `h."category"` : `''`;
  const bit = `((lv."mask" / r."bit") % 2) = 1 AND lv."days" >= r."minDays"`;
  const taken = `lv."started" = 1 AND lv."start" >= r."windowFrom" AND lv."start" <= r."today"`;
  const planned = `lv."started" = 0 AND lv."start" >= r."today"`;
  const select = `
    SELECT x."instant" AS "instant", ${perUnit ? `x."unitId"` : `''`} AS "unitId", ${perUnit ? `x."category"` : `''`} AS "category", SUM(x."holders") AS "holders",
      SUM(x."within") AS "within", SUM(x."covered") AS "covered", SUM(x."coveredOrPlanned") AS "coveredOrPlanned"
    FROM (
      SELECT r."instant" AS "instant", g."unitId" AS "unitId", g."category" AS "category", g."n" AS "holders",
        CASE WHEN g."start" > r."overdueBy" THEN g."n" ELSE 0 END AS "within", 0 AS "covered", 0 AS "coveredOrPlanned"
      FROM (
        SELECT ${group} AS "unitId", ${cat} AS "category", h."zone" AS "zone", h."pkey" AS "pkey", h."start" AS "start",
          COUNT(*) AS "n"
        FROM "h" GROUP BY ${perUnit ? `h."unitId", h."category", ` : ""}h."zone", h."pkey", h."start") g
      JOIN "r" ON r."zone" = g."zone" AND r."pkey" = g."pkey" AND g."start" <= r."today"
      UNION ALL
      SELECT c."instant", c."unitId", c."category", 0, 0, MAX(c."taken"), MAX(c."takenOrPlanned")
      FROM (
        SELECT h."aid" AS "id", r."instant" AS "instant", h."unitId" AS "unitId", h."category" AS "category",
          CASE WHEN ${taken} THEN 1 ELSE 0 END AS "taken",
          CASE WHEN (${taken}) OR (${planned}) THEN 1 ELSE 0 END AS "takenOrPlanned"
        FROM "lv"
        JOIN "h" ON h."emp" = lv."holder"
        JOIN "r" ON r."zone" = h."zone" AND r."pkey" = h."pkey" AND h."start" <= r."today"
        WHERE ${bit}) c
      GROUP BY c."id", c."instant", c."unitId", c."category") x
    GROUP BY x."instant"${perUnit ? `, x."unitId", x."category"` : ""}`;
  const ctes = `WITH "r" AS MATERIALIZED (SELECT q.*, ${provider === "sqlite" ? '(1 << q."instant")' : 'CAST(power(2, q."instant") AS bigint)'} AS "bit" FROM (${jsonTable(provider, r, RULES)}) q),
    "lv" AS MATERIALIZED (${jsonTable(provider, l, LEAVES)}),
    "h" AS MATERIALIZED (
      SELECT a."id" AS "aid", a."employeeId" AS "emp", a."startDate" AS "start", k."category" AS "category", u."id" AS "unitId",
        u."timeZone" AS "zone", COALESCE(k."policyId", 'category:' || k."category") AS "pkey"
      FROM "OrgUnit" u
      CROSS JOIN "KeyPost" k
      CROSS JOIN "Assignment" a
      WHERE k."unitId" = u."id" AND a."postId" = k."id" AND a."kind" = 'holder' AND a."endDate" IS NULL
        AND k."active" = true AND ${under(scope, provider)})`;
  const rules = JSON.stringify(
    query.rules.map((x) => [x.instant, x.timeZone, x.policyKey, x.today, x.overdueBy, x.windowFrom, x.minWorkingDays]),
  );
  const leaves = JSON.stringify(
    query.leaves.map((x) => [x.holderId, x.startDate, x.workingDays, x.started ? 1 : 0, x.instants]),
  );
  type Row = [number, string, string, number, number, number, number];
  const rows = await jsonRows<Row>(db, provider, select, COLUMNS, [...scope, rules, leaves], undefined, ctes);
  return rows.map(([instant, unitId, category, holders, within, covered, coveredOrPlanned]) => ({
    instant: Number(instant),
    unitId,
    category,
    holders: Number(holders),
    within: Number(within),
    covered: Number(covered),
    coveredOrPlanned: Number(coveredOrPlanned),
  }));
}
