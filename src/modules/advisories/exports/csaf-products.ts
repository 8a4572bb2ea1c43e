import type { AffectedProduct, PublicAdvisory, PublicVendorStatus } from "../advisories.schemas.ts";
import { cpeWithVersion, isWellFormedCpe, parsePurl, purlWithVersion } from "./identifiers.ts";
import {
  type AffectedRange,
  affectingRanges,
  namesRange,
  rangeText,
  versOfRange,
  versOfVersion,
  versType,
} from "./versions.ts";

/**
 * The CSAF 2.0 product tree of an advisory: vendor → product name → versions. A product with
 * version ranges gets one `product_version_range` branch per range, named by its `vers:`
 * (test 6.2.18), and one `product_version` per fixed version; every product carries the CPE and
 * package URL it has, set to its version (test 6.2.16). Product IDs are assigned in order.
 */

export type ProductStatus =
  | "known_affected"
  | "known_not_affected"
  | "fixed"
  | "under_investigation";

interface IdentificationHelper {
  cpe?: string;
  purl?: string;
}
interface CsafProduct {
  product_id: string;
  name: string;
  product_identification_helper?: IdentificationHelper;
}
export interface CsafBranch {
  category: "vendor" | "product_name" | "product_version" | "product_version_range";
  name: string;
  product?: CsafProduct;
  branches?: CsafBranch[];
}

/** A fix of one range: its affected product and the version that fixes it. */
export interface RangeFix {
  productId: string;
  fixed: string;
}

export interface CsafProductTree {
  branches: CsafBranch[];
  status: Record<ProductStatus, string[]>;
  /** Each vendor's products that are not fixed versions: what its remediations apply to. */
  productsOfVendor: Map<string, string[]>;
  rangeFixes: RangeFix[];
}

function statusOfVendor(status: PublicVendorStatus): ProductStatus {
  if (status === "affected") return "known_affected";
  if (status === "not_affected") return "known_not_affected";
  return "under_investigation";
}

/**
 * The identification helper of a product: `"any"` for the product stated by a range (any
 * version: CPE version `*`, package URL without version), a version for one version, null for
 * the product as the advisory names it (its CPE and package URL as given).
 */
function helper(
  identity: { cpe: string | null; purl: string | null },
  version: string | null,
): { product_identification_helper?: IdentificationHelper } {
  const cpe = !identity.cpe
    ? null
    : version === null
      ? isWellFormedCpe(identity.cpe)
        ? identity.cpe
        : null
      : cpeWithVersion(identity.cpe, version === "any" ? "*" : version);
  const purl = !identity.purl
    ? null
    : version === null
      ? identity.purl
      : purlWithVersion(identity.purl, version === "any" ? null : version);
  if (!cpe && !purl) return {};
  return {
    product_identification_helper: { ...(cpe ? { cpe } : {}), ...(purl ? { purl } : {}) },
  };
}

/** Affected entries of one product (same name, CPE and package URL) taken together. */
interface MergedProduct {
  product: string;
  cpe: string | null;
  purl: string | null;
  versions: string[];
  ranges: AffectedRange[];
}

function mergedProducts(listed: readonly AffectedProduct[]): MergedProduct[] {
  const merged = new Map<string, MergedProduct>();
  for (const entry of listed) {
    const key = JSON.stringify([entry.product, entry.cpe, entry.purl]);
    const known = merged.get(key) ?? {
      product: entry.product,
      cpe: entry.cpe,
      purl: entry.purl,
      versions: [],
      ranges: [],
    };
    known.versions = [...new Set([...known.versions, ...entry.versions])];
    known.ranges = affectingRanges([
      ...known.ranges.map((r) => ({
        ...(r.introduced !== null ? { introduced: r.introduced } : {}),
        ...(r.fixed !== null ? { fixed: r.fixed } : {}),
        ...(r.lastAffected !== null ? { lastAffected: r.lastAffected } : {}),
      })),
      ...entry.ranges,
    ]);
    merged.set(key, known);
  }
  return [...merged.values()];
}

