import type { Selectable } from "kysely";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import type { CasesTable } from "../../platform/db/schema.ts";
import {
  type CaseEvent,
  type CaseState,
  countermeasuresMissing,
  finderIdentityMayReach,
  type Participant,
} from "../../workflow/case/index.ts";
import { addDays } from "../../workflow/common.ts";
import { presentAdvisoryDraft } from "../advisories/advisory-draft.ts";
import {
  attackContext,
  unsealReportContent,
  verificationContext,
} from "../reports/reports.service.ts";
import type { CaseViewer } from "./cases.policy.ts";

export type CaseRow = Selectable<CasesTable>;

export const caseContentContext = (id: string) => `cases.content_sealed:${id}`;
export const countermeasureContext = (id: string) => `case_countermeasures.content_sealed:${id}`;
export const statementContext = (id: string) => `case_statements.content_sealed:${id}`;
export const caseMessageContext = (id: string) => `case_messages.body_sealed:${id}`;

/** What a CSIRT or a vendor wrote when opening a case. */
export interface OpenedCaseContent {
  description: string;
  vendorNames?: string[];
  conditions?: string | null;
}

/** A CSIRT's or self-reporting vendor's text of the case; null for a case from a report. */
export function unsealOpenedCase(
  cipher: FieldCipher,
  row: Pick<CaseRow, "id" | "content_sealed">,
): OpenedCaseContent | null {
  return row.content_sealed
    ? (JSON.parse(
        cipher.decrypt(row.content_sealed, caseContentContext(row.id)),
      ) as OpenedCaseContent)
    : null;
}

export interface CountermeasureContent {
  description: string;
  affectedVersions: string[];
  fixedVersions: string[];
  url: string | null;
}

export interface StatementContent {
  text: string;
  advisoryUrl: string | null;
  contact: string | null;
}

/** Days after notification by which a vendor acknowledges (R-COO-8); shown as a deadline. */
const ACKNOWLEDGEMENT_DAYS = 7;

/** The next thing due on a case, for desks and lists: what, when, and for which vendor. */
export interface NextDeadline {
  kind: "acknowledgement" | "countermeasure" | "publication";
  at: string;
  organizationId: string | null;
}

/**
 * The next thing due on a case. For a vendor (`ownOrgId`) only what is due from it and the
 * publication date: another vendor's deadline would tell it that vendor exists (R-COO-5).
 */
export function nextDeadline(
  state: CaseState,
  ownOrgId: string | null = null,
): NextDeadline | null {
  if (
    state.status === null ||
    ["published", "closed", "closed_no_action", "closed_duplicate"].includes(state.status)
  ) {
    return null;
  }
  const due: NextDeadline[] = [];
  for (const p of state.participants) {
    if (ownOrgId !== null && p.orgId !== ownOrgId) continue;
    if (p.status === "notified" && p.notifiedAt) {
      due.push({
        kind: "acknowledgement",
        at: addDays(p.notifiedAt, ACKNOWLEDGEMENT_DAYS),
        organizationId: p.orgId,
      });
    }
  }
  if (state.schedule) {
    const missing = countermeasuresMissing(state);
    const waiting = ownOrgId === null ? missing.length > 0 : missing.includes(ownOrgId);
    if (state.schedule.countermeasureDue && waiting) {
      due.push({
        kind: "countermeasure",
        at: state.schedule.countermeasureDue,
        organizationId: ownOrgId,
      });
    }
    if (!state.publication) {
      due.push({ kind: "publication", at: state.schedule.publishAt, organizationId: null });
    }
  }
  due.sort((a, b) => a.at.localeCompare(b.at));
  return due[0] ?? null;
}

/**
 * The case as one viewer may see it (R-COO-5, R-CLS-2): a vendor gets only its own participant
 * entry, its own countermeasures and statement, and the finder's identity only where the finder
 * consented; the intake desk and a CSIRT get status, schedule and participants, not the
 * coordinator's exchanges with each vendor.
 */
