import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/support/slow-first.sequencer.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on these 2-core machines,
    // while most test time is spent waiting (HTTP on loopback, PostgreSQL, child processes, timers).
    // With two workers a worker waited ~55 % of its time and the machine was 83 % busy; three
    // overlap more of those waits (95 % busy, decision 13.s14t-3). VITEST_MAX_WORKERS still overrides.
    maxWorkers: 3,
    // A worker runs file after file in one process and keeps the modules it has loaded: the app and
    // its libraries are imported once per worker, not once per file (decision 13.s9t-1). No test
    // relies on a fresh process: none uses vi.mock or fake timers, the one spy (activity-reading.test.ts)
    // is restored in its `finally`, and those that change process.env or add process listeners put them back.
    isolate: false,
    // Slowest files first, from the checked-in test/file-times.json, so that no long file starts last
    // while the other worker has nothing left (decision 13.s10t-1).
    sequence: { sequencer: SlowFirstSequencer },
    // .ci/run asks for a JSON report too, to print the plain "N passed, N failed" line CI reads.
    reporters: process.env.KEYPOST_VITEST_JSON ? ["default", "json"] : ["default"],
    outputFile: process.env.KEYPOST_VITEST_JSON ? { json: process.env.KEYPOST_VITEST_JSON } : undefined,
  },
});
