import type { VersionRange } from "../../../platform/text/product-identity.ts";

/**
 * An affected product's version ranges ({introduced, fixed | lastAffected}) in the notations of
 * the three standards: `vers:` for CSAF's product_version_range, `versions[]` entries for CVE
 * JSON 5, and range events for OSV. One place, so the three say the same thing.
 */

/** Words that make a version string name a range rather than one version (CSAF test 6.1.31). */
const RANGE_WORDS =
  /(<|>|≤|≥|\bprior\b|\bbefore\b|\bearlier\b|\blater\b|\bafter\b|\bthrough\b|\ball\b|以前|以降|まで|より前)/i;

/** True when the text, as people write versions ("2.3 and earlier"), names a range. */
export function namesRange(version: string): boolean {
  return RANGE_WORDS.test(version);
}

/** True when the text is one version a machine can compare ("2.3.1", "v1.0-rc1"). */
export function isSingleVersion(version: string): boolean {
  return !namesRange(version) && !/\s/.test(version);
}

/** A range as the exports state it: `introduced` absent means from the first version. */
export interface AffectedRange {
  introduced: string | null;
  fixed: string | null;
  lastAffected: string | null;
}

/**
 * The ranges that affect some version, normalised: `introduced: "0"` (OSV's "from the first
 * version") becomes absent, and a range introduced and fixed in the same version (which affects
 * none) is left out. Equal ranges count once.
 */
export function affectingRanges(ranges: readonly VersionRange[]): AffectedRange[] {
  const seen = new Set<string>();
  const result: AffectedRange[] = [];
  for (const range of ranges) {
    const introduced = range.introduced && range.introduced !== "0" ? range.introduced : null;
    const fixed = range.fixed ?? null;
    const lastAffected = fixed ? null : (range.lastAffected ?? null);
    if (introduced !== null && introduced === fixed) continue;
    const key = JSON.stringify([introduced, fixed, lastAffected]);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ introduced, fixed, lastAffected });
  }
  return result;
}

/** A range for people, the same in both languages: ">= 2.0, < 2.4", "<= 2.3", "all versions". */
export function rangeText(range: AffectedRange): string {
  if (range.introduced !== null && range.introduced === range.lastAffected) {
    return range.introduced;
  }
  const parts = [
    ...(range.introduced !== null ? [`>= ${range.introduced}`] : []),
    ...(range.fixed !== null ? [`< ${range.fixed}`] : []),
    ...(range.lastAffected !== null ? [`<= ${range.lastAffected}`] : []),
  ];
  return parts.length > 0 ? parts.join(", ") : "*";
}

// --- vers (package-url/vers-spec) ---------------------------------------------------------------

/**
 * The vers type of a product: its package URL type, which the vers spec makes the type of that
 * ecosystem's versions; `generic` for a product without a package URL.
 */
export function versType(purlType: string | null): string {
  const type = purlType?.toLowerCase() ?? "";
  return /^[a-z][a-z0-9.-]*$/.test(type) ? type : "generic";
}

/**
 * A version inside a vers string: the characters the spec reserves (`>` `<` `=` `!` `*` `|`
 * `%`), those a URI would read as delimiters (`#`, `?`), whitespace and anything outside
 * printable ASCII are percent-encoded (UTF-8, upper-case hex as RFC 3986 recommends).
 */
function versVersion(version: string): string {
  let encoded = "";
  for (const byte of Buffer.from(version, "utf8")) {
    const char = String.fromCharCode(byte);
    encoded +=
      byte <= 0x20 || byte >= 0x7f || "<>=!*|%#?".includes(char)
        ? `%${byte.toString(16).toUpperCase().padStart(2, "0")}`
        : char;
  }
  return encoded;
}

/**
 * The vers of one range, e.g. `vers:npm/>=2.0.0|<2.4.0`. Within a range the constraints are
 * already in version order (the lower bound first), each version occurs once, and comparators
 * alternate, as the spec's canonical form requires; a range from the first version has no lower
 * bound, and one without any bound is `*`.
 */
