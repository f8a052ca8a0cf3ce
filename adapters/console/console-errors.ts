// The one place where the terminal turns a code into a sentence in the user's language: refusals
// from the core (describeCode) and anything unexpected that must not end the session.
import type { ErrorDetail } from "../../src/domain/errors.ts";
import { describeCode, type Code } from "../../src/app/kernel/app-error.ts";
import { bi, pick, type Locale } from "../../src/ports/locale.ts";

export interface Refused {
  readonly code: Code;
  readonly detail?: ErrorDetail;
}

export function refusalSentence(refused: Refused, locale: Locale): string {
  return pick(describeCode(refused.code, refused.detail), locale);
}

export function unexpectedSentence(error: unknown, locale: Locale): string {
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return pick(
    bi(`出现意外错误，未做任何更改：${reason}`, `Something went wrong and nothing was changed: ${reason}`),
    locale,
  );
}
