import type { Executor } from "../../platform/db/database.ts";
import { notFound, unauthenticated } from "../../platform/http/problem.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { type ActionPipeline, createActionPipeline } from "../../workflow/actions.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import type { RecordServiceDeps } from "../actions/action-table.ts";
import type { DeskKeyService } from "../desk-key/desk-key.service.ts";
import { isIntakeStaff } from "./reports.policy.ts";
import { presentReport } from "./reports.presenter.ts";
import { findVisibleReport, type ReportRow, touchReport } from "./reports.repository.ts";
import type { ReportView } from "./reports.schemas.ts";

export interface ReportsDeps extends RecordServiceDeps {
  mail: MailOutbox;
  publicUrl: string;
  deskKey: Pick<DeskKeyService, "decrypt">;
}

/** A report as a caller that may see it loaded it. */
export interface ReportVisible {
  row: ReportRow;
  user: UserActor;
}

/** The report if the caller may know it exists (401 when signed out, 404 otherwise). */
export async function loadVisibleReport(
  executor: Executor,
  actor: Actor,
  id: string,
): Promise<ReportVisible> {
  if (!isSignedIn(actor)) throw unauthenticated();
  const row = await findVisibleReport(executor, actor, id);
  if (!row) throw notFound();
  return { row, user: actor };
}

/**
 * The side an action is taken from. A desk member may also have filed the report: as the finder
 * they act on the finder's side, as the desk on the desk's, so each side has its own pipeline and
 * asks its own question of the caller.
 */
export type ReportSide = "finder" | "intake";

/** Who the caller is to the report, as the side's actions ask it. */
export function viewerOn(side: ReportSide, visible: ReportVisible): ReportSide {
  if (side === "finder")
    return visible.row.finder_user_id === visible.user.userId ? "finder" : "intake";
  return isIntakeStaff(visible.user) ? "intake" : "finder";
}

export type ReportPipeline = ActionPipeline<"report", Actor, ReportVisible, ReportView>;

function reportPipeline(deps: ReportsDeps, side: ReportSide): ReportPipeline {
  return createActionPipeline(deps, {
    aggregate: "report",
    touch: touchReport,
    subjectType: "report",
    load: loadVisibleReport,
    viewerKind: (visible) => viewerOn(side, visible),
    workflowActor: (visible) => ({ kind: side, userId: visible.user.userId }),
    present: (tx, actor, visible) => presentReport(tx, deps, actor, visible.row),
  });
}

/** The service's parts share this. */
export interface ReportsContext extends ReportsDeps {
  /** The finder's actions (viewer `finder`: the report's own finder). */
  finderSide: ReportPipeline;
  /** The desk's actions (viewer `intake`: a member of the intake desk). */
  deskSide: ReportPipeline;
}

export function reportsContext(deps: ReportsDeps): ReportsContext {
  return {
    ...deps,
    finderSide: reportPipeline(deps, "finder"),
    deskSide: reportPipeline(deps, "intake"),
  };
}
