// The project's own question set ("the rest" of npm run eval:questions): questions written here,
// from templates in both languages — paraphrases, typos, mixed Chinese and English, every case of
// codes, out-of-scope askers and staff without a reporting role — over the demo bank's register.
// Each item carries its meaning as data; the expected answer is computed from the register's CSV
// files (../register.ts), never through the parser or the answers. Same interface as the
// independent set (../independent/oracle.ts), which is never used to tune the parser.
import type { EvalItem, Expectation } from "../harness.ts";
import {
  addMonths,
  client,
  clients,
  employees,
  holders,
  person,
  plusDays,
  post,
  posts,
  scopeOf,
  subtree,
  unit,
} from "../register.ts";

export const NOW = "2026-12-01T10:00:00+08:00";
const TODAY = "2026-12-01";

type Meaning =
  | { ask: "overdue"; unit?: string; also?: string[] }
  | { ask: "due"; days: number; unit?: string; also?: string[] }
  | { ask: "overdue-count"; unit?: string; also?: string[] }
  | { ask: "person-due"; person: string }
  | { ask: "person-status"; person: string }
  | { ask: "person-left"; person: string }
  | { ask: "person-start"; person: string }
  | { ask: "person-leave-due"; person: string }
  | { ask: "post-holder"; post: string }
  | { ask: "client-manager"; client: string; named?: string }
  | { ask: "client-namesakes"; clients: string[] }
  /** Mandatory leave owed (session 7): overdue, due within `days`, or none in the last 12 months. */
  | { ask: "unit-clients"; unit?: string; also?: string[] }
  | { ask: "post-due"; post: string }
  /** Since when a post's holder holds it (session 9), asked by the post's role and unit. */
  | { ask: "post-start"; post: string }
  | { ask: "overdue-or-due"; days: number; unit?: string }
  | {
      ask: "leave-owed";
      owed: "overdue" | "due" | "uncovered";
      days?: number;
      unit?: string;
      count?: boolean;
      also?: string[];
    }
  /** Lists narrowed to a role (posts whose Chinese name holds `role`) or a category (session 7). */
  | {
      ask: "role-list";
      list: "holders" | "overdue" | "due30" | "posts";
      role?: string;
      category?: string;
      unit?: string;
    }
  | { ask: "unit-status"; unit: string }
  | { ask: "on-leave"; unit?: string; also?: string[] }
  | { ask: "holders"; unit?: string; also?: string[] }
  | { ask: "holders-count"; unit?: string }
  | { ask: "key-posts"; unit?: string }
  | { ask: "client-count"; person: string }
  /** A unit's headcount (session 8): everyone whose home unit is in the units, not who left. */
  | { ask: "staff-count"; unit?: string; list?: boolean; also?: string[] }
  /** Key-post holders by months served in post (session 9): more than / at least `min`, less than / at most `max`. */
  | {
      ask: "tenure";
      min?: number;
      minIn?: boolean;
      max?: number;
      maxIn?: boolean;
      unit?: string;
      role?: string;
      count?: boolean;
    }
  /** Who covers for a person on leave (session 9): the demo bank has no leave, so the answer names only them. */
  | { ask: "cover"; person: string }
  /** The first `count` key-post holders by time in post (session 10), a tie at the last place kept. */
  | { ask: "rank"; by: "longest" | "newest"; count: number; unit?: string; role?: string }
  /** Who runs a unit (session 10): the people with a manager grant on it (the asker's own top unit when none is named). */
  | { ask: "unit-head"; unit?: string }
  | { ask: "off-topic" };

/** Deterministic pseudo-random choices (mulberry32), so the set is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(16);
const choose = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** One typo in one longer word of an English question (swap, drop or double a letter), never in a code or name. */
function typo(q: string, keep: readonly string[]): string {
  const words = q.split(" ");
  const candidates = words
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => /^[a-z]{6,}$/.test(w) && !keep.some((k) => k.toLowerCase().includes(w)));
  if (candidates.length === 0) return q;
  const { w, i } = choose(candidates);
  const at = 1 + Math.floor(random() * (w.length - 3));
  const kind = Math.floor(random() * 3);
  const changed =
    kind === 0
      ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2)
      : kind === 1
        ? w.slice(0, at) + w.slice(at + 1)
        : w.slice(0, at) + w[at] + w.slice(at);
  words[i] = changed;
  return words.join(" ");
}

// ---- how people name things -------------------------------------------------------------------

function unitNames(code: string, lang: "zh-CN" | "en"): string[] {
  const u = unit(code);
  const zhShort = u.name!.replace(/(支行|分行|总行)$/, "");
  const en = u.name_en!;
  const enShort = en.replace(/ (Sub-branch|Branch)$/, "");
  if (lang === "zh-CN") return u.code === "HO" ? ["总行"] : [u.name!, zhShort === "" ? u.name! : zhShort, u.name!];
  if (u.code === "HO") return ["head office", "Head Office", "HO"];
  return u.kind === "sub_branch"
    ? [en, en.toLowerCase(), `${enShort} branch`, `${enShort.toLowerCase()} sub branch`, enShort, `${enShort} SB`]
    : [en, en.toLowerCase(), enShort, `${enShort} br`];
}

function postNames(code: string, lang: "zh-CN" | "en"): string[] {
  const p = post(code);
  return lang === "zh-CN"
    ? [p.name!, code, code.toLowerCase()]
    : [code, code.toLowerCase(), p.name_en!, p.name_en!.replace(",", "").toLowerCase()];
}

function personNames(code: string, lang: "zh-CN" | "en"): string[] {
  const e = person(code);
  const [given, family] = e.name_en!.split(" ") as [string, string];
  return lang === "zh-CN"
    ? [e.name!, e.name!, code]
    : [e.name_en!, `${family} ${given}`, e.name_en!.toLowerCase(), code, code.toLowerCase()];
}

function clientNames(code: string, lang: "zh-CN" | "en"): string[] {
  const c = client(code);
  return lang === "zh-CN" ? [c.name!, code] : [c.name_en!, c.name_en!.replace(/ Co\., Ltd\.$/, ""), code];
}

// ---- the templates ----------------------------------------------------------------------------

type Template = (n: string) => string;
const T: Record<
  Exclude<
    Meaning["ask"],
    | "off-topic"
    | "rank"
    | "unit-head"
    | "client-namesakes"
    | "role-list"
    | "leave-owed"
    | "unit-clients"
    | "overdue-or-due"
    | "post-due"
    | "staff-count"
    | "tenure"
    | "cover"
    | "post-start"
  >,
  { zh: Template[]; en: Template[]; all?: { zh: string[]; en: string[] } }
> = {
  overdue: {
    zh: [
      (u) => `${u}哪些人轮岗超期了`,
      (u) => `${u}轮岗逾期的有谁`,
      (u) => `${u} 超期未轮岗人员`,
      (u) => `${u}谁该轮岗了却还没轮`,
      (u) => `${u}有没有人任期超了`,
      (u) => `${u}的 overdue 轮岗`,
    ],
    en: [
      (u) => `who is overdue for rotation in ${u}`,
      (u) => `overdue rotations in ${u}`,
      (u) => `${u} overdue rotations`,
      (u) => `which of the ${u} staff have stayed in their post past the limit`,
      (u) => `who in ${u} has gone past their rotation deadline`,
      (u) => `anyone in ${u} overdue to rotate?`,
    ],
    all: {
      zh: [
        "哪些人轮岗超期了",
        "轮岗逾期名单",
        "谁的任期已经超了",
        "超期没轮岗的人",
        "我的人里谁轮岗超期",
        "轮岗超期的有哪些",
        "论岗超期",
        "哪些人该轮岗却超期了",
        "有人超期吗",
        "超期的人有哪些",
        "谁已经过了任期期限",
        // Session 7: paraphrases of "past the limit".
        "谁早就该换岗了",
        "在岗太久一直没动的人",
        "有多少人已经过了轮岗期限还没换岗的名单",
      ],
      en: [
        "who is overdue for rotation",
        "overdue rotations",
        "which of my people have stayed in their post past the limit",
        "who has exceeded their tenure limit",
        "list everyone past their rotation deadline",
        "who's overdue to rotate",
        "who is overdeu for rotaton",
        "rotations that are overdue",
        "show me overdue rotations please",
        "people overdue for job rotation",
        "who is overdue",
        "anybody overdue?",
        "which holders are over their tenure limit",
        // Session 7: paraphrases of "past the limit".
        "who should have been rotated by now",
        "who has sat in the same seat longer than allowed",
        "anyone still in post after the rotation date passed?",
        "which holders blew through their tenure limt",
      ],
    },
  },
  due: {
    zh: [(u) => `${u}30天内该轮岗的`, (u) => `${u}一个月内到期的轮岗`],
    en: [(u) => `who in ${u} is due for rotation in the next 30 days`, (u) => `${u} rotations due within 30 days`],
    all: {
      zh: [
        "30天内该轮岗的有谁",
        "一个月内轮岗到期的人",
        "30天内到期的轮岗",
        "未来30天谁要轮岗",
        "三十天内到期的有哪些人",
        "30天以内任期届满的",
        // Session 7: a month, the year's end (30 days from the set's instant), a typo.
        "一个月内谁得挪窝",
        "年底前要轮岗的人",
      ],
      en: [
        "who is due for rotation in the next 30 days",
        "rotations due within 30 days",
        "who must rotate within 30 days",
        "due for rotation in 30 days",
        "who reaches the tenure limit in the coming 30 days",
        "whose limit falls within 30 days",
        "due w/in 30d",
        // Session 7: a month, the year's end (30 days from the set's instant), a typo.
        "whose tenure limit comes up within a month",
        "who needs to rotate before the end of the year",
        "due for rotation in the next 30 dyas",
      ],
    },
  },
  "overdue-count": {
    zh: [(u) => `${u}有多少人轮岗超期`, (u) => `${u}轮岗超期几个人`],
    en: [(u) => `how many people in ${u} are overdue for rotation`, (u) => `number of overdue rotations in ${u}`],
    all: {
      zh: ["一共有多少人轮岗超期", "轮岗超期的有几个", "超期人数"],
      en: ["how many are overdue for rotation", "count of overdue rotations", "how many people are past the limit"],
    },
  },
  "person-due": {
    zh: [
      (p) => `${p}什么时候该轮岗`,
      (p) => `${p} 什么时候轮岗到期`,
      (p) => `${p}的轮岗期限是哪天`,
      (p) => `${p}任期到什么时候`,
      (p) => `${p}哪天要轮岗`,
    ],
    en: [
      (p) => `when is ${p} due for rotation`,
      (p) => `when does ${p} have to rotate`,
      (p) => `rotation deadline for ${p}`,
      (p) => `${p} rotation due date`,
      (p) => `when must ${p} rotate`,
    ],
  },
  // One person's dates without the word rotation (session 7): how long they may stay, since when, leave due.
  "person-left": {
    zh: [
      (p) => `${p}还能在岗多久`,
      (p) => `${p}在现在的岗位上最多能干到哪天`,
      (p) => `${p}还能待到什么时候`,
      (p) => `${p}是不是快到期了`,
    ],
    en: [
      (p) => `how long can ${p} stay in the post`,
      (p) => `how much longer can ${p} stay put`,
      (p) => `how long has ${p} got left`,
      (p) => `when's ${p} due to move on`,
    ],
  },
  "person-start": {
    zh: [(p) => `${p}什么时候上岗的`, (p) => `${p}哪天开始任现职`, (p) => `${p}是什么时候到岗的`],
    en: [
      (p) => `since when has ${p} held the post`,
      (p) => `when did ${p} start in the job`,
      (p) => `start date of ${p} in the post`,
    ],
  },
  "person-leave-due": {
    zh: [(p) => `${p}什么时候该休强制休假`, (p) => `${p}下次强制休假最晚哪天开始`, (p) => `${p}的强休什么时候到期`],
    en: [
      (p) => `when is ${p}'s mandatory leave due`,
      (p) => `when does ${p} have to take mandatory leave`,
      (p) => `next mandatory leave for ${p}`,
    ],
  },
  "person-status": {
    zh: [(p) => `${p}的状态`, (p) => `${p}现在怎么样`, (p) => `查一下${p}`],
    en: [(p) => `status of ${p}`, (p) => `tell me about ${p}`, (p) => `how is ${p} doing`],
  },
  "post-holder": {
    zh: [
      (p) => `${p}是谁`,
      (p) => `谁在做${p}`,
      (p) => `${p}现在是谁在当`,
      (p) => `谁接了${p}`,
      (p) => `${p} 现任是谁`,
    ],
    en: [
      (p) => `who holds ${p}`,
      (p) => `who is the ${p}`,
      (p) => `who took over ${p}`,
      (p) => `current holder of ${p}`,
      (p) => `who's in ${p} now`,
    ],
  },
  "client-manager": {
    zh: [(c) => `${c}归谁管`, (c) => `谁负责${c}`, (c) => `${c}的客户经理是谁`],
    en: [(c) => `who serves ${c}`, (c) => `who manages client ${c}`, (c) => `relationship manager for ${c}`],
  },
  "unit-status": {
    zh: [(u) => `${u}的情况`, (u) => `${u}怎么样`, (u) => `${u}状态`],
    en: [(u) => `status of ${u}`, (u) => `how is ${u} doing`, (u) => `${u} overview`],
  },
  holders: {
    zh: [(u) => `${u}关键岗位上都是谁`, (u) => `${u}的关键岗位人员`, (u) => `列出${u}关键岗位在岗人`],
    en: [
      (u) => `key post holders in ${u}`,
      (u) => `who sits in the key posts of ${u}`,
      (u) => `list ${u} key-post holders`,
    ],
    all: {
      zh: ["关键岗位人员名单", "我们的关键岗位都是谁在做"],
      en: ["who holds our key posts", "list all key-post holders"],
    },
  },
  "holders-count": {
    zh: [(u) => `${u}关键岗位在岗人数`, (u) => `${u}有几个关键岗位人员`],
    en: [(u) => `how many key-post holders in ${u}`, (u) => `number of key post holders in ${u}`],
    all: { zh: ["关键岗位一共几人"], en: ["how many key post holders are there"] },
  },
  "key-posts": {
    zh: [(u) => `${u}有多少个关键岗位`, (u) => `${u}关键岗位个数`],
    en: [(u) => `how many key posts does ${u} have`, (u) => `number of key posts in ${u}`],
    all: { zh: ["一共有几个关键岗位"], en: ["how many key posts do we have"] },
  },
  "client-count": {
    zh: [(p) => `${p}名下有几个客户`, (p) => `${p}管多少客户`, (p) => `${p}的客户有哪些`],
    en: [
      (p) => `how many clients does ${p} look after`,
      (p) => `${p} number of clients`,
      (p) => `${p}'s client count`,
      (p) => `${p}'s clients`,
    ],
  },
  "on-leave": {
    zh: [(u) => `${u}谁在休假`, (u) => `${u}今天有人休假吗`],
    en: [(u) => `who is on leave in ${u}`, (u) => `who's off today in ${u}`],
    all: {
      zh: ["谁在休假", "现在谁在休假", "今天谁强制休假"],
      en: ["who is on leave", "who's off today", "anyone on leave now?"],
    },
  },
};

