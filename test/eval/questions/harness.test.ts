// The evaluation harness itself, on a few questions in the independent set's format
// (sample/oracle.ts): it reads what answers state and scores them — right ones pass, and the same
// answers against a wrong expectation fail, so a figure it prints can go down as well as up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observe, openEvalBank, runSet, scores, type EvalBank } from "./harness.ts";
import * as sample from "./sample/oracle.ts";

describe("the question evaluation harness", () => {
  let bank: EvalBank;
  beforeAll(async () => {
    bank = await openEvalBank(sample.NOW);
  }, 120_000);
  afterAll(async () => bank?.close());

  it("answers the sample set in the independent format", async () => {
    const result = await runSet(bank, sample);
    expect(result.total).toBe(12);
    expect(result.failures.map((f) => f.item.id)).toEqual([]);
  });

  it("reads people, counts, dates, refusals and the help card, and scores a wrong expectation as wrong", async () => {
    const [overdue, , deadline, , holder, , count, , , noRole, help] = sample.loadItems();
    const seen = await observe(bank, overdue!);
    expect(seen.kind).toBe("answer");
    expect(scores(seen, sample.expected(overdue!))).toBe(true);
    expect(scores(seen, { kind: "people", codes: [...seen.codes, "E999"] })).toBe(false);
    expect(scores(seen, { kind: "refused" })).toBe(false);
    const date = await observe(bank, deadline!);
    expect(scores(date, { kind: "date", value: "1999-01-01" })).toBe(false);
    expect(scores(await observe(bank, holder!), { kind: "people", codes: [] })).toBe(false);
    const n = await observe(bank, count!);
    expect(scores(n, { kind: "count", value: (n.count ?? 0) + 1 })).toBe(false);
    expect((await observe(bank, noRole!)).code).toBe("NOT_AUTHORISED");
    expect((await observe(bank, help!)).kind).toBe("help");
  });
});
