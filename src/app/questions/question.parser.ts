// The question parser: text + now + zone + lexicon → an intent with slots. Pure and table-driven:
// the words are data (question-lexicon.ts, date-phrases.ts), the rules below are an ordered
// table, and the register only comes in as a small lexicon of units (names are matched later,
// against the database, by name-matcher.ts). No network, no model: the same text at the same
// instant always gives the same answer.
import type { LocalDate } from "../../domain/calendar/index.ts";
import { chineseNumber, EN_NUMBER_WORDS, findDate, todayIn, type DateRange } from "./date-phrases.ts";
import levenshtein from "damerau-levenshtein";
import { correctSpelling, isKnownWord, readsAsPinyin } from "./spelling.ts";
import { findTenure, type Tenure } from "./tenure-phrases.ts";
import { findRank, type Rank } from "./rank-phrases.ts";
import type { PostCategory } from "../../domain/policy/index.ts";
import {
  CATEGORY_WORDS,
  FILLER_EN,
  FILLER_ZH,
  METRICS,
  ROLES,
  SPELLING_VARIANTS,
  SURNAMES,
  WORDS,
  type Metric,
} from "./question-lexicon.ts";
import { aliasesIn } from "./alias-pairs.ts";

export const INTENTS = [
  "leave.who",
  "leave.due",
  "rotation.due",
  "handover.open",
  "notice.unacknowledged",
  "audit.open",
  "audit.late",
  "rectification.overdue",
  "history.person",
  "history.post",
  "history.client",
  "figures",
  "status.person",
  "status.unit",
  "holders.list",
  "clients.person",
  "staff.list",
  "help",
  "unknown",
] as const;
export type Intent = (typeof INTENTS)[number];

export interface Slots {
  /** A unit's code, when the question names a unit of the lexicon. */
  readonly unit?: string;
  /** Further units a list or count is asked for, beside `unit` ("overdue in pudong and xuhui"). */
  readonly alsoUnits?: readonly string[];
  /** A person's code (E001) or the words naming them ("张伟", "wei wang"). */
  readonly person?: string;
  /** A post's code or the words naming it. */
  readonly post?: string;
  /** A client's code or the words naming it. */
  readonly client?: string;
  readonly range?: DateRange;
  /** "within N days". */
  readonly days?: number;
  /** The last day of a horizon named by a date ("due in March", "3月底前", "by end of Q1"): `days` reaches it. */
  readonly by?: LocalDate;
  /** Only what is already past its limit. */
  readonly overdue?: boolean;
  /** Both: past the limit, or due within `days` ("overdue or due within 30 days"). */
  readonly andOverdue?: boolean;
  readonly metric?: Metric;
  /** "How many key posts": the posts themselves, not their holders. */
  readonly posts?: boolean;
  /** Only the key posts of this role (ROLES' key: "teller", "head" …): "vault keepers due within 30 days". */
  readonly role?: string;
  /** Only the key posts of this category: "authority posts past the limit", "操作类关键岗位有多少个". */
  readonly category?: PostCategory;
  /** Mandatory leave owed: overdue, due within `days`, or none taken in the last 12 months ("uncovered"). */
  readonly leaveDue?: "overdue" | "due" | "uncovered";
  /** Holders by time served in post, in months ("more than 2 years", "between 1 and 3 years"). */
  readonly tenure?: Tenure;
  /** The first N holders by time in post ("who has been in post longest", "the 3 newest tellers"). */
  readonly rank?: Rank;
  /** Who runs the unit (its managers by role), not its staff: "who runs the pudong sub-branch", "谁是浦东支行的负责人". */
  readonly heads?: boolean;
  /**
   * The whole bank named ("全行", "bank-wide", "for the whole bank"): the root units, so an asker whose
   * units do not cover them is refused, as for any unit named outside them (16.s11-2).
   */
  readonly wholeBank?: boolean;
  /** The asker asks about themselves ("when is my own rotation due", "我自己的轮岗期限"): `person` is theirs when answering. */
  readonly self?: boolean;
  /** "Status of my branch", "我们支行怎么样": the asker's own unit, named by them as theirs (resolved when answering). */
  readonly mine?: boolean;
  /** A client named with a unit: the name without the unit's words, looked for within it when the whole finds nobody. */
  readonly clientInUnit?: { readonly unit: string; readonly name: string };
}

export interface ParsedQuestion {
  readonly intent: Intent;
  readonly slots: Slots;
  /** The language the question was written in (mostly): the help answers in it. */
  readonly lang: "zh-CN" | "en";
  /** A word was not taken as typed (a typo corrected): the answer says how it read the question. */
  readonly corrected?: boolean;
}

export interface UnitWord {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
}

export interface Lexicon {
  readonly units: readonly UnitWord[];
}

export interface ParseContext {
  readonly now: Date;
  /** The asker's time zone (their unit's). */
  readonly zone: string;
  readonly lexicon: Lexicon;
}

export const MAX_QUESTION_LENGTH = 300;

/** Things people ask a bot that Keypost does not answer: they get the help, not a name search. */
const OFF_TOPIC =
  /^(?:ok|okay|好的?|嗯+|哦+|thanks?|thank you|谢谢|多谢|收到|明白了?)$|how do i|how can i|怎么申请|如何申请|打印机|printer|天气|吃饭|午饭|晚饭|吃什么|笑话|股价|股票|股市|大盘|新闻|彩票|足球|电影|汇率|会议室|订票|机票|几点了|你好吗|你是谁|讲个|weather|lunch|dinner|joke|stock price|stock market|stocks|news|football|movie|exchange rate|meeting room|book a|what time is it|how are you|who are you|sing|poem|翻译|translate|password|密码|wifi/;

/** Someone's side, team or place: "张晓燕那边", "Xiaoyan Zhang's team". */
const SIDE = /[\u4e00-\u9fff]{2,4}(?:那边|那儿|那里)|\b[a-z]+ [a-z]+'s (?:side|end|place|team)\b/;

/** The asker themselves as the subject: "my own …", "am I due", "我自己的…", "我本人". */
const SELF =
  /\bmy own\b|\bam i (?:due|overdue|supposed)\b|\b(?:must|should|can|do|will) i (?:rotate|stay|take|go on|start|have to (?:rotate|take|go on))\b|\bi (?:am due|have to (?:rotate|take|go on)|must (?:rotate|take|go on)|need to (?:rotate|take|go on))\b|\bmy (?:rotation|tenure|mandatory leave|compulsory leave|deadline|leave due|term)\b|\bmy (?:status|info|details|profile)\b|我自己|我本人|(?<!们)我的(?:轮岗|强制休假|强休|任期|期限|到期|状态|情况|信息)|^我还?(?:能|可以)(?:在岗|待|干|做)|我(?:什么时候|何时|哪天)(?:该|要|需要)?(?:轮岗|休)/;

/** The whole bank as a place: "全行", "整个银行", "bank-wide", "for the whole bank", "across the entire bank". */
const WHOLE_BANK_EN =
  /\b(?:across |in |for |at )?(?:the )?(?:whole|entire|full) bank\b|\bbank-? ?wide\b|\bacross (?:the )?bank\b|\ball (?:of )?the bank\b/;
const WHOLE_BANK = new RegExp(`全行|全银行|整个银行|全体银行|全辖|${WHOLE_BANK_EN.source}`);

