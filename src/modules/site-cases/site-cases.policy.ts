import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import { canReadReportContent, isIntakeStaff, type ReportRef } from "../reports/reports.policy.ts";

import { canViewSiteCase, type SiteCaseRef } from "./site-cases.visibility.ts";

export { canViewSiteCase, isIntakeStaff, type SiteCaseRef };

/** A member (any role) of the site case's operator organization. */
export function isOperatorMember(actor: Actor, siteCase: SiteCaseRef): boolean {
  return (
    isSignedIn(actor) &&
    actor.organization?.type === "site_operator" &&
    siteCase.operator_organization_id !== null &&
    actor.organization.id === siteCase.operator_organization_id
  );
}

export function isOperatorAdmin(actor: Actor, siteCase: SiteCaseRef): boolean {
  return isOperatorMember(actor, siteCase) && actor.kind === "user" && actor.role === "admin";
}

/** The operator's actions (acknowledge, result, leak notice, analysis answers, messages). */
export function canActAsOperator(actor: Actor, siteCase: SiteCaseRef, assigned: boolean): boolean {
  return isOperatorMember(actor, siteCase) && canViewSiteCase(actor, siteCase, assigned);
}

/** The desk's actions on the case (mark unreachable, close, ask for analysis). */
export function canActAsDesk(actor: Actor): boolean {
  return isIntakeStaff(actor);
}

/**
 * The confidential side of a site case for the desk — the report's text, the finder's identity,
 * the desk ⇄ operator messages — follows the report's own rule: the desk member assigned to
 * the report, and the desk's admins (R-SEC-1).
 */
export function deskMayReadConfidential(actor: Actor, report: ReportRef): boolean {
  return isIntakeStaff(actor) && canReadReportContent(actor, report);
}

/**
 * R-WEB-3: the desk's analysts analyse a web report only with the operator's permission, so an
 * analyst reads its text only once the operator granted an analysis request (not the finder's
 * identity, nor the desk ⇄ operator messages).
 */
export function analystMayReadReport(actor: Actor, analysisGranted: boolean): boolean {
  return isIntakeStaff(actor) && actor.role === "analyst" && analysisGranted;
}

/** Which members of the operator see the case: its admin decides. */
export function canAssignMembers(actor: Actor, siteCase: SiteCaseRef): boolean {
  return isOperatorAdmin(actor, siteCase);
}

/** A claim link can go to an existing organization only through one of its admins. */
export function canClaimForOrganization(actor: Actor): actor is UserActor {
  return (
    isSignedIn(actor) && actor.organization?.type === "site_operator" && actor.role === "admin"
  );
}
