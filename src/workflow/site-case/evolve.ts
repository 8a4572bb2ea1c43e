/** How each event changes a web-application case's state. */
import {
  rememberCommand,
  replaceById,
  withContactStatus,
  withoutTimer,
  withTimer,
} from "../common.ts";
import type { SiteCaseEvent, SiteCaseState } from "./types.ts";

export function initialSiteCase(id: string): SiteCaseState {
  return {
    id,
    commandIds: [],
    status: null,
    reportId: null,
    operator: null,
    notifiedAt: null,
    acknowledgedAt: null,
    result: null,
    closure: null,
    finderConsent: null,
    ladder: null,
    analysisRequests: [],
    leakNotices: [],
    directContacts: [],
    timers: [],
    timerSeq: 0,
  };
}

export function evolveSiteCase(state: SiteCaseState, event: SiteCaseEvent): SiteCaseState {
  const s = rememberCommand(state, event.commandId);
  switch (event.type) {
    case "site_case_opened":
      return {
        ...s,
        reportId: event.reportId,
        operator:
          "orgId" in event.operator
            ? { orgId: event.operator.orgId, name: null, contactEmail: null }
            : { orgId: null, name: event.operator.name, contactEmail: event.operator.contactEmail },
        notifiedAt: event.at,
        finderConsent: event.finderConsent,
      };
    case "site_case_status_changed":
      return { ...s, status: event.to };
    case "site_case_claimed":
      return {
        ...s,
        operator: s.operator
          ? { ...s.operator, orgId: event.orgId }
          : { orgId: event.orgId, name: null, contactEmail: null },
      };
    case "operator_acknowledged":
      return { ...s, acknowledgedAt: s.acknowledgedAt ?? event.at };
    case "operator_result_reported":
      return { ...s, result: { result: event.result, fixMethod: event.fixMethod, at: event.at } };
    case "site_case_closed":
      return { ...s, closure: { reason: event.reason, at: event.at } };
    case "leak_notice_published":
      return { ...s, leakNotices: [...s.leakNotices, { id: event.noticeId, at: event.at }] };
    case "analysis_requested":
      return {
        ...s,
        analysisRequests: [...s.analysisRequests, { id: event.requestId, status: "pending" }],
      };
    case "analysis_answered":
      return {
        ...s,
        analysisRequests: replaceById(s.analysisRequests, event.requestId, (r) => ({
          ...r,
          status: event.decision === "grant" ? "granted" : "denied",
        })),
      };
    case "finder_consent_updated":
      return { ...s, finderConsent: event.consent };
    case "direct_contact_requested":
      return {
        ...s,
        directContacts: [
          ...s.directContacts,
          { id: event.requestId, intakeApproved: false, status: "pending" },
        ],
      };
    case "direct_contact_approved":
      return {
        ...s,
        directContacts: replaceById(s.directContacts, event.requestId, (d) => ({
          ...d,
          intakeApproved: true,
        })),
      };
    case "direct_contact_opened":
      return withContactStatus(s, event.requestId, "open");
    case "direct_contact_closed":
      return withContactStatus(s, event.requestId, "closed");
    case "operator_ladder_started":
      return { ...s, ladder: { generation: event.generation, reminders: 0 } };
    case "operator_ladder_stopped":
      return { ...s, ladder: null };
    case "operator_reminder_due":
      return s.ladder ? { ...s, ladder: { ...s.ladder, reminders: event.step } } : s;
    case "timer_set":
      return withTimer(s, event.timer);
    case "timer_fired":
      return withoutTimer(s, event.timerId);
    default:
      return s;
  }
}
