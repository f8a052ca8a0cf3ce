// Appends to the hash-chained audit log inside the caller's interactive transaction, so an entry
// exists exactly when the change it records was committed.
//
// hash(n) = sha256hex(prevHash + canonicalJson({ seq, at, actorId, platform, action, subjectType,
// subjectId, sealedUntil, data })), prevHash of entry #1 = 64 zeros. Canonical JSON: object keys
// sorted by UTF-16 code units, no whitespace, Dates as ISO-8601 strings, undefined members dropped.
// An entry whose data has personal members (declared by the caller) is format 2: its hash covers
// their salted digests instead of their values, so an erasure can remove them (entry-format.ts).
//
// Beside the rows, Setting "log.head" = "<seq>:<hash>" of the last entry, updated in the same
// transaction: deleting the tail of the log leaves the head pointing past the end. The next entry
// is chained onto the head (not onto the last surviving row), so a later append does not paper
// over a deletion: the gap stays visible to verifyLog.
import { canonicalJson } from "../audit-log/canonical-json.ts";
import { chainedBody, chainedHash, hashOfBody, sealPersonal, type StoredPersonal } from "../audit-log/entry-format.ts";
import type { AuditLogPort, LogEntryInput, LogPlatform } from "../../ports/audit-log.ts";
import type { Provider, Tx } from "./database.ts";
import { prismaSql, type PoolFacts, type SqlSession } from "./sql-session.ts";
import { appendAuditLogEntry } from "./sql/append-audit-log-entry.sql.ts";
import { insertAuditLogEntry, type AuditLogRow } from "./sql/insert-audit-log-entry.sql.ts";
import { lockAuditLog } from "./sql/lock-audit-log.sql.ts";
import { probeAuditLogHash } from "./sql/probe-audit-log-hash.sql.ts";
import { selectAuditLogEnds } from "./sql/select-audit-log-ends.sql.ts";
import { upsertSetting } from "./sql/upsert-setting.sql.ts";

export const GENESIS_HASH = "0".repeat(64);
export const LOG_HEAD_KEY = "log.head";
/** "<seq>:<hash>" of the last entry a retention purge removed: the log then starts at seq + 1, chained onto hash. */
export const LOG_PURGED_KEY = "log.purgedThrough";
/** pg advisory lock id that serialises appends (the migrator uses 7_240_451). */
export const LOG_LOCK_KEY = 7_240_452;

const PLATFORMS: ReadonlySet<LogPlatform> = new Set(["slack", "teams", "console", "cli", "scheduler", "system", "web"]);

export class AuditLogError extends Error {
  constructor(
    readonly code: "AUDIT_LOG_BAD_ENTRY" | "AUDIT_LOG_HEAD_UNREADABLE",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AuditLogError";
  }
}

export { canonicalJson };

/** The fields a hash covers, as stored (data is the stored canonical JSON text). */
export type ChainedFields = Omit<AuditLogRow, "prevHash" | "hash" | "personal"> & {
  readonly personal?: string | null;
};

/** The stored fields as the hash sees them (data and personal parsed). Throws SyntaxError when either is not JSON. */
function chained(f: ChainedFields) {
  return {
    ...f,
    data: JSON.parse(f.data) as Record<string, unknown>,
    personal: f.personal === null || f.personal === undefined ? null : (JSON.parse(f.personal) as StoredPersonal),
  };
}

/** Throws SyntaxError when `data` or `personal` is not JSON, EntryFormatError on a bad format-2 entry. */
export function entryHash(prevHash: string, f: ChainedFields): string {
  return chainedHash(prevHash, chained(f));
}

export interface LogHead {
  seq: number;
  hash: string;
}

/** "<seq>:<64 hex>" → the head; anything else → undefined. */
export function parseHead(value: string): LogHead | undefined {
  const match = /^([1-9][0-9]*):([0-9a-f]{64})$/.exec(value);
  if (!match) return undefined;
  const seq = Number(match[1]);
  return Number.isSafeInteger(seq) ? { seq, hash: match[2]! } : undefined;
}