export async function presentCase(
  executor: Executor,
  cipher: FieldCipher,
  viewer: CaseViewer,
  row: CaseRow,
  state: CaseState,
  /** Whether the viewer may read the report's content (R-SEC-1, `mayReadCaseContent`). */
  fullContent: boolean,
) {
  const visibleParticipants =
    viewer.kind === "vendor"
      ? state.participants.filter((p) => p.orgId === viewer.orgId)
      : state.participants;
  const orgIds = visibleParticipants.map((p) => p.orgId);
  const names = new Map<string, string>();
  if (orgIds.length > 0) {
    const orgs = await executor
      .selectFrom("organizations")
      .select(["id", "name"])
      .where("id", "in", orgIds)
      .execute();
    for (const org of orgs) names.set(org.id, org.name);
  }
  let countermeasureQuery = executor
    .selectFrom("case_countermeasures")
    .selectAll()
    .where("case_id", "=", row.id)
    .orderBy("created_at");
  if (viewer.kind === "vendor")
    countermeasureQuery = countermeasureQuery.where("organization_id", "=", viewer.orgId);
  const countermeasureRows = viewer.kind === "intake" ? [] : await countermeasureQuery.execute();
  const statementIds = visibleParticipants
    .map((p) => p.statement?.id)
    .filter((value): value is string => Boolean(value));
  const statementRows =
    statementIds.length > 0 && viewer.kind !== "intake"
      ? await executor
          .selectFrom("case_statements")
          .selectAll()
          .where("id", "in", statementIds)
          .execute()
      : [];

  const countermeasures = countermeasureRows.map((c) => {
    const content = JSON.parse(
      cipher.decrypt(c.content_sealed, countermeasureContext(c.id)),
    ) as CountermeasureContent;
    return {
      id: c.id,
      organizationId: c.organization_id,
      type: c.type,
      description: content.description,
      affectedVersions: content.affectedVersions,
      fixedVersions: content.fixedVersions,
      url: content.url,
      createdAt: c.created_at,
    };
  });
  const statements = new Map(
    statementRows.map((s) => [
      s.id,
      {
        ...(JSON.parse(
          cipher.decrypt(s.content_sealed, statementContext(s.id)),
        ) as StatementContent),
        updatedAt: s.created_at,
      },
    ]),
  );

  const participants = visibleParticipants.map((p: Participant) => ({
    organizationId: p.orgId,
    orgId: p.orgId,
    name: names.get(p.orgId) ?? null,
    status: p.status,
    addedAt: p.addedAt,
    firstContactAt: p.notifiedAt,
    acknowledgedAt: p.acknowledgedAt,
    unresponsiveSince: p.unresponsiveSince,
    ndaOnFile: p.nda !== null,
    ...(viewer.kind === "intake"
      ? {}
      : {
          trackingId: p.trackingId,
          statement: p.statement ? (statements.get(p.statement.id) ?? null) : null,
          countermeasures: countermeasures.filter((c) => c.organizationId === p.orgId),
        }),
  }));

  const schedule = state.schedule
    ? {
        publishAt: state.schedule.publishAt,
        countermeasureDue: state.schedule.countermeasureDue,
        revisions: state.scheduleRevisions.map((r) => ({
          revision: r.revision,
          at: r.at,
          publishAt: r.new.publishAt,
          countermeasureDue: r.new.countermeasureDue,
          reason: r.reason,
          setBy: r.setBy,
        })),
      }
    : null;

  const base = {
    id: row.id,
    status: state.status,
    title: row.title,
    source: row.source,
    openedAt: row.opened_at,
    // A vendor learns its own first contact, not whether others were contacted before it.
    firstContactAt:
      viewer.kind === "vendor"
        ? (state.participants.find((p) => p.orgId === viewer.orgId)?.notifiedAt ?? null)
        : state.firstContactAt,
    schedule,
    participants,
    nextDeadline: nextDeadline(state, viewer.kind === "vendor" ? viewer.orgId : null),
    advisory: {
      status: state.advisory.status,
      revision: state.advisory.revision,
      // The draft for those who publish it, and for the vendors to comment on (their own
      // products only); a CSIRT sees the published advisory.
      ...(viewer.kind === "csirt"
        ? {}
        : ((await presentAdvisoryDraft(executor, cipher, row.id, viewer)) ?? {})),
    },
    publishedAt: state.publication?.publishedAt ?? null,
    termination: state.termination,
    closure: state.closure,
  };

  const scheduleRequests = state.scheduleRequests
    .filter(
      (r) =>
        viewer.kind === "coordinator" || (viewer.kind === "vendor" && r.orgId === viewer.orgId),
    )
    .map((r) => ({
      id: r.id,
      organizationId: r.orgId,
      publishAt: r.publishAt,
      reason: r.reason,
      status: r.status,
    }));

  // W-5: the dates a CSIRT was asked to agree to, for that CSIRT and the coordinator.
  const csirtProposals = state.csirtProposals.map((p) => ({
    id: p.id,
    publishAt: p.publishAt,
    countermeasureDue: p.countermeasureDue,
    reason: p.reason,
    status: p.status,
  }));
  const content = fullContent
    ? await caseContent(executor, cipher, viewer, row, state)
    : { contentWithheld: true as const };
  if (viewer.kind === "csirt") return { ...base, ...content, csirtProposals };
  // The desk approves direct contact too (R-COO-6): it sees every request, as the coordinator.
  const directContacts = state.directContacts
    .filter(
      (d) => viewer.kind === "coordinator" || viewer.kind === "intake" || d.orgId === viewer.orgId,
    )
    .map((d) => ({
      id: d.id,
      organizationId: d.orgId,
      status: d.status,
      coordinatorApproved: d.coordinatorApproved,
      intakeApproved: d.intakeApproved,
    }));
  if (viewer.kind === "intake") return { ...base, reportId: row.report_id, directContacts };
  if (viewer.kind === "vendor") return { ...base, ...content, scheduleRequests, directContacts };
  // R-COO-1: vendors' "others may be affected" reports, for the coordinator to act on.
  const othersAffected = (
    await executor
      .selectFrom("workflow_events")
      .select("data")
      .where("aggregate_id", "=", row.id)
      .where("type", "=", "others_affected_reported")
      .orderBy("version")
      .execute()
  ).map((e) => {
    const event = JSON.parse(e.data) as Extract<CaseEvent, { type: "others_affected_reported" }>;
    return {
      organizationId: event.orgId,
      vendorName: event.vendorName,
      reason: event.reason,
      at: event.at,
    };
  });
  // R-INT-6: the finder's disclosure plans (talk, paper), flagged when planned before publication.
  const publishAt = state.schedule?.publishAt ?? null;
  const disclosurePlans = row.report_id
    ? (
        await executor
          .selectFrom("disclosure_consultations")
          .select(["id", "planned_at", "venue", "decision", "until"])
          .where("report_id", "=", row.report_id)
          .orderBy("planned_at")
          .execute()
      ).map((c) => ({
        id: c.id,
        plannedAt: c.planned_at,
        venue: c.venue,
        decision: c.decision,
        until: c.until,
        beforePublication: publishAt !== null && !state.publication && c.planned_at < publishAt,
      }))
    : [];
  return {
    ...base,
    ...content,
    othersAffected,
    disclosurePlans,
    reportId: row.report_id,
    assigneeUserId: row.assignee_user_id,
    scheduleRequests,
    directContacts,
    referrals: state.referrals,
    committee: state.committee,
    csirtProposals,
  };
}

