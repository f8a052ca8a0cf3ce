// Everything a use case may touch, bound to one database transaction: either all of it is
// written (state, audit-log entry, notices, tokens) or none of it.
import type { SetupGapQueries } from "./setup-gap-queries.ts";
import type { ActionTokenRepository, CommandReceipts } from "./action-tokens.ts";
import type { AuditLogPort } from "./audit-log.ts";
import type { Outbox } from "./outbox.ts";
import type { PeopleRepository } from "./people-repository.ts";
import type { SettingsRepository } from "./settings.ts";
import type { AuditRepository } from "./audit-repository.ts";
import type { LeaveRepository } from "./leave-repository.ts";
import type { HandoverRepository } from "./handover-repository.ts";
import type { PostRepository } from "./post-repository.ts";
import type { SlotClaims } from "./slot-claims.ts";
import type { DeliveryQueue } from "./delivery-queue.ts";
import type { RotationRepository } from "./rotation-repository.ts";
import type { ClientRepository } from "./client-repository.ts";
import type { MajorEventRepository } from "./major-event-repository.ts";
import type { QuestionReads } from "./question-reads.ts";
import type { SchedulingQueries } from "./scheduling-queries.ts";
import type { Inbox } from "./inbox.ts";
import type { DashboardSessions } from "./dashboard-sessions.ts";
import type { SenderLeases } from "./sender-leases.ts";
import type { DigestLines } from "./digest-lines.ts";

export interface TxPorts {
  readonly people: PeopleRepository;
  readonly outbox: Outbox;
  readonly tokens: ActionTokenRepository;
  readonly receipts: CommandReceipts;
  readonly log: AuditLogPort;
  readonly settings: SettingsRepository;
  readonly audits: AuditRepository;
  readonly leaves: LeaveRepository;
  readonly handovers: HandoverRepository;
  readonly posts: PostRepository;
  readonly slots: SlotClaims;
  readonly deliveries: DeliveryQueue;
  readonly rotations: RotationRepository;
  readonly clients: ClientRepository;
  readonly majorEvents: MajorEventRepository;
  /** Read-only: what answering a typed question reads (src/app/questions). */
  readonly questions: QuestionReads;
  readonly scheduling: SchedulingQueries;
  /** Read-only: the setup gaps' facts (src/app/setup-gaps), for answers that must state them. */
  readonly setupGaps: SetupGapQueries;
  readonly inbox: Inbox;
  /** The dashboard's sign-in links and sessions (adapters/web). */
  readonly dashboard: DashboardSessions;
  /** Which replica sends to each platform tenant (decision 17.18). */
  readonly senders: SenderLeases;
  /** The daily digests' lines (escalations told on the recipient's next working morning). */
  readonly digests: DigestLines;
}

export interface UnitOfWork {
  run<T>(work: (tx: TxPorts) => Promise<T>): Promise<T>;
  /**
   * Reads outside a transaction (each statement on its own): for a lookup that decides nothing by
   * itself — e.g. which person a chat user is, before the action re-reads that person in its own
   * unit of work. On SQLite (one connection) such a read may see a transaction in progress. Never
   * write through it.
   */
  read<T>(work: (tx: TxPorts) => Promise<T>): Promise<T>;
}
