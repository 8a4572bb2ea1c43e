import { z } from "zod";
import type { Executor } from "../../platform/db/database.ts";
import { textLanguage } from "../../platform/text/language.ts";
import type { VersionRange } from "../../platform/text/product-identity.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import type { CaseCountermeasureRecord, CaseRecordsReader } from "../cases/case-records.ts";
import { checkCvssVector } from "../reports/cvss.ts";
import { caseRiskVectors } from "../risk/risk.reads.ts";
import { organizationNames } from "./advisories.composition.ts";
import {
  ADVISORY_LANGUAGES,
  type AdvisoryDraftInput,
  type AdvisoryLanguage,
  draftAffectedView,
  referenceView,
  translatedTextsView,
} from "./advisories.schemas.ts";
import { isKnownCwe } from "./cwe.ts";
import { isVersion, sameProduct } from "./draft-differences.ts";
import { suggestedTexts, versionsBefore } from "./draft-suggestion-texts.ts";

/**
 * The draft a coordinator starts from when a case has none yet (`GET …/advisory/suggestion`):
 * the report's title, CWE and CVSS vector; the affected vendors with their products (the
 * directory's CPE names and package URLs, the products the vendors' countermeasures name),
 * affected and fixed versions and ranges from the countermeasures; the vendors' advisory and
 * countermeasure URLs as references; the finder's chosen credit, to be seen, not edited.
 *
 * For the coordinator only, like the report it reads. It reads the report's metadata columns
 * (title, CWE, vector, product, version) and never its sealed text; and what it suggests reaches
 * the public only as the coordinator saves it into the draft (R-CLS-1).
 */

/** A draft body the PUT accepts, and the credit the published advisory will carry. */
export const advisorySuggestionView = z.object({
  title: z.string(),
  overview: z.string(),
  description: z.string(),
  impact: z.string(),
  language: z.enum(ADVISORY_LANGUAGES),
  translation: translatedTextsView.nullable(),
  cwe: z.string().nullable(),
  cvssV3: z.string().nullable(),
  cvssV4: z.string().nullable(),
  affected: z.array(draftAffectedView),
  references: z.array(referenceView),
  cveIds: z.array(z.string()),
  /**
   * Read-only: the finder's chosen credit, as the advisory will print it (null: none). The PUT
   * does not take it; the credit is the finder's choice.
   */
  acknowledgement: z.string().nullable(),
});
export type AdvisorySuggestion = z.infer<typeof advisorySuggestionView>;

const directoryProducts = z.array(
  z.object({ name: z.string(), cpe: z.string().optional(), purl: z.string().optional() }),
);
type DirectoryProduct = z.infer<typeof directoryProducts>[number];

/** What a suggestion is made from, as the case holds it. */
export interface SuggestionSources {
  title: string;
  report: {
    cwe: string | null;
    cvssVector: string | null;
    productName: string | null;
    productVersion: string | null;
  } | null;
  credit: string | null;
  /** The case's risk vectors (R-RISK-1), which the draft starts from before the report's. */
  risk?: { cvssV3: string | null; cvssV4: string | null } | null;
  vendors: {
    orgId: string;
    name: string;
    status: string;
    products: DirectoryProduct[];
    advisoryUrl: string | null;
    countermeasures: CaseCountermeasureRecord[];
  }[];
}

/** Gathers the sources of a suggestion in the caller's transaction. */
export async function suggestionSources(
  executor: Executor,
  caseRecords: CaseRecordsReader,
  kase: { id: string; title: string; report_id: string | null },
  state: CaseState,
): Promise<SuggestionSources> {
  const report = kase.report_id
    ? await executor
        .selectFrom("reports")
        .select(["cwe", "cvss_vector", "product_name", "product_version"])
        .where("id", "=", kase.report_id)
        .executeTakeFirst()
    : undefined;
  const participants = state.participants.filter((p) => p.status !== "identified");
  const orgIds = participants.map((p) => p.orgId);
  const names = await organizationNames(executor, orgIds);
  const products = new Map<string, DirectoryProduct[]>();
  if (orgIds.length > 0) {
    for (const org of await executor
      .selectFrom("organizations")
      .select(["id", "products"])
      .where("id", "in", orgIds)
      .execute()) {
      const parsed = directoryProducts.safeParse(JSON.parse(org.products));
      products.set(org.id, parsed.success ? parsed.data : []);
    }
  }
  const statements = await caseRecords.statements(
    executor,
    kase.id,
    participants.flatMap((p) => (p.statement ? [p.statement.id] : [])),
  );
  const countermeasures = await caseRecords.countermeasures(
    executor,
    kase.id,
    participants.flatMap((p) => p.countermeasures.map((c) => c.id)),
  );
  return {
    title: kase.title,
    report: report
      ? {
          cwe: report.cwe,
          cvssVector: report.cvss_vector,
          productName: report.product_name,
          productVersion: report.product_version,
        }
      : null,
    credit: state.publication?.credit ?? state.finderConsent?.credit ?? null,
    risk: await caseRiskVectors(executor, kase.id),
    vendors: participants.map((p) => ({
      orgId: p.orgId,
      name: names.get(p.orgId) ?? "",
      status: p.status,
      products: products.get(p.orgId) ?? [],
      advisoryUrl: statements.find((s) => s.organizationId === p.orgId)?.advisoryUrl ?? null,
      countermeasures: countermeasures.filter((c) => c.organizationId === p.orgId),
    })),
  };
}

