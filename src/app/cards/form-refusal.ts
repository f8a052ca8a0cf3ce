// Where a refused form submission shows its reason: next to the input it is about, so the form can
// come back with everything typed still in it (a Slack modal's `response_action: "errors"`, a
// Teams form card filled in again). The input is the one the refusal names (`field`, `subject`),
// the one holding the code that was not found, or the one a code is always about (an end date
// for a leave too short); otherwise the first. Refusals about the subject's state (stale card,
// already done, not allowed) are not about the form: those replace it with the current card.
import type { Code } from "../kernel/app-error.ts";
import { INPUT_PROBLEMS, isInputProblem } from "../kernel/input-problem.ts";
import type { Outcome } from "../kernel/outcome.ts";
import type { Bilingual } from "../../ports/locale.ts";
import type { CardInput } from "../../ports/card.ts";

export interface FieldRefusal {
  /** The input's name (a Slack block_id, a Teams input id after its prefix). */
  readonly field: string;
  /** The sentence to show next to it. */
  readonly message: Bilingual;
}

/** Refusals about the subject or the person, not about what was typed. */
const NOT_ABOUT_THE_FORM: ReadonlySet<Code> = new Set<Code>([
  "STALE_ACTION",
  "ALREADY_DONE",
  "INVALID_TRANSITION",
  "UNKNOWN_ACTION",
  "UNKNOWN_USER",
  "SUSPENDED",
  "NOT_AUTHORISED",
  "OUT_OF_SCOPE",
  "NOT_A_PARTY",
  "LEAVE_SEALED",
  "CALENDAR_MISSING",
]);

/** The inputs a code is always about, first match wins. */
const CODE_FIELDS: Partial<Record<Code, readonly string[]>> = {
  LEAVE_TOO_SHORT: ["endDate"],
  LEAD_TIME_TOO_SHORT: ["startDate"],
  SUBSTITUTE_MISSING: ["substitute"],
  SUBSTITUTE_ON_LEAVE: ["substitute"],
  SUBSTITUTE_IS_HOLDER: ["substitute"],
  NOTE_REQUIRED: ["note", "description"],
  REASON_REQUIRED: ["reason"],
  AUDITOR_CONFLICT: ["leader", "lead", "members"],
  TEAM_INCOMPLETE: ["leader", "lead"],
  TEAM_INVALID: ["members", "lead"],
  INCOMING_MISSING: ["incoming"],
  INCOMING_IS_OUTGOING: ["incoming"],
};

const typedParts = (value: string | undefined): string[] =>
  (value ?? "")
    .split(/[\s,，、;；]+/)
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== "");

export function formRefusal(
  outcome: Outcome,
  inputs: readonly CardInput[],
  values: Readonly<Record<string, string>>,
): FieldRefusal | undefined {
  if (outcome.ok || NOT_ABOUT_THE_FORM.has(outcome.code) || inputs.length === 0) return undefined;
  const names = inputs.map((i) => i.name);
  const detail = outcome.detail ?? {};
  const named = [detail.field, detail.subject, detail.reason].find(
    (v): v is string => typeof v === "string" && names.includes(v),
  );
  const typed = [detail.code, detail.person]
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.toLowerCase());
  const holding = names.find((n) => typedParts(values[n]).some((part) => typed.includes(part)));
  const byCode = CODE_FIELDS[outcome.code]?.find((n) => names.includes(n));
  const field = named ?? holding ?? byCode ?? names[0]!;
  const message =
    outcome.code === "INVALID_INPUT" && isInputProblem(detail.problem)
      ? INPUT_PROBLEMS[detail.problem]
      : outcome.message;
  return { field, message };
}
