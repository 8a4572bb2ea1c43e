import type {
  FixMethod,
  SiteCaseEvent,
  SiteCaseState,
  SiteCaseStatus,
  SiteCloseReason,
} from "../../workflow/site-case/index.ts";
import type {
  AnalysisRequestRow,
  LeakNoticeRow,
  MessageRow,
  ReportRow,
  SiteCaseRow,
} from "./site-cases.repository.ts";

/**
 * The output allow-lists of web-application cases, one per audience. A site case is never
 * published (R-CLS-3): the only public view is the operator's leak notice, which names the
 * organization that published it and nothing else of the case (R-WEB-4).
 *
 * What the operator is given of the report: what it needs to verify and fix — title, site URL,
 * CWE, description, reproduction and the verification method (which exists to let the
 * responsible party confirm the problem). Not the attack method (exploit code or PoC, the most
 * dangerous class, which SPEC §2 keeps among the parties that handle it and §5 does not give
 * the operator), not how the finder found it, and not the finder's identity unless the finder
 * consented and the workflow shared it (R-CLS-2, W-8). The desk relays more in messages when
 * an operator needs it.
 */
export type Audience = "intake" | "operator";

export interface ConfidentialParts {
  /** The report text for the operator (or the desk member who may read it). */
  details: { description: string; reproduction: string; verificationMethod: string | null } | null;
  finder: { name: string; email: string } | null;
  resultDetails: string | null;
  analysisReasons: Map<string, string | null> | null;
}

export interface SiteCaseInput {
  audience: Audience;
  row: SiteCaseRow;
  report: ReportRow;
  state: SiteCaseState;
  events: SiteCaseEvent[];
  operatorName: string | null;
  analysisRequests: AnalysisRequestRow[];
  leakNotices: LeakNoticeRow[];
  confidential: ConfidentialParts;
}

export interface SiteCaseView {
  id: string;
  status: SiteCaseStatus | null;
  reference: string;
  reportId?: string;
  title: string;
  siteUrl: string | null;
  cwe: string | null;
  operator: { organizationId: string | null; name: string | null; contactEmail?: string | null };
  notifiedAt: string;
  acknowledgedAt: string | null;
  /** While the operator has not answered: when the acknowledgement (or the next reminder) is due. */
  acknowledgementDueAt: string | null;
  remindersSent: number;
  result: {
    result: "fixed" | "not_vulnerable";
    fixMethod: FixMethod | null;
    at: string;
    details: string | null;
  } | null;
  closure: { reason: SiteCloseReason; at: string; message: string } | null;
  analysisRequests: {
    id: string;
    status: "pending" | "granted" | "denied";
    reason: string | null;
    requestedAt: string;
    answeredAt: string | null;
  }[];
  leakNotices: { id: string; publishedAt: string }[];
  finderConsent: { identityToOperator: boolean; directContact: boolean } | null;
  finder: { name: string; email: string } | null;
  details: { description: string; reproduction: string; verificationMethod: string | null } | null;
  history: { at: string; status: SiteCaseStatus }[];
}

export function presentSiteCase(input: SiteCaseInput): SiteCaseView {
  const { audience, row, report, state, events, confidential } = input;
  const closed = [...events].reverse().find((event) => event.type === "site_case_closed");
  const ladderTimer = state.timers
    .filter(
      (timer) =>
        timer.kind === "operator_acknowledgement_due" || timer.kind === "operator_reminder_due",
    )
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  return {
    id: row.id,
    status: state.status,
    reference: report.receipt_number,
    ...(audience === "intake" ? { reportId: report.id } : {}),
    title: report.title,
    siteUrl: report.site_url,
    cwe: report.cwe,
    operator: {
      organizationId: row.operator_organization_id,
      name: input.operatorName,
      ...(audience === "intake" ? { contactEmail: row.operator_contact_email } : {}),
    },
    notifiedAt: row.notified_at,
    acknowledgedAt: state.acknowledgedAt,
    acknowledgementDueAt:
      state.status === "operator_notified" && state.ladder && ladderTimer
        ? ladderTimer.dueAt
        : null,
    remindersSent: state.ladder?.reminders ?? countReminders(events),
    result: state.result
      ? {
          result: state.result.result,
          fixMethod: state.result.fixMethod,
          at: state.result.at,
          details: confidential.resultDetails,
        }
      : null,
    closure:
      state.closure && closed?.type === "site_case_closed"
        ? { reason: state.closure.reason, at: state.closure.at, message: closed.message }
        : null,
    analysisRequests: input.analysisRequests.map((request) => ({
      id: request.id,
      status:
        request.decision === "grant"
          ? "granted"
          : request.decision === "deny"
            ? "denied"
            : "pending",
      reason: confidential.analysisReasons?.get(request.id) ?? null,
      requestedAt: request.created_at,
      answeredAt: request.answered_at,
    })),
    leakNotices: input.leakNotices.map((notice) => ({
      id: notice.id,
      publishedAt: notice.published_at,
    })),
    finderConsent: state.finderConsent
      ? {
          identityToOperator: state.finderConsent.identityToOperator,
          directContact: state.finderConsent.directContact,
        }
      : null,
    finder: confidential.finder,
    details: confidential.details,
    history: events.flatMap((event) =>
      event.type === "site_case_status_changed" ? [{ at: event.at, status: event.to }] : [],
    ),
  };
}

function countReminders(events: SiteCaseEvent[]): number {
  return events.filter((event) => event.type === "operator_reminder_due").length;
}

/** The list row: metadata only, the same for both audiences. */
export function presentListItem(
  row: SiteCaseRow & {
    status: string | null;
    receipt_number: string;
    title: string;
    site_url: string | null;
    organization_name: string | null;
  },
) {
  return {
    id: row.id,
    status: row.status as SiteCaseStatus | null,
    reference: row.receipt_number,
    title: row.title,
    siteUrl: row.site_url,
    operator: {
      organizationId: row.operator_organization_id,
      name: row.organization_name ?? row.operator_name,
    },
    notifiedAt: row.notified_at,
    updatedAt: row.updated_at,
  };
}

export function presentMessage(row: MessageRow, body: string) {
  return { id: row.id, from: row.author_side, body, createdAt: row.created_at };
}

/** The public leak notice (R-WEB-4): what the operator wrote, who published it, when. */
export function presentLeakNotice(row: {
  id: string;
  summary: string;
  period: string;
  affected_count: number;
  data_kinds: string;
  cause: string;
  contact: string;
  published_at: string;
  organization_name: string;
}) {
  return {
    id: row.id,
    operatorName: row.organization_name,
    summary: row.summary,
    period: row.period,
    affectedCount: Number(row.affected_count),
    dataKinds: JSON.parse(row.data_kinds) as string[],
    cause: row.cause,
    contact: row.contact,
    publishedAt: row.published_at,
  };
}
