import type { Selectable } from "kysely";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import type { CasesTable } from "../../platform/db/schema.ts";
import { textLanguage } from "../../platform/text/language.ts";
import {
  type CaseEvent,
  type CaseState,
  countermeasuresMissing,
  finderIdentityMayReach,
  type Participant,
} from "../../workflow/case/index.ts";
import { addDays } from "../../workflow/common.ts";
import { presentAdvisoryDraft } from "../advisories/advisory-draft.ts";
import type { VendorEntries } from "../advisories/draft-differences.ts";
import {
  unsealAttackMethod,
  unsealReportContent,
  unsealVerificationMethod,
} from "../reports/reports.service.ts";
import { readCaseRisk } from "../risk/risk.reads.ts";
import { ndaOf } from "./actions/shared.ts";
import type { CaseViewer } from "./cases.policy.ts";
import type { OpenedCaseContent } from "./cases.sealed.ts";
import { countermeasureContent, openedCaseContent, statementContent } from "./cases.sealed.ts";
import type {
  CaseAdvisoryView,
  CaseView,
  CaseViewCommon,
  CoordinatorCaseView,
  CoordinatorReportContentView,
  CountermeasureView,
  CsirtCaseView,
  CsirtProposalView,
  CsirtReportContentView,
  DirectContactView,
  DisclosurePlanView,
  FinderView,
  IntakeCaseView,
  NextDeadline,
  OpenedContentView,
  OthersAffectedView,
  ParticipantSummaryView,
  ParticipantView,
  ReferralView,
  ScheduleRequestView,
  ScheduleView,
  SharedReportView,
  StaffAdvisoryView,
  StatementView,
  VendorCaseView,
  VendorOpenedContentView,
  VendorReportContentView,
  WithheldContentView,
} from "./cases.views.ts";

export type CaseRow = Selectable<CasesTable>;

/** A CSIRT's or self-reporting vendor's text of the case; null for a case from a report. */
export function unsealOpenedCase(
  cipher: FieldCipher,
  row: Pick<CaseRow, "id" | "content_sealed">,
): OpenedCaseContent | null {
  return row.content_sealed ? openedCaseContent.open(cipher, row.id, row.content_sealed) : null;
}

/** Days after notification by which a vendor acknowledges (R-COO-8); shown as a deadline. */
const ACKNOWLEDGEMENT_DAYS = 7;

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
 * coordinator's exchanges with each vendor. Each audience's answer is typed by its schema in
 * cases.views.ts, the allow-list of what it is shown.
 */
