// `npm run test:chaos`: the replicas-and-crashes suite (test/chaos/*.chaos.ts), apart from `npm test`
// because it runs for minutes and starts real `keypost serve` processes; .ci/run calls it after
// `npm test`. It uses the same throwaway PostgreSQL server as the other tests (global setup).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/chaos/**/*.chaos.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    pool: "forks",
    reporters: process.env.KEYPOST_VITEST_JSON ? ["default", "json"] : ["default"],
    outputFile: process.env.KEYPOST_VITEST_JSON ? { json: process.env.KEYPOST_VITEST_JSON } : undefined,
  },
});
