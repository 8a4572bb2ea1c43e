/**
 * Who may know that a report exists, written once: the queue and "my reports" filter with
 * `whereVisible` in SQL, opening one report selects with it too, and `canViewReport` is the same
 * rule for a row already in hand — all three read `reportAudience`, so a report is listed
 * exactly when it can be opened (reports.visibility.test.ts checks it for every kind of caller).
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import { isIntakeStaff, type ReportRef } from "./reports.policy.ts";

/**
 * - the intake desk (any role): every report, its queue;
 * - any other signed-in user: the reports they filed, as their finder;
 * - anyone else (anonymous, the shell): none.
 */
export type ReportAudience =
  | { kind: "desk" }
  | { kind: "finder"; userId: string }
  | { kind: "nobody" };

export function reportAudience(actor: Actor): ReportAudience {
  if (!isSignedIn(actor)) return { kind: "nobody" };
  const { userId } = actor;
  if (isIntakeStaff(actor)) return { kind: "desk" };
  return { kind: "finder", userId };
}

/** The reports the caller may know exist, as one SQL condition on `reports`. */
export function whereVisible(
  eb: ExpressionBuilder<Database, "reports">,
  actor: Actor,
): Expression<SqlBool> {
  const audience = reportAudience(actor);
  switch (audience.kind) {
    case "desk":
      return sql<SqlBool>`1 = 1`;
    case "finder":
      return eb("reports.finder_user_id", "=", audience.userId);
    case "nobody":
      return sql<SqlBool>`1 = 0`;
  }
}

/** The same rule for a report already loaded. */
export function canViewReport(actor: Actor, report: Pick<ReportRef, "finder_user_id">): boolean {
  const audience = reportAudience(actor);
  switch (audience.kind) {
    case "desk":
      return true;
    case "finder":
      return report.finder_user_id === audience.userId;
    case "nobody":
      return false;
  }
}
