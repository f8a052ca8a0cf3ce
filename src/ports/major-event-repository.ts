// Major-event reports (重大事项报告): personal, so only the reporter and compliance see them; the
// use cases and card builders ask before they show one.
import type { MajorEventKind, MajorEventState } from "../domain/major-event/major-event.machine.ts";

export interface MajorEventRecord {
  readonly id: string;
  readonly reporterId: string;
  readonly kind: MajorEventKind;
  readonly description: string;
  readonly occurredOn: string;
  readonly status: MajorEventState;
  readonly triagedById: string | null;
  readonly triageNote: string;
  readonly leaveId: string | null;
  readonly filedAt: Date;
  readonly triagedAt: Date | null;
  readonly version: number;
}

export interface NewMajorEvent {
  readonly id: string;
  readonly reporterId: string;
  readonly kind: MajorEventKind;
  readonly description: string;
  readonly occurredOn: string;
  readonly filedAt: Date;
}

export interface MajorEventChanges {
  readonly status: MajorEventState;
  readonly triagedById?: string;
  readonly triagedAt?: Date;
  readonly triageNote?: string;
}

export interface MajorEventRepository {
  byId(id: string): Promise<MajorEventRecord | undefined>;
  /** A person's own reports, newest first. */
  byReporter(reporterId: string): Promise<MajorEventRecord[]>;
  create(report: NewMajorEvent): Promise<MajorEventRecord>;
  /** Optimistic update at `expectedVersion`, bumping it; undefined when stale. */
  update(id: string, expectedVersion: number, changes: MajorEventChanges): Promise<MajorEventRecord | undefined>;
  /** For the leave area: the triggered leave HR planned for a report (leave.triggerRef = the report's id). False when it was linked already. */
  linkLeave(id: string, leaveId: string): Promise<boolean>;
}