/** Full-width forms folded, lower case, punctuation and spaces squeezed. */
export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[?？!！。，,、;；:：~～…"“”()（）【】[\]]|\.{2,}/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const CJK = /[\u4e00-\u9fff]/;
const CJK_ALL = /[\u4e00-\u9fff]/g;

function languageOf(text: string): "zh-CN" | "en" {
  const han = (text.match(CJK_ALL) ?? []).length;
  const latin = (text.match(/[a-z]/g) ?? []).length;
  return han > 0 && han * 3 >= latin ? "zh-CN" : "en";
}

const UNIT_SUFFIX_ZH = /(支行|分行|总行|营业部|分理处|办事处|部|行)$/;
const UNIT_SUFFIX_EN = /\s*(sub-?\s?branch|branch|office|head office|department|dept)$/;

interface Alias {
  readonly text: string;
  readonly code: string;
  readonly ascii: boolean;
  /** Only followed by a unit's word ("bj branch", "pd sub-branch"): the pinyin initials of its name. */
  readonly withTail?: boolean;
}

/** The one-character names of cities (沪 for 上海), written before 分 / 分行 for their branch. */
const CITY_SHORT: Readonly<Record<string, readonly string[]>> = {
  北京: ["京"],
  上海: ["沪", "申"],
  天津: ["津"],
  重庆: ["渝"],
  广州: ["穗"],
  南京: ["宁"],
  杭州: ["杭"],
  深圳: ["深"],
  成都: ["蓉"],
  武汉: ["汉"],
  西安: ["陕"],
};

/** The pinyin initials of a unit's English short name ("beijing" → "bj"), when it reads as two or three syllables. */
function initialsOf(short: string): string | undefined {
  if (!/^[a-z]+$/.test(short)) return undefined;
  const m = UNIT_SYLLABLES.exec(short);
  return m
    ? m
        .slice(1)
        .filter((x) => x !== undefined)
        .map((x) => x[0])
        .join("")
    : undefined;
}
const UNIT_SYLLABLE =
  "((?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v))";
const UNIT_SYLLABLES = new RegExp(`^${UNIT_SYLLABLE}${UNIT_SYLLABLE}${UNIT_SYLLABLE}?$`);

/**
 * The last few lexicons' aliases: the units are read per question and nearly always unchanged. A
 * few, not one: two reads of the same units in another order (a bench's own read, a test's second
 * database) must not evict each other on every question.
 */
const aliasCache: { readonly units: readonly UnitWord[]; readonly aliases: Alias[] }[] = [];
const ALIAS_CACHE_SIZE = 4;

function sameUnits(a: readonly UnitWord[], b: readonly UnitWord[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.code !== y.code || x.name !== y.name || x.nameEn !== y.nameEn) return false;
  }
  return true;
}

/** Every way a unit may be written: code, name, English name, each without its "branch" word. */
function aliasesOf(lexicon: Lexicon): Alias[] {
  // Compared field by field with the last lexicon (no key string of every unit built per question:
  // that was ~0.5 ms of each answer over 1 909 units).
  const hit = aliasCache.find((c) => sameUnits(c.units, lexicon.units));
  if (hit) return hit.aliases;
  const out: Alias[] = [];
  // Abbreviations people type for a unit, kept only when they name one unit of the lexicon: the
  // pinyin initials before a unit's word ("bj branch", "pd sub-branch") and the Chinese short form
  // of a branch or sub-branch (北分 for 北京分行, 浦支 for 浦东支行).
  const short = new Map<string, string[]>();
  const note = (key: string, code: string) => short.set(key, [...(short.get(key) ?? []), code]);
  for (const u of lexicon.units) {
    const initials = u.nameEn ? initialsOf(normalise(u.nameEn).replace(UNIT_SUFFIX_EN, "").trim()) : undefined;
    if (initials) note(`en:${initials}`, u.code);
    const zh = /^(\S)\S*?(分|支)行$/.exec(u.name);
    if (zh && u.name.length >= 4) note(`zh:${zh[1]}${zh[2]}`, u.code);
    // A city's one-character name before 分 / 分行 ("沪分" for 上海分行, "京分行" for 北京分行).
    const city = /^(\S{2})分行$/.exec(u.name);
    for (const one of city ? (CITY_SHORT[city[1]!] ?? []) : [])
      for (const tail of ["分", "分行"]) note(`zh:${one}${tail}`, u.code);
  }
  for (const [key, codes] of short) {
    if (codes.length !== 1) continue;
    const ascii = key.startsWith("en:");
    out.push({ text: key.slice(3), code: codes[0]!, ascii, ...(ascii ? { withTail: true } : {}) });
  }
  for (const u of lexicon.units) {
    const words = new Set<string>([u.code.toLowerCase(), u.name.toLowerCase(), u.name.replace(UNIT_SUFFIX_ZH, "")]);
    if (u.nameEn) {
      const en = normalise(u.nameEn);
      words.add(en);
      words.add(en.replace(/-/g, " "));
      words.add(en.replace(UNIT_SUFFIX_EN, "").trim());
    }
    for (const text of words) {
      const ascii = !CJK.test(text);
      if ((ascii && text.length < 3) || (!ascii && text.length < 2)) continue;
      out.push({ text, code: u.code, ascii });
    }
  }
  out.sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : 1));
  if (aliasCache.length >= ALIAS_CACHE_SIZE) aliasCache.shift();
  aliasCache.push({
    units: lexicon.units.map((u) => ({ code: u.code, name: u.name, nameEn: u.nameEn })),
    aliases: out,
  });
  return out;
}

const ASCII_WORD = /[a-z0-9-]/;
const ASCII_TAIL =
  /^\s*(?:sub-?\s?br(?:an|na|a|n)ch|br(?:an|na|a|n)ch|office|dept|department|ops|operations|sb|br|team)(?![a-z0-9-])/;
const ZH_TAIL = /^\s?(?:支行|分行|营业部|运营部?)/;

/**
 * A unit whose code is too short to be an alias ("HO"): only as typed, in capitals and as a word,
 * so "ho" (a surname) stays a name.
 */
function findShortCode(raw: string, text: string, lexicon: Lexicon): { code: string; rest: string } | undefined {
  for (const u of lexicon.units) {
    if (u.code.length >= 3 || !/^[A-Z0-9]+$/.test(u.code)) continue;
    if (!new RegExp(`(?<![A-Za-z0-9-])${u.code}(?![A-Za-z0-9-])`).test(raw)) continue;
    const lower = u.code.toLowerCase();
    const rest = text
      .replace(new RegExp(`(?<![a-z0-9-])${lower}(?![a-z0-9-])`), " ")
      .replace(/\s+/g, " ")
      .trim();
    return { code: u.code, rest };
  }
  return undefined;
}

/**
 * A unit's code run into the next word: a post's code typed without its prefix ("br1-01-teller",
 * "BR2-02-credit 现在是who") is that unit's post of that role, read as the role and the unit; a code
 * run into a day count ("br290天内") is the unit and the count. Only codes of the lexicon's units.
 */
function unitCodesApart(text: string, lexicon: Lexicon): { text: string; post: boolean } {
  let out = text;
  let post = false;
  for (const u of lexicon.units) {
    const code = u.code.toLowerCase();
    if (!/[0-9]/.test(code) || !out.includes(code)) continue;
    const at = `(?<![a-z0-9-])(${escapeRegExp(code)})`;
    const role = new RegExp(`${at}-([a-z]{2,})(?![a-z0-9-])`, "g");
    if (role.test(out)) post = true;
    out = out.replace(role, "$1 $2").replace(new RegExp(`${at}(\\d{1,3}\\s*(?:天|日|days?\\b))`, "g"), "$1 $2");
  }
  return { text: out, post };
}

/** The longest unit alias in the text (whole words for Latin ones), and the text without it. */
function findUnit(text: string, lexicon: Lexicon): { code: string; rest: string } | undefined {
  const span = findUnitSpan(text, lexicon);
  if (!span) return undefined;
  return { code: span.code, rest: (text.slice(0, span.at) + " " + text.slice(span.end)).replace(/\s+/g, " ").trim() };
}

/** Words that join two units named in one question: "overdue in pudong and xuhui", "浦东和徐汇支行". */
const UNIT_JOIN = /^\s*(?:and|or|\/|&|\+|plus|as well as|和|与|及|以及|跟|同|或|或者|还有|加上?)\s*$/;

/**
 * Every unit a question names, when it names several joined by "and" / "和" ("overdue in pudong
 * and xuhui", "浦东支行和徐汇支行的关键岗位人员"), in the order written; else the one unit findUnit
 * reads (two units side by side without a joining word are not a list: "Shanghai Chaoyang Shifu
 * Catering" is a client).
 */
