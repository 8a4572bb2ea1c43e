/**
 * Who a product case's events reach (W-4, R-COO-5): the staff, the informed vendors, the CSIRT
 * that opened it and the finder that reported it. The rules pick from these, so that no vendor
 * is reached by another vendor's content before publication.
 */
import {
  COORDINATOR,
  dedupeRecipients,
  FINDER,
  INTAKE,
  PUBLIC_ADVISORY,
  type Recipient,
} from "../common.ts";
import { informedVendors, intakeTakesPart } from "./queries.ts";
import type { CaseState } from "./types.ts";

export function staff(state: CaseState): Recipient[] {
  return intakeTakesPart(state) ? [COORDINATOR, INTAKE] : [COORDINATOR];
}

export function csirtOf(state: CaseState): Recipient[] {
  return state.source?.kind === "csirt" ? [{ kind: "csirt", orgId: state.source.csirtOrgId }] : [];
}

function finderOf(state: CaseState): Recipient[] {
  return state.source?.kind === "report" ? [FINDER] : [];
}

/** Everyone taking part who is told of schedule changes and publication. */
export function everyone(state: CaseState): Recipient[] {
  return dedupeRecipients([
    ...staff(state),
    ...informedVendors(state),
    ...csirtOf(state),
    ...finderOf(state),
  ]);
}

export function vendorAudience(
  state: CaseState,
  orgId: string,
  extra: Recipient[] = [],
): Recipient[] {
  const publicToo = state.publication ? [PUBLIC_ADVISORY] : [];
  return dedupeRecipients([...staff(state), { kind: "vendor", orgId }, ...extra, ...publicToo]);
}
