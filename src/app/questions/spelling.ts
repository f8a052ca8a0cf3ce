// Typos forgiven before a question is read: each Latin word of five letters or more that is not a
// word of the vocabulary below but lies within one edit (two from six letters; a swap of two
// neighbours counts as one — Damerau-Levenshtein, the damerau-levenshtein package) of exactly one
// nearest vocabulary word becomes that word; Chinese slips are a table of the homophones people
// type by pinyin input (论岗 → 轮岗). Names are left alone: only keywords are in the vocabulary,
// and a word that reads as pinyin (a name, or "hoder") is corrected only one edit from a keyword.
import levenshtein from "damerau-levenshtein";

/** The English keywords of the lexicon (question-lexicon.ts), in their right spelling. */
const VOCABULARY = [
  "rotation",
  "rotations",
  "posts",
  "rotate",
  "rotating",
  "rotated",
  "overdue",
  "tenure",
  "deadline",
  "deadlines",
  "limit",
  "leave",
  "mandatory",
  "compulsory",
  "vacation",
  "holiday",
  "status",
  "overview",
  "summary",
  "handover",
  "handovers",
  "audit",
  "audits",
  "auditing",
  "rectification",
  "rectifications",
  "notice",
  "notices",
  "notification",
  "notifications",
  "unacknowledged",
  "acknowledged",
  "reminder",
  "reminders",
  "holds",
  "holder",
  "serves",
  "manages",
  "client",
  "clients",
  "customer",
  "relationship",
  "manager",
  "officer",
  "teller",
  "keeper",
  "vault",
  "accounting",
  "supervisor",
  "credit",
  "branch",
  "office",
  "figures",
  "findings",
  "severity",
  "compliance",
  "coverage",
  "timeliness",
  "closure",
  "statistics",
  "metrics",
  "dashboard",
  "within",
  "today",
  "tomorrow",
  "weeks",
  "month",
  "months",
  "people",
  "staff",
  "everyone",
  "anyone",
  "nobody",
  "which",
  "where",
  "replaced",
  "successor",
  "current",
  "currently",
  "stayed",
  "exceeded",
  "past",
  "please",
  "schedule",
  "upcoming",
  "through",
  "their",
  "managers",
  "number",
  "oversight",
  "authority",
  "operations",
  "employees",
  "breaches",
  // Right words near a keyword, kept as they are.
  "stats",
  "state",
  "states",
  "leaves",
  "holding",
  "holders",
  "managed",
  "served",
  "serving",
  "officers",
  "tellers",
  "notes",
  "dates",
  "later",
  // Session 11: everyday words of a question that are typed with a slip ("snice when", "strat date", "sittng in").
  "since",
  "start",
  "sitting",
  "should",
  "anything",
  "customers",
  // Words of client names near a keyword: "bulding" is "building", not "holding".
  "building",
  "buildings",
];
/**
 * Everyday English words that are right as typed, though one or two edits from a keyword
 * ("posts" is not "past", "after" is not "later", "weather" is not "whether"): never corrected.
 */
const EVERYDAY = [
  "posts",
  "seats",
  "after",
  "alter",
  "weather",
  "whether",
  "number",
  "numbers",
  "people",
  "person",
  "persons",
  "holders",
  "total",
  "count",
  "names",
  "their",
  "there",
  "these",
  "those",
  "other",
  "others",
  "about",
  "should",
  "would",
  "could",
  "right",
  "since",
  "still",
  "being",
  "before",
  "under",
  "above",
  "every",
  "branches",
  "teams",
  "units",
  "report",
  "reports",
  "looks",
  "serve",
  "manage",
  "handle",
  "handles",
  "covers",
  "cover",
  "lately",
  "coming",
  "reach",
  "reaches",
  "limits",
  "while",
  "whose",
  "whole",
  "entire",
  "thanks",
  "urgent",
  "pressing",
  "weekend",
  "keepers",
  "heads",
  "sitting",
  "later",
  "letter",
  "leader",
  "least",
  "latest",
  "shouldve",
  "start",
  "starts",
  "started",
  "stage",
  "stand",
  "stands",
  "rated",
  "rates",
  "water",
  // Days and months: dates, not typos of "today" or "months".
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "january",
  "february",
  "march",
  "april",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const KNOWN = new Set([...VOCABULARY, ...EVERYDAY]);

/** Pinyin-shaped words (names) are not corrected: "Zhang", "Haiyan", "Jianhua". */
const PINYIN =
  /^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v)){1,3}$/;

