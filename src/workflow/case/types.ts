/**
 * The product case's vocabulary (API.md): its statuses, its state, the commands it takes, the
 * events it records, and the transition tables of the case and of each participant.
 */
import type { CommandBase, EventMeta, Instant, Recipient, StateBase, Timer } from "../common.ts";
import type { ProductConsent } from "../report.ts";
import { edges, type TransitionTable } from "../transitions.ts";

// ---------------------------------------------------------------------------------------------
// Vocabulary (API.md)

export const CASE_STATUSES = [
  "triage",
  "coordinating",
  "countermeasure_ready",
  "published",
  "closed",
  "closed_no_action",
  "closed_duplicate",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const ACTIVE_CASE_STATUSES = ["triage", "coordinating", "countermeasure_ready"] as const;

export const PARTICIPANT_STATUSES = [
  "identified",
  "notified",
  "acknowledged",
  "investigating",
  "affected",
  "not_affected",
  "cannot_reproduce",
  "unresponsive",
] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];
export const VENDOR_VERDICTS = ["affected", "not_affected", "cannot_reproduce"] as const;
export type ReportedStatus = "investigating" | (typeof VENDOR_VERDICTS)[number];

/** W-2: the only reasons an embargo ends before its date. */
export const TERMINATION_REASONS = [
  "leak",
  "exploit_public",
  "exploited",
  "finder_published",
] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

export const CASE_CLOSE_REASONS = ["no_action", "duplicate"] as const;
export type CaseCloseReason = (typeof CASE_CLOSE_REASONS)[number];

export type CaseSource =
  | { kind: "report"; reportId: string; finderId: string }
  | { kind: "csirt"; csirtOrgId: string; shareWithIntake: boolean; conditions: string | null }
  | { kind: "self_report"; vendorOrgId: string };

export interface Nda {
  signedAt: Instant;
  version: string;
}

export interface Ladder {
  kind: "acknowledgement" | "status";
  generation: number;
  reminders: number;
  exhaustedAt: Instant | null;
}

export interface Participant {
  orgId: string;
  status: ParticipantStatus;
  nda: Nda | null;
  addedAt: Instant;
  notifiedAt: Instant | null;
  acknowledgedAt: Instant | null;
  countermeasures: { id: string; type: "workaround" | "fix"; at: Instant }[];
  statement: { id: string; at: Instant } | null;
  trackingId: string | null;
  unresponsiveSince: Instant | null;
  ladder: Ladder | null;
  ladderGenerations: number;
  unreachableListing: { stage: "name" | "product"; nameListedAt: Instant } | null;
}

export interface ScheduleDates {
  publishAt: Instant;
  countermeasureDue: Instant | null;
}

export type ScheduleRequester =
  | { kind: "default" }
  | { kind: "csirt" }
  | { kind: "coordinator" }
  /** A vendor's request the coordinator accepted; the requester's identity stays in the request. */
  | { kind: "vendor_request"; requestId: string };

export interface ScheduleRevision {
  revision: number;
  at: Instant;
  old: ScheduleDates | null;
  new: ScheduleDates;
  reason: string;
  setBy: "default" | "csirt" | "coordinator";
  requestedBy: ScheduleRequester;
  exceedReason: string | null;
  csirtProposalId: string | null;
}

export interface Schedule extends ScheduleDates {
  revision: number;
}

export interface ScheduleRequest {
  id: string;
  orgId: string;
  publishAt: Instant;
  reason: string;
  status: "pending" | "accepted" | "declined";
}

export interface CsirtProposal extends ScheduleDates {
  id: string;
  reason: string;
  status: "pending" | "agreed" | "refused" | "used";
}

export interface DirectContact {
  id: string;
  orgId: string;
  coordinatorApproved: boolean;
  intakeApproved: boolean;
  status: "pending" | "open" | "closed";
}

export type PublicationProblem =
  | { kind: "advisory_not_approved" }
  | { kind: "participants_not_notified"; orgIds: string[] }
  | { kind: "committee_decision_required" }
  | { kind: "countermeasures_missing"; orgIds: string[] };

export interface Publication {
  publishedAt: Instant;
  at: Instant;
  statements: { orgId: string; statementId: string }[];
  countermeasures: { orgId: string; countermeasureId: string }[];
  credit: string | null;
  advisoryRevision: number;
  terminationReason: TerminationReason | null;
}

