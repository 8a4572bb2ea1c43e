/**
 * What several rules set off after their own events: the case status that follows from the
 * participants, the participants' reminder ladders, a new schedule and its timers, and the
 * publication that happens as soon as nothing blocks it.
 */
import {
  addDays,
  dedupeRecipients,
  type Instant,
  nextTimer,
  PUBLIC_ADVISORY,
} from "../../common.ts";
import { deadlineAfter, type WorkflowPolicy } from "../../policy.ts";
import { everyone, staff } from "../audiences.ts";
import {
  countermeasuresComplete,
  isActive,
  participant,
  publicationBlockers,
  publicationDue,
} from "../queries.ts";
import type {
  CaseStatus,
  Ladder,
  Participant,
  ScheduleDates,
  ScheduleRequester,
  ScheduleRevision,
} from "../types.ts";
import type { Out } from "./rule.ts";

export function caseStatusChange(out: Out, on: string, to: CaseStatus): void {
  out.emit({
    type: "case_status_changed",
    from: out.state.status,
    to,
    on,
    audience: staff(out.state),
  });
}

export function setTimer(
  out: Out,
  kind: string,
  dueAt: Instant,
  about: { orgId?: string; generation?: number; revision?: number },
): void {
  out.emit({ type: "timer_set", timer: nextTimer(out.state, kind, dueAt, about), audience: [] });
}

/** Starts (or restarts) a participant's reminder ladder, or stops it when nothing is owed. */
export function settleLadder(out: Out, orgId: string, policy: WorkflowPolicy, at: Instant): void {
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

export function emitSchedule(
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

/** W-6: the default date, first contact plus the policy's default embargo. */
export function emitDefaultSchedule(out: Out, policy: WorkflowPolicy, at: Instant): void {
  emitSchedule(out, policy, at, {
    new: { publishAt: addDays(at, policy.defaultEmbargoDays), countermeasureDue: null },
    reason: `default: first contact + ${policy.defaultEmbargoDays} days`,
    setBy: "default",
    requestedBy: { kind: "default" },
    exceedReason: null,
    csirtProposalId: null,
  });
}

/** Keeps the case status in line with the countermeasures (coordinating ⇄ countermeasure_ready). */
export function settleReadiness(out: Out): void {
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
export function publishIfReady(out: Out, now: Instant, on: string, viaSchedule: boolean): boolean {
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

/** R-COO-16: a due publication that cannot happen is never skipped silently. */
export function reportOverdue(out: Out): void {
  out.emit({
    type: "publication_overdue",
    problems: publicationBlockers(out.state),
    audience: staff(out.state),
  });
}

/** An unresponsive vendor that answers leaves the list of unreachable vendors (R-COO-8). */
export function answeredAgain(out: Out, before: Participant): void {
  if (before.status === "unresponsive" && before.unreachableListing) {
    out.emit({
      type: "unreachable_vendor_delisted",
      orgId: before.orgId,
      audience: [...staff(out.state), { kind: "public", channel: "unreachable_list" }],
    });
  }
}

/** After a participant's status changed: its ladder, the case status, a publication now due. */
export function settleParticipant(
  out: Out,
  orgId: string,
  policy: WorkflowPolicy,
  at: Instant,
  on: string,
): void {
  settleLadder(out, orgId, policy, at);
  settleReadiness(out);
  publishIfReady(out, at, on, false);
}
