// The facts an off-post audit (离岗审计) collects on its way: checklist marks, findings, the holder's
// opinion, rectification items. Small pure checks the audit machine's guards and the use cases share.
import type { ReasonCode } from "../errors.ts";

export const ITEM_RESULTS = ["pending", "pass", "exception", "not_applicable"] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];
/** The results an auditor can mark an item with. */
export type ItemMark = Exclude<ItemResult, "pending">;

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RECTIFICATION_STATES = ["open", "closed"] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

export interface ChecklistItem {
  readonly seq: number;
  readonly result: ItemResult;
}

export interface Opinion {
  readonly agrees: boolean;
  readonly reason: string;
}

export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/** An exception is never recorded without saying what was wrong. */
export function checkItemMark(mark: ItemMark, note: string): ReasonCode | null {
  return mark === "exception" && isBlank(note) ? "NOTE_REQUIRED" : null;
}

export function pendingItems(items: readonly ChecklistItem[]): readonly number[] {
  return items.filter((item) => item.result === "pending").map((item) => item.seq);
}

export function allItemsMarked(items: readonly ChecklistItem[]): boolean {
  return pendingItems(items).length === 0;
}

/** High and critical findings are serious: they may extend the leave. */
export function isSerious(severity: Severity): boolean {
  return severity === "high" || severity === "critical";
}

export function hasSeriousFindings(findings: readonly { readonly severity: Severity }[]): boolean {
  return findings.some((finding) => isSerious(finding.severity));
}

/** The holder may agree as is; disagreeing needs reasons. */
export function checkOpinion(opinion: Opinion | null): ReasonCode | null {
  if (opinion === null) return "OPINION_REQUIRED";
  return !opinion.agrees && isBlank(opinion.reason) ? "REASON_REQUIRED" : null;
}

export function openRectifications<T extends { readonly status: RectificationState }>(
  items: readonly T[],
): readonly T[] {
  return items.filter((item) => item.status === "open");
}