export async function presentCase(
  executor: Executor,
  cipher: FieldCipher,
  viewer: CaseViewer,
  row: CaseRow,
  state: CaseState,
  /** Whether the viewer may read the report's content (R-SEC-1, `mayReadCaseContent`). */
  fullContent: boolean,
  /** Whether the staff viewer may read the risk's reason (R-SEC-1, `mayReadCaseRiskReason`). */
  riskReason = false,
): Promise<CaseView> {
  const status = state.status;
  // A case is visible from its opening on (cases.visibility.ts), when its status is set.
  if (status === null) throw new Error(`case ${row.id} is not open`);
  const visibleParticipants =
    viewer.kind === "vendor"
      ? state.participants.filter((p) => p.orgId === viewer.orgId)
      : state.participants;
  const directory = await directoryEntries(
    executor,
    visibleParticipants.map((p) => p.orgId),
  );
  const summaryOf = (p: Participant): ParticipantSummaryView => ({
    organizationId: p.orgId,
    orgId: p.orgId,
    name: directory.get(p.orgId)?.name ?? null,
    status: p.status,
    addedAt: p.addedAt,
    firstContactAt: p.notifiedAt,
    acknowledgedAt: p.acknowledgedAt,
    unresponsiveSince: p.unresponsiveSince,
    // Notified under its NDA; identified: the directory's NDA that notifying it would use.
    ndaOnFile: p.nda !== null || (directory.get(p.orgId)?.ndaOnFile ?? false),
  });

  const common: CaseViewCommon = {
    id: row.id,
    caseNumber: row.case_number,
    status,
    title: row.title,
    source: row.source,
    openedAt: row.opened_at,
    // A vendor learns its own first contact, not whether others were contacted before it.
    firstContactAt:
      viewer.kind === "vendor"
        ? (state.participants.find((p) => p.orgId === viewer.orgId)?.notifiedAt ?? null)
        : state.firstContactAt,
    schedule: presentSchedule(state),
    nextDeadline: nextDeadline(state, viewer.kind === "vendor" ? viewer.orgId : null),
    publishedAt: state.publication?.publishedAt ?? null,
    termination: state.termination && {
      reason: state.termination.reason,
      note: state.termination.note,
      at: state.termination.at,
    },
    closure: state.closure && {
      reason: state.closure.reason,
      at: state.closure.at,
      duplicateOf: state.closure.duplicateOf,
    },
  };
  const advisoryState = { status: state.advisory.status, revision: state.advisory.revision };
  // The draft for those who publish it, and for the vendors to comment on (their own products
  // only); a CSIRT sees the published advisory.
  const advisoryWithDraft = async (
    countermeasures?: readonly CountermeasureView[],
  ): Promise<CaseAdvisoryView | StaffAdvisoryView> => ({
    ...advisoryState,
    ...((await presentAdvisoryDraft(
      executor,
      cipher,
      row.id,
      viewer,
      countermeasures && vendorEntries(state, countermeasures),
    )) ?? {}),
  });
  // The desk approves direct contact too (R-COO-6): it sees every request, as the coordinator.
  const directContacts = state.directContacts
    .filter(
      (d) => viewer.kind === "coordinator" || viewer.kind === "intake" || d.orgId === viewer.orgId,
    )
    .map(
      (d): DirectContactView => ({
        id: d.id,
        organizationId: d.orgId,
        status: d.status,
        coordinatorApproved: d.coordinatorApproved,
        intakeApproved: d.intakeApproved,
      }),
    );

  if (viewer.kind === "intake") {
    // The desk weighs the draft against the vendors' entries too; it is not shown the entries.
    const { countermeasures } = await participantRecords(executor, cipher, row.id, null, []);
    return {
      ...common,
      participants: visibleParticipants.map(summaryOf),
      advisory: await advisoryWithDraft(countermeasures),
      reportId: row.report_id,
      directContacts,
      risk: await readCaseRisk(executor, cipher, row.id, row.report_id, { reason: riskReason }),
    } satisfies IntakeCaseView;
  }

  const { countermeasures, statements } = await participantRecords(
    executor,
    cipher,
    row.id,
    viewer.kind === "vendor" ? viewer.orgId : null,
    visibleParticipants,
  );
  const participants = visibleParticipants.map(
    (p): ParticipantView => ({
      ...summaryOf(p),
      trackingId: p.trackingId,
      statement: p.statement ? (statements.get(p.statement.id) ?? null) : null,
      countermeasures: countermeasures.filter((c) => c.organizationId === p.orgId),
    }),
  );
  const scheduleRequests = state.scheduleRequests
    .filter(
      (r) =>
        viewer.kind === "coordinator" || (viewer.kind === "vendor" && r.orgId === viewer.orgId),
    )
    .map(
      (r): ScheduleRequestView => ({
        id: r.id,
        organizationId: r.orgId,
        publishAt: r.publishAt,
        reason: r.reason,
        status: r.status,
      }),
    );
  // W-5: the dates a CSIRT was asked to agree to, for that CSIRT and the coordinator.
  const csirtProposals = state.csirtProposals.map(
    (p): CsirtProposalView => ({
      id: p.id,
      publishAt: p.publishAt,
      countermeasureDue: p.countermeasureDue,
      reason: p.reason,
      status: p.status,
    }),
  );
  const withheld: WithheldContentView = { contentWithheld: true };
  const report =
    fullContent && row.source === "report" && row.report_id
      ? await loadReport(executor, cipher, row.report_id)
      : null;

  if (viewer.kind === "csirt") {
    const content: WithheldContentView | OpenedContentView | CsirtReportContentView = !fullContent
      ? withheld
      : report
        ? { report: report.shared, finder: null, credit: null }
        : openedContent(cipher, row);
    return {
      ...common,
      participants,
      advisory: advisoryState,
      ...content,
      csirtProposals,
    } satisfies CsirtCaseView;
  }

  const finder = report ? await finderMayKnow(executor, state, viewer, report.finderUserId) : null;
  const credit = state.finderConsent?.credit ?? null;

  if (viewer.kind === "vendor") {
    let content: WithheldContentView | VendorOpenedContentView | VendorReportContentView;
    if (!fullContent) content = withheld;
    else if (report) content = { report: report.shared, finder, credit };
    else {
      const { description, conditions } = openedContent(cipher, row);
      content = { description, conditions };
    }
    return {
      ...common,
      participants,
      advisory: await advisoryWithDraft(),
      ...content,
      scheduleRequests,
      directContacts,
    } satisfies VendorCaseView;
  }

  const content: WithheldContentView | OpenedContentView | CoordinatorReportContentView =
    !fullContent
      ? withheld
      : report
        ? {
            report: {
              receiptNumber: report.row.receipt_number,
              ...report.shared,
              vendorName: report.row.vendor_name,
              // The exploit itself stays with the coordinator (R-CLS-1); vendors reproduce from
              // the verification method.
              ...(report.row.attack_method_sealed
                ? { attackMethod: unsealAttackMethod(cipher, report.row) ?? undefined }
                : {}),
            },
            finder,
            credit,
          }
        : openedContent(cipher, row);
  return {
    ...common,
    participants,
    advisory: await advisoryWithDraft(countermeasures),
    ...content,
    othersAffected: await othersAffected(executor, row.id),
    disclosurePlans: await disclosurePlans(executor, row, state),
    reportId: row.report_id,
    assigneeUserId: row.assignee_user_id,
    scheduleRequests,
    directContacts,
    referrals: state.referrals.map((r): ReferralView => ({ csirtOrgId: r.csirtOrgId, at: r.at })),
    committee: state.committee && { decision: state.committee.decision, at: state.committee.at },
    csirtProposals,
    risk: await readCaseRisk(executor, cipher, row.id, row.report_id, { reason: riskReason }),
  } satisfies CoordinatorCaseView;
}

