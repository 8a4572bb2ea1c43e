/**
 * Transition tables: the one statement of which status changes a machine allows, on which
 * command or trigger. The deciders look every status change up here, the unit tests walk the
 * tables, and docs/workflow.md's diagrams are compared with them.
 */
export interface Transition<S extends string> {
  /** null: the aggregate does not exist yet (`[*]` in a diagram). */
  from: S | null;
  /** null: the thing leaves the machine (a participant removed), `[*]` in a diagram. */
  to: S | null;
  /** The command or internal trigger, as the diagram labels the arrow. */
  on: string;
}

export type TransitionTable<S extends string> = readonly Transition<S>[];

export function allows<S extends string>(
  table: TransitionTable<S>,
  from: S | null,
  on: string,
  to: S | null,
): boolean {
  return table.some((t) => t.from === from && t.on === on && t.to === to);
}

/** The targets a trigger may lead to from a status. */
export function targets<S extends string>(
  table: TransitionTable<S>,
  from: S | null,
  on: string,
): (S | null)[] {
  return table.filter((t) => t.from === from && t.on === on).map((t) => t.to);
}

/** Builds the rows `from × to` for one trigger. */
export function edges<S extends string>(
  from: readonly (S | null)[],
  on: string,
  to: readonly (S | null)[],
): Transition<S>[] {
  return from.flatMap((f) => to.map((t) => ({ from: f, to: t, on })));
}

export interface NamedTable {
  /** The heading's id in docs/workflow.md. */
  name: string;
  table: TransitionTable<string>;
}
