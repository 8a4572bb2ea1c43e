/**
 * How every machine decides a command: the checks all commands go through first (the envelope,
 * W-1's no-op for an applied id, a command on an aggregate that does not exist), then the one
 * rule for its type, looked up in a table the type checker keeps complete.
 *
 * A rule written with `rule({ by, check, when, decide })` states who may send the command, what
 * its input must be, which statuses allow it, and then only its business logic — in that order,
 * which is also the order of the refusals (forbidden, invalid_input, transition_not_allowed).
 */
import {
  type ActorKind,
  type CommandBase,
  checkEnvelope,
  type Decision,
  Emitter,
  type EventMeta,
  type Instant,
  Issues,
  type Refusal,
  reject,
  requireActor,
  type StateBase,
  statusRefusal,
} from "./common.ts";
import type { WorkflowPolicy } from "./policy.ts";

export interface RuleContext<S, C, E extends EventMeta> {
  command: C;
  /** The state before the command; `out.state` follows the events emitted so far. */
  state: S;
  out: Emitter<S, E>;
  policy: WorkflowPolicy;
  at: Instant;
}

export type Rule<S, C, E extends EventMeta> = (context: RuleContext<S, C, E>) => Decision<E>;

/** One rule per command type: a command without a rule does not type-check. */
export type RuleTable<S, C extends CommandBase, E extends EventMeta> = {
  [K in C["type"]]: Rule<S, Extract<C, { type: K }>, E>;
};

/** A check of a command against the state: a refusal, or null to go on. */
export type Check<S, C> = (command: C, state: S) => Refusal | null;

/** An input check: the problems found (invalid_input), a refusal, or null. */
export type InputCheck<S, C> = (command: C, state: S) => Issues | Refusal | null;

/** Who may send a command: actor kinds, or a check of the actor against the state. */
export type Senders<S, C> = ActorKind | readonly ActorKind[] | Check<S, C>;

/**
 * A rule's parts. Only the table a rule is written in says which command it takes (`NoInfer`):
 * a shared check such as "the case is open" is written for all of the machine's commands.
 */
export interface RuleSpec<S, C extends CommandBase, E extends EventMeta> {
  by?: NoInfer<Senders<S, C>>;
  /** The command's input. */
  check?: NoInfer<InputCheck<S, C>>;
  /** Whether the aggregate's status allows the command. */
  when?: NoInfer<Check<S, C>>;
  decide: Rule<S, C, E>;
}

export function actorRefusal<S, C extends CommandBase>(
  by: Senders<S, C> | undefined,
  command: C,
  state: S,
): Refusal | null {
  if (by === undefined) return null;
  if (typeof by === "function") return by(command, state);
  return requireActor(command, ...(typeof by === "string" ? [by] : by));
}

export function inputRefusal<C extends CommandBase>(
  found: Issues | Refusal | null,
  command: C,
): Refusal | null {
  return found instanceof Issues ? found.refusal(command) : found;
}

export function rule<S, C extends CommandBase, E extends EventMeta>(
  spec: RuleSpec<S, C, E>,
): Rule<S, C, E> {
  return (context) => {
    const { command, state } = context;
    return (
      actorRefusal(spec.by, command, state) ??
      inputRefusal(spec.check?.(command, state) ?? null, command) ??
      spec.when?.(command, state) ??
      spec.decide(context)
    );
  };
}

export interface Decider<S, C extends CommandBase, E extends EventMeta> {
  /** How refusals name the aggregate: "case", "site case", "report". */
  noun: string;
  /** The commands that create the aggregate; any other needs it to exist. */
  opening: readonly C["type"][];
  evolve(state: S, event: E): S;
  rules: RuleTable<S, C, E>;
}

export function decideByRules<
  S extends StateBase & { status: string | null },
  C extends CommandBase,
  E extends EventMeta,
>(decider: Decider<S, C, E>, state: S, command: C, policy: WorkflowPolicy): Decision<E> {
  const envelope = checkEnvelope(command);
  if (envelope) return envelope;
  // W-1: an applied command id is a no-op.
  if (state.commandIds.includes(command.commandId)) return { ok: true, events: [] };
  if (state.status === null && !decider.opening.includes(command.type)) {
    return statusRefusal(command, decider.noun, null, command.type);
  }
  // The rule under a command's type takes that command (RuleTable says so, per key).
  const rules = decider.rules as unknown as Record<string, Rule<S, C, E> | undefined>;
  const found = Object.hasOwn(rules, command.type) ? rules[command.type] : undefined;
  if (!found) {
    return reject(command, "invalid_input", `unknown command ${command.type}`, {
      details: [{ path: "type", message: `is not a ${decider.noun} command` }],
    });
  }
  const out = new Emitter<S, E>(state, command, decider.evolve);
  return found({ command, state, out, policy, at: command.at });
}