type Affected = AdvisoryDraftInput["affected"][number] & {
  cpe: string | null;
  purl: string | null;
  ranges: VersionRange[];
};

/** The suggested draft, from its sources (pure). */
export function suggestDraft(sources: SuggestionSources): AdvisorySuggestion {
  const language: AdvisoryLanguage = textLanguage(sources.title);
  const report = sources.report;
  const cwe = report?.cwe && isKnownCwe(report.cwe.toUpperCase()) ? report.cwe.toUpperCase() : null;
  const vector = report?.cvssVector?.trim() || null;
  const check = vector ? checkCvssVector(vector) : null;
  const risk = sources.risk?.cvssV3 || sources.risk?.cvssV4 ? sources.risk : null;
  const cvssV3 = risk ? risk.cvssV3 : check?.ok && check.version === "3.1" ? vector : null;
  const cvssV4 = risk ? risk.cvssV4 : check?.ok && check.version === "4.0" ? vector : null;

  const affectedVendors = sources.vendors.filter((v) => v.status === "affected");
  const affected = affectedVendors.flatMap((vendor) =>
    productsOf(vendor, report, language, affectedVendors.length === 1),
  );
  const fixed = [
    ...new Set(
      affectedVendors.flatMap((v) =>
        v.countermeasures.flatMap((c) => [
          ...c.fixedVersions.filter(isVersion).map((f) => f.trim()),
          ...(c.ranges ?? []).flatMap((r) => (r.fixed ? [r.fixed] : [])),
        ]),
      ),
    ),
  ];
  const texts = suggestedTexts(
    {
      vendors: [...new Set(affected.map((a) => nameOf(sources, a.vendorOrgId)))],
      products: [
        ...new Set(
          affected.length > 0
            ? affected.map((a) => a.product)
            : report?.productName
              ? [report.productName]
              : [],
        ),
      ],
      cwe,
      cvssVector: cvssV3 ?? cvssV4,
      fixedVersion: fixed.length === 1 ? (fixed[0] ?? null) : null,
    },
    language,
  );

  const references = new Map<string, { url: string; title: string | null }>();
  for (const vendor of sources.vendors) {
    const urls = [
      vendor.advisoryUrl,
      ...(vendor.status === "affected" ? vendor.countermeasures.map((c) => c.url) : []),
    ];
    for (const url of urls) {
      if (url && !references.has(url)) references.set(url, { url, title: vendor.name || null });
    }
  }

  return {
    title: sources.title,
    ...texts,
    language,
    translation: null,
    cwe,
    cvssV3,
    cvssV4,
    affected,
    references: [...references.values()],
    cveIds: [],
    acknowledgement: sources.credit,
  };
}

const nameOf = (sources: SuggestionSources, orgId: string) =>
  sources.vendors.find((v) => v.orgId === orgId)?.name ?? "";

/**
 * A vendor's affected products: one per product its countermeasures name, with what they say of
 * versions and ranges; countermeasures that name none go to the product the report names (when
 * it is the vendor's, or the vendor is the only one affected) or the vendor's only product.
 */
function productsOf(
  vendor: SuggestionSources["vendors"][number],
  report: SuggestionSources["report"],
  language: AdvisoryLanguage,
  onlyVendor: boolean,
): Affected[] {
  const fromDirectory = (name: string) => vendor.products.find((p) => sameProduct(p.name, name));
  const reported = report?.productName ? fromDirectory(report.productName) : undefined;
  const fallback =
    reported?.name ??
    (onlyVendor && report?.productName ? report.productName : null) ??
    (vendor.products.length === 1 ? (vendor.products[0]?.name ?? null) : null);

  const groups: { product: string; countermeasures: CaseCountermeasureRecord[] }[] = [];
  const groupOf = (product: string) => {
    let group = groups.find((g) => sameProduct(g.product, product));
    if (!group) {
      group = { product, countermeasures: [] };
      groups.push(group);
    }
    return group;
  };
  for (const countermeasure of vendor.countermeasures) {
    const product = countermeasure.product ?? fallback;
    if (product) groupOf(product).countermeasures.push(countermeasure);
  }
  if (groups.length === 0 && fallback) groupOf(fallback);

  return groups.map(({ product, countermeasures }) => {
    const listed = fromDirectory(product);
    const ranges = uniqueRanges(countermeasures.flatMap((c) => c.ranges ?? []));
    const fixed = [
      ...new Set(countermeasures.flatMap((c) => c.fixedVersions.filter(isVersion))),
    ].map((v) => v.trim());
    const only = fixed.length === 1 ? fixed[0] : undefined;
    const described = [...new Set(countermeasures.flatMap((c) => c.affectedVersions))];
    const versions =
      described.length > 0
        ? described
        : only
          ? [versionsBefore(only, language)]
          : report?.productVersion && report.productName && sameProduct(report.productName, product)
            ? [report.productVersion]
            : [];
    return {
      vendorOrgId: vendor.orgId,
      product,
      versions,
      cpe: countermeasures.find((c) => c.cpe)?.cpe ?? listed?.cpe ?? null,
      purl: countermeasures.find((c) => c.purl)?.purl ?? listed?.purl ?? null,
      // Without the vendor's ranges, a single fixed version says "every version before it".
      ranges: ranges.length > 0 ? ranges : only ? [{ fixed: only }] : [],
    };
  });
}

function uniqueRanges(ranges: VersionRange[]): VersionRange[] {
  const seen = new Set<string>();
  return ranges.filter((range) => {
    const key = JSON.stringify([range.introduced, range.fixed, range.lastAffected]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
