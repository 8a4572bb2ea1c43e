/**
 * The product case (調整案件), SPEC §4: the case status, its participants (vendors) with their
 * own statuses, one schedule, the embargo, the advisory's approval and publication, and the
 * timers that drive reminders and publication.
 *
 * Rules decided here (SPEC §4, §10): the NDA gate (R-COO-2, W-4), `firstContactAt` fixed once and
 * the default schedule (R-COO-3, W-6), one schedule changed only by the coordinator, never by a
 * vendor's request, and with the CSIRT's agreement where it set the date (W-5, R-COO-9), the
 * maximum embargo (W-6), termination with a reason (W-2), publication at the scheduled instant,
 * all parts together, once (R-COO-4, W-3), vendors never reached by each other's content before
 * publication (R-COO-5, W-4), the finder's identity only as consented (W-8), and timers (W-9).
 */
import {
  addDays,
  COORDINATOR,
  type CommandBase,
  checkEnvelope,
  type Decision,
  dedupeRecipients,
  Emitter,
  type EventMeta,
  FINDER,
  INTAKE,
  type Instant,
  Issues,
  isInstant,
  nonEmpty,
  PUBLIC_ADVISORY,
  type Recipient,
  type Refusal,
  reject,
  rememberCommand,
  requireActor,
  type StateBase,
  type Timer,
} from "./common.ts";
import { deadlineAfter, type WorkflowPolicy } from "./policy.ts";
import type { ProductConsent } from "./report.ts";
import { allows, edges, type TransitionTable } from "./transitions.ts";

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

// ---------------------------------------------------------------------------------------------
// State helpers (pure; presenters may use them too)

export function initialCase(id: string): CaseState {
  return {
    id,
    commandIds: [],
    status: null,
    source: null,
    openedAt: null,
    participants: [],
    firstContactAt: null,
    schedule: null,
    scheduleRevisions: [],
    scheduleRequests: [],
    csirtProposals: [],
    termination: null,
    advisory: { status: "none", revision: 0 },
    committee: null,
    publication: null,
    closure: null,
    finderConsent: null,
    directContacts: [],
    referrals: [],
    timers: [],
    timerSeq: 0,
  };
}

export function isActive(state: CaseState): boolean {
  return state.status !== null && (ACTIVE as readonly string[]).includes(state.status);
}

export function isClosed(state: CaseState): boolean {
  return (
    state.status === "closed" ||
    state.status === "closed_no_action" ||
    state.status === "closed_duplicate"
  );
}

export function participant(state: CaseState, orgId: string): Participant | undefined {
  return state.participants.find((p) => p.orgId === orgId);
}

/** Vendors that were notified under an NDA: the only ones case content may reach (W-4). */
export function informedVendors(state: CaseState): Recipient[] {
  return state.participants
    .filter((p) => p.status !== "identified" && p.nda !== null)
    .map((p) => ({ kind: "vendor", orgId: p.orgId }));
}

/** R-COO-9: the intake desk takes part unless a CSIRT case keeps it out. */
export function intakeTakesPart(state: CaseState): boolean {
  return !(state.source?.kind === "csirt" && !state.source.shareWithIntake);
}

function staff(state: CaseState): Recipient[] {
  return intakeTakesPart(state) ? [COORDINATOR, INTAKE] : [COORDINATOR];
}

function csirtOf(state: CaseState): Recipient[] {
  return state.source?.kind === "csirt" ? [{ kind: "csirt", orgId: state.source.csirtOrgId }] : [];
}

function finderOf(state: CaseState): Recipient[] {
  return state.source?.kind === "report" ? [FINDER] : [];
}

/** Everyone taking part who is told of schedule changes and publication. */
function everyone(state: CaseState): Recipient[] {
  return dedupeRecipients([
    ...staff(state),
    ...informedVendors(state),
    ...csirtOf(state),
    ...finderOf(state),
  ]);
}

function vendorAudience(state: CaseState, orgId: string, extra: Recipient[] = []): Recipient[] {
  const publicToo = state.publication ? [PUBLIC_ADVISORY] : [];
  return dedupeRecipients([...staff(state), { kind: "vendor", orgId }, ...extra, ...publicToo]);
}

/** W-8: whether the finder's identity may reach a party under the consent recorded now. */
export function finderIdentityMayReach(state: CaseState, recipient: Recipient): boolean {
  if (recipient.kind === "intake" || recipient.kind === "finder") return true;
  const consent = state.finderConsent;
  if (!consent || state.source?.kind !== "report") return false;
  if (recipient.kind === "coordinator") return consent.identityToCoordinator;
  if (recipient.kind === "vendor") {
    const p = participant(state, recipient.orgId);
    if (!p || p.status === "identified" || p.nda === null) return false;
    return (
      consent.identityToVendor ||
      (consent.directContact &&
        state.directContacts.some((d) => d.orgId === recipient.orgId && d.status === "open"))
    );
  }
  return false;
}

/** What keeps a due publication from happening (R-COO-16 alerts name them). */
export function publicationBlockers(state: CaseState): PublicationProblem[] {
  const problems: PublicationProblem[] = [];
  if (state.advisory.status !== "approved") problems.push({ kind: "advisory_not_approved" });
  const notNotified = state.participants
    .filter((p) => p.status === "identified")
    .map((p) => p.orgId);
  if (notNotified.length > 0)
    problems.push({ kind: "participants_not_notified", orgIds: notNotified });
  // R-COO-8: a case whose vendors all cannot be reached is published only on the committee's decision.
  const everyoneUnresponsive =
    state.participants.length > 0 && state.participants.every((p) => p.status === "unresponsive");
  if (everyoneUnresponsive && state.committee?.decision !== "publish") {
    problems.push({ kind: "committee_decision_required" });
  }
  return problems;
}

export function countermeasuresMissing(state: CaseState): string[] {
  return state.participants
    .filter((p) => p.status === "affected" && p.countermeasures.length === 0)
    .map((p) => p.orgId);
}

/** Whether the case's date (or a termination) allows publication at `at`. */
export function publicationDue(state: CaseState, at: Instant): boolean {
  if (state.termination) return true;
  return state.schedule !== null && at >= state.schedule.publishAt;
}

/** The countermeasures are ready when every affected vendor has at least one (and one is affected). */
export function countermeasuresComplete(state: CaseState): boolean {
  const affected = state.participants.filter((p) => p.status === "affected");
  return affected.length > 0 && affected.every((p) => p.countermeasures.length > 0);
}

/** The latest instant a publication date may have without a recorded reason (W-6). */
export function maxPublishAtWithoutReason(
  state: CaseState,
  policy: WorkflowPolicy,
): Instant | null {
  const base = state.firstContactAt ?? state.openedAt;
  return base ? addDays(base, policy.maxEmbargoDays) : null;
}

/** What the public may see of a case: nothing before publication (W-2). */
export function publicCaseView(state: CaseState): Publication | null {
  return state.publication;
}

// ---------------------------------------------------------------------------------------------
// evolve

function updateParticipant(
  state: CaseState,
  orgId: string,
  change: (p: Participant) => Participant,
): CaseState {
  return {
    ...state,
    participants: state.participants.map((p) => (p.orgId === orgId ? change(p) : p)),
  };
}

