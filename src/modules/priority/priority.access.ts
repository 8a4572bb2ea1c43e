/**
 * Who is who to a priority provision: the intake desk (which starts and sends it), the
 * coordinator and the case's vendors (whose agreement it needs), the case's finder (told
 * beforehand, and of when and to which sectors afterwards) and the recipients (who read).
 */
import type { Executor } from "../../platform/db/database.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import type { WorkflowActor } from "../../workflow/common.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import { isAssignedToCase } from "../access/case-membership.ts";

export function isCoordinator(actor: Actor): actor is UserActor {
  return isSignedIn(actor) && actor.organization?.type === "coordinator";
}

export function isRecipient(actor: Actor): actor is UserActor {
  return isSignedIn(actor) && actor.organization?.type === "priority_recipient";
}

/** The case has been published or has ended: pre-release is over (or never to be). */
export function caseIsPublic(state: CaseState): boolean {
  return (
    state.publication !== null ||
    state.status === "published" ||
    state.status === "closed" ||
    state.closure !== null
  );
}

export function isFinderOf(actor: Actor, state: CaseState): boolean {
  return (
    isSignedIn(actor) &&
    actor.organization === null &&
    state.source?.kind === "report" &&
    state.source.finderId === actor.userId
  );
}

/** A member of one of the case's vendors, assigned to the case (R-SEC-6). */
export async function vendorOrgOf(
  executor: Executor,
  actor: Actor,
  state: CaseState,
): Promise<string | null> {
  if (!isSignedIn(actor) || actor.organization?.type !== "vendor") return null;
  const orgIds = state.participants.map((p) => p.orgId);
  return (await isAssignedToCase(executor, actor, state.id, orgIds)) ? actor.organization.id : null;
}

/** The workflow actor a caller acts as on a provision. */
export function workflowActorOf(actor: UserActor): WorkflowActor {
  const type = actor.organization?.type;
  if (type === "intake") return { kind: "intake", userId: actor.userId };
  if (type === "coordinator") return { kind: "coordinator", userId: actor.userId };
  if (type === "vendor" && actor.organization)
    return { kind: "vendor", userId: actor.userId, orgId: actor.organization.id };
  return { kind: "finder", userId: actor.userId };
}
