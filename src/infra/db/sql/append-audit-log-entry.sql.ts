// PostgreSQL: the audit log's whole append in one statement — lock the head row, number and hash
// the entry from it, insert it, move the head — instead of four round trips under an advisory lock
// (lock, read the ends, insert, write the head). On a press that was four of fourteen round trips,
// all of them inside the one lock every writer of the bank waits for.
//
// Why it is exact: `FOR UPDATE` on the head row makes concurrent appends wait for each other, and
// in READ COMMITTED the row it returns once the lock is granted is the latest committed version (not
// the statement's snapshot), so the entry always chains onto the true head. Everything else is
// computed from that row. The hash is the one docs/audit-log.md documents: the caller sends the
// canonical body cut around the `seq` member (the only member the database decides), and the
// statement computes hex(SHA-256(UTF-8(prevHash + before + seq + after))). The caller checks the
// returned hash against its own computation (audit-log-writer.ts).
//
// No row comes back when there is no readable head (the first entry ever, or a head that
// verify-log must look at): the caller then takes the advisory-locked path that handles those.
// Sent with the COMMIT behind it (`mustAppend`, decision 13.s9p-1), nobody could take that path any
// more: the statement then fails instead (a division by the number of entries it wrote, zero), which
// aborts the transaction, so the COMMIT behind it rolls back — never a change without its entry.
// The guard is a column of the answer on purpose: PostgreSQL leaves out a subquery's column that
// nothing reads, and with it the division.
// A readable head is "<1–9 digits>:<64 hex>", checked as `[0-9a-f]+` and a length: PostgreSQL's
// regex engine spent ~7 µs a row on `{64}` (against ~1 µs), and the check runs again under the
// lock when the row was waited for (decision 13.s12p-3).
// SQLite does not take this path: its appends run in-process on the one writer (no round trips to
// save) and it has no SHA-256 function.
import type { SqlSession } from "../sql-session.ts";
import { named } from "./named-statement.ts";
import type { AuditLogRow } from "./insert-audit-log-entry.sql.ts";

/** The entry's own fields (`data` as canonical JSON); the database decides seq, prevHash and hash. */
export interface AppendAuditLogEntry extends Omit<AuditLogRow, "seq" | "prevHash" | "hash"> {
  /** The Setting key holding "<seq>:<hash>" of the last entry. */
  headKey: string;
  /** The canonical body up to and including `"seq":`. */
  bodyBeforeSeq: string;
  /** The canonical body after the seq number. */
  bodyAfterSeq: string;
  /** Fail (and so abort the transaction) when there is no readable head, instead of returning no row. */
  mustAppend?: boolean;
}

export interface AppendedAuditLogEntry {
  /** Null when nothing was appended (no readable head). */
  seq: number | string | null;
  prevHash: string;
  hash: string;
}

const APPEND_AUDIT_LOG_ENTRY = named(
  "kp_append_audit_log_entry",
  `WITH "head" AS (
       SELECT "value" FROM "Setting" WHERE "key" = $1 AND "value" ~ '^[1-9][0-9]{0,8}:[0-9a-f]+$' AND length(split_part("value", ':', 2)) = 64 FOR UPDATE
     ), "next" AS (
       SELECT GREATEST(CAST(split_part(h."value", ':', 1) AS INTEGER),
                       COALESCE((SELECT MAX("seq") FROM "AuditLogEntry"), 0)) + 1 AS "seq",
              split_part(h."value", ':', 2) AS "prevHash"
       FROM "head" h
     ), "entry" AS (
       INSERT INTO "AuditLogEntry" ("seq", "at", "actorId", "platform", "action", "subjectType", "subjectId", "sealedUntil", "data", "personal", "prevHash", "hash")
       SELECT n."seq", CAST($2 AS TIMESTAMP(3)), $3, $4, $5, $6, $7, CAST($8 AS TIMESTAMP(3)), $9, $12, n."prevHash",
              encode(sha256(convert_to(n."prevHash" || $10 || CAST(n."seq" AS TEXT) || $11, 'UTF8')), 'hex')
       FROM "next" n
       RETURNING "seq", "prevHash", "hash"
     ), "moved" AS (
       UPDATE "Setting" SET "value" = CAST(e."seq" AS TEXT) || ':' || e."hash" FROM "entry" e WHERE "Setting"."key" = $1
     )
     SELECT e."seq", e."prevHash", e."hash", g."appended"
     FROM (SELECT CASE WHEN CAST($13 AS BOOLEAN) THEN 1 / COUNT(*) ELSE 1 END AS "appended" FROM "entry") g
     LEFT JOIN "entry" e ON TRUE`,
);

export async function appendAuditLogEntry(
  sql: SqlSession,
  e: AppendAuditLogEntry,
): Promise<AppendedAuditLogEntry | undefined> {
  const [row] = await sql.rows<AppendedAuditLogEntry>(
    APPEND_AUDIT_LOG_ENTRY,
    e.headKey,
    e.at,
    e.actorId,
    e.platform,
    e.action,
    e.subjectType,
    e.subjectId,
    e.sealedUntil,
    e.data,
    e.bodyBeforeSeq,
    e.bodyAfterSeq,
    e.personal,
    e.mustAppend === true,
  );
  return row && row.seq !== null ? row : undefined;
}
