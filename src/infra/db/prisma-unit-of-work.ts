import type { TxPorts, UnitOfWork } from "../../ports/unit-of-work.ts";
import type { Database, Tx } from "./database.ts";
import { PrismaActionTokens, PrismaCommandReceipts } from "./prisma-action-tokens.ts";
import { PrismaAuditLog } from "./audit-log-writer.ts";
import { PrismaOutbox } from "./prisma-outbox.ts";
import { PrismaPeopleRepository } from "./prisma-people-repository.ts";
import { PrismaSettingsRepository } from "./prisma-settings-repository.ts";

export function prismaPorts(tx: Tx, provider: Database["provider"]): TxPorts {
  return {
    people: new PrismaPeopleRepository(tx),
    outbox: new PrismaOutbox(tx, provider),
    tokens: new PrismaActionTokens(tx),
    receipts: new PrismaCommandReceipts(tx, provider),
    log: new PrismaAuditLog(tx, provider),
    settings: new PrismaSettingsRepository(tx),
  };
}

/** One interactive transaction per unit of work; SQLite serialises writers, PostgreSQL runs read committed. */
export class PrismaUnitOfWork implements UnitOfWork {
  constructor(private readonly db: Database) {}

  run<T>(work: (tx: TxPorts) => Promise<T>): Promise<T> {
    return this.db.prisma.$transaction((tx) => work(prismaPorts(tx, this.db.provider)), { timeout: 30_000, maxWait: 30_000 });
  }
}
