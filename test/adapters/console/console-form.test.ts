import { describe, expect, it } from "vitest";
import type { CardInput } from "../../../src/ports/card.ts";
import { bi } from "../../../src/ports/locale.ts";
import { checkAnswer, isHttpsUrl, isIsoDate } from "../../../adapters/console/console-form.ts";

const input = (kind: CardInput["kind"], extra: Partial<CardInput> = {}): CardInput => ({
  name: "x",
  kind,
  label: bi("项", "Item"),
  required: true,
  ...extra,
});

describe("console form answers", () => {
  it("accepts real dates as YYYY-MM-DD only", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-1-5", "05/01/2026", "2026-12-01T00:00"])
      expect(isIsoDate(bad)).toBe(false);
    expect(checkAnswer(input("date"), "2026-02-30", "en")).toEqual({
      ok: false,
      problem: "Please enter a valid date as YYYY-MM-DD.",
    });
    expect(checkAnswer(input("date"), " 2026-12-10 ", "zh-CN")).toEqual({ ok: true, value: "2026-12-10" });
  });

  it("accepts https addresses only", () => {
    expect(isHttpsUrl("https://dms.bank.example/a/1")).toBe(true);
    for (const bad of ["http://dms.bank.example", "ftp://x", "dms.bank.example", "https://"])
      expect(isHttpsUrl(bad)).toBe(false);
    expect(checkAnswer(input("url"), "http://x.example", "zh-CN")).toEqual({
      ok: false,
      problem: "请输入以 https:// 开头的有效网址。",
    });
  });

  it("maps a select's number (or its value) to the option's value", () => {
    const select = input("select", {
      options: [
        { value: "agree", label: bi("同意", "Agree") },
        { value: "disagree", label: bi("不同意", "Disagree") },
      ],
    });
    expect(checkAnswer(select, "2", "en")).toEqual({ ok: true, value: "disagree" });
    expect(checkAnswer(select, "agree", "en")).toEqual({ ok: true, value: "agree" });
    expect(checkAnswer(select, "3", "en")).toEqual({ ok: false, problem: "Please type a number from 1 to 2." });
  });

  it("requires what is required, skips what is optional, and keeps to the maximum length", () => {
    expect(checkAnswer(input("text"), "  ", "en")).toEqual({ ok: false, problem: "This is required." });
    expect(checkAnswer(input("text", { required: false }), "", "en")).toEqual({ ok: true, value: undefined });
    expect(checkAnswer(input("text", { maxLength: 4 }), "张柜员好人", "zh-CN")).toEqual({
      ok: false,
      problem: "最多 4 个字符。",
    });
    expect(checkAnswer(input("textarea"), "不同意：现金已核对", "zh-CN")).toEqual({
      ok: true,
      value: "不同意：现金已核对",
    });
  });
});
