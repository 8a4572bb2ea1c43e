import { z } from "zod";
import {
  productIdentity,
  productIdentityInput,
  productIdentityView,
} from "../../platform/text/product-identity.ts";
import { TERMINATION_REASONS } from "../../workflow/case/index.ts";
import { CVSS_SEVERITIES, checkCvssVector } from "../reports/cvss.ts";
import { isKnownCwe } from "./cwe.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const url = z.url({ protocol: /^https?$/ }).max(2000);

const cwe = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CWE-[1-9]\d{0,5}$/, 'must be a CWE identifier such as "CWE-89"')
  .refine(isKnownCwe, "is not a weakness in the CWE list");

const cvss = (version: "3.1" | "4.0") =>
  z
    .string()
    .trim()
    .max(300)
    .superRefine((vector, context) => {
      const check = checkCvssVector(vector);
      if (!check.ok) context.addIssue({ code: "custom", message: check.message });
      else if (check.version !== version)
        context.addIssue({ code: "custom", message: `must be a CVSS ${version} vector` });
    });

const cveId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CVE-\d{4}-\d{4,}$/, 'must be a CVE ID such as "CVE-2026-12345"');

/** The languages an advisory is written in: Japanese first, as JVN publishes (R-PUB-3). */
export const ADVISORY_LANGUAGES = ["ja", "en"] as const;
export type AdvisoryLanguage = (typeof ADVISORY_LANGUAGES)[number];

/** The four texts of an advisory in one language. */
const advisoryTextsBody = {
  title: text(300),
  overview: text(5_000),
  description: text(20_000),
  impact: text(5_000),
};

/** PUT /api/v1/cases/{id}/advisory (API.md "Advisories and publication"). */
export const advisoryDraftBody = z.object({
  ...advisoryTextsBody,
  /** The language of the texts above (default `ja`). */
  language: z.enum(ADVISORY_LANGUAGES).optional(),
  /** The same texts in the other language. */
  translation: z.object(advisoryTextsBody).nullable().optional(),
  cwe: cwe.nullable().optional(),
  cvssV3: cvss("3.1").nullable().optional(),
  cvssV4: cvss("4.0").nullable().optional(),
  affected: z
    .array(
      z.object({
        vendorOrgId: z.string().trim().min(1).max(100),
        product: text(300),
        /** As people read them ("2.3 and earlier"); `ranges` says the same for machines. */
        versions: z.array(text(200)).max(100),
        ...productIdentityInput,
      }),
    )
    .max(200),
  references: z
    .array(z.object({ url, title: z.string().trim().max(500).nullable().optional() }))
    .max(100),
  /** CVE IDs of the advisory; those named in references count too. */
  cveIds: z.array(cveId).max(50).optional(),
  /** For the public history, when the advisory is published already (R-PUB-2). */
  changeNote: z.string().trim().max(2_000).nullable().optional(),
});
export type AdvisoryDraftInput = z.infer<typeof advisoryDraftBody>;

export const terminateEmbargoBody = z.object({
  reason: z.enum(TERMINATION_REASONS),
  note: z.string().trim().max(5_000),
});

/** The qualitative ratings, as the scoring names them (CVSS 3.1 and 4.0 share the bands). */
export const SEVERITIES = CVSS_SEVERITIES;

/** What the public is told of each vendor (JVN's vendor status table). */
export const PUBLIC_VENDOR_STATUSES = [
  "affected",
  "not_affected",
  "cannot_reproduce",
  "investigating",
  "unknown",
  "unresponsive",
] as const;

/** The public list's orders, newest first: by publication or by latest change. */
export const ADVISORY_SORTS = ["published", "updated"] as const;

/** Dates or instants; a date alone is a day in Japan (Asia/Tokyo), where advisories are dated. */
const when = z
  .string()
  .trim()
  .max(40)
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) || !Number.isNaN(Date.parse(value)),
    "must be a date (YYYY-MM-DD) or an ISO 8601 instant",
  );

/**
 * GET /api/v1/advisories. Strict: a parameter it does not know answers 422 naming it, so a
 * misspelt filter (`venodr=`) never silently widens a sync client's result.
 */
export const advisoryListQuery = z.strictObject({
  q: z.string().trim().max(500).optional(),
  /** Vendors affected by the advisory (status affected, or products listed as affected) … */
  vendor: z.string().trim().max(200).optional(),
  /** … or, with this, vendors with that public status instead. */
  vendorStatus: z.enum(PUBLIC_VENDOR_STATUSES).optional(),
  product: z.string().trim().max(200).optional(),
  cve: z.string().trim().max(40).optional(),
  /** "CWE-79", "cwe-79" or "79". */
  cwe: z.string().trim().max(20).optional(),
  severity: z.enum(SEVERITIES).optional(),
  /** Publication between these (inclusive); a date alone is a day in Japan. */
  from: when.optional(),
  to: when.optional(),
  /** The latest change between these, by the same rules: for incremental sync. */
  updatedFrom: when.optional(),
  updatedTo: when.optional(),
  /** Newest first by publication (default) or by latest change. */
  sort: z.enum(ADVISORY_SORTS).optional(),
  /** Titles and overviews in this language where the advisory has it. */
  lang: z.enum(ADVISORY_LANGUAGES).optional(),
  /** API.md "Linkage": our own advisories are source `kakehashi` (the default, and `all`). */
  source: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});