const OFF_TOPIC = {
  zh: ["今天天气怎么样", "帮我订个会议室", "讲个笑话", "食堂午饭吃什么", "打印机坏了", "你好吗"],
  en: [
    "what's the weather like",
    "book a meeting room for me",
    "tell me a joke",
    "what's for lunch",
    "the printer is broken",
    "how are you",
  ],
};

const ASKERS = ["E001", "E003", "E004", "E005", "E017", "E021", "E025", "E034", "E043", "E052"];
/** Staff without a reporting role: refused whatever they ask (an auditor, an admin, a teller). */
const NO_ROLE = ["E007", "E013", "E026"];
const UNITS = ["HO", "BR1", "BR1-01", "BR1-02", "BR2", "BR2-01", "BR2-02"];

function build(): EvalItem[] {
  const items: EvalItem[] = [];
  const add = (asker: string, lang: "zh-CN" | "en", q: string, meaning: Meaning) =>
    items.push({ id: `own-${String(items.length + 1).padStart(4, "0")}`, asker, lang, q, meaning });
  const langs = ["zh-CN", "en"] as const;
  for (const lang of langs) {
    const k = lang === "zh-CN" ? "zh" : "en";
    for (const [ask, t] of Object.entries(T) as [keyof typeof T, (typeof T)[keyof typeof T]][]) {
      const days = ask === "due" ? { days: 30 } : {};
      // About the asker's own units, in every phrasing, by several askers (some without the right).
      for (const q of t.all?.[k] ?? [])
        for (const asker of [choose(ASKERS), choose(ASKERS), choose(NO_ROLE)])
          add(asker, lang, q, { ask, ...days } as Meaning);
      if (
        ask === "person-due" ||
        ask === "person-status" ||
        ask === "person-left" ||
        ask === "person-start" ||
        ask === "person-leave-due"
      ) {
        for (const h of holders)
          for (const tpl of t[k]) {
            const name = choose(personNames(h.employee, lang));
            add(choose(ASKERS), lang, tpl(name), { ask, person: h.employee });
          }
        continue;
      }
      if (ask === "client-count") {
        for (const rm of [...new Set(clients.map((c) => c.manager_code!))])
          for (const tpl of t[k]) add(choose(ASKERS), lang, tpl(choose(personNames(rm, lang))), { ask, person: rm });
        continue;
      }
      if (ask === "post-holder") {
        for (const p of posts)
          for (const tpl of t[k])
            add(choose(ASKERS), lang, tpl(choose(postNames(p.code!, lang))), { ask, post: p.code! });
        continue;
      }
      if (ask === "client-manager") {
        for (const c of clients.filter((_, i) => i % 3 === 0))
          for (const tpl of t[k]) {
            const named = choose(clientNames(c.code!, lang));
            // Two branches may book clients of the same name: ask as someone for whom the name is one client.
            const askers = ASKERS.filter((e) => named === c.code || clientsNamed(named, scopeOf(e)).length <= 1);
            add(choose(askers), lang, tpl(named), { ask, client: c.code!, ...(named === c.code ? {} : { named }) });
          }
        continue;
      }
      for (const u of UNITS)
        for (const tpl of t[k]) {
          const name = choose(unitNames(u, lang));
          add(choose(ASKERS), lang, tpl(name), { ask, unit: u, ...days } as Meaning);
        }
    }
    for (const q of OFF_TOPIC[k]) add(choose([...ASKERS, ...NO_ROLE]), lang, q, { ask: "off-topic" });
  }
  // Typos in English keywords: a second copy of a share of the English items.
  for (const item of items.filter(
    (i, n) => i.lang === "en" && n % 4 === 1 && (i.meaning as Meaning).ask !== "off-topic",
  ))
    add(item.asker, "en", typo(item.q, namesIn(item.meaning as Meaning)), item.meaning as Meaning);
  // Mixed Chinese and English.
  const mixed: [string, Meaning][] = [
    ["浦东支行 overdue 轮岗", { ask: "overdue", unit: "BR2-01" }],
    ["Pudong 支行谁轮岗超期", { ask: "overdue", unit: "BR2-01" }],
    ["谁 holds P-BR1-01-TELLER", { ask: "post-holder", post: "P-BR1-01-TELLER" }],
    ["who is 朝阳支行柜员", { ask: "post-holder", post: "P-BR1-01-TELLER" }],
    ["E031 的 rotation 什么时候到期", { ask: "person-due", person: "E031" }],
    ["海淀支行 status", { ask: "unit-status", unit: "BR1-02" }],
    ["status of 徐汇支行", { ask: "unit-status", unit: "BR2-02" }],
    ["C001 的 RM 是谁", { ask: "client-manager", client: "C001" }],
    ["rotation 超期的有谁", { ask: "overdue" }],
    ["Shanghai 分行 overdue rotations", { ask: "overdue", unit: "BR2" }],
    // A post by its role and unit, without "who" (session 6).
    ["朝阳支行的信贷员", { ask: "post-holder", post: "P-BR1-01-CREDIT" }],
    ["pudong teller?", { ask: "post-holder", post: "P-BR2-01-TELLER" }],
    ["Haidian RM", { ask: "post-holder", post: "P-BR1-02-RM" }],
    ["徐汇 vault keeper 是哪位", { ask: "post-holder", post: "P-BR2-02-VAULT" }],
    ["BR1 关键岗位 holders", { ask: "holders", unit: "BR1" }],
    ["who in xuhui has been in their seat too long", { ask: "overdue", unit: "BR2-02" }],
    ["上海分行负责人是谁", { ask: "post-holder", post: "P-BR2-HEAD" }],
    ["status report for BR2", { ask: "unit-status", unit: "BR2" }],
    ["关键岗位总共多少人", { ask: "holders-count" }],
    // Pinyin-input slips in a role, an abbreviation (session 7).
    ["海淀支行柜园是谁", { ask: "post-holder", post: "P-BR1-02-TELLER" }],
    ["朝阳支行会记主管是谁", { ask: "post-holder", post: "P-BR1-01-ACCT" }],
    ["pudong acct supervisor who", { ask: "post-holder", post: "P-BR2-01-ACCT" }],
    ["when does the haidian vault keeper post need rotating", { ask: "post-due", post: "P-BR1-02-VAULT" }],
    ["chaoyang credit officer needs rotating when", { ask: "post-due", post: "P-BR1-01-CREDIT" }],
    // The asker corrects the subject they named (session 7): the last one named is answered.
    ["杨超 不对 何丽娟 什么时候轮岗", { ask: "person-due", person: "E017" }],
    ["when must Chao Yang rotate, sorry I meant Lijuan He", { ask: "person-due", person: "E017" }],
    ["status of Na Wang no wait Yong Li", { ask: "person-status", person: "E022" }],
    ["林磊的状态 说错了 是胡艳", { ask: "person-status", person: "E035" }],
    ["E026 oops i mean E028 rotation deadline", { ask: "person-due", person: "E028" }],
  ];
  // Clients by name with one slip, or by the part of a name that two sub-branches share (session 7).
  const clientSlips: [string, string, Meaning][] = [
    ["E025", "who serves Beijing Hengtong Tradng", { ask: "client-manager", client: "C001" }],
    ["E043", "who now serves Shanghai Jinqiao Manufacturng", { ask: "client-manager", client: "C033" }],
    ["E034", "relationship manager for beijing pujiang logisitcs", { ask: "client-manager", client: "C018" }],
    ["E043", "上海浦江物流有线公司归谁管", { ask: "client-manager", client: "C032" }],
    ["E034", "北京东方纺织是哪个客户经理在跟", { ask: "client-manager", client: "C020" }],
    ["E001", "who serves Beijing Dongfang Textiles", { ask: "client-namesakes", clients: ["C006", "C020"] }],
    ["E017", "北京金桥制造由谁服务", { ask: "client-namesakes", clients: ["C005", "C019"] }],
    ["E043", "who serves Beijing Hengtong Tradng", { ask: "client-manager", client: "C001" }],
  ];
  // Lists of one role or category of post, by askers over several units (session 7).
  const roleLists: [string, Meaning][] = [
    ["who are the tellers", { ask: "role-list", list: "holders", role: "柜员" }],
    // The whole bank is named as a unit is (session 11): refused to an asker whose units do not cover it.
    ["全行的库管员都有谁", { ask: "role-list", list: "holders", role: "库管", unit: "HO" }],
    ["list all the relationship managers", { ask: "role-list", list: "holders", role: "客户经理" }],
    ["北京分行的信贷员是谁", { ask: "role-list", list: "holders", role: "信贷", unit: "BR1" }],
    ["who are the risk officers", { ask: "role-list", list: "holders", role: "风险" }],
    ["which tellers are overdue for rotation", { ask: "role-list", list: "overdue", role: "柜员" }],
    ["超期的会计主管有哪些", { ask: "role-list", list: "overdue", role: "会计" }],
    ["branch heads past their tenure limit", { ask: "role-list", list: "overdue", role: "行长" }],
    ["vault keepers due for rotation within 30 days", { ask: "role-list", list: "due30", role: "库管" }],
    ["30天内轮岗到期的柜员", { ask: "role-list", list: "due30", role: "柜员" }],
    ["how many credit officer posts are key posts", { ask: "role-list", list: "posts", role: "信贷" }],
    ["操作类关键岗位有几个", { ask: "role-list", list: "posts", category: "operations" }],
    ["who holds the oversight posts", { ask: "role-list", list: "holders", category: "oversight" }],
    ["管理类岗位超期的有谁", { ask: "role-list", list: "overdue", category: "authority" }],
  ];
  for (const [q, meaning] of roleLists)
    for (const asker of ["E001", "E005", "E017", "E043"])
      add(asker, /[\u4e00-\u9fff]/.test(q) ? "zh-CN" : "en", q, meaning);
  const leaveOwed: [string, Meaning][] = [
    ["who is overdue for mandatory leave", { ask: "leave-owed", owed: "overdue" }],
    ["强制休假逾期的有哪些人", { ask: "leave-owed", owed: "overdue" }],
    ["whose compulsory leave is overdue in Beijing", { ask: "leave-owed", owed: "overdue", unit: "BR1" }],
    ["浦东支行应休未休强制休假的", { ask: "leave-owed", owed: "overdue", unit: "BR2-01" }],
    ["how many people are overdue for mandatory leave", { ask: "leave-owed", owed: "overdue", count: true }],
    ["mandatory leave due within 60 days", { ask: "leave-owed", owed: "due", days: 60 }],
    ["60天内该休强制休假的人", { ask: "leave-owed", owed: "due", days: 60 }],
    ["who has to take mandatory leave in the next 30 days", { ask: "leave-owed", owed: "due", days: 30 }],
    ["过去一年没有休过强制休假的人", { ask: "leave-owed", owed: "uncovered" }],
    ["who has had no mandatory leave in the last 12 months", { ask: "leave-owed", owed: "uncovered" }],
  ];
  // Clients per unit, and both rotation lists at once (session 7).
  for (const u of UNITS)
    for (const lang of langs) {
      const name = choose(unitNames(u, lang));
      const q = lang === "zh-CN" ? `${name}有多少客户` : `how many clients in ${name}`;
      add(choose(ASKERS), lang, q, { ask: "unit-clients", unit: u });
    }
  for (const [q, meaning] of [
    ["how many clients do we have", { ask: "unit-clients" }],
    ["我们一共有几个客户", { ask: "unit-clients" }],
    ["who is overdue or due within 30 days", { ask: "overdue-or-due", days: 30 }],
    ["超期和即将到期（60天内）的轮岗", { ask: "overdue-or-due", days: 60 }],
    ["Pudong overdue or coming due in the next 90 days", { ask: "overdue-or-due", days: 90, unit: "BR2-01" }],
  ] as [string, Meaning][])
    for (const asker of ["E003", "E017", "E043"]) add(asker, /[\u4e00-\u9fff]/.test(q) ? "zh-CN" : "en", q, meaning);
  for (const [q, meaning] of leaveOwed)
    for (const asker of ["E003", "E017", "E025", "E043", "E007"])
      add(asker, /[\u4e00-\u9fff]/.test(q) ? "zh-CN" : "en", q, meaning);
  // Session 8: the kinds the third independent set missed, in words written here.
  const p = (code: string, lang: "zh-CN" | "en") => (lang === "zh-CN" ? person(code).name! : person(code).name_en!);
  const session8: [string[], string, Meaning][] = [
    [["E003", "E043"], "how many people work in pudong", { ask: "staff-count", unit: "BR2-01" }],
    [["E017", "E034"], "staff count for haidian", { ask: "staff-count", unit: "BR1-02" }],
    [["E003", "E021"], "徐汇支行有几名员工", { ask: "staff-count", unit: "BR2-02" }],
    [["E025", "E043"], "我们部门有多少员工", { ask: "staff-count" }],
    [["E021", "E001"], "number of employees in shanghai branch", { ask: "staff-count", unit: "BR2" }],
    [["E001", "E003"], "全行员工总数", { ask: "staff-count" }],
    [["E017"], "朝阳支行职员人数", { ask: "staff-count", unit: "BR1-01" }],
    [["E005", "E043"], "有多少人在浦东支行上班", { ask: "staff-count", unit: "BR2-01" }],
    [["E025"], "how many staff do we have", { ask: "staff-count" }],
    [["E003", "E021"], "list all employees in xuhui", { ask: "staff-count", unit: "BR2-02", list: true }],
    [["E043"], "who works in pudong", { ask: "staff-count", unit: "BR2-01", list: true }],
    [["E005", "E017"], "海淀支行都有哪些员工", { ask: "staff-count", unit: "BR1-02", list: true }],
    [["E001", "E017"], "rotations due next quarter", { ask: "due", days: 90 }],
    [["E003", "E043"], "一个季度内到期的轮岗", { ask: "due", days: 90 }],
    [["E003", "E021"], "when was the xuhui teller appointed", { ask: "post-holder", post: "P-BR2-02-TELLER" }],
    [["E003", "E017"], "who skipped their mandatory leave", { ask: "leave-owed", owed: "overdue" }],
    [["E001", "E043"], "who hasn't had mandatory leave yet", { ask: "leave-owed", owed: "overdue" }],
    [["E003", "E043"], "who must go on compulsory leave within 60 days", { ask: "leave-owed", owed: "due", days: 60 }],
    [["E003", "E021"], "今年还有谁要轮岗", { ask: "due", days: 30 }],
    [["E001", "E017"], "anyone past their rotation date?", { ask: "overdue" }],
    [["E003", "E017"], "people exceeding tenure in haidian", { ask: "overdue", unit: "BR1-02" }],
    [["E001", "E043"], "how many tellers are there", { ask: "role-list", list: "posts", role: "柜员" }],
    [["E021", "E001"], "浦东支行有几个客户经理", { ask: "role-list", list: "posts", role: "客户经理", unit: "BR2-01" }],
    [["E003", "E017"], "60天内需要安排强制休假的员工", { ask: "leave-owed", owed: "due", days: 60 }],
    [["E003", "E043"], "whose compulsory leave falls due within 60 days", { ask: "leave-owed", owed: "due", days: 60 }],
    [["E001", "E017"], "who hasn't taken mandatory leave on time", { ask: "leave-owed", owed: "overdue" }],
    [["E003", "E021"], "徐汇支行两个月内要强休的", { ask: "leave-owed", owed: "due", days: 60, unit: "BR2-02" }],
    [["E017", "E043"], "正在强修的人", { ask: "on-leave" }],
    [["E034", "E017"], `${p("E035", "zh-CN")}最多还能在这个岗干到什么时候`, { ask: "person-left", person: "E035" }],
    [["E017", "E001"], `${p("E030", "zh-CN")}从哪一天开始做这个岗位的`, { ask: "person-start", person: "E030" }],
    [["E001", "E003"], `${p("E046", "en")} - how long may they stay in post`, { ask: "person-left", person: "E046" }],
    [["E017", "E034"], `${p("E040", "en")}: when did he start in the job`, { ask: "person-start", person: "E040" }],
    [["E043", "E003"], `${p("E047", "zh-CN")}的强制休假最晚哪天前休`, { ask: "person-leave-due", person: "E047" }],
    [["E043", "E001"], `${p("E048", "zh-CN")}什么时候该休强制假`, { ask: "person-leave-due", person: "E048" }],
    [["E003", "E021"], `wen is ${p("E053", "en")} due to rotate`, { ask: "person-due", person: "E053" }],
    [["E003", "E021"], "overdue rotations in xuhui, no wait, pudong", { ask: "overdue", unit: "BR2-01" }],
    [["E001", "E017"], "who is due within 60 days, no wait 30", { ask: "due", days: 30 }],
    [["E003", "E021"], "徐汇支行30天内到期的 哦不对 60天内", { ask: "due", days: 60, unit: "BR2-02" }],
    [["E043", "E021"], "浦东支行柜员是谁 不对 是客户经理", { ask: "post-holder", post: "P-BR2-01-RM" }],
    [
      ["E017", "E001"],
      "the haidian credit officer? no wait, the chaoyang one",
      { ask: "post-holder", post: "P-BR1-01-CREDIT" },
    ],
    [["E003", "E043"], "overdue rotations in pudnog", { ask: "overdue", unit: "BR2-01" }],
    [["E017", "E001"], "haidain status", { ask: "unit-status", unit: "BR1-02" }],
    [["E001", "E021"], "shangahi branch overdue rotations", { ask: "overdue", unit: "BR2" }],
    [["E001", "E017"], "teh tellers overdue for rotation", { ask: "role-list", list: "overdue", role: "柜员" }],
    [["E003", "E017"], "which tellers are past thier limit", { ask: "role-list", list: "overdue", role: "柜员" }],
    [["E001", "E017"], "breaches of tenure in beijing", { ask: "overdue", unit: "BR1" }],
    [["E003", "E021"], "numbr of clients in xuhui", { ask: "unit-clients", unit: "BR2-02" }],
    [["E003", "E021"], "xuhui支行 clients how many", { ask: "unit-clients", unit: "BR2-02" }],
    [["E025"], "北京恒通商贸 客户经理", { ask: "client-manager", client: "C001" }],
    [["E043"], "Shanghai Jinqiao Manufacturing relationship manager?", { ask: "client-manager", client: "C033" }],
    [["E043", "E003"], "上海天成物业谁在维护", { ask: "client-manager", client: "C040" }],
    [["E025"], "who's the RM for Beijing Huaxin Technology", { ask: "client-manager", client: "C002" }],
    [["E001", "E017"], "who is working the vault posts", { ask: "role-list", list: "holders", role: "库管" }],
    [["E003", "E021"], "who holds the vault keys in xuhui", { ask: "post-holder", post: "P-BR2-02-VAULT" }],
    [["E001", "E017"], "管库的都有谁", { ask: "role-list", list: "holders", role: "库管" }],
    [["E001", "E043"], "how many vault posts", { ask: "role-list", list: "posts", role: "库管" }],
    [["E001", "E017"], "授权类岗位超期的有谁", { ask: "role-list", list: "overdue", category: "authority" }],
    [["E043", "E003"], "who sits in the key seats in pudong", { ask: "holders", unit: "BR2-01" }],
    [["E003", "E021"], "how is xuhui doing on rotation", { ask: "overdue-or-due", days: 90, unit: "BR2-02" }],
    [["E043", "E021"], "浦东支行的轮岗情况如何", { ask: "overdue-or-due", days: 90, unit: "BR2-01" }],
    [["E043", "E003"], "浦东支行柜员岗位的任职期限", { ask: "post-due", post: "P-BR2-01-TELLER" }],
    [["E003", "E021"], "tenure limit of the xuhui vault keeper post", { ask: "post-due", post: "P-BR2-02-VAULT" }],
  ];
  // Session 9: the kinds the fourth independent set missed, in words written here (never its own).
  const session9: [string[], string, Meaning][] = [
    // Short slips: a swap in a three- or four-letter word, a zero for the letter o, 水/睡 for 谁.
    [["E003", "E017"], "how mnay people work in haidian", { ask: "staff-count", unit: "BR1-02" }],
    [["E001", "E043"], "h0w many staff in pudong", { ask: "staff-count", unit: "BR2-01" }],
    [["E001", "E021"], "wh0 holds P-BR2-01-RM", { ask: "post-holder", post: "P-BR2-01-RM" }],
    [["E017", "E034"], "list key psot holders in chaoyang", { ask: "holders", unit: "BR1-01" }],
    [["E001", "E021"], "how many key psots does xuhui have", { ask: "key-posts", unit: "BR2-02" }],
    [["E003", "E043"], "since when has Yang Zhao been in teh psot", { ask: "person-start", person: "E048" }],
    [["E001", "E017"], "r0tation deadline for Tao Wu", { ask: "person-due", person: "E029" }],
    [["E017", "E034"], "how mcuh longer can Lei Lin stay put", { ask: "person-left", person: "E038" }],
    [["E043", "E001"], "水负责上海天成物业有限公司", { ask: "client-manager", client: "C040" }],
    [["E025", "E017"], "朝阳支行柜员是水", { ask: "post-holder", post: "P-BR1-01-TELLER" }],
    [["E043", "E021"], "现在睡在当浦东支行库管员", { ask: "post-holder", post: "P-BR2-01-VAULT" }],
    [["E034", "E017"], "胡艳任职道期日是哪天", { ask: "person-due", person: "E035" }],
    [["E052", "E021"], "马海燕轮岗倒期日", { ask: "person-due", person: "E053" }],
    [["E017", "E034"], "林磊再岗起始日期", { ask: "person-start", person: "E038" }],
    // A post by its code, asked its rotation date: its holder, with the date.
    [["E017", "E025"], "when does P-BR1-01-RM have to rotate", { ask: "post-due", post: "P-BR1-01-RM" }],
    [["E043", "E021"], "p-br2-01-teller 轮岗到期日", { ask: "post-due", post: "P-BR2-01-TELLER" }],
    [["E001", "E017"], "P-BR1-RISK什么时候要轮岗", { ask: "post-due", post: "P-BR1-RISK" }],
    [["E052", "E003"], "rotation due date of p-br2-02-credit", { ask: "post-due", post: "P-BR2-02-CREDIT" }],
    [["E021", "E001"], "tenure deadline for P-BR2-RISK", { ask: "post-due", post: "P-BR2-RISK" }],
    [["E034", "E017"], "p-br1-02-acct 最晚哪天轮岗", { ask: "post-due", post: "P-BR1-02-ACCT" }],
    [["E001", "E003"], "P-BR1-HEAD 任期到什么时候", { ask: "post-due", post: "P-BR1-HEAD" }],
    // A post by its role and unit, asked "由谁担任", "在…岗位上", "these days".
    [["E052", "E021"], "徐汇支行会计主管由谁担任", { ask: "post-holder", post: "P-BR2-02-ACCT" }],
    [["E001", "E021"], "上海分行行长由谁担任", { ask: "post-holder", post: "P-BR2-HEAD" }],
    [["E025", "E017"], "朝阳支行库管员岗位上现在是谁", { ask: "post-holder", post: "P-BR1-01-VAULT" }],
    [["E034", "E001"], "目前谁在海淀支行客户经理岗位上", { ask: "post-holder", post: "P-BR1-02-RM" }],
    [["E043", "E003"], "who's doing the pudong teller job these days", { ask: "post-holder", post: "P-BR2-01-TELLER" }],
    [["E052", "E021"], "who is doing xuhui vault keeper nowadays", { ask: "post-holder", post: "P-BR2-02-VAULT" }],
    [
      ["E025", "E017"],
      "who's the chaoyang credit officer at the moment",
      { ask: "post-holder", post: "P-BR1-01-CREDIT" },
    ],
    [["E034", "E003"], "海淀支行信贷员由哪位担任", { ask: "post-holder", post: "P-BR1-02-CREDIT" }],
    // One person's dates: "从哪天开始在现岗位", "起始日期", "until when".
    [["E034", "E017"], "胡艳从哪天开始在现岗位", { ask: "person-start", person: "E035" }],
    [["E052", "E021"], "何芳在岗起始日期", { ask: "person-start", person: "E057" }],
    [["E043", "E003"], "赵洋现岗位起始时间", { ask: "person-start", person: "E048" }],
    [["E017", "E034"], "until when can Ming Gao stay in his post", { ask: "person-left", person: "E039" }],
    [["E025", "E001"], "till when may Haiyan Zhou stay", { ask: "person-left", person: "E030" }],
    [["E052", "E003"], "郭志强在现在的岗位上能干到哪天", { ask: "person-left", person: "E056" }],
    [["E043", "E021"], "up to when can Na Liu stay in post", { ask: "person-left", person: "E044" }],
    // Clients counted per unit ("客户数量"), a unit's posts as a whole ("岗位情况").
    [["E043", "E021"], "浦东支行客户数量", { ask: "unit-clients", unit: "BR2-01" }],
    [["E017", "E001"], "海淀支行客户总数", { ask: "unit-clients", unit: "BR1-02" }],
    [["E021", "E003"], "徐汇支行客护数量是多少", { ask: "unit-clients", unit: "BR2-02" }],
    [["E043", "E021"], "浦东支行的岗位情况", { ask: "holders", unit: "BR2-01" }],
    [["E017", "E025"], "朝阳支行岗位一览", { ask: "holders", unit: "BR1-01" }],
    [["E003", "E052"], "xuhui posts overview", { ask: "holders", unit: "BR2-02" }],
    // Self-corrections by a bare "sorry", a hesitation (呃, 嗯, uh) between two subjects.
    [["E001", "E017"], "who serves C029 - sorry C004", { ask: "client-manager", client: "C004" }],
    [["E001", "E017"], "E026 sorry E031 rotation due", { ask: "person-due", person: "E031" }],
    [["E021", "E001"], "浦东支行 呃 徐汇支行 谁轮岗超期", { ask: "overdue", unit: "BR2-02" }],
    [["E001", "E003"], "pudong uh haidian overdue rotations", { ask: "overdue", unit: "BR1-02" }],
    [["E017", "E001"], "嗯 北京分行 超期的有谁", { ask: "overdue", unit: "BR1" }],
    [["E001", "E021"], "xuhui um pudong key post holders", { ask: "holders", unit: "BR2-01" }],
    // A unit by its abbreviation: pinyin initials before a unit's word, 北分 / 浦支.
    [["E001", "E017"], "bj branch who is overdue", { ask: "overdue", unit: "BR1" }],
    [["E001", "E021"], "sh branch key post holders", { ask: "holders", unit: "BR2" }],
    [["E017", "E003"], "北分超期轮岗名单", { ask: "overdue", unit: "BR1" }],
    [["E021", "E001"], "上分关键岗位人员", { ask: "holders", unit: "BR2" }],
    [["E043", "E021"], "浦支柜员是谁", { ask: "post-holder", post: "P-BR2-01-TELLER" }],
    [["E003", "E017"], "hd sub-branch rotations due within 90 days", { ask: "due", days: 90, unit: "BR1-02" }],
    [["E052", "E001"], "xh branch staff count", { ask: "staff-count", unit: "BR2-02" }],
    // Overdue in other words: should have rotated but did not.
    [["E001", "E017"], "应轮未轮的人员", { ask: "overdue" }],
    [["E003", "E021"], "该换岗了还没换的有谁", { ask: "overdue" }],
    [["E043", "E001"], "浦东支行应该轮岗但一直没轮的", { ask: "overdue", unit: "BR2-01" }],
    [["E017", "E003"], "海淀有人该轮没轮吗", { ask: "overdue", unit: "BR1-02" }],
    // Chat that names a unit or looks like a name, but asks nothing of Keypost.
    [["E001", "E043"], "今晚加班到几点", { ask: "off-topic" }],
    [["E003", "E021"], "年终奖什么时候发", { ask: "off-topic" }],
    [["E017", "E052"], "报销流程怎么走", { ask: "off-topic" }],
    [["E001", "E003"], "明天团建去哪", { ask: "off-topic" }],
    [["E021", "E001"], "周末去浦东玩", { ask: "off-topic" }],
    [["E003", "E043"], "what hotels are near the xuhui branch", { ask: "off-topic" }],
    [["E001", "E017"], "is the shanghai branch car park full", { ask: "off-topic" }],
    [["E034", "E001"], "send the haidian team a birthday card", { ask: "off-topic" }],
    // Holders by time served in post: more than, at least, less than, between (months or years).
    [["E001", "E043"], "who has been in their post for more than two years", { ask: "tenure", min: 24 }],
    [["E003", "E017"], "在岗超过两年的有哪些人", { ask: "tenure", min: 24 }],
    [["E017", "E034"], "海淀支行任职不满一年的人员", { ask: "tenure", max: 12, unit: "BR1-02" }],
    [["E001", "E021"], "holders with 3 years or more in the same post", { ask: "tenure", min: 36, minIn: true }],
    [["E003", "E043"], "在同一岗位三年以上的名单", { ask: "tenure", min: 36, minIn: true }],
    [["E001", "E017"], "who has held a key post for less than 6 months", { ask: "tenure", max: 6 }],
    [
      ["E021", "E001"],
      "shanghai branch staff in post between 1 and 2 years",
      { ask: "tenure", min: 12, minIn: true, max: 24, maxIn: true, unit: "BR2" },
    ],
    [["E003", "E017"], "任职1到3年之间的关键岗位人员", { ask: "tenure", min: 12, minIn: true, max: 36, maxIn: true }],
    [["E001", "E043"], "how many people have been in post over 18 months", { ask: "tenure", min: 18, count: true }],
    [["E017", "E001"], "在岗满两年的有几个人", { ask: "tenure", min: 24, minIn: true, count: true }],
    [["E001", "E003"], "tellers in the job under a year", { ask: "tenure", max: 12, role: "柜员" }],
    [["E001", "E021"], "客户经理在岗超过两年的", { ask: "tenure", min: 24, role: "客户经理" }],
    [
      ["E043", "E021"],
      "pudong people sitting in the same seat at least 2 yrs",
      { ask: "tenure", min: 24, minIn: true, unit: "BR2-01" },
    ],
    [["E001", "E017"], "在岗时间不到半年的有谁", { ask: "tenure", max: 6 }],
    // Who covers for someone on leave: their leaves' substitutes (none in the demo bank: the answer says so).
    [["E043", "E021"], "who covers for Wei Huang", { ask: "cover", person: "E047" }],
    [["E025", "E017"], "杨超的代岗人是谁", { ask: "cover", person: "E026" }],
    [["E034", "E001"], "谁替林磊顶岗", { ask: "cover", person: "E038" }],
    [["E052", "E021"], "who is standing in for Haiyan Ma while she is away", { ask: "cover", person: "E053" }],
    [["E043", "E003"], "who's Chao Wu's substitute", { ask: "cover", person: "E049" }],
    [["E017", "E025"], "徐敏休假期间谁代岗", { ask: "cover", person: "E031" }],
    [["E021", "E043"], "who fills in for E044 during her leave", { ask: "cover", person: "E044" }],
    [["E034", "E052"], "胡艳休假的时候谁顶班", { ask: "cover", person: "E035" }],
    // Kinds no set has asked yet, probed here (session 9): time served asked of one person, a tenure's
    // end, clients "booked" or counted by 家, a team's size, a RM asked with "who" before a client's
    // name, a unit corrected in place, 哪个客户经理负责 + a client.
    [["E043", "E021"], "黄伟哪年哪月上岗的", { ask: "person-start", person: "E047" }],
    [["E043", "E001"], "黄伟在库管员岗位上干了多久了", { ask: "person-start", person: "E047" }],
    [["E017", "E034"], "how long has Ming Gao been in the credit post", { ask: "person-start", person: "E039" }],
    [["E017", "E034"], "罗丽娟的任期几号结束", { ask: "person-due", person: "E040" }],
    [["E001", "E043"], "number of customers booked at pudong", { ask: "unit-clients", unit: "BR2-01" }],
    [["E017", "E025"], "朝阳支行客户有几家", { ask: "unit-clients", unit: "BR1-01" }],
    [["E052", "E043"], "我们支行一共几个人", { ask: "staff-count" }],
    [["E052", "E034"], "how big is my team", { ask: "staff-count" }],
    [["E025", "E043"], "who's the rm on beijing jiahe grain and oil", { ask: "client-manager", client: "C014" }],
    [["E034"], "Beijing Jiahe Grain & Oil - who's the RM", { ask: "client-manager", client: "C028" }],
    [["E025"], "哪个客户经理负责北京嘉禾粮油", { ask: "client-manager", client: "C014" }],
    [["E001", "E017"], "谁在朝阳支行当柜员，哦不，海淀支行", { ask: "post-holder", post: "P-BR1-02-TELLER" }],
    [["E017", "E001"], "谁在海淀支行当库管员", { ask: "post-holder", post: "P-BR1-02-VAULT" }],
    [["E052", "E021"], "when did the xuhui teller start", { ask: "post-start", post: "P-BR2-02-TELLER" }],
    [["E052", "E001"], "徐汇支行柜员哪天上岗的", { ask: "post-start", post: "P-BR2-02-TELLER" }],
    [
      ["E034", "E017"],
      "since when has the haidian accounting supervisor held the post",
      { ask: "post-start", post: "P-BR1-02-ACCT" },
    ],
    [["E043", "E021"], "when did the pudong RM take over", { ask: "post-start", post: "P-BR2-01-RM" }],
    [["E025", "E017"], "朝阳支行信贷员是从什么时候开始任职的", { ask: "post-start", post: "P-BR1-01-CREDIT" }],
    [["E052", "E021"], "Accounting Supervisor, Xuhui - who?", { ask: "post-holder", post: "P-BR2-02-ACCT" }],
    [["E001", "E017"], "when is E017 due... actually E018", { ask: "person-due", person: "E018" }],
    [["E043", "E021"], "强制休假快到期的有谁", { ask: "leave-owed", owed: "due" }],
    [["E001", "E043"], "who has mandatory leave coming up soon", { ask: "leave-owed", owed: "due" }],
    [["E017", "E001"], "北京分行一把手是谁", { ask: "post-holder", post: "P-BR1-HEAD" }],
    [["E021", "E003"], "上海分行的一把手", { ask: "post-holder", post: "P-BR2-HEAD" }],
    // Two units in one list or count, joined by "and" / "和" / "与".
    [["E001", "E021"], "overdue rotations in pudong and xuhui", { ask: "overdue", unit: "BR2-01", also: ["BR2-02"] }],
    [["E001", "E017"], "朝阳支行和海淀支行超期轮岗的有谁", { ask: "overdue", unit: "BR1-01", also: ["BR1-02"] }],
    [["E001", "E017"], "海淀与朝阳支行30天内到期的轮岗", { ask: "due", days: 30, unit: "BR1-02", also: ["BR1-01"] }],
    [["E001", "E021"], "浦东支行和徐汇支行的关键岗位人员", { ask: "holders", unit: "BR2-01", also: ["BR2-02"] }],
    [
      ["E001", "E003"],
      "how many staff in pudong and haidian",
      { ask: "staff-count", unit: "BR2-01", also: ["BR1-02"] },
    ],
    [
      ["E017", "E001"],
      "clients in chaoyang and haidian, how many",
      { ask: "unit-clients", unit: "BR1-01", also: ["BR1-02"] },
    ],
    [
      ["E001", "E003"],
      "who is due within 90 days in beijing branch or shanghai branch",
      { ask: "due", days: 90, unit: "BR1", also: ["BR2"] },
    ],
    [["E043", "E001"], "pudong & xuhui key post holders", { ask: "holders", unit: "BR2-01", also: ["BR2-02"] }],
    [["E001", "E017"], "海淀、朝阳支行超期轮岗", { ask: "overdue", unit: "BR1-02", also: ["BR1-01"] }],
    [["E001", "E017"], "Haidian, Chaoyang overdue", { ask: "overdue", unit: "BR1-02", also: ["BR1-01"] }],
    [["E001", "E021"], "pudong/xuhui key post holders", { ask: "holders", unit: "BR2-01", also: ["BR2-02"] }],
    [["E001", "E021"], "浦东，徐汇支行员工人数", { ask: "staff-count", unit: "BR2-01", also: ["BR2-02"] }],
    [["E001", "E021"], "徐汇支行及浦东支行轮岗超期人数", { ask: "overdue-count", unit: "BR2-02", also: ["BR2-01"] }],
  ];
  // Session 10: the classes independent-5 missed, in phrasings written here (never its items): pinyin
  // slips of role and question words, horizons named by a holiday, a month's end or a quarter, numbers
  // as words, corrections by 改成 / 我要问 / "make it", rotation and leave in other words, a named
  // person's handover day, "whose book", a unit beside a client's name, chat that reads like pinyin.
  const session10: [string[], string, Meaning][] = [
    // Slips of role and question words.
    [["E025", "E017"], "朝阳支行的裤管员是谁", { ask: "post-holder", post: "P-BR1-01-VAULT" }],
    [["E043", "E021"], "浦东支行酷管员现在是谁", { ask: "post-holder", post: "P-BR2-01-VAULT" }],
    [["E034", "E001"], "海淀支行会计主观是哪位", { ask: "post-holder", post: "P-BR1-02-ACCT" }],
    [["E052", "E004"], "徐汇支行会计主关是谁", { ask: "post-holder", post: "P-BR2-02-ACCT" }],
    [["E043", "E021"], "浦东支行客户经里是谁", { ask: "post-holder", post: "P-BR2-01-RM" }],
    [["E052", "E021"], "徐汇支行贵员是谁", { ask: "post-holder", post: "P-BR2-02-TELLER" }],
    [["E034"], "我们支行的贵员", { ask: "post-holder", post: "P-BR1-02-TELLER" }],
    [["E025"], "我们支行库管员是谁", { ask: "post-holder", post: "P-BR1-01-VAULT" }],
    [["E043"], "本支行的客户经理", { ask: "post-holder", post: "P-BR2-01-RM" }],
    [["E001", "E003"], "全行柜员明单", { ask: "role-list", list: "holders", role: "柜员" }],
    [["E001", "E005"], "全行的库管员有哪些人", { ask: "role-list", list: "holders", role: "库管" }],
    [["E017", "E001"], "北京分行所有信贷员", { ask: "role-list", list: "holders", role: "信贷", unit: "BR1" }],
    [["E021", "E004"], "上海分行的贵员都有谁", { ask: "role-list", list: "holders", role: "柜员", unit: "BR2" }],
    [["E043", "E021"], "浦东支行有多烧客户", { ask: "unit-clients", unit: "BR2-01" }],
    [["E052", "E001"], "BR2-02有多烧个客户", { ask: "unit-clients", unit: "BR2-02" }],
    [["E001", "E003"], "30天内应休强智假的有谁", { ask: "leave-owed", owed: "due", days: 30 }],
    [["E021", "E004"], "强治假逾期的人员", { ask: "leave-owed", owed: "overdue" }],
    [["E025", "E017"], "whois the teller in chaoyang", { ask: "post-holder", post: "P-BR1-01-TELLER" }],
    [["E001", "E005"], "wich tellers are overdue", { ask: "role-list", list: "overdue", role: "柜员" }],
    [["E017", "E001"], "since wen has Ming Gao held the credit post", { ask: "person-start", person: "E039" }],
    [["E043", "E021"], "waht is the status of Wei Huang", { ask: "person-status", person: "E047" }],
    // My unit in Chinese ("我们支行", "本支行", "我分行").
    [["E025"], "我们支行有几个客户", { ask: "unit-clients" }],
    [["E034"], "本支行客户数", { ask: "unit-clients" }],
    [["E017"], "我分行超期轮岗名单", { ask: "overdue" }],
    [["E021"], "我们分行30天内到期的轮岗", { ask: "due", days: 30 }],
    [["E052"], "我们支行有多少员工", { ask: "staff-count" }],
    // Horizons named by a holiday, a month's end, a quarter, before next month; numbers as words.
    [["E001", "E017"], "who has to rotate before christmas", { ask: "due", days: 23 }],
    [["E025", "E001"], "rotations due by xmas", { ask: "due", days: 24 }],
    [["E001", "E003"], "圣诞节前到期的轮岗", { ask: "due", days: 23 }],
    [["E017", "E001"], "元旦前要轮岗的人", { ask: "due", days: 30 }],
    [["E001", "E005"], "anyone due before new year", { ask: "due", days: 30 }],
    [["E001", "E021"], "春节前到期的轮岗有哪些", { ask: "due", days: 77 }],
    [["E001", "E017"], "rotations due before chinese new year", { ask: "due", days: 77 }],
    [["E001", "E003"], "国庆前到期的轮岗", { ask: "due", days: 303 }],
    [["E001", "E017"], "who is due by the end of march", { ask: "due", days: 120 }],
    [["E017", "E001"], "3月底前要轮岗的", { ask: "due", days: 120 }],
    [["E001", "E021"], "二月底之前到期的轮岗", { ask: "due", days: 89 }],
    [["E001", "E005"], "who must rotate before march", { ask: "due", days: 89 }],
    [["E001", "E003"], "rotations due in Q1", { ask: "due", days: 120 }],
    [["E001", "E017"], "一季度到期的轮岗", { ask: "due", days: 120 }],
    [["E001", "E021"], "first quarter rotation deadlines", { ask: "due", days: 120 }],
    [["E043", "E021"], "浦东支行下月前要轮岗的", { ask: "due", days: 30, unit: "BR2-01" }],
    [["E025", "E017"], "anyone in chaoyang due before next month", { ask: "due", days: 30, unit: "BR1-01" }],
    [["E001", "E003"], "月底前到期的轮岗", { ask: "due", days: 30 }],
    [["E001", "E017"], "who is due within ten days", { ask: "due", days: 10 }],
    [["E001", "E005"], "rotations due in the next three weeks", { ask: "due", days: 21 }],
    [["E001", "E021"], "due within sixty days", { ask: "due", days: 60 }],
    // Corrections by 改成 / 我要问 / "make it" / "change it to", and after a unit with a slip.
    [["E001", "E021"], "海淀 改成徐汇 超期轮岗", { ask: "overdue", unit: "BR2-02" }],
    [["E001", "E017"], "朝阳支行的员工人数 不对 我要问海淀支行的", { ask: "staff-count", unit: "BR1-02" }],
    [["E001", "E003"], "浦东支行客户数 我想问的是徐汇支行", { ask: "unit-clients", unit: "BR2-02" }],
    [["E001", "E005"], "due within 30 days, make it 60", { ask: "due", days: 60 }],
    [["E001", "E017"], "rotations due in 90 days - change it to 30", { ask: "due", days: 30 }],
    [
      ["E001", "E021"],
      "who is the vault keeper in xuhiu sorry i mean pudong",
      { ask: "post-holder", post: "P-BR2-01-VAULT" },
    ],
    // Rotation in other words: moved off / to another post, time in the seat is up, longer than allowed.
    [["E001", "E005"], "who has to be moved to a different post in the next 30 days", { ask: "due", days: 30 }],
    [["E025", "E017"], "which of my people need to be rotated within 60 days", { ask: "due", days: 60 }],
    [["E001", "E003"], "who must move off their seat within 90 days", { ask: "due", days: 90 }],
    [["E001", "E017"], "whose time in the post is up within 30 days", { ask: "due", days: 30 }],
    [["E001", "E005"], "who has stayed in the job longer than the rules allow", { ask: "overdue" }],
    [["E017", "E001"], "who is sitting in a seat past the maximum tenure", { ask: "overdue" }],
    [["E001", "E021"], "到了年限还没轮岗的有谁", { ask: "overdue" }],
    [["E001", "E003"], "谁到了轮岗年限还没换岗", { ask: "overdue" }],
    [["E001", "E005"], "哪些人该轮岗了还没挪窝", { ask: "overdue" }],
    [
      ["E001", "E017"],
      "which relationship managers are past their rotation date",
      { ask: "role-list", list: "overdue", role: "客户经理" },
    ],
    [["E001", "E003"], "客户经理里超期没轮岗的", { ask: "role-list", list: "overdue", role: "客户经理" }],
    // Mandatory leave in other words: forced leave, over a year without, due for.
    [["E001", "E003"], "who hasn't had forced leave for over a year", { ask: "leave-owed", owed: "overdue" }],
    [["E021", "E004"], "我分行一年多没休强制假的有谁", { ask: "leave-owed", owed: "overdue" }],
    [["E001", "E005"], "超过一年没休强制休假的人员", { ask: "leave-owed", owed: "overdue" }],
    [
      ["E001", "E003"],
      "who is due for compulsory leave in the next 60 days",
      { ask: "leave-owed", owed: "due", days: 60 },
    ],
    [["E001", "E017"], "90天内到期的强制休假", { ask: "leave-owed", owed: "due", days: 90 }],
    // One person's dates: the handover day, how long allowed in a seat, 做X做到哪天, be sent on leave.
    [["E025", "E017"], "when does Qiang Zhao have to hand over his post", { ask: "person-due", person: "E028" }],
    [["E043", "E021"], "黄伟最晚哪天要交接", { ask: "person-due", person: "E047" }],
    [["E025", "E001"], "周海燕最迟什么时候交接离岗", { ask: "person-due", person: "E030" }],
    [["E034", "E017"], "how long is Lijuan Luo allowed to stay in the RM seat", { ask: "person-due", person: "E040" }],
    [["E043", "E021"], "刘娜在柜员岗上还能待到什么时候", { ask: "person-due", person: "E044" }],
    [["E034", "E001"], "高明做信贷员做到哪天为止", { ask: "person-due", person: "E039" }],
    [["E043", "E001"], "when should Chao Wu be sent on compulsory leave", { ask: "person-leave-due", person: "E049" }],
    [["E025", "E017"], "徐敏应该什么时候休强制假", { ask: "person-leave-due", person: "E031" }],
    [["E034", "E001"], "林磊什么时候需要休强制休假", { ask: "person-leave-due", person: "E038" }],
    // A post's status by its code.
    [["E025", "E001"], "status of p-br1-01-teller", { ask: "post-due", post: "P-BR1-01-TELLER" }],
    [["E043", "E021"], "P-BR2-01-CREDIT 状态", { ask: "post-due", post: "P-BR2-01-CREDIT" }],
    // Clients: whose book, on the books, a unit beside a client's name.
    [["E043", "E021"], "whose book is Shanghai Jinqiao Manufacturing in", { ask: "client-manager", client: "C033" }],
    [["E001", "E021"], "in whose portfolio is Shanghai Huaxin Technology", { ask: "client-manager", client: "C030" }],
    [["E025"], "how many clients do we have on the books", { ask: "unit-clients" }],
    [["E052"], "number of customers on our books", { ask: "unit-clients" }],
    [["E043", "E021"], "浦东的客户上海华信科技归谁管", { ask: "client-manager", client: "C030" }],
    [["E043", "E021"], "浦东支行的客户上海金桥制造是哪个客户经理负责", { ask: "client-manager", client: "C033" }],
    // Key posts in other words.
    [["E017", "E001"], "how many sensitive posts in beijing branch", { ask: "key-posts", unit: "BR1" }],
    [["E021", "E001"], "上海分行有多少个敏感岗位", { ask: "key-posts", unit: "BR2" }],
    // independent-7's classes, in phrasings written here: mixed Chinese and English around a client,
    // "in the current post", "no I mean", "has not taken … on time", 超限, 岗为, 沪分 / 京分, 名下几家客户.
    [["E043", "E021"], "who 负责 Shanghai Jinqiao Manufacturing", { ask: "client-manager", client: "C033" }],
    [["E043", "E001"], "who 管 上海华信科技", { ask: "client-manager", client: "C030" }],
    [["E025"], "北京嘉禾粮油 的 RM 是哪位", { ask: "client-manager", client: "C014" }],
    [["E043", "E021"], "Shanghai Huaxin Technology 的客户经理是谁", { ask: "client-manager", client: "C030" }],
    [["E001", "E021"], "hw many clients in pudong", { ask: "unit-clients", unit: "BR2-01" }],
    [["E001", "E021"], "hw many staff in xuhui", { ask: "staff-count", unit: "BR2-02" }],
    [["E017", "E034"], "Ming Gao since when in post", { ask: "person-start", person: "E039" }],
    [["E017", "E001"], "高明 从什么时候 in post", { ask: "person-start", person: "E039" }],
    [["E043", "E021"], "since when is Na Liu in the current post", { ask: "person-start", person: "E044" }],
    [["E043", "E021"], "when did Chao Wu take up his current role", { ask: "person-start", person: "E049" }],
    [["E043", "E021"], "how long can Wei Huang stay in his present post", { ask: "person-due", person: "E047" }],
    [["E001", "E017"], "how long may Tao Wu stay in the current post", { ask: "person-due", person: "E029" }],
    [["E001", "E017"], "when is E026 due, no I meant E028", { ask: "person-due", person: "E028" }],
    [["E001", "E003"], "overdue in haidian, no I mean chaoyang", { ask: "overdue", unit: "BR1-01" }],
    [["E001", "E005"], "who didn't take mandatory leave in time", { ask: "leave-owed", owed: "overdue" }],
    [
      ["E001", "E017"],
      "who in beijing has not taken their mandatory leave on time",
      { ask: "leave-owed", owed: "overdue", unit: "BR1" },
    ],
    [["E001", "E003"], "全行任期超限的人", { ask: "overdue" }],
    [["E001", "E017"], "北京分行任职超限的有哪些", { ask: "overdue", unit: "BR1" }],
    [["E043", "E021"], "谁在浦东柜员这个岗为上", { ask: "post-holder", post: "P-BR2-01-TELLER" }],
    [["E001", "E021"], "沪分超期轮岗", { ask: "overdue", unit: "BR2" }],
    [["E001", "E017"], "京分行30天内到期的轮岗", { ask: "due", days: 30, unit: "BR1" }],
    [["E001", "E021"], "沪分行有多少客户", { ask: "unit-clients", unit: "BR2" }],
    [["E001", "E017"], "北京分行名下有几家客户", { ask: "unit-clients", unit: "BR1" }],
    [["E001", "E005"], "全行一共多少家客户", { ask: "unit-clients" }],
    // Lengths in words: a fortnight, half a year, a year.
    [["E001", "E017"], "who must rotate within a fortnight", { ask: "due", days: 14 }],
    [["E001", "E003"], "半年内到期的轮岗", { ask: "due", days: 182 }],
    [["E001", "E021"], "rotations due within half a year", { ask: "due", days: 182 }],
    [["E001", "E005"], "一年内到期的轮岗有哪些", { ask: "due", days: 365 }],
    [["E001", "E017"], "徐汇那边怎么样了", { ask: "unit-status", unit: "BR2-02" }],
    // Probed in session 10 (phrasings of the brief's kinds written here): a client's name that begins
    // with a city above the asker's unit, "every RM", "th", "hwo many", a person's last leave, the
    // worklist asked as "who should I worry about" (overdue or due within 90 days).
    [["E043"], "shanghai jinqiao - who's the rm", { ask: "client-manager", client: "C033" }],
    [["E043"], "Shanghai Huaxin Technology, who's their RM", { ask: "client-manager", client: "C030" }],
    [["E001", "E005"], "every RM in the bank", { ask: "role-list", list: "holders", role: "客户经理" }],
    [["E001", "E021"], "who is th teller in xuhui", { ask: "post-holder", post: "P-BR2-02-TELLER" }],
    [["E001", "E021"], "hwo many clients in pudong", { ask: "unit-clients", unit: "BR2-01" }],
    [["E043", "E021"], "黄伟上次休强制假是什么时候", { ask: "person-leave-due", person: "E047" }],
    [["E025", "E017"], "when did Qiang Zhao last take mandatory leave", { ask: "person-leave-due", person: "E028" }],
    [["E001", "E003"], "who should I worry about", { ask: "overdue-or-due", days: 90 }],
    [["E043", "E021"], "anything urgent", { ask: "overdue-or-due", days: 90 }],
    [["E001", "E005"], "哪些事需要我关注", { ask: "overdue-or-due", days: 90 }],
    [["E017", "E001"], "北京分行有什么需要注意的", { ask: "overdue-or-due", days: 90, unit: "BR1" }],
    // Who runs a unit: its managers by role (a sub-branch has no head post).
    [["E001", "E021"], "who runs the pudong sub-branch", { ask: "unit-head", unit: "BR2-01" }],
    [["E001", "E005"], "who heads beijing branch", { ask: "unit-head", unit: "BR1" }],
    [["E001", "E003"], "谁是浦东支行的负责人", { ask: "unit-head", unit: "BR2-01" }],
    [["E001", "E017"], "海淀支行谁管", { ask: "unit-head", unit: "BR1-02" }],
    [["E001", "E021"], "manager of xuhui?", { ask: "unit-head", unit: "BR2-02" }],
    [["E001", "E005"], "xuhui's manager", { ask: "unit-head", unit: "BR2-02" }],
    [["E043"], "who runs my branch", { ask: "unit-head" }],
    [["E025"], "我们支行的负责人是谁", { ask: "unit-head" }],
    [["E001", "E017"], "who is in charge of chaoyang", { ask: "unit-head", unit: "BR1-01" }],
    [["E001", "E017"], "朝阳支行负责人是谁", { ask: "unit-head", unit: "BR1-01" }],
    [["E001", "E003"], "who is the head of BR2", { ask: "unit-head", unit: "BR2" }],
    [["E043", "E052"], "who runs haidian", { ask: "unit-head", unit: "BR1-02" }],
    [["E001", "E021"], "徐汇支行谁负责", { ask: "unit-head", unit: "BR2-02" }],
    [["E001", "E017"], "who leads the haidian sub branch", { ask: "unit-head", unit: "BR1-02" }],
    [["E001", "E005"], "上海分行老大是谁", { ask: "unit-head", unit: "BR2" }],
    // Superlatives over the holders: the first N by time in post, longest or newest (a tie kept).
    [["E001", "E005"], "who has been in post longest", { ask: "rank", by: "longest", count: 1 }],
    [["E001", "E003"], "任职最久的是谁", { ask: "rank", by: "longest", count: 1 }],
    [["E001", "E017"], "the 3 longest-serving tellers", { ask: "rank", by: "longest", count: 3, role: "柜员" }],
    [["E001", "E021"], "who is the newest in post", { ask: "rank", by: "newest", count: 1 }],
    [["E017", "E001"], "北京分行在岗时间最长的三个人", { ask: "rank", by: "longest", count: 3, unit: "BR1" }],
    [["E001", "E005"], "最近上岗的两位柜员", { ask: "rank", by: "newest", count: 2, role: "柜员" }],
    [
      ["E043", "E021"],
      "who in pudong has been sitting in the same seat the longest",
      { ask: "rank", by: "longest", count: 1, unit: "BR2-01" },
    ],
    [["E001", "E003"], "top 5 longest serving key post holders", { ask: "rank", by: "longest", count: 5 }],
    [["E001", "E017"], "资历最老的库管员", { ask: "rank", by: "longest", count: 1, role: "库管" }],
    [
      ["E001", "E021"],
      "which vault keeper started most recently",
      { ask: "rank", by: "newest", count: 1, role: "库管" },
    ],
    [["E021", "E001"], "上海分行任职最短的两个人", { ask: "rank", by: "newest", count: 2, unit: "BR2" }],
    [
      ["E001", "E005"],
      "most senior relationship manager in post",
      { ask: "rank", by: "longest", count: 1, role: "客户经理" },
    ],
    [["E052", "E021"], "xuhui's newest key post holder", { ask: "rank", by: "newest", count: 1, unit: "BR2-02" }],
    [["E001", "E003"], "在岗最久的前三名", { ask: "rank", by: "longest", count: 3 }],
    [["E043", "E021"], "how long can Wei Huang stay at most", { ask: "person-due", person: "E047" }],
    // Chat that reads like pinyin, or names a place: the help card.
    [["E001", "E043"], "what is the meaning of life", { ask: "off-topic" }],
    [["E025", "E001"], "tell me a bedtime story", { ask: "off-topic" }],
    [["E034", "E001"], "what is the capital of france", { ask: "off-topic" }],
    [["E052", "E001"], "order me a pizza", { ask: "off-topic" }],
    [["E021", "E001"], "明天会下雨吗", { ask: "off-topic" }],
    [["E017", "E001"], "帮我写一首诗", { ask: "off-topic" }],
  ];
  // Session 11 (the kinds independent-6 missed, phrased here as ten different bank staff would type
  // them): a post asked by its code without its "P-", a name run into 任, mandatory leave "past its due
  // date", a client's full legal name after "which RM handles", counts of the due asked in Chinese,
  // "accounting head", slips of since / start / sitting / posts, a bare 不 correcting a unit, a five-letter
  // unit with a slip before its word, and the whole bank named by askers of one branch or sub-branch.
  const session11: [string[], string, Meaning][] = [
    [["E001", "E017"], "who is the br1-01-teller now", { ask: "post-holder", post: "P-BR1-01-TELLER" }],
    [["E001", "E021"], "BR2-02-TELLER 现在是谁", { ask: "post-holder", post: "P-BR2-02-TELLER" }],
    [["E043", "E021"], "who does br2-01-teller at the moment", { ask: "post-holder", post: "P-BR2-01-TELLER" }],
    [["E001", "E052"], "br2-02-teller是who", { ask: "post-holder", post: "P-BR2-02-TELLER" }],
    [["E001", "E043"], "holder of br2-01-rm", { ask: "post-holder", post: "P-BR2-01-RM" }],
    [["E021", "E001"], "who sits in br2-01-vault", { ask: "post-holder", post: "P-BR2-01-VAULT" }],
    [["E017", "E001"], "br1-02-acct 由谁担任", { ask: "post-holder", post: "P-BR1-02-ACCT" }],
    [["E025", "E043"], "who is the br2-01-teller now", { ask: "post-holder", post: "P-BR2-01-TELLER" }],
    [["E001", "E017"], "何丽娟任现岗位起始日期", { ask: "person-start", person: "E017" }],
    [["E043", "E021"], "刘娜任现职的开始日期", { ask: "person-start", person: "E044" }],
    [["E052", "E021"], "马海燕任本岗位起始时间", { ask: "person-start", person: "E053" }],
    [["E052", "E001"], "何芳任现岗起始日", { ask: "person-start", person: "E057" }],
    [["E001", "E021"], "snice when has fang he been in their post", { ask: "person-start", person: "E057" }],
    [["E043", "E001"], "Na Liu strat date?", { ask: "person-start", person: "E044" }],
    [["E001", "E021"], "how long has Haiyan Ma held the post - strat date", { ask: "person-start", person: "E053" }],
    [["E001", "E017"], "sicne when is Chao Yang in his seat", { ask: "person-start", person: "E026" }],
    [["E001", "E005"], "when does Lijuan He max out their tenure", { ask: "person-due", person: "E017" }],
    [["E043", "E021"], "when will Chao Wu max out his tenure", { ask: "person-due", person: "E049" }],
    [["E052", "E021"], "Fang He maxes out when?", { ask: "person-due", person: "E057" }],
    [["E001", "E005"], "when does Jing Lin rtate", { ask: "person-due", person: "E018" }],
    [
      ["E001", "E017"],
      "list people in br1-02 past their mandatory leave due date",
      { ask: "leave-owed", owed: "overdue", unit: "BR1-02" },
    ],
    [
      ["E001", "E021"],
      "who in pudong is past the mandatory leave due date",
      { ask: "leave-owed", owed: "overdue", unit: "BR2-01" },
    ],
    [["E001", "E005"], "anyone past their compulsory leave due date", { ask: "leave-owed", owed: "overdue" }],
    [
      ["E001", "E017"],
      "朝阳支行30天内该安排强制休假的人",
      { ask: "leave-owed", owed: "due", days: 30, unit: "BR1-01" },
    ],
    [["E001", "E021"], "br290天内该安排强制修假的人", { ask: "leave-owed", owed: "due", days: 90, unit: "BR2" }],
    [["E001", "E005"], "60天内应该安排强制休假的有谁", { ask: "leave-owed", owed: "due", days: 60 }],
    [["E052", "E021"], "徐汇支行90天内要安排强休的人", { ask: "leave-owed", owed: "due", days: 90, unit: "BR2-02" }],
    [["E001", "E017"], "br130天内到期的轮岗", { ask: "due", days: 30, unit: "BR1" }],
    [
      ["E043"],
      "which relationship manager handles Shanghai Huaxin Technology Co., Ltd.",
      { ask: "client-manager", client: "C030" },
    ],
    [["E043", "E021"], "which RM handles shanghai jinqiao manufacturing", { ask: "client-manager", client: "C033" }],
    [
      ["E043"],
      "Shanghai Jinqiao Manufacturing - who looks after this client",
      { ask: "client-manager", client: "C033" },
    ],
    [
      ["E043"],
      "shanghai huaxin technology co., ltd. - who looks after that account",
      { ask: "client-manager", client: "C030" },
    ],
    [["E001", "E005"], "未来30天有多少人到轮岗期限", { ask: "due", days: 30 }],
    [["E001", "E021"], "上海分行未来60天有几个人到任职期限", { ask: "due", days: 60, unit: "BR2" }],
    [["E001", "E017"], "北京分行30天内有多少人到轮岗期限", { ask: "due", days: 30, unit: "BR1" }],
    [["E001", "E021"], "when must the pudong accounting head rotate", { ask: "post-due", post: "P-BR2-01-ACCT" }],
    [["E052", "E021"], "xuhui accounting head - who is it", { ask: "post-holder", post: "P-BR2-02-ACCT" }],
    [["E001", "E021"], "who's sittng in Pudong tellers", { ask: "post-holder", post: "P-BR2-01-TELLER" }],
    [
      ["E001", "E017"],
      "who is sittng in the haidian vault keeper seat",
      { ask: "post-holder", post: "P-BR1-02-VAULT" },
    ],
    [["E001", "E043"], "how many key psts in Pudong", { ask: "key-posts", unit: "BR2-01" }],
    [["E001", "E017"], "how many key pots in haidian", { ask: "key-posts", unit: "BR1-02" }],
    [["E001", "E003"], "查BR1，不，查徐汇的超期在岗", { ask: "overdue", unit: "BR2-02" }],
    [["E001", "E021"], "看浦东，不，看徐汇30天内到期的", { ask: "due", days: 30, unit: "BR2-02" }],
    [
      ["E001", "E004"],
      "how many rotations are due within 30 days in xuuhi sb",
      { ask: "due", days: 30, unit: "BR2-02" },
    ],
    [["E001", "E021"], "overdue in xuhiu sub-branch", { ask: "overdue", unit: "BR2-02" }],
    [["E001", "E021"], "puodng sb overdue", { ask: "overdue", unit: "BR2-01" }],
    // The whole bank named: refused to an asker whose units do not cover it, as any unit outside them.
    [["E001", "E025", "E034", "E052"], "全行谁超期未轮岗", { ask: "overdue", unit: "HO" }],
    [["E003", "E043", "E021"], "list overdue rotations for the whole bank pls", { ask: "overdue", unit: "HO" }],
    [["E005", "E017", "E052"], "全行有没有人超过轮岗期限", { ask: "overdue", unit: "HO" }],
    [["E001", "E034"], "bank-wide rotations due in 30 days", { ask: "due", days: 30, unit: "HO" }],
    [["E002", "E043"], "how many clients across the entire bank", { ask: "unit-clients", unit: "HO" }],
    [["E001", "E004"], "整个银行的关键岗位有多少个", { ask: "key-posts", unit: "HO" }],
    // The brief's kinds asked as other bank staff would (session 11): days left, "# of", "takes care of",
    // a bare "no" between marks, "'s details", "what day did … start", holding / manning a post, a
    // post by its code with 谁在管, "what is keypost".
    [["E043", "E021"], "how many days left for Na Liu in her post", { ask: "person-left", person: "E044" }],
    [["E043", "E001"], "刘娜还剩几天", { ask: "person-left", person: "E044" }],
    [["E052", "E021"], "马海燕在岗还有几天", { ask: "person-left", person: "E053" }],
    [["E001", "E017"], "days left for Chao Yang?", { ask: "person-left", person: "E026" }],
    [["E001", "E043"], "# of clients BR2-01", { ask: "unit-clients", unit: "BR2-01" }],
    [["E001", "E017"], "no. of clients in haidian", { ask: "unit-clients", unit: "BR1-02" }],
    [["E025"], "who takes care of Beijing Hengtong Trading Co., Ltd.?", { ask: "client-manager", client: "C001" }],
    [
      ["E001", "E017"],
      "who takes care of Beijing Hengtong Trading",
      { ask: "client-namesakes", clients: ["C001", "C015"] },
    ],
    [["E043"], "who deals with Shanghai Jinqiao Manufacturing", { ask: "client-manager", client: "C033" }],
    [["E001", "E017"], "overdue haidian... no, chaoyang", { ask: "overdue", unit: "BR1-01" }],
    [["E001", "E021"], "xuhui due in 30 days, no, pudong", { ask: "due", days: 30, unit: "BR2-01" }],
    [["E043", "E021"], "Na Liu's details", { ask: "person-status", person: "E044" }],
    [["E052", "E001"], "Haiyan Ma's info", { ask: "person-status", person: "E053" }],
    [["E043", "E021"], "what day did Na Liu start in her post", { ask: "person-start", person: "E044" }],
    [["E052", "E021"], "which date did 马海燕 take up her post", { ask: "person-start", person: "E053" }],
    [["E001", "E021"], "whos holding the xuhui teller seat rn", { ask: "post-holder", post: "P-BR2-02-TELLER" }],
    [["E021", "E043"], "who's manning br2-01-vault today", { ask: "post-holder", post: "P-BR2-01-VAULT" }],
    [["E001", "E017"], "谁在管BR1-01-VAULT", { ask: "post-holder", post: "P-BR1-01-VAULT" }],
    [["E001", "E043"], "what is keypost", { ask: "off-topic" }],
    [["E025", "E052"], "keypost是什么", { ask: "off-topic" }],
    [["E001", "E003"], "when is Chao Yang's rotation deadline", { ask: "person-due", person: "E026" }],
    [["E043", "E021"], "刘娜 轮岗 deadline 是哪天", { ask: "person-due", person: "E044" }],
    [["E043", "E021"], "how many ppl overdue in pudong", { ask: "overdue-count", unit: "BR2-01" }],
    [["E001", "E017"], "which of my guys blew past the rotation deadline", { ask: "overdue" }],
    [["E052", "E021"], "anyone off today in xuhui", { ask: "on-leave", unit: "BR2-02" }],
    [["E001", "E005"], "rotations coming up in the next six weeks", { ask: "due", days: 42 }],
    [["E001", "E021"], "pudong 90天内 due 的 rotation", { ask: "due", days: 90, unit: "BR2-01" }],
    [["E001", "E017"], "the RM in haidian, how long has she been there", { ask: "post-start", post: "P-BR1-02-RM" }],
    [["E001", "E021"], "xuhui teller - when did he start", { ask: "post-start", post: "P-BR2-02-TELLER" }],
    [["E052", "E021"], "何芳最后一天在岗是哪天", { ask: "person-left", person: "E057" }],
    [["E052", "E001"], "何芳最晚哪天离岗", { ask: "person-left", person: "E057" }],
    [["E043", "E021"], "吴超管了多少客户", { ask: "client-count", person: "E049" }],
    [["E043", "E001"], "吴超手上有几个客户", { ask: "client-count", person: "E049" }],
    [["E001", "E017"], "哪些人轮岗超时了", { ask: "overdue" }],
    [["E021", "E001"], "上海分行哪些人任期超时", { ask: "overdue", unit: "BR2" }],
    [["E001", "E017"], "anyone who should've been rotated already", { ask: "overdue" }],
    [["E021", "E001"], "folks in shanghai branch whose tenure ran out", { ask: "overdue", unit: "BR2" }],
    [["E001", "E005"], "whose time in post has expired", { ask: "overdue" }],
    [["E043", "E021"], "pudong people whose limit has expired", { ask: "overdue", unit: "BR2-01" }],
    [["E043", "E021"], "浦东的柜员 哦不对 是库管员 是谁", { ask: "post-holder", post: "P-BR2-01-VAULT" }],
    [["E001", "E021"], "overdue in pudong, sorry, who is due in 30 days", { ask: "due", days: 30, unit: "BR2-01" }],
    [["E001", "E017"], "海淀的库管员，不对，会计主管是谁", { ask: "post-holder", post: "P-BR1-02-ACCT" }], // The ninth set's kinds, phrased here (session 11): slips of should / anything / status / staff /
    // serve / after / 主官 / 库管原 / 之行 / 到斯, mandatory leave to start or leaves due, overdue and due
    // together ("+", "or coming up", 超期和…到期), "who is looking after", "them" / "it" after a client.
    [["E001", "E017"], "who shoud have rotated already", { ask: "overdue" }],
    [["E043", "E021"], "pudong - anythign overdue?", { ask: "overdue", unit: "BR2-01" }],
    [["E043", "E021"], "staus of Na Liu", { ask: "person-status", person: "E044" }],
    [["E001", "E021"], "how many staf in xuhui", { ask: "staff-count", unit: "BR2-02" }],
    [["E043", "E021"], "how many clients does Chao Wu serv", { ask: "client-count", person: "E049" }],
    [["E043", "E001"], "how many clients does chao wu look afer", { ask: "client-count", person: "E049" }],
    [["E052", "E021"], "徐汇支行会计主官是谁", { ask: "post-holder", post: "P-BR2-02-ACCT" }],
    [["E025", "E017"], "朝阳支行库管原是谁", { ask: "post-holder", post: "P-BR1-01-VAULT" }],
    [["E001", "E021"], "徐汇之行柜员是谁", { ask: "post-holder", post: "P-BR2-02-TELLER" }],
    [["E001", "E017"], "朝阳支行30天内到斯的轮岗", { ask: "due", days: 30, unit: "BR1-01" }],
    [["E001", "E005"], "who must start mandatory leave within 60 days", { ask: "leave-owed", owed: "due", days: 60 }],
    [
      ["E001", "E021"],
      "mandatory leaves due within 30 days in pudong",
      { ask: "leave-owed", owed: "due", days: 30, unit: "BR2-01" },
    ],
    [["E001", "E005"], "全行超期和六十天内将到期的人员", { ask: "overdue-or-due", days: 60, unit: "HO" }],
    [["E001", "E017"], "overdue + due in 30 days", { ask: "overdue-or-due", days: 30 }],
    [["E034", "E001"], "haidian - anything overdue or coming up?", { ask: "overdue-or-due", days: 90, unit: "BR1-02" }],
    [["E043"], "who is looking after Shanghai Jinqiao Manufacturing", { ask: "client-manager", client: "C033" }],
    [
      ["E043"],
      "Shanghai Huaxin Technology Co., Ltd. - who serves them now?",
      { ask: "client-manager", client: "C030" },
    ],
    [
      ["E043", "E021"],
      "all relationship manages in pudong pls",
      { ask: "role-list", list: "holders", role: "客户经理", unit: "BR2-01" },
    ],
    // The asker about themselves, and their own unit named as theirs (session 11).
    [["E017"], "when is my own rotation due", { ask: "person-due", person: "E017" }],
    [["E021"], "我自己的轮岗期限是哪天", { ask: "person-due", person: "E021" }],
    [["E017"], "when am i due for mandatory leave", { ask: "person-leave-due", person: "E017" }],
    [["E021"], "我本人什么时候该休强制假", { ask: "person-leave-due", person: "E021" }],
    [["E017"], "how long can I stay in my post", { ask: "person-due", person: "E017" }],
    [["E025"], "status of my branch", { ask: "unit-status", unit: "BR1-01" }],
    [["E043"], "status of my branch", { ask: "unit-status", unit: "BR2-01" }],
    [["E034"], "我们支行的情况", { ask: "unit-status", unit: "BR1-02" }],
    [["E052"], "我们支行的情况", { ask: "unit-status", unit: "BR2-02" }],
    [["E025"], "我们行的客户经理是哪位", { ask: "post-holder", post: "P-BR1-01-RM" }],
    [["E004", "E017"], "how many clients in my branches", { ask: "unit-clients" }],
    [["E004", "E021"], "我负责的范围内谁超期了", { ask: "overdue" }],
    [["E025", "E043"], "anyone here who shouldve been moved already", { ask: "overdue" }],
    [["E021", "E001"], "张晓燕那边浦东支行有没有超期的", { ask: "overdue", unit: "BR2-01" }],
    [["E017", "E001"], "Yang Chen's team in chaoyang - anything overdue", { ask: "overdue", unit: "BR1-01" }],
    [["E017"], "my status", { ask: "person-status", person: "E017" }],
    [["E021"], "我的状态", { ask: "person-status", person: "E021" }],
    [["E017"], "我还能在岗多久", { ask: "person-due", person: "E017" }],
    [["E021"], "what's my rotation date", { ask: "person-due", person: "E021" }],
    [["E043"], "my team status", { ask: "unit-status", unit: "BR2-01" }],
    [["E001", "E017"], "how many holders in chaoyang", { ask: "holders-count", unit: "BR1-01" }],
    [["E001", "E021"], "浦东在岗人员有几个", { ask: "holders-count", unit: "BR2-01" }],
    [["E001", "E017"], "clients booked at haidian?", { ask: "unit-clients", unit: "BR1-02" }],
    [["E043", "E021"], "list Chao Wu's customers", { ask: "client-count", person: "E049" }],
    [["E043"], "who manages the Shanghai Jinqiao Manufacturing account", { ask: "client-manager", client: "C033" }],
    // Managers' "I" is their units' ("how many overdue rotations do i have"): no question about themselves.
    [["E034"], "how many overdue rotations do i have", { ask: "overdue-count", unit: "BR1-02" }],
    [["E043"], "whose seat do I have to change in the next 30 days", { ask: "due", days: 30, unit: "BR2-01" }],
    // Role lists across a branch's sub-branches, plural seats, "past tenure", a post's deadline in mixed
    // words, an RM's own post's date, "incl sub-branches", a client word near a keyword (session 11).
    [["E021", "E001"], "上海分行各支行的柜员都是谁", { ask: "role-list", list: "holders", role: "柜员", unit: "BR2" }],
    [["E017", "E001"], "北京分行辖内库管员都有谁", { ask: "role-list", list: "holders", role: "库管", unit: "BR1" }],
    [["E001", "E005"], "who sits in the vault keeper seats", { ask: "role-list", list: "holders", role: "库管" }],
    [["E001", "E003"], "who is past tenure anywhere in beijing branch", { ask: "overdue", unit: "BR1" }],
    [["E001", "E021"], "浦东 teller deadline", { ask: "post-due", post: "P-BR2-01-TELLER" }],
    [["E001", "E017"], "haidian vault keeper deadline?", { ask: "post-due", post: "P-BR1-02-VAULT" }],
    [["E043", "E021"], "吴超的客户经理岗位什么时候到期", { ask: "person-due", person: "E049" }],
    [["E001", "E017"], "how many clients in beijing branch incl sub-branches", { ask: "unit-clients", unit: "BR1" }],
    [["E001", "E021"], "上海分行含下属支行有多少客户", { ask: "unit-clients", unit: "BR2" }],
    [["E025"], "who's the rm for beijing changcheng bulding materials", { ask: "client-manager", client: "C007" }],
    [
      ["E043", "E021"],
      "when does Na Liu's... no wait, Chao Wu's rotation fall due",
      { ask: "person-due", person: "E049" },
    ],
  ];
  for (const [askers, q, meaning] of [...session8, ...session9, ...session10, ...session11])
    for (const asker of askers) add(asker, /[\u4e00-\u9fff]/.test(q) ? "zh-CN" : "en", q, meaning);
  for (const [asker, q, meaning] of clientSlips) add(asker, /[\u4e00-\u9fff]/.test(q) ? "zh-CN" : "en", q, meaning);
  for (const [q, meaning] of mixed) for (const asker of ["E001", "E043", "E025"]) add(asker, "zh-CN", q, meaning);
  return items;
}

