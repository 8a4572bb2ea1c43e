import { type Language, otherLanguage } from "../../../platform/i18n/i18n.ts";
import type { HistoryEntry, PublicAdvisory } from "../advisories.schemas.ts";
import { countermeasureTextIn, textsIn } from "../advisory-texts.ts";
import { csafProductTree, type ProductStatus } from "./csaf-products.ts";
import { advisoryUrl, csafFileUrl } from "./document.ts";

/** The words of a CSAF document that are ours rather than the advisory's, in its language. */
const WORDS = {
  ja: {
    overview: "概要",
    description: "詳細",
    impact: "影響",
    aVendor: "ベンダー",
    published: "初版を公開しました。",
    updated: "アドバイザリを更新しました。",
    updatedWith: (note: string) => `アドバイザリを更新しました: ${note}`,
    countermeasureAdded: (vendor: string, fix: boolean) =>
      `${vendor} が${fix ? "修正" : "回避策"}を追加しました。`,
    statementUpdated: (vendor: string) => `${vendor} が見解を更新しました。`,
    statusChanged: (vendor: string, status: string) =>
      `${vendor} のステータスが ${status} になりました。`,
    otherUpdate: "更新しました。",
    fixedVersions: "修正済みバージョン",
    updateTo: (version: string) => `修正済みバージョン ${version} 以降に更新してください。`,
    webPage: "ウェブページ",
    original: (id: string, lang: Language) => `${id}(原文、${lang})`,
    translation: (id: string, lang: Language) => `${id}(翻訳、${lang})`,
    cvss4: (vector: string, score: number, severity: string) =>
      `${vector}(基本値 ${score}、${severity})`,
  },
  en: {
    overview: "Overview",
    description: "Description",
    impact: "Impact",
    aVendor: "A vendor",
    published: "Initial public release.",
    updated: "Advisory updated.",
    updatedWith: (note: string) => `Advisory updated: ${note}`,
    countermeasureAdded: (vendor: string, fix: boolean) =>
      `${vendor} added a ${fix ? "fix" : "workaround"}.`,
    statementUpdated: (vendor: string) => `${vendor} updated its statement.`,
    statusChanged: (vendor: string, status: string) => `${vendor} changed its status to ${status}.`,
    otherUpdate: "Updated.",
    fixedVersions: "Fixed versions",
    updateTo: (version: string) => `Update to the fixed version ${version} or later.`,
    webPage: "web page",
    original: (id: string, lang: Language) => `${id} (original, ${lang})`,
    translation: (id: string, lang: Language) => `${id} (translation, ${lang})`,
    cvss4: (vector: string, score: number, severity: string) =>
      `${vector} (base score ${score}, ${severity})`,
  },
} as const;
type Words = (typeof WORDS)[Language];

function historySummary(entry: HistoryEntry, words: Words): string {
  const vendor = entry.vendor ?? words.aVendor;
  switch (entry.kind) {
    case "published":
      return words.published;
    case "updated":
      return entry.note ? words.updatedWith(entry.note) : words.updated;
    case "countermeasure_added":
      return words.countermeasureAdded(vendor, entry.countermeasureType === "fix");
    case "statement_updated":
      return words.statementUpdated(vendor);
    case "vendor_status_changed":
      return words.statusChanged(vendor, entry.status ?? "unknown");
    default:
      return words.otherUpdate;
  }
}

/**
 * The tracking ID of the advisory's CSAF document in a language: the advisory ID for the
 * original, and for the translation the advisory ID with the translation's language appended
 * (CSAF 2.0 9.1.9: a translation has its own tracking ID; the original ID and the language is
 * the form the standard suggests for an issuer that translates its own advisories).
 */
export function csafTrackingId(
  advisory: Pick<PublicAdvisory, "advisoryId" | "language">,
  language: Language,
): string {
  return language === advisory.language
    ? advisory.advisoryId
    : `${advisory.advisoryId}-${language}`;
}

/** The canonical file URL of the advisory's CSAF document in a language. */
function fileUrl(advisory: PublicAdvisory, publicUrl: string, language: Language): string {
  return csafFileUrl(publicUrl, {
    id: csafTrackingId(advisory, language),
    initialReleaseDate: advisory.publishedAt,
  });
}

/**
 * CSAF 2.0, profile csaf_security_advisory, in one of the advisory's languages (null when it
 * has no text in that one). Products come from `csafProductTree`; countermeasures become
 * remediations of the vendor's products, and each range's fix a remediation of that range;
 * CVSS 3.1 is the score (CSAF 2.0 has no CVSS 4.0, which goes in a note). The translation is a
 * translation as CSAF 2.0 9.1.9 describes it: its own tracking ID, `lang` and `source_lang`,
 * and the original first in its references; the publisher stays the same (3.2.1.10 lets the
 * issuing party keep its publisher information).
 */
