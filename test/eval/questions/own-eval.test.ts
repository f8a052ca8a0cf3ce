// The project's own question set (test/eval/questions/own: ≥ 700 questions in both languages,
// with typos, mixed Chinese and English, paraphrases and askers out of scope or without a
// reporting role), asked through the real ask-question path on the demo bank, must be answered
// right at or above the bar (issue #16). The independent set is printed by `npm run
// eval:questions`, never asserted here and never tuned on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatResult, openEvalBank, runSet, type EvalBank } from "./harness.ts";
import * as own from "./own/oracle.ts";
import { OWN_BAR } from "./own-bar.ts";

describe("the own question set over the demo bank", () => {
  let bank: EvalBank;
  beforeAll(async () => {
    bank = await openEvalBank(own.NOW);
  }, 120_000);
  afterAll(async () => bank?.close());

  it("has at least 700 questions in both languages, with refusals and questions not understood", () => {
    const items = own.loadItems();
    expect(items.length).toBeGreaterThanOrEqual(700);
    expect(items.filter((i) => i.lang === "en").length).toBeGreaterThan(items.length * 0.4);
    expect(items.filter((i) => i.lang === "zh-CN").length).toBeGreaterThan(items.length * 0.4);
    const kinds = new Set(items.map((i) => own.expected(i).kind));
    expect([...kinds].sort()).toEqual(["count", "date", "not-understood", "people", "refused"]);
  });

  it(`is answered right at or above the bar (${OWN_BAR * 100}%), English answers without Chinese`, async () => {
    const result = await runSet(bank, own);
    expect(result.correct / result.total, formatResult("own set", result, true)).toBeGreaterThanOrEqual(OWN_BAR);
    expect(result.leaks, formatResult("own set", result, true)).toBeLessThanOrEqual(result.total * (1 - OWN_BAR));
  }, 600_000);
});
