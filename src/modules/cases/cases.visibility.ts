import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { Database } from "../../platform/db/schema.ts";
import { notFound, unauthenticated } from "../../platform/http/problem.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import { type CaseViewer, mayReadCaseContent } from "./cases.policy.ts";
import type { CaseRow } from "./cases.repository.ts";

/**
 * Which cases a signed-in caller may know exist, written once as one SQL condition: the list
 * filters with it and opening one case (`loadVisibleCase`) selects with it, so a case is listed
 * exactly when it can be opened.
 * - the coordinator: every case;
 * - the intake desk: every case but a CSIRT's that keeps it out (R-COO-9);
 * - a vendor: the cases it was notified of (W-4), and for a member who is not an admin only those
 *   it is assigned to (R-SEC-6);
 * - a CSIRT: the cases it opened or was referred to (R-COO-9);
 * - anyone else: none.
 */
export function caseVisibleTo(
  eb: ExpressionBuilder<Database, "cases">,
  actor: UserActor,
): Expression<SqlBool> {
  const org = actor.organization;
  switch (org?.type) {
    case "coordinator":
      return sql<SqlBool>`1 = 1`;
    case "intake":
      return eb.or([eb("cases.source", "!=", "csirt"), eb("cases.share_with_intake", "=", 1)]);
    case "vendor": {
      const notified = eb.exists(
        eb
          .selectFrom("case_participants")
          .select("case_participants.case_id")
          .whereRef("case_participants.case_id", "=", "cases.id")
          .where("case_participants.organization_id", "=", org.id)
          .where("case_participants.status", "!=", "identified"),
      );
      if (actor.role === "admin") return notified;
      return eb.and([
        notified,
        eb.exists(
          eb
            .selectFrom("case_members")
            .select("case_members.case_id")
            .whereRef("case_members.case_id", "=", "cases.id")
            .where("case_members.organization_id", "=", org.id)
            .where("case_members.user_id", "=", actor.userId),
        ),
      ]);
    }
    case "csirt":
      return eb.exists(
        eb
          .selectFrom("case_csirts")
          .select("case_csirts.case_id")
          .whereRef("case_csirts.case_id", "=", "cases.id")
          .where("case_csirts.organization_id", "=", org.id),
      );
    default:
      return sql<SqlBool>`1 = 0`;
  }
}

/** Who a caller that may see a case is to it, as the workflow names its audiences. */
export function viewerOfVisibleCase(actor: UserActor): CaseViewer {
  const org = actor.organization;
  switch (org?.type) {
    case "coordinator":
      return { kind: "coordinator" };
    case "intake":
      return { kind: "intake" };
    case "vendor":
      return { kind: "vendor", orgId: org.id };
    case "csirt":
      return { kind: "csirt", orgId: org.id };
    default:
      // caseVisibleTo lets no one else through.
      throw new Error("no case is visible to this caller");
  }
}

/** A case as a caller that may see it loaded it. */
export interface CaseVisible {
  row: CaseRow;
  state: CaseState;
  viewer: CaseViewer;
  user: UserActor;
  /** R-SEC-1: the report's content and the messages need assignment (coordinator side). */
  fullContent: boolean;
}

/** The case if the caller may know it exists; 404 otherwise, as if it did not. */
export async function loadVisibleCase(
  executor: Executor,
  workflow: Pick<WorkflowStore, "load">,
  actor: Actor,
  id: string,
): Promise<CaseVisible> {
  if (!isSignedIn(actor)) throw unauthenticated();
  const row = await executor
    .selectFrom("cases")
    .selectAll()
    .where("id", "=", id)
    .where((eb) => caseVisibleTo(eb, actor))
    .executeTakeFirst();
  if (!row) throw notFound();
  const loaded = await workflow.load(executor, "case", id);
  if (!loaded) throw notFound();
  const viewer = viewerOfVisibleCase(actor);
  return {
    row,
    state: loaded.state,
    viewer,
    user: actor,
    fullContent: mayReadCaseContent(actor, viewer, row),
  };
}