/** The vulnerability as the viewer may read it, and the finder as the finder consented. */
async function caseContent(
  executor: Executor,
  cipher: FieldCipher,
  viewer: CaseViewer,
  row: CaseRow,
  state: CaseState,
) {
  if (row.source !== "report" || !row.report_id) {
    const opened = unsealOpenedCase(cipher, row);
    return {
      description: opened?.description ?? null,
      vendorNames: viewer.kind === "vendor" ? undefined : (opened?.vendorNames ?? undefined),
      conditions: opened?.conditions ?? null,
    };
  }
  const report = await executor
    .selectFrom("reports")
    .selectAll()
    .where("id", "=", row.report_id)
    .executeTakeFirstOrThrow();
  const text = unsealReportContent(cipher, report);
  const finder = finderIdentityMayReach(state, viewer)
    ? await executor
        .selectFrom("users")
        .select(["name", "email"])
        .where("id", "=", report.finder_user_id)
        .executeTakeFirst()
    : undefined;
  return {
    report: {
      receiptNumber: viewer.kind === "coordinator" ? report.receipt_number : undefined,
      receivedAt: report.received_at,
      productName: report.product_name,
      productVersion: report.product_version,
      vendorName: viewer.kind === "coordinator" ? report.vendor_name : undefined,
      cwe: report.cwe,
      cvssVector: report.cvss_vector,
      description: text.description,
      reproduction: text.reproduction,
      verificationMethod: report.verification_method_sealed
        ? cipher.decrypt(report.verification_method_sealed, verificationContext(report.id))
        : null,
      // The exploit itself stays with the coordinator (R-CLS-1); vendors reproduce from the
      // verification method.
      attackMethod:
        viewer.kind === "coordinator" && report.attack_method_sealed
          ? cipher.decrypt(report.attack_method_sealed, attackContext(report.id))
          : undefined,
    },
    finder: finder ? { name: finder.name, email: finder.email } : null,
    // Vendors receive the credit before publication to credit the finder themselves (R-PUB-6).
    credit: viewer.kind === "csirt" ? null : (state.finderConsent?.credit ?? null),
  };
}
