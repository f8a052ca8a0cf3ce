// "Who has been in post more than two years", "在岗不到一年的", "between 1 and 3 years in the same
// post": how long holders have sat in their post, as a range of months since their holding began.
// A phrase of its own rather than a date phrase: "more than 18 months" is time already served, not a
// horizon ahead ("due within 18 months"), and it is read only beside words of being in post, so
// "more than a year without mandatory leave" stays a question about leave. Pure, table-driven.
import { chineseNumber, EN_NUMBER_WORDS } from "./date-phrases.ts";

/** Months in post: more than (or at least) `min`, less than (or at most) `max`. */
export interface Tenure {
  readonly min?: number;
  readonly minInclusive?: boolean;
  readonly max?: number;
  readonly maxInclusive?: boolean;
}

const EN_NUMBERS: Readonly<Record<string, number>> = { a: 1, an: 1, half: 0.5, ...EN_NUMBER_WORDS };

const NUM_EN = "(\\d+(?:\\.\\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eighteen)";
const UNIT_EN = "(years?|yrs?|months?|mths?)";
const NUM_ZH = "(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]+|半)";
const UNIT_ZH = "(年|个月|月)";

/** Being in post: a tenure phrase counts only beside one of these. */
const IN_POST =
  /在岗|任职|在任|任岗|在职|同一(?:个)?岗位|岗位上|现岗|干了|做了|待了|呆了|坐了|\bin (?:the |their |his |her |a |same |one )*(?:post|posts|job|role|seat|position)s?\b|\btenure\b|\bbeen (?:in|there|holding|sitting|serving)\b|\bheld\b|\bholding\b|\bserv(?:ed|ing)\b|\bsat\b|\bsitting\b/;

type Row = { pattern: RegExp; read: (m: RegExpExecArray) => Tenure | undefined };

function months(n: string | undefined, unit: string | undefined): number | undefined {
  if (n === undefined) return undefined;
  const count = /^\d/.test(n) ? Number(n) : n === "半" ? 0.5 : (EN_NUMBERS[n] ?? chineseNumber(n));
  if (!count || count <= 0) return undefined;
  return /^(?:y|年)/.test(unit ?? "年") ? count * 12 : count;
}

const ROWS: readonly Row[] = [
  // Between: "between 1 and 3 years", "1-3 years", "一到三年之间", "1至2年".
  {
    pattern: new RegExp(`\\bbetween ${NUM_EN} (?:${UNIT_EN} )?and ${NUM_EN} ${UNIT_EN}`),
    read: (m) => range(months(m[1], m[2] ?? m[4]), true, months(m[3], m[4]), true),
  },
  {
    pattern: new RegExp(`\\b${NUM_EN}\\s*(?:-|to|~)\\s*${NUM_EN} ${UNIT_EN}`),
    read: (m) => range(months(m[1], m[3]), true, months(m[2], m[3]), true),
  },
  {
    pattern: new RegExp(`${NUM_ZH}\\s*${UNIT_ZH}?\\s*(?:到|至|-|~)\\s*${NUM_ZH}\\s*${UNIT_ZH}(?:之间)?`),
    read: (m) => range(months(m[1], m[2] ?? m[4]), true, months(m[3], m[4]), true),
  },
  // More than / at least.
  {
    pattern: new RegExp(
      `\\b(more than|over|longer than|in excess of|upwards of|above|beyond|at least|no less than|not less than) ${NUM_EN} ${UNIT_EN}`,
    ),
    read: (m) => range(months(m[2], m[3]), /least|less/.test(m[1]!), undefined, false),
  },
  {
    pattern: new RegExp(`\\b${NUM_EN}\\+? ${UNIT_EN} (?:or (?:more|longer|above)|plus)\\b|\\b${NUM_EN}\\+ ${UNIT_EN}`),
    read: (m) => range(months(m[1] ?? m[3], m[2] ?? m[4]), true, undefined, false),
  },
  {
    pattern: new RegExp(`(?<![不未没])(超过|超出|多于|大于|高于|长于|已满|满|逾)\\s*${NUM_ZH}\\s*${UNIT_ZH}`),
    read: (m) => range(months(m[2], m[3]), /满/.test(m[1]!), undefined, false),
  },
  {
    pattern: new RegExp(`${NUM_ZH}\\s*${UNIT_ZH}(及以上|或以上|以上|多)`),
    read: (m) => range(months(m[1], m[2]), m[3] !== "多", undefined, false),
  },
  // Less than / at most.
  {
    pattern: new RegExp(
      `\\b(less than|under|fewer than|shorter than|below|not yet|at most|no more than|not more than|up to) ${NUM_EN} ${UNIT_EN}`,
    ),
    read: (m) => range(undefined, false, months(m[2], m[3]), /most|more|up to/.test(m[1]!)),
  },
  {
    pattern: new RegExp(`\\b${NUM_EN} ${UNIT_EN} or (?:less|fewer|under)\\b`),
    read: (m) => range(undefined, false, months(m[1], m[2]), true),
  },
  {
    pattern: new RegExp(
      `(不到|不足|少于|小于|低于|短于|不满|未满|没满|不超过|未超过|没超过)\\s*${NUM_ZH}\\s*${UNIT_ZH}`,
    ),
    read: (m) => range(undefined, false, months(m[2], m[3]), /超过/.test(m[1]!)),
  },
  {
    pattern: new RegExp(`${NUM_ZH}\\s*${UNIT_ZH}(及以下|或以下|以下)`),
    read: (m) => range(undefined, false, months(m[1], m[2]), true),
  },
];

function range(
  min: number | undefined,
  minInclusive: boolean,
  max: number | undefined,
  maxInclusive: boolean,
): Tenure | undefined {
  if (min === undefined && max === undefined) return undefined;
  if (min !== undefined && max !== undefined && min > max) return undefined;
  return {
    ...(min !== undefined ? { min, minInclusive } : {}),
    ...(max !== undefined ? { max, maxInclusive } : {}),
  };
}

/** The tenure a question asks about (text already lower-cased), and the text without the phrase. */
export function findTenure(text: string): { tenure: Tenure; rest: string } | undefined {
  if (!IN_POST.test(text)) return undefined;
  for (const row of ROWS) {
    const m = row.pattern.exec(text);
    if (!m) continue;
    const tenure = row.read(m);
    if (!tenure) continue;
    const rest = (text.slice(0, m.index) + " " + text.slice(m.index + m[0].length)).replace(IN_POST, " ");
    return { tenure, rest: rest.replace(/\s+/g, " ").trim() };
  }
  return undefined;
}

/** Whether a holding that began on `start` (ISO date) is within the tenure on `today`. */
export function servedWithin(
  tenure: Tenure,
  start: string,
  today: string,
  plusMonths: (d: string, n: number) => string,
): boolean {
  // Fractions of a month ("half a year" = 6 months) come in whole months.
  const at = (n: number) => plusMonths(start, Math.round(n));
  if (tenure.min !== undefined) {
    const reached = at(tenure.min);
    if (tenure.minInclusive ? reached > today : reached >= today) return false;
  }
  if (tenure.max !== undefined) {
    const reached = at(tenure.max);
    if (tenure.maxInclusive ? reached < today : reached <= today) return false;
  }
  return true;
}