function newParticipant(orgId: string, at: Instant, nda: Nda | null): Participant {
  return {
    orgId,
    status: "identified",
    nda,
    addedAt: at,
    notifiedAt: null,
    acknowledgedAt: null,
    countermeasures: [],
    statement: null,
    trackingId: null,
    unresponsiveSince: null,
    ladder: null,
    ladderGenerations: 0,
    unreachableListing: null,
  };
}

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  const s = rememberCommand(state, event.commandId);
  switch (event.type) {
    case "case_opened":
      return { ...s, source: event.source, openedAt: event.at, finderConsent: event.finderConsent };
    case "case_status_changed":
      return { ...s, status: event.to };
    case "participant_added":
      return {
        ...s,
        participants: [...s.participants, newParticipant(event.orgId, event.at, event.nda)],
      };
    case "participant_self_reported":
      return {
        ...s,
        firstContactAt: s.firstContactAt ?? event.at,
        participants: [
          ...s.participants,
          {
            ...newParticipant(event.orgId, event.at, event.nda),
            status: "affected",
            notifiedAt: event.at,
            acknowledgedAt: event.at,
          },
        ],
      };
    case "participant_removed":
      return { ...s, participants: s.participants.filter((p) => p.orgId !== event.orgId) };
    case "participant_notified":
      return {
        ...updateParticipant(s, event.orgId, (p) => ({
          ...p,
          status: "notified",
          nda: event.nda,
          notifiedAt: event.at,
        })),
        firstContactAt: s.firstContactAt ?? event.at,
      };
    case "participant_acknowledged":
      return updateParticipant(s, event.orgId, (p) => ({
        ...p,
        status: "acknowledged",
        acknowledgedAt: p.acknowledgedAt ?? event.at,
        unresponsiveSince: null,
      }));
    case "participant_status_reported":
      return updateParticipant(s, event.orgId, (p) => ({
        ...p,
        status: event.to,
        acknowledgedAt: p.acknowledgedAt ?? event.at,
        unresponsiveSince: null,
        statement: event.statementId ? { id: event.statementId, at: event.at } : p.statement,
      }));
    case "participant_marked_unresponsive":
      return updateParticipant(s, event.orgId, (p) => ({
        ...p,
        status: "unresponsive",
        unresponsiveSince: event.at,
      }));
    case "participant_ladder_started":
      return updateParticipant(s, event.orgId, (p) => ({
        ...p,
        ladder: {
          kind: event.ladder,
          generation: event.generation,
          reminders: 0,
          exhaustedAt: null,
        },
        ladderGenerations: event.generation,
      }));
    case "participant_ladder_stopped":
      return updateParticipant(s, event.orgId, (p) => ({ ...p, ladder: null }));
    case "participant_reminder_due":
      return updateParticipant(s, event.orgId, (p) =>
        p.ladder ? { ...p, ladder: { ...p.ladder, reminders: event.step } } : p,
      );
    case "participant_escalation_due":
      return updateParticipant(s, event.orgId, (p) =>
        p.ladder ? { ...p, ladder: { ...p.ladder, exhaustedAt: event.at } } : p,
      );
    case "countermeasure_added":
      return updateParticipant(s, event.orgId, (p) => ({
        ...p,
        countermeasures: [
          ...p.countermeasures,
          { id: event.countermeasureId, type: event.countermeasureType, at: event.at },
        ],
      }));
    case "statement_set":
      return updateParticipant(s, event.orgId, (p) => ({
        ...p,
        statement: { id: event.statementId, at: event.at },
      }));
    case "tracking_id_set":
      return updateParticipant(s, event.orgId, (p) => ({ ...p, trackingId: event.trackingId }));
    case "unreachable_vendor_listed":
      return updateParticipant(s, event.orgId, (p) => ({
        ...p,
        unreachableListing: {
          stage: event.stage,
          nameListedAt: p.unreachableListing?.nameListedAt ?? event.at,
        },
      }));
    case "unreachable_vendor_delisted":
      return updateParticipant(s, event.orgId, (p) => ({ ...p, unreachableListing: null }));
    case "schedule_requested":
      return {
        ...s,
        scheduleRequests: [
          ...s.scheduleRequests,
          {
            id: event.requestId,
            orgId: event.orgId,
            publishAt: event.publishAt,
            reason: event.reason,
            status: "pending",
          },
        ],
      };
    case "schedule_request_decided":
      return {
        ...s,
        scheduleRequests: s.scheduleRequests.map((r) =>
          r.id === event.requestId
            ? { ...r, status: event.decision === "accept" ? "accepted" : "declined" }
            : r,
        ),
      };
    case "schedule_set": {
      const { type: _t, commandId: _c, actor: _a, audience: _au, at, ...revision } = event;
      return {
        ...s,
        schedule: { ...event.new, revision: event.revision },
        scheduleRevisions: [...s.scheduleRevisions, { ...revision, at }],
        csirtProposals: event.csirtProposalId
          ? s.csirtProposals.map((p) =>
              p.id === event.csirtProposalId ? { ...p, status: "used" } : p,
            )
          : s.csirtProposals,
      };
    }
    case "csirt_schedule_proposed":
      return {
        ...s,
        csirtProposals: [
          ...s.csirtProposals,
          {
            id: event.proposalId,
            publishAt: event.publishAt,
            countermeasureDue: event.countermeasureDue,
            reason: event.reason,
            status: "pending",
          },
        ],
      };
    case "csirt_schedule_answered":
      return {
        ...s,
        csirtProposals: s.csirtProposals.map((p) =>
          p.id === event.proposalId
            ? { ...p, status: event.decision === "agree" ? "agreed" : "refused" }
            : p,
        ),
      };
    case "embargo_terminated":
      return { ...s, termination: { reason: event.reason, note: event.note, at: event.at } };
    case "advisory_updated":
      return {
        ...s,
        advisory: {
          status: s.publication ? s.advisory.status : "draft",
          revision: event.revision,
        },
      };
    case "advisory_approved":
      return { ...s, advisory: { status: "approved", revision: event.revision } };
    case "committee_decided":
      return { ...s, committee: { decision: event.decision, at: event.at } };
    case "case_published": {
      const {
        type: _t,
        commandId: _c,
        actor: _a,
        audience: _au,
        on: _on,
        at,
        ...publication
      } = event;
      return { ...s, publication: { ...publication, at } };
    }
    case "case_closed":
      return {
        ...s,
        closure: { reason: event.reason, at: event.at, duplicateOf: event.duplicateOf },
      };
    case "finder_consent_updated":
      return { ...s, finderConsent: event.consent };
    case "direct_contact_requested":
      return {
        ...s,
        directContacts: [
          ...s.directContacts,
          {
            id: event.requestId,
            orgId: event.orgId,
            coordinatorApproved: false,
            intakeApproved: false,
            status: "pending",
          },
        ],
      };
    case "direct_contact_approved":
      return {
        ...s,
        directContacts: s.directContacts.map((d) =>
          d.id !== event.requestId
            ? d
            : event.by === "coordinator"
              ? { ...d, coordinatorApproved: true }
              : { ...d, intakeApproved: true },
        ),
      };
    case "direct_contact_opened":
      return {
        ...s,
        directContacts: s.directContacts.map((d) =>
          d.id === event.requestId ? { ...d, status: "open" } : d,
        ),
      };
    case "direct_contact_closed":
      return {
        ...s,
        directContacts: s.directContacts.map((d) =>
          d.id === event.requestId ? { ...d, status: "closed" } : d,
        ),
      };
    case "referred_to_csirt":
      return { ...s, referrals: [...s.referrals, { csirtOrgId: event.csirtOrgId, at: event.at }] };
    case "timer_set":
      return { ...s, timers: [...s.timers, event.timer], timerSeq: s.timerSeq + 1 };
    case "timer_fired":
      return { ...s, timers: s.timers.filter((t) => t.id !== event.timerId) };
    default:
      return s;
  }
}

// ---------------------------------------------------------------------------------------------
// decide

type Out = Emitter<CaseState, CaseEvent>;

function transitionRefusal(command: CaseCommand, state: CaseState, on: string): Refusal {
  return reject(
    command,
    "transition_not_allowed",
    state.status === null
      ? "the case does not exist"
      : `a case in ${state.status} does not allow ${on.replaceAll("_", " ")}`,
    { state: state.status },
  );
}

function caseStatusChange(out: Out, on: string, to: CaseStatus): void {
  out.emit({
    type: "case_status_changed",
    from: out.state.status,
    to,
    on,
    audience: staff(out.state),
  });
}

