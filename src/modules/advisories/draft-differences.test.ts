import { describe, expect, it } from "vitest";
import {
  parseRangeLine,
  rangeLines,
  rangesFromLines,
} from "../../platform/text/version-range-text.ts";
import { compareVersions, draftDifferences, rangeContains } from "./draft-differences.ts";

describe("version ranges as people type them", () => {
  it("reads a bound per operator and writes the range back the same way", () => {
    expect(parseRangeLine(">=2.0 <2.4")).toEqual({ introduced: "2.0", fixed: "2.4" });
    expect(parseRangeLine("≥ 2.0, ≤ 2.3")).toEqual({ introduced: "2.0", lastAffected: "2.3" });
    expect(parseRangeLine("＜１.５")).toEqual({ fixed: "1.5" });
    const typed = ">=2.0 <2.4\n<=1.9.6\n>=3.0";
    expect(rangeLines(rangesFromLines(typed) as never)).toBe(typed);
  });

  it("refuses a line with a stray word, a repeated bound, or both fixed and last affected", () => {
    for (const line of ["2.0 to 2.3", ">=2.0 >=2.1", "<2.4 <=2.3", "through 1.9", ""]) {
      expect(parseRangeLine(line), line).toBeNull();
    }
    // A refused line stays in place as an empty range, which the schema names by its index.
    expect(rangesFromLines(">=1.0 <1.2\nabout 2")).toEqual([
      { introduced: "1.0", fixed: "1.2" },
      {},
    ]);
  });
});

describe("comparing versions", () => {
  it("orders numbers by value, a pre-release before its release, and knows no order for words", () => {
    expect(compareVersions("2.10", "2.9")).toBe(1);
    expect(compareVersions("1.0.4", "1.0.4")).toBe(0);
    expect(compareVersions("1.0-beta", "1.0")).toBe(-1);
    expect(compareVersions("1.0", "1.0.1")).toBe(-1);
    expect(compareVersions("v3.1", "3.0.9")).toBe(1);
    expect(compareVersions("1.0.4 and later", "1.0")).toBeNull();
  });

  it("tells whether a version lies in a range, and says no when it cannot tell", () => {
    expect(rangeContains({ introduced: "2.0", fixed: "2.4" }, "2.3.9")).toBe(true);
    expect(rangeContains({ introduced: "2.0", fixed: "2.4" }, "2.4")).toBe(false);
    expect(rangeContains({ lastAffected: "2.5" }, "2.5")).toBe(true);
    expect(rangeContains({ introduced: "3.0" }, "2.9")).toBe(false);
    expect(rangeContains({ fixed: "2.4" }, "latest")).toBe(false);
  });
});

describe("the differences between a draft and the vendors' entries", () => {
  const entry = (orgId: string, product: string, extra: Record<string, unknown> = {}) => ({
    vendorOrgId: orgId,
    product,
    versions: [],
    cpe: null,
    purl: null,
    ranges: [],
    ...extra,
  });
  const fix = (extra: Record<string, unknown> = {}) => ({
    id: "cm-1",
    product: null,
    cpe: null,
    purl: null,
    ranges: [],
    affectedVersions: [],
    fixedVersions: [],
    ...extra,
  });

  it("names an affected vendor the draft leaves out, and a product identifier it does not share", () => {
    const differences = draftDifferences(
      { affected: [entry("b", "Camera B7", { purl: "pkg:npm/camera-ui" })] },
      [
        { orgId: "a", status: "affected", countermeasures: [fix()] },
        {
          orgId: "b",
          status: "affected",
          countermeasures: [fix({ product: "ｃａｍｅｒａ  B7", purl: "pkg:npm/camera-web" })],
        },
        { orgId: "c", status: "investigating", countermeasures: [] },
      ],
    );
    expect(differences.map((d) => [d.kind, d.vendorOrgId, d.product])).toEqual([
      ["affected_but_not_listed", "a", null],
      ["identifier_differs", "b", "Camera B7"],
    ]);
  });

  it("finds nothing when the draft says what the vendors say", () => {
    const ranges = [{ introduced: "2.0", fixed: "2.4" }];
    expect(
      draftDifferences(
        { affected: [entry("a", "Router A100", { ranges, versions: ["2.0 to 2.3"] })] },
        [
          {
            orgId: "a",
            status: "affected",
            countermeasures: [
              fix({ ranges, affectedVersions: ["2.0 to 2.3"], fixedVersions: ["2.4"] }),
            ],
          },
          { orgId: "b", status: "not_affected", countermeasures: [] },
        ],
      ),
    ).toEqual([]);
  });
});
