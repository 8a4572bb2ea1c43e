/**
 * The reports service: one object composed of its parts, each a concern of its own — the actions
 * of the desk and the finder (reports.actions.ts), filing (reports.submission.ts), the finder ⇄ desk
 * thread (reports.messages.ts), disclosure consultations (reports.consultations.ts) and the
 * duplicate check (reports.duplicates.ts) — on one shared context (reports.context.ts).
 */
import { unauthenticated } from "../../platform/http/problem.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import { deriveActionMethods } from "../actions/action-table.ts";
import { deskActions, finderActions } from "./reports.actions.ts";
import { createReportsConsultations } from "./reports.consultations.ts";
import { loadVisibleReport, type ReportsDeps, reportsContext } from "./reports.context.ts";
import { createDraftCommentReads } from "./reports.draft-comments.ts";
import { createDuplicateCheck } from "./reports.duplicates.ts";
import { createReportMessages } from "./reports.messages.ts";
import { canReadReportContent } from "./reports.policy.ts";
import { presentReport } from "./reports.presenter.ts";
import { listReports } from "./reports.queue.ts";
import type { ReportList, ReportListQuery, ReportView } from "./reports.schemas.ts";
import { createReportSubmission } from "./reports.submission.ts";

/** Other modules read a report's sealed text through these (never the cipher contexts). */
export {
  type ReportContent,
  unsealAttackMethod,
  unsealReportContent,
  unsealReportText,
  unsealVerificationMethod,
} from "./reports.sealed.ts";

export function createReportsService(deps: ReportsDeps) {
  const context = reportsContext(deps);
  const { db, audit, clock, workflow } = context;
  const tools = {
    cipher: deps.cipher,
    clock,
    mail: deps.mail,
    publicUrl: deps.publicUrl,
    workflow,
  };
  return {
    /** One method per entry of the action tables (reports.actions.ts). */
    ...deriveActionMethods(deskActions, context.deskSide, tools),
    ...deriveActionMethods(finderActions, context.finderSide, tools),
    /** The action tables in one, from which the routes and the page forms are derived. */
    actionTable: { ...deskActions, ...finderActions },

    ...createReportSubmission(context),

    /** Finder: own reports; intake staff: the queue (metadata only), filtered (reports.queue.ts). */
    async list(actor: Actor, query: ReportListQuery): Promise<ReportList> {
      if (!isSignedIn(actor)) throw unauthenticated();
      return listReports({ db, clock, policy: workflow.policy }, actor, query);
    },

    /** The desk's acknowledgement target (workflow policy), as the queue explains it. */
    acknowledgementTarget() {
      return workflow.policy.intakeAcknowledgement;
    },

    /** One report as the caller may see it; reading its content is audited. */
    async get(actor: Actor, id: string): Promise<ReportView> {
      return db.transaction().execute(async (tx) => {
        const { row, user } = await loadVisibleReport(tx, actor, id);
        if (canReadReportContent(user, row)) {
          await audit.record(tx, user, {
            type: "report.viewed",
            subjectType: "report",
            subjectId: id,
          });
        }
        return presentReport(tx, context, user, row);
      });
    },

    ...createReportMessages(context),
    ...createDuplicateCheck(context),
    ...createReportsConsultations(context),
    ...createDraftCommentReads(context),
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
