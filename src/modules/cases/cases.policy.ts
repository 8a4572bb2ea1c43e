import { type CaseState, intakeTakesPart, participant } from "../../workflow/case/index.ts";
import type { Recipient, WorkflowActor } from "../../workflow/common.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";

/**
 * Who looks at a case, as the workflow names its audiences: the coordinator, the intake desk,
 * one vendor (its own participation only) or the CSIRT that opened it. Null: the caller may not
 * know the case exists (404).
 */
export type CaseViewer = Extract<
  Recipient,
  { kind: "coordinator" | "intake" | "vendor" | "csirt" }
>;

export function isCoordinatorStaff(actor: Actor): actor is UserActor {
  return isSignedIn(actor) && actor.organization?.type === "coordinator";
}

/**
 * The viewer the actor is for this case. `assigned` says whether a vendor member is assigned to
 * the case inside its organization (R-SEC-6; admins always are) — the caller looks it up.
 */
export function caseViewer(actor: Actor, state: CaseState, assigned: boolean): CaseViewer | null {
  if (!isSignedIn(actor) || !actor.organization || state.status === null) return null;
  const org = actor.organization;
  switch (org.type) {
    case "coordinator":
      return { kind: "coordinator" };
    case "intake":
      return intakeTakesPart(state) ? { kind: "intake" } : null;
    case "vendor": {
      // A vendor knows of a case from its notification on (W-4), and only its assigned people.
      const own = participant(state, org.id);
      if (!own || own.status === "identified" || !assigned) return null;
      return { kind: "vendor", orgId: org.id };
    }
    case "csirt": {
      const opened = state.source?.kind === "csirt" && state.source.csirtOrgId === org.id;
      const referred = state.referrals.some((r) => r.csirtOrgId === org.id);
      return opened || referred ? { kind: "csirt", orgId: org.id } : null;
    }
    default:
      return null;
  }
}

/**
 * R-SEC-1: staff see queue metadata; the report's full content (text, methods, the finder as
 * consented) and the case's messages need assignment to the case — or the coordinator's admin
 * role, as the desk's admins have for reports. Other viewers are limited by what they are.
 */
export function mayReadCaseContent(
  actor: Actor,
  viewer: CaseViewer,
  caseRow: { assignee_user_id: string | null },
): boolean {
  if (viewer.kind !== "coordinator") return true;
  return isSignedIn(actor) && (actor.role === "admin" || caseRow.assignee_user_id === actor.userId);
}

/** The workflow's name for the actor; the machines decide what each kind may do. */
export function workflowActorFor(actor: UserActor): WorkflowActor | null {
  const org = actor.organization;
  if (!org) return null;
  switch (org.type) {
    case "coordinator":
      return { kind: "coordinator", userId: actor.userId };
    case "intake":
      return { kind: "intake", userId: actor.userId };
    case "vendor":
      return { kind: "vendor", userId: actor.userId, orgId: org.id };
    case "csirt":
      return { kind: "csirt", userId: actor.userId, orgId: org.id };
    default:
      return null;
  }
}

/** The audience key of a viewer, as stored with each message ("|vendor:<id>|"). */
export function audienceKey(recipient: Recipient): string {
  switch (recipient.kind) {
    case "vendor":
    case "csirt":
      return `${recipient.kind}:${recipient.orgId}`;
    case "site_operator":
      return `site_operator:${recipient.orgId ?? ""}`;
    case "public":
      return `public:${recipient.channel}`;
    default:
      return recipient.kind;
  }
}

/** Members of these organizations open cases of their own (CSIRT intake, self-report). */
export function mayOpenCase(actor: Actor): actor is UserActor {
  return (
    isSignedIn(actor) &&
    (actor.organization?.type === "csirt" || actor.organization?.type === "vendor")
  );
}
