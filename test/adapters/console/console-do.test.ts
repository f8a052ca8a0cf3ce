import { describe, expect, it } from "vitest";
import { parseDo } from "../../../adapters/console/console-do.ts";

describe("do <use case> …", () => {
  it("reads key=value pairs as text, true and false as booleans, numbers as text", () => {
    expect(parseDo(" leave.plan post=P-TELLER-SB1 startDate=2026-03-09 sealed=false substitute=1001 ")).toEqual({
      ok: true,
      name: "leave.plan",
      raw: { post: "P-TELLER-SB1", startDate: "2026-03-09", sealed: false, substitute: "1001" },
    });
    expect(parseDo("home.view")).toEqual({ ok: true, name: "home.view", raw: {} });
  });

  it("reads a JSON object as it is", () => {
    expect(parseDo('leave.start {"leaveId": "L1", "expectedVersion": 2}')).toEqual({
      ok: true,
      name: "leave.start",
      raw: { leaveId: "L1", expectedVersion: 2 },
    });
  });

  it("says what is wrong with the rest", () => {
    expect(parseDo("")).toEqual({ ok: false, problem: "usage", text: "" });
    expect(parseDo("x {nope")).toEqual({ ok: false, problem: "json", text: "{nope" });
    expect(parseDo("x [1]")).toEqual({ ok: false, problem: "pair", text: "[1]" });
    expect(parseDo("x a=1 b")).toEqual({ ok: false, problem: "pair", text: "b" });
    expect(parseDo("x =1")).toEqual({ ok: false, problem: "pair", text: "=1" });
  });
});