function needActive(command: CaseCommand, state: CaseState): Refusal | null {
  return isActive(state) ? null : transitionRefusal(command, state, command.type);
}

function needOpen(command: CaseCommand, state: CaseState): Refusal | null {
  return state.status !== null && !isClosed(state)
    ? null
    : transitionRefusal(command, state, command.type);
}

function participantRefusal(
  command: CaseCommand,
  p: Participant,
  on: string,
  to: ParticipantStatus | null,
): Refusal | null {
  if (allows(participantTransitions, p.status, on, to)) return null;
  return reject(
    command,
    "transition_not_allowed",
    `a participant in ${p.status} does not allow ${on.replaceAll("_", " ")}${to ? ` to ${to}` : ""}`,
    { state: p.status },
  );
}

/** The acting vendor's own participant entry, once it was notified; anything else is forbidden. */
function ownParticipant(command: CaseCommand, state: CaseState): Participant | Refusal {
  const actor = command.actor;
  if (actor.kind !== "vendor") {
    return reject(command, "forbidden", `${command.type} is an action of a participating vendor`);
  }
  const p = participant(state, actor.orgId);
  if (!p || p.status === "identified") {
    return reject(command, "forbidden", "the vendor does not take part in this case");
  }
  return p;
}

function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && (value as Refusal).ok === false;
}

function setTimer(
  out: Out,
  kind: string,
  dueAt: Instant,
  about: { orgId?: string; generation?: number; revision?: number },
): void {
  const id = `${kind}#${out.state.timerSeq + 1}`;
  out.emit({
    type: "timer_set",
    timer: {
      id,
      kind,
      dueAt,
      orgId: about.orgId ?? null,
      generation: about.generation ?? null,
      revision: about.revision ?? null,
    },
    audience: [],
  });
}

/** Starts (or restarts) a participant's reminder ladder, or stops it when nothing is owed. */
function settleLadder(out: Out, orgId: string, policy: WorkflowPolicy, at: Instant): void {
  const p = participant(out.state, orgId);
  if (!p) return;
  const owed: Ladder["kind"] | null = !isActive(out.state)
    ? null
    : p.status === "notified"
      ? "acknowledgement"
      : p.status === "acknowledged" ||
          p.status === "investigating" ||
          (p.status === "affected" && p.countermeasures.length === 0)
        ? "status"
        : null;
  if (owed === null) {
    if (p.ladder) out.emit({ type: "participant_ladder_stopped", orgId, audience: [] });
    return;
  }
  const generation = p.ladderGenerations + 1;
  out.emit({ type: "participant_ladder_started", orgId, ladder: owed, generation, audience: [] });
  const deadline =
    owed === "acknowledgement" ? policy.vendorAcknowledgement : policy.vendorStatusInterval;
  setTimer(
    out,
    owed === "acknowledgement" ? "acknowledgement_due" : "status_due",
    deadlineAfter(at, deadline, policy.calendar),
    { orgId, generation },
  );
}

function setScheduleTimers(out: Out, policy: WorkflowPolicy, at: Instant): void {
  const schedule = out.state.schedule;
  if (!schedule) return;
  const alertAt = addDays(schedule.publishAt, -policy.publicationAlertDays);
  if (alertAt > at) setTimer(out, "publication_alert", alertAt, { revision: schedule.revision });
  setTimer(out, "publication_due", schedule.publishAt, { revision: schedule.revision });
}

function emitSchedule(
  out: Out,
  policy: WorkflowPolicy,
  at: Instant,
  change: {
    new: ScheduleDates;
    reason: string;
    setBy: ScheduleRevision["setBy"];
    requestedBy: ScheduleRequester;
    exceedReason: string | null;
    csirtProposalId: string | null;
  },
): void {
  const old = out.state.schedule;
  out.emit({
    type: "schedule_set",
    revision: (old?.revision ?? 0) + 1,
    old: old ? { publishAt: old.publishAt, countermeasureDue: old.countermeasureDue } : null,
    ...change,
    audience: everyone(out.state),
  });
  setScheduleTimers(out, policy, at);
}

/** Keeps the case status in line with the countermeasures (coordinating ⇄ countermeasure_ready). */
function settleReadiness(out: Out): void {
  const s = out.state;
  if (s.status === "coordinating" && countermeasuresComplete(s)) {
    caseStatusChange(out, "countermeasures_complete", "countermeasure_ready");
  } else if (s.status === "countermeasure_ready" && !countermeasuresComplete(s)) {
    caseStatusChange(out, "countermeasures_incomplete", "coordinating");
  }
}

/**
 * Publishes when the date (or a termination) allows and nothing blocks: the advisory, every
 * vendor statement and countermeasure, and the credit, at one instant, once (R-COO-4, W-3).
 * A publication by the scheduler is dated at the scheduled instant; one that had to wait for
 * the last blocker (or follows a termination) is dated when it happens.
 */
function publishIfReady(out: Out, now: Instant, on: string, viaSchedule: boolean): boolean {
  const s = out.state;
  if (!isActive(s) || s.publication || !publicationDue(s, now)) return false;
  if (publicationBlockers(s).length > 0) return false;
  const publishedAt = s.termination || !viaSchedule || !s.schedule ? now : s.schedule.publishAt;
  out.emit({
    type: "case_published",
    publishedAt,
    statements: s.participants.flatMap((p) =>
      p.statement ? [{ orgId: p.orgId, statementId: p.statement.id }] : [],
    ),
    countermeasures: s.participants.flatMap((p) =>
      p.countermeasures.map((c) => ({ orgId: p.orgId, countermeasureId: c.id })),
    ),
    credit: s.finderConsent?.credit ?? null,
    advisoryRevision: s.advisory.revision,
    terminationReason: s.termination?.reason ?? null,
    on,
    audience: dedupeRecipients([PUBLIC_ADVISORY, ...everyone(s)]),
  });
  caseStatusChange(out, "publish", "published");
  return true;
}

function checkNda(issues: Issues, path: string, nda: unknown): void {
  if (nda === null || nda === undefined) return;
  const n = nda as Partial<Nda>;
  if (typeof n !== "object") {
    issues.add(path, "must be { signedAt, version } or null");
    return;
  }
  issues.instant(`${path}.signedAt`, n.signedAt).text(`${path}.version`, n.version);
}

/** Validates a new schedule (revision or accepted request) against every schedule rule. */
function scheduleRefusal(
  command: CaseCommand,
  state: CaseState,
  policy: WorkflowPolicy,
  dates: ScheduleDates,
  exceedReason: string | null | undefined,
  csirtProposalId: string | null | undefined,
): Refusal | null {
  if (!isActive(state)) return transitionRefusal(command, state, command.type);
  if (state.termination) {
    return reject(
      command,
      "transition_not_allowed",
      "the embargo was terminated; publication is due now",
      {
        state: state.status,
      },
    );
  }
  const issues = new Issues();
  if (dates.publishAt < command.at) issues.add("publishAt", "must not be in the past");
  if (dates.countermeasureDue !== null && dates.countermeasureDue > dates.publishAt) {
    issues.add("countermeasureDue", "must not be after publishAt");
  }
  const current = state.schedule;
  if (
    current &&
    current.publishAt === dates.publishAt &&
    current.countermeasureDue === dates.countermeasureDue
  ) {
    issues.add("publishAt", "is the current schedule already");
  }
  const limit = maxPublishAtWithoutReason(state, policy);
  if (limit && dates.publishAt > limit && !nonEmpty(exceedReason)) {
    issues.add(
      "exceedReason",
      `a publication date after ${limit} (${policy.maxEmbargoDays} days) needs a recorded reason`,
    );
  }
  const bad = issues.refusal(command);
  if (bad) return bad;
  // W-5 / R-COO-9: the CSIRT's date binds unless it agreed to this change.
  if (state.source?.kind === "csirt") {
    const proposal = state.csirtProposals.find((p) => p.id === csirtProposalId);
    if (
      proposal?.status !== "agreed" ||
      proposal.publishAt !== dates.publishAt ||
      proposal.countermeasureDue !== dates.countermeasureDue
    ) {
      return reject(
        command,
        "transition_not_allowed",
        "the overseas CSIRT set this case's date: it must agree to this schedule first",
        { state: state.status },
      );
    }
  }
  return null;
}

