// Date phrases in Chinese and English, as data: each row is a pattern and how it turns into a
// range of local dates in the asker's time zone ("today" is the local date at `now` there).
// Pure: `now` and the zone come in; nothing here reads a clock.
import { DateTime } from "luxon";
import type { LocalDate } from "../../domain/calendar/index.ts";

export interface DateRange {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

type Resolve = (m: RegExpExecArray, today: DateTime) => DateRange | undefined;

const iso = (d: DateTime): LocalDate => d.toISODate()!;
const span = (a: DateTime, b: DateTime): DateRange => ({ from: iso(a), to: iso(b) });
const day = (d: DateTime): DateRange => span(d, d);
const week = (d: DateTime): DateRange => span(d.startOf("week"), d.endOf("week"));
const month = (d: DateTime): DateRange => span(d.startOf("month"), d.endOf("month"));

const CN_DIGITS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
  日: 7,
  天: 7,
};
const EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const EN_MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** A number written as digits or in Chinese (一 … 十二); undefined otherwise. */
export function numberOf(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  return CN_DIGITS[text];
}

function weekdayOf(word: string): number | undefined {
  const en = EN_WEEKDAYS.findIndex((w) => w.startsWith(word.slice(0, 3)));
  if (/^[a-z]/.test(word)) return en >= 0 ? en + 1 : undefined;
  return numberOf(word);
}

function monthOf(word: string): number | undefined {
  const i = EN_MONTHS.findIndex((m) => m.startsWith(word.slice(0, 3)));
  return i >= 0 ? i + 1 : undefined;
}

/** A month named without a year: this year's, or next year's when it has already passed. */
function comingMonth(today: DateTime, m: number, year?: number): DateRange | undefined {
  if (m < 1 || m > 12) return undefined;
  const y = year ?? (m < today.month ? today.year + 1 : today.year);
  return month(DateTime.fromObject({ year: y, month: m, day: 1 }, { zone: today.zone }));
}

function dateOf(today: DateTime, y: number, m: number, d: number): DateRange | undefined {
  const at = DateTime.fromObject({ year: y, month: m, day: d }, { zone: today.zone });
  return at.isValid ? day(at) : undefined;
}

const UNITS: Readonly<Record<string, "day" | "week" | "month">> = {
  天: "day",
  日: "day",
  周: "week",
  星期: "week",
  礼拜: "week",
  个月: "month",
  月: "month",
  day: "day",
  week: "week",
  month: "month",
};

function ahead(today: DateTime, n: number, unit: string): DateRange | undefined {
  const u = UNITS[unit.replace(/s$/, "")];
  if (!u || n <= 0 || n > 3660) return undefined;
  return span(today, today.plus({ [u + "s"]: n }));
}

/** Holidays of fixed date (month, day) and of the lunar calendar (per year), by the words people use. */
type Holiday = { readonly fixed: readonly [number, number] } | { readonly lunar: Readonly<Record<number, string>> };
const SPRING: Holiday = {
  lunar: { 2026: "02-17", 2027: "02-06", 2028: "01-26", 2029: "02-13", 2030: "02-03", 2031: "01-23" },
};
const DRAGON: Holiday = {
  lunar: { 2026: "06-19", 2027: "06-09", 2028: "05-28", 2029: "06-16", 2030: "06-05", 2031: "06-24" },
};
const MID_AUTUMN: Holiday = {
  lunar: { 2026: "09-25", 2027: "09-15", 2028: "10-03", 2029: "09-22", 2030: "09-12", 2031: "10-01" },
};
const HOLIDAYS_EN: Readonly<Record<string, Holiday>> = {
  christmas: { fixed: [12, 25] },
  xmas: { fixed: [12, 25] },
  "christmas eve": { fixed: [12, 24] },
  "new year's day": { fixed: [1, 1] },
  "new year's": { fixed: [1, 1] },
  "new year": { fixed: [1, 1] },
  "chinese new year": SPRING,
  "lunar new year": SPRING,
  "spring festival": SPRING,
  cny: SPRING,
  "national day": { fixed: [10, 1] },
  "golden week": { fixed: [10, 1] },
  "labour day": { fixed: [5, 1] },
  "labor day": { fixed: [5, 1] },
  "may day": { fixed: [5, 1] },
  "dragon boat festival": DRAGON,
  "dragon boat": DRAGON,
  "mid-autumn festival": MID_AUTUMN,
  "mid-autumn": MID_AUTUMN,
  "mid autumn": MID_AUTUMN,
  qingming: { fixed: [4, 4] },
};
const HOLIDAYS_ZH: Readonly<Record<string, Holiday>> = {
  圣诞节: { fixed: [12, 25] },
  圣诞: { fixed: [12, 25] },
  平安夜: { fixed: [12, 24] },
  元旦: { fixed: [1, 1] },
  新年: { fixed: [1, 1] },
  春节: SPRING,
  过年: SPRING,
  农历新年: SPRING,
  国庆节: { fixed: [10, 1] },
  国庆: { fixed: [10, 1] },
  十一长假: { fixed: [10, 1] },
  五一: { fixed: [5, 1] },
  劳动节: { fixed: [5, 1] },
  清明节: { fixed: [4, 4] },
  清明: { fixed: [4, 4] },
  端午节: DRAGON,
  端午: DRAGON,
  中秋节: MID_AUTUMN,
  中秋: MID_AUTUMN,
};

