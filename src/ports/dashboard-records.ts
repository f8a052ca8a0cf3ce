// What the dashboard's record pages need from outside the report queries: one audit's full record
// (the evidence pack's reads) and one subject's audit-log entries with
// the verdict of verifying them against the signed checkpoints. Implemented in src/infra/records
// over the database and the checkpoint store; the app decides who may ask (records.query.ts).
import type { AuditEvidence } from "./evidence-reads.ts";

/** Who reads the log: sealed entries are hash-only unless they may see them. */
export interface LogReader {
  /** The employee code (named in the export's header). */
  readonly name: string;
  /** May see every sealed leave before it starts (HR or compliance over the whole bank). */
  readonly seesSealed: boolean;
  /** Subjects ("type:id") the reader is entitled to even while sealed (checked by the caller). */
  readonly entitled: readonly string[];
}

export interface SubjectLogEntry {
  readonly seq: number;
  readonly at: Date;
  readonly actorId: string | null;
  readonly platform: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly hash: string;
}

export interface SubjectLog {
  /** The subject's entries the reader may see, oldest first. */
  readonly entries: readonly SubjectLogEntry[];
  /** The subject's entries shown as hashes only (sealed for this reader). */
  readonly withheld: number;
  readonly verdict: {
    readonly ok: boolean;
    /** Full entries in the verified run (the subject's and those up to the next checkpoint). */
    readonly entries: number;
    readonly proven: number;
    readonly checkpoints: number;
    readonly keyIds: readonly string[];
    readonly problems: readonly string[];
  };
  /** The checkpoint signed for this reading (its head). */
  readonly signedSeq: number;
}

export interface DashboardRecords {
  /** One audit's record by id; undefined when there is none. */
  auditEvidence(auditId: string): Promise<AuditEvidence | undefined>;
  subjectLog(subject: string, reader: LogReader, now: Date): Promise<SubjectLog | "no-key">;
}
