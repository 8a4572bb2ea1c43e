import { otherLanguage } from "../../../platform/i18n/i18n.ts";
import type { AffectedProduct, PublicAdvisory } from "../advisories.schemas.ts";
import { textsIn } from "../advisory-texts.ts";
import { advisoryUrl } from "./document.ts";
import { osvPackage } from "./identifiers.ts";
import { affectingRanges, isSingleVersion, osvRanges } from "./versions.ts";

/**
 * An OSV record (schema 1.6) of the advisory, for scanners: each affected product that is a
 * package of an ecosystem OSV knows (from its package URL) with its ranges, so a scanner can
 * match it; every product, packaged or not, with its CPE and versions in `database_specific`.
 */

/**
 * The OSV id: the configured prefix (KAKEHASHI_OSV_PREFIX, `x_` or a database prefix
 * registered with OSV) and the advisory ID with "-" for "#", which an id should not contain.
 */
export function osvId(advisoryId: string, prefix: string): string {
  return `${prefix}${advisoryId.replaceAll("#", "-")}`;
}

function details(texts: { overview: string; description: string; impact: string }): string {
  return `${texts.overview}\n\n${texts.description}\n\n${texts.impact}`;
}

/**
 * A product in OSV `affected[]`, or null when it is not a package OSV can name. Versions are
 * its ranges; without ranges, the versions written as one version each; with neither, the
 * package as a whole (`introduced: "0"`), since the advisory names it affected and a scanner
 * should rather warn than stay silent. The words people read stay in database_specific.
 */
function affectedPackage(product: AffectedProduct) {
  const pkg = osvPackage(product.purl);
  if (!pkg) return null;
  const ranges = affectingRanges(product.ranges);
  const exact = [...new Set(product.versions.filter(isSingleVersion))];
  const osv =
    ranges.length > 0
      ? { ranges: osvRanges(ranges, pkg.ecosystem) }
      : exact.length > 0
        ? { versions: exact }
        : {
            ranges: osvRanges(
              [{ introduced: null, fixed: null, lastAffected: null }],
              pkg.ecosystem,
            ),
          };
  return {
    package: pkg,
    ...osv,
    database_specific: {
      vendor: product.vendor,
      product: product.product,
      ...(product.cpe ? { cpe: product.cpe } : {}),
      ...(product.versions.length > 0 ? { versions: product.versions } : {}),
    },
  };
}

export function toOsv(advisory: PublicAdvisory, options: { publicUrl: string; osvPrefix: string }) {
  const { publicUrl, osvPrefix } = options;
  const page = advisoryUrl(publicUrl, advisory.advisoryId);
  // OSV's summary and details are English text: English when the advisory has it, else its own
  // language; the other language goes to database_specific.
  const language = textsIn(advisory, "en") ? "en" : advisory.language;
  const texts = textsIn(advisory, language) ?? advisory;
  const other = textsIn(advisory, otherLanguage(language));

  const references = [
    { type: "ADVISORY", url: page },
    ...advisory.vendors
      .filter((v) => v.advisoryUrl)
      .map((v) => ({ type: "ADVISORY", url: v.advisoryUrl as string })),
    ...advisory.vendors.flatMap((v) =>
      v.countermeasures
        .filter((c) => c.url)
        .map((c) => ({ type: c.type === "fix" ? "FIX" : "WEB", url: c.url as string })),
    ),
    ...advisory.references.map((r) => ({ type: "WEB", url: r.url })),
  ].filter(
    (reference, index, all) =>
      all.findIndex((r) => r.url === reference.url && r.type === reference.type) === index,
  );
  const severity = [
    ...(advisory.cvss.v3 ? [{ type: "CVSS_V3", score: advisory.cvss.v3.vector }] : []),
    ...(advisory.cvss.v4 ? [{ type: "CVSS_V4", score: advisory.cvss.v4.vector }] : []),
  ];

  return {
    schema_version: "1.6.0",
    id: osvId(advisory.advisoryId, osvPrefix),
    modified: advisory.updatedAt,
    published: advisory.publishedAt,
    aliases: advisory.cveIds,
    summary: texts.title,
    details: details(texts),
    ...(severity.length > 0 ? { severity } : {}),
    affected: advisory.affected.flatMap((product) => affectedPackage(product) ?? []),
    references,
    ...(advisory.acknowledgement
      ? { credits: [{ name: advisory.acknowledgement, type: "FINDER" }] }
      : {}),
    database_specific: {
      advisory_id: advisory.advisoryId,
      url: page,
      language,
      ...(other
        ? {
            translation: {
              language: otherLanguage(language),
              summary: other.title,
              details: details(other),
            },
          }
        : {}),
      cwe_ids: advisory.cwe ? [advisory.cwe] : [],
      severity: advisory.severity,
      // Every affected product as the advisory states it, packaged or not (a product without a
      // package URL of a known ecosystem cannot be matched by a scanner, but CPE tools can).
      products: advisory.affected.map((product) => ({
        vendor: product.vendor,
        product: product.product,
        cpe: product.cpe,
        purl: product.purl,
        versions: product.versions,
        ranges: product.ranges,
      })),
    },
  };
}
