import type { Selectable } from "kysely";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor, Tx } from "../../platform/db/database.ts";
import type { AdvisoriesTable, AdvisoryVendorsTable } from "../../platform/db/schema.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { wordTokens } from "../../platform/text/tokens.ts";
import type {
  CaseEvent,
  CaseState,
  Participant,
  TerminationReason,
} from "../../workflow/case/index.ts";
import type { WorkflowObserver } from "../../workflow/store.ts";
import {
  type CountermeasureContent,
  countermeasureContext,
  type StatementContent,
  statementContext,
} from "../cases/cases.presenter.ts";
import {
  type AdvisoryDraft,
  advisorySeverity,
  type CvssScore,
  loadDraft,
  type Reference,
  type Severity,
  scoreVector,
} from "./advisory-draft.ts";
import { cweName } from "./cwe.ts";

/**
 * The public advisory: its shape, how it is composed from a case, and how it is stored.
 *
 * R-CLS-1 by construction: a public advisory is composed only from the coordinator's draft,
 * the statements and countermeasures the workflow names as published, the organizations'
 * names, the finder's chosen credit and the case's dates. Nothing here reads a report's text,
 * its verification or attack method, attachments, messages, tracking IDs or identities; public
 * readers read only the `advisories` and `advisory_vendors` tables.
 */

/** What the public is told of each vendor (JVN's vendor status table). */
export type PublicVendorStatus =
  | "affected"
  | "not_affected"
  | "cannot_reproduce"
  | "investigating"
  | "unknown"
  | "unresponsive";

export interface PublicCountermeasure {
  type: "workaround" | "fix";
  description: string;
  affectedVersions: string[];
  fixedVersions: string[];
  url: string | null;
  publishedAt: string;
}

export interface PublicVendor {
  name: string;
  status: PublicVendorStatus;
  statement: string | null;
  /** The vendor's own advisory and contact point (R-PUB-6). */
  advisoryUrl: string | null;
  contact: string | null;
  products: { product: string; versions: string[] }[];
  countermeasures: PublicCountermeasure[];
  updatedAt: string;
}

export type HistoryKind =
  | "published"
  | "updated"
  | "countermeasure_added"
  | "statement_updated"
  | "vendor_status_changed";

export interface HistoryEntry {
  at: string;
  kind: HistoryKind;
  vendor?: string;
  status?: PublicVendorStatus;
  countermeasureType?: "workaround" | "fix";
  note?: string;
}

export interface PublicAdvisory {
  advisoryId: string;
  title: string;
  overview: string;
  description: string;
  impact: string;
  cwe: string | null;
  cweName: string | null;
  cvss: { v3: CvssScore | null; v4: CvssScore | null };
  severity: Severity | null;
  cveIds: string[];
  affected: { vendor: string; product: string; versions: string[] }[];
  vendors: PublicVendor[];
  references: Reference[];
  /** The credit the finder chose, as written; null when the finder chose none. */
  acknowledgement: string | null;
  /** Set when the embargo ended early (W-2): only the reason, never the coordinator's note. */
  terminationReason: TerminationReason | null;
  contact: { name: string; email: string | null };
  receivedAt: string;
  publishedAt: string;
  updatedAt: string;
  history: HistoryEntry[];
}

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

