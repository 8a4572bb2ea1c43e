/** How each event changes a product case's state (no decisions here: the events were decided). */
import {
  type Instant,
  rememberCommand,
  replaceById,
  withContactStatus,
  withoutTimer,
  withTimer,
} from "../common.ts";
import type { CaseEvent, CaseState, Nda, Participant } from "./types.ts";

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
        scheduleRequests: replaceById(s.scheduleRequests, event.requestId, (r) => ({
          ...r,
          status: event.decision === "accept" ? "accepted" : "declined",
        })),
      };
    case "schedule_set": {
      const { type: _t, commandId: _c, actor: _a, audience: _au, at, ...revision } = event;
      return {
        ...s,
        schedule: { ...event.new, revision: event.revision },
        scheduleRevisions: [...s.scheduleRevisions, { ...revision, at }],
        csirtProposals: event.csirtProposalId
          ? replaceById(s.csirtProposals, event.csirtProposalId, (p) => ({ ...p, status: "used" }))
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
        csirtProposals: replaceById(s.csirtProposals, event.proposalId, (p) => ({
          ...p,
          status: event.decision === "agree" ? "agreed" : "refused",
        })),
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
        directContacts: replaceById(s.directContacts, event.requestId, (d) =>
          event.by === "coordinator"
            ? { ...d, coordinatorApproved: true }
            : { ...d, intakeApproved: true },
        ),
      };
    case "direct_contact_opened":
      return withContactStatus(s, event.requestId, "open");
    case "direct_contact_closed":
      return withContactStatus(s, event.requestId, "closed");
    case "referred_to_csirt":
      return { ...s, referrals: [...s.referrals, { csirtOrgId: event.csirtOrgId, at: event.at }] };
    case "timer_set":
      return withTimer(s, event.timer);
    case "timer_fired":
      return withoutTimer(s, event.timerId);
    default:
      return s;
  }
}
