import { z } from "zod";
import type { Executor } from "../../platform/db/database.ts";
import { textLanguage } from "../../platform/text/language.ts";
import type { CaseState, Participant } from "../../workflow/case/index.ts";
import type { CaseRecordsReader } from "../cases/case-records.ts";
import type {
  HistoryEntry,
  PublicAdvisory,
  PublicCountermeasure,
  PublicVendor,
  PublicVendorStatus,
} from "./advisories.schemas.ts";
import {
  type AdvisoryDraft,
  advisorySeverity,
  draftTexts,
  type LoadedDraft,
  scoreVector,
} from "./advisory-draft.ts";

/**
 * How the public advisory is composed from a case.
 *
 * R-CLS-1 by construction: a public advisory is composed only from the coordinator's draft,
 * the statements and countermeasures the workflow names as published, the organizations'
 * names, the finder's chosen credit and the case's dates. Nothing here reads a report's text,
 * its verification or attack method, attachments, messages, tracking IDs or identities; public
 * readers read only the `advisories` and `advisory_vendors` tables.
 */

/** The public advisory as composed, with the organization of each vendor entry (not public). */
export type ComposedAdvisory = PublicAdvisory & { vendorOrgIds: string[] };

const CVE_ID = /CVE-\d{4}-\d{4,}/gi;

/** The CVE IDs an advisory names: those given, and those its references mention. */
export function cveIdsOf(draft: Pick<AdvisoryDraft, "cveIds" | "references">): string[] {
  const found = new Set(draft.cveIds.map((id) => id.toUpperCase()));
  for (const reference of draft.references) {
    for (const text of [reference.url, reference.title ?? ""]) {
      for (const match of text.matchAll(CVE_ID)) found.add(match[0].toUpperCase());
    }
  }
  return [...found].sort();
}

export function publicStatus(p: Participant): PublicVendorStatus {
  switch (p.status) {
    case "affected":
    case "not_affected":
    case "cannot_reproduce":
    case "investigating":
    case "unresponsive":
      return p.status;
    default:
      return "unknown";
  }
}

/**
 * Which vendors the public table names: every notified vendor, except one that is unresponsive
 * and was not listed by the coordinator's decision (R-COO-8: naming an unreachable vendor is a
 * recorded decision, never automatic) — unless the coordinator put its products in the advisory.
 */
function isNamedPublicly(p: Participant, draft: AdvisoryDraft): boolean {
  if (p.status === "identified") return false;
  if (p.status !== "unresponsive") return true;
  return p.unreachableListing !== null || draft.affected.some((a) => a.vendorOrgId === p.orgId);
}

export interface PublicRecords {
  statements: { orgId: string; statementId: string }[];
  countermeasures: { orgId: string; countermeasureId: string }[];
}

/** Every vendor's current statement and all its countermeasures (after publication, a preview). */
export function currentRecordsOf(state: CaseState): PublicRecords {
  return {
    statements: state.participants.flatMap((p) =>
      p.statement ? [{ orgId: p.orgId, statementId: p.statement.id }] : [],
    ),
    countermeasures: state.participants.flatMap((p) =>
      p.countermeasures.map((c) => ({ orgId: p.orgId, countermeasureId: c.id })),
    ),
  };
}

export interface CompositionInput extends PublicRecords {
  state: CaseState;
  /** The case's draft, with the advisory ID it was given. */
  loaded: LoadedDraft;
  credit: string | null;
  publishedAt: string;
  updatedAt: string;
  /** When each countermeasure became public, where known (later ones: `updatedAt`). */
  countermeasurePublishedAt?: ReadonlyMap<string, string>;
  history: HistoryEntry[];
}

/** The names of organizations, by id. */
export async function organizationNames(
  executor: Executor,
  orgIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (orgIds.length === 0) return names;
  for (const org of await executor
    .selectFrom("organizations")
    .select(["id", "name"])
    .where("id", "in", [...orgIds])
    .execute()) {
    names.set(org.id, org.name);
  }
  return names;
}