function findUnits(text: string, lexicon: Lexicon, raw = ""): { codes: string[]; rest: string } | undefined {
  const spans: { code: string; at: number; end: number }[] = [];
  let work = text;
  for (let n = 0; n < 4; n += 1) {
    const span = findUnitSpan(work, lexicon);
    if (!span) break;
    spans.push(span);
    work = work.slice(0, span.at) + "\u0000".repeat(span.end - span.at) + work.slice(span.end);
  }
  if (spans.length === 0) return undefined;
  const first = spans[0]!;
  const sorted = [...spans].sort((x, y) => x.at - y.at);
  // A list mark as typed ("海淀、朝阳支行", "Haidian, Chaoyang"): normalising took it out, the raw text has it.
  const typed = raw.normalize("NFKC").toLowerCase();
  const listed = (word: string) => typed !== "" && new RegExp(`${escapeRegExp(word)}\\s*[、,/]`).test(typed);
  const joined = sorted.every((s, i) => {
    if (i === 0) return true;
    const before = sorted[i - 1]!;
    const gap = text.slice(before.end, s.at);
    return UNIT_JOIN.test(gap) || (gap.trim() === "" && listed(text.slice(before.at, before.end)));
  });
  const codes = [...new Set(sorted.map((s) => s.code))];
  if (!joined || codes.length < 2) {
    return {
      codes: [first.code],
      rest: (text.slice(0, first.at) + " " + text.slice(first.end)).replace(/\s+/g, " ").trim(),
    };
  }
  const rest = text.slice(0, sorted[0]!.at) + " " + text.slice(sorted.at(-1)!.end);
  return { codes, rest: rest.replace(/\s+/g, " ").trim() };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Where the longest unit alias stands in the text, with the unit's word after it. */
function findUnitSpan(text: string, lexicon: Lexicon): { code: string; at: number; end: number } | undefined {
  for (const alias of aliasesIn(text, aliasesOf(lexicon))) {
    let at = text.indexOf(alias.text);
    while (at >= 0) {
      let end = at + alias.text.length;
      const whole =
        !alias.ascii ||
        ((at === 0 || !ASCII_WORD.test(text[at - 1]!)) && (end === text.length || !ASCII_WORD.test(text[end]!)));
      // "chaoyang支行", "浦东 branch": the unit's word may follow in the other script.
      const tail = whole ? (ASCII_TAIL.exec(text.slice(end)) ?? ZH_TAIL.exec(text.slice(end))) : null;
      if (whole && (tail || !alias.withTail)) {
        if (tail) end += tail[0].length;
        return { code: alias.code, at, end };
      }
      at = text.indexOf(alias.text, at + 1);
    }
  }
  return undefined;
}

/** The one-word English unit names of a lexicon's aliases (read once per lexicon). */
const oneWordNames = new WeakMap<readonly Alias[], Alias[]>();

/**
 * A unit's one-word English name typed with a slip ("shangai", "chaoyan", "chaoyoung"), when no unit
 * is named as written: a word of five letters or more, no keyword, one edit from exactly one such
 * name of six letters or more (five when the unit's word follows: "xuuhi sb"; two edits when the name
 * has eight and the word does not read as pinyin),
 * beginning or ending with the same letter.
 */
function findUnitNear(text: string, lexicon: Lexicon): { code: string; rest: string } | undefined {
  const aliases = aliasesOf(lexicon);
  let names = oneWordNames.get(aliases);
  if (!names) {
    names = aliases.filter((a) => a.ascii && a.text.length >= 5 && /^[a-z]+$/.test(a.text));
    oneWordNames.set(aliases, names);
  }
  for (const m of text.matchAll(/(?<![a-z0-9-])[a-z]{5,}(?![a-z0-9-])/g)) {
    const word = m[0];
    if (isKnownWord(word)) continue;
    let best = Infinity;
    let codes = new Set<string>();
    const pinyin = readsAsPinyin(word);
    // A name of five letters ("xuhui") only with the unit's word after it ("xuuhi sb", "xuhiu 支行").
    const tailed =
      (ASCII_TAIL.exec(text.slice(m.index + word.length)) ?? ZH_TAIL.exec(text.slice(m.index + word.length))) !== null;
    for (const a of names) {
      if (a.text.length < 6 && !tailed) continue;
      const allowed = a.text.length >= 8 && !pinyin ? 2 : 1;
      if (Math.abs(a.text.length - word.length) > allowed) continue;
      // A slip keeps the first or the last letter (cheap, and it spares most of a large bank's names).
      if (a.text[0] !== word[0] && a.text.at(-1) !== word.at(-1)) continue;
      const steps = levenshtein(word, a.text).steps;
      if (steps === 0 || steps > allowed) continue;
      if (steps < best) [best, codes] = [steps, new Set([a.code])];
      else if (steps === best) codes.add(a.code);
    }
    if (codes.size !== 1) continue;
    let end = m.index + word.length;
    const tail = ASCII_TAIL.exec(text.slice(end)) ?? ZH_TAIL.exec(text.slice(end));
    if (tail) end += tail[0].length;
    return { code: [...codes][0]!, rest: (text.slice(0, m.index) + " " + text.slice(end)).replace(/\s+/g, " ").trim() };
  }
  return undefined;
}

const CODE = {
  person: /(?<![a-z0-9-])(e\d{2,})(?![a-z0-9-])/,
  post: /(?<![a-z0-9-])(p-[a-z0-9]+(?:-[a-z0-9]+)*)/,
  client: /(?<![a-z0-9-])(c\d{2,})(?![a-z0-9-])/,
};

/** Numbers people write as words in a horizon ("within ten days", "in the next two weeks"). */
const EN_NUMBERS = EN_NUMBER_WORDS;

/** "30天", "within 30 days", "in 60 days", "90 days": a number of days ahead. */
function findDays(text: string): { days: number; rest: string } | undefined {
  const patterns: RegExp[] = [
    // "哪一天" (which day), "最后一天" (the last day) are no horizon of one day.
    /(?<!哪|最后)(\d+|[一二两三四五六七八九十百]+)\s*(天|日|个?工作日)(?:以?内|之内|内)?/,
    /(?:within|in|next|in the next|over the next|coming)?\s*(\d+)\s*(days?|dyas|dys|d)\b/,
    // "within ten days", "in the next two weeks": a number written as a word.
    new RegExp(`\\b(${Object.keys(EN_NUMBERS).join("|")})\\s+(days?|weeks?|months?|quarters?)\\b`),
    // "一季度" alone is the first quarter by name (date-phrases.ts); "一个季度", "两个季度内" are a length.
    /(\d+|[一二两三四五六七八九十]+)\s*(周|星期|礼拜|个月|个季度|季度(?=以?内|之内)|weeks?|months?|quarters?)(?:以?内|之内|内)?/,
    /(\d+|[一二两三四五六七八九十]+)\s*个\s*(星期|礼拜)(?:以?内|之内|内)?/,
    /\b(a|an|one)\s+(weeks?|months?|quarters?|fortnight)\b/,
    // "a fortnight", "两周": two weeks; "half a year", "半年内", "within a year", "一年内": 182 and 365 days.
    /()(fortnight|半年(?=以?内|之内|内)|half a year|half-year)/,
    /(\d+|[一二两三]|a|one)\s*(年(?=以?内|之内|内)|years?(?! (?:in|on|at) (?:post|the)))(?<=(?:within|in the next|over the next|next|coming) (?:\d+|a|one) years?|年)/,
    // "next quarter", "下季度": three months ahead, as "within a month" is one.
    /(?:\b(?:next|coming|this)\s+|下个?|本)()(quarter|季度)/,
  ];
  for (const p of patterns) {
    const m = p.exec(text);
    if (!m) continue;
    const n =
      m[1] === "" || m[1] === undefined || /^(?:a|an|one)$/.test(m[1]!)
        ? 1
        : (EN_NUMBERS[m[1]!] ?? chineseNumber(m[1]!));
    if (!n) continue;
    const unit = m[2]!;
    const days = /fortnight/.test(unit)
      ? n * 14
      : /半年|half/.test(unit)
        ? 182
        : /年|year/.test(unit)
          ? n * 365
          : /周|星期|礼拜|week/.test(unit)
            ? n * 7
            : /季度|quarter/.test(unit)
              ? n * 90
              : /月|month/.test(unit)
                ? n * 30
                : n;
    return { days, rest: (text.slice(0, m.index) + " " + text.slice(m.index + m[0].length)).trim() };
  }
  return undefined;
}

function strip(text: string, ...patterns: RegExp[]): string {
  let out = text;
  for (const p of patterns) out = out.replace(new RegExp(p.source, "g"), " ");
  return out;
}

const CLIENTS_OF = /客户|clients?|customers?|accounts?/;
/** The words around "clients" when counting one person's: "管几个", "名下有多少", "on …'s book". */
const CLIENT_VERBS =
  /管(?=了|几|多少|着|理)|手上|手里|手头|(?:多少|几)家(?=客户)|名下|服务|负责|有|\blooks? after\b|\bhandles?\b|\bmanages?\b|\bcovers?\b|\bserves?\b|\bhave\b|\bhas\b|\bdoes\b|\bbooks?\b|\bbooked\b|\bregistered\b|\bportfolio\b|\bcount\b|\bon\b|\bmany\b|\bhow\b|\bnumber\b|'s\b/;

/** "When …, by what date": taken out before what is left is read as a name. */
const WHEN =
  /结束|届满|最后一天|最后一日|到期日期|到期日|到期时间|轮岗时间|截止日期|截止日|截至日期|截至|时侯|最晚|最迟|快(?=到)|即将|临近|什么时候到(?!期)|何时到(?!期)|啥时候到(?!期)|时间|全行|全部|所有|整个|全体|超期|逾期|过期|超了|到什么时候|到啥时候|到哪天|到几号|什么时候|啥时候|何时|哪天|哪一天|几号|期限|到期|日期|截止|要|该|应该|需要|必须|\bwhen(?:'?s)?\b|\bdeadline\b|\bdue\b|\bdates?\b|\bmust\b|\bneeds?\b|\bhave to\b|\bhas to\b|\bneeds? to\b|\bby\b|\buntil\b|\blimit\b|\brotate\b|\bdoing\b|\bnext\b|\bend(?:s|ing)?\b|\bexpir(?:e|es|ing|y)\b|\bfall(?:s|ing)? due\b|\bmax(?:es|ed|ing)? out\b|\btop(?:s|ped|ping)? out\b|\b(?:what|which) (?:day|date)\b|(?:之前|以前)得?|得(?=换|轮|调)/;

/** Words of "now" around a post's holder: "由谁担任", "在…岗位上", "these days". */
const HOLDER_NOW = /由|岗位上|位置上|职位上|位子上|\bthese days\b|\bnowadays\b|\bat (?:the moment|present)\b|\btoday\b/;

/** The words of a post's role left in a question once the unit and the question words are gone ("信贷员", "credit officer"). */
function postRolePhrase(text: string): string | undefined {
  if (!WORDS.postRole.test(text)) return undefined;
  const roles = text.match(new RegExp(WORDS.postRole.source, "g")) ?? [];
  const left = strip(
    text,
    WORDS.postRole,
    WORDS.whoTook,
    WORDS.status,
    WORDS.myUnit,
    // What holders do: "who's working the teller posts", "which people look after clients as RMs".
    /\b(?:work(?:s|ing)?|staff(?:s|ing)?|mann?(?:s|ing)?|sitting in|holding|appointed|assigned|put in|rn)\b|上任|任命|\b(?:look(?:s|ing)? after|serv(?:e|es|ing)|handl(?:e|es|ing)) (?:the )?clients?\b|\bas\b|\bacross\b/,
    // "浦东支行客户经理由谁担任", "现在谁在徐汇支行信贷员岗位上", "who's doing chaoyang RM these days".
    HOLDER_NOW,
    /现在|目前|当前|是谁|谁是|谁|在做|在当|担任|全行|全部|所有|整个|now|currently|right now|\bholders?\b|holds?|\bin\b|\bevery\b/,
    // "谁在海淀支行当柜员": the verb left alone once the unit is gone; "Accounting Supervisor, Xuhui - who?".
    /当|做|干|各支行|各分行|辖内|辖下|下属|旗下|所属|\bseats\b|\bpositions\b|\bjobs\b|\broles\b|(?<=谁|在|^|\s)管(?=\s|$)|(?<![a-z0-9])-(?![a-z0-9])|\bit\b/,
    // "信贷员有哪些人", "柜员都有谁": "there are" before the question word.
    /有(?=哪|谁|几)/,
  )
    .replace(FILLER_ZH, " ")
    .replace(FILLER_EN, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (left !== "") return undefined;
  const said = roles.join(" ").trim();
  return ROLE_NAMES[said] ?? said;
}

/** Roles people say for a post's name: "RM" is what the register calls a relationship manager. */
const ROLE_NAMES: Readonly<Record<string, string>> = {
  rm: "relationship manager",
  "loan officer": "credit officer",
  "loan officers": "credit officer",
  accountant: "accounting supervisor",
  acct: "accounting supervisor",
  "acct supervisor": "accounting supervisor",
  "accounting head": "accounting supervisor",
  "head accounting": "accounting supervisor",
  "accounting manager": "accounting supervisor",
  accounting: "accounting supervisor",
  vault: "vault keeper",
  "vault key": "vault keeper",
  "vault keys": "vault keeper",
  rms: "relationship manager",
  "relationship manages": "relationship manager",
  "relationship manage": "relationship manager",
  管金库钥匙: "库管员",
  管金库: "库管员",
  金库钥匙: "库管员",
  管库: "库管员",
  "risk manager": "risk officer",
  risk: "risk officer",
  "branch head": "head",
  负责人: "行长",
  一把手: "行长",
  库管: "库管员",
  管库员: "库管员",
  金库管理员: "库管员",
  风控经理: "风险经理",
  信贷: "信贷员",
  会计: "会计主管",
};

/** A person named in a rotation question, once the post's role words are gone too ("风险经理林静的到期日"). */
function personResidue(text: string): string {
  return residue(strip(text, WORDS.postRole, WORDS.overdue, ...CATEGORY_WORDS.map((c) => c.pattern)));
}

/** The role of key post the text names, as ROLES' key; else undefined. */
function roleIn(text: string): string | undefined {
  return ROLES.find((r) => r.en.test(text) || r.zh.some((w) => text.includes(w)))?.key;
}

/** The post category the text names; else undefined. */
function categoryIn(text: string): PostCategory | undefined {
  return CATEGORY_WORDS.find((c) => c.pattern.test(text))?.category;
}

/** The one person a question about someone's dates names, by code or by a name left over; else undefined. */
function personNamed(code: string | undefined, afterUnit: string, whole: string, lexicon: Lexicon): string | undefined {
  if (code) return code;
  const bare = (t: string) => personResidue(strip(t, WORDS.personDateWords, WORDS.personDate, WORDS.leave));
  return [bare(afterUnit), bare(findUnit(whole, lexicon)?.rest ?? whole)].find((w) => w !== "" && isName(w, false));
}

/**
 * "张建华 no wait 李勇 的轮岗截止日", "who holds the teller post in pudong sorry i meant xuhui": the
 * asker corrected the subject, so the question is read as last said — the words after the last
 * correction when they make a question of their own, else the question before it with its subject
 * (the person it names, or the unit) replaced by them.
 */
function lastSaid(text: string, ctx: ParseContext): string {
  const marks = [...text.matchAll(WORDS.selfCorrection)];
  const last = marks.at(-1);
  if (!last) return text;
  const before = text.slice(0, last.index).trim();
  const after = text.slice(last.index + last[0].length).trim();
  if (after === "" || before === "") return after || before;
  // A question of its own ("… sorry, who is overdue in Xuhui"): read as it stands — in the unit said
  // before when it names none and no one ("浦东的柜员 哦不对 是库管员 是谁": Pudong's vault keeper).
  const ownParse = parseQuestion(after, ctx);
  const own = ownParse.intent;
  if (!["status.unit", "status.person", "unknown", "help"].includes(own) || WORDS.status.test(after)) {
    const slots = ownParse.slots;
    const place = findUnitSpan(before, ctx.lexicon);
    if (place && !slots.unit && !slots.person && !slots.client && !slots.wholeBank && !WORDS.myUnit.test(after))
      return `${before.slice(place.at, place.end)} ${after}`;
    return after;
  }
  // A number alone corrects the horizon: "due in 30 days, no wait 90", "90天内到期的，不对，30天内".
  const number = /^(\d+|[一二两三四五六七八九十百]+)\s*(?:天|日|days?)?\s*(?:以?内|之内)?$/.exec(after);
  const said = [
    ...before.matchAll(/\d+|[一二两三四五六七八九十百]+(?=\s*(?:天|日|个?月|周|星期|days?|weeks?|months?))/g),
  ].at(-1);
  if (number && said) return before.slice(0, said.index) + number[1]! + before.slice(said.index + said[0].length);
  // A unit for a unit ("the chaoyang teller, no wait, the haidian one").
  const unit = findUnit(before, ctx.lexicon);
  const unitAt = findUnitSpan(before, ctx.lexicon);
  if (unitAt && findUnit(after, ctx.lexicon))
    return `${before.slice(0, unitAt.at)} ${after} ${before.slice(unitAt.end)}`.replace(/\s+/g, " ").trim();
  // A unit typed with a slip before the mark ("the teller in pudnog sorry I mean xuhui"): that word goes.
  const near = unitAt ? undefined : findUnitNear(before, ctx.lexicon);
  if (near && findUnit(after, ctx.lexicon)) return `${near.rest} ${after}`;
  const earlier = parseQuestion(before, ctx);
  // A person for a person, a post for a post ("库管员是谁，不对，是会计主管").
  for (const named of [earlier.slots.person, earlier.slots.post].map((n) => n?.toLowerCase()))
    if (named && before.includes(named)) return before.replace(named, after);
  if (unit) return `${unit.rest} ${after}`;
  return before.replace(/\S+$/, after);
}

/** What is left of the text once every known word is gone: a name, or nothing. */
function residue(text: string): string {
  const words = strip(
    text,
    WORDS.status,
    WORDS.whereGo,
    WORDS.whoTook,
    WORDS.serves,
    WORDS.rotation,
    WORDS.leave,
    WORDS.handover,
    WORDS.audit,
    WORDS.notice,
    WORDS.myUnit,
    /去了?|调到|调去|轮到|去向|负责|服务|\breport\b|客户经理|客户|client|customer|\baccount\b|最近|近来|怎样|到底|呢|信息|\bhis\b|\bher\b|\btheir\b|(?<![a-z0-9])-(?![a-z0-9])/,
    WHEN,
  );
  const zh = words.replace(FILLER_ZH, " ");
  const en = zh.replace(FILLER_EN, " ").replace(/\s+/g, " ").trim();
  // "Ming Gao: how long may he stay", "fang he how long can she stay": a pronoun is no part of the
  // name — "he" only after two words, for He is a surname ("Fang He").
  return en
    .replace(/\b(?:she|him|they|them|as)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^(\S+ \S+) he\b/, "$1")
    .trim();
}

/** A client's name as typed: only the question's own words go (company names keep every character). */
function clientName(text: string): string {
  return (
    strip(
      text,
      WORDS.serves,
      /客户|clients?|clinet|cliant|customers?|\baccount\b/,
      /现在|目前|当前|的|是|谁|吗|呢|归|管|在|由|被|哪位|哪个|哪一位|负责|对接|服务|\bnow\b|\bcurrently\b|\bstill\b|\bthe\b|\bthis\b|\bthat\b|\bthem\b|\bit\b|\bwho'?s\b|\bwho\b|\bwhich\b|\bwhat\b|\bis\b|\btheir\b|(?<![^\s])-(?![^\s])|\bof\b|\bfor\b|\b(?:serves?|manages?|handles?|covers?|owns?|looks? after)\b|\bwhose\b|\bbooks?\b|\bportfolio\b/,
    )
      .replace(/\s+/g, " ")
      .trim()
      // "whose book is Shanghai Huaxin Technology in": the sentence's last "in" is no part of the name.
      .replace(/\s+in$/, "")
      // "who's the rm on beijing jiahe grain and oil": "on" / "at" before the name is no part of it.
      .replace(/^(?:on|at)\s+/, "")
  );
}

function has(text: string, pattern: RegExp): boolean {
  return pattern.test(text);
}

export function parseQuestion(raw: string, ctx: ParseContext): ParsedQuestion {
  if (/^\s*[?？]\s*$/.test(raw)) return { intent: "help", slots: {}, lang: "en" };
  // "overdue haidian... no, chaoyang", "浦东，no，徐汇": a bare "no" between marks corrects what was said.
  const typed = normalise(
    raw.slice(0, MAX_QUESTION_LENGTH).replace(/(?:[,，;；]|\.{2,}|…)\s*no\s*[,，;；]\s*/gi, " no wait "),
  );
  const spelt = correctSpelling(typed);
  const text = lastSaid(spelt, ctx);
  const lang = languageOf(text);
  let corrected: { corrected?: true } = text !== typed ? { corrected: true } : {};
  // "全行…", "… for the whole bank": the whole bank named, unless a unit is named too ("全行超期人员，总行的").
  const bank = WHOLE_BANK.test(text);
  const done = (intent: Intent, slots: Slots = {}): ParsedQuestion => ({
    intent,
    slots:
      bank && slots.unit === undefined && !["help", "unknown"].includes(intent) ? { ...slots, wholeBank: true } : slots,
    lang,
    ...corrected,
  });
  if (OFF_TOPIC.test(text)) return done("unknown");
  if (text === "" || WORDS.help.test(text) || /^(\?|help me|help pls|help please)$/.test(text))
    return done(text === "" ? "unknown" : "help");

  // Codes first (they carry hyphens and digits the date phrases would misread).
  let rest = text;
  const codes: { person?: string; post?: string; client?: string } = {};
  for (const kind of ["post", "person", "client"] as const) {
    const m = CODE[kind].exec(rest);
    if (m) {
      codes[kind] = m[1]!.toUpperCase();
      rest = (rest.slice(0, m.index) + " " + rest.slice(m.index + m[0].length)).trim();
    }
  }
  const apart = unitCodesApart(rest, ctx.lexicon);
  rest = apart.text;
  const postByCode = apart.post;
  // "across the entire bank", "bank-wide": said as "all" (wholeBank is already read from the text).
  // "in beijing branch incl sub-branches", "含下属支行": a unit's figures take in its sub-branches anyway.
  rest = rest
    .replace(
      /\b(?:incl(?:uding|\.)?|with) (?:its |the |all )?sub-?\s?branch(?:es)?\b|(?:含|包括|包含)(?:下属|所属|辖内)?(?:各)?支行/g,
      " ",
    )
    .replace(/\s+/g, " ")
    .trim();
  if (bank) rest = rest.replace(new RegExp(WHOLE_BANK_EN.source, "g"), " all ").replace(/\s+/g, " ").trim();
  // "查一下周海燕": "一下" is "a moment", not the start of "下周" (next week).
  rest = rest.replace(/(查|看|问|找|搜)一下/g, "$1 ");
  // Time already served in post ("more than 2 years in post", "在岗不到一年"), read before the date
  // phrases take "18 months" for a horizon ahead; never in a question about leave.
  const served = has(rest, WORDS.leave) ? undefined : findTenure(rest);
  if (served) rest = served.rest;
  // "张晓燕那边浦东支行有没有超期的": someone's side beside a unit named is where, not whom, it asks about.
  if (SIDE.test(rest) && findUnitSpan(rest.replace(SIDE, " "), ctx.lexicon))
    rest = rest.replace(new RegExp(SIDE.source, "g"), " ").replace(/\s+/g, " ").trim();
  const whole = rest;
  const date = findDate(rest, ctx.now, ctx.zone);
  const days = findDays(rest);
  if (date) rest = date.rest;
  const leftDays = findDays(rest);
  if (leftDays) rest = leftDays.rest;
  const several = findUnits(rest, ctx.lexicon, raw);
  const asTyped = several ? { code: several.codes[0]!, rest: several.rest } : findShortCode(raw, rest, ctx.lexicon);
  const near = asTyped ? undefined : findUnitNear(rest, ctx.lexicon);
  const unit = asTyped ?? near;
  // The other units a list is asked for ("overdue in pudong and xuhui"): lists and counts only.
  const also = several && several.codes.length > 1 ? { alsoUnits: several.codes.slice(1) } : {};
  if (near) corrected = { corrected: true };
  const afterUnit = unit ? unit.rest : rest;
  // Clients, not a relationship manager (客户经理 holds the word 客户).
  const aboutClients = CLIENTS_OF.test(whole.replace(/客户经理/g, " "));

  const range = date?.range;
  const slots: { -readonly [K in keyof Slots]: Slots[K] } = {};
  if (unit) slots.unit = unit.code;
  if (also.alsoUnits) slots.alsoUnits = also.alsoUnits;

  // A post named by its role (and unit): "海淀支行信贷员是谁", "who is the teller in Pudong".
  const role = codes.person || codes.client || codes.post ? undefined : postRolePhrase(afterUnit);
  // The role and category a list may be narrowed to ("vault keepers due within 30 days").
  const narrow = {
    ...(roleIn(afterUnit) ? { role: roleIn(afterUnit) } : {}),
    ...(categoryIn(afterUnit) ? { category: categoryIn(afterUnit) } : {}),
  };
  // "Who should I worry about", "anything urgent", "哪些事需要我关注": the closest reading is the
  // rotation worklist of the asker's units (overdue, or due within 90 days), and the answer says so.
  if (has(whole, WORDS.worklist) && !codes.person && !codes.post && !codes.client) {
    corrected = { corrected: true };
    return done("rotation.due", { ...slots, days: 90, andOverdue: true });
  }
  // The asker about themselves: "when is my own rotation due", "when am i due for mandatory leave",
  // "我自己的轮岗期限是哪天" — their own status (it states every date), never a list.
  if (
    SELF.test(whole) &&
    !codes.person &&
    !codes.post &&
    !codes.client &&
    !/\bwho\b|\bwhose\b|\bwhich\b|\bhow many\b|\bany(?:one|body)?\b|\blist\b|谁|哪些|名单|有没有|多少|几个/.test(
      whole,
    ) &&
    (has(whole, WORDS.rotation) ||
      has(whole, WORDS.leave) ||
      has(whole, WORDS.personDate) ||
      has(whole, WORDS.status) ||
      /\bdue\b|到期|期限/.test(whole))
  )
    return done("status.person", { self: true });
  // Who runs a unit ("who runs the pudong sub-branch", "谁是浦东支行的负责人", "海淀支行谁管"): its
  // managers by role — a sub-branch has no head post, and a branch's head is its manager too.
  if (
    (unit || has(whole, WORDS.myUnit)) &&
    !codes.person &&
    !codes.post &&
    !codes.client &&
    !aboutClients &&
    (narrow.role === undefined || narrow.role === "head") &&
    has(whole, WORDS.unitHead) &&
    residue(
      strip(
        afterUnit,
        WORDS.myUnit,
        WORDS.unitHead,
        WORDS.postRole,
        /\b(?:who|runs|heads|leads|manages|charge|sub-?branch|branch|unit|there|team)\b|行|谁/,
      ),
    ) === ""
  )
    return done("staff.list", { ...slots, heads: true });
  // The first holders by time in post ("who has been in post longest", "任职最久的三个人", "the 3
  // longest-serving tellers"): the holders' list ranked — asked of holders, never of a leave or a list
  // of the overdue, and never of one person.
  const ranked =
    codes.person || has(whole, WORDS.leave) || has(whole, WORDS.overdue) || has(whole, WORDS.handover)
      ? undefined
      : findRank(afterUnit);
  if (
    ranked &&
    (narrow.role !== undefined ||
      narrow.category !== undefined ||
      /谁|哪|人|位|名|\bwho\b|\bwhich\b|holders?|people|staff|\blist\b|\btop\b|\bthe \d/.test(whole))
  )
    return done("holders.list", { ...slots, ...narrow, rank: ranked.rank });
  // Holders by time served ("who has been in post more than two years"), or one person's (their status).
  if (served) {
    const name = codes.person ?? residue(strip(afterUnit, WORDS.postRole));
    if (name && isName(name, false))
      return done("status.person", { person: name, ...(unit ? { unit: unit.code } : {}) });
    return done("holders.list", { ...slots, ...narrow, tenure: served.tenure });
  }
  // Who covers for someone on leave ("who covers for Wei Huang", "黄伟的代岗人是谁"): that person's leaves,
  // now and ahead, with their substitutes — as the secrecy rule lets the asker see them.
  if (has(whole, WORDS.substitute)) {
    const name =
      codes.person ??
      residue(
        strip(
          afterUnit,
          WORDS.substitute,
          /替|期间|的时候|时候|\bfor\b|\bof\b|\bwhile\b|\baway\b|\bwhen\b|\bduring\b|\b(?:their|his|her) leave\b/,
        ),
      );
    if (name && (name === codes.person || isName(name, true)))
      return done("leave.who", {
        person: name,
        ...(date ? { range: date.range } : {}),
        ...(unit ? { unit: unit.code } : {}),
      });
  }
  // A client's relationship manager asked without a question word ("北京宏图印务 客户经理", "Shanghai
  // Tiancheng Property Co., Ltd. relationship manager?"): what is left beside the role is no person's name.
  // With a question word ("who's the rm on beijing jiahe grain and oil") only when two words or more
  // of a name are left that are no person's: "who is the RM these days" asks for a post's holder.
  // Not when the words are about the RMs' own posts ("any relationship managers past their tenure limit?",
  // "客户经理超期未轮岗名单"): those are the role's holders, overdue.
  if (
    narrow.role === "rm" &&
    !codes.person &&
    !codes.post &&
    !has(whole, WORDS.overdue) &&
    !has(whole, WORDS.rotation) &&
    !has(whole, WORDS.leave) &&
    // "罗丽娟的客户经理岗位什么时候到期": a date of the RM's own post, no client's.
    !/到期|期限|\bdue\b|\bdeadline\b/.test(whole) &&
    // "every RM in the bank", "所有客户经理": the role's holders, a list — no client's name.
    !/\bevery\b|\ball\b|\blist\b|所有|全部|全行|名单|哪些/.test(whole)
  ) {
    const asked = /谁|哪|\bwho\b|\bwhich\b/.test(whole);
    const words = asked ? [HOLDER_NOW, /\bon\b|\bat\b/] : [];
    const left = residue(
      strip(afterUnit, WORDS.postRole, CLIENTS_OF, WORDS.personDate, WORDS.personDateWords, HOLDER_NOW),
    );
    const named = clientName(strip(rest, WORDS.postRole, ...words))
      .replace(/\s*-\s*/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    // Asked in Chinese with 哪个 / 谁 the client questions' own rule reads it (WORDS.serves).
    const clientLike = !asked || (!has(whole, WORDS.serves) && !CJK.test(left) && /\S+\s+\S+/.test(left));
    if (clientLike && left !== "" && named !== "" && !isName(left, false) && !has(whole, WORDS.howMany)) {
      const short = unit
        ? clientName(strip(afterUnit, WORDS.postRole, ...words))
            .replace(/\s+/g, " ")
            .trim()
        : "";
      const inUnit = unit && short !== "" && short !== named ? { clientInUnit: { unit: unit.code, name: short } } : {};
      return done("history.client", { client: named, ...inUnit });
    }
  }

  if (
    role &&
    (/谁|who|holder|holds|在做|在当|现任|担任|哪位|哪个|是哪|哪些|都有|所有|全部|全行|全体|整个|名单|\blist\b|\ball\b|\bevery\b|\bwhich\b/.test(
      whole,
    ) ||
      unit !== undefined ||
      has(whole, WORDS.myUnit)) &&
    !has(whole, WORDS.leave) &&
    !has(whole, WORDS.rotation) &&
    !has(whole, WORDS.overdue) &&
    !has(whole, WORDS.keyPosts)
  )
    return done("history.post", { post: role, ...narrow, ...(unit ? { unit: unit.code } : {}) });

  // How many clients one person serves: "徐敏管几个客户", "Lijuan Luo client count", "Min Xu's book".
  if (
    !codes.client &&
    aboutClients &&
    !has(whole, WORDS.serves) &&
    (has(whole, WORDS.howMany) ||
      /名下|book|portfolio|'s (?:clients|customers|accounts)|(?:clients|customers|accounts) (?:does|do|of)\b|的客户(?!经理)|客户有哪些/.test(
        whole,
      )) &&
    !/谁|\bwho\b/.test(whole)
  ) {
    const name = codes.person ?? residue(strip(afterUnit, CLIENT_VERBS, WORDS.howMany, CLIENTS_OF));
    if (name && isName(name, true))
      return done("clients.person", { person: name, ...(unit ? { unit: unit.code } : {}) });
    // No one named: the clients of the asker's units, or of the units named ("how many clients in Pudong",
    // "clients booked at haidian").
    if (!name && (has(whole, WORDS.howMany) || unit))
      return done("clients.person", unit ? { unit: unit.code, ...also } : {});
  }

  // A unit's headcount: "how many staff in my branch", "浦东支行员工人数", "headcount haidian".
  if (
    has(whole, WORDS.staff) &&
    (has(whole, WORDS.howMany) ||
      /head ?-?count|多少|名单|哪些|都有谁|\blist\b|\bwho\b|\ball\b|\bhow big\b|\bsize\b/.test(whole)) &&
    !has(whole, WORDS.keyPosts) &&
    !has(whole, WORDS.rotation) &&
    !has(whole, WORDS.leave) &&
    !has(whole, WORDS.overdue) &&
    !aboutClients &&
    !/到期|该轮|\bdue\b/.test(whole) &&
    narrow.role === undefined &&
    narrow.category === undefined
  )
    return done("staff.list", slots);

  // History: the register's answers about one person, post or client.
  // "超期的客户经理", "relationship managers overdue for rotation": the holders of a role, not a client's.
  const aboutRole = narrow.role !== undefined && (has(whole, WORDS.overdue) || has(whole, WORDS.rotation));
  // A post named by its code ("谁在管BR1-01-VAULT") is no client, whatever the verb.
  const serves =
    has(whole, WORDS.serves) &&
    !has(whole, WORDS.whoTook) &&
    !has(whole, WORDS.whereGo) &&
    !aboutRole &&
    !postByCode &&
    // "罗丽娟的客户经理岗位什么时候到期": the RM's own post's date, not a client's RM.
    !(narrow.role === "rm" && /到期|期限|\bdue\b|\bdeadline\b/.test(whole) && /岗位|\bpost\b|\bseat\b/.test(whole));
  if (codes.client || serves) {
    const typedName = codes.client ?? clientName(rest);
    // "浦东的客户上海金桥制造": a unit in Chinese standing as a word of its own beside a client's name is
    // where to look, not part of the name (which may begin with a city, as here). Not in English, where
    // the words of a name are spaced too ("Beijing Dongfang Textiles").
    const pieces = typedName.split(" ");
    const unitWord =
      codes.client || pieces.length < 2
        ? undefined
        : pieces.find((p) => CJK.test(p) && findUnit(p, ctx.lexicon)?.rest === "");
    const name = unitWord ? pieces.filter((p) => p !== unitWord).join(" ") : typedName;
    if (unitWord) {
      const where = findUnit(unitWord, ctx.lexicon)!.code;
      return done("history.client", { client: name, clientInUnit: { unit: where, name } });
    }
    // "Hengtong Trading (Chaoyang)": the name without the unit's words, tried within that unit.
    const short = unit && !codes.client ? clientName(afterUnit) : "";
    const inUnit = unit && short !== "" && short !== name ? { clientInUnit: { unit: unit.code, name: short } } : {};
    if (name) return done("history.client", { client: name, ...inUnit });
  }
  if (has(whole, WORDS.whereGo)) {
    const name = codes.person ?? residue(afterUnit);
    if (name && (name === codes.person || isName(name, false))) return done("history.person", { person: name });
  }
  if (
    (has(whole, WORDS.whoTook) && !has(whole, WORDS.keyPosts) && narrow.category === undefined) ||
    // "status of p-br2-01-vault": a post's status is its holder, with the date they must rotate.
    (codes.post && !has(whole, WORDS.rotation) && !has(whole, WORDS.leave))
  ) {
    const left = residue(afterUnit);
    const name = codes.post ?? ROLE_NAMES[left] ?? left;
    if (name || unit)
      return done("history.post", { ...(name ? { post: name } : {}), ...(unit ? { unit: unit.code } : {}) });
  }

  // One person's dates without the word rotation: how long they may stay, since when they hold
  // their post, when their mandatory leave falls due ("罗丽娟还能在岗多久", "since when has Min Xu been
  // the RM", "黄伟什么时候该休强制休假"), or the day they must hand their post over: their status.
  if (
    has(whole, WORDS.personDate) ||
    (has(whole, WORDS.leave) && !has(whole, WORDS.overdue)) ||
    // "wen does Chao Yang have to hand over his till at the latest", "杨超最迟哪天必须交接离岗": the day a
    // named person must hand over is their rotation date — their status, not the open handovers.
    (has(whole, WORDS.handover) &&
      (codes.person !== undefined ||
        /最迟|最晚|哪天|哪一天|几号|什么时候|何时|\bwhen\b|\blatest\b|\bby when\b/.test(whole)))
  ) {
    const who = personNamed(codes.person, afterUnit, whole, ctx.lexicon);
    if (who) return done("status.person", { person: who, ...(unit ? { unit: unit.code } : {}) });
    // A post by its role and unit ("when did the xuhui teller start", "徐汇支行柜员哪天上岗的"): its
    // holder, since when, and their rotation date.
    const post = unit
      ? postRolePhrase(
          strip(
            afterUnit,
            WORDS.personDateWords,
            WHEN,
            // "the RM in haidian, how long has she been there": a pronoun for the post's holder.
            /\b(?:since|did|held|hold|has|have|take|took|up|over|she|he|they|him|her|them|there)\b/,
          ),
        )
      : undefined;
    if (post && unit) return done("history.post", { post, unit: unit.code });
  }

  // Lists and figures about the asker's units.
  if (has(whole, WORDS.handover)) return done("handover.open", slots);
  const overdueWords = has(whole, WORDS.overdue) && !has(whole, WORDS.audit) && !has(whole, WORDS.rectification);
  // Who holds the key posts (or how many posts there are): a list of all, not a unit's status.
  if (
    (has(whole, WORDS.keyPosts) ||
      // "how many holders in chaoyang", "浦东在岗人员有几个": the key-post holders counted.
      (has(whole, WORDS.howMany) && /\bholders?\b|在岗人员/.test(whole)) ||
      (narrow.category !== undefined && has(whole, WORDS.holderWords)) ||
      ((narrow.category !== undefined || narrow.role !== undefined) &&
        has(whole, WORDS.howMany) &&
        /\bposts?\b|\bpositions?\b|岗位|岗/.test(whole)) ||
      // "how many RMs are there", "有几个柜员": the holders of a role counted.
      (narrow.role !== undefined &&
        has(whole, WORDS.howMany) &&
        !aboutClients &&
        residue(strip(afterUnit, WORDS.postRole, WORDS.howMany, /有|\bthere\b/)) === "")) &&
    !has(whole, WORDS.rotation) &&
    !overdueWords &&
    !has(whole, WORDS.leave) &&
    !/\bdue\b|到期|该轮/.test(whole)
  ) {
    const posts = has(whole, WORDS.howMany) && !has(whole, WORDS.holderWords);
    return done("holders.list", { ...slots, ...narrow, ...(posts ? { posts: true } : {}) });
  }
  if (has(whole, WORDS.figures) || (has(whole, WORDS.findings) && !has(whole, WORDS.late))) {
    const metric = METRICS.find((m) => m.pattern.test(whole))?.metric;
    return done("figures", { ...slots, ...(metric ? { metric } : {}) });
  }
  if (has(whole, WORDS.unacknowledged) && !has(whole, WORDS.handover)) return done("notice.unacknowledged", slots);
  const aboutNotices = has(whole, WORDS.notice) && !has(whole, WORDS.rotation) && !has(whole, WORDS.leave);
  if (
    (has(whole, WORDS.unacknowledged) || aboutNotices) &&
    !has(whole, WORDS.rectification) &&
    !has(whole, WORDS.audit)
  )
    return done("notice.unacknowledged", slots);
  if (has(whole, WORDS.rectification)) return done("rectification.overdue", slots);
  if (has(whole, WORDS.audit) && has(whole, WORDS.late)) return done("audit.late", slots);
  if (has(whole, WORDS.audit)) return done("audit.open", slots);
  const rotationWords =
    has(whole, WORDS.rotation) ||
    ((/\bdue\b|该轮|到期|\blimit\b|期限|\bdeadline\b/.test(whole) || overdueWords) && !has(whole, WORDS.leave));
  if (rotationWords) {
    // About one person ("郭琳什么时候该轮岗", "when is E026 due for rotation"): their status, with the date.
    // A month's short name may be a given name ("Jun Hu"): the words before the date was read count too.
    const who = [
      codes.person,
      personResidue(afterUnit),
      personResidue(findUnit(whole, ctx.lexicon)?.rest ?? whole),
    ].find((w) => w !== undefined && w !== "" && (w === codes.person || isName(w, false)));
    if (who) return done("status.person", { person: who, ...(unit ? { unit: unit.code } : {}) });
    // About one post by its code ("P-BR2-HEAD的轮岗到期日", "rotation deadline for p-br1-02-teller"): its
    // holder, with the date — unless the question asks for a list ("overdue", "due within N days").
    if (codes.post && !overdueWords && !days && !range) return done("history.post", { post: codes.post });
    // About one post named by its role in a unit ("上海分行行长任期什么时候到"): its holder, with the date.
    const post = unit ? postRolePhrase(strip(afterUnit, WORDS.rotation, WORDS.due, WHEN)) : undefined;
    if (post && unit) return done("history.post", { post, unit: unit.code });
    const within = days?.days ?? (range ? daysUntil(todayIn(ctx.now, ctx.zone), range.to) : undefined);
    // "How is my branch doing on rotations", "海淀支行轮岗情况怎么样": a unit's rotation status is its
    // worklist — overdue, or due within the 90-day warning.
    const asStatus =
      (has(whole, WORDS.status) || /\bdoing\b/.test(whole)) &&
      !has(whole, WORDS.overdue) &&
      !/\bdue\b|到期|该轮|快/.test(whole) &&
      within === undefined;
    const both = has(whole, WORDS.overdueOrDue) || asStatus;
    const overdue =
      !both && has(whole, WORDS.overdue) && !has(whole, /\bdue (in|within)|快|即将|soon|upcoming|approaching/) && !days;
    return done("rotation.due", {
      ...slots,
      ...narrow,
      ...(within !== undefined && within > 0 ? { days: within } : asStatus ? { days: 90 } : {}),
      ...(within !== undefined && within > 0 && days === undefined && range ? { by: range.to } : {}),
      ...(overdue ? { overdue: true } : {}),
      ...(both ? { andOverdue: true } : {}),
    });
  }
  if (has(whole, WORDS.leave)) {
    // Mandatory leave owed rather than taken: overdue, due within N days, none in the last 12 months.
    const owed = has(whole, WORDS.leaveUncovered)
      ? "uncovered"
      : has(whole, WORDS.overdue) || has(whole, WORDS.leaveNotTaken)
        ? "overdue"
        : has(whole, WORDS.leaveOwed)
          ? "due"
          : undefined;
    const within = days?.days ?? (range ? daysUntil(todayIn(ctx.now, ctx.zone), range.to) : undefined);
    if (owed)
      return done("leave.due", {
        ...slots,
        ...narrow,
        leaveDue: owed,
        ...(owed === "due" && within !== undefined && within > 0 ? { days: within } : {}),
      });
    return done("leave.who", { ...slots, ...(range ? { range } : {}) });
  }

  // One named person or unit.
  const name = codes.person ?? residue(afterUnit);
  // "Status of my branch", "我们支行怎么样": the asker's own unit (their one unit, found when answering).
  if (!unit && name === "" && has(whole, WORDS.myUnit) && has(whole, WORDS.status))
    return done("status.unit", { mine: true });
  if (name && isName(name, has(whole, WORDS.status)))
    return done("status.person", { person: name, ...(unit ? { unit: unit.code } : {}) });
  // A unit named among words that are neither a question about it nor a name ("book me a flight to
  // shanghai") is chat, not a unit's status.
  if (
    unit &&
    (name === "" || has(whole, WORDS.status) || !/[a-z]{3,}.*\s.*[a-z]{3,}|[\u4e00-\u9fff].*[\u4e00-\u9fff]/.test(name))
  ) {
    // Words were left that neither ask about the unit nor name anyone ("徐汇 那边 咋回事", "pudong again"):
    // the closest reading is the unit's status, and the answer says so ("I read this as: …").
    if (name !== "" && !has(whole, WORDS.status)) corrected = { corrected: true };
    return done("status.unit", { unit: unit.code });
  }
  return done("unknown");
}

/** One pinyin syllable (tone-less), the way Chinese names are written in English. */
const SYLLABLE =
  "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ue|ve|ui|er|a|o|e|i|u|v)";
// A name's word is one or two syllables ("wei", "haiyan"): three made English words read as names
// ("meaning" is me-a-ning).
const PINYIN_WORD = new RegExp(`^(?:${SYLLABLE}){1,2}$`);

/**
 * Enough left over to be a name: 2–6 Chinese characters, a code, or one to three words that read
 * as pinyin or a common romanisation (name-matcher.ts's table). Anything else is not understood.
 */
function isName(text: string, asked: boolean): boolean {
  if (/^e\d+$/i.test(text)) return true;
  const han = (text.match(CJK_ALL) ?? []).length;
  if (han > 0) {
    const compact = text.replace(/\s+/g, "");
    if (han < 2 || han > 6 || /[a-z]{4,}/.test(text)) return false;
    // After "…的状态" any name will do; a bare phrase must start with a surname (the table), and one of
    // four characters or more with a two-character surname ("周末加班" is no name; "欧阳明月" is).
    if (asked) return true;
    // Words left in two pieces ("周末 玩") are no one's name.
    if (/[\u4e00-\u9fff]\s+[\u4e00-\u9fff]/.test(text)) return false;
    if (SURNAMES.has(compact.slice(0, 2))) return true;
    return compact.length <= 3 && SURNAMES.has(compact.charAt(0));
  }
  const words = text.split(" ").filter((w) => w !== "");
  if (words.length === 0 || words.length > 3 || !words.every((w) => /^[a-z'-]+$/.test(w))) return false;
  // After "status of …" any name will do; a bare phrase must look like a Chinese name in English.
  return asked
    ? words.join("").length >= 3
    : words.length >= 2 && words.every((w) => PINYIN_WORD.test(w) || Object.hasOwn(SPELLING_VARIANTS, w));
}

function daysUntil(today: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(to) - Date.parse(today)) / 86_400_000);
}
