import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixedClock, manualClock, parseInstant } from "./clock.ts";

const SRC = path.resolve(import.meta.dirname, "../..");

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("clock", () => {
  it("is the only reader of the time in the source tree", () => {
    // new Date() with no argument, Date.now() and performance.now() read the machine's time.
    const timeReads = /\bDate\.now\(|\bnew Date\(\s*\)|\bperformance\.now\(/;
    const offenders = sourceFiles(SRC)
      .filter((file) => !file.endsWith(path.join("jobs", "clock.ts")))
      .filter((file) => timeReads.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(SRC, file));
    expect(offenders).toEqual([]);
  });

  it("stands still when fixed and moves only when told to when manual", () => {
    const fixed = fixedClock(new Date("2026-12-01T09:00:00Z"));
    fixed.now().setFullYear(2000);
    expect(fixed.now().toISOString()).toBe("2026-12-01T09:00:00.000Z");

    const manual = manualClock(new Date("2026-12-01T09:00:00Z"));
    manual.advance(45 * 24 * 60 * 60 * 1000);
    expect(manual.now().toISOString()).toBe("2027-01-15T09:00:00.000Z");
    manual.set(new Date("2026-01-01T00:00:00Z"));
    expect(manual.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it.each([
    ["2026-12-01T09:00:00Z", "2026-12-01T09:00:00.000Z"],
    ["2026-12-01T18:00:00+09:00", "2026-12-01T09:00:00.000Z"],
    ["2026-12-01T09:00:00.123Z", "2026-12-01T09:00:00.123Z"],
  ])("reads the instant %s", (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
  });

  it.each(["2026-12-01", "2026-12-01T09:00:00", "yesterday", "2026-13-45T99:00:00Z"])(
    "refuses %s, which names no exact instant",
    (text) => {
      expect(parseInstant(text)).toBeNull();
    },
  );
});
