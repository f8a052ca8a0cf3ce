// Everything a use case may touch, bound to one database transaction: either all of it is
// written (state, audit-log entry, notices, tokens) or none of it.
import type { ActionTokenRepository, CommandReceipts } from "./action-tokens.ts";
import type { AuditLogPort } from "./audit-log.ts";
import type { Outbox } from "./outbox.ts";
import type { PeopleRepository } from "./people-repository.ts";
import type { SettingsRepository } from "./settings.ts";

export interface TxPorts {
  readonly people: PeopleRepository;
  readonly outbox: Outbox;
  readonly tokens: ActionTokenRepository;
  readonly receipts: CommandReceipts;
  readonly log: AuditLogPort;
  readonly settings: SettingsRepository;
}

export interface UnitOfWork {
  run<T>(work: (tx: TxPorts) => Promise<T>): Promise<T>;
}
