/** What can be read off a priority provision's state, and who its events reach. */
import {
  COORDINATOR,
  dedupeRecipients,
  INTAKE,
  type Recipient,
  type WorkflowActor,
} from "../common.ts";
import { type PriorityParty, type PriorityProvisionState, partyKey } from "./types.ts";

/** The party an actor speaks for in this provision, if any. */
export function partyOf(state: PriorityProvisionState, actor: WorkflowActor): PriorityParty | null {
  if (actor.kind === "coordinator") return { kind: "coordinator" };
  if (actor.kind === "vendor") {
    return state.parties.find((p) => p.kind === "vendor" && p.orgId === actor.orgId) ?? null;
  }
  return null;
}

export function hasAnswered(state: PriorityProvisionState, party: PriorityParty): boolean {
  const key = partyKey(party);
  return state.agreements.some((a) => partyKey(a.party) === key);
}

/** Every party agreed (none objected, none is missing). */
export function everyoneAgreed(state: PriorityProvisionState): boolean {
  return state.parties.every((party) =>
    state.agreements.some((a) => partyKey(a.party) === partyKey(party) && a.decision === "agree"),
  );
}

/** R-PRI-2: every agreement and the finder's notice are recorded. */
export function readyToSend(state: PriorityProvisionState): boolean {
  return everyoneAgreed(state) && state.finderNotifiedAt !== null;
}

/** R-PRI-3: recipients may read packages only while the provision is sent and not ended. */
export function packagesReadable(state: PriorityProvisionState): boolean {
  return state.status === "sent" && state.endedAt === null;
}

/** The desk, the coordinator and the case's vendors asked for agreement. */
export function consulted(state: PriorityProvisionState): Recipient[] {
  return dedupeRecipients([
    INTAKE,
    COORDINATOR,
    ...state.parties.flatMap((p): Recipient[] =>
      p.kind === "vendor" ? [{ kind: "vendor", orgId: p.orgId }] : [],
    ),
  ]);
}
