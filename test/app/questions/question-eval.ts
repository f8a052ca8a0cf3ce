// The parser's evaluation: every question of eval-set.json parsed at the set's fixed instant and
// zone, with the demo bank's units as the lexicon, and compared with its expected intent and
// slots — all of them: a slot the parser adds that the set does not expect is as wrong as one it
// misses. Used by question-eval.test.ts (the bar); npm run eval:questions now asks end to end (test/eval/questions).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import {
  parseQuestion,
  type Lexicon,
  type ParsedQuestion,
  type Slots,
} from "../../../src/app/questions/question.parser.ts";

/** The accuracy the README promises; the test fails below it. */
export const EVAL_BAR = 0.95;

const ROOT = join(import.meta.dirname, "..", "..", "..");

interface EvalItem {
  readonly q: string;
  readonly intent: string;
  readonly slots: Slots;
}

export interface EvalResult {
  readonly total: number;
  readonly correct: number;
  readonly byIntent: readonly { readonly intent: string; readonly total: number; readonly correct: number }[];
  readonly failures: readonly { readonly q: string; readonly expected: EvalItem; readonly got: ParsedQuestion }[];
  readonly languages: { readonly zh: number; readonly en: number };
}

const SLOT_KEYS = ["unit", "person", "post", "client", "range", "days", "overdue", "metric"] as const;

function norm(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value).toLowerCase().replace(/\s+/g, " ").trim();
}

export function sameSlots(expected: Slots, got: Slots): boolean {
  return SLOT_KEYS.every((k) => norm(expected[k]) === norm(got[k]));
}

/** eval-set.json (the set the parser was tuned on), or eval-holdout.json (written after, never tuned on). */
export function evaluateQuestions(file = "eval-set.json"): EvalResult {
  const set = JSON.parse(readFileSync(join(import.meta.dirname, file), "utf8")) as {
    now: string;
    zone: string;
    lexicon: string;
    questions: EvalItem[];
  };
  const rows = parse(readFileSync(join(ROOT, set.lexicon), "utf8"), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  const lexicon: Lexicon = { units: rows.map((u) => ({ code: u.code!, name: u.name!, nameEn: u.name_en || null })) };
  const ctx = { now: new Date(set.now), zone: set.zone, lexicon };
  const counts = new Map<string, { total: number; correct: number }>();
  const failures: EvalResult["failures"][number][] = [];
  let correct = 0;
  for (const item of set.questions) {
    const got = parseQuestion(item.q, ctx);
    const ok = got.intent === item.intent && sameSlots(item.slots, got.slots);
    const c = counts.get(item.intent) ?? { total: 0, correct: 0 };
    c.total += 1;
    if (ok) {
      c.correct += 1;
      correct += 1;
    } else failures.push({ q: item.q, expected: item, got });
    counts.set(item.intent, c);
  }
  const zh = set.questions.filter((i) => /[\u4e00-\u9fff]/.test(i.q)).length;
  return {
    total: set.questions.length,
    correct,
    byIntent: [...counts.entries()]
      .map(([intent, c]) => ({ intent, ...c }))
      .sort((a, b) => (a.intent < b.intent ? -1 : 1)),
    failures,
    languages: { zh, en: set.questions.length - zh },
  };
}

export function formatEvaluation(r: EvalResult, withFailures: boolean): string {
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
  const lines = [
    `questions: ${r.total} (with Chinese: ${r.languages.zh}, English only: ${r.languages.en})`,
    "",
    `${"intent".padEnd(24)} ${"right".padStart(7)} ${"accuracy".padStart(9)}`,
    ...r.byIntent.map(
      (i) => `${i.intent.padEnd(24)} ${`${i.correct}/${i.total}`.padStart(7)} ${pct(i.correct, i.total).padStart(9)}`,
    ),
    "",
    `overall: ${r.correct}/${r.total} = ${pct(r.correct, r.total)} (bar ${(EVAL_BAR * 100).toFixed(0)}%)`,
  ];
  if (withFailures && r.failures.length > 0) {
    lines.push("", "misunderstood:");
    for (const f of r.failures)
      lines.push(
        `  ${JSON.stringify(f.q)}: expected ${f.expected.intent} ${JSON.stringify(f.expected.slots)}, got ${f.got.intent} ${JSON.stringify(f.got.slots)}`,
      );
  }
  return lines.join("\n");
}
