// Which independent question sets there are: every folder `independent*/` beside this file that
// holds an `oracle.ts` (the interface of harness.ts's EvalSet), in name order — so a second set
// written by someone who never saw the code is picked up by `npm run eval:questions` the day it
// lands, without a change here. A set the project has read (its questions, oracle and misses were
// used to fix the parser) is a development set and is printed as such; every other folder is
// held out. A set may carry `disagreements.json` (written by the project, never by the set's
// author): ids whose expectation the project's documented rules decide otherwise, with the reason —
// printed as a second figure beside the set's own, never instead of it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Sets whose questions, oracle and misses the project has read: development sets, not held out.
 * `independent-2` was held out in session 6 and read in session 7 (decision 16.s7-1); `independent-3`
 * was held out in session 7 and read in session 8 (decision 16.s8-1); `independent-4` was held out in
 * session 8 and read in session 9 (decision 16.s9-1); `independent-5` was held out in session 9 and read
 * in session 10 (decision 16.s10-1); `independent-7` was written for development in session 10 and run once
 * before any change for it (94.5 %, decision 16.s10-1); `independent-6` was held out in session 10 (92.3 %) and read
 * in session 11 (decision 16.s11-1); `independent-9` was written for development in session 11 and run once
 * before any change for it (92.8 %, decision 16.s11-5); `independent-8` was held out in session 11 (95.8 %)
 * and read in session 12 (decision 16.s12-lead-1).
 */
export const DEVELOPMENT_SETS: ReadonlySet<string> = new Set([
  "independent",
  "independent-2",
  "independent-3",
  "independent-4",
  "independent-5",
  "independent-6",
  "independent-7",
  "independent-8",
  "independent-9",
]);

export interface FoundSet {
  readonly name: string;
  readonly oracle: string;
  readonly development: boolean;
  /** Item id → why the project's documented rules decide it otherwise. */
  readonly disagreements: ReadonlyMap<string, string>;
}

export function findIndependentSets(root: string): FoundSet[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith("independent") && existsSync(join(root, d.name, "oracle.ts")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const file = join(root, name, "disagreements.json");
      const listed = existsSync(file)
        ? (JSON.parse(readFileSync(file, "utf8")) as { id: string; reason: string }[])
        : [];
      return {
        name,
        oracle: join(root, name, "oracle.ts"),
        development: DEVELOPMENT_SETS.has(name),
        disagreements: new Map(listed.map((d) => [d.id, d.reason])),
      };
    });
}