export type AdvisoryListQuery = z.infer<typeof advisoryListQuery>;

/** GET /api/v1/advisory-vendors (MyJVN's getVendorList): vendors of published advisories. */
export const advisoryVendorListQuery = z.strictObject({
  /** Part of the vendor's name. */
  q: z.string().trim().max(200).optional(),
  /** Vendors with this status in some advisory; default: those affected by some advisory. */
  vendorStatus: z.enum(PUBLIC_VENDOR_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});
export type AdvisoryVendorListQuery = z.infer<typeof advisoryVendorListQuery>;

/** GET /api/v1/advisory-products (MyJVN's getProductList): affected products of published ones. */
export const advisoryProductListQuery = z.strictObject({
  /** Part of the vendor's name. */
  vendor: z.string().trim().max(200).optional(),
  /** Part of the product's name, CPE or package URL. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});
export type AdvisoryProductListQuery = z.infer<typeof advisoryProductListQuery>;

/** The feeds: `?lang=` is each language's stable address; without it, the reader's language. */
export const feedQuery = z.strictObject({ lang: z.enum(ADVISORY_LANGUAGES).optional() });

/** A public read that takes no query parameter: any one answers 422. */
export const noQuery = z.strictObject({});

export const caseParams = z.object({ id: z.string().trim().min(1).max(100) });
export const advisoryParams = z.object({ advisoryId: z.string().min(1).max(100) });

// ---------------------------------------------------------------------------------------------
// Output schemas: what the API answers, and nothing else (a field not listed here is not sent).

const severity = z.enum(SEVERITIES);

export const cvssScoreView = z.object({
  vector: z.string(),
  baseScore: z.number(),
  baseSeverity: severity,
});

export const referenceView = z.object({ url: z.string(), title: z.string().nullable() });

const publicVendorStatus = z.enum(PUBLIC_VENDOR_STATUSES);
const countermeasureType = z.enum(["workaround", "fix"]);

/** The four texts of an advisory in the other language than its own. */
export const translatedTextsView = z.object({
  title: z.string(),
  overview: z.string(),
  description: z.string(),
  impact: z.string(),
});
const languageView = z.enum(ADVISORY_LANGUAGES);

export const publicCountermeasureView = z.object({
  type: countermeasureType,
  description: z.string(),
  /** The language of `description`, and the vendor's own translation when it gave one. */
  language: languageView,
  translation: z.string().nullable(),
  affectedVersions: z.array(z.string()),
  fixedVersions: z.array(z.string()),
  url: z.string().nullable(),
  publishedAt: z.string(),
});

const productVersions = z.object({
  product: z.string(),
  versions: z.array(z.string()),
  ...productIdentityView,
});

export const publicVendorView = z.object({
  name: z.string(),
  status: publicVendorStatus,
  statement: z.string().nullable(),
  /** The language of `statement`, and the vendor's own translation when it gave one. */
  statementLanguage: languageView.nullable(),
  statementTranslation: z.string().nullable(),
  /** The vendor's own advisory and contact point (R-PUB-6). */
  advisoryUrl: z.string().nullable(),
  contact: z.string().nullable(),
  products: z.array(productVersions),
  countermeasures: z.array(publicCountermeasureView),
  updatedAt: z.string(),
});

export const historyEntryView = z.object({
  at: z.string(),
  kind: z.enum([
    "published",
    "updated",
    "countermeasure_added",
    "statement_updated",
    "vendor_status_changed",
  ]),
  vendor: z.string().optional(),
  status: publicVendorStatus.optional(),
  countermeasureType: countermeasureType.optional(),
  note: z.string().optional(),
});

export const affectedView = z.object({
  vendor: z.string(),
  product: z.string(),
  versions: z.array(z.string()),
  ...productIdentityView,
});
/** A vendor's product in the draft, by the vendor's organization (never shown to the public). */
export const draftAffectedView = z.object({
  vendorOrgId: z.string(),
  product: z.string(),
  versions: z.array(z.string()),
  ...productIdentityView,
});
/** The same as stored: records written before product identities existed have none. */
export const storedAffected = affectedView.extend(productIdentity);
export const storedDraftAffected = draftAffectedView.extend(productIdentity);
export const cvssView = z.object({ v3: cvssScoreView.nullable(), v4: cvssScoreView.nullable() });
export const contactView = z.object({ name: z.string(), email: z.string().nullable() });

/** What the draft view and the public advisory both state first: the ID, texts and weakness. */
export const advisoryTexts = {
  advisoryId: z.string(),
  title: z.string(),
  overview: z.string(),
  description: z.string(),
  impact: z.string(),
  cwe: z.string().nullable(),
  cweName: z.string().nullable(),
};

/** GET /api/v1/advisories/{advisoryId}, and the preview of a case's advisory. */
export const publicAdvisoryView = z.object({
  ...advisoryTexts,
  /** The language of the texts above; `translation` has them in the other one, or is null. */
  language: languageView,
  translation: translatedTextsView.nullable(),
  cvss: cvssView,
  severity: severity.nullable(),
  cveIds: z.array(z.string()),
  affected: z.array(affectedView),
  vendors: z.array(publicVendorView),
  references: z.array(referenceView),
  /** The credit the finder chose, as written; null when the finder chose none. */
  acknowledgement: z.string().nullable(),
  /** Set when the embargo ended early (W-2): only the reason, never the coordinator's note. */
  terminationReason: z.enum(TERMINATION_REASONS).nullable(),
  contact: contactView,
  receivedAt: z.string(),
  publishedAt: z.string(),
  updatedAt: z.string(),
  history: z.array(historyEntryView),
});

/** The public list's entry: enough to choose an advisory and filter (API.md). */
export const advisorySummaryView = z.object({
  advisoryId: z.string(),
  title: z.string(),
  overview: z.string(),
  /** The language `title` and `overview` are in (`lang=` asks for one), and all it has. */
  language: languageView,
  languages: z.array(languageView),
  publishedAt: z.string(),
  updatedAt: z.string(),
  severity: severity.nullable(),
  cwe: z.string().nullable(),
  cveIds: z.array(z.string()),
  vendors: z.array(z.string()),
});

export const advisoryListView = z.object({
  items: z.array(advisorySummaryView),
  nextCursor: z.string().nullable(),
});

/** One vendor of the published advisories, and how many name it (as the vendor list asks). */
export const advisoryVendorListView = z.object({
  items: z.array(z.object({ name: z.string(), advisoryCount: z.number().int() })),
  nextCursor: z.string().nullable(),
});
export type AdvisoryVendorList = z.infer<typeof advisoryVendorListView>;

/** One affected product of the published advisories, with its identifiers. */
export const advisoryProductListView = z.object({
  items: z.array(
    z.object({
      vendor: z.string(),
      product: z.string(),
      cpe: z.string().nullable(),
      purl: z.string().nullable(),
      advisoryCount: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type AdvisoryProductList = z.infer<typeof advisoryProductListView>;

/**
 * The draft as a case view shows it (`advisory` of the case): the coordinator and the intake
 * desk see all of it, a vendor only its own affected products.
 */
export const advisoryDraftView = z.object({
  ...advisoryTexts,
  language: languageView,
  translation: translatedTextsView.nullable(),
  cvssV3: cvssScoreView.nullable(),
  cvssV4: cvssScoreView.nullable(),
  affected: z.array(draftAffectedView),
  references: z.array(referenceView),
  cveIds: z.array(z.string()),
  updatedAt: z.string(),
});

/**
 * An export in a standard's own format. Its fields are the standard's, not modelled here: every
 * field is sent as built (the record keeps them all), and the tests validate the documents.
 */
const standardDocument = (description: string) =>
  z.record(z.string(), z.unknown()).describe(description);
export const csafDocument = standardDocument(
  "A CSAF 2.0 document, profile csaf_security_advisory (OASIS CSAF 2.0)",
);
export const cveRecordDocument = standardDocument("A CVE JSON 5.1 record (CVE Record Format)");
export const osvDocument = standardDocument("An OSV record (OSV schema 1.6)");

/** A feed is XML, not JSON: documented with its content type, sent as the text it is. */
export const feedResponse = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: z.string().describe(description) } },
});

export type Severity = z.infer<typeof severity>;
export type CvssScore = z.infer<typeof cvssScoreView>;
export type Reference = z.infer<typeof referenceView>;
export type PublicVendorStatus = z.infer<typeof publicVendorStatus>;
export type PublicCountermeasure = z.infer<typeof publicCountermeasureView>;
export type PublicVendor = z.infer<typeof publicVendorView>;
export type HistoryEntry = z.infer<typeof historyEntryView>;
export type HistoryKind = HistoryEntry["kind"];
export type PublicAdvisory = z.infer<typeof publicAdvisoryView>;
export type AdvisorySummary = z.infer<typeof advisorySummaryView>;
export type AdvisoryList = z.infer<typeof advisoryListView>;
export type AdvisoryDraftView = z.infer<typeof advisoryDraftView>;
export type TranslatedTexts = z.infer<typeof translatedTextsView>;
export type AffectedProduct = z.infer<typeof affectedView>;