export interface CaseState extends StateBase {
  status: CaseStatus | null;
  source: CaseSource | null;
  openedAt: Instant | null;
  participants: Participant[];
  firstContactAt: Instant | null;
  schedule: Schedule | null;
  scheduleRevisions: ScheduleRevision[];
  scheduleRequests: ScheduleRequest[];
  csirtProposals: CsirtProposal[];
  termination: { reason: TerminationReason; note: string; at: Instant } | null;
  advisory: { status: "none" | "draft" | "approved"; revision: number };
  committee: { decision: "publish" | "do_not_publish"; at: Instant } | null;
  publication: Publication | null;
  closure: {
    reason: CaseCloseReason | "completed";
    at: Instant;
    duplicateOf: string | null;
  } | null;
  finderConsent: ProductConsent | null;
  directContacts: DirectContact[];
  referrals: { csirtOrgId: string; at: Instant }[];
  timers: Timer[];
  timerSeq: number;
}

// ---------------------------------------------------------------------------------------------
// Commands

type C<T extends string, P = unknown> = CommandBase & { type: T } & P;

export type CaseCommand =
  | C<
      "open_case",
      {
        reportId: string;
        reportKind: "product" | "web";
        finderId: string;
        finderConsent: ProductConsent;
      }
    >
  | C<
      "open_csirt_case",
      {
        publishAt: Instant;
        countermeasureDue?: Instant | null;
        conditions?: string | null;
        shareWithIntake: boolean;
      }
    >
  | C<
      "open_self_report",
      {
        nda: Nda | null;
        countermeasures: { countermeasureId: string; type: "workaround" | "fix" }[];
        statementId?: string | null;
        requestId: string;
        proposedPublishAt: Instant;
      }
    >
  | C<"add_participant", { orgId: string; nda?: Nda | null; reason?: string | null }>
  | C<"remove_participant", { orgId: string; reason: string }>
  | C<"notify_participant", { orgId: string; nda?: Nda | null }>
  | C<"acknowledge">
  | C<"report_status", { status: ReportedStatus; statementId?: string | null }>
  | C<"add_countermeasure", { countermeasureId: string; countermeasureType: "workaround" | "fix" }>
  | C<"set_statement", { statementId: string }>
  | C<"set_tracking_id", { trackingId: string }>
  | C<"report_others_affected", { vendorName: string; reason: string }>
  | C<"mark_unresponsive", { orgId: string; note: string }>
  | C<"list_unreachable", { orgId: string; stage: "name" | "product"; decision: string }>
  | C<"request_schedule", { requestId: string; publishAt: Instant; reason: string }>
  | C<
      "decide_schedule_request",
      {
        requestId: string;
        decision: "accept" | "decline";
        reason: string;
        exceedReason?: string | null;
        csirtProposalId?: string | null;
      }
    >
  | C<
      "revise_schedule",
      {
        publishAt: Instant;
        countermeasureDue?: Instant | null;
        reason: string;
        exceedReason?: string | null;
        csirtProposalId?: string | null;
      }
    >
  | C<
      "propose_schedule_to_csirt",
      { proposalId: string; publishAt: Instant; countermeasureDue?: Instant | null; reason: string }
    >
  | C<
      "answer_schedule_proposal",
      { proposalId: string; decision: "agree" | "refuse"; note?: string }
    >
  | C<"terminate_embargo", { reason: TerminationReason; note: string }>
  | C<"update_advisory">
  | C<"approve_advisory">
  | C<"record_committee_decision", { decision: "publish" | "do_not_publish"; summary: string }>
  | C<"close_case", { reason: CaseCloseReason; message: string; duplicateOf?: string | null }>
  | C<"complete_case">
  | C<"post_message", { messageId: string; to?: string | null }>
  | C<"update_finder_consent", { consent: ProductConsent }>
  | C<"share_finder_identity", { to: string }>
  | C<"request_direct_contact", { requestId: string; reason: string }>
  | C<"approve_direct_contact", { requestId: string }>
  | C<"refer_to_csirt", { csirtOrgId: string; note: string }>
  | C<"fire_timer", { timerId: string }>;

export type CaseCommandType = CaseCommand["type"];
export type CaseCommandOf<K extends CaseCommandType> = Extract<CaseCommand, { type: K }>;

// ---------------------------------------------------------------------------------------------
// Events

type E<T extends string, P = unknown> = EventMeta & { type: T } & P;

