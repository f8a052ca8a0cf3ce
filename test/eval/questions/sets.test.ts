// eval:questions finds every independent set by its folder (sets.ts): a second set lands as
// `independent-2/` with an oracle.ts and is printed as held out, beside the development set the
// project has read; a folder without an oracle is no set, and disagreements are read per set.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findIndependentSets } from "./sets.ts";

describe("the independent question sets eval:questions runs", () => {
  const root = mkdtempSync(join(tmpdir(), "keypost-eval-sets-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("runs every independent*/ folder with an oracle, in name order, the read ones marked development", () => {
    const named = [
      "independent",
      "independent-2",
      "independent-3",
      "independent-4",
      "independent-5",
      "independent-6",
      "independent-10",
      "own",
    ];
    for (const name of [...named, "independent-empty"]) mkdirSync(join(root, name));
    for (const name of named) writeFileSync(join(root, name, "oracle.ts"), "export {};\n");
    writeFileSync(
      join(root, "independent", "disagreements.json"),
      JSON.stringify([{ id: "ind-001", reason: "asked by an auditor" }]),
    );
    const sets = findIndependentSets(root);
    expect(sets.map((s) => [s.name, s.development])).toEqual([
      ["independent", true],
      ["independent-10", false],
      ["independent-2", true],
      ["independent-3", true],
      ["independent-4", true],
      ["independent-5", true],
      ["independent-6", true],
    ]);
    expect(sets[0]!.disagreements.get("ind-001")).toBe("asked by an auditor");
    expect(sets[2]!.disagreements.size).toBe(0);
  });

  it("finds the development sets in the repository, the first with its documented disagreements", () => {
    const sets = findIndependentSets(import.meta.dirname);
    const dev = sets.find((s) => s.name === "independent");
    expect(dev?.development).toBe(true);
    expect(dev?.disagreements.size).toBeGreaterThan(0);
    expect(sets.find((s) => s.name === "independent-2")?.development).toBe(true);
    expect(sets.find((s) => s.name === "independent-3")?.development).toBe(true);
    expect(sets.find((s) => s.name === "independent-4")?.development).toBe(true);
    expect(sets.find((s) => s.name === "independent-5")?.development).toBe(true);
    expect(sets.find((s) => s.name === "independent-7")?.development).toBe(true);
    expect(sets.find((s) => s.name === "independent-8")?.development).toBe(true);
  });
});
