import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";

/** What the rules need to know of a report. */
export interface ReportRef {
  finder_user_id: string;
  assignee_user_id: string | null;
}

/** A member of the intake desk (any role: member, analyst, admin). */
export function isIntakeStaff(actor: Actor): actor is UserActor {
  return isSignedIn(actor) && actor.organization?.type === "intake";
}

/** A member of the intake desk who runs it (admin or member), not an analyst. */
export function isDeskStaff(actor: Actor): actor is UserActor {
  return isIntakeStaff(actor) && (actor.role === "admin" || actor.role === "member");
}

/** An analyst of the intake desk (R-ANA-1). */
export function isIntakeAnalyst(actor: Actor): actor is UserActor {
  return isIntakeStaff(actor) && actor.role === "analyst";
}

/**
 * Full content (text, attack and verification methods, messages) only for the finder, the
 * desk member assigned to the report and the desk's admins (R-SEC-1); an organization role
 * elsewhere never grants it.
 */
export function canReadReportContent(actor: Actor, report: ReportRef): boolean {
  if (!isSignedIn(actor)) return false;
  if (report.finder_user_id === actor.userId) return true;
  return (
    isIntakeStaff(actor) && (actor.role === "admin" || report.assignee_user_id === actor.userId)
  );
}
