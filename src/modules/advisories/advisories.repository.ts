import type { Selectable } from "kysely";
import { z } from "zod";
import type { Executor, Tx } from "../../platform/db/database.ts";
import type { AdvisoriesTable, AdvisoryVendorsTable } from "../../platform/db/schema.ts";
import { textLanguage } from "../../platform/text/language.ts";
import { wordTokens } from "../../platform/text/tokens.ts";
import { TERMINATION_REASONS } from "../../workflow/case/index.ts";
import type { ComposedAdvisory } from "./advisories.composition.ts";
import {
  ADVISORY_LANGUAGES,
  contactView,
  cvssView,
  historyEntryView,
  PUBLIC_VENDOR_STATUSES,
  type PublicAdvisory,
  publicCountermeasureView,
  referenceView,
  SEVERITIES,
  storedAffected,
  translatedTextsView,
} from "./advisories.schemas.ts";
import { searchKey, writeAdvisoryProducts } from "./advisories.search.ts";
import { cweName, cweSearchTerms } from "./cwe.ts";

/**
 * The advisories module's tables, and the only SQL on them: `advisory_drafts` (the sealed draft
 * of a case), `advisories` and `advisory_vendors` (the public advisory, plain text, with the
 * search keys the public list filters on).
 */

// ---------------------------------------------------------------------------------------------
// Drafts

export async function readDraftRow(executor: Executor, caseId: string) {
  const row = await executor
    .selectFrom("advisory_drafts")
    .select(["case_id", "advisory_id", "revision", "content_sealed", "updated_at"])
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return row ? { ...row, revision: Number(row.revision) } : null;
}

/** The advisory ID given to a case's draft, if it has one (an ID is never reused). */
export async function draftAdvisoryId(tx: Tx, caseId: string): Promise<string | null> {
  const row = await tx
    .selectFrom("advisory_drafts")
    .select("advisory_id")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return row?.advisory_id ?? null;
}

/** Who wrote the case's draft last (a user id), or null without a draft. */
export async function draftAuthor(executor: Executor, caseId: string): Promise<string | null> {
  const row = await executor
    .selectFrom("advisory_drafts")
    .select("updated_by")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return row?.updated_by ?? null;
}

export interface DraftWrite {
  caseId: string;
  revision: number;
  contentSealed: string;
  updatedBy: string;
  at: string;
}

export async function updateDraft(tx: Tx, draft: DraftWrite): Promise<void> {
  await tx
    .updateTable("advisory_drafts")
    .set({
      revision: draft.revision,
      content_sealed: draft.contentSealed,
      updated_by: draft.updatedBy,
      updated_at: draft.at,
    })
    .where("case_id", "=", draft.caseId)
    .execute();
}