function decideFireTimer(
  out: Out,
  command: Extract<CaseCommand, { type: "fire_timer" }>,
  policy: WorkflowPolicy,
): Decision<CaseEvent> {
  const s = out.state;
  const timer = s.timers.find((t) => t.id === command.timerId);
  if (!timer) {
    return reject(command, "transition_not_allowed", `no timer ${command.timerId} is pending`, {
      state: s.status,
    });
  }
  if (command.at < timer.dueAt) {
    return reject(
      command,
      "transition_not_allowed",
      `timer ${timer.id} is not due before ${timer.dueAt}`,
      {
        state: s.status,
      },
    );
  }
  out.emit({ type: "timer_fired", timerId: timer.id, audience: [] });
  const at = command.at;
  switch (timer.kind) {
    case "acknowledgement_due":
    case "status_due":
    case "reminder_due": {
      const p = timer.orgId ? participant(s, timer.orgId) : undefined;
      const ladder = p?.ladder;
      if (
        !p ||
        !ladder ||
        !isActive(s) ||
        ladder.generation !== timer.generation ||
        ladder.exhaustedAt
      ) {
        break;
      }
      if (ladder.reminders < policy.vendorReminders.count) {
        out.emit({
          type: "participant_reminder_due",
          orgId: p.orgId,
          ladder: ladder.kind,
          generation: ladder.generation,
          step: ladder.reminders + 1,
          audience: [COORDINATOR, { kind: "vendor", orgId: p.orgId }],
        });
        setTimer(
          out,
          "reminder_due",
          deadlineAfter(timer.dueAt, policy.vendorReminders.interval, policy.calendar),
          { orgId: p.orgId, generation: ladder.generation },
        );
      } else {
        out.emit({
          type: "participant_escalation_due",
          orgId: p.orgId,
          ladder: ladder.kind,
          generation: ladder.generation,
          audience: [COORDINATOR],
        });
      }
      break;
    }
    case "publication_alert": {
      if (!isActive(s) || s.schedule?.revision !== timer.revision || s.publication) break;
      const problems = publicationBlockers(s);
      const missing = countermeasuresMissing(s);
      if (missing.length > 0) problems.push({ kind: "countermeasures_missing", orgIds: missing });
      if (problems.length > 0) {
        out.emit({ type: "publication_alert", problems, audience: [COORDINATOR] });
      }
      break;
    }
    case "publication_due": {
      if (!isActive(s) || s.schedule?.revision !== timer.revision || s.publication) break;
      if (!publishIfReady(out, at, "publication_due", timer.dueAt === s.schedule.publishAt)) {
        // R-COO-16: a due publication is never skipped silently.
        out.emit({
          type: "publication_overdue",
          problems: publicationBlockers(out.state),
          audience: staff(out.state),
        });
        // … and tried again until it happens or the date is revised.
        setTimer(
          out,
          "publication_due",
          deadlineAfter(at, policy.publicationRetry, policy.calendar),
          {
            revision: timer.revision ?? undefined,
          },
        );
      }
      break;
    }
    default:
      break;
  }
  return out.done();
}

export function decideCase(
  state: CaseState,
  command: CaseCommand,
  policy: WorkflowPolicy,
): Decision<CaseEvent> {
  const envelope = checkEnvelope(command);
  if (envelope) return envelope;
  // W-1: an applied command id is a no-op.
  if (state.commandIds.includes(command.commandId)) return { ok: true, events: [] };
  if (
    state.status === null &&
    !["open_case", "open_csirt_case", "open_self_report"].includes(command.type)
  ) {
    return reject(command, "transition_not_allowed", "the case does not exist", { state: null });
  }
  const out: Out = new Emitter<CaseState, CaseEvent>(state, command, evolveCase);
  const decision = decideRules(out, state, command, policy);
  return decision;
}

