import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    setupFiles: ["test/support/fast-check.ts"],
    pool: "forks",
    // Browser flows and property tests take seconds alone and much longer on a loaded 2-core
    // CI machine; the timeout is there to catch hangs, not to measure speed.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Browser and CLI tests start processes; keep the machine's two cores from thrashing.
    maxWorkers: 4,
  },
});
