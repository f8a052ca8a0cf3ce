// The audit log as the core sees it: one appended fact per state change, written in the same
// transaction as the change. Append-only and hash-chained (see src/infra/db/audit-log-writer.ts).

export type LogPlatform = "slack" | "teams" | "console" | "cli" | "scheduler" | "system" | "web";

export interface LogEntryInput {
  at: Date;
  /** The employee who acted; null for the scheduler or the system itself. */
  actorId: string | null;
  platform: LogPlatform;
  /** What happened, e.g. "leave.started". */
  action: string;
  subjectType: string;
  subjectId: string;
  /** Hidden from anyone outside HR, compliance and the audit team before this instant (sealed leave). */
  sealedUntil?: Date | null;
  /** JSON-compatible facts: plain objects, arrays, strings, finite numbers, booleans, null, Dates. */
  data: Record<string, unknown>;
  /**
   * The members of `data` that are a person's personal data (a chat id, an employee code, text they
   * typed), by key → the employee id(s) whose data it is. The chain then covers a salted digest of
   * each instead of its value, so erasing the person can remove it (docs/audit-log.md, format 2).
   */
  personal?: Readonly<Record<string, string | readonly string[]>>;
}

export interface AuditLogPort {
  /** Checks the entry at once (a bad one throws); it may be written later in the same transaction, before its commit. */
  append(entry: LogEntryInput): Promise<void>;
}
