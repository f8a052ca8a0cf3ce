// The parser's accuracy on the evaluation set (eval-set.json: questions as people type them, in
// Chinese and English, with the expected intent and every slot) must stay at or above the bar the
// README states. `npm run eval:questions` prints the same figures with the misunderstood questions.
import { describe, expect, it } from "vitest";
import { EVAL_BAR, evaluateQuestions, formatEvaluation } from "./question-eval.ts";

describe("the question evaluation set", () => {
  const result = evaluateQuestions();

  it("has at least 300 questions, about half with Chinese, covering every intent including not understood", () => {
    expect(result.total).toBeGreaterThanOrEqual(300);
    expect(result.languages.zh / result.total).toBeGreaterThan(0.4);
    expect(result.languages.en / result.total).toBeGreaterThan(0.4);
    expect(result.byIntent.map((i) => i.intent)).toEqual(
      expect.arrayContaining(["unknown", "help", "leave.who", "rotation.due", "status.person", "status.unit"]),
    );
    expect(result.byIntent.find((i) => i.intent === "unknown")!.total).toBeGreaterThanOrEqual(10);
  });

  it(`is understood at or above the bar (${EVAL_BAR * 100}%)`, () => {
    expect(result.correct / result.total, formatEvaluation(result, true)).toBeGreaterThanOrEqual(EVAL_BAR);
  });
});
