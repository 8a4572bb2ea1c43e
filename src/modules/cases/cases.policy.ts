import type { Recipient, WorkflowActor } from "../../workflow/common.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";

/**
 * Who looks at a case, as the workflow names its audiences: the coordinator, the intake desk,
 * one vendor (its own participation only) or a CSIRT (that opened it or was referred to it).
 * Whether a caller may see a case at all is cases.visibility.ts.
 */
export type CaseViewer = Extract<
  Recipient,
  { kind: "coordinator" | "intake" | "vendor" | "csirt" }
>;

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

/** R-SEC-6: a vendor's admins choose which of its members see a case. */
export function canAssignCaseMembers(actor: UserActor): boolean {
  return actor.role === "admin";
}
