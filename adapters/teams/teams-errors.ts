// The one place the Teams adapter turns a code into a sentence in the user's language: refusals
// from the core (describeCode) and anything unexpected (nothing was changed: the core's
// transaction rolled back).
import type { ErrorDetail } from "../../src/domain/errors.ts";
import { describeCode, type Code } from "../../src/app/kernel/app-error.ts";
import { bi, pick, type Locale } from "../../src/ports/locale.ts";

export function refusalSentence(
  refused: { readonly code: Code; readonly detail?: ErrorDetail },
  locale: Locale,
): string {
  return pick(describeCode(refused.code, refused.detail), locale);
}

export function unexpectedSentence(locale: Locale): string {
  return pick(
    bi(
      "出现意外错误，未做任何更改。请稍后再试。",
      "Something went wrong and nothing was changed. Please try again later.",
    ),
    locale,
  );
}

/** The language of someone Keypost does not know yet: from the Teams client's locale. */
export function clientLocale(locale: string | undefined, fallback: Locale): Locale {
  if (!locale) return fallback;
  return locale.toLowerCase().startsWith("zh") ? "zh-CN" : locale.toLowerCase().startsWith("en") ? "en" : fallback;
}
