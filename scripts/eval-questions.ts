// npm run eval:questions — the manager questions, asked through the real ask-question path on the
// demo bank at a fixed instant (test/eval/questions/harness.ts), scored against expectations that
// each set's oracle computes from the register. Two figures: the independent set (written by
// someone who never saw the parser; printed, never tuned on) and the rest (the project's own set,
// bar OWN_BAR, asserted by test/eval/questions/own-eval.test.ts). `--failures` lists every miss
// of the own set; the independent set's misses are always listed (to report, not to tune on).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { formatResult, openEvalBank, runSet, type EvalSet } from "../test/eval/questions/harness.ts";
import * as own from "../test/eval/questions/own/oracle.ts";
import { OWN_BAR } from "../test/eval/questions/own-bar.ts";

const showOwn = process.argv.includes("--failures");
const independentOracle = join(import.meta.dirname, "..", "test", "eval", "questions", "independent", "oracle.ts");
const independent: EvalSet | undefined = existsSync(independentOracle)
  ? ((await import(independentOracle)) as EvalSet)
  : undefined;

async function run(name: string, set: EvalSet, failures: boolean): Promise<number> {
  const bank = await openEvalBank(set.NOW);
  try {
    const result = await runSet(bank, set);
    console.log(formatResult(name, result, failures));
    return result.total === 0 ? 0 : result.correct / result.total;
  } finally {
    await bank.close();
  }
}

if (independent) await run("independent set", independent, true);
else console.log("independent set: not present (test/eval/questions/independent/oracle.ts)");
const rest = await run("the rest (own set)", own, showOwn);
console.log(`bar for the rest: ${(OWN_BAR * 100).toFixed(0)}%`);
process.exitCode = rest >= OWN_BAR ? 0 : 1;
