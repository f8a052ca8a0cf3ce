// Words users see exist in Simplified Chinese and English. A user's language comes from their
// profile, else the organisation's default (KEYPOST_LOCALE).
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** A user-visible text in both languages. */
export interface Bilingual {
  readonly "zh-CN": string;
  readonly en: string;
}

export function bi(zh: string, en: string): Bilingual {
  return { "zh-CN": zh, en };
}

export function pick(text: Bilingual, locale: Locale): string {
  return text[locale];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function localeOf(profile: string | null | undefined, orgDefault: Locale): Locale {
  return isLocale(profile) ? profile : orgDefault;
}
