// The question evaluation's harness: each item is asked through the real ask-question path
// (askQuestion via the kernel's `ask`, as every adapter does) on a database loaded with the demo
// bank at the fixed instant, and what the answer states is collected — employee codes in every
// row and field across all pages, the headline count ("Total", else the first number), the dates,
// a refusal or the help card — then scored against the item's expectation. The expectations come
// from each set's own oracle (computed from the register's CSV files, never from the parser).
import type { Card } from "../../../src/ports/card.ts";
import { cards } from "../../../src/app/catalog.ts";
import { ask } from "../../../src/app/home/query.ts";
import { pick, type Locale } from "../../../src/ports/locale.ts";
import type { Kernel } from "../../../src/app/kernel/execute.ts";
import { askQuestion } from "../../../src/app/questions/ask-question.query.ts";
import { loadDemoBank } from "../../../src/cli/load-demo-bank.ts";
import type { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { testDatabase, type TestDatabase } from "../../support/databases.ts";
import { testKernel } from "../../support/kernel.ts";

/** The independent set's interface (test/eval/questions/independent/oracle.ts), restated here. */
export interface EvalItem {
  readonly id: string;
  readonly asker: string;
  readonly lang: "zh-CN" | "en";
  readonly q: string;
  readonly meaning: unknown;
}
export type Expectation =
  | { kind: "people"; codes: string[] }
  | { kind: "count"; value: number }
  | { kind: "date"; value: string }
  | { kind: "refused" }
  | { kind: "not-understood" };

export interface EvalSet {
  readonly NOW: string;
  loadItems(): EvalItem[];
  expected(item: EvalItem): Expectation;
}

/** What one answer stated, as the asker reads it in their language. */
export interface Observed {
  readonly kind: "answer" | "refused" | "help" | "error";
  readonly codes: readonly string[];
  readonly count: number | undefined;
  readonly dates: readonly string[];
  /** Everything the asker read, page after page. */
  readonly text: string;
  /** An error code (refusals and failures). */
  readonly code?: string;
}

export interface EvalBank {
  readonly kernel: Kernel & { clock: FixedClock };
  readonly ids: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** A fresh SQLite database with the demo bank, its clock at `now`. */
export async function openEvalBank(now: string, engine: "sqlite" | "postgres" = "sqlite"): Promise<EvalBank> {
  const db: TestDatabase = await testDatabase(engine);
  const kernel = testKernel(db, now, cards);
  await loadDemoBank(db, kernel.clock);
  kernel.clock.set(now);
  const ids: Record<string, string> = {};
  for (const e of await db.prisma.employee.findMany({ select: { id: true, code: true } })) ids[e.code] = e.id;
  return { kernel, ids, close: () => db.drop() };
}

const HELP_TITLES = new Set(["可以这样问我", "What you can ask", "没听懂这个问题", "I did not understand that"]);
const REFUSALS = new Set(["OUT_OF_SCOPE", "NOT_AUTHORISED", "SUSPENDED"]);
const MAX_PAGES = 30;

function cardText(card: Card, lang: Locale): string {
  const parts = [pick(card.title, lang)];
  if (card.text) parts.push(pick(card.text, lang));
  for (const f of card.fields) parts.push(`${pick(f.label, lang)}: ${pick(f.value, lang)}`);
  if (card.table) {
    parts.push(card.table.columns.map((c) => pick(c, lang)).join(" | "));
    for (const r of card.table.rows) parts.push(r.map((c) => pick(c, lang)).join(" | "));
  }
  for (const a of card.actions) parts.push(`[${pick(a.label, lang)}]`);
  if (card.footer) parts.push(pick(card.footer, lang));
  return parts.join("\n");
}

/** The headline number: the "Total" field, else the first field that is a number. */
function headline(card: Card): number | undefined {
  const total = card.fields.find((f) => f.label.en === "Total");
  const numeric = total ?? card.fields.find((f) => /^\d+$/.test(f.value.en.trim()));
  return numeric ? Number(numeric.value.en.trim()) : undefined;
}

/** Asks one item as its asker and reads every page of the answer. */
export async function observe(bank: EvalBank, item: EvalItem): Promise<Observed> {
  const personId = bank.ids[item.asker];
  if (!personId) return { kind: "error", codes: [], count: undefined, dates: [], text: "", code: "UNKNOWN_ASKER" };
  const texts: string[] = [];
  let count: number | undefined;
  let helped = false;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await ask(
      bank.kernel,
      askQuestion,
      { text: item.q, ...(page > 1 ? { page } : {}) },
      { personId, platform: "console" },
    );
    if (!answer.ok)
      return {
        kind: REFUSALS.has(answer.code) ? "refused" : "error",
        codes: [],
        count: undefined,
        dates: [],
        text: pick(answer.message, item.lang),
        code: answer.code,
      };
    const card = answer.value;
    if (page === 1) {
      count = headline(card);
      helped = HELP_TITLES.has(card.title.en);
    }
    texts.push(cardText(card, item.lang));
    const more = card.actions.some((a) => /^More \(page/.test(a.label.en));
    if (!more) break;
  }
  const text = texts.join("\n---\n");
  const codes = [...new Set(text.match(/\bE\d{3,}\b/g) ?? [])].sort();
  const dates = [...new Set(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [])];
  return { kind: helped ? "help" : "answer", codes, count, dates, text };
}

/** Whether what was observed is what was expected. */
export function scores(seen: Observed, want: Expectation): boolean {
  switch (want.kind) {
    case "refused":
      return seen.kind === "refused";
    case "not-understood":
      return seen.kind === "help";
    case "people":
      return seen.kind === "answer" && [...want.codes].sort().join(",") === seen.codes.join(",");
    case "count":
      return seen.kind === "answer" && seen.count === want.value;
    case "date":
      return seen.kind === "answer" && seen.dates.includes(want.value);
  }
}

/** English answers show no Chinese (names included); a Chinese answer may carry Latin codes. */
export function leaksOtherLanguage(seen: Observed, lang: Locale): boolean {
  return lang === "en" && seen.kind !== "error" && /[\u4e00-\u9fff]/.test(seen.text);
}

export interface SetResult {
  readonly total: number;
  readonly correct: number;
  readonly byLang: Readonly<Record<string, { total: number; correct: number }>>;
  /** English answers in which Chinese text appeared. */
  readonly leaks: number;
  readonly failures: readonly { item: EvalItem; want: Expectation; seen: Observed }[];
}

export async function runSet(bank: EvalBank, set: Pick<EvalSet, "loadItems" | "expected">): Promise<SetResult> {
  const byLang: Record<string, { total: number; correct: number }> = {};
  const failures: SetResult["failures"][number][] = [];
  let correct = 0;
  let leaks = 0;
  const items = set.loadItems();
  for (const item of items) {
    const want = set.expected(item);
    const seen = await observe(bank, item);
    const ok = scores(seen, want);
    const l = (byLang[item.lang] ??= { total: 0, correct: 0 });
    l.total += 1;
    if (ok) {
      l.correct += 1;
      correct += 1;
    } else failures.push({ item, want, seen });
    if (leaksOtherLanguage(seen, item.lang)) leaks += 1;
  }
  return { total: items.length, correct, byLang, leaks, failures };
}

export function formatResult(name: string, r: SetResult, withFailures: boolean): string {
  const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`);
  const lines = [
    `${name}: ${r.correct}/${r.total} = ${pct(r.correct, r.total)}` +
      ` (${Object.entries(r.byLang)
        .map(([l, c]) => `${l} ${c.correct}/${c.total}`)
        .join(", ")}; English answers showing Chinese: ${r.leaks})`,
  ];
  if (withFailures)
    for (const f of r.failures)
      lines.push(
        `  ✗ ${f.item.id} [${f.item.asker} ${f.item.lang}] ${JSON.stringify(f.item.q)}: want ${JSON.stringify(f.want)}, ` +
          `got ${f.seen.kind}${f.seen.code ? ` ${f.seen.code}` : ""} codes=[${f.seen.codes.join(",")}] count=${f.seen.count ?? "-"} ` +
          `| ${f.seen.text.split("\n")[0]!.slice(0, 80)}`,
      );
  return lines.join("\n");
}