function namesIn(m: Meaning): string[] {
  const out: string[] = [];
  if ("unit" in m && m.unit) out.push(unit(m.unit).name_en!);
  if ("person" in m) out.push(person(m.person).name_en!);
  if ("post" in m) out.push(post(m.post).name_en!);
  if ("client" in m) out.push(client(m.client).name_en!);
  return out;
}

/** Clients in these units whose Chinese name is, or whose English name begins with, what was typed. */
function clientsNamed(named: string, scope: ReadonlySet<string>): typeof clients {
  const lower = named.toLowerCase();
  return clients.filter(
    (c) => scope.has(c.unit_code!) && (c.name === named || c.name_en!.toLowerCase().startsWith(lower)),
  );
}

let cache: EvalItem[] | undefined;
export function loadItems(): EvalItem[] {
  return (cache ??= build());
}

// ---- the oracle -------------------------------------------------------------------------------

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

export function expected(item: EvalItem): Expectation {
  const m = item.meaning as Meaning;
  if (m.ask === "off-topic") return { kind: "not-understood" };
  const scope = scopeOf(item.asker);
  if (scope.size === 0) return { kind: "refused" };
  // The units named: one, or several joined by "and" (session 9); any of them outside the asker's → refused.
  const also = "also" in m ? (m.also ?? []) : [];
  const area = (u?: string): Set<string> | undefined => {
    if (u === undefined) return scope;
    const all = [u, ...also];
    return all.every((x) => scope.has(x)) ? new Set(all.flatMap((x) => [...subtree(x)])) : undefined;
  };
  switch (m.ask) {
    case "overdue":
    case "overdue-count":
    case "due": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      const horizon = m.ask === "due" ? plusDays(TODAY, m.days) : undefined;
      const codes = holders
        .filter((h) => within.has(h.unit))
        // Due within N days: from today to the horizon, not yet past (the overdue are their own list).
        .filter((h) => (horizon ? h.deadline >= TODAY && h.deadline <= horizon : h.deadline < TODAY))
        .map((h) => h.employee);
      return m.ask === "overdue-count"
        ? { kind: "count", value: codes.length }
        : { kind: "people", codes: sorted(codes) };
    }
    case "person-due": {
      const p = person(m.person);
      if (!scope.has(p.unit_code!)) return { kind: "refused" };
      return { kind: "date", value: holders.find((h) => h.employee === m.person)!.deadline };
    }
    case "person-left":
    case "person-start":
    case "person-leave-due": {
      if (!scope.has(person(m.person).unit_code!)) return { kind: "refused" };
      const h = holders.find((x) => x.employee === m.person)!;
      // The demo bank has no leave yet: the leave clock runs from the holding's start (every 12 months).
      const value = m.ask === "person-left" ? h.deadline : m.ask === "person-start" ? h.since : addMonths(h.since, 12);
      return { kind: "date", value };
    }
    case "person-status":
      return scope.has(person(m.person).unit_code!) ? { kind: "people", codes: [m.person] } : { kind: "refused" };
    case "post-holder": {
      const p = post(m.post);
      if (!scope.has(p.unit_code!)) return { kind: "refused" };
      return { kind: "people", codes: holders.filter((h) => h.post === m.post).map((h) => h.employee) };
    }
    case "client-manager": {
      // By name: the one client of that name in the asker's units (the template chose such an asker).
      const c = m.named ? (clientsNamed(m.named, scope)[0] ?? client(m.client)) : client(m.client);
      if (!scope.has(c.unit_code!)) return { kind: "refused" };
      return { kind: "people", codes: [c.manager_code!] };
    }
    case "role-list": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      const fits = (code: string) => {
        const p = post(code);
        return (
          within.has(p.unit_code!) &&
          p.active === "true" &&
          (m.role === undefined || p.name!.includes(m.role)) &&
          (m.category === undefined || p.category === m.category)
        );
      };
      if (m.list === "posts") return { kind: "count", value: posts.filter((p) => fits(p.code!)).length };
      const horizon = plusDays(TODAY, 30);
      const codes = holders
        .filter((h) => fits(h.post))
        .filter((h) =>
          m.list === "overdue"
            ? h.deadline < TODAY
            : m.list === "due30"
              ? h.deadline >= TODAY && h.deadline <= horizon
              : true,
        )
        .map((h) => h.employee);
      return { kind: "people", codes: sorted(codes) };
    }
    case "post-start": {
      if (!scope.has(post(m.post).unit_code!)) return { kind: "refused" };
      return { kind: "date", value: holders.find((h) => h.post === m.post)!.since };
    }
    case "post-due": {
      if (!scope.has(post(m.post).unit_code!)) return { kind: "refused" };
      return { kind: "date", value: holders.find((h) => h.post === m.post)!.deadline };
    }
    case "unit-clients": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      return { kind: "count", value: clients.filter((c) => within.has(c.unit_code!)).length };
    }
    case "overdue-or-due": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      const horizon = plusDays(TODAY, m.days);
      return {
        kind: "people",
        codes: sorted(holders.filter((h) => within.has(h.unit) && h.deadline <= horizon).map((h) => h.employee)),
      };
    }
    case "leave-owed": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      // The demo bank has no leave yet: the leave clock runs from each holding's start (every 12 months).
      const horizon = plusDays(TODAY, m.days ?? 30);
      const codes = holders
        .filter((h) => within.has(h.unit))
        .filter((h) => {
          const due = addMonths(h.since, 12);
          return m.owed === "overdue" ? due < TODAY : m.owed === "due" ? due >= TODAY && due <= horizon : true;
        })
        .map((h) => h.employee);
      return m.count ? { kind: "count", value: codes.length } : { kind: "people", codes: sorted(codes) };
    }
    case "client-namesakes": {
      const seen = m.clients.map(client).filter((c) => scope.has(c.unit_code!));
      return seen.length === 0
        ? { kind: "refused" }
        : { kind: "people", codes: sorted(seen.map((c) => c.manager_code!)) };
    }
    case "unit-status": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      // The holders who stand out: overdue or due within 90 days (nobody is on leave at the set's instant).
      const horizon = plusDays(TODAY, 90);
      return {
        kind: "people",
        codes: sorted(holders.filter((h) => within.has(h.unit) && h.deadline <= horizon).map((h) => h.employee)),
      };
    }
    case "holders":
    case "holders-count": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      const codes = holders.filter((h) => within.has(h.unit)).map((h) => h.employee);
      return m.ask === "holders-count"
        ? { kind: "count", value: codes.length }
        : { kind: "people", codes: sorted(codes) };
    }
    case "key-posts": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      return { kind: "count", value: posts.filter((p) => p.active === "true" && within.has(p.unit_code!)).length };
    }
    case "staff-count": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      const staff = employees.filter((e) => within.has(e.unit_code!) && e.status !== "left").map((e) => e.code!);
      return m.list ? { kind: "people", codes: sorted(staff) } : { kind: "count", value: staff.length };
    }
    case "client-count":
      return scope.has(person(m.person).unit_code!)
        ? { kind: "count", value: clients.filter((c) => c.manager_code === m.person).length }
        : { kind: "refused" };
    case "tenure": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      const codes = holders
        .filter((h) => within.has(h.unit) && (m.role === undefined || post(h.post).name!.includes(m.role)))
        .filter((h) => {
          if (m.min !== undefined) {
            const at = addMonths(h.since, m.min);
            if (m.minIn ? at > TODAY : at >= TODAY) return false;
          }
          if (m.max !== undefined) {
            const at = addMonths(h.since, m.max);
            if (m.maxIn ? at < TODAY : at <= TODAY) return false;
          }
          return true;
        })
        .map((h) => h.employee);
      return m.count ? { kind: "count", value: codes.length } : { kind: "people", codes: sorted(codes) };
    }
    case "unit-head": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      const grants = (e: (typeof employees)[number]) => (e.roles ?? "").split(";").filter((g) => g !== "");
      // The unit named, else the asker's own grants' units (the tops of their scope).
      const units = m.unit
        ? [m.unit]
        : grants(person(item.asker) as (typeof employees)[number]).map((g) => g.split("@")[1]!);
      const codes = employees
        .filter((e) => e.status !== "left" && grants(e).some((g) => units.some((u) => g === `manager@${u}`)))
        .map((e) => e.code!);
      return { kind: "people", codes: sorted(codes) };
    }
    case "rank": {
      const within = area(m.unit);
      if (!within) return { kind: "refused" };
      const order = holders
        .filter((h) => within.has(h.unit) && (m.role === undefined || post(h.post).name!.includes(m.role)))
        .sort((x, y) => (m.by === "longest" ? x.since.localeCompare(y.since) : y.since.localeCompare(x.since)));
      const last = order[m.count - 1];
      const kept = last ? order.filter((h, i) => i < m.count || h.since === last.since) : order;
      return { kind: "people", codes: sorted(kept.map((h) => h.employee)) };
    }
    case "cover":
      return scope.has(person(m.person).unit_code!) ? { kind: "people", codes: [m.person] } : { kind: "refused" };
    case "on-leave":
      // The demo bank has no leave at the set's instant.
      return area(m.unit) ? { kind: "people", codes: [] } : { kind: "refused" };
  }
}

export const EMPLOYEE_CODES = employees.map((e) => e.code!);
