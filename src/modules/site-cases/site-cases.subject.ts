import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import { notFound, unauthenticated } from "../../platform/http/problem.ts";
import type { ActionPipeline, ActionSubject } from "../../workflow/actions.ts";
import type { WorkflowActor } from "../../workflow/common.ts";
import {
  finderIdentityMayReachSite,
  type SiteCaseEvent,
  type SiteCaseState,
} from "../../workflow/site-case/index.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import { unsealReportText } from "../reports/reports.service.ts";
import {
  analystMayReadReport,
  deskMayReadConfidential,
  isOperatorMember,
} from "./site-cases.policy.ts";
import { type ConfidentialParts, presentSiteCase } from "./site-cases.presenter.ts";
import { userContact } from "./site-cases.recipients.ts";
import {
  analysisRequestsOf,
  findReport,
  findVisibleSiteCase,
  leakNoticesOf,
  operatorNameOf,
  type ReportRow,
  type SiteCaseRow,
  touchSiteCase,
} from "./site-cases.repository.ts";
import type { SiteCaseView } from "./site-cases.schemas.ts";
import { analysisReason, resultDetails } from "./site-cases.sealed.ts";
import { siteCaseScope } from "./site-cases.visibility.ts";

/**
 * Who a caller that may see a site case is to it: the operator (its admin or an assigned
 * member), the desk member who handles the report or a desk admin (`desk_handler`: the
 * confidential side, R-SEC-1), or another member of the desk.
 */
export type SiteCaseViewer = "operator" | "desk_handler" | "desk";

export const OPERATOR = ["operator"] as const;
export const DESK = ["desk_handler", "desk"] as const;

/** A site case as a caller that may see it loaded it. */
export interface VisibleSiteCase {
  row: SiteCaseRow;
  report: ReportRow;
  user: UserActor;
  viewer: SiteCaseViewer;
  /** An intake analyst, and the operator granted the desk's analysis (R-WEB-3). */
  analysisGranted: boolean;
}

/** The site case if the caller may know it exists; 404 otherwise, as if it did not. */
export async function loadVisibleSiteCase(
  executor: Executor,
  actor: Actor,
  id: string,
): Promise<VisibleSiteCase> {
  if (!isSignedIn(actor)) throw unauthenticated();
  const row = await findVisibleSiteCase(executor, siteCaseScope(actor), id);
  if (!row) throw notFound();
  const report = await findReport(executor, row.report_id);
  if (!report) throw notFound();
  const analysisGranted =
    actor.organization?.type === "intake" && actor.role === "analyst"
      ? (await analysisRequestsOf(executor, id)).some((request) => request.decision === "grant")
      : false;
  const viewer: SiteCaseViewer = isOperatorMember(actor, row)
    ? "operator"
    : deskMayReadConfidential(actor, report)
      ? "desk_handler"
      : "desk";
  return { row, report, user: actor, viewer, analysisGranted };
}

/** The operator, or the desk member who may read the confidential side. */
export function readsConfidential(visible: VisibleSiteCase): boolean {
  return visible.viewer !== "desk";
}

/** Whoever reads the whole confidential side, and an analyst the operator let analyse. */
function readsReportText(visible: VisibleSiteCase): boolean {
  return readsConfidential(visible) || analystMayReadReport(visible.user, visible.analysisGranted);
}

/** The workflow actor a caller that sees the case acts as. */
export function workflowActorOf(visible: VisibleSiteCase): WorkflowActor {
  const { user, row } = visible;
  return visible.viewer === "operator"
    ? { kind: "site_operator", userId: user.userId, orgId: row.operator_organization_id as string }
    : { kind: "intake", userId: user.userId };
}

/**
 * How a site case is seen and answered, for the action pipeline and the reads alike. Showing
 * the report's text, the finder's identity or the operator's details writes the audit entry
 * of that read (R-SEC-2).
 */
export function createSiteCaseSubject(deps: {
  cipher: FieldCipher;
  workflow: WorkflowStore;
  audit: Audit;
}): ActionSubject<"site_case", Actor, VisibleSiteCase, SiteCaseView> {
  const { cipher, workflow, audit } = deps;

  async function view(executor: Executor, visible: VisibleSiteCase) {
    const { row, report } = visible;
    const loaded = await workflow.load(executor, "site_case", row.id);
    if (!loaded) throw notFound();
    const state = loaded.state as SiteCaseState;
    const events = (await workflow.events(executor, "site_case", row.id)).map(
      (stored) => stored.event as SiteCaseEvent,
    );
    const operator = visible.viewer === "operator";
    const analysisRequests = await analysisRequestsOf(executor, row.id);
    const confidential: ConfidentialParts = {
      details: null,
      finder: null,
      resultDetails: null,
      analysisReasons: null,
    };
    const reportText = readsReportText(visible);
    if (reportText) {
      const text = unsealReportText(cipher, report);
      confidential.details = {
        description: text.description,
        reproduction: text.reproduction,
        verificationMethod: text.verificationMethod,
      };
    }
    if (readsConfidential(visible)) {
      confidential.resultDetails = row.result_details_sealed
        ? resultDetails.open(cipher, row.id, row.result_details_sealed)
        : null;
      confidential.analysisReasons = new Map(
        analysisRequests.map((request) => [
          request.id,
          request.reason_sealed
            ? analysisReason.open(cipher, request.id, request.reason_sealed)
            : null,
        ]),
      );
      // R-CLS-2, W-8: the operator sees who found it only once the workflow shared it, and
      // only while the consent recorded now still allows it; the desk member always.
      const recipient = { kind: "site_operator" as const, orgId: row.operator_organization_id };
      const shared = events.some(
        (event) =>
          event.type === "finder_identity_shared" &&
          event.to.some(
            (to) => to.kind === "site_operator" && to.orgId === row.operator_organization_id,
          ),
      );
      if (!operator || (shared && finderIdentityMayReachSite(state, recipient))) {
        const finder = await userContact(executor, report.finder_user_id);
        confidential.finder = finder ? { name: finder.name, email: finder.email } : null;
      }
    }
    const presented = presentSiteCase({
      audience: operator ? "operator" : "intake",
      row,
      report,
      state,
      events,
      operatorName: await operatorNameOf(executor, row),
      analysisRequests,
      leakNotices: await leakNoticesOf(executor, row.id),
      confidential,
    });
    return { view: presented, reportText, finderShown: confidential.finder !== null };
  }

  return {
    aggregate: "site_case",
    touch: touchSiteCase,
    subjectType: "site_case",
    load: loadVisibleSiteCase,
    viewerKind: (visible) => visible.viewer,
    workflowActor: workflowActorOf,
    async present(tx, actor, visible) {
      const shown = await view(tx, visible);
      // R-SEC-2: every read of the report's text, the finder's identity or the messages.
      if (shown.reportText) {
        await audit.record(tx, actor, {
          type: "site_case.viewed",
          subjectType: "site_case",
          subjectId: visible.row.id,
          details: {
            reportId: visible.report.id,
            content: true,
            finderIdentity: shown.finderShown,
          },
        });
      }
      return shown.view;
    },
  };
}

/** The action pipeline over site cases (`createActionPipeline` with this subject). */
export type SiteCasePipeline = ActionPipeline<"site_case", Actor, VisibleSiteCase, SiteCaseView>;
