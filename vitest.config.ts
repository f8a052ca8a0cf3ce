import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on these 2-core machines,
    // while most test time is spent waiting (HTTP on loopback, PostgreSQL, timers). Two workers
    // overlap the waits (decision 13.12); VITEST_MAX_WORKERS still overrides.
    maxWorkers: 2,
    // .ci/run asks for a JSON report too, to print the plain "N passed, N failed" line CI reads.
    reporters: process.env.KEYPOST_VITEST_JSON ? ["default", "json"] : ["default"],
    outputFile: process.env.KEYPOST_VITEST_JSON ? { json: process.env.KEYPOST_VITEST_JSON } : undefined,
  },
});