function csafDocumentIn(advisory: PublicAdvisory, publicUrl: string, language: Language) {
  const texts = textsIn(advisory, language);
  if (!texts) return null;
  const words = WORDS[language];
  const translated = language !== advisory.language;
  const trackingId = csafTrackingId(advisory, language);
  const tree = csafProductTree(advisory);
  const { status } = tree;

  const remediations = [
    ...advisory.vendors.flatMap((vendor) => {
      const productIds = tree.productsOfVendor.get(vendor.name) ?? [];
      if (productIds.length === 0) return [];
      return vendor.countermeasures.map((c) => {
        const text = countermeasureTextIn(c, language) ?? c.description;
        return {
          category: c.type === "fix" ? "vendor_fix" : "workaround",
          details:
            c.fixedVersions.length > 0
              ? `${text}\n\n${words.fixedVersions}: ${c.fixedVersions.join(", ")}`
              : text,
          date: c.publishedAt,
          product_ids: productIds,
          ...(c.url ? { url: c.url } : {}),
        };
      });
    }),
    ...tree.rangeFixes.map((fix) => ({
      category: "vendor_fix",
      details: words.updateTo(fix.fixed),
      product_ids: [fix.productId],
    })),
  ];

  const productStatus = Object.fromEntries(
    (Object.entries(status) as [ProductStatus, string[]][]).filter(([, ids]) => ids.length > 0),
  );
  const scores =
    advisory.cvss.v3 && status.known_affected.length > 0
      ? [
          {
            products: status.known_affected,
            cvss_v3: {
              version: "3.1",
              vectorString: advisory.cvss.v3.vector,
              baseScore: advisory.cvss.v3.baseScore,
              baseSeverity: advisory.cvss.v3.baseSeverity.toUpperCase(),
            },
          },
        ]
      : [];
  const vulnerability = {
    title: texts.title,
    ...(advisory.cwe && advisory.cweName
      ? { cwe: { id: advisory.cwe, name: advisory.cweName } }
      : {}),
    notes: [
      { category: "description", title: words.description, text: texts.description },
      ...(advisory.cvss.v4
        ? [
            {
              category: "other",
              title: "CVSS v4.0",
              text: words.cvss4(
                advisory.cvss.v4.vector,
                advisory.cvss.v4.baseScore,
                advisory.cvss.v4.baseSeverity,
              ),
            },
          ]
        : []),
    ],
    ...(Object.keys(productStatus).length > 0 ? { product_status: productStatus } : {}),
    ...(remediations.length > 0 ? { remediations } : {}),
    ...(scores.length > 0 ? { scores } : {}),
    threats: [{ category: "impact", details: texts.impact }],
    ...(advisory.acknowledgement
      ? { acknowledgments: [{ names: [advisory.acknowledgement] }] }
      : {}),
  };
  const vulnerabilities =
    advisory.cveIds.length > 0
      ? advisory.cveIds.map((cve) => ({ cve, ...vulnerability }))
      : [vulnerability];

  const history =
    advisory.history.length > 0
      ? advisory.history
      : [{ at: advisory.publishedAt, kind: "published" as const }];
  const other = otherLanguage(language);
  const hasOther = textsIn(advisory, other) !== null;
  const references = [
    // A translation names its original first (9.1.9).
    ...(translated
      ? [
          {
            category: "external",
            summary: words.original(advisory.advisoryId, advisory.language),
            url: fileUrl(advisory, publicUrl, advisory.language),
          },
        ]
      : []),
    { category: "self", summary: trackingId, url: fileUrl(advisory, publicUrl, language) },
    {
      category: "self",
      summary: `${advisory.advisoryId} (${words.webPage})`,
      url: advisoryUrl(publicUrl, advisory.advisoryId),
    },
    ...(!translated && hasOther
      ? [
          {
            category: "external",
            summary: words.translation(csafTrackingId(advisory, other), other),
            url: fileUrl(advisory, publicUrl, other),
          },
        ]
      : []),
    ...advisory.references.map((r) => ({
      category: "external",
      summary: r.title ?? r.url,
      url: r.url,
    })),
  ];

  return {
    document: {
      category: "csaf_security_advisory",
      csaf_version: "2.0",
      title: texts.title,
      lang: language,
      ...(translated ? { source_lang: advisory.language } : {}),
      publisher: {
        category: "coordinator",
        name: advisory.contact.name || "Kakehashi",
        namespace: publicUrl,
        ...(advisory.contact.email ? { contact_details: advisory.contact.email } : {}),
      },
      distribution: { tlp: { label: "WHITE", url: "https://www.first.org/tlp/" } },
      notes: [
        { category: "summary", title: words.overview, text: texts.overview },
        { category: "general", title: words.impact, text: texts.impact },
      ],
      references,
      ...(advisory.acknowledgement
        ? { acknowledgments: [{ names: [advisory.acknowledgement] }] }
        : {}),
      tracking: {
        id: trackingId,
        status: "final",
        version: String(history.length),
        initial_release_date: advisory.publishedAt,
        current_release_date: history.at(-1)?.at ?? advisory.updatedAt,
        revision_history: history.map((entry, index) => ({
          date: entry.at,
          number: String(index + 1),
          summary: historySummary(entry, words),
        })),
        generator: { engine: { name: "Kakehashi" } },
      },
    },
    product_tree: { branches: tree.branches },
    vulnerabilities,
  };
}

export type CsafDocument = NonNullable<ReturnType<typeof csafDocumentIn>>;

/** The advisory's CSAF document in its own language (the original). */
export function toCsaf(advisory: PublicAdvisory, publicUrl: string): CsafDocument {
  return csafDocumentIn(advisory, publicUrl, advisory.language) as CsafDocument;
}

/**
 * Every CSAF document of an advisory, as the trusted provider publishes them: the one in the
 * advisory's own language, then its translation when it has one (each with its own tracking ID
 * and file, `self` pointing to it).
 */
export function csafDocumentsOf(
  advisory: PublicAdvisory,
  publicUrl: string,
): { language: PublicAdvisory["language"]; document: CsafDocument }[] {
  const translation = csafDocumentIn(advisory, publicUrl, otherLanguage(advisory.language));
  return [
    { language: advisory.language, document: toCsaf(advisory, publicUrl) },
    ...(translation ? [{ language: otherLanguage(advisory.language), document: translation }] : []),
  ];
}
