// npm run eval:questions — the question parser's accuracy on test/app/questions/eval-set.json,
// per intent and overall, with every misunderstood question listed. Exit 1 below the bar.
import { EVAL_BAR, evaluateQuestions, formatEvaluation } from "../test/app/questions/question-eval.ts";

const result = evaluateQuestions();
console.log(formatEvaluation(result, true));
const holdout = evaluateQuestions("eval-holdout.json");
console.log(
  `\nheld-out set (written after tuning, never tuned on): ${holdout.correct}/${holdout.total} = ${((100 * holdout.correct) / holdout.total).toFixed(1)}%`,
);
for (const f of holdout.failures)
  console.log(
    `  ${JSON.stringify(f.q)}: expected ${f.expected.intent} ${JSON.stringify(f.expected.slots)}, got ${f.got.intent} ${JSON.stringify(f.got.slots)}`,
  );
process.exitCode = result.correct / result.total >= EVAL_BAR ? 0 : 1;
