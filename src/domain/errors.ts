// Stable reason codes of the domain. A guard returns one, a refused decision carries one, a
// DomainError wraps one. Adapters turn a code into a sentence in the user's language in one place
// each; nothing here is user-facing text. Codes are never renamed once shipped (logs keep them).

export const REASON_CODES = [
  // engine and commands
  "INVALID_TRANSITION", // no row of the machine leaves this state on this event
  "STALE_ACTION", // the button belongs to an outdated card: the subject moved on
  "NOT_FOUND", // the subject or the item named does not exist
  "ALREADY_DONE", // the command already ran (a second press, a platform retry)
  // who may act
  "NOT_AUTHORISED", // no grant of a role the action needs (or the system only may do it)
  "OUT_OF_SCOPE", // the role is granted, but not over the subject's unit
  "NOT_A_PARTY", // the action belongs to named people (holder, handover side, audit team, owner)
  "SUSPENDED", // the actor's own leave has started: only the two exempt actions remain
  "SEPARATION_OF_DUTIES", // the actor would check or approve their own case
  // mandatory leave
  "LEAVE_SEALED", // a visible step would reveal a sealed leave before it starts
  "LEAVE_TOO_SHORT", // fewer consecutive working days than the policy's minimum
  "LEAD_TIME_TOO_SHORT", // compliance would hear of it fewer working days ahead than the policy asks
  "SUBSTITUTE_MISSING",
  "SUBSTITUTE_ON_LEAVE",
  "SUBSTITUTE_IS_HOLDER",
  "NO_SERIOUS_FINDINGS", // a leave is extended only while its audit has high or critical findings
  // handover
  "HANDOVER_INCOMPLETE", // a side (or the required witness) has not confirmed everything
  "ALREADY_CONFIRMED",
  "HANDOVER_MISMATCH", // a hand-back that does not answer the takeover it should close
  // off-post audit
  "AUDITOR_CONFLICT", // an auditor is the audited holder or the substitute
  "TEAM_INCOMPLETE", // a team needs one team leader and one lead auditor
  "TEAM_INVALID", // a person twice on the team, or two leaders / two lead auditors
  "SIGNER_ON_TEAM",
  "CHECKLIST_INCOMPLETE", // a checklist item is still pending
  "NOTE_REQUIRED", // an exception or a closed rectification needs a note
  "OPINION_REQUIRED",
  "REASON_REQUIRED", // a holder who disagrees gives reasons
  "NOTHING_TO_RECTIFY",
  "RECTIFICATION_OPEN",
  // rotation
  "INCOMING_MISSING",
  "INCOMING_IS_OUTGOING",
  "LIMIT_NOT_PASSED", // a rotation becomes overdue only once its tenure limit has passed
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** Values an adapter may put into its sentence (a date, a count, an item number). */
export type ErrorDetail = Readonly<Record<string, string | number | boolean | null>>;

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: ReasonCode,
    readonly detail?: ErrorDetail,
    options?: { cause?: unknown },
  ) {
    super(detail === undefined ? code : `${code} ${JSON.stringify(detail)}`, options);
  }
}

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === "string" && (REASON_CODES as readonly string[]).includes(value);
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
