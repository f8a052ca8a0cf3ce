// npm run eval:questions — the question parser's accuracy on test/app/questions/eval-set.json,
// per intent and overall, with every misunderstood question listed. Exit 1 below the bar.
import { EVAL_BAR, evaluateQuestions, formatEvaluation } from "../test/app/questions/question-eval.ts";

const result = evaluateQuestions();
console.log(formatEvaluation(result, true));
process.exitCode = result.correct / result.total >= EVAL_BAR ? 0 : 1;