/** The holiday's next date on or after today; undefined past the lunar table. */
function nextHoliday(today: DateTime, h: Holiday): DateTime | undefined {
  for (const year of [today.year, today.year + 1]) {
    const md = "fixed" in h ? h.fixed : h.lunar[year]?.split("-").map(Number);
    if (!md) continue;
    const at = DateTime.fromObject({ year, month: md[0]!, day: md[1]! }, { zone: today.zone });
    if (at >= today) return at;
  }
  return undefined;
}

/** From today to the holiday (or the day before it). */
function untilHoliday(today: DateTime, h: Holiday, before: boolean): DateRange | undefined {
  const at = nextHoliday(today, h);
  if (!at) return undefined;
  const to = before ? at.minus({ days: 1 }) : at;
  return to < today ? undefined : span(today, to);
}

/** From today to the last day of the coming month `m` (this month's while in it). */
function toMonthEnd(today: DateTime, m: number): DateRange | undefined {
  if (m < 1 || m > 12) return undefined;
  const y = m < today.month ? today.year + 1 : today.year;
  return span(today, DateTime.fromObject({ year: y, month: m, day: 1 }, { zone: today.zone }).endOf("month"));
}

/** Rows are tried in order; the first that matches wins. Longer, more specific phrases come first. */
export const DATE_PHRASES: readonly { readonly pattern: RegExp; readonly resolve: Resolve }[] = [
  // ISO and numeric dates: 2026-12-03, 2026/12/3, 2026年12月3日, 2026-12, 2026年12月
  { pattern: /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?号?/, resolve: (m, t) => dateOf(t, +m[1]!, +m[2]!, +m[3]!) },
  { pattern: /(\d{4})[-/.年](\d{1,2})月?(?![\d])/, resolve: (m, t) => comingMonth(t, +m[2]!, +m[1]!) },
  {
    pattern: /(\d{1,2})月(\d{1,2})[日号]/,
    resolve: (m, t) => dateOf(t, +m[1]! < t.month - 6 ? t.year + 1 : t.year, +m[1]!, +m[2]!),
  },
  // English month and day: "dec 3", "3 december", "december 3rd"
  {
    pattern:
      /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(\d{4}))?/,
    resolve: (m, t) => dateOf(t, m[3] ? +m[3] : t.year, monthOf(m[1]!)!, +m[2]!),
  },
  {
    pattern:
      /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b(?:\s+(\d{4}))?/,
    resolve: (m, t) => dateOf(t, m[3] ? +m[3] : t.year, monthOf(m[2]!)!, +m[1]!),
  },
  // Relative days
  { pattern: /今天|今日|当天|\btoday\b|\bright now\b|\bnow\b|现在|目前|当前|此刻|眼下/, resolve: (_m, t) => day(t) },
  { pattern: /明天|明日|\btomorrow\b|\btmrw\b|\btmr\b/, resolve: (_m, t) => day(t.plus({ days: 1 })) },
  { pattern: /后天|day after tomorrow/, resolve: (_m, t) => day(t.plus({ days: 2 })) },
  { pattern: /昨天|\byesterday\b/, resolve: (_m, t) => day(t.minus({ days: 1 })) },
  // Weekdays: 下周一, 本周五, 周三, next monday, this friday, on tuesday
  {
    pattern: /(下下|下个?|本|这个?|上个?)?(?:周|星期|礼拜)([一二三四五六日天1-7])/,
    resolve: (m, t) => {
      const wd = weekdayOf(m[2]!)!;
      const shift = m[1]?.startsWith("下下") ? 2 : m[1]?.startsWith("下") ? 1 : m[1]?.startsWith("上") ? -1 : 0;
      let d = t.startOf("week").plus({ weeks: shift, days: wd - 1 });
      if (!m[1] && d < t.startOf("day")) d = d.plus({ weeks: 1 });
      return day(d);
    },
  },
  {
    pattern:
      /\b(?:(next|this|coming|on|last)\s+(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b|(next|this|coming|on|last)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)/,
    resolve: (m, t) => {
      const which = m[1] ?? m[3];
      const wd = weekdayOf(m[2] ?? m[4]!)!;
      if (which === "last")
        return day(
          t
            .startOf("week")
            .minus({ weeks: 1 })
            .plus({ days: wd - 1 }),
        );
      let d = t.startOf("week").plus({ days: wd - 1 });
      if (which === "next") d = d.plus({ weeks: 1 });
      else if (d < t.startOf("day")) d = d.plus({ weeks: 1 });
      return day(d);
    },
  },
  // "in 2 weeks", "2周后", "三天后": the day that far ahead; "within 2 weeks", "未来两周", "next 10 days": from today to it
  { pattern: /\bin\s+(\d+|a|one|two|three|four)\s+(day|week|month)s?\b/, resolve: (m, t) => inSpan(t, m[1]!, m[2]!) },
  {
    pattern: /(\d+|[一二两三四五六七八九十]+)\s*(天|周|星期|个月)(?:以?后|之后)/,
    resolve: (m, t) => inSpan(t, m[1]!, m[2]!),
  },
  {
    pattern: /\b(?:within|next|over the next|in the next|coming)\s+(\d+|two|three|four)\s+(day|week|month)s?\b/,
    resolve: (m, t) => ahead(t, englishNumber(m[1]!), m[2]!),
  },
  {
    pattern: /(?:未来|接下来|近|最近|今后|之后)\s*(\d+|[一二两三四五六七八九十]+)\s*(天|日|周|星期|个月)/,
    resolve: (m, t) => ahead(t, chineseNumber(m[1]!), m[2]!),
  },
  {
    pattern: /(\d+|[一二两三四五六七八九十]+)\s*(天|日|周|个月)(?:以?内|之内)/,
    resolve: (m, t) => ahead(t, chineseNumber(m[1]!), m[2]!),
  },
  // "within a month", "over the next month", "一个星期内": from today a week or a month ahead
  {
    pattern:
      /\b(?:within|over|in|during)\s+(?:a|one|the\s+next|the\s+coming|next)\s+(week|month)\b|(?:未来|接下来|近)?\s*(?:一|1)\s*个\s*(星期|礼拜|周|月)(?:以?内|之内|里)?/,
    resolve: (m, t) => ahead(t, 1, m[1] ?? (m[2] === "月" ? "个月" : m[2]!)),
  },
  // Holidays as horizons ("before christmas", "by chinese new year", "国庆前", "春节之前"): from today to the
  // day before the holiday's next date ("by" / "until": to the holiday itself). Holidays of the lunar
  // calendar come from a table of years; past it they are not read.
  {
    pattern: new RegExp(
      `\\b(before|by|until|till|ahead of|prior to)\\s+(?:the\\s+)?(${Object.keys(HOLIDAYS_EN).join("|")})\\b`,
    ),
    resolve: (m, t) => untilHoliday(t, HOLIDAYS_EN[m[2]!]!, m[1] !== "by" && m[1] !== "until" && m[1] !== "till"),
  },
  {
    pattern: new RegExp(`(${Object.keys(HOLIDAYS_ZH).join("|")})(?:以前|之前|前)`),
    resolve: (m, t) => untilHoliday(t, HOLIDAYS_ZH[m[1]!]!, true),
  },
  // A month's end as a horizon: "by end of march", "before the end of feb", "3月底前", "月底前", "下个月前"
  // (before next month: to this month's last day), "before march" (to the day before it begins).
  {
    pattern:
      /\b(?:by|before|until|till)?\s*(?:the\s+)?end\s+of\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/,
    resolve: (m, t) => toMonthEnd(t, monthOf(m[1]!)!),
  },
  {
    pattern: /(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?:底|末|份?结束)(?:以?前|之前|前)?/,
    resolve: (m, t) => toMonthEnd(t, chineseNumber(m[1]!)),
  },
  {
    pattern:
      /(?:本月|这个?月|当月)?月(?:底|末)(?:以?前|之前|前)?|下个?月(?:以?前|之前|前)|\b(?:by|before) (?:the )?(?:end of (?:the |this )?month|month[-\s]end|next month)\b/,
    resolve: (_m, t) => span(t, t.endOf("month")),
  },
  {
    pattern: /\bbefore\s+(january|february|march|april|may|june|july|august|september|october|november)\b(?!\s+\d)/,
    resolve: (m, t) => {
      const to = comingMonth(t, monthOf(m[1]!)!);
      return to ? span(t, DateTime.fromISO(to.from, { zone: t.zone }).minus({ days: 1 })) : undefined;
    },
  },
  // Quarters by name: "due in Q1", "一季度到期", "first quarter", "Q3 2027" — the coming one (this one while in it).
  {
    pattern:
      /\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th) quarter)\b(?:\s+(?:of\s+)?(\d{4}))?|(?:(\d{4})年)?第?([一二三四1-4])季度/,
    resolve: (m, t) => {
      const names: Record<string, number> = {
        first: 1,
        second: 2,
        third: 3,
        fourth: 4,
        "1st": 1,
        "2nd": 2,
        "3rd": 3,
        "4th": 4,
      };
      const q = m[1] ? +m[1] : m[2] ? names[m[2]]! : chineseNumber(m[5]!);
      const year = m[3] ?? m[4];
      const y = year ? +year : q * 3 < t.month ? t.year + 1 : t.year;
      const from = DateTime.fromObject({ year: y, month: q * 3 - 2, day: 1 }, { zone: t.zone });
      return span(from, from.plus({ months: 2 }).endOf("month"));
    },
  },
  // "before the end of the year", "年底前", "before december is over": from today to the year's last day
  {
    pattern:
      /(?:年底|年末)(?:以?前|之前)|今年(?:以?内|之内)|今年(?=还|要|该|需|会)|年内|\b(?:this|the rest of (?:the|this)) year\b|\b(?:before|by)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+)?year|year[-\s]end)\b|\bbefore\s+(?:the\s+end\s+of\s+)?december(?:\s+is\s+over|\s+ends)?\b/,
    resolve: (_m, t) => span(t, t.endOf("year")),
  },
  // Weeks and months
  { pattern: /下下周|下下个?星期|\bweek after next\b/, resolve: (_m, t) => week(t.plus({ weeks: 2 })) },
  {
    pattern: /下周|下个?星期|下个?礼拜|\bnext week\b|\bnext wk\b|\bnxt week\b|\bcoming week\b/,
    resolve: (_m, t) => week(t.plus({ weeks: 1 })),
  },
  {
    pattern: /本周|这周|这个?星期|这个?礼拜|本星期|\bthis week\b|\bthis wk\b|\bcurrent week\b/,
    resolve: (_m, t) => week(t),
  },
  { pattern: /上周|上个?星期|\blast week\b/, resolve: (_m, t) => week(t.minus({ weeks: 1 })) },
  { pattern: /下个?月|\bnext month\b|\bcoming month\b/, resolve: (_m, t) => month(t.plus({ months: 1 })) },
  { pattern: /本月|这个?月|当月|\bthis month\b|\bcurrent month\b/, resolve: (_m, t) => month(t) },
  { pattern: /上个?月|\blast month\b/, resolve: (_m, t) => month(t.minus({ months: 1 })) },
  {
    pattern: /(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?/,
    resolve: (m, t) => comingMonth(t, chineseNumber(m[1]!)),
  },
  {
    pattern:
      /\b(?:(january|february|march|april|june|july|august|september|october|november|december)|(?:in|during|for)\s+(jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec))\b(?:\s+(\d{4}))?/,
    resolve: (m, t) => comingMonth(t, monthOf(m[1] ?? m[2]!)!, m[3] ? +m[3] : undefined),
  },
];

