// Orders the test files slowest first (issue #13, decision 13.s10t-1). Two workers take the files
// one at a time from the front of the queue; a long file taken last runs alone while the other
// worker idles, so the run's wall is its longest tail. Vitest's own order is by its cache of the
// last run's times, which a fresh clone (CI) does not have: it then runs the largest files first,
// which is not the slowest. The times come from test/file-times.json (each file's seconds in a
// measured run, checked in; refresh it with the file-times reporter, scripts/file-times.reporter.ts,
// KEYPOST_VITEST_ORDER=test/file-times.json). A file not listed is new and runs first, as Vitest
// runs a file it does not know first: its time is unknown, and an unknown long file last is the
// worst case. Sharding stays Vitest's.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const root = join(import.meta.dirname, "..", "..");

/** Each file's seconds (paths relative to the repository, `/`-separated); none if the list is missing. */
export function knownTimes(path = join(root, "test", "file-times.json")): ReadonlyMap<string, number> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(path, "utf8")) as Record<string, number>));
  } catch {
    return new Map();
  }
}

/** The files, slowest first: unlisted ones before every listed one, ties by path (a stable order). */
export function slowestFirst(files: readonly string[], times: ReadonlyMap<string, number>): string[] {
  const seconds = (file: string) => times.get(file) ?? Number.POSITIVE_INFINITY;
  return [...files].sort((a, b) => seconds(b) - seconds(a) || (a < b ? -1 : a > b ? 1 : 0));
}

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (spec: TestSpecification) => relative(root, spec.moduleId).split("\\").join("/");
    const order = slowestFirst(files.map(key), knownTimes());
    const rank = new Map(order.map((file, i) => [file, i]));
    return [...files].sort((a, b) => rank.get(key(a))! - rank.get(key(b))!);
  }
}
