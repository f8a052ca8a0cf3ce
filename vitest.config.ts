import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    // .ci/run asks for a JSON report too, to print the plain "N passed, N failed" line CI reads.
    reporters: process.env.KEYPOST_VITEST_JSON ? ["default", "json"] : ["default"],
    outputFile: process.env.KEYPOST_VITEST_JSON ? { json: process.env.KEYPOST_VITEST_JSON } : undefined,
  },
});
