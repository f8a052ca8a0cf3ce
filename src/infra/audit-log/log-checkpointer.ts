// Signs the audit log's head and stores the checkpoint outside the database. Before it signs, it
// checks that the entries written since the latest stored checkpoint chain onto that checkpoint's
// hash: a checkpoint must never bless a log that was rewritten or cut in the meantime.
import type {
  CheckpointReason,
  CheckpointStore,
  LogCheckpointer,
  SignedCheckpoint,
} from "../../ports/log-checkpoints.ts";
import { checkRow, loadRedactions } from "../db/audit-log-verifier.ts";
import { GENESIS_HASH, LOG_HEAD_KEY, LOG_PURGED_KEY, parseHead } from "../db/audit-log-writer.ts";
import type { Database } from "../db/database.ts";
import { signCheckpoint, type SigningKey } from "./checkpoint-signing.ts";

export class LogChainError extends Error {
  readonly code = "AUDIT_LOG_BROKEN";
}

const BATCH = 1_000;
const READ_TX = { maxWait: 30_000, timeout: 30_000 };

export class SignedLogCheckpointer implements LogCheckpointer {
  constructor(
    private readonly db: Database,
    private readonly key: SigningKey,
    private readonly store: CheckpointStore,
  ) {}

  async checkpoint(reason: CheckpointReason, at: Date): Promise<SignedCheckpoint> {
    let previous = await this.store.latest();
    const { head, purged } = await this.db.prisma.$transaction(async (tx) => {
      const row = await tx.setting.findUnique({ where: { key: LOG_HEAD_KEY } });
      const tomb = await tx.setting.findUnique({ where: { key: LOG_PURGED_KEY } });
      return {
        head: row ? parseHead(row.value) : { seq: 0, hash: GENESIS_HASH },
        purged: tomb ? parseHead(tomb.value) : undefined,
      };
    }, READ_TX);
    // After a retention purge the chain is anchored on its tombstone, which a signed checkpoint confirms.
    if (purged && (!previous || previous.seq <= purged.seq)) {
      const confirmed = (await this.store.list()).find((c) => c.seq === purged.seq && c.hash === purged.hash);
      if (!confirmed) throw new LogChainError(`no signed checkpoint confirms the purge through #${purged.seq}`);
      previous = confirmed;
    }
    if (!head) throw new LogChainError("the audit log head is unreadable: run keypost verify-log");
    if (previous && previous.seq > head.seq)
      throw new LogChainError(
        `the audit log ends at #${head.seq} but the checkpoint of ${previous.at} records #${previous.seq}: entries were removed`,
      );
    // Entries since the previous checkpoint must chain onto it, up to the head.
    let prevHash = previous?.hash ?? GENESIS_HASH;
    let expected = (previous?.seq ?? 0) + 1;
    if (previous && previous.seq > 0 && !(purged && previous.seq === purged.seq)) {
      const anchor = await this.db.prisma.auditLogEntry.findUnique({ where: { seq: previous.seq } });
      if (!anchor || anchor.hash !== previous.hash)
        throw new LogChainError(`entry #${previous.seq} no longer matches the checkpoint of ${previous.at}`);
    }
    const redactions = expected <= head.seq ? await loadRedactions(this.db.prisma, expected - 1) : undefined;
    while (expected <= head.seq) {
      const rows = await this.db.prisma.auditLogEntry.findMany({
        where: { seq: { gte: expected, lte: head.seq } },
        orderBy: { seq: "asc" },
        take: BATCH,
      });
      if (rows.length === 0) throw new LogChainError(`entry #${expected} is missing below the head #${head.seq}`);
      for (const row of rows) {
        const bad = checkRow(row, expected, prevHash, redactions);
        if (bad) throw new LogChainError(bad.reason);
        prevHash = row.hash;
        expected += 1;
      }
    }
    if (prevHash !== head.hash) throw new LogChainError(`entry #${head.seq} does not match the log head`);
    const checkpoint = signCheckpoint(this.key, head, at, reason);
    await this.store.append(checkpoint, this.key.publicKeyPem);
    return checkpoint;
  }
}

/** Used when no signing key is configured: nothing is signed (verify-log says so). */
export const noCheckpoints: LogCheckpointer = { checkpoint: () => Promise.resolve(undefined) };
