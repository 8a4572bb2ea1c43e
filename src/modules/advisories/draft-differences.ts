import { z } from "zod";
import type { VersionRange } from "../../platform/text/product-identity.ts";
import { versionRangeView } from "../../platform/text/product-identity.ts";
import type { AdvisoryDraft } from "./advisory-draft.ts";

/**
 * What the coordinator's draft says about products and versions against what the vendors said
 * themselves (their status on the case, their countermeasures' products, versions and ranges),
 * for the coordinator to weigh before approving: "2.3 and earlier" in the advisory while the
 * vendor's fix says "2.0–2.3" is the mistake this catches. A difference does not block approval.
 */

export const DIFFERENCE_KINDS = [
  /** The vendor said it is not affected (or cannot reproduce), yet the draft lists its products. */
  "not_affected_but_listed",
  /** The vendor said it is affected, and the draft lists none of its products. */
  "affected_but_not_listed",
  /** A countermeasure names a product of the vendor's that the draft does not list. */
  "product_missing",
  /** A version the vendor says is fixed lies inside a range the draft says is affected. */
  "fixed_version_in_affected_range",
  /** The vendor's version ranges for the product are not the draft's. */
  "ranges_differ",
  /** The vendor's affected versions (as people read them) are not among the draft's. */
  "versions_differ",
  /** The vendor's CPE name or package URL for the product is not the draft's. */
  "identifier_differs",
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export const advisoryDifferenceView = z.object({
  kind: z.enum(DIFFERENCE_KINDS),
  vendorOrgId: z.string(),
  /** The product concerned; null when the difference is about the vendor as a whole. */
  product: z.string().nullable(),
  /** The vendor's status on the case, for the kinds about it. */
  vendorStatus: z.string().nullable(),
  /** The fixed version found inside an affected range. */
  version: z.string().nullable(),
  /** What the draft says of the product (null: nothing). */
  draft: z
    .object({
      versions: z.array(z.string()),
      ranges: z.array(versionRangeView),
      cpe: z.string().nullable(),
      purl: z.string().nullable(),
    })
    .nullable(),
  /** What the vendor's countermeasure says (null: the difference is about its status). */
  vendor: z
    .object({
      countermeasureId: z.string(),
      affectedVersions: z.array(z.string()),
      fixedVersions: z.array(z.string()),
      ranges: z.array(versionRangeView),
      cpe: z.string().nullable(),
      purl: z.string().nullable(),
    })
    .nullable(),
});
export type AdvisoryDifference = z.infer<typeof advisoryDifferenceView>;

/** A vendor's own entries on the case, as the differences read them. */
export interface VendorEntries {
  orgId: string;
  status: string;
  countermeasures: {
    id: string;
    product: string | null;
    cpe: string | null;
    purl: string | null;
    ranges: VersionRange[];
    affectedVersions: string[];
    fixedVersions: string[];
  }[];
}

/** Product names as people vary them: width, case and spacing do not make another product. */
export function sameProduct(a: string, b: string): boolean {
  const key = (name: string) => name.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return key(a) === key(b);
}

const VERSION = /^v?\d[\w.+~-]*$/i;

/** Whether a text is a version number (not "1.0.4 and later"). */
export function isVersion(text: string): boolean {
  return VERSION.test(text.trim());
}

/**
 * Orders two version numbers by their numeric and alphabetic parts (2.10 after 2.9; 1.0-beta
 * before 1.0); null when either is not a version number.
 */
export function compareVersions(a: string, b: string): number | null {
  if (!isVersion(a) || !isVersion(b)) return null;
  const parts = (v: string) =>
    v
      .trim()
      .replace(/^v/i, "")
      .match(/\d+|[a-z]+/gi) ?? [];
  const left = parts(a);
  const right = parts(b);
  const numeric = (part: string) => /^\d+$/.test(part);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const x = left[index];
    const y = right[index];
    // The shorter one is the release; a letter part after it makes a pre-release (1.0-beta).
    if (x === undefined) return y !== undefined && !numeric(y) ? 1 : -1;
    if (y === undefined) return !numeric(x) ? -1 : 1;
    if (numeric(x) && numeric(y)) {
      const order = Number(x) - Number(y);
      if (order !== 0) return Math.sign(order);
    } else if (numeric(x) !== numeric(y)) {
      return numeric(x) ? 1 : -1;
    } else if (x.toLowerCase() !== y.toLowerCase()) {
      return x.toLowerCase() < y.toLowerCase() ? -1 : 1;
    }
  }
  return 0;
}