/** Chinese slips of pinyin input: what was typed → what was meant. */
const ZH_SLIPS: readonly (readonly [RegExp, string])[] = [
  [/[论伦沦抡]岗/g, "轮岗"],
  [/轮[刚港杠钢]/g, "轮岗"],
  [/[修羞]假/g, "休假"],
  [/休[家价架]/g, "休假"],
  [/超[其七器]/g, "超期"],
  [/逾[其七器]/g, "逾期"],
  [/[申审]记/g, "审计"],
  [/交[界街]/g, "交接"],
  [/[状装][太态泰]/g, "状态"],
  [/到[其七器]/g, "到期"],
  [/柜[园元原圆]/g, "柜员"],
  [/会[记纪济]/g, "会计"],
  [/信[代待]/g, "信贷"],
  [/库[馆官]/g, "库管"],
  [/强[修羞]/g, "强休"],
  [/客[护沪]/g, "客户"],
  [/时侯/g, "时候"],
  // Session 9: 道期 (dao), 再岗 (zai), and 谁 typed as 水/睡 (shui) where a question word stands.
  [/[道倒]期/g, "到期"],
  [/再(?=岗|职|任)/g, "在"],
  [/(?<=^|\s|是|现在|目前|当前|由|归|找)[水睡](?=是|在|负责|管|来|接|当|担任|做|跟|维护|服务)/g, "谁"],
  [/(?<=是|由|归)[水睡](?=$|\s|的|呢|啊|吗|管|负责)/g, "谁"],
  // Session 10: more homophones of the role and question words (ku, zhu guan, ming dan, gui, duo shao,
  // qiang zhi, jing li), each only beside the word it belongs to, so no name or company loses a character.
  [/[裤酷苦]管/g, "库管"],
  [/(?<=会计)主[观关馆]/g, "主管"],
  [/(?<=客户)经[里礼力]/g, "经理"],
  [/[明铭]单(?!位)/g, "名单"],
  [/[贵跪桂]员/g, "柜员"],
  [/多[烧勺绍]/g, "多少"],
  [/强[智治志质致置]/g, "强制"],
  [/[修羞]假/g, "休假"],
  [/岗[为维围](?=上|从|$|\s|的|起)/g, "岗位"],
  // Session 11: 主官 / 库管原 / 之行 after a unit's name / 到斯, each beside its word.
  [/(?<=会计)主官/g, "主管"],
  [/(?<=库管)[原园元]/g, "员"],
  [/(?<=[\u4e00-\u9fff]{2})之行(?=[\u4e00-\u9fff])/g, "支行"],
  [/(?<=内|天|快|即将)到[斯死四]/g, "到期"],
];

/**
 * Short words too short for the edit distance (a slip in three or four letters is as near to many
 * words): the vowel-less abbreviations people type, and a swap of two neighbours in a short keyword
 * ("haed", "teh") — a swap that makes exactly one of these words, nothing else.
 */
const SHORT: Readonly<Record<string, string>> = {
  nxt: "next",
  wk: "week",
  wks: "weeks",
  mth: "month",
  mths: "months",
  // Session 10: a dropped or swapped letter in a question word ("wich", "waht"; five letters go by distance).
  wich: "which",
  whch: "which",
  hw: "how",
  th: "the",
  waht: "what",
  whta: "what",
  // Session 11: "key psts", "key pots" — a vowel dropped or changed in "posts".
  psts: "posts",
  pots: "posts",
  // A dropped letter in a short everyday word of a question ("staf in br1-02", "does Min Xu serv", "look afer").
  staf: "staff",
  serv: "serve",
  afer: "after",
};
const SHORT_KEYWORDS = [
  "the",
  "head",
  "next",
  "past",
  "late",
  "week",
  "days",
  "when",
  "soon",
  "list",
  "due",
  "many",
  "post",
  "much",
  "who",
  "how",
];

function unswapped(word: string): string | undefined {
  if (word.length < 3 || word.length > 4 || SHORT_KEYWORDS.includes(word)) return undefined;
  const fits = new Set<string>();
  for (let i = 0; i + 1 < word.length; i += 1) {
    const swapped = word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2);
    if (SHORT_KEYWORDS.includes(swapped)) fits.add(swapped);
  }
  return fits.size === 1 ? [...fits][0] : undefined;
}

