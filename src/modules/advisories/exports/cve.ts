import { notFound, ProblemError } from "../../../platform/http/problem.ts";
import type { Language } from "../../../platform/i18n/i18n.ts";
import { otherLanguage } from "../../../platform/i18n/i18n.ts";
import { textLanguage } from "../../../platform/text/language.ts";
import type { AffectedProduct, PublicAdvisory } from "../advisories.schemas.ts";
import { countermeasureTextIn, textsIn } from "../advisory-texts.ts";
import { advisoryUrl, fitted } from "./document.ts";
import { cvePackage, isWellFormedCpe, parsePurl } from "./identifiers.ts";
import { affectingRanges, cveVersions, cveVersionType } from "./versions.ts";

/**
 * CVE JSON 5.1 (CVE Record Format), as a CNA publishes it: the CNA container with an English
 * description (and the Japanese one when the advisory has it), affected products with their
 * CPE, package and version ranges, and every array present only when it has an entry (the
 * schema's minItems).
 */

/** The CNA that the records name (configuration: KAKEHASHI_CNA_ORG_ID, _SHORT_NAME). */
export interface CnaIdentity {
  orgId: string;
  shortName: string;
}

/** CVE JSON 5.1 limits: a title's and a text's length. */
const TITLE_MAX = 256;
const TEXT_MAX = 4096;
const NAME_MAX = 512;

/**
 * The CVE ID a record is asked for: the one named (if the advisory has it), or its first.
 * Null when the advisory has no CVE ID or not the one named: there is no such record (404).
 */
function chosenCveId(advisory: PublicAdvisory, requested?: string): string | null {
  if (requested !== undefined) {
    const wanted = requested.trim().toUpperCase();
    return advisory.cveIds.find((id) => id === wanted) ?? null;
  }
  return advisory.cveIds[0] ?? null;
}

/** True when the advisory has English text, which a CVE record needs (else 409). */
function hasEnglishText(advisory: PublicAdvisory): boolean {
  return textsIn(advisory, "en") !== null;
}

/** Entries that differ: JSON Schema's uniqueItems compares whole values. */
function distinct<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function affectedEntry(product: AffectedProduct) {
  const purlType = parsePurl(product.purl)?.type ?? null;
  const ranges = affectingRanges(product.ranges);
  const versions = cveVersions(ranges, product.versions, cveVersionType(purlType));
  const pkg = cvePackage(product.purl);
  return {
    vendor: fitted(product.vendor, NAME_MAX, ""),
    product: product.product,
    ...(pkg ?? {}),
    ...(product.cpe && isWellFormedCpe(product.cpe) ? { cpes: [product.cpe] } : {}),
    ...(versions.length > 0 ? { versions } : {}),
    // With ranges, versions outside them are not affected; a product listed without any
    // version is affected as a whole; versions only as words leave the rest unknown.
    defaultStatus:
      ranges.length > 0 ? "unaffected" : product.versions.length === 0 ? "affected" : "unknown",
  };
}

/**
 * The affected products, and each affected vendor that lists none standing for its products
 * ("n/a", as CVE records write an unnamed product). The schema needs at least one entry: without
 * any, an entry says that vendor and product are not known.
 */
function affectedOf(advisory: PublicAdvisory) {
  const listing = new Set(advisory.affected.map((a) => a.vendor));
  const entries = distinct([
    ...advisory.affected.map(affectedEntry),
    ...advisory.vendors
      .filter((v) => v.status === "affected" && !listing.has(v.name))
      .map((v) => ({
        vendor: fitted(v.name, NAME_MAX, ""),
        product: "n/a",
        defaultStatus: "affected",
      })),
  ]);
  return entries.length > 0
    ? entries
    : [{ vendor: "n/a", product: "n/a", defaultStatus: "unknown" }];
}

/** A text in English and, when the advisory has it, in Japanese ("en" first, as CVE shows). */
function bilingual(
  advisory: PublicAdvisory,
  text: (texts: NonNullable<ReturnType<typeof textsIn>>) => string,
): { lang: Language; value: string }[] {
  return (["en", "ja"] as const).flatMap((lang) => {
    const texts = textsIn(advisory, lang);
    return texts ? [{ lang, value: text(texts) }] : [];
  });
}

/**
 * The record of one of the advisory's CVE IDs (see `chosenCveId`); the caller has checked that
 * the advisory has English text (`hasEnglishText`).
 */
/**
 * The CVE record an advisory has for a CVE ID (default: its first), or the problem API.md names:
 * 404 without a CVE ID or for one it does not have, 409 `english_text_missing` without English.
 */
export function cveRecordOf(
  advisory: PublicAdvisory,
  options: { publicUrl: string; cna: CnaIdentity },
  requested?: string,
) {
  const cveId = chosenCveId(advisory, requested);
  if (!cveId) {
    throw notFound(
      requested === undefined
        ? "This advisory has no CVE ID, so it has no CVE record."
        : "This advisory does not have that CVE ID.",
    );
  }
  if (!hasEnglishText(advisory)) {
    throw new ProblemError(
      409,
      "english_text_missing",
      "A CVE record needs an English description; this advisory has no English text yet.",
    );
  }
  return toCveRecord(advisory, options, cveId);
}