function publicStatus(p: Participant): PublicVendorStatus {
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

export interface CompositionInput {
  caseId: string;
  state: CaseState;
  advisoryId: string;
  draft: AdvisoryDraft;
  /** The statements and countermeasures that are public (the publication's, then later ones). */
  statements: { orgId: string; statementId: string }[];
  countermeasures: { orgId: string; countermeasureId: string }[];
  credit: string | null;
  publishedAt: string;
  updatedAt: string;
  /** When each countermeasure became public, where known (later ones: `updatedAt`). */
  countermeasurePublishedAt?: ReadonlyMap<string, string>;
  history: HistoryEntry[];
}

/** Composes the public advisory; the preview and the publication both use it. */
export async function composeAdvisory(
  executor: Executor,
  cipher: FieldCipher,
  input: CompositionInput,
): Promise<PublicAdvisory & { vendorOrgIds: string[] }> {
  const { state, draft } = input;
  const participants = state.participants.filter((p) => isNamedPublicly(p, draft));
  const orgIds = [
    ...new Set([...participants.map((p) => p.orgId), ...draft.affected.map((a) => a.vendorOrgId)]),
  ];
  const names = new Map<string, string>();
  if (orgIds.length > 0) {
    for (const org of await executor
      .selectFrom("organizations")
      .select(["id", "name"])
      .where("id", "in", orgIds)
      .execute()) {
      names.set(org.id, org.name);
    }
  }

  const statementIds = input.statements.map((s) => s.statementId);
  const statements = new Map<string, StatementContent>();
  if (statementIds.length > 0) {
    for (const row of await executor
      .selectFrom("case_statements")
      .select(["id", "organization_id", "content_sealed"])
      .where("case_id", "=", input.caseId)
      .where("id", "in", statementIds)
      .execute()) {
      statements.set(
        row.organization_id,
        JSON.parse(cipher.decrypt(row.content_sealed, statementContext(row.id))),
      );
    }
  }
  const countermeasureIds = input.countermeasures.map((c) => c.countermeasureId);
  const countermeasures = new Map<string, PublicCountermeasure[]>();
  if (countermeasureIds.length > 0) {
    for (const row of await executor
      .selectFrom("case_countermeasures")
      .select(["id", "organization_id", "type", "content_sealed", "created_at"])
      .where("case_id", "=", input.caseId)
      .where("id", "in", countermeasureIds)
      .orderBy("created_at")
      .orderBy("id")
      .execute()) {
      const content = JSON.parse(
        cipher.decrypt(row.content_sealed, countermeasureContext(row.id)),
      ) as CountermeasureContent;
      const list = countermeasures.get(row.organization_id) ?? [];
      list.push({
        type: row.type,
        description: content.description,
        affectedVersions: content.affectedVersions,
        fixedVersions: content.fixedVersions,
        url: content.url,
        publishedAt: input.countermeasurePublishedAt?.get(row.id) ?? input.updatedAt,
      });
      countermeasures.set(row.organization_id, list);
    }
  }

  const vendors: PublicVendor[] = participants.map((p) => {
    const statement = statements.get(p.orgId) ?? null;
    return {
      name: names.get(p.orgId) ?? "",
      status: publicStatus(p),
      statement: statement?.text ?? null,
      advisoryUrl: statement?.advisoryUrl ?? null,
      contact: statement?.contact ?? null,
      products: draft.affected
        .filter((a) => a.vendorOrgId === p.orgId)
        .map((a) => ({ product: a.product, versions: a.versions })),
      countermeasures: countermeasures.get(p.orgId) ?? [],
      updatedAt: input.updatedAt,
    };
  });

  const v3 = scoreVector(draft.cvssV3);
  const v4 = scoreVector(draft.cvssV4);
  return {
    advisoryId: input.advisoryId,
    title: draft.title,
    overview: draft.overview,
    description: draft.description,
    impact: draft.impact,
    cwe: draft.cwe,
    cweName: draft.cwe ? cweName(draft.cwe) : null,
    cvss: { v3, v4 },
    severity: advisorySeverity(v3, v4),
    cveIds: cveIdsOf(draft),
    affected: draft.affected.map((a) => ({
      vendor: names.get(a.vendorOrgId) ?? "",
      product: a.product,
      versions: a.versions,
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
async function coordinatorContact(executor: Executor) {
  const org = await executor
    .selectFrom("organizations")
    .select(["name", "contact_emails"])
    .where("type", "=", "coordinator")
    .orderBy("created_at")
    .executeTakeFirst();
  const emails = org ? (JSON.parse(org.contact_emails) as string[]) : [];
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

// ---------------------------------------------------------------------------------------------
// Storage

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
    advisory.cwe ?? "",
    advisory.cweName ?? "",
    ...advisory.cveIds,
    ...advisory.affected.flatMap((a) => [a.vendor, a.product, ...a.versions]),
    ...advisory.vendors.flatMap((v) => [
      v.name,
      v.statement ?? "",
      ...v.countermeasures.map((c) => c.description),
    ]),
  ].join("\n");
  // "|" separates the keys; a token never contains it (it is not a word character).
  return keys(wordTokens(text).map((token) => token.replaceAll("|", "")));
}

export async function writeAdvisory(
  tx: Tx,
  caseId: string,
  advisory: PublicAdvisory & { vendorOrgIds: string[] },
): Promise<void> {
  const row = {
    case_id: caseId,
    title: advisory.title,
    overview: advisory.overview,
    description: advisory.description,
    impact: advisory.impact,
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
          status: vendor.status,
          statement:
            vendor.statement === null && vendor.advisoryUrl === null && vendor.contact === null
              ? null
              : JSON.stringify({
                  text: vendor.statement,
                  advisoryUrl: vendor.advisoryUrl,
                  contact: vendor.contact,
                }),
          countermeasures: JSON.stringify(vendor.countermeasures),
          updated_at: vendor.updatedAt,
        })),
      )
      .execute();
  }
}

/** The public advisory from its rows (what the API, pages, feeds and exports show). */
export function advisoryFromRows(row: AdvisoryRow, vendorRows: VendorRow[]): PublicAdvisory {
  const cvss = JSON.parse(row.cvss) as PublicAdvisory["cvss"];
  return {
    advisoryId: row.advisory_id,
    title: row.title,
    overview: row.overview,
    description: row.description,
    impact: row.impact,
    cwe: row.cwe,
    cweName: row.cwe ? cweName(row.cwe) : null,
    cvss,
    severity: (row.severity as Severity | null) ?? null,
    cveIds: JSON.parse(row.cve_ids),
    affected: JSON.parse(row.affected),
    vendors: [...vendorRows]
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((v) => {
        const statement = v.statement
          ? (JSON.parse(v.statement) as {
              text: string | null;
              advisoryUrl: string | null;
              contact: string | null;
            })
          : null;
        return {
          name: v.name,
          status: v.status as PublicVendorStatus,
          statement: statement?.text ?? null,
          advisoryUrl: statement?.advisoryUrl ?? null,
          contact: statement?.contact ?? null,
          products: (JSON.parse(row.affected) as PublicAdvisory["affected"])
            .filter((a) => a.vendor === v.name)
            .map((a) => ({ product: a.product, versions: a.versions })),
          countermeasures: JSON.parse(v.countermeasures),
          updatedAt: v.updated_at,
        };
      }),
    references: JSON.parse(row.reference_list),
    acknowledgement: row.acknowledgement,
    terminationReason: (row.termination_reason as TerminationReason | null) ?? null,
    contact: JSON.parse(row.contact),
    receivedAt: row.received_at,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    history: JSON.parse(row.history),
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

// ---------------------------------------------------------------------------------------------
// Publication

/**
 * Writes the public advisory in the transaction of the change that published it, and keeps it
 * current afterwards — all inside the workflow's transactions, so a crash or a restart can
 * neither lose a publication nor make a second one (R-COO-4, R-PUB-2): the `case_published`
 * event exists once, and this runs exactly when it is appended.
 */
export function createAdvisoryPublisher(deps: {
  cipher: FieldCipher;
  clock: Clock;
}): WorkflowObserver {
  const { cipher } = deps;
  return async (tx, change) => {
    if (change.aggregate !== "case") return;
    const state = change.state as CaseState;
    if (!state.publication) return;
    const events = change.events as readonly CaseEvent[];
    const published = events.find((e) => e.type === "case_published");
    if (published) {
      const loaded = await loadDraft(tx, cipher, change.id);
      if (!loaded || loaded.row.revision !== published.advisoryRevision) {
        // The draft and the workflow's revision are written together (advisories.service):
        // publishing anything else would publish the wrong text.
        throw new Error(
          `case ${change.id}: no advisory draft at revision ${published.advisoryRevision}`,
        );
      }
      const advisory = await composeAdvisory(tx, cipher, {
        caseId: change.id,
        state,
        advisoryId: loaded.row.advisory_id,
        draft: loaded.draft,
        statements: published.statements,
        countermeasures: published.countermeasures,
        credit: published.credit,
        publishedAt: published.publishedAt,
        updatedAt: published.publishedAt,
        history: [{ at: published.publishedAt, kind: "published" }],
      });
      await writeAdvisory(tx, change.id, advisory);
      return;
    }
    // After publication: what reaches the public channel updates the advisory (R-PUB-6).
    const publicEvents = events.filter((e) =>
      e.audience.some((r) => r.kind === "public" && r.channel === "advisory"),
    );
    if (publicEvents.length === 0) return;
    const current = await readAdvisory(tx, { caseId: change.id });
    const loaded = await loadDraft(tx, cipher, change.id);
    if (!current || !loaded) return;
    const at = publicEvents.at(-1)?.at ?? deps.clock.now().toISOString();
    const history = [...current.history];
    const stored = await tx
      .selectFrom("advisory_vendors")
      .innerJoin("organizations", "organizations.id", "advisory_vendors.organization_id")
      .select(["advisory_vendors.organization_id", "advisory_vendors.status", "organizations.name"])
      .where("advisory_vendors.advisory_id", "=", current.advisoryId)
      .execute();
    const vendorName = async (orgId: string) =>
      stored.find((v) => v.organization_id === orgId)?.name ??
      (
        await tx
          .selectFrom("organizations")
          .select("name")
          .where("id", "=", orgId)
          .executeTakeFirst()
      )?.name ??
      "";
    for (const event of publicEvents) {
      switch (event.type) {
        case "advisory_updated":
          history.push({
            at: event.at,
            kind: "updated",
            ...(loaded.draft.changeNote ? { note: loaded.draft.changeNote } : {}),
          });
          break;
        case "countermeasure_added":
          history.push({
            at: event.at,
            kind: "countermeasure_added",
            vendor: await vendorName(event.orgId),
            countermeasureType: event.countermeasureType,
          });
          break;
        case "statement_set":
          history.push({
            at: event.at,
            kind: "statement_updated",
            vendor: await vendorName(event.orgId),
          });
          break;
        case "participant_status_reported":
        case "participant_acknowledged": {
          const p = state.participants.find((x) => x.orgId === event.orgId);
          const name = await vendorName(event.orgId);
          const previous = stored.find((v) => v.organization_id === event.orgId)?.status;
          const now = p ? publicStatus(p) : undefined;
          if (now && previous !== now) {
            history.push({
              at: event.at,
              kind: "vendor_status_changed",
              vendor: name,
              status: now,
            });
          }
          if (event.type === "participant_status_reported" && event.statementId) {
            history.push({ at: event.at, kind: "statement_updated", vendor: name });
          }
          break;
        }
        default:
          break;
      }
    }
    // Countermeasures keep the instant they became public: those of the publication its
    // instant, later ones the instant they were added.
    const publication = state.publication;
    const inPublication = new Set(publication.countermeasures.map((c) => c.countermeasureId));
    const countermeasurePublishedAt = new Map(
      state.participants.flatMap((p) =>
        p.countermeasures.map(
          (c) => [c.id, inPublication.has(c.id) ? publication.publishedAt : c.at] as const,
        ),
      ),
    );
    const advisory = await composeAdvisory(tx, cipher, {
      caseId: change.id,
      state,
      advisoryId: loaded.row.advisory_id,
      draft: loaded.draft,
      statements: state.participants.flatMap((p) =>
        p.statement ? [{ orgId: p.orgId, statementId: p.statement.id }] : [],
      ),
      countermeasures: state.participants.flatMap((p) =>
        p.countermeasures.map((c) => ({ orgId: p.orgId, countermeasureId: c.id })),
      ),
      credit: state.publication.credit,
      publishedAt: state.publication.publishedAt,
      updatedAt: at,
      countermeasurePublishedAt,
      history,
    });
    await writeAdvisory(tx, change.id, advisory);
  };
}
