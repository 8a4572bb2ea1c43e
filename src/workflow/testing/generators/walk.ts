/** Walking a world's log with the states around each event, for the invariant tests. */
import type { AggregateType, AnyEvent } from "../../machines.ts";

export interface Walked {
  index: number;
  aggregate: AggregateType;
  id: string;
  event: AnyEvent;
  /** The aggregate's state before and after this event. */
  before: unknown;
  after: unknown;
  /** Every aggregate's state before this event (keyed `aggregate:id`). */
  states: ReadonlyMap<string, unknown>;
}

/** Folds the world's log in order, giving each event with the states around it. */
export function* walk(
  log: readonly { aggregate: AggregateType; id: string; event: AnyEvent }[],
  evolve: (aggregate: AggregateType, state: unknown, event: AnyEvent) => unknown,
  initial: (aggregate: AggregateType, id: string) => unknown,
): Generator<Walked> {
  const states = new Map<string, unknown>();
  for (const [index, entry] of log.entries()) {
    const key = `${entry.aggregate}:${entry.id}`;
    const before = states.has(key) ? states.get(key) : initial(entry.aggregate, entry.id);
    const after = evolve(entry.aggregate, before, entry.event);
    yield {
      index,
      aggregate: entry.aggregate,
      id: entry.id,
      event: entry.event,
      before,
      after,
      states: new Map(states),
    };
    states.set(key, after);
  }
}
