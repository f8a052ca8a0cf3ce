// The one place a code becomes a sentence on Slack: refusals from the core (describeCode), the
// adapter's own (an unknown account), and Slack's Web API errors (for the log and the notifier).
import type { ErrorDetail } from "../../src/domain/errors.ts";
import { describeCode, type Code } from "../../src/app/kernel/app-error.ts";
import { bi, pick, type Bilingual, type Locale } from "../../src/ports/locale.ts";

export function refusalSentence(code: Code, detail: ErrorDetail | undefined, locale: Locale): string {
  return pick(describeCode(code, detail), locale);
}

/** An account Keypost cannot map: we do not know their language, so both. */
export const UNKNOWN_ACCOUNT: Bilingual = describeCode("UNKNOWN_USER");
export function unknownAccountText(): string {
  return `${UNKNOWN_ACCOUNT.en}\n${UNKNOWN_ACCOUNT["zh-CN"]}`;
}

export const UNEXPECTED: Bilingual = bi("出现意外错误，请稍后再试。", "Something went wrong; please try again later.");

/** Slack Web API error codes that mean the person cannot be reached (never retried). */
export const UNREACHABLE_ERRORS = new Set([
  "user_not_found",
  "users_not_found",
  "channel_not_found",
  "account_inactive",
  "user_disabled",
  "cannot_dm_bot",
  "is_archived",
  "not_in_channel",
  "user_is_restricted",
]);

/**
 * Slack Web API error codes that mean Keypost's own token is refused: nobody can be reached until
 * an administrator fixes it. Delivery is held (not failed) and resumes once it is fixed.
 */
export const CREDENTIAL_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "no_permission",
  "ekm_access_denied",
  "org_login_required",
]);

/**
 * Slack Web API errors after which the call may have done its work ("it's possible some aspect of
 * the operation succeeded before the error was raised"): a post answered so is an unknown outcome,
 * reconciled from the conversation's history, never sent again blindly.
 */
export const AMBIGUOUS_ERRORS = new Set(["internal_error", "fatal_error"]);

export function webApiErrorCode(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string }; message?: string };
  return e?.data?.error ?? e?.code ?? (error instanceof Error ? error.message : String(error));
}
