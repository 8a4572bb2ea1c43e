/**
 * What the web-application case's rules are written with: the gates on its status, the check
 * that the sender is this site's operator, and the steps several rules share (a status change,
 * the operator's reminder ladder, sharing the finder's identity as consented).
 */
import {
  type Emitter,
  type Instant,
  nextTimer,
  type Refusal,
  reject,
  statusRefusal,
} from "../../common.ts";
import type { Check, RuleTable } from "../../rules.ts";
import { allows } from "../../transitions.ts";
import { operatorRecipient, parties, siteCaseIsOpen } from "../queries.ts";
import {
  type SiteCaseCommand,
  type SiteCaseEvent,
  type SiteCaseState,
  type SiteCaseStatus,
  siteCaseTransitions,
} from "../types.ts";

export type Out = Emitter<SiteCaseState, SiteCaseEvent>;
export type SiteCaseRules = RuleTable<SiteCaseState, SiteCaseCommand, SiteCaseEvent>;

/** A check for any of the site case's commands. */
export type SiteGate = Check<SiteCaseState, SiteCaseCommand>;

export function transitionRefusal(
  command: SiteCaseCommand,
  state: SiteCaseState,
  on: string,
): Refusal {
  return statusRefusal(command, "site case", state.status, on);
}

/** The site case exists and is not closed. */
export const siteCaseOpen: SiteGate = (command, state) =>
  siteCaseIsOpen(state) ? null : transitionRefusal(command, state, command.type);

/** The status may move on this trigger to that status (siteCaseTransitions). */
export function siteMove(on: string, to: SiteCaseStatus): SiteGate {
  return (command, state) =>
    allows(siteCaseTransitions, state.status, on, to)
      ? null
      : transitionRefusal(command, state, on);
}

/** The sender is this site's operator. */
export const ownOperator: SiteGate = (command, state) => {
  const actor = command.actor;
  if (actor.kind !== "site_operator")
    return reject(command, "forbidden", `${command.type} is the site operator's action`);
  if (!state.operator?.orgId || state.operator.orgId !== actor.orgId) {
    return reject(command, "forbidden", "the organization is not this site's operator");
  }
  return null;
};

export function statusChange(out: Out, on: string, to: SiteCaseStatus): void {
  out.emit({
    type: "site_case_status_changed",
    from: out.state.status,
    to,
    on,
    audience: parties(out.state),
  });
}

export function stopLadder(out: Out): void {
  if (out.state.ladder) out.emit({ type: "operator_ladder_stopped", audience: [] });
}

export function setTimer(out: Out, kind: string, dueAt: Instant, generation: number): void {
  out.emit({
    type: "timer_set",
    timer: nextTimer(out.state, kind, dueAt, { generation }),
    audience: [],
  });
}

export function shareIdentityIfConsented(out: Out): void {
  const operator = operatorRecipient(out.state);
  if (
    operator.kind === "site_operator" &&
    operator.orgId &&
    out.state.finderConsent?.identityToOperator
  ) {
    out.emit({ type: "finder_identity_shared", to: [operator], audience: [operator] });
  }
}
