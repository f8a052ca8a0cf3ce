// Handovers as stored: the sheet (items) and the confirmations, which are appended facts.
import type { LocalDate } from "../domain/calendar/index.ts";
import type { HandoverPurpose, HandoverSide, HandoverState } from "../domain/handover/handover.machine.ts";
import type { LogPlatform } from "./audit-log.ts";

export const HANDOVER_ITEM_KINDS = [
  "key",
  "seal",
  "voucher",
  "cash",
  "pending_business",
  "client_list",
  "system_access",
  "other",
] as const;
export type HandoverItemKind = (typeof HANDOVER_ITEM_KINDS)[number];

export interface HandoverItemRecord {
  /** From 1, in the order given. */
  readonly seq: number;
  readonly kind: HandoverItemKind;
  readonly description: string;
  readonly quantity: string;
}

export interface HandoverConfirmationRecord {
  /** 0: the whole sheet. */
  readonly itemSeq: number;
  readonly side: HandoverSide;
  readonly employeeId: string;
  readonly platform: LogPlatform;
  readonly at: Date;
}

export interface HandoverRecord {
  readonly id: string;
  readonly postId: string;
  readonly fromId: string;
  readonly toId: string;
  readonly witnessId: string | null;
  readonly purpose: HandoverPurpose;
  readonly leaveId: string | null;
  readonly rotationId: string | null;
  readonly status: HandoverState;
  readonly periodStart: LocalDate | null;
  readonly version: number;
  readonly openedAt: Date;
  readonly completedAt: Date | null;
  readonly items: readonly HandoverItemRecord[];
  readonly confirmations: readonly HandoverConfirmationRecord[];
}

export interface NewHandover {
  readonly id: string;
  readonly postId: string;
  readonly fromId: string;
  readonly toId: string;
  readonly witnessId: string | null;
  readonly purpose: HandoverPurpose;
  readonly leaveId: string | null;
  readonly rotationId: string | null;
  readonly openedAt: Date;
  readonly items: readonly Omit<HandoverItemRecord, "seq">[];
}

export interface HandoverRepository {
  open(handover: NewHandover): Promise<HandoverRecord>;
  byId(id: string): Promise<HandoverRecord | undefined>;
  /** The handovers of a leave (takeover and hand-back), oldest first. */
  forLeave(leaveId: string): Promise<HandoverRecord[]>;
  forRotation(rotationId: string): Promise<HandoverRecord[]>;
  /**
   * Appends confirmation facts (never edits one) and increments the version, when the stored
   * version is still `expectedVersion`. False when it moved on (STALE_ACTION).
   */
  appendConfirmations(
    handoverId: string,
    expectedVersion: number,
    facts: readonly HandoverConfirmationRecord[],
  ): Promise<boolean>;
  /** Sets the status (and the period start, the completion instant) under the version check. */
  settle(
    handoverId: string,
    expectedVersion: number,
    change: {
      readonly status: HandoverState;
      readonly periodStart?: LocalDate | null;
      readonly completedAt?: Date | null;
    },
  ): Promise<boolean>;
}
