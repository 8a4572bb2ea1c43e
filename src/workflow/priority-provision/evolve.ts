/** How each event changes a priority provision's state. */
import { rememberCommand } from "../common.ts";
import type { PriorityProvisionEvent, PriorityProvisionState } from "./types.ts";

export function initialPriorityProvision(id: string): PriorityProvisionState {
  return {
    id,
    commandIds: [],
    status: null,
    caseId: null,
    reason: null,
    sectors: [],
    recipientOrgIds: [],
    parties: [],
    agreements: [],
    finderNotifiedAt: null,
    packages: [],
    startedAt: null,
    sentAt: null,
    endedAt: null,
    endReason: null,
    stoppedAt: null,
  };
}

export function evolvePriorityProvision(
  state: PriorityProvisionState,
  event: PriorityProvisionEvent,
): PriorityProvisionState {
  const s = rememberCommand(state, event.commandId);
  switch (event.type) {
    case "priority_provision_started":
      return {
        ...s,
        caseId: event.caseId,
        reason: event.reason,
        sectors: event.sectors,
        recipientOrgIds: event.recipientOrgIds,
        parties: event.parties,
        startedAt: event.at,
      };
    case "priority_status_changed":
      return { ...s, status: event.to };
    case "priority_agreement_recorded":
      return {
        ...s,
        agreements: [
          ...s.agreements,
          { party: event.party, decision: event.decision, reason: event.reason, at: event.at },
        ],
      };
    case "priority_finder_notified":
      return { ...s, finderNotifiedAt: event.at };
    case "priority_package_added":
      return {
        ...s,
        packages: [...s.packages, { id: event.packageId, kind: event.kind, at: event.at }],
      };
    case "priority_provision_sent":
      return { ...s, sentAt: event.at };
    case "priority_access_ended":
      return { ...s, endedAt: event.at, endReason: event.reason };
    case "priority_provision_stopped":
      return { ...s, stoppedAt: event.at };
    default:
      return s;
  }
}