export function versOfRange(range: AffectedRange, type: string): string {
  if (range.introduced !== null && range.introduced === range.lastAffected) {
    return `vers:${type}/${versVersion(range.introduced)}`;
  }
  const constraints = [
    ...(range.introduced !== null ? [`>=${versVersion(range.introduced)}`] : []),
    ...(range.fixed !== null ? [`<${versVersion(range.fixed)}`] : []),
    ...(range.lastAffected !== null ? [`<=${versVersion(range.lastAffected)}`] : []),
  ];
  return `vers:${type}/${constraints.length > 0 ? constraints.join("|") : "*"}`;
}

/** The vers of a single version, for a version CSAF must not call a product_version (6.1.31). */
export function versOfVersion(version: string, type: string): string {
  return `vers:${type}/${versVersion(version)}`;
}

// --- CVE JSON 5 ---------------------------------------------------------------------------------

export type CveVersion =
  | { version: string; status: "affected" }
  | {
      version: string;
      status: "affected";
      versionType: string;
      lessThan?: string;
      lessThanOrEqual?: string;
    };

/** The CVE `versionType` of a product's versions, from its package URL type. */
export function cveVersionType(purlType: string | null): string {
  switch (purlType) {
    case "npm":
    case "cargo":
    case "golang":
    case "hex":
    case "pub":
      return "semver";
    case "pypi":
      return "python";
    case null:
      return "custom";
    default:
      return purlType;
  }
}

/**
 * A product's `versions[]` in a CVE record: each range from `introduced` (or "0", the first
 * version) `lessThan` its fix, `lessThanOrEqual` its last affected version, or `lessThan: "*"`
 * when it has neither; without ranges, the versions as written, each `affected`.
 */
export function cveVersions(
  ranges: readonly AffectedRange[],
  versions: readonly string[],
  versionType: string,
): CveVersion[] {
  if (ranges.length > 0) {
    return ranges.map((range) => {
      const version = range.introduced ?? "0";
      if (range.fixed !== null) {
        return { version, status: "affected", versionType, lessThan: range.fixed };
      }
      if (range.lastAffected !== null) {
        return { version, status: "affected", versionType, lessThanOrEqual: range.lastAffected };
      }
      return { version, status: "affected", versionType, lessThan: "*" };
    });
  }
  return [...new Set(versions)].map((version) => ({ version, status: "affected" }));
}

// --- OSV ----------------------------------------------------------------------------------------

/** SemVer 2.0.0 (semver.org, section "Is there a suggested regular expression"). */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Ecosystems whose versions are SemVer, so OSV ranges can say SEMVER when the versions are. */
const SEMVER_ECOSYSTEMS = new Set(["npm", "Go", "crates.io", "Hex", "Pub"]);

export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string };
export interface OsvRange {
  type: "SEMVER" | "ECOSYSTEM";
  events: OsvEvent[];
}

/**
 * One OSV range per range (fixed and last_affected may not share one): SEMVER when the
 * ecosystem's versions are SemVer and every version here is (Go's leading "v" dropped, as the
 * Go database writes them), ECOSYSTEM otherwise. `introduced: "0"` is from the first version.
 */
export function osvRanges(ranges: readonly AffectedRange[], ecosystem: string): OsvRange[] {
  return ranges.map((range) => {
    const versions = [range.introduced, range.fixed, range.lastAffected].filter(
      (v): v is string => v !== null,
    );
    const bare = (v: string) => (ecosystem === "Go" ? v.replace(/^v/, "") : v);
    const semver = SEMVER_ECOSYSTEMS.has(ecosystem) && versions.every((v) => SEMVER.test(bare(v)));
    const as = (v: string) => (semver ? bare(v) : v);
    const events: OsvEvent[] = [{ introduced: range.introduced ? as(range.introduced) : "0" }];
    if (range.fixed !== null) events.push({ fixed: as(range.fixed) });
    else if (range.lastAffected !== null) events.push({ last_affected: as(range.lastAffected) });
    return { type: semver ? "SEMVER" : "ECOSYSTEM", events };
  });
}