/** The organizations' names, and whether the directory has an NDA on file for each. */
async function directoryEntries(
  executor: Executor,
  orgIds: string[],
): Promise<Map<string, { name: string; ndaOnFile: boolean }>> {
  if (orgIds.length === 0) return new Map();
  const orgs = await executor
    .selectFrom("organizations")
    .select(["id", "name", "nda_signed_at", "nda_version"])
    .where("id", "in", orgIds)
    .execute();
  return new Map(
    orgs.map((org) => [org.id, { name: org.name, ndaOnFile: ndaOf(org) !== null }] as const),
  );
}

/** Each vendor's status and countermeasures, as the draft's differences read them. */
function vendorEntries(
  state: CaseState,
  countermeasures: readonly CountermeasureView[],
): VendorEntries[] {
  return state.participants.map((p) => ({
    orgId: p.orgId,
    status: p.status,
    countermeasures: countermeasures.filter((c) => c.organizationId === p.orgId),
  }));
}

function presentSchedule(state: CaseState): ScheduleView | null {
  if (!state.schedule) return null;
  return {
    publishAt: state.schedule.publishAt,
    countermeasureDue: state.schedule.countermeasureDue,
    revisions: state.scheduleRevisions.map((r): ScheduleView["revisions"][number] => ({
      revision: r.revision,
      at: r.at,
      publishAt: r.new.publishAt,
      countermeasureDue: r.new.countermeasureDue,
      reason: r.reason,
      setBy: r.setBy,
    })),
  };
}

