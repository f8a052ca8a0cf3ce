// How long each class of record is kept, per jurisdiction preset, and whether a purge may remove a
// record: never inside its retention period, never under a legal hold. Years, not days: the rules
// count in years from the record's date. Sources (docs/retention.md):
//  - finra: FINRA Rule 4511(c) — records with no period set by FINRA rules or SEA Rule 17a-4 are
//    kept at least six years; Keypost keeps every class six years under it.
//  - cn-bank: 《会计档案管理办法》(财政部、国家档案局令第79号, in force 2016-01-01), 附表1: vouchers
//    and ledgers 30 years, monthly/quarterly reports and bank statements 10 years. The audit log,
//    audits and findings are kept like vouchers and ledgers (30 years: they evidence the control
//    over the accounting posts); leaves and major-event reports like the 10-year class.

export const RECORD_CLASSES = ["audit_log", "leaves", "audits", "findings", "major_event_reports"] as const;
export type RecordClass = (typeof RECORD_CLASSES)[number];

export const RETENTION_PRESETS = ["cn-bank", "finra"] as const;
export type RetentionPreset = (typeof RETENTION_PRESETS)[number];

export const RETENTION_YEARS: Record<RetentionPreset, Record<RecordClass, number>> = {
  "cn-bank": { audit_log: 30, leaves: 10, audits: 30, findings: 30, major_event_reports: 10 },
  finra: { audit_log: 6, leaves: 6, audits: 6, findings: 6, major_event_reports: 6 },
};

export function isRecordClass(value: string): value is RecordClass {
  return (RECORD_CLASSES as readonly string[]).includes(value);
}

export function isRetentionPreset(value: string): value is RetentionPreset {
  return (RETENTION_PRESETS as readonly string[]).includes(value);
}

/** The first instant a record dated `recordedAt` may be removed: the same calendar instant `years` later (UTC). */
export function retainedUntil(recordedAt: Date, years: number): Date {
  const until = new Date(recordedAt.getTime());
  until.setUTCFullYear(until.getUTCFullYear() + years);
  // 29 February + n years, when that year has none, becomes 1 March (kept a day longer, never shorter).
  return until;
}

export type PurgeRefusal =
  | { readonly code: "INSIDE_RETENTION"; readonly years: number; readonly keptUntil: Date }
  | { readonly code: "LEGAL_HOLD"; readonly reason: string };

/**
 * May records of `recordClass` dated before `before` be removed at `now`? Only when every such
 * record's retention is over (the latest of them is dated just before `before`) and no hold is set.
 */
export function purgeRefusal(
  recordClass: RecordClass,
  preset: RetentionPreset,
  before: Date,
  now: Date,
  hold: { reason: string } | undefined,
): PurgeRefusal | undefined {
  if (hold) return { code: "LEGAL_HOLD", reason: hold.reason };
  const years = RETENTION_YEARS[preset][recordClass];
  const keptUntil = retainedUntil(before, years);
  if (keptUntil.getTime() > now.getTime()) return { code: "INSIDE_RETENTION", years, keptUntil };
  return undefined;
}

export type ErasureRefusal =
  | { readonly code: "STILL_EMPLOYED" }
  | { readonly code: "INSIDE_RETENTION"; readonly recordClass: RecordClass; readonly keptUntil: Date }
  | { readonly code: "LEGAL_HOLD"; readonly recordClass: RecordClass; readonly reason: string };

/**
 * May a person's personal data be erased at `now`? Only once they have left, and once every record
 * that names them is past its retention (counted from the latest such record of each class) and no
 * class holding such a record is on hold. The audit log names people by id only, so it does not
 * hold erasure back (docs/retention.md, "Erasing a person").
 */
export function erasureRefusal(
  preset: RetentionPreset,
  now: Date,
  person: { readonly left: boolean; readonly latest: Partial<Record<RecordClass, Date>> },
  holds: Partial<Record<RecordClass, { reason: string }>>,
): ErasureRefusal | undefined {
  if (!person.left) return { code: "STILL_EMPLOYED" };
  for (const recordClass of RECORD_CLASSES) {
    const latest = person.latest[recordClass];
    if (latest === undefined) continue;
    const hold = holds[recordClass];
    if (hold) return { code: "LEGAL_HOLD", recordClass, reason: hold.reason };
    const keptUntil = retainedUntil(latest, RETENTION_YEARS[preset][recordClass]);
    if (keptUntil.getTime() > now.getTime()) return { code: "INSIDE_RETENTION", recordClass, keptUntil };
  }
  return undefined;
}
