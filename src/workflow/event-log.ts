/**
 * The workflow events of one aggregate type, read across aggregates: what the statistics, the
 * effectiveness checks and the simulation count (ARCHITECTURE principle 3: nothing parses log
 * text). The store remains the only writer.
 */
import type { Executor } from "../platform/db/database.ts";
import type { AggregateType, EventOf } from "./machines.ts";

export interface LoggedEvent<A extends AggregateType> {
  aggregateId: string;
  version: number;
  event: EventOf<A>;
}

/**
 * The events of these types on aggregates of this type, by aggregate and then in order. Each
 * event's `at` is the instant its command carried (the virtual clock's, in a simulation).
 */
export async function readEvents<A extends AggregateType, T extends EventOf<A>["type"]>(
  executor: Executor,
  aggregate: A,
  types: readonly T[],
): Promise<LoggedEvent<A>[]> {
  if (types.length === 0) return [];
  const rows = await executor
    .selectFrom("workflow_events")
    .select(["aggregate_id", "version", "data"])
    .where("aggregate_type", "=", aggregate)
    .where("type", "in", types as readonly string[])
    .orderBy("aggregate_id")
    .orderBy("version")
    .execute();
  return rows.map((row) => ({
    aggregateId: row.aggregate_id,
    version: Number(row.version),
    event: JSON.parse(row.data) as EventOf<A>,
  }));
}