/** The countermeasures and statements of the participants shown (a vendor: its own only). */
async function participantRecords(
  executor: Executor,
  cipher: FieldCipher,
  caseId: string,
  ownOrgId: string | null,
  participants: readonly Participant[],
) {
  let countermeasureQuery = executor
    .selectFrom("case_countermeasures")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("created_at");
  if (ownOrgId !== null) {
    countermeasureQuery = countermeasureQuery.where("organization_id", "=", ownOrgId);
  }
  const countermeasures = (await countermeasureQuery.execute()).map((c): CountermeasureView => {
    const content = countermeasureContent.open(cipher, c.id, c.content_sealed);
    return {
      id: c.id,
      organizationId: c.organization_id,
      type: c.type,
      description: content.description,
      language: content.language ?? textLanguage(content.description),
      translation: content.translation ?? null,
      product: content.product ?? null,
      cpe: content.cpe ?? null,
      purl: content.purl ?? null,
      ranges: content.ranges ?? [],
      affectedVersions: content.affectedVersions,
      fixedVersions: content.fixedVersions,
      url: content.url,
      createdAt: c.created_at,
    };
  });
  const statementIds = participants
    .map((p) => p.statement?.id)
    .filter((value): value is string => Boolean(value));
  const statementRows =
    statementIds.length > 0
      ? await executor
          .selectFrom("case_statements")
          .selectAll()
          .where("id", "in", statementIds)
          .execute()
      : [];
  const statements = new Map(
    statementRows.map((s): [string, StatementView] => {
      const content = statementContent.open(cipher, s.id, s.content_sealed);
      return [
        s.id,
        {
          text: content.text,
          advisoryUrl: content.advisoryUrl,
          contact: content.contact,
          language: content.language ?? textLanguage(content.text),
          translation: content.translation ?? null,
          updatedAt: s.created_at,
        },
      ];
    }),
  );
  return { countermeasures, statements };
}

/** A CSIRT's or self-reporting vendor's own text of the case (no report behind it). */
function openedContent(cipher: FieldCipher, row: CaseRow): OpenedContentView {
  const opened = unsealOpenedCase(cipher, row);
  return {
    description: opened?.description ?? null,
    ...(opened?.vendorNames ? { vendorNames: opened.vendorNames } : {}),
    conditions: opened?.conditions ?? null,
  };
}

/** The report behind the case: what every reader of its content is shown, and its row. */
async function loadReport(executor: Executor, cipher: FieldCipher, reportId: string) {
  const report = await executor
    .selectFrom("reports")
    .selectAll()
    .where("id", "=", reportId)
    .executeTakeFirstOrThrow();
  const text = unsealReportContent(cipher, report);
  const shared: SharedReportView = {
    receivedAt: report.received_at,
    productName: report.product_name,
    productVersion: report.product_version,
    cwe: report.cwe,
    cvssVector: report.cvss_vector,
    description: text.description,
    reproduction: text.reproduction,
    verificationMethod: unsealVerificationMethod(cipher, report),
  };
  return { row: report, shared, finderUserId: report.finder_user_id };
}

/** The finder's name and address where the finder consented to the viewer knowing them (W-8). */
async function finderMayKnow(
  executor: Executor,
  state: CaseState,
  viewer: CaseViewer,
  finderUserId: string,
): Promise<FinderView | null> {
  if (!finderIdentityMayReach(state, viewer)) return null;
  const finder = await executor
    .selectFrom("users")
    .select(["name", "email"])
    .where("id", "=", finderUserId)
    .executeTakeFirst();
  return finder ? { name: finder.name, email: finder.email } : null;
}

/** R-COO-1: vendors' "others may be affected" reports, for the coordinator to act on. */
async function othersAffected(executor: Executor, caseId: string): Promise<OthersAffectedView[]> {
  const events = await executor
    .selectFrom("workflow_events")
    .select("data")
    .where("aggregate_id", "=", caseId)
    .where("type", "=", "others_affected_reported")
    .orderBy("version")
    .execute();
  return events.map((e): OthersAffectedView => {
    const event = JSON.parse(e.data) as Extract<CaseEvent, { type: "others_affected_reported" }>;
    return {
      organizationId: event.orgId,
      vendorName: event.vendorName,
      reason: event.reason,
      at: event.at,
    };
  });
}

/** R-INT-6: the finder's disclosure plans (talk, paper), flagged when planned before publication. */
async function disclosurePlans(
  executor: Executor,
  row: CaseRow,
  state: CaseState,
): Promise<DisclosurePlanView[]> {
  if (!row.report_id) return [];
  const publishAt = state.schedule?.publishAt ?? null;
  const plans = await executor
    .selectFrom("disclosure_consultations")
    .select(["id", "planned_at", "venue", "decision", "until"])
    .where("report_id", "=", row.report_id)
    .orderBy("planned_at")
    .execute();
  return plans.map(
    (c): DisclosurePlanView => ({
      id: c.id,
      plannedAt: c.planned_at,
      venue: c.venue,
      decision: c.decision,
      until: c.until,
      beforePublication: publishAt !== null && !state.publication && c.planned_at < publishAt,
    }),
  );
}
