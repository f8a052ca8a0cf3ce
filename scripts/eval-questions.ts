// npm run eval:questions — the manager questions, asked through the real ask-question path on the
// demo bank at a fixed instant (test/eval/questions/harness.ts), scored against expectations that
// each set's oracle computes from the register. One figure per independent set (every folder
// test/eval/questions/independent*/ with an oracle.ts, test/eval/questions/sets.ts) — a set the
// project has read is marked "development: read by the project"; the others are held out — and
// one for the rest (the project's own set, bar OWN_BAR, asserted by own-eval.test.ts).
// `--failures` lists every miss of the own set; the independent sets' misses are always listed.
// `--set NAME` (repeatable: a set's folder name, or `own`) runs only the sets named — for working on
// one set's misses without waiting for the others.
import { join } from "node:path";
import { formatResult, openEvalBank, runSet, type EvalSet, type SetResult } from "../test/eval/questions/harness.ts";
import * as own from "../test/eval/questions/own/oracle.ts";
import { OWN_BAR } from "../test/eval/questions/own-bar.ts";
import { findIndependentSets } from "../test/eval/questions/sets.ts";

const showOwn = process.argv.includes("--failures");
const only = new Set(process.argv.flatMap((a, i) => (process.argv[i - 1] === "--set" ? [a] : [])));
const wanted = (name: string) => only.size === 0 || only.has(name);

async function run(set: EvalSet): Promise<SetResult> {
  const bank = await openEvalBank(set.NOW);
  try {
    return await runSet(bank, set);
  } finally {
    await bank.close();
  }
}

const sets = findIndependentSets(join(import.meta.dirname, "..", "test", "eval", "questions"));
if (sets.length === 0) console.log("independent sets: none present (test/eval/questions/independent*/oracle.ts)");
for (const found of sets.filter((s) => wanted(s.name))) {
  const set = (await import(found.oracle)) as EvalSet;
  const label = `${found.name} (${found.development ? "development: read by the project" : "held out: never read by the project"})`;
  const result = await run(set);
  console.log(formatResult(label, result, true));
  if (found.disagreements.size > 0) {
    const kept = result.total - found.disagreements.size;
    const right =
      result.correct -
      [...found.disagreements.keys()].filter((id) => !result.failures.some((f) => f.item.id === id)).length;
    console.log(
      `  ${found.name} without its ${found.disagreements.size} documented disagreements (disagreements.json): ` +
        `${right}/${kept} = ${((100 * right) / kept).toFixed(1)}%`,
    );
  }
}
if (wanted("own")) {
  const rest = await run(own);
  console.log(formatResult("the rest (own set)", rest, showOwn));
  console.log(`bar for the rest: ${(OWN_BAR * 100).toFixed(0)}%`);
  process.exitCode = rest.correct / Math.max(1, rest.total) >= OWN_BAR ? 0 : 1;
}