/** A lone surrogate or NUL: PostgreSQL text cannot hold them, so the stored row would not match its hash. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkEntry(entry: LogEntryInput): void {
  const bad = (why: string) =>
    new AuditLogError("AUDIT_LOG_BAD_ENTRY", `audit log entry ${entry.action || "(no action)"}: ${why}`);
  if (!PLATFORMS.has(entry.platform)) throw bad(`unknown platform "${String(entry.platform)}"`);
  for (const name of ["action", "subjectType", "subjectId"] as const) {
    if (typeof entry[name] !== "string" || entry[name] === "") throw bad(`${name} must be a non-empty string`);
  }
  for (const [name, text] of Object.entries({
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    actorId: entry.actorId ?? "",
  })) {
    if (LONE_SURROGATE.test(text) || text.includes("\u0000")) throw bad(`${name} is not storable text`);
  }
  for (const [name, date] of [
    ["at", entry.at],
    ["sealedUntil", entry.sealedUntil ?? null],
  ] as const) {
    if (date !== null && !(date instanceof Date && !Number.isNaN(date.getTime())))
      throw bad(`${name} is not a valid Date`);
  }
  if (typeof entry.data !== "object" || entry.data === null || Array.isArray(entry.data))
    throw bad("data must be an object");
}

/** An entry checked and its data in canonical JSON: ready to append (throws AUDIT_LOG_BAD_ENTRY otherwise). */
interface CheckedEntry {
  readonly entry: LogEntryInput;
  readonly data: string;
  /** The personal fields' salted digests (the second entry format), or null when there are none. */
  readonly personal: string | null;
}

