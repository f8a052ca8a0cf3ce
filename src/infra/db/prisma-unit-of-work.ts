import type { TxPorts, UnitOfWork } from "../../ports/unit-of-work.ts";
import type { Database, Tx } from "./database.ts";
import { PrismaActionTokens, PrismaCommandReceipts } from "./prisma-action-tokens.ts";
import { PrismaAuditLog } from "./audit-log-writer.ts";
import { PrismaOutbox } from "./prisma-outbox.ts";
import { PrismaPeopleRepository } from "./prisma-people-repository.ts";
import { PrismaSettingsRepository } from "./prisma-settings-repository.ts";
import { PrismaAuditRepository } from "./prisma-audit-repository.ts";
import { PrismaLeaveRepository } from "./prisma-leave-repository.ts";
import { PrismaHandoverRepository } from "./prisma-handover-repository.ts";
import { PrismaPostRepository } from "./prisma-post-repository.ts";
import { PrismaSenderLeases } from "./prisma-sender-leases.ts";
import { PrismaSlotClaims } from "./prisma-slot-claims.ts";
import { PrismaDeliveryQueue } from "./prisma-delivery-queue.ts";
import { PrismaRotationRepository } from "./prisma-rotation-repository.ts";
import { PrismaClientRepository } from "./prisma-client-repository.ts";
import { PrismaMajorEventRepository } from "./prisma-major-event-repository.ts";
import { PrismaQuestionReads } from "./prisma-question-reads.ts";
import { PrismaDigestLines } from "./prisma-digest-lines.ts";
import { PrismaSchedulingQueries } from "./prisma-scheduling-queries.ts";
import { PrismaSetupGapQueries } from "./prisma-setup-gap-queries.ts";
import { PrismaInbox } from "./prisma-inbox.ts";
import { PrismaDashboardSessions } from "./prisma-dashboard-sessions.ts";
import type { SqlSession } from "./sql-session.ts";
import { NoticeMemo } from "./notice-memo.ts";
import { PressReads } from "./press-reads.ts";
import type { FieldCipher } from "../../ports/field-cipher.ts";
import { PLAIN_FIELDS } from "../records/field-cipher.ts";

/** `sql`: the hand-written statements of the hot path, on this transaction (sql-session.ts). */
export function prismaPorts(
  tx: Tx,
  provider: Database["provider"],
  sql: SqlSession,
  fields: FieldCipher = PLAIN_FIELDS,
): TxPorts {
  return portsWith(tx, provider, sql, fields, new PrismaAuditLog(provider, sql));
}

/**
 * The ports of one unit of work and what it must write last: on PostgreSQL the audit-log entries
 * are held back until `finish()`, called just before COMMIT (decision 13.s8p-1); on SQLite (one
 * writer, in process) they are written where appended and `finish()` has nothing to do.
 */
export function unitPorts(
  tx: Tx,
  provider: Database["provider"],
  sql: SqlSession,
  fields: FieldCipher = PLAIN_FIELDS,
): { readonly ports: TxPorts; finish(): Promise<void> } {
  const log = new PrismaAuditLog(provider, sql, provider === "postgres");
  return { ports: portsWith(tx, provider, sql, fields, log), finish: () => log.flush() };
}

function portsWith(
  tx: Tx,
  provider: Database["provider"],
  sql: SqlSession,
  fields: FieldCipher,
  log: PrismaAuditLog,
): TxPorts {
  // A subject's notices are read once between writes (a press reads them twice); every port that
  // may write a notice forgets them (notice-memo.ts).
  const notices = new NoticeMemo();
  // A press's claim reads its subject's notices and its actor in the same statement on PostgreSQL (press-reads.ts).
  const press = provider === "postgres" ? new PressReads() : undefined;
  return {
    people: new PrismaPeopleRepository(tx, sql, press),
    outbox: new PrismaOutbox(tx, provider, sql, notices, fields, press),
    tokens: new PrismaActionTokens(tx, sql, provider, press),
    receipts: new PrismaCommandReceipts(tx, provider),
    log,
    settings: new PrismaSettingsRepository(tx),
    audits: new PrismaAuditRepository(tx, fields),
    leaves: new PrismaLeaveRepository(tx),
    handovers: new PrismaHandoverRepository(tx),
    posts: new PrismaPostRepository(tx),
    slots: new PrismaSlotClaims(tx, provider),
    deliveries: notices.forgetting(new PrismaDeliveryQueue(tx, provider, fields)),
    rotations: new PrismaRotationRepository(tx),
    clients: new PrismaClientRepository(tx),
    majorEvents: new PrismaMajorEventRepository(tx, fields),
    questions: new PrismaQuestionReads(tx, provider, fields),
    scheduling: notices.forgetting(new PrismaSchedulingQueries(tx, fields)),
    setupGaps: new PrismaSetupGapQueries(tx, provider),
    inbox: new PrismaInbox(tx, provider, sql),
    dashboard: new PrismaDashboardSessions(tx),
    senders: new PrismaSenderLeases(tx, provider),
    digests: new PrismaDigestLines(tx),
  };
}

/** The ports on the client itself: each statement on its own (`UnitOfWork.read`). */
export function portsOutsideTransaction(db: Database): TxPorts {
  return prismaPorts(db.prisma, db.provider, db.sql(db.prisma), db.fields);
}

/** One interactive transaction per unit of work; SQLite serialises writers, PostgreSQL runs read committed. */
export class PrismaUnitOfWork implements UnitOfWork {
  constructor(private readonly db: Database) {}

  run<T>(work: (tx: TxPorts) => Promise<T>): Promise<T> {
    return this.db.unit(async (tx, sql) => {
      const unit = unitPorts(tx, this.db.provider, sql, this.db.fields);
      const result = await work(unit.ports);
      await unit.finish();
      return result;
    });
  }

  read<T>(work: (tx: TxPorts) => Promise<T>): Promise<T> {
    return work(portsOutsideTransaction(this.db));
  }
}
