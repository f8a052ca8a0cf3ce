// Every unit as a question reads it (its lexicon: code, names, path, time zone, calendar), kept
// between questions on PostgreSQL and sent again only when it changed. Each question reads every
// unit (a bank of 1 909 units is 260 KB of JSON, 2.5 ms of JSON.parse on this machine: the largest
// read a question makes, decision 13.s20-2). On PostgreSQL the statement builds the same JSON as
// before and answers its SHA-256; it sends the JSON only when that digest is not one of those kept
// here, so any change by any writer (Prisma, the import's own SQL, an operator's SQL) is seen by
// the next question without a trigger or a version column. Kept by digest, not by database: a
// process serving several databases (a test run, a bench) keeps each one's list apart. The lists
// kept are frozen: every question shares them. SQLite reads in-process and keeps nothing.
import type { UnitWordFact } from "../../../ports/question-reads.ts";
import type { Prisma, Provider, Tx } from "../database.ts";
import { idsParam, jsonRows, jsonRowsSelect } from "./json-rows.sql.ts";

type Row = [string, string, string, string | null, string, string, string | null];

const COLUMNS = ["id", "code", "name", "nameEn", "path", "timeZone", "calendarCode"] as const;
const SELECT = `SELECT u."id" AS "id", u."code" AS "code", u."name" AS "name", u."nameEn" AS "nameEn", u."path" AS "path", u."timeZone" AS "timeZone", c."code" AS "calendarCode"
      FROM "OrgUnit" u LEFT JOIN "Calendar" c ON c."id" = u."calendarId"`;

const ORDER = `q."path"`;

/** On PostgreSQL: the JSON `jsonRows` would send, and its digest. */
const DIGESTED = `WITH "listed" AS (
       ${jsonRowsSelect("postgres", SELECT, COLUMNS, ORDER)}
     ), "digested" AS (
       SELECT "rows", encode(sha256(convert_to("rows", 'UTF8')), 'hex') AS "digest" FROM "listed"
     )
     SELECT "digest", CASE WHEN "digest" = ANY(CAST($1 AS text[])) THEN NULL ELSE "rows" END AS "rows" FROM "digested"`;

/** The last lists read, by digest, most recent last. */
const kept = new Map<string, readonly UnitWordFact[]>();
const KEPT = 4;

function facts(rows: readonly Row[]): readonly UnitWordFact[] {
  return Object.freeze(
    rows.map(([id, code, name, nameEn, path, timeZone, calendarCode]) =>
      Object.freeze({ id, code, name, nameEn, path, timeZone, calendarCode }),
    ),
  );
}

function keep(digest: string, units: readonly UnitWordFact[]): readonly UnitWordFact[] {
  kept.delete(digest);
  kept.set(digest, units);
  while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  return units;
}

/** Every unit, in path order. `known`: the digests whose lists need not be sent (default: those kept). */
export async function unitWords(
  db: Prisma | Tx,
  provider: Provider,
  known: Iterable<string> = kept.keys(),
): Promise<readonly UnitWordFact[]> {
  if (provider === "sqlite") return facts(await jsonRows<Row>(db, provider, SELECT, COLUMNS, [], ORDER));
  const [answer] = await db.$queryRawUnsafe<{ digest: string; rows: string | null }[]>(
    DIGESTED,
    idsParam(provider, known),
  );
  if (!answer) throw new Error("the units' digest was not answered");
  if (answer.rows !== null) return keep(answer.digest, facts(JSON.parse(answer.rows) as Row[]));
  const hit = kept.get(answer.digest);
  if (hit) return keep(answer.digest, hit);
  // Dropped while the statement ran (other databases' lists came in meanwhile): have it sent.
  return unitWords(db, provider, []);
}