export async function insertDraft(
  tx: Tx,
  draft: DraftWrite & { advisoryId: string },
): Promise<void> {
  await tx
    .insertInto("advisory_drafts")
    .values({
      case_id: draft.caseId,
      advisory_id: draft.advisoryId,
      revision: draft.revision,
      content_sealed: draft.contentSealed,
      updated_by: draft.updatedBy,
      created_at: draft.at,
      updated_at: draft.at,
    })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The public advisory

type AdvisoryRow = Selectable<AdvisoriesTable>;
type VendorRow = Selectable<AdvisoryVendorsTable>;

const keys = (values: Iterable<string>) => {
  const unique = [...new Set([...values].filter(Boolean))];
  return unique.length > 0 ? `|${unique.join("|")}|` : "|";
};

/** The text words of an advisory, as the list's `q` matches them (Japanese and English alike). */
function searchTokens(advisory: PublicAdvisory): string {
  const text = [
    advisory.advisoryId,
    advisory.title,
    advisory.overview,
    advisory.description,
    advisory.impact,
    ...Object.values(advisory.translation ?? {}),
    // The weakness by every name people search it by ("xss", "クロスサイトスクリプティング").
    ...(advisory.cwe ? [advisory.cwe, ...cweSearchTerms(advisory.cwe)] : []),
    ...advisory.cveIds,
    ...advisory.affected.flatMap((a) => [a.vendor, a.product, ...a.versions]),
    ...advisory.vendors.flatMap((v) => [
      v.name,
      v.statement ?? "",
      v.statementTranslation ?? "",
      ...v.countermeasures.flatMap((c) => [c.description, c.translation ?? ""]),
    ]),
  ].join("\n");
  // "|" separates the keys; a token never contains it (it is not a word character).
  return keys(wordTokens(text).map((token) => token.replaceAll("|", "")));
}

/** A vendor's statement as stored: null when the vendor gave none of its three parts. */
const storedStatement = z.object({
  text: z.string().nullable(),
  advisoryUrl: z.string().nullable(),
  contact: z.string().nullable(),
  language: z.enum(ADVISORY_LANGUAGES).nullable().default(null),
  translation: z.string().nullable().default(null),
});
/** Countermeasures as stored: those published before vendors could translate have no translation. */
const storedCountermeasure = publicCountermeasureView.extend({
  language: z.enum(ADVISORY_LANGUAGES).optional(),
  translation: z.string().nullable().default(null),
});

export async function writeAdvisory(
  tx: Tx,
  caseId: string,
  advisory: ComposedAdvisory,
): Promise<void> {
  const row = {
    case_id: caseId,
    title: advisory.title,
    overview: advisory.overview,
    description: advisory.description,
    impact: advisory.impact,
    language: advisory.language,
    translation: advisory.translation ? JSON.stringify(advisory.translation) : null,
    cwe: advisory.cwe,
    cvss: JSON.stringify(advisory.cvss),
    severity: advisory.severity,
    affected: JSON.stringify(advisory.affected),
    reference_list: JSON.stringify(advisory.references),
    cve_ids: JSON.stringify(advisory.cveIds),
    acknowledgement: advisory.acknowledgement,
    termination_reason: advisory.terminationReason,
    contact: JSON.stringify(advisory.contact),
    history: JSON.stringify(advisory.history),
    received_at: advisory.receivedAt,
    published_at: advisory.publishedAt,
    updated_at: advisory.updatedAt,
    search_tokens: searchTokens(advisory),
    search_vendors: keys(advisory.vendors.map((v) => v.name.normalize("NFKC").toLowerCase())),
    search_products: keys(advisory.affected.map((a) => a.product.normalize("NFKC").toLowerCase())),
    search_cves: keys(advisory.cveIds),
  };
  await tx
    .insertInto("advisories")
    .values({ advisory_id: advisory.advisoryId, ...row })
    .onConflict((c) => c.column("advisory_id").doUpdateSet(row))
    .execute();
  await tx.deleteFrom("advisory_vendors").where("advisory_id", "=", advisory.advisoryId).execute();
  if (advisory.vendors.length > 0) {
    await tx
      .insertInto("advisory_vendors")
      .values(
        advisory.vendors.map((vendor, index) => ({
          advisory_id: advisory.advisoryId,
          organization_id: advisory.vendorOrgIds[index] ?? "",
          position: index,
          name: vendor.name,
          name_key: searchKey(vendor.name),
          status: vendor.status,
          statement:
            vendor.statement === null && vendor.advisoryUrl === null && vendor.contact === null
              ? null
              : JSON.stringify({
                  text: vendor.statement,
                  advisoryUrl: vendor.advisoryUrl,
                  contact: vendor.contact,
                  language: vendor.statementLanguage,
                  translation: vendor.statementTranslation,
                } satisfies z.input<typeof storedStatement>),
          countermeasures: JSON.stringify(vendor.countermeasures),
          updated_at: vendor.updatedAt,
        })),
      )
      .execute();
  }
  await writeAdvisoryProducts(tx, advisory);
}

const json = <S extends z.ZodType>(schema: S, text: string): z.output<S> =>
  schema.parse(JSON.parse(text));

/** The public advisory from its rows (what the API, pages, feeds and exports show). */
function advisoryFromRows(row: AdvisoryRow, vendorRows: VendorRow[]): PublicAdvisory {
  const affected = json(z.array(storedAffected), row.affected);
  return {
    advisoryId: row.advisory_id,
    title: row.title,
    overview: row.overview,
    description: row.description,
    impact: row.impact,
    language: z.enum(ADVISORY_LANGUAGES).parse(row.language),
    translation: row.translation ? json(translatedTextsView, row.translation) : null,
    cwe: row.cwe,
    cweName: row.cwe ? cweName(row.cwe) : null,
    cvss: json(cvssView, row.cvss),
    severity: z.enum(SEVERITIES).nullable().parse(row.severity),
    cveIds: json(z.array(z.string()), row.cve_ids),
    affected,
    vendors: [...vendorRows]
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((v) => {
        const statement = v.statement ? json(storedStatement, v.statement) : null;
        return {
          name: v.name,
          status: z.enum(PUBLIC_VENDOR_STATUSES).parse(v.status),
          statement: statement?.text ?? null,
          statementLanguage: statement?.text
            ? (statement.language ?? textLanguage(statement.text))
            : null,
          statementTranslation: statement?.translation ?? null,
          advisoryUrl: statement?.advisoryUrl ?? null,
          contact: statement?.contact ?? null,
          products: affected
            .filter((a) => a.vendor === v.name)
            .map(({ vendor: _, ...product }) => product),
          countermeasures: json(z.array(storedCountermeasure), v.countermeasures).map((c) => ({
            ...c,
            language: c.language ?? textLanguage(c.description),
          })),
          updatedAt: v.updated_at,
        };
      }),
    references: json(z.array(referenceView), row.reference_list),
    acknowledgement: row.acknowledgement,
    terminationReason: z.enum(TERMINATION_REASONS).nullable().parse(row.termination_reason),
    contact: json(contactView, row.contact),
    receivedAt: row.received_at,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    history: json(z.array(historyEntryView), row.history),
  };
}

export async function readAdvisory(
  executor: Executor,
  where: { advisoryId: string } | { caseId: string },
): Promise<PublicAdvisory | null> {
  let query = executor.selectFrom("advisories").selectAll();
  query =
    "advisoryId" in where
      ? query.where("advisory_id", "=", where.advisoryId)
      : query.where("case_id", "=", where.caseId);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const vendors = await executor
    .selectFrom("advisory_vendors")
    .selectAll()
    .where("advisory_id", "=", row.advisory_id)
    .execute();
  return advisoryFromRows(row, vendors);
}

/** The published advisory of a case, if there is one. */
export async function advisoryIdOfCase(executor: Executor, caseId: string) {
  const row = await executor
    .selectFrom("advisories")
    .select("advisory_id")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return row?.advisory_id ?? null;
}

/** Each vendor entry's organization and public status as last published. */
export async function publishedVendorStatuses(executor: Executor, advisoryId: string) {
  return executor
    .selectFrom("advisory_vendors")
    .select(["organization_id", "status"])
    .where("advisory_id", "=", advisoryId)
    .execute();
}

/** The ID of every published advisory, oldest publication first. */
export async function publishedAdvisoryIds(executor: Executor): Promise<string[]> {
  const rows = await executor
    .selectFrom("advisories")
    .select("advisory_id")
    .orderBy("published_at")
    .orderBy("advisory_id")
    .execute();
  return rows.map((row) => row.advisory_id);
}

/** The IDs of the newest advisories, by their latest change. */
export async function recentAdvisoryIds(executor: Executor, limit: number): Promise<string[]> {
  const rows = await executor
    .selectFrom("advisories")
    .select("advisory_id")
    .orderBy("updated_at", "desc")
    .orderBy("advisory_id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => row.advisory_id);
}