function englishNumber(word: string): number {
  return /^\d+$/.test(word)
    ? Number(word)
    : (({ a: 1, one: 1, two: 2, three: 3, four: 4 } as Record<string, number>)[word] ?? 0);
}

/** English numbers written as words: one table for horizons, times in post and rankings. */
export const EN_NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
};

/** 一 … 九十九 as written in ordinary questions ("三十天", "两周"). */
export function chineseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const digit = (c: string | undefined) => (c === undefined || c === "" ? 0 : (CN_DIGITS[c] ?? 0));
  const at = text.indexOf("十");
  if (at < 0) return digit(text);
  const tens = at === 0 ? 1 : digit(text.slice(0, at));
  return tens * 10 + digit(text.slice(at + 1));
}

function inSpan(today: DateTime, n: string, unit: string): DateRange | undefined {
  const count = /^[a-z]+$/.test(n) ? englishNumber(n) : chineseNumber(n);
  const u = UNITS[unit];
  if (!u || count <= 0) return undefined;
  const at = today.plus({ [u + "s"]: count });
  return u === "day" ? day(at) : u === "week" ? week(at) : month(at);
}

export interface FoundDate {
  readonly range: DateRange;
  /** The text with the phrase taken out. */
  readonly rest: string;
}

/** The first date phrase in `text` (already lower-cased), resolved at `now` in `zone`. */
export function findDate(text: string, now: Date, zone: string): FoundDate | undefined {
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  for (const row of DATE_PHRASES) {
    const m = row.pattern.exec(text);
    if (!m) continue;
    const range = row.resolve(m, today);
    if (!range) continue;
    return { range, rest: (text.slice(0, m.index) + " " + text.slice(m.index + m[0].length)).trim() };
  }
  return undefined;
}

/** The local date at `now` in `zone`. */
export function todayIn(now: Date, zone: string): LocalDate {
  return iso(DateTime.fromJSDate(now, { zone }));
}
