// Charts of many units roll up to their ancestors: at most 40 bars, each the sum of the units
// under it; few units are drawn as they are.
import { describe, expect, it } from "vitest";
import { rollUp, type UnitLine } from "../../../src/app/dashboard/dashboard.query.ts";
import { figure } from "../../../src/app/reports/report-context.ts";
import type { UnitFact } from "../../../src/ports/report-queries.ts";

const unit = (path: string): UnitFact => ({
  id: path,
  code: path.split("/").at(-2)!,
  name: path,
  path,
  timeZone: "Asia/Shanghai",
});
const line = (path: string, n: number, d: number): UnitLine => ({
  unit: unit(path),
  figures: { rotation: figure(n, d), leave: figure(0, d), audits: figure(0, 0), rectification: figure(1, 1) },
});

describe("rollUp", () => {
  it("keeps few units as they are", () => {
    const lines = [line("/HO/B1/", 1, 2), line("/HO/B1/S1/", 2, 2)];
    expect(
      rollUp(
        lines,
        lines.map((l) => l.unit),
      ),
    ).toEqual(lines);
  });

  it("sums 3 × 20 sub-branches into their 3 branches, figure by figure", () => {
    const units = [unit("/HO/"), ...[1, 2, 3].map((b) => unit(`/HO/B${b}/`))];
    const lines: UnitLine[] = [];
    for (const b of [1, 2, 3])
      for (let s = 1; s <= 20; s += 1) {
        const u = `/HO/B${b}/S${b}-${s}/`;
        units.push(unit(u));
        lines.push(line(u, s % 2, 1));
      }
    const bars = rollUp(lines, units);
    expect(bars.map((b) => b.unit.code)).toEqual(["B1", "B2", "B3"]);
    expect(bars[0]!.figures.rotation).toEqual(figure(10, 20));
    expect(bars[0]!.figures.rectification).toEqual(figure(20, 20));
    expect(bars[0]!.figures.audits).toEqual(figure(0, 0));
  });
});
