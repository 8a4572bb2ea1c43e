/**
 * All aggregates in memory, with the follow-ups between them: what the store does in a
 * transaction, without a database. The property tests drive it; the simulation (R-SIM-1) can run
 * synthetic scenarios through it with a virtual clock.
 */
import type { Decision } from "./common.ts";
import {
  type AggregateType,
  type AnyEvent,
  type CommandOf,
  type EventOf,
  FollowUpRejectedError,
  followUpApplied,
  followUpOnlyRejection,
  followUps,
  machineFor,
  type StateOf,
} from "./machines.ts";
import type { WorkflowPolicy } from "./policy.ts";

export interface LoggedEvent {
  aggregate: AggregateType;
  id: string;
  event: AnyEvent;
}

export class World {
  private readonly states = new Map<string, unknown>();
  readonly log: LoggedEvent[] = [];

  constructor(readonly policy: WorkflowPolicy) {}

  state<A extends AggregateType>(aggregate: A, id: string): StateOf<A> {
    const found = this.states.get(`${aggregate}:${id}`) as StateOf<A> | undefined;
    return found ?? machineFor(aggregate).initial(id);
  }

  ids(aggregate: AggregateType): string[] {
    return [...this.states.keys()]
      .filter((key) => key.startsWith(`${aggregate}:`))
      .map((key) => key.slice(aggregate.length + 1));
  }

  /**
   * Decides and applies a command, then its follow-ups, all or nothing: a refused follow-up
   * refuses the command (as a transaction would roll back). Returns the command's own decision.
   */
  execute<A extends AggregateType>(
    aggregate: A,
    id: string,
    command: CommandOf<A>,
  ): Decision<EventOf<A>> {
    const followUpOnly = followUpOnlyRejection(command);
    if (followUpOnly) return { ok: false, rejection: followUpOnly };
    return this.transactionally(() => this.apply(aggregate, id, command));
  }

  /** Runs a command as a follow-up does (the path the store's follow-ups take). */
  executeAsFollowUp<A extends AggregateType>(
    aggregate: A,
    id: string,
    command: CommandOf<A>,
  ): Decision<EventOf<A>> {
    return this.transactionally(() => this.apply(aggregate, id, command));
  }

  private transactionally<E>(work: () => Decision<E>): Decision<E> {
    const saved = new Map(this.states);
    const logged = this.log.length;
    try {
      return work();
    } catch (error) {
      if (!(error instanceof FollowUpRejectedError)) throw error;
      this.states.clear();
      for (const [key, value] of saved) this.states.set(key, value);
      this.log.length = logged;
      return { ok: false, rejection: error.commandRejection };
    }
  }

  private apply<A extends AggregateType>(
    aggregate: A,
    id: string,
    command: CommandOf<A>,
  ): Decision<EventOf<A>> {
    const machine = machineFor(aggregate);
    const before = this.state(aggregate, id);
    const decision = machine.decide(before, command, this.policy);
    if (!decision.ok || decision.events.length === 0) return decision;
    let after = before;
    for (const event of decision.events) {
      after = machine.evolve(after, event);
      this.log.push({ aggregate, id, event: event as AnyEvent });
    }
    this.states.set(`${aggregate}:${id}`, after);
    for (const next of followUps(aggregate, id, after, decision.events)) {
      followUpApplied(
        next,
        this.apply(next.aggregate, next.id, next.command as CommandOf<AggregateType>),
      );
    }
    return decision;
  }
}