/** Whether a version lies inside a range; false when it cannot be told. */
export function rangeContains(range: VersionRange, version: string): boolean {
  const from = range.introduced === undefined ? 1 : compareVersions(version, range.introduced);
  if (from === null || from < 0) return false;
  if (range.fixed !== undefined) {
    const below = compareVersions(version, range.fixed);
    return below !== null && below < 0;
  }
  if (range.lastAffected !== undefined) {
    const upTo = compareVersions(version, range.lastAffected);
    return upTo !== null && upTo <= 0;
  }
  return true;
}

const rangeKey = (range: VersionRange) =>
  JSON.stringify([range.introduced ?? "", range.fixed ?? "", range.lastAffected ?? ""]);

function sameRanges(a: readonly VersionRange[], b: readonly VersionRange[]): boolean {
  const left = new Set(a.map(rangeKey));
  const right = new Set(b.map(rangeKey));
  return left.size === right.size && [...left].every((key) => right.has(key));
}

const NOT_AFFECTED = new Set(["not_affected", "cannot_reproduce"]);

/** Every difference between the draft's affected products and the vendors' own entries. */
export function draftDifferences(
  draft: Pick<AdvisoryDraft, "affected">,
  vendors: readonly VendorEntries[],
): AdvisoryDifference[] {
  const differences: AdvisoryDifference[] = [];
  const blank = { product: null, vendorStatus: null, version: null, draft: null, vendor: null };
  for (const vendor of vendors) {
    const listed = draft.affected.filter((entry) => entry.vendorOrgId === vendor.orgId);
    if (NOT_AFFECTED.has(vendor.status)) {
      for (const entry of listed) {
        differences.push({
          ...blank,
          kind: "not_affected_but_listed",
          vendorOrgId: vendor.orgId,
          product: entry.product,
          vendorStatus: vendor.status,
          draft: draftSide(entry),
        });
      }
      continue;
    }
    if (vendor.status === "affected" && listed.length === 0) {
      differences.push({
        ...blank,
        kind: "affected_but_not_listed",
        vendorOrgId: vendor.orgId,
        vendorStatus: vendor.status,
      });
      continue;
    }
    for (const countermeasure of vendor.countermeasures) {
      const side = vendorSide(countermeasure);
      const named = countermeasure.product;
      const entries = named ? listed.filter((entry) => sameProduct(entry.product, named)) : listed;
      if (named && entries.length === 0) {
        differences.push({
          ...blank,
          kind: "product_missing",
          vendorOrgId: vendor.orgId,
          product: named,
          vendor: side,
        });
        continue;
      }
      for (const entry of entries) {
        const base = {
          ...blank,
          vendorOrgId: vendor.orgId,
          product: entry.product,
          draft: draftSide(entry),
          vendor: side,
        };
        const fixed = [
          ...countermeasure.fixedVersions.filter(isVersion).map((v) => v.trim()),
          ...countermeasure.ranges.flatMap((range) => (range.fixed ? [range.fixed] : [])),
        ];
        for (const version of new Set(fixed)) {
          if (entry.ranges.some((range) => rangeContains(range, version))) {
            differences.push({ ...base, kind: "fixed_version_in_affected_range", version });
          }
        }
        if (countermeasure.ranges.length > 0 && !sameRanges(countermeasure.ranges, entry.ranges)) {
          differences.push({ ...base, kind: "ranges_differ" });
        }
        const versions = new Set(entry.versions.map((v) => v.normalize("NFKC").trim()));
        if (
          countermeasure.affectedVersions.some((v) => !versions.has(v.normalize("NFKC").trim()))
        ) {
          differences.push({ ...base, kind: "versions_differ" });
        }
        if (
          (countermeasure.cpe && countermeasure.cpe !== entry.cpe) ||
          (countermeasure.purl && countermeasure.purl !== entry.purl)
        ) {
          differences.push({ ...base, kind: "identifier_differs" });
        }
      }
    }
  }
  return differences;
}

function draftSide(entry: AdvisoryDraft["affected"][number]) {
  return { versions: entry.versions, ranges: entry.ranges, cpe: entry.cpe, purl: entry.purl };
}

function vendorSide(countermeasure: VendorEntries["countermeasures"][number]) {
  return {
    countermeasureId: countermeasure.id,
    affectedVersions: countermeasure.affectedVersions,
    fixedVersions: countermeasure.fixedVersions,
    ranges: countermeasure.ranges,
    cpe: countermeasure.cpe,
    purl: countermeasure.purl,
  };
}