/** Composes the public advisory; the preview and the publication both use it. */
export async function composeAdvisory(
  executor: Executor,
  caseRecords: CaseRecordsReader,
  input: CompositionInput,
): Promise<ComposedAdvisory> {
  const { state } = input;
  const { draft, row } = input.loaded;
  const participants = state.participants.filter((p) => isNamedPublicly(p, draft));
  const names = await organizationNames(executor, [
    ...new Set([...participants.map((p) => p.orgId), ...draft.affected.map((a) => a.vendorOrgId)]),
  ]);

  const statements = new Map(
    (
      await caseRecords.statements(
        executor,
        row.case_id,
        input.statements.map((s) => s.statementId),
      )
    ).map((s) => [s.organizationId, s]),
  );
  const countermeasures = new Map<string, PublicCountermeasure[]>();
  for (const record of await caseRecords.countermeasures(
    executor,
    row.case_id,
    input.countermeasures.map((c) => c.countermeasureId),
  )) {
    const list = countermeasures.get(record.organizationId) ?? [];
    list.push({
      type: record.type,
      description: record.description,
      language: record.language ?? textLanguage(record.description),
      translation: record.translation ?? null,
      affectedVersions: record.affectedVersions,
      fixedVersions: record.fixedVersions,
      url: record.url,
      publishedAt: input.countermeasurePublishedAt?.get(record.id) ?? input.updatedAt,
    });
    countermeasures.set(record.organizationId, list);
  }

  const vendors: PublicVendor[] = participants.map((p) => {
    const statement = statements.get(p.orgId) ?? null;
    return {
      name: names.get(p.orgId) ?? "",
      status: publicStatus(p),
      statement: statement?.text ?? null,
      statementLanguage: statement ? (statement.language ?? textLanguage(statement.text)) : null,
      statementTranslation: statement?.translation ?? null,
      advisoryUrl: statement?.advisoryUrl ?? null,
      contact: statement?.contact ?? null,
      products: draft.affected
        .filter((a) => a.vendorOrgId === p.orgId)
        .map(({ vendorOrgId: _, ...product }) => product),
      countermeasures: countermeasures.get(p.orgId) ?? [],
      updatedAt: input.updatedAt,
    };
  });

  const v3 = scoreVector(draft.cvssV3);
  const v4 = scoreVector(draft.cvssV4);
  return {
    advisoryId: row.advisory_id,
    ...draftTexts(draft),
    cvss: { v3, v4 },
    severity: advisorySeverity(v3, v4),
    cveIds: cveIdsOf(draft),
    affected: draft.affected.map(({ vendorOrgId, ...product }) => ({
      vendor: names.get(vendorOrgId) ?? "",
      ...product,
    })),
    vendors,
    references: draft.references,
    acknowledgement: input.credit,
    terminationReason: state.termination?.reason ?? null,
    contact: await coordinatorContact(executor),
    receivedAt: await receivedAt(executor, state),
    publishedAt: input.publishedAt,
    updatedAt: input.updatedAt,
    history: input.history,
    vendorOrgIds: participants.map((p) => p.orgId),
  };
}

/** The coordinator's public contact point: its name and first contact address. */
export async function coordinatorContact(executor: Executor) {
  const org = await executor
    .selectFrom("organizations")
    .select(["name", "contact_emails"])
    .where("type", "=", "coordinator")
    .orderBy("created_at")
    .executeTakeFirst();
  const emails = org ? z.array(z.string()).parse(JSON.parse(org.contact_emails)) : [];
  return { name: org?.name ?? "", email: emails[0] ?? null };
}

/** 受付日: the report's receipt for a finder's case, the case's opening otherwise. */
async function receivedAt(executor: Executor, state: CaseState): Promise<string> {
  if (state.source?.kind === "report") {
    const report = await executor
      .selectFrom("reports")
      .select("received_at")
      .where("id", "=", state.source.reportId)
      .executeTakeFirst();
    if (report) return report.received_at;
  }
  return state.openedAt ?? "";
}