export function csafProductTree(advisory: PublicAdvisory): CsafProductTree {
  let seq = 0;
  const nextId = () => `CSAFPID-${String(++seq).padStart(4, "0")}`;
  const status: Record<ProductStatus, string[]> = {
    known_affected: [],
    known_not_affected: [],
    fixed: [],
    under_investigation: [],
  };
  const productsOfVendor = new Map<string, string[]>();
  const rangeFixes: RangeFix[] = [];
  const product = (
    as: ProductStatus,
    vendor: string,
    name: string,
    identification: ReturnType<typeof helper>,
  ): CsafProduct => {
    const id = nextId();
    status[as].push(id);
    if (as !== "fixed") productsOfVendor.set(vendor, [...(productsOfVendor.get(vendor) ?? []), id]);
    return { product_id: id, name, ...identification };
  };

  const branches = advisory.vendors.map((vendor): CsafBranch => {
    const listed = advisory.affected.filter((a) => a.vendor === vendor.name);
    if (listed.length === 0) {
      // A vendor without listed products stands for its products as a whole.
      return {
        category: "vendor",
        name: vendor.name,
        product: product(statusOfVendor(vendor.status), vendor.name, vendor.name, {}),
      };
    }
    const as: ProductStatus =
      vendor.status === "not_affected" ? "known_not_affected" : "known_affected";
    const products = mergedProducts(listed);
    // A vendor's fixed versions attach to its product when it lists exactly one.
    const countermeasureFixes =
      products.length === 1
        ? vendor.countermeasures.filter((c) => c.type === "fix").flatMap((c) => c.fixedVersions)
        : [];
    return {
      category: "vendor",
      name: vendor.name,
      branches: products.map((entry): CsafBranch => {
        const full = `${vendor.name} ${entry.product}`;
        const type = versType(parsePurl(entry.purl)?.type ?? null);
        // A version as people wrote it: one version, or words that name a range (6.1.31), which
        // stay words; a fixed range in words gets no identifier, which would claim every
        // version of the product fixed.
        const writtenVersion = (version: string, versionStatus: ProductStatus): CsafBranch => {
          const single = !namesRange(version);
          const identification = single
            ? helper(entry, version)
            : versionStatus === "fixed"
              ? {}
              : helper(entry, "any");
          return {
            category: single ? "product_version" : "product_version_range",
            name: version,
            product: product(versionStatus, vendor.name, `${full} ${version}`, identification),
          };
        };
        // A version a machine stated (a range's fix) is one version, whatever its characters.
        const statedVersion = (version: string): CsafBranch =>
          namesRange(version)
            ? {
                category: "product_version_range",
                name: versOfVersion(version, type),
                product: product(
                  "fixed",
                  vendor.name,
                  `${full} ${version}`,
                  helper(entry, version),
                ),
              }
            : writtenVersion(version, "fixed");
        const rangeBranches = entry.ranges.map(
          (range): CsafBranch => ({
            category: "product_version_range",
            name: versOfRange(range, type),
            product: product(as, vendor.name, `${full} ${rangeText(range)}`, helper(entry, "any")),
          }),
        );
        // With ranges, the versions as written say the same for people and are not repeated.
        const written = entry.ranges.length > 0 ? [] : entry.versions;
        const versionBranches = written.map((v) => writtenVersion(v, as));
        const stated =
          as === "known_affected"
            ? [...new Set(entry.ranges.flatMap((r) => (r.fixed !== null ? [r.fixed] : [])))]
            : [];
        const fixedBranches = [
          ...stated.filter((v) => !written.includes(v)).map(statedVersion),
          ...[...new Set(countermeasureFixes)]
            .filter((v) => !written.includes(v) && !stated.includes(v))
            .map((v) => writtenVersion(v, "fixed")),
        ];
        entry.ranges.forEach((range, index) => {
          const affected = rangeBranches[index]?.product?.product_id;
          if (affected && range.fixed !== null && as === "known_affected") {
            rangeFixes.push({ productId: affected, fixed: range.fixed });
          }
        });
        const versionsOf = [...rangeBranches, ...versionBranches, ...fixedBranches];
        if (versionsOf.length === 0) {
          return {
            category: "product_name",
            name: entry.product,
            product: product(as, vendor.name, full, helper(entry, null)),
          };
        }
        return { category: "product_name", name: entry.product, branches: versionsOf };
      }),
    };
  });
  return { branches, status, productsOfVendor, rangeFixes };
}