/** A word of the vocabulary or an everyday word: right as typed, never read as a slip of something else. */
export function isKnownWord(word: string): boolean {
  return KNOWN.has(word);
}

/** Reads as pinyin (a name, a place): corrected only one edit away. */
export function readsAsPinyin(word: string): boolean {
  return PINYIN.test(word);
}

function nearest(word: string, most?: number): string | undefined {
  const allowed = most ?? (word.length >= 6 ? 2 : 1);
  let bestSteps = allowed + 1;
  let best: string[] = [];
  for (const v of VOCABULARY) {
    if (Math.abs(v.length - word.length) > allowed) continue;
    const steps = levenshtein(word, v).steps;
    if (steps > allowed) continue;
    if (steps < bestSteps) {
      best = [v];
      bestSteps = steps;
    } else if (steps === bestSteps && !best.includes(v)) best.push(v);
  }
  // A tie is no correction, unless it is one edit away and one of the words keeps the typed first
  // letter, which slips seldom change ("rtate": rotate, not state); else a guess is left as typed.
  if (best.length === 1) return best[0];
  // A dropped letter is the commonest slip: "staus" is "status" with one left out, not "stats".
  const dropped = best.filter((v) => v.length === word.length + 1 && isSubsequence(word, v));
  if (bestSteps === 1 && dropped.length === 1) return dropped[0];
  const first = best.filter((v) => v[0] === word[0]);
  return bestSteps === 1 && first.length === 1 ? first[0] : undefined;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i += 1;
  return i === short.length;
}

/** The text (already normalised: lower case) with keyword typos corrected. */
/**
 * A zero typed for the letter o inside a word ("wh0", "h0w many", "r0tation"): read as o when that
 * makes a word of the vocabulary, a short keyword or an everyday word — never in a code (e001, br1).
 */
function zeroForO(text: string): string {
  return text.replace(/(?<![a-z0-9-])[a-z]*0[a-z0]*(?![a-z0-9-])/g, (token) => {
    if ((token.match(/[a-z]/g) ?? []).length < 2) return token;
    const word = token.replace(/0/g, "o");
    return KNOWN.has(word) || SHORT_KEYWORDS.includes(word) || ZERO_WORDS.has(word) ? word : token;
  });
}
const ZERO_WORDS = new Set(["who", "whom", "how", "to", "of", "on", "for", "overdue", "rotation", "rotations", "over"]);

export function correctSpelling(text: string): string {
  let out = zeroForO(text);
  for (const [slip, meant] of ZH_SLIPS) out = out.replace(slip, meant);
  out = out.replace(/(?<![a-z0-9-])[a-z]{2,4}(?![a-z0-9-])/g, (word) => SHORT[word] ?? unswapped(word) ?? word);
  // "wen is yan hu due": "wen" (also a name, 文) opening a question before its verb is "when".
  out = out.replace(/^(?:wen|whn|wehn)(?= (?:is|are|does|do|did|will|should|must|can|has|was)\b)/, "when");
  // "since wen has …", "until wen": after since / until / till it is "when" too.
  out = out.replace(/\b(since|until|till|til|by) (?:wen|whn|wehn)(?= )/, "$1 when");
  // "hwo" is a swap of both "who" and "how": before many / much / long it is "how".
  out = out.replace(/(?<![a-z0-9-])hwo(?= (?:many|much|long|often|soon)\b)/g, "how");
  // "whois", "whos the": a question word run into the next.
  out = out.replace(/(?<![a-z0-9-])whois(?![a-z0-9-])/g, "who is");
  return out.replace(/[a-z]{5,}/g, (word, at: number) => {
    if (KNOWN.has(word)) return word;
    // Part of a code (p-br1-01-teller) or a longer token: leave it.
    const before = out[at - 1];
    const after = out[at + word.length];
    if ((before && /[a-z0-9-]/.test(before)) || (after && /[a-z0-9-]/.test(after))) return word;
    // A word that reads as pinyin may be a name: corrected only when one edit away from a keyword.
    return nearest(word, PINYIN.test(word) ? 1 : undefined) ?? word;
  });
}
