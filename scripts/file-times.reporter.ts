// A Vitest reporter that prints where each test file's time goes (environment, prepare, import,
// setup, tests and hooks), slowest first, so the suite's slow files are found by measurement
// rather than by guess (issue #13). Used as `--reporter=./scripts/file-times.reporter.ts`;
// KEYPOST_VITEST_TIMES=<file> also writes every file's row as JSON, KEYPOST_VITEST_TIMES_TOP
// sets how many rows are printed (20). KEYPOST_VITEST_ORDER=test/file-times.json puts this run's
// seconds per file into the list the slow-first sequencer orders the files by (decision 13.s10t-1),
// keeping the files this run did not run; run it on an idle machine, the whole suite at once.
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

interface FileTime {
  file: string;
  wallMs: number;
  environmentMs: number;
  prepareMs: number;
  importMs: number;
  setupMs: number;
  testsMs: number;
  tests: number;
  state: string;
}

const round = (ms: number): number => Math.round(ms);
const seconds = (ms: number): string => (ms / 1000).toFixed(1).padStart(6);

function rowOf(module: TestModule): FileTime {
  const d = module.diagnostic();
  const wall = d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
  return {
    file: relative(process.cwd(), module.moduleId),
    wallMs: round(wall),
    environmentMs: round(d.environmentSetupDuration),
    prepareMs: round(d.prepareDuration),
    importMs: round(d.collectDuration),
    setupMs: round(d.setupDuration),
    testsMs: round(d.duration),
    tests: [...module.children.allTests()].length,
    state: module.state(),
  };
}

/** Merges the passed files' seconds into the `{ file: seconds }` list at `path`, slowest first. */
function writeOrder(path: string, rows: readonly FileTime[]): void {
  let known: Record<string, number> = {};
  try {
    known = JSON.parse(readFileSync(path, "utf8")) as Record<string, number>;
  } catch {
    // no list yet: this run's files make it
  }
  for (const r of rows) if (r.state === "passed") known[r.file] = Math.round(r.wallMs / 100) / 10;
  const sorted = Object.entries(known).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  writeFileSync(path, JSON.stringify(Object.fromEntries(sorted), null, 2) + "\n");
}

export default class FileTimesReporter implements Reporter {
  private readonly done: FileTime[] = [];

  /** Each file's row is written as soon as it ends, so a run stopped early still leaves its figures. */
  onTestModuleEnd(module: TestModule): void {
    this.done.push(rowOf(module));
    const out = process.env.KEYPOST_VITEST_TIMES;
    if (out) writeFileSync(out, JSON.stringify(this.done, null, 2) + "\n");
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows: FileTime[] = modules.map(rowOf);
    rows.sort((a, b) => b.wallMs - a.wallMs);
    const out = process.env.KEYPOST_VITEST_TIMES;
    if (out) writeFileSync(out, JSON.stringify(rows, null, 2) + "\n");
    const order = process.env.KEYPOST_VITEST_ORDER;
    if (order) writeOrder(order, rows);
    const top = Number(process.env.KEYPOST_VITEST_TIMES_TOP ?? 20);
    const sum = (pick: (r: FileTime) => number): number => rows.reduce((s, r) => s + pick(r), 0);
    const lines = [
      "",
      `Slowest ${Math.min(top, rows.length)} of ${rows.length} test files (seconds: total = env + prepare + import + setup + tests)`,
      `${"total".padStart(6)} ${"import".padStart(6)} ${"setup".padStart(6)} ${"tests".padStart(6)}  file`,
      ...rows
        .slice(0, top)
        .map(
          (r) => `${seconds(r.wallMs)} ${seconds(r.importMs)} ${seconds(r.setupMs)} ${seconds(r.testsMs)}  ${r.file}`,
        ),
      `${seconds(sum((r) => r.wallMs))} ${seconds(sum((r) => r.importMs))} ${seconds(sum((r) => r.setupMs))} ${seconds(sum((r) => r.testsMs))}  all files (summed over workers)`,
    ];
    process.stdout.write(lines.join("\n") + "\n");
  }
}
