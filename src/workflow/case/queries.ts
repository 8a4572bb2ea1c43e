/**
 * What can be read off a product case's state: its phase, its participants, who may learn the
 * finder's identity, what blocks publication. Pure; the presenters use them as well as the rules.
 */
import { addDays, type Instant, type Recipient } from "../common.ts";
import type { WorkflowPolicy } from "../policy.ts";
import {
  ACTIVE_CASE_STATUSES,
  type CaseState,
  type Participant,
  type Publication,
  type PublicationProblem,
} from "./types.ts";

export function isActive(state: CaseState): boolean {
  return (
    state.status !== null && (ACTIVE_CASE_STATUSES as readonly string[]).includes(state.status)
  );
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
