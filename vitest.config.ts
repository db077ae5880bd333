import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Two cores on CI: a small fork pool leaves room for the worker_threads tests (Hogwild!).
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
