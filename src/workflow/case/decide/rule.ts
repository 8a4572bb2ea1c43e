/**
 * What the product case's rules are written with. Staff and system commands use `rule`
 * (rules.ts); a participating vendor acting on its own entry uses `ownParticipantRule`; the
 * coordinator acting on the participant a command names uses `namedParticipantRule`. Each runs
 * the checks before the business logic in the order the refusals come: who, input, status,
 * participant.
 */
import {
  type Decision,
  type Emitter,
  type Issues,
  invalidField,
  isRefusal,
  notAllowed,
  type Refusal,
  reject,
  statusRefusal,
} from "../../common.ts";
import {
  actorRefusal,
  type Check,
  type InputCheck,
  inputRefusal,
  type Rule,
  type RuleContext,
  type RuleTable,
  type Senders,
} from "../../rules.ts";
import { allows } from "../../transitions.ts";
import { isActive, isClosed, participant } from "../queries.ts";
import {
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type CaseStatus,
  caseTransitions,
  type Nda,
  type Participant,
  type ParticipantStatus,
  participantTransitions,
} from "../types.ts";

export type Out = Emitter<CaseState, CaseEvent>;
export type CaseRule<C extends CaseCommand> = Rule<CaseState, C, CaseEvent>;
export type CaseRules = RuleTable<CaseState, CaseCommand, CaseEvent>;
export type CaseContext<C extends CaseCommand> = RuleContext<CaseState, C, CaseEvent>;

/** A check of the case's status, for any of its commands. */
export type Gate = Check<CaseState, CaseCommand>;

export function transitionRefusal(command: CaseCommand, state: CaseState, on: string): Refusal {
  return statusRefusal(command, "case", state.status, on.replaceAll("_", " "));
}

/** The case status may move on this trigger to that status (caseTransitions). */
export function caseMove(on: string, to: CaseStatus): Gate {
  return (command, state) =>
    allows(caseTransitions, state.status, on, to) ? null : transitionRefusal(command, state, on);
}

/** The case exists and is not closed (a published case takes most commands still). */
export const caseOpen: Gate = (command, state) =>
  state.status !== null && !isClosed(state)
    ? null
    : transitionRefusal(command, state, command.type);

/** The case is before publication and not closed. */
export const caseActive: Gate = (command, state) =>
  isActive(state) ? null : transitionRefusal(command, state, command.type);

export const caseActiveOrPublished: Gate = (command, state) =>
  isActive(state) || state.status === "published"
    ? null
    : transitionRefusal(command, state, command.type);

function participantRefusal(
  command: CaseCommand,
  p: Participant,
  to: ParticipantStatus | null,
): Refusal | null {
  const on = command.type;
  if (allows(participantTransitions, p.status, on, to)) return null;
  return notAllowed(
    command,
    `a participant in ${p.status} does not allow ${on.replaceAll("_", " ")}${to ? ` to ${to}` : ""}`,
    p.status,
  );
}

/** The acting vendor's own participant entry, once it was notified; anything else is forbidden. */
export function ownParticipant(command: CaseCommand, state: CaseState): Participant | Refusal {
  const actor = command.actor;
  if (actor.kind !== "vendor") {
    return reject(command, "forbidden", `${command.type} is an action of a participating vendor`);
  }
  const p = participant(state, actor.orgId);
  if (!p || p.status === "identified") {
    return reject(command, "forbidden", "the vendor does not take part in this case");
  }
  return p;
}

/** As RuleSpec (rules.ts): the command type comes from the table the rule is written in. */
interface ParticipantRuleSpec<C extends CaseCommand> {
  when?: NoInfer<Check<CaseState, C>>;
  /** The status the command moves the participant to, as participantTransitions allows. */
  moves?: NoInfer<(command: C) => ParticipantStatus | null>;
}

/** A participating vendor's command about its own entry (`own` in the context). */
export function ownParticipantRule<C extends CaseCommand>(
  spec: ParticipantRuleSpec<C> & {
    check?: NoInfer<(command: C, state: CaseState, own: Participant) => Issues | Refusal | null>;
    decide: (context: CaseContext<C> & { own: Participant }) => Decision<CaseEvent>;
  },
): CaseRule<C> {
  return (context) => {
    const { command, state } = context;
    const own = ownParticipant(command, state);
    if (isRefusal(own)) return own;
    return (
      inputRefusal(spec.check?.(command, state, own) ?? null, command) ??
      spec.when?.(command, state) ??
      (spec.moves ? participantRefusal(command, own, spec.moves(command)) : null) ??
      spec.decide({ ...context, own })
    );
  };
}

/** A command about the participant its `orgId` names (`participant` in the context). */
export function namedParticipantRule<C extends CaseCommand & { orgId: string }>(
  spec: ParticipantRuleSpec<C> & {
    by: NoInfer<Senders<CaseState, C>>;
    check?: NoInfer<InputCheck<CaseState, C>>;
    decide: (context: CaseContext<C> & { participant: Participant }) => Decision<CaseEvent>;
  },
): CaseRule<C> {
  return (context) => {
    const { command, state } = context;
    const before =
      actorRefusal(spec.by, command, state) ??
      inputRefusal(spec.check?.(command, state) ?? null, command) ??
      spec.when?.(command, state);
    if (before) return before;
    const p = participant(state, command.orgId);
    if (!p) {
      return invalidField(command, "orgId", "is not a participant of this case");
    }
    return (
      (spec.moves ? participantRefusal(command, p, spec.moves(command)) : null) ??
      spec.decide({ ...context, participant: p })
    );
  };
}

export function checkNda(issues: Issues, path: string, nda: unknown): void {
  if (nda === null || nda === undefined) return;
  const n = nda as Partial<Nda>;
  if (typeof n !== "object") {
    issues.add(path, "must be { signedAt, version } or null");
    return;
  }
  issues.instant(`${path}.signedAt`, n.signedAt).text(`${path}.version`, n.version);
}