export type CaseEvent =
  | E<"case_opened", { source: CaseSource; finderConsent: ProductConsent | null }>
  | E<"case_status_changed", { from: CaseStatus | null; to: CaseStatus; on: string }>
  | E<"participant_added", { orgId: string; nda: Nda | null; reason: string | null }>
  | E<"participant_self_reported", { orgId: string; nda: Nda }>
  | E<"participant_removed", { orgId: string; reason: string }>
  | E<"participant_notified", { orgId: string; nda: Nda; firstContact: boolean }>
  | E<"participant_acknowledged", { orgId: string; from: ParticipantStatus }>
  | E<
      "participant_status_reported",
      {
        orgId: string;
        from: ParticipantStatus;
        to: ReportedStatus;
        statementId: string | null;
      }
    >
  | E<"participant_marked_unresponsive", { orgId: string; from: ParticipantStatus; note: string }>
  | E<"participant_ladder_started", { orgId: string; ladder: Ladder["kind"]; generation: number }>
  | E<"participant_ladder_stopped", { orgId: string }>
  | E<
      "participant_reminder_due",
      { orgId: string; ladder: Ladder["kind"]; generation: number; step: number }
    >
  | E<"participant_escalation_due", { orgId: string; ladder: Ladder["kind"]; generation: number }>
  | E<
      "countermeasure_added",
      { orgId: string; countermeasureId: string; countermeasureType: "workaround" | "fix" }
    >
  | E<"statement_set", { orgId: string; statementId: string }>
  | E<"tracking_id_set", { orgId: string; trackingId: string }>
  | E<"others_affected_reported", { orgId: string; vendorName: string; reason: string }>
  | E<"unreachable_vendor_listed", { orgId: string; stage: "name" | "product"; decision: string }>
  | E<"unreachable_vendor_delisted", { orgId: string }>
  | E<
      "schedule_requested",
      { requestId: string; orgId: string; publishAt: Instant; reason: string }
    >
  | E<
      "schedule_request_decided",
      { requestId: string; orgId: string; decision: "accept" | "decline"; reason: string }
    >
  | E<"schedule_set", Omit<ScheduleRevision, "at">>
  | E<"csirt_schedule_proposed", ScheduleDates & { proposalId: string; reason: string }>
  | E<"csirt_schedule_answered", { proposalId: string; decision: "agree" | "refuse"; note: string }>
  | E<"embargo_terminated", { reason: TerminationReason; note: string }>
  | E<"advisory_updated", { revision: number }>
  | E<"advisory_approved", { revision: number }>
  | E<"committee_decided", { decision: "publish" | "do_not_publish"; summary: string }>
  | E<"case_published", Omit<Publication, "at"> & { on: string }>
  | E<"publication_overdue", { problems: PublicationProblem[] }>
  | E<"publication_alert", { problems: PublicationProblem[] }>
  | E<
      "case_closed",
      { reason: CaseCloseReason | "completed"; message: string; duplicateOf: string | null }
    >
  | E<"message_posted", { messageId: string; to: string; authorOrgId: string | null }>
  | E<"finder_consent_updated", { consent: ProductConsent }>
  | E<"finder_identity_shared", { to: Recipient[] }>
  | E<"direct_contact_requested", { requestId: string; orgId: string; reason: string }>
  | E<"direct_contact_approved", { requestId: string; by: "coordinator" | "intake" }>
  | E<"direct_contact_opened", { requestId: string; orgId: string }>
  | E<"direct_contact_closed", { requestId: string; orgId: string; reason: string }>
  | E<"referred_to_csirt", { csirtOrgId: string; note: string }>
  | E<"timer_set", { timer: Timer }>
  | E<"timer_fired", { timerId: string }>;

export type CaseEventType = CaseEvent["type"];

// ---------------------------------------------------------------------------------------------
// Transition tables

const ACTIVE = ACTIVE_CASE_STATUSES;

export const caseTransitions: TransitionTable<CaseStatus> = [
  { from: null, to: "triage", on: "open_case" },
  { from: null, to: "triage", on: "open_csirt_case" },
  { from: null, to: "countermeasure_ready", on: "open_self_report" },
  { from: "triage", to: "coordinating", on: "notify_participant" },
  { from: "coordinating", to: "countermeasure_ready", on: "countermeasures_complete" },
  { from: "countermeasure_ready", to: "coordinating", on: "countermeasures_incomplete" },
  ...edges<CaseStatus>(ACTIVE, "publish", ["published"]),
  ...edges<CaseStatus>(ACTIVE, "close (no_action)", ["closed_no_action"]),
  ...edges<CaseStatus>(ACTIVE, "close (duplicate)", ["closed_duplicate"]),
  { from: "published", to: "closed", on: "complete_case" },
];

const ANSWERED: ParticipantStatus[] = [
  "acknowledged",
  "investigating",
  "affected",
  "not_affected",
  "cannot_reproduce",
];

export const participantTransitions: TransitionTable<ParticipantStatus> = [
  { from: null, to: "identified", on: "add_participant" },
  { from: null, to: "affected", on: "open_self_report" },
  { from: "identified", to: null, on: "remove_participant" },
  { from: "identified", to: "notified", on: "notify_participant" },
  { from: "notified", to: "acknowledged", on: "acknowledge" },
  { from: "unresponsive", to: "acknowledged", on: "acknowledge" },
  ...edges<ParticipantStatus>(["acknowledged", "unresponsive"], "report_status", ["investigating"]),
  ...edges<ParticipantStatus>([...ANSWERED, "unresponsive"], "report_status", VENDOR_VERDICTS),
  ...edges<ParticipantStatus>(["notified", ...ANSWERED], "mark_unresponsive", ["unresponsive"]),
];
