/** Generated runs for the invariant tests (SPEC §10); see driver.ts for how a run is made. */
export * from "./case-runs.ts";
export * from "./driver.ts";
export * from "./walk.ts";
export * from "./world-runs.ts";
