/** What can be read off a web-application case's state, and who its events reach. */
import { dedupeRecipients, INTAKE, type Recipient } from "../common.ts";
import type { SiteCaseState } from "./types.ts";

export function siteCaseIsOpen(state: SiteCaseState): boolean {
  return state.status !== null && state.status !== "closed";
}

export function operatorRecipient(state: SiteCaseState): Recipient {
  return { kind: "site_operator", orgId: state.operator?.orgId ?? null };
}

/** The desk and the operator: who most of a site case's events reach. */
export function parties(state: SiteCaseState): Recipient[] {
  return dedupeRecipients([INTAKE, operatorRecipient(state)]);
}

/** W-8: whether the finder's identity may reach a party under the consent recorded now. */
export function finderIdentityMayReachSite(state: SiteCaseState, recipient: Recipient): boolean {
  if (recipient.kind === "intake" || recipient.kind === "finder") return true;
  if (recipient.kind !== "site_operator" || !state.finderConsent || !state.operator) return false;
  if (recipient.orgId !== state.operator.orgId) return false;
  return (
    state.finderConsent.identityToOperator ||
    (state.finderConsent.directContact && state.directContacts.some((d) => d.status === "open"))
  );
}