function checked(entry: LogEntryInput): CheckedEntry {
  checkEntry(entry);
  try {
    const sealed = sealPersonal(entry.data, entry.personal);
    return { entry, data: canonicalJson(entry.data), personal: sealed ? canonicalJson(sealed) : null };
  } catch (error) {
    throw new AuditLogError("AUDIT_LOG_BAD_ENTRY", `audit log entry ${entry.action}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Appends one entry. Call inside `db.prisma.$transaction(async (tx) => …)`, together with the change
 * it records. On PostgreSQL the head row's lock (or, without a head, a transaction-scoped advisory
 * lock) serialises concurrent appends until commit; SQLite serialises writers by itself (one
 * connection per process, behind a mutex).
 */
export async function appendLogEntry(
  tx: Tx,
  provider: Provider,
  entry: LogEntryInput,
  sql: SqlSession = prismaSql(tx, provider),
): Promise<{ seq: number; hash: string }> {
  return appendChecked(provider, checked(entry), sql);
}

/** The same append on a transaction's own statements, for a transaction with no Prisma in it (the register import). */
export async function appendLogEntryOn(
  sql: SqlSession,
  provider: Provider,
  entry: LogEntryInput,
): Promise<{ seq: number; hash: string }> {
  return appendChecked(provider, checked(entry), sql);
}

async function appendChecked(
  provider: Provider,
  { entry, data, personal }: CheckedEntry,
  sql: SqlSession,
): Promise<{ seq: number; hash: string }> {
  if (provider === "postgres") {
    // One round trip chained onto the locked head row; the advisory lock only when there is no
    // readable head (the first entry, or a head verify-log must see), looked at again once it is held.
    const appended = await appendOnHead(sql, entry, data, personal);
    if (appended) return appended;
    await lockAuditLog(sql, LOG_LOCK_KEY);
    const again = await appendOnHead(sql, entry, data, personal);
    if (again) return again;
  }
  const ends = await selectAuditLogEnds(sql, LOG_HEAD_KEY);
  const headValue = ends?.head ?? null;
  const head = headValue === null ? undefined : parseHead(headValue);
  if (headValue !== null && !head) {
    throw new AuditLogError(
      "AUDIT_LOG_HEAD_UNREADABLE",
      `the audit log head "${headValue}" is unreadable; run keypost verify-log`,
    );
  }
  const lastSeq = ends?.lastSeq === null || ends?.lastSeq === undefined ? 0 : Number(ends.lastSeq);
  const seq = Math.max(head?.seq ?? 0, lastSeq) + 1;
  const prevHash = head?.hash ?? ends?.lastHash ?? GENESIS_HASH;

  const fields: ChainedFields = { seq, ...chainedFields(entry, data, personal) };
  const hash = entryHash(prevHash, fields);
  await insertAuditLogEntry(sql, { ...fields, personal, prevHash, hash });
  await upsertSetting(sql, LOG_HEAD_KEY, `${seq}:${hash}`);
  return { seq, hash };
}

/** The members the hash covers, but the number the database decides. */
function chainedFields(entry: LogEntryInput, data: string, personal: string | null): Omit<ChainedFields, "seq"> {
  return {
    at: entry.at,
    actorId: entry.actorId,
    platform: entry.platform,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    sealedUntil: entry.sealedUntil ?? null,
    data,
    personal,
  };
}

/**
 * Format 1's canonical body numbered 0, with `data` spliced in as given — the canonical JSON `checked`
 * wrote — instead of parsed and written again on every append (decision 13.s12p-2). A member's
 * name with its quotes cannot occur inside a JSON string (quotes are escaped there), so the one
 * `,"data":{},` of the shell is the member.
 */
function formatOneBody(fields: Omit<ChainedFields, "seq">): string {
  const shell = chainedBody({ ...fields, seq: 0, data: {}, personal: null });
  const at = shell.indexOf(',"data":{},');
  if (at < 0) return chainedBody(chained({ ...fields, seq: 0 }));
  return `${shell.slice(0, at + ',"data":'.length)}${fields.data}${shell.slice(at + ',"data":{}'.length)}`;
}

/**
 * Where the database's number goes in the canonical body: the members before `seq` and after it.
 * `data` (and `personal`) must be canonical JSON, as `checked` writes them.
 */
export function bodyAroundSeq(fields: Omit<ChainedFields, "seq">): { before: string; after: string } {
  const body =
    fields.personal === null || fields.personal === undefined
      ? formatOneBody(fields)
      : chainedBody(chained({ ...fields, seq: 0 }));
  const cut = body.lastIndexOf(',"seq":0,');
  if (cut < 0) throw new AuditLogError("AUDIT_LOG_BAD_ENTRY", `audit log entry ${fields.action}: no seq member`);
  return { before: body.slice(0, cut + ',"seq":'.length), after: body.slice(cut + ',"seq":0'.length) };
}

/**
 * The documented hash of an entry numbered `seq` whose canonical body `bodyAroundSeq` cut around its
 * `seq` member: equal to `entryHash(prevHash, { ...fields, seq })` (a property test holds them equal).
 */
export function hashAroundSeq(prevHash: string, before: string, seq: number, after: string): string {
  return hashOfBody(prevHash, `${before}${JSON.stringify(seq)}${after}`);
}

/**
 * PostgreSQL's one-statement append (sql/append-audit-log-entry.sql.ts); undefined without a readable
 * head. `mustAppend`: sent with the COMMIT behind it — no head fails the statement (and so the unit).
 */
async function appendOnHead(
  sql: SqlSession,
  entry: LogEntryInput,
  data: string,
  personal: string | null,
  mustAppend = false,
): Promise<LogHead | undefined> {
  const fields = chainedFields(entry, data, personal);
  const { before, after } = bodyAroundSeq(fields);
  const row = await appendAuditLogEntry(sql, {
    headKey: LOG_HEAD_KEY,
    ...fields,
    personal,
    bodyBeforeSeq: before,
    bodyAfterSeq: after,
    mustAppend,
  });
  if (!row) return undefined;
  const seq = Number(row.seq);
  // The database hashed what it was sent; the documented algorithm is checked here once more, so
  // a difference (an encoding, a cast) rolls the change back instead of storing a broken link. The
  // body is the one sent, joined around the number the database gave: `before + seq + after` is
  // the canonical body of the entry with that number (bodyAroundSeq cut it from one), so the body
  // is not built and canonicalised a second time per append (decision 13.s12p-2).
  const hash = hashAroundSeq(row.prevHash, before, seq, after);
  if (hash !== row.hash)
    throw new AuditLogError("AUDIT_LOG_BAD_ENTRY", `audit log entry ${entry.action}: the stored hash differs`);
  return { seq, hash };
}

/** A probe body with what entries hold: CJK, an emoji (a surrogate pair), a combining mark, quotes, escapes. */
const PROBE_ENTRY: Omit<ChainedFields, "seq"> = {
  at: new Date("2026-03-09T02:00:00.123Z"),
  actorId: "probe-确认-é",
  platform: "system",
  action: "audit_log.probe",
  subjectType: "employee",
  subjectId: "probe",
  sealedUntil: null,
  data: canonicalJson({ text: 'A "quoted" \\ backslash, 休假 🏦 e\u0301 \u00e9 \t tab \u2028', n: 1.5 }),
  personal: null,
};

/**
 * Whether this database's appends may leave with the COMMIT behind them (decision 13.s9p-1): the
 * server's hash of a probe body is the documented algorithm's, and the log has a readable head.
 * Asked once per pool (kept in its facts); a head not yet written is asked about again next time.
 */
async function appendsMayPipeline(sql: SqlSession, facts: PoolFacts): Promise<boolean> {
  if (facts.auditAppends) return facts.auditAppends === "pipelined";
  const seq = 123_456_789;
  const { before, after } = bodyAroundSeq(PROBE_ENTRY);
  const prevHash = "0123456789abcdef".repeat(4);
  const probe = await probeAuditLogHash(sql, LOG_HEAD_KEY, prevHash, before, seq, after);
  if (!probe) return false;
  if (probe.hash !== entryHash(prevHash, { ...PROBE_ENTRY, seq })) {
    facts.auditAppends = "checked";
    return false;
  }
  if (probe.head) facts.auditAppends = "pipelined";
  return probe.head;
}

/**
 * The audit log port for one transaction. `deferred` (a PostgreSQL unit of work): an entry is
 * checked when the use case appends it, but written by `flush()`, which the unit of work calls as
 * its last statement before COMMIT (decision 13.s8p-1). The head row is the one lock every writer
 * of the bank waits for: written where the use case appends, it stayed locked while the press
 * rebuilt and re-issued its cards; written last, it is held for one statement and the commit.
 * Nothing in a transaction reads the log back, and an entry still exists exactly when its change
 * is committed. Entries keep the order they were appended in.
 */
export class PrismaAuditLog implements AuditLogPort {
  readonly #pending: CheckedEntry[] = [];

  constructor(
    private readonly provider: Provider,
    private readonly sql: SqlSession,
    private readonly deferred = false,
  ) {}

  async append(entry: LogEntryInput): Promise<void> {
    const ready = checked(entry);
    if (this.deferred) this.#pending.push(ready);
    else await appendChecked(this.provider, ready, this.sql);
  }

  /**
   * Writes the entries held back (deferred mode), in order; nothing when none is. In a PostgreSQL unit
   * of work whose database passed the probe (`appendsMayPipeline`), the appends are sent and left for
   * the COMMIT the unit sends right behind them (decision 13.s9p-1): one round trip for both. Their
   * hash check then runs when their answer is in, after COMMIT was sent: a difference can no longer
   * roll the change back; it fails the unit loudly (the caller sees an error, verify-log the entry)
   * and every later append of the process is checked before COMMIT again.
   */
  async flush(): Promise<void> {
    const held = this.#pending.splice(0);
    if (held.length === 0) return;
    const pipeline = this.sql.pipeline;
    if (this.provider === "postgres" && pipeline && (await appendsMayPipeline(this.sql, pipeline.facts))) {
      for (const { entry, data, personal } of held)
        pipeline.atCommit(
          appendOnHead(this.sql, entry, data, personal, true).catch((error: unknown) => {
            if (error instanceof AuditLogError) pipeline.facts.auditAppends = "checked";
            throw error;
          }),
        );
      return;
    }
    for (const ready of held) await appendChecked(this.provider, ready, this.sql);
  }
}
