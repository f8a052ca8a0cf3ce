// Everything an evidence pack says about one off-post audit, read in one go: the audit with its
// checklist, findings, opinion, signatures and rectifications, the leave and its handovers, and the
// people named (by id, with their names) so that the report prints names, not ids.
import type { Locale } from "./locale.ts";
import type { SignedCheckpoint } from "./log-checkpoints.ts";

export interface PersonName {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
}

export interface AuditEvidence {
  readonly audit: {
    readonly id: string;
    readonly status: string;
    readonly planText: string;
    readonly planApprovedById: string | null;
    readonly noticeIssuedAt: Date | null;
    readonly reportText: string;
    readonly dueDate: string | null;
    readonly requestedAt: Date;
    readonly closedAt: Date | null;
  };
  readonly post: { readonly code: string; readonly name: string; readonly nameEn: string | null };
  readonly unit: { readonly code: string; readonly name: string; readonly timeZone: string };
  readonly holderId: string;
  readonly members: readonly { readonly employeeId: string; readonly role: string }[];
  readonly items: readonly {
    readonly seq: number;
    readonly text: string;
    readonly textEn: string;
    readonly result: string;
    readonly note: string;
    readonly evidenceUrl: string;
    readonly markedById: string | null;
    readonly markedAt: Date | null;
  }[];
  /** Files attached to checklist items, in the order attached (their bytes are in the evidence store). */
  readonly files: readonly {
    readonly itemSeq: number;
    readonly name: string;
    readonly mediaType: string;
    readonly bytes: number;
    readonly sha256: string;
    readonly uploadedById: string;
    readonly uploadedAt: Date;
  }[];
  readonly findings: readonly {
    readonly seq: number;
    readonly severity: string;
    readonly description: string;
    readonly itemSeq: number | null;
    readonly evidenceUrl: string;
    readonly createdById: string;
    readonly createdAt: Date;
  }[];
  readonly opinions: readonly {
    readonly employeeId: string;
    readonly agrees: boolean;
    readonly reason: string;
    readonly at: Date;
  }[];
  readonly signatures: readonly { readonly employeeId: string; readonly at: Date }[];
  readonly rectifications: readonly {
    readonly id: string;
    readonly findingSeq: number | null;
    readonly description: string;
    readonly ownerId: string;
    readonly dueDate: string;
    readonly status: string;
    readonly closingNote: string;
    readonly closedById: string | null;
    readonly closedAt: Date | null;
  }[];
  readonly leave: {
    readonly id: string;
    readonly kind: string;
    readonly trigger: string | null;
    readonly startDate: string;
    readonly endDate: string;
    readonly status: string;
    readonly substituteId: string | null;
    readonly plannedById: string;
    readonly startedAt: Date | null;
    readonly closedAt: Date | null;
  } | null;
  readonly handovers: readonly {
    readonly id: string;
    readonly purpose: string;
    readonly fromId: string;
    readonly toId: string;
    readonly status: string;
    readonly openedAt: Date;
    readonly completedAt: Date | null;
    readonly items: readonly {
      readonly seq: number;
      readonly kind: string;
      readonly description: string;
      readonly quantity: string;
    }[];
    readonly confirms: readonly {
      readonly itemSeq: number;
      readonly side: string;
      readonly employeeId: string;
      readonly at: Date;
    }[];
  }[];
  readonly people: ReadonlyMap<string, PersonName>;
}

export interface EvidenceReads {
  /** By id, or by a unique id prefix of at least 8 characters; undefined when none (or several) match. */
  auditEvidence(auditRef: string): Promise<AuditEvidence | undefined>;
}

/** Where an attached file sits in the evidence pack: by item, hash prefix and a name safe on any desktop. */
export function evidenceFilePath(file: {
  readonly itemSeq: number;
  readonly sha256: string;
  readonly name: string;
}): string {
  const safe = file.name.replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 120);
  return `files/item-${file.itemSeq}/${file.sha256.slice(0, 12)}-${safe}`;
}

/** What the evidence pack proves of its log entries against the latest signed checkpoint. */
export interface LogProofSummary {
  readonly entries: number;
  readonly proven: number;
  readonly checkpoint: SignedCheckpoint | undefined;
  readonly ok: boolean;
}

/** Renders the pack's printable audit report in the reader's language (src/app/records). */
export type AuditReportRenderer = (
  evidence: AuditEvidence,
  locale: Locale,
  generatedAt: Date,
  proof: LogProofSummary,
) => string;