function decideRules(
  out: Out,
  state: CaseState,
  command: CaseCommand,
  policy: WorkflowPolicy,
): Decision<CaseEvent> {
  const at = command.at;
  const actor = command.actor;
  switch (command.type) {
    case "open_case": {
      // A follow-up of forwarding a product report (machines.ts).
      const refusal = requireActor(command, "system");
      if (refusal) return refusal;
      const issues = new Issues()
        .text("reportId", command.reportId)
        .text("finderId", command.finderId);
      // W-7: a web report never becomes a product case.
      if (command.reportKind !== "product")
        issues.add("reportKind", "only a product report becomes a case");
      if (command.finderConsent?.kind !== "product")
        issues.add("finderConsent", "must be a product report's consent");
      const bad = issues.refusal(command);
      if (bad) return bad;
      if (!allows(caseTransitions, state.status, "open_case", "triage")) {
        return transitionRefusal(command, state, "open_case");
      }
      out.emit({
        type: "case_opened",
        source: { kind: "report", reportId: command.reportId, finderId: command.finderId },
        finderConsent: command.finderConsent,
        audience: [COORDINATOR, INTAKE],
      });
      caseStatusChange(out, "open_case", "triage");
      if (command.finderConsent.identityToCoordinator) {
        out.emit({ type: "finder_identity_shared", to: [COORDINATOR], audience: [COORDINATOR] });
      }
      return out.done();
    }
    case "open_csirt_case": {
      const refusal = requireActor(command, "csirt");
      if (refusal) return refusal;
      const issues = new Issues().instant("publishAt", command.publishAt);
      if (command.countermeasureDue != null)
        issues.instant("countermeasureDue", command.countermeasureDue);
      if (typeof command.shareWithIntake !== "boolean")
        issues.add("shareWithIntake", "must be true or false");
      if (isInstant(command.publishAt) && command.publishAt < at)
        issues.add("publishAt", "must not be in the past");
      if (
        command.countermeasureDue != null &&
        isInstant(command.publishAt) &&
        command.countermeasureDue > command.publishAt
      ) {
        issues.add("countermeasureDue", "must not be after publishAt");
      }
      const bad = issues.refusal(command);
      if (bad) return bad;
      if (!allows(caseTransitions, state.status, "open_csirt_case", "triage")) {
        return transitionRefusal(command, state, "open_csirt_case");
      }
      const csirtOrgId = actor.kind === "csirt" ? actor.orgId : "";
      out.emit({
        type: "case_opened",
        source: {
          kind: "csirt",
          csirtOrgId,
          shareWithIntake: command.shareWithIntake,
          conditions: command.conditions ?? null,
        },
        finderConsent: null,
        audience: dedupeRecipients([COORDINATOR, { kind: "csirt", orgId: csirtOrgId }]),
      });
      caseStatusChange(out, "open_csirt_case", "triage");
      const limit = maxPublishAtWithoutReason(out.state, policy);
      emitSchedule(out, policy, at, {
        new: { publishAt: command.publishAt, countermeasureDue: command.countermeasureDue ?? null },
        reason: "the overseas CSIRT's date (R-COO-9)",
        setBy: "csirt",
        requestedBy: { kind: "csirt" },
        // A CSIRT's binding date is itself the recorded reason for a long embargo.
        exceedReason:
          limit && command.publishAt > limit ? "the overseas CSIRT's binding date (R-COO-9)" : null,
        csirtProposalId: null,
      });
      return out.done();
    }
    case "open_self_report": {
      const refusal = requireActor(command, "vendor");
      if (refusal) return refusal;
      const issues = new Issues()
        .text("requestId", command.requestId)
        .instant("proposedPublishAt", command.proposedPublishAt);
      checkNda(issues, "nda", command.nda);
      if (!Array.isArray(command.countermeasures) || command.countermeasures.length === 0) {
        issues.add(
          "countermeasures",
          "a self-report comes with at least one countermeasure (R-COO-10)",
        );
      } else {
        command.countermeasures.forEach((c, i) => {
          issues.text(`countermeasures.${i}.countermeasureId`, c.countermeasureId);
          issues.oneOf(`countermeasures.${i}.type`, c.type, ["workaround", "fix"]);
        });
        const ids = command.countermeasures.map((c) => c.countermeasureId);
        if (new Set(ids).size !== ids.length) issues.add("countermeasures", "ids must be distinct");
      }
      if (isInstant(command.proposedPublishAt) && command.proposedPublishAt < at) {
        issues.add("proposedPublishAt", "must not be in the past");
      }
      const bad = issues.refusal(command);
      if (bad) return bad;
      if (!allows(caseTransitions, state.status, "open_self_report", "countermeasure_ready")) {
        return transitionRefusal(command, state, "open_self_report");
      }
      if (!command.nda) {
        return reject(
          command,
          "nda_required",
          "a vendor takes part in coordination only under an NDA (R-COO-2)",
        );
      }
      const orgId = actor.kind === "vendor" ? actor.orgId : "";
      const self: Recipient = { kind: "vendor", orgId };
      out.emit({
        type: "case_opened",
        source: { kind: "self_report", vendorOrgId: orgId },
        finderConsent: null,
        audience: [COORDINATOR, INTAKE],
      });
      caseStatusChange(out, "open_self_report", "countermeasure_ready");
      out.emit({
        type: "participant_self_reported",
        orgId,
        nda: command.nda,
        audience: [COORDINATOR, INTAKE, self],
      });
      for (const c of command.countermeasures) {
        out.emit({
          type: "countermeasure_added",
          orgId,
          countermeasureId: c.countermeasureId,
          countermeasureType: c.type,
          audience: [COORDINATOR, INTAKE, self],
        });
      }
      if (command.statementId) {
        out.emit({
          type: "statement_set",
          orgId,
          statementId: command.statementId,
          audience: [COORDINATOR, INTAKE, self],
        });
      }
      emitSchedule(out, policy, at, {
        new: { publishAt: addDays(at, policy.defaultEmbargoDays), countermeasureDue: null },
        reason: `default: first contact + ${policy.defaultEmbargoDays} days`,
        setBy: "default",
        requestedBy: { kind: "default" },
        exceedReason: null,
        csirtProposalId: null,
      });
      // R-COO-10: the vendor's proposed date is a request; the coordinator decides it (W-5).
      out.emit({
        type: "schedule_requested",
        requestId: command.requestId,
        orgId,
        publishAt: command.proposedPublishAt,
        reason: "proposed in the vendor's self-report",
        audience: [COORDINATOR, self],
      });
      return out.done();
    }
    case "add_participant": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const issues = new Issues().text("orgId", command.orgId);
      checkNda(issues, "nda", command.nda);
      if (command.reason != null && !nonEmpty(command.reason))
        issues.add("reason", "must be non-empty when given");
      if (nonEmpty(command.orgId) && participant(state, command.orgId)) {
        issues.add("orgId", "is a participant of this case already");
      }
      const bad = issues.refusal(command);
      if (bad) return bad;
      if (!(isActive(state) || state.status === "published")) {
        return transitionRefusal(command, state, "add_participant");
      }
      out.emit({
        type: "participant_added",
        orgId: command.orgId,
        nda: command.nda ?? null,
        reason: command.reason ?? null,
        audience: staff(state),
      });
      return out.done();
    }
    case "remove_participant": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const bad = new Issues()
        .text("orgId", command.orgId)
        .text("reason", command.reason)
        .refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      const p = participant(state, command.orgId);
      if (!p)
        return new Issues()
          .add("orgId", "is not a participant of this case")
          .refusal(command) as Refusal;
      const t = participantRefusal(command, p, "remove_participant", null);
      if (t) return t;
      out.emit({
        type: "participant_removed",
        orgId: p.orgId,
        reason: command.reason,
        audience: staff(state),
      });
      publishIfReady(out, at, "remove_participant", false);
      return out.done();
    }
    case "notify_participant": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const issues = new Issues().text("orgId", command.orgId);
      checkNda(issues, "nda", command.nda);
      const bad = issues.refusal(command);
      if (bad) return bad;
      if (!(isActive(state) || state.status === "published")) {
        return transitionRefusal(command, state, "notify_participant");
      }
      const p = participant(state, command.orgId);
      if (!p)
        return new Issues()
          .add("orgId", "is not a participant of this case")
          .refusal(command) as Refusal;
      const t = participantRefusal(command, p, "notify_participant", "notified");
      if (t) return t;
      const nda = command.nda ?? p.nda;
      // R-COO-2 / W-4: no case details before the NDA is recorded.
      if (!nda) {
        return reject(command, "nda_required", "the vendor's NDA is not recorded (R-COO-2)", {
          state: p.status,
        });
      }
      const firstContact = state.firstContactAt === null;
      out.emit({
        type: "participant_notified",
        orgId: p.orgId,
        nda,
        firstContact,
        audience: dedupeRecipients([...staff(state), { kind: "vendor", orgId: p.orgId }]),
      });
      if (state.status === "triage") caseStatusChange(out, "notify_participant", "coordinating");
      // W-6: the first notification fixes firstContactAt and, when no date exists, the default.
      if (firstContact && !out.state.schedule && isActive(out.state)) {
        emitSchedule(out, policy, at, {
          new: { publishAt: addDays(at, policy.defaultEmbargoDays), countermeasureDue: null },
          reason: `default: first contact + ${policy.defaultEmbargoDays} days`,
          setBy: "default",
          requestedBy: { kind: "default" },
          exceedReason: null,
          csirtProposalId: null,
        });
      }
      const vendor: Recipient = { kind: "vendor", orgId: p.orgId };
      if (finderIdentityMayReach(out.state, vendor) && out.state.finderConsent?.identityToVendor) {
        out.emit({ type: "finder_identity_shared", to: [vendor], audience: [vendor] });
      }
      settleLadder(out, p.orgId, policy, at);
      settleReadiness(out);
      publishIfReady(out, at, "notify_participant", false);
      return out.done();
    }
    case "acknowledge": {
      const own = ownParticipant(command, state);
      if (isRefusal(own)) return own;
      const open = needOpen(command, state);
      if (open) return open;
      const t = participantRefusal(command, own, "acknowledge", "acknowledged");
      if (t) return t;
      out.emit({
        type: "participant_acknowledged",
        orgId: own.orgId,
        from: own.status,
        audience: vendorAudience(state, own.orgId),
      });
      answeredAgain(out, own);
      settleLadder(out, own.orgId, policy, at);
      settleReadiness(out);
      publishIfReady(out, at, "acknowledge", false);
      return out.done();
    }
    case "report_status": {
      const own = ownParticipant(command, state);
      if (isRefusal(own)) return own;
      const issues = new Issues().oneOf("status", command.status, [
        "investigating",
        ...VENDOR_VERDICTS,
      ]);
      if (command.statementId != null && !nonEmpty(command.statementId)) {
        issues.add("statementId", "must be non-empty when given");
      }
      const bad = issues.refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      const t = participantRefusal(command, own, "report_status", command.status);
      if (t) return t;
      out.emit({
        type: "participant_status_reported",
        orgId: own.orgId,
        from: own.status,
        to: command.status,
        statementId: command.statementId ?? null,
        audience: vendorAudience(state, own.orgId),
      });
      answeredAgain(out, own);
      settleLadder(out, own.orgId, policy, at);
      settleReadiness(out);
      publishIfReady(out, at, "report_status", false);
      return out.done();
    }
    case "add_countermeasure": {
      const own = ownParticipant(command, state);
      if (isRefusal(own)) return own;
      const issues = new Issues()
        .text("countermeasureId", command.countermeasureId)
        .oneOf("countermeasureType", command.countermeasureType, ["workaround", "fix"]);
      if (own.countermeasures.some((c) => c.id === command.countermeasureId)) {
        issues.add("countermeasureId", "was added already");
      }
      const bad = issues.refusal(command);
      if (bad) return bad;
      if (!(isActive(state) || state.status === "published")) {
        return transitionRefusal(command, state, "add_countermeasure");
      }
      if (own.status !== "affected") {
        return reject(
          command,
          "transition_not_allowed",
          "only an affected vendor provides countermeasures",
          {
            state: own.status,
          },
        );
      }
      out.emit({
        type: "countermeasure_added",
        orgId: own.orgId,
        countermeasureId: command.countermeasureId,
        countermeasureType: command.countermeasureType,
        // R-COO-9: countermeasures are reported back to the CSIRT.
        audience: vendorAudience(state, own.orgId, csirtOf(state)),
      });
      settleLadder(out, own.orgId, policy, at);
      settleReadiness(out);
      return out.done();
    }
    case "set_statement": {
      const own = ownParticipant(command, state);
      if (isRefusal(own)) return own;
      const bad = new Issues().text("statementId", command.statementId).refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      out.emit({
        type: "statement_set",
        orgId: own.orgId,
        statementId: command.statementId,
        audience: vendorAudience(state, own.orgId),
      });
      return out.done();
    }
    case "set_tracking_id": {
      const own = ownParticipant(command, state);
      if (isRefusal(own)) return own;
      const bad = new Issues().text("trackingId", command.trackingId).refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      out.emit({
        type: "tracking_id_set",
        orgId: own.orgId,
        trackingId: command.trackingId,
        audience: [COORDINATOR, { kind: "vendor", orgId: own.orgId }],
      });
      return out.done();
    }
    case "report_others_affected": {
      const own = ownParticipant(command, state);
      if (isRefusal(own)) return own;
      const bad = new Issues()
        .text("vendorName", command.vendorName)
        .text("reason", command.reason)
        .refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      out.emit({
        type: "others_affected_reported",
        orgId: own.orgId,
        vendorName: command.vendorName,
        reason: command.reason,
        audience: [COORDINATOR, { kind: "vendor", orgId: own.orgId }],
      });
      return out.done();
    }
    case "mark_unresponsive": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const bad = new Issues()
        .text("orgId", command.orgId)
        .text("note", command.note)
        .refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      const p = participant(state, command.orgId);
      if (!p)
        return new Issues()
          .add("orgId", "is not a participant of this case")
          .refusal(command) as Refusal;
      const t = participantRefusal(command, p, "mark_unresponsive", "unresponsive");
      if (t) return t;
      out.emit({
        type: "participant_marked_unresponsive",
        orgId: p.orgId,
        from: p.status,
        note: command.note,
        audience: staff(state),
      });
      settleReadiness(out);
      return out.done();
    }
    case "list_unreachable": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const bad = new Issues()
        .text("orgId", command.orgId)
        .oneOf("stage", command.stage, ["name", "product"])
        .text("decision", command.decision)
        .refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      const p = participant(state, command.orgId);
      if (!p)
        return new Issues()
          .add("orgId", "is not a participant of this case")
          .refusal(command) as Refusal;
      if (p.status !== "unresponsive") {
        return reject(command, "transition_not_allowed", "only an unresponsive vendor is listed", {
          state: p.status,
        });
      }
      const listing = p.unreachableListing;
      if (command.stage === "name" ? listing !== null : listing?.stage !== "name") {
        return reject(
          command,
          "transition_not_allowed",
          command.stage === "name"
            ? "the vendor is listed already"
            : "the product is listed after the name",
          { state: p.status },
        );
      }
      if (
        command.stage === "product" &&
        listing &&
        at < addDays(listing.nameListedAt, policy.unreachableProductDelayDays)
      ) {
        return reject(
          command,
          "transition_not_allowed",
          `the product is listed ${policy.unreachableProductDelayDays} days after the name`,
          { state: p.status },
        );
      }
      out.emit({
        type: "unreachable_vendor_listed",
        orgId: p.orgId,
        stage: command.stage,
        decision: command.decision,
        audience: [...staff(state), { kind: "public", channel: "unreachable_list" }],
      });
      return out.done();
    }
    case "request_schedule": {
      const own = ownParticipant(command, state);
      if (isRefusal(own)) return own;
      const issues = new Issues()
        .text("requestId", command.requestId)
        .instant("publishAt", command.publishAt)
        .text("reason", command.reason);
      if (state.scheduleRequests.some((r) => r.id === command.requestId))
        issues.add("requestId", "exists already");
      const bad = issues.refusal(command);
      if (bad) return bad;
      const active = needActive(command, state);
      if (active) return active;
      // W-5: a request changes nothing by itself.
      out.emit({
        type: "schedule_requested",
        requestId: command.requestId,
        orgId: own.orgId,
        publishAt: command.publishAt,
        reason: command.reason,
        audience: [COORDINATOR, { kind: "vendor", orgId: own.orgId }],
      });
      return out.done();
    }
    case "decide_schedule_request": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const bad = new Issues()
        .text("requestId", command.requestId)
        .oneOf("decision", command.decision, ["accept", "decline"])
        .text("reason", command.reason)
        .refusal(command);
      if (bad) return bad;
      const request = state.scheduleRequests.find((r) => r.id === command.requestId);
      if (!request)
        return new Issues()
          .add("requestId", "no such schedule request")
          .refusal(command) as Refusal;
      if (request.status !== "pending") {
        return reject(
          command,
          "transition_not_allowed",
          `the request was ${request.status} already`,
          {
            state: state.status,
          },
        );
      }
      const active = needActive(command, state);
      if (active) return active;
      const vendor: Recipient = { kind: "vendor", orgId: request.orgId };
      if (command.decision === "accept") {
        const dates = {
          publishAt: request.publishAt,
          countermeasureDue: state.schedule?.countermeasureDue ?? null,
        };
        if (dates.countermeasureDue && dates.countermeasureDue > dates.publishAt)
          dates.countermeasureDue = null;
        const refused = scheduleRefusal(
          command,
          state,
          policy,
          dates,
          command.exceedReason,
          command.csirtProposalId,
        );
        if (refused) return refused;
        out.emit({
          type: "schedule_request_decided",
          requestId: request.id,
          orgId: request.orgId,
          decision: "accept",
          reason: command.reason,
          audience: [COORDINATOR, vendor],
        });
        emitSchedule(out, policy, at, {
          new: dates,
          reason: command.reason,
          setBy: "coordinator",
          requestedBy: { kind: "vendor_request", requestId: request.id },
          exceedReason: nonEmpty(command.exceedReason) ? command.exceedReason : null,
          csirtProposalId: command.csirtProposalId ?? null,
        });
        publishIfReady(out, at, "decide_schedule_request", false);
      } else {
        out.emit({
          type: "schedule_request_decided",
          requestId: request.id,
          orgId: request.orgId,
          decision: "decline",
          reason: command.reason,
          audience: [COORDINATOR, vendor],
        });
      }
      return out.done();
    }
    case "revise_schedule": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const issues = new Issues()
        .instant("publishAt", command.publishAt)
        .text("reason", command.reason);
      if (command.countermeasureDue != null)
        issues.instant("countermeasureDue", command.countermeasureDue);
      if (command.exceedReason != null && !nonEmpty(command.exceedReason)) {
        issues.add("exceedReason", "must be non-empty when given");
      }
      const bad = issues.refusal(command);
      if (bad) return bad;
      const dates = {
        publishAt: command.publishAt,
        countermeasureDue: command.countermeasureDue ?? null,
      };
      const refused = scheduleRefusal(
        command,
        state,
        policy,
        dates,
        command.exceedReason,
        command.csirtProposalId,
      );
      if (refused) return refused;
      emitSchedule(out, policy, at, {
        new: dates,
        reason: command.reason,
        setBy: "coordinator",
        requestedBy: { kind: "coordinator" },
        exceedReason: command.exceedReason ?? null,
        csirtProposalId: command.csirtProposalId ?? null,
      });
      publishIfReady(out, at, "revise_schedule", false);
      return out.done();
    }
    case "propose_schedule_to_csirt": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const issues = new Issues()
        .text("proposalId", command.proposalId)
        .instant("publishAt", command.publishAt)
        .text("reason", command.reason);
      if (command.countermeasureDue != null)
        issues.instant("countermeasureDue", command.countermeasureDue);
      if (state.csirtProposals.some((p) => p.id === command.proposalId))
        issues.add("proposalId", "exists already");
      if (state.source && state.source.kind !== "csirt")
        issues.add("proposalId", "only a CSIRT case has a CSIRT to ask");
      const bad = issues.refusal(command);
      if (bad) return bad;
      const active = needActive(command, state);
      if (active) return active;
      out.emit({
        type: "csirt_schedule_proposed",
        proposalId: command.proposalId,
        publishAt: command.publishAt,
        countermeasureDue: command.countermeasureDue ?? null,
        reason: command.reason,
        audience: [COORDINATOR, ...csirtOf(state)],
      });
      return out.done();
    }
    case "answer_schedule_proposal": {
      const refusal = requireActor(command, "csirt");
      if (refusal) return refusal;
      if (
        state.source?.kind !== "csirt" ||
        actor.kind !== "csirt" ||
        actor.orgId !== state.source.csirtOrgId
      ) {
        return reject(
          command,
          "forbidden",
          "only the CSIRT that opened the case answers its proposals",
        );
      }
      const bad = new Issues()
        .text("proposalId", command.proposalId)
        .oneOf("decision", command.decision, ["agree", "refuse"])
        .refusal(command);
      if (bad) return bad;
      const proposal = state.csirtProposals.find((p) => p.id === command.proposalId);
      if (!proposal)
        return new Issues().add("proposalId", "no such proposal").refusal(command) as Refusal;
      if (proposal.status !== "pending") {
        return reject(
          command,
          "transition_not_allowed",
          `the proposal was ${proposal.status} already`,
          {
            state: state.status,
          },
        );
      }
      const active = needActive(command, state);
      if (active) return active;
      out.emit({
        type: "csirt_schedule_answered",
        proposalId: proposal.id,
        decision: command.decision,
        note: command.note ?? "",
        audience: [COORDINATOR, ...csirtOf(state)],
      });
      return out.done();
    }
    case "terminate_embargo": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const bad = new Issues()
        .oneOf("reason", command.reason, TERMINATION_REASONS)
        .refusal(command);
      if (bad) return bad;
      const active = needActive(command, state);
      if (active) return active;
      if (state.termination) {
        return reject(command, "transition_not_allowed", "the embargo was terminated already", {
          state: state.status,
        });
      }
      out.emit({
        type: "embargo_terminated",
        reason: command.reason,
        note: typeof command.note === "string" ? command.note : "",
        audience: everyone(state),
      });
      if (!publishIfReady(out, at, "terminate_embargo", false)) {
        out.emit({
          type: "publication_overdue",
          problems: publicationBlockers(out.state),
          audience: staff(out.state),
        });
      }
      return out.done();
    }
    case "update_advisory": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const open = needOpen(command, state);
      if (open) return open;
      out.emit({
        type: "advisory_updated",
        revision: state.advisory.revision + 1,
        audience: state.publication ? [...staff(state), PUBLIC_ADVISORY] : staff(state),
      });
      return out.done();
    }
    case "approve_advisory": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const active = needActive(command, state);
      if (active) return active;
      if (state.advisory.status !== "draft") {
        return reject(
          command,
          "transition_not_allowed",
          state.advisory.status === "none"
            ? "there is no advisory draft to approve"
            : "the advisory is approved already",
          { state: state.status },
        );
      }
      out.emit({
        type: "advisory_approved",
        revision: state.advisory.revision,
        audience: staff(state),
      });
      publishIfReady(out, at, "approve_advisory", false);
      return out.done();
    }
    case "record_committee_decision": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const bad = new Issues()
        .oneOf("decision", command.decision, ["publish", "do_not_publish"])
        .text("summary", command.summary)
        .refusal(command);
      if (bad) return bad;
      const active = needActive(command, state);
      if (active) return active;
      out.emit({
        type: "committee_decided",
        decision: command.decision,
        summary: command.summary,
        audience: staff(state),
      });
      publishIfReady(out, at, "record_committee_decision", false);
      return out.done();
    }
    case "close_case": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const issues = new Issues()
        .oneOf("reason", command.reason, CASE_CLOSE_REASONS)
        .text("message", command.message);
      if (command.duplicateOf != null && command.reason !== "duplicate") {
        issues.add("duplicateOf", "is only for the reason duplicate");
      }
      const bad = issues.refusal(command);
      if (bad) return bad;
      const on = `close (${command.reason})`;
      const to: CaseStatus =
        command.reason === "no_action" ? "closed_no_action" : "closed_duplicate";
      if (!allows(caseTransitions, state.status, on, to))
        return transitionRefusal(command, state, "close");
      out.emit({
        type: "case_closed",
        reason: command.reason,
        message: command.message,
        duplicateOf: command.duplicateOf ?? null,
        // R-COO-7: the desk, the vendors and the finder are told why.
        audience: everyone(state),
      });
      caseStatusChange(out, on, to);
      return out.done();
    }
    case "complete_case": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      if (!allows(caseTransitions, state.status, "complete_case", "closed")) {
        return transitionRefusal(command, state, "complete_case");
      }
      out.emit({
        type: "case_closed",
        reason: "completed",
        message: "",
        duplicateOf: null,
        audience: staff(state),
      });
      caseStatusChange(out, "complete_case", "closed");
      return out.done();
    }
    case "post_message":
      return decideMessage(out, state, command);
    case "update_finder_consent": {
      const refusal = requireActor(command, "system");
      if (refusal) return refusal;
      const c = command.consent as Partial<ProductConsent> | undefined;
      const issues = new Issues();
      if (c?.kind !== "product") issues.add("consent", "must be a product report's consent");
      else
        for (const flag of [
          "identityToCoordinator",
          "identityToVendor",
          "directContact",
        ] as const) {
          if (typeof c[flag] !== "boolean") issues.add(`consent.${flag}`, "must be true or false");
        }
      if (state.source && state.source.kind !== "report")
        issues.add("consent", "this case has no finder on record");
      const bad = issues.refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      out.emit({
        type: "finder_consent_updated",
        consent: command.consent,
        audience: staff(state),
      });
      if (!command.consent.directContact) {
        for (const d of state.directContacts.filter((d) => d.status !== "closed")) {
          out.emit({
            type: "direct_contact_closed",
            requestId: d.id,
            orgId: d.orgId,
            reason: "the finder withdrew consent to direct contact",
            audience: [COORDINATOR, INTAKE, { kind: "vendor", orgId: d.orgId }],
          });
        }
      }
      return out.done();
    }
    case "share_finder_identity": {
      const refusal = requireActor(command, "intake");
      if (refusal) return refusal;
      const bad = new Issues().text("to", command.to).refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      const to: Recipient =
        command.to === "coordinator" ? COORDINATOR : { kind: "vendor", orgId: command.to };
      // W-8: the finder's identity reaches a party only under the recorded consent.
      if (!finderIdentityMayReach(state, to)) {
        return reject(
          command,
          "forbidden",
          "the finder did not consent to share their identity with that party",
        );
      }
      out.emit({ type: "finder_identity_shared", to: [to], audience: [to] });
      return out.done();
    }
    case "request_direct_contact": {
      const own = ownParticipant(command, state);
      if (isRefusal(own)) return own;
      const issues = new Issues()
        .text("requestId", command.requestId)
        .text("reason", command.reason);
      if (state.directContacts.some((d) => d.id === command.requestId))
        issues.add("requestId", "exists already");
      if (state.source?.kind !== "report")
        issues.add("requestId", "this case has no finder on record");
      const bad = issues.refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      out.emit({
        type: "direct_contact_requested",
        requestId: command.requestId,
        orgId: own.orgId,
        reason: command.reason,
        audience: [COORDINATOR, INTAKE, { kind: "vendor", orgId: own.orgId }],
      });
      return out.done();
    }
    case "approve_direct_contact": {
      const refusal = requireActor(command, "coordinator", "intake");
      if (refusal) return refusal;
      const bad = new Issues().text("requestId", command.requestId).refusal(command);
      if (bad) return bad;
      const request = state.directContacts.find((d) => d.id === command.requestId);
      if (!request)
        return new Issues().add("requestId", "no such request").refusal(command) as Refusal;
      const open = needOpen(command, state);
      if (open) return open;
      const by = actor.kind === "coordinator" ? "coordinator" : "intake";
      if (
        request.status !== "pending" ||
        (by === "coordinator" ? request.coordinatorApproved : request.intakeApproved)
      ) {
        return reject(
          command,
          "transition_not_allowed",
          "the request is not waiting for this approval",
          {
            state: state.status,
          },
        );
      }
      // R-COO-6: only when the finder consented.
      if (!state.finderConsent?.directContact) {
        return reject(command, "forbidden", "the finder did not consent to direct contact");
      }
      out.emit({
        type: "direct_contact_approved",
        requestId: request.id,
        by,
        audience: [COORDINATOR, INTAKE],
      });
      const approved = out.state.directContacts.find((d) => d.id === request.id);
      if (approved?.coordinatorApproved && approved.intakeApproved) {
        const vendor: Recipient = { kind: "vendor", orgId: request.orgId };
        out.emit({
          type: "direct_contact_opened",
          requestId: request.id,
          orgId: request.orgId,
          audience: [COORDINATOR, INTAKE, vendor, FINDER],
        });
        if (finderIdentityMayReach(out.state, vendor)) {
          out.emit({ type: "finder_identity_shared", to: [vendor], audience: [vendor] });
        }
      }
      return out.done();
    }
    case "refer_to_csirt": {
      const refusal = requireActor(command, "coordinator");
      if (refusal) return refusal;
      const bad = new Issues()
        .text("csirtOrgId", command.csirtOrgId)
        .text("note", command.note)
        .refusal(command);
      if (bad) return bad;
      const active = needActive(command, state);
      if (active) return active;
      // R-COO-12: without the finder's identity (it is shared only by share_finder_identity).
      out.emit({
        type: "referred_to_csirt",
        csirtOrgId: command.csirtOrgId,
        note: command.note,
        audience: [COORDINATOR, { kind: "csirt", orgId: command.csirtOrgId }],
      });
      return out.done();
    }
    case "fire_timer": {
      const refusal = requireActor(command, "system");
      if (refusal) return refusal;
      const bad = new Issues().text("timerId", command.timerId).refusal(command);
      if (bad) return bad;
      return decideFireTimer(out, command, policy);
    }
    default: {
      const unknown = command as { type: string };
      return reject(unknown, "invalid_input", `unknown command ${unknown.type}`, {
        details: [{ path: "type", message: "is not a case command" }],
      });
    }
  }
}

