// Superlatives over the key-post holders ("who has been in post longest", "任职最久的三个人",
// "the 3 newest tellers"): the phrase and its count, and the ranking — a tie at the last place
// keeps everyone who shares it, so the answer never picks one of two people who started the same day.
import { describe, expect, it } from "vitest";
import { findRank, ranked } from "../../../src/app/questions/rank-phrases.ts";

describe("rank phrases", () => {
  it("reads longest and newest, with how many, in both languages", () => {
    expect(findRank("who has been in post longest")?.rank).toEqual({ by: "longest", count: 1 });
    expect(findRank("the 3 longest-serving tellers")?.rank).toEqual({ by: "longest", count: 3 });
    expect(findRank("top 5 longest serving key post holders")?.rank).toEqual({ by: "longest", count: 5 });
    expect(findRank("任职最久的是谁")?.rank).toEqual({ by: "longest", count: 1 });
    expect(findRank("在岗时间最长的三个人")?.rank).toEqual({ by: "longest", count: 3 });
    expect(findRank("在岗最久的前三名")?.rank).toEqual({ by: "longest", count: 3 });
    expect(findRank("最近上岗的两位柜员")?.rank).toEqual({ by: "newest", count: 2 });
    expect(findRank("which vault keeper started most recently")?.rank).toEqual({ by: "newest", count: 1 });
  });

  it("is no superlative where none is asked", () => {
    expect(findRank("who has been in post more than two years")).toBeUndefined();
    expect(findRank("最长能待多久")).toBeUndefined();
    expect(findRank("who is due within 30 days")).toBeUndefined();
  });

  it("ranks by start date and keeps a tie at the last place", () => {
    const rows = [
      { employeeCode: "E3", startDate: "2024-01-01" },
      { employeeCode: "E1", startDate: "2023-01-01" },
      { employeeCode: "E2", startDate: "2024-01-01" },
      { employeeCode: "E4", startDate: "2025-06-01" },
    ];
    expect(ranked(rows, { by: "longest", count: 1 }).map((r) => r.employeeCode)).toEqual(["E1"]);
    expect(ranked(rows, { by: "longest", count: 2 }).map((r) => r.employeeCode)).toEqual(["E1", "E2", "E3"]);
    expect(ranked(rows, { by: "newest", count: 1 }).map((r) => r.employeeCode)).toEqual(["E4"]);
    expect(ranked(rows, { by: "newest", count: 9 })).toHaveLength(4);
  });
});
