/**
 * The web-application case's vocabulary (API.md): statuses, close reasons and fix methods, its
 * state, commands and events, and its transition table.
 */
import type { CommandBase, EventMeta, Instant, Recipient, StateBase, Timer } from "../common.ts";
import type { OperatorRef, WebConsent } from "../report.ts";
import { edges, type TransitionTable } from "../transitions.ts";

export const SITE_CASE_STATUSES = [
  "operator_notified",
  "operator_acknowledged",
  "fixed",
  "not_vulnerable",
  "operator_unreachable",
  "closed",
] as const;
export type SiteCaseStatus = (typeof SITE_CASE_STATUSES)[number];

export const SITE_CLOSE_REASONS = [
  "fixed",
  "closed_after_warning",
  "not_vulnerable",
  "unreachable",
] as const;
export type SiteCloseReason = (typeof SITE_CLOSE_REASONS)[number];

export const FIX_METHODS = ["app_fixed", "page_removed", "operational_workaround"] as const;
export type FixMethod = (typeof FIX_METHODS)[number];

export interface SiteCaseState extends StateBase {
  status: SiteCaseStatus | null;
  reportId: string | null;
  operator: { orgId: string | null; name: string | null; contactEmail: string | null } | null;
  notifiedAt: Instant | null;
  acknowledgedAt: Instant | null;
  result: { result: "fixed" | "not_vulnerable"; fixMethod: FixMethod | null; at: Instant } | null;
  closure: { reason: SiteCloseReason; at: Instant } | null;
  finderConsent: WebConsent | null;
  ladder: { generation: number; reminders: number } | null;
  analysisRequests: { id: string; status: "pending" | "granted" | "denied" }[];
  leakNotices: { id: string; at: Instant }[];
  directContacts: { id: string; intakeApproved: boolean; status: "pending" | "open" | "closed" }[];
  timers: Timer[];
  timerSeq: number;
}

type C<T extends string, P = unknown> = CommandBase & { type: T } & P;

export type SiteCaseCommand =
  | C<
      "open_site_case",
      {
        reportId: string;
        reportKind: "product" | "web";
        operator: OperatorRef;
        finderConsent: WebConsent;
      }
    >
  | C<"claim_site_case">
  | C<"acknowledge">
  | C<"report_result", { result: "fixed" | "not_vulnerable"; fixMethod?: FixMethod | null }>
  | C<"mark_unreachable">
  | C<"close", { reason: SiteCloseReason; message: string }>
  | C<"publish_leak_notice", { noticeId: string }>
  | C<"request_analysis", { requestId: string }>
  | C<"answer_analysis", { requestId: string; decision: "grant" | "deny" }>
  | C<"post_message", { messageId: string; to?: string | null }>
  | C<"update_finder_consent", { consent: WebConsent }>
  | C<"share_finder_identity">
  | C<"request_direct_contact", { requestId: string }>
  | C<"approve_direct_contact", { requestId: string }>
  | C<"fire_timer", { timerId: string }>;

export type SiteCaseCommandType = SiteCaseCommand["type"];

type E<T extends string, P = unknown> = EventMeta & { type: T } & P;

export type SiteCaseEvent =
  | E<"site_case_opened", { reportId: string; operator: OperatorRef; finderConsent: WebConsent }>
  | E<"site_case_status_changed", { from: SiteCaseStatus | null; to: SiteCaseStatus; on: string }>
  | E<"site_case_claimed", { orgId: string }>
  | E<"operator_acknowledged">
  | E<
      "operator_result_reported",
      { result: "fixed" | "not_vulnerable"; fixMethod: FixMethod | null }
    >
  | E<"site_case_closed", { reason: SiteCloseReason; message: string }>
  | E<"leak_notice_published", { noticeId: string }>
  | E<"analysis_requested", { requestId: string }>
  | E<"analysis_answered", { requestId: string; decision: "grant" | "deny" }>
  | E<"message_posted", { messageId: string; to: string }>
  | E<"finder_consent_updated", { consent: WebConsent }>
  | E<"finder_identity_shared", { to: Recipient[] }>
  | E<"direct_contact_requested", { requestId: string }>
  | E<"direct_contact_approved", { requestId: string }>
  | E<"direct_contact_opened", { requestId: string }>
  | E<"direct_contact_closed", { requestId: string; reason: string }>
  | E<"operator_ladder_started", { generation: number }>
  | E<"operator_ladder_stopped">
  | E<"operator_reminder_due", { generation: number; step: number }>
  | E<"timer_set", { timer: Timer }>
  | E<"timer_fired", { timerId: string }>;

const ANSWERABLE: SiteCaseStatus[] = [
  "operator_notified",
  "operator_acknowledged",
  "operator_unreachable",
];

export const siteCaseTransitions: TransitionTable<SiteCaseStatus> = [
  { from: null, to: "operator_notified", on: "open_site_case" },
  { from: "operator_notified", to: "operator_acknowledged", on: "acknowledge" },
  { from: "operator_unreachable", to: "operator_acknowledged", on: "acknowledge" },
  ...edges<SiteCaseStatus>(ANSWERABLE, "report_result (fixed)", ["fixed"]),
  ...edges<SiteCaseStatus>(ANSWERABLE, "report_result (not_vulnerable)", ["not_vulnerable"]),
  { from: "operator_notified", to: "operator_unreachable", on: "mark_unreachable" },
  { from: "operator_notified", to: "operator_unreachable", on: "unreachable_after_reminders" },
  { from: "fixed", to: "closed", on: "close (fixed)" },
  { from: "not_vulnerable", to: "closed", on: "close (not_vulnerable)" },
  { from: "operator_unreachable", to: "closed", on: "close (unreachable)" },
  ...edges<SiteCaseStatus>(ANSWERABLE, "close (closed_after_warning)", ["closed"]),
];
