// Verifies the audit log end to end: streams the entries in seq order (keyset pagination, a batch
// at a time, so a log of millions of rows never sits in memory), recomputes every hash, follows
// every link, and finally compares the last entry with the head the writer keeps in Setting.
// It stops at the first bad entry: everything after it is unproven anyway.
//
// Given signed checkpoints (kept outside the database, src/infra/audit-log/), it also checks that
// every checkpointed entry still has the hash the checkpoint signed and that the log still reaches
// the latest checkpoint: a log rewritten with its head, or a tail cut with the head rewritten to
// match, passes the chain check but not this one. Signatures are checked by the caller.
//
// A format-1 entry redacted by an erasure keeps its stored hash, which its content no longer gives:
// it passes only when an erasure entry in the log (`people.erased`, read first) names it with that
// stored hash and the hash of its redacted content (entry-format.ts). The erasure entry is itself
// checked in its turn, so a forged one fails where it stands.
import {
  ERASURE_ACTION,
  ERASURE_SUBJECT_TYPE,
  redactionsOf,
  type OldEntryRedaction,
} from "../audit-log/entry-format.ts";
import type { Database, Tx } from "./database.ts";
import {
  GENESIS_HASH,
  LOG_HEAD_KEY,
  LOG_PURGED_KEY,
  canonicalJson,
  entryHash,
  parseHead,
  type ChainedFields,
} from "./audit-log-writer.ts";

export type VerifyLogResult =
  | { ok: true; entries: number; checkpoints: number }
  /** `entries`: how many entries (#1 up to #firstBad.seq - 1) were proven good before the first bad one. */
  | { ok: false; entries: number; firstBad: { seq: number; reason: string } };

export const VERIFY_BATCH_SIZE = 1_000;

/** A stored entry: the fields its hash covers, and the two hashes. */
interface Row extends ChainedFields {
  prevHash: string;
  hash: string;
}

interface Bad {
  seq: number;
  reason: string;
}

/** Format-1 entries an erasure redacted, by seq (from every erasure entry of the log). */
export type Redactions = ReadonlyMap<number, OldEntryRedaction>;

/**
 * Reads the redactions the log's erasure entries list (a few rows: one per erased person), from
 * those after `afterSeq` (an erasure comes after every entry it redacted). By subject type first:
 * the (subjectType, subjectId) index finds the employee entries, which are few, without a scan.
 */
export async function loadRedactions(
  db: Pick<Tx, "auditLogEntry">,
  afterSeq = 0,
): Promise<Map<number, OldEntryRedaction>> {
  const rows = await db.auditLogEntry.findMany({
    where: { subjectType: ERASURE_SUBJECT_TYPE, action: ERASURE_ACTION, seq: { gt: afterSeq } },
    select: { data: true },
    orderBy: { seq: "asc" },
  });
  const out = new Map<number, OldEntryRedaction>();
  for (const row of rows) {
    let data: unknown;
    try {
      data = JSON.parse(row.data);
    } catch {
      continue; // that entry fails on its own when it is checked
    }
    for (const r of redactionsOf(data)) out.set(r.seq, r);
  }
  return out;
}

/** Checks one row against the chain so far; `expected` is the seq it must have. */
export function checkRow(row: Row, expected: number, prevHash: string, redactions?: Redactions): Bad | undefined {
  const s = row.seq;
  if (s > expected) {
    const reason =
      expected === 1
        ? `entry #1 is missing: the log starts at #${s}`
        : `entry #${expected} is missing: the log jumps from #${expected - 1} to #${s}`;
    return { seq: expected, reason };
  }
  if (s < expected) return { seq: s, reason: `entry #${s} is out of sequence: entry #${expected} was expected` };
  let hash: string;
  try {
    hash = entryHash(row.prevHash, row);
  } catch (error) {
    const why = error instanceof SyntaxError ? "its data is not valid JSON" : (error as Error).message;
    return { seq: s, reason: `entry #${s} was changed after it was written: ${why}` };
  }
  if (hash !== row.hash) {
    const redacted = redactions?.get(s);
    const covered =
      redacted !== undefined && !row.personal && redacted.hash === row.hash && redacted.redactedHash === hash;
    if (!covered)
      return { seq: s, reason: `entry #${s} was changed after it was written: its hash does not match its content` };
  }
  if (canonicalJson(JSON.parse(row.data)) !== row.data) {
    return {
      seq: s,
      reason: `entry #${s} was changed after it was written: its data is not in the form the writer stores`,
    };
  }
  if (row.prevHash !== prevHash) {
    const reason =
      s === 1
        ? "entry #1 does not start the chain: its previous hash is not the genesis hash"
        : `entry #${s} does not follow entry #${s - 1}: its previous hash does not match`;
    return { seq: s, reason };
  }
  return undefined;
}

/**
 * Each read runs in its own short transaction. On SQLite that matters: the driver adapter (ours)
 * shares one connection, and a query outside a transaction would read the uncommitted rows of
 * whatever interactive transaction is open (a row that may yet roll back). It also reads the last
 * batch and the head from one snapshot there. On PostgreSQL (read committed) a head that is ahead
 * of the rows just read is read again before it counts as a deleted tail.
 */
const READ_TX = { maxWait: 30_000, timeout: 30_000 };

