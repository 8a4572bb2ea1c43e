/**
 * `kakehashi replay --check`: rebuilds every current-state row from the events alone and reports
 * every difference (state, status, version), every gap in the numbering, every state row
 * without events and every aggregate whose events have no state row.
 */
import type { Db } from "../platform/db/database.ts";
import { type AggregateType, isAggregateType, machineFor } from "./machines.ts";

export type ReplayProblem =
  | "state_differs"
  | "status_differs"
  | "version_differs"
  | "version_gap"
  | "missing_state_row"
  | "state_row_without_events"
  | "unknown_aggregate_type";

export interface ReplayDifference {
  aggregateType: string;
  aggregateId: string;
  problem: ReplayProblem;
  detail: string;
  /** For state_differs: the first differing paths with both values. */
  paths?: { path: string; stored: unknown; replayed: unknown }[];
}

export interface ReplayReport {
  ok: boolean;
  aggregates: number;
  events: number;
  differences: ReplayDifference[];
}

const MAX_PATHS = 10;

/** The paths at which two JSON values differ (object key order does not matter). */
export function jsonDifferences(
  stored: unknown,
  replayed: unknown,
  path = "",
  found: { path: string; stored: unknown; replayed: unknown }[] = [],
): { path: string; stored: unknown; replayed: unknown }[] {
  if (found.length >= MAX_PATHS) return found;
  const bothObjects =
    typeof stored === "object" &&
    stored !== null &&
    typeof replayed === "object" &&
    replayed !== null;
  if (bothObjects && Array.isArray(stored) === Array.isArray(replayed)) {
    const keys = Array.isArray(stored)
      ? [...Array(Math.max(stored.length, (replayed as unknown[]).length)).keys()].map(String)
      : [...new Set([...Object.keys(stored), ...Object.keys(replayed as object)])].sort();
    for (const key of keys) {
      jsonDifferences(
        (stored as Record<string, unknown>)[key],
        (replayed as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
        found,
      );
    }
    return found;
  }
  if (stored !== replayed) found.push({ path: path || "(root)", stored, replayed });
  return found;
}

export async function checkReplay(db: Db): Promise<ReplayReport> {
  const stateRows = await db
    .selectFrom("workflow_states")
    .select(["aggregate_id", "aggregate_type"])
    .execute();
  const eventAggregates = await db
    .selectFrom("workflow_events")
    .select(["aggregate_id", "aggregate_type"])
    .distinct()
    .execute();
  const aggregates = new Map<string, string>();
  for (const row of [...stateRows, ...eventAggregates])
    aggregates.set(row.aggregate_id, row.aggregate_type);

  const report: ReplayReport = {
    ok: true,
    aggregates: aggregates.size,
    events: 0,
    differences: [],
  };
  const differ = (difference: ReplayDifference) => {
    report.ok = false;
    report.differences.push(difference);
  };
  for (const [aggregateId, aggregateType] of [...aggregates].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const where = { aggregateType, aggregateId };
    if (!isAggregateType(aggregateType)) {
      differ({
        ...where,
        problem: "unknown_aggregate_type",
        detail: `no machine for ${aggregateType}`,
      });
      continue;
    }
    const machine = machineFor(aggregateType as AggregateType);
    const rows = await db
      .selectFrom("workflow_events")
      .select(["version", "data", "aggregate_type"])
      .where("aggregate_id", "=", aggregateId)
      .orderBy("version")
      .execute();
    report.events += rows.length;
    const stateRow = await db
      .selectFrom("workflow_states")
      .selectAll()
      .where("aggregate_id", "=", aggregateId)
      .executeTakeFirst();
    if (rows.length === 0) {
      differ({
        ...where,
        problem: "state_row_without_events",
        detail: "a state row exists but no event",
      });
      continue;
    }
    const gap = rows.findIndex((row, index) => Number(row.version) !== index + 1);
    if (gap >= 0) {
      differ({
        ...where,
        problem: "version_gap",
        detail: `event ${gap + 1} is missing (found version ${rows[gap]?.version})`,
      });
      continue;
    }
    let state: unknown = machine.initial(aggregateId);
    for (const row of rows) {
      state = (machine.evolve as (s: unknown, e: unknown) => unknown)(state, JSON.parse(row.data));
    }
    if (!stateRow) {
      differ({
        ...where,
        problem: "missing_state_row",
        detail: `${rows.length} events but no state row`,
      });
      continue;
    }
    if (Number(stateRow.version) !== rows.length) {
      differ({
        ...where,
        problem: "version_differs",
        detail: `the state row is at version ${stateRow.version}; the events end at ${rows.length}`,
      });
    }
    const replayed = JSON.parse(JSON.stringify(state));
    const paths = jsonDifferences(JSON.parse(stateRow.state), replayed);
    if (paths.length > 0) {
      differ({
        ...where,
        problem: "state_differs",
        detail: `the stored state differs from the replayed one at ${paths.map((p) => p.path).join(", ")}`,
        paths,
      });
    }
    const status = (machine.status as (s: unknown) => string | null)(state);
    if ((stateRow.status ?? null) !== status) {
      differ({
        ...where,
        problem: "status_differs",
        detail: `the status column says ${stateRow.status}; the events say ${status}`,
      });
    }
  }
  return report;
}