export function toCveRecord(
  advisory: PublicAdvisory,
  options: { publicUrl: string; cna: CnaIdentity },
  cveId: string,
) {
  const { publicUrl, cna } = options;
  const page = advisoryUrl(publicUrl, advisory.advisoryId);
  const english = textsIn(advisory, "en") ?? advisory;
  const long = (text: string) => fitted(text, TEXT_MAX, page);
  const descriptions = bilingual(advisory, (t) => `${t.overview}\n\n${t.description}`).map((d) => ({
    ...d,
    value: long(d.value),
  }));
  const impacts = bilingual(advisory, (t) => t.impact).map((d) => ({
    ...d,
    value: long(d.value),
  }));

  const metrics = [
    ...(advisory.cvss.v3
      ? [
          {
            format: "CVSS",
            scenarios: [{ lang: "en", value: "GENERAL" }],
            cvssV3_1: {
              version: "3.1",
              vectorString: advisory.cvss.v3.vector,
              baseScore: advisory.cvss.v3.baseScore,
              baseSeverity: advisory.cvss.v3.baseSeverity.toUpperCase(),
            },
          },
        ]
      : []),
    ...(advisory.cvss.v4
      ? [
          {
            format: "CVSS",
            scenarios: [{ lang: "en", value: "GENERAL" }],
            cvssV4_0: {
              version: "4.0",
              vectorString: advisory.cvss.v4.vector,
              baseScore: advisory.cvss.v4.baseScore,
              baseSeverity: advisory.cvss.v4.baseSeverity.toUpperCase(),
            },
          },
        ]
      : []),
  ];

  // Each countermeasure in the vendor's language, and in the other one when the vendor gave it.
  const countermeasureTexts = (type: "fix" | "workaround") =>
    distinct(
      advisory.vendors.flatMap((vendor) =>
        vendor.countermeasures
          .filter((c) => c.type === type)
          .flatMap((c) =>
            [c.language, otherLanguage(c.language)].flatMap((lang) => {
              const text = countermeasureTextIn(c, lang);
              if (!text) return [];
              const value = `${vendor.name}: ${text}${c.url ? ` (${c.url})` : ""}`;
              return [{ lang, value: long(value) }];
            }),
          ),
      ),
    );
  const solutions = countermeasureTexts("fix");
  const workarounds = countermeasureTexts("workaround");

  const references = distinctUrls([
    { url: page, name: advisory.advisoryId, tags: ["third-party-advisory"] },
    ...advisory.vendors
      .filter((v) => v.advisoryUrl)
      .map((v) => ({
        url: v.advisoryUrl as string,
        name: fitted(v.name, NAME_MAX, ""),
        tags: ["vendor-advisory"],
      })),
    ...advisory.references.map((r) => ({
      url: r.url,
      ...(r.title ? { name: fitted(r.title, NAME_MAX, "") } : {}),
    })),
  ]);

  return {
    dataType: "CVE_RECORD",
    dataVersion: "5.1",
    cveMetadata: {
      cveId,
      assignerOrgId: cna.orgId,
      assignerShortName: cna.shortName,
      state: "PUBLISHED",
      datePublished: advisory.publishedAt,
      dateUpdated: advisory.updatedAt,
    },
    containers: {
      cna: {
        providerMetadata: {
          orgId: cna.orgId,
          shortName: cna.shortName,
          dateUpdated: advisory.updatedAt,
        },
        title: fitted(english.title, TITLE_MAX, ""),
        datePublic: advisory.publishedAt,
        descriptions,
        affected: affectedOf(advisory),
        ...(advisory.cwe && advisory.cweName
          ? {
              problemTypes: [
                {
                  descriptions: [
                    {
                      lang: "en",
                      cweId: advisory.cwe,
                      description: fitted(`${advisory.cwe} ${advisory.cweName}`, TEXT_MAX, ""),
                      type: "CWE",
                    },
                  ],
                },
              ],
            }
          : {}),
        impacts: [{ descriptions: impacts }],
        ...(metrics.length > 0 ? { metrics } : {}),
        ...(solutions.length > 0 ? { solutions } : {}),
        ...(workarounds.length > 0 ? { workarounds } : {}),
        references,
        ...(advisory.acknowledgement
          ? {
              credits: [
                {
                  lang: textLanguage(advisory.acknowledgement),
                  value: fitted(advisory.acknowledgement, TEXT_MAX, ""),
                  type: "finder",
                },
              ],
            }
          : {}),
      },
    },
  };
}

/** References with each URL once (the first wins: the advisory, then vendors, then the rest). */
function distinctUrls<T extends { url: string }>(references: readonly T[]): T[] {
  const seen = new Set<string>();
  return references.filter((r) => {
    if (seen.has(r.url)) return false;
    seen.add(r.url);
    return true;
  });
}