/** A checkpoint whose signature was already checked: "entry #seq had this hash at `at`". */
export interface TrustedCheckpoint {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

export async function verifyLog(
  db: Database,
  options: { batchSize?: number; checkpoints?: readonly TrustedCheckpoint[] } = {},
): Promise<VerifyLogResult> {
  const take = options.batchSize ?? VERIFY_BATCH_SIZE;
  const bySeq = new Map<number, TrustedCheckpoint[]>();
  for (const c of options.checkpoints ?? []) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);
  const furthest = (options.checkpoints ?? []).reduce<TrustedCheckpoint | undefined>(
    (a, c) => (a === undefined || c.seq > a.seq ? c : a),
    undefined,
  );
  let matched = 0;
  const redactions = await db.prisma.$transaction((tx) => loadRedactions(tx), READ_TX);
  const genesis = bySeq.get(0)?.find((c) => c.hash !== GENESIS_HASH);
  if (genesis)
    return {
      ok: false,
      entries: 0,
      firstBad: { seq: 0, reason: `the checkpoint of ${genesis.at} is not of an empty log` },
    };
  matched += bySeq.get(0)?.length ?? 0;
  let entries = 0;
  let prevHash = GENESIS_HASH;
  // A retention purge removed #1…#base and left its tombstone; a signed checkpoint must confirm it.
  let base = 0;
  const purgedRow = await db.prisma.$transaction(
    (tx) => tx.setting.findUnique({ where: { key: LOG_PURGED_KEY } }),
    READ_TX,
  );
  if (purgedRow) {
    const purged = parseHead(purgedRow.value);
    if (!purged)
      return { ok: false, entries: 0, firstBad: { seq: 1, reason: "the purge tombstone of the log is unreadable" } };
    if (
      options.checkpoints &&
      options.checkpoints.length > 0 &&
      !bySeq.get(purged.seq)?.some((c) => c.hash === purged.hash)
    )
      return {
        ok: false,
        entries: 0,
        firstBad: {
          seq: 1,
          reason: `the log starts after #${purged.seq}, but no signed checkpoint confirms a purge through #${purged.seq}`,
        },
      };
    base = purged.seq;
    prevHash = purged.hash;
    matched += bySeq.get(purged.seq)?.length ?? 0;
  }
  let lastSeq: number | undefined;
  let headAheadAt: number | undefined;
  // Entries checked after the bad one (a forged tail) or the bad one itself (head mismatch) are not "good".
  const broken = (bad: Bad): VerifyLogResult => ({
    ok: false,
    entries: Math.max(0, Math.min(entries, bad.seq - 1 - base)),
    firstBad: bad,
  });

  for (;;) {
    const after = lastSeq;
    const { rows, headRow } = await db.prisma.$transaction(async (tx) => {
      const rows = await tx.auditLogEntry.findMany({
        where: after === undefined ? {} : { seq: { gt: after } },
        orderBy: { seq: "asc" },
        take,
      });
      const headRow = rows.length < take ? await tx.setting.findUnique({ where: { key: LOG_HEAD_KEY } }) : undefined;
      return { rows, headRow };
    }, READ_TX);
    for (const row of rows) {
      const bad = checkRow(row, base + entries + 1, prevHash, redactions);
      if (bad) return broken(bad);
      for (const c of bySeq.get(row.seq) ?? []) {
        if (c.hash !== row.hash)
          return broken({
            seq: row.seq,
            reason: `entry #${row.seq} is not the one the signed checkpoint of ${c.at} recorded: the log was rewritten`,
          });
        matched += 1;
      }
      entries += 1;
      prevHash = row.hash;
      lastSeq = row.seq;
    }
    if (headRow === undefined) continue; // a full batch: read on

    // The end of the table as of that read: compare with the head.
    const last = lastSeq ?? base;
    if (furthest && furthest.seq > last) {
      const missing =
        furthest.seq === last + 1
          ? `entry #${furthest.seq} is missing`
          : `entries #${last + 1} to #${furthest.seq} are missing`;
      return broken({
        seq: last + 1,
        reason: `${missing}: the signed checkpoint of ${furthest.at} records #${furthest.seq} but the log ends at #${last}`,
      });
    }
    if (headRow === null) {
      if (entries === 0 && base === 0) return { ok: true, entries, checkpoints: matched };
      return broken({
        seq: last,
        reason: `the log head is missing: nothing confirms that entry #${last} is the last one`,
      });
    }
    const head = parseHead(headRow.value);
    if (!head)
      return broken({
        seq: last + 1,
        reason: `the log head is unreadable ("${headRow.value.slice(0, 80)}"), after entry #${last}`,
      });
    if (head.seq === last) {
      if (head.hash === prevHash) return { ok: true, entries, checkpoints: matched };
      return broken({
        seq: last,
        reason: `entry #${last} does not match the log head: it was replaced after it was written`,
      });
    }
    if (head.seq < last) {
      return broken({
        seq: head.seq + 1,
        reason: `entry #${head.seq + 1} was added behind the writer's back: the log head ends at #${head.seq}`,
      });
    }
    // The head is ahead: entries appended since the rows were read (committed together with the
    // head, so the next read sees them), or a deleted tail if a second look finds nothing new.
    if (headAheadAt === last) {
      const missing =
        head.seq === last + 1 ? `entry #${head.seq} is missing` : `entries #${last + 1} to #${head.seq} are missing`;
      return broken({
        seq: last + 1,
        reason: `${missing}: the log head records #${head.seq} but the log ends at #${last}`,
      });
    }
    headAheadAt = last;
  }
}