/** An unresponsive vendor that answers leaves the list of unreachable vendors (R-COO-8). */
function answeredAgain(out: Out, before: Participant): void {
  if (before.status === "unresponsive" && before.unreachableListing) {
    out.emit({
      type: "unreachable_vendor_delisted",
      orgId: before.orgId,
      audience: [...staff(out.state), { kind: "public", channel: "unreachable_list" }],
    });
  }
}

/**
 * Messages (R-COO-5): a vendor writes to the coordinator (or, over an open direct contact, to
 * the finder); the coordinator addresses one vendor, all vendors, the desk or the CSIRT. A
 * vendor's message never reaches another vendor: relaying is the coordinator writing anew.
 */
function decideMessage(
  out: Out,
  state: CaseState,
  command: Extract<CaseCommand, { type: "post_message" }>,
): Decision<CaseEvent> {
  const bad = new Issues().text("messageId", command.messageId).refusal(command);
  if (bad) return bad;
  const actor = command.actor;
  const to = command.to ?? "coordinator";
  let audience: Recipient[];
  let authorOrgId: string | null = null;
  switch (actor.kind) {
    case "coordinator": {
      if (to === "vendors") audience = [COORDINATOR, ...informedVendors(state)];
      else if (to === "intake") {
        if (!intakeTakesPart(state)) {
          return new Issues()
            .add("to", "the intake desk does not take part in this case")
            .refusal(command) as Refusal;
        }
        audience = [COORDINATOR, INTAKE];
      } else if (to === "csirt") {
        if (state.source?.kind !== "csirt") {
          return new Issues().add("to", "this case has no CSIRT").refusal(command) as Refusal;
        }
        audience = [COORDINATOR, ...csirtOf(state)];
      } else {
        const p = participant(state, to);
        if (!p)
          return new Issues()
            .add("to", "is not a participant of this case")
            .refusal(command) as Refusal;
        if (p.status === "identified") {
          return p.nda
            ? reject(command, "transition_not_allowed", "notify the vendor before writing to it", {
                state: p.status,
              })
            : reject(command, "nda_required", "the vendor's NDA is not recorded (R-COO-2)", {
                state: p.status,
              });
        }
        audience = [COORDINATOR, { kind: "vendor", orgId: p.orgId }];
      }
      break;
    }
    case "vendor": {
      const own = ownParticipant(command, state);
      if (isRefusal(own)) return own;
      authorOrgId = own.orgId;
      const self: Recipient = { kind: "vendor", orgId: own.orgId };
      if (to === "coordinator") audience = [COORDINATOR, self];
      else if (to === "finder") {
        if (!state.directContacts.some((d) => d.orgId === own.orgId && d.status === "open")) {
          return reject(
            command,
            "forbidden",
            "direct contact with the finder is not open for this vendor",
          );
        }
        audience = [COORDINATOR, self, FINDER];
      } else {
        return reject(command, "forbidden", "a vendor writes to the coordinator only (R-COO-5)");
      }
      break;
    }
    case "intake":
      if (!intakeTakesPart(state))
        return reject(command, "forbidden", "the intake desk does not take part in this case");
      if (to !== "coordinator")
        return new Issues()
          .add("to", "the desk writes to the coordinator")
          .refusal(command) as Refusal;
      audience = [INTAKE, COORDINATOR];
      break;
    case "csirt":
      if (state.source?.kind !== "csirt" || actor.orgId !== state.source.csirtOrgId) {
        return reject(command, "forbidden", "only the CSIRT that opened the case writes on it");
      }
      if (to !== "coordinator")
        return new Issues()
          .add("to", "the CSIRT writes to the coordinator")
          .refusal(command) as Refusal;
      audience = [COORDINATOR, ...csirtOf(state)];
      break;
    case "finder": {
      if (state.source?.kind !== "report" || actor.userId !== state.source.finderId) {
        return reject(command, "forbidden", "only the case's finder writes on it");
      }
      const contact = state.directContacts.find((d) => d.orgId === to && d.status === "open");
      if (!contact)
        return reject(command, "forbidden", "direct contact with that vendor is not open");
      audience = [COORDINATOR, FINDER, { kind: "vendor", orgId: contact.orgId }];
      break;
    }
    default:
      return reject(command, "forbidden", `a ${actor.kind} does not write on cases`);
  }
  const open = needOpen(command, state);
  if (open) return open;
  out.emit({
    type: "message_posted",
    messageId: command.messageId,
    to,
    authorOrgId,
    audience: dedupeRecipients(audience),
  });
  return out.done();
}
