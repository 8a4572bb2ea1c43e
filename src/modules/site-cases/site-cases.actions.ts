/**
 * Every action on a web-application case, one entry each: who may take it, its input, what it
 * runs, its audit entry, the API's answer and the page's form. The service methods, the
 * `/api/v1` routes (site-cases.routes.ts) and the case page's form handlers
 * (site-cases.pages.tsx) are derived from this table. Adding an action: an entry here, its rule
 * in the site-case machine, its strings in the catalogs.
 */
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { notFound } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import { actionsOf, createdIdAnswer } from "../actions/action-table.ts";
import {
  analysisRequestExists,
  answerAnalysisRequest,
  insertAnalysisRequest,
  insertLeakNotice,
  updateSiteCase,
} from "./site-cases.repository.ts";
import {
  analysisRequestBody,
  analysisRequestParams,
  closeBody,
  leakNoticeBody,
  resultBody,
} from "./site-cases.schemas.ts";
import { analysisReason, resultDetails } from "./site-cases.sealed.ts";
import { DESK, OPERATOR, type VisibleSiteCase } from "./site-cases.subject.ts";

/** What the site-case actions use besides the pipeline's context. */
export interface SiteCaseTools {
  cipher: FieldCipher;
}

const siteCaseAction = actionsOf<"site_case", VisibleSiteCase, SiteCaseTools>();

/** The answer `{ id }` of an action that makes something new (a notice, a request). */

/** Success sends the page back with `?done=1` and its notice. */
const done = { done: "done", notice: "siteCases.notice.done" } as const;

/** The operator grants or denies the desk's request to analyse (R-WEB-3). */
function analysisAnswer(decision: "grant" | "deny") {
  return siteCaseAction({
    method: "POST",
    path: `analysis-requests/:rid/${decision}`,
    summary: `The operator ${decision === "grant" ? "grants" : "denies"} an analysis request`,
    params: analysisRequestParams,
    viewers: OPERATOR,
    audit: "site_case.analysis_answered",
    details: (input) => ({ requestId: input.rid, decision }),
    run: async ({ tx, at, id, visible, execute }, input) => {
      if (!(await analysisRequestExists(tx, id, input.rid))) throw notFound();
      await answerAnalysisRequest(tx, input.rid, {
        decision,
        answered_by: visible.user.userId,
        answered_at: at,
      });
      await execute({ type: "answer_analysis", requestId: input.rid, decision });
    },
    form: { name: "analysisAnswer", ...done, fields: {} },
  });
}

export const siteCaseActions = {
  // --- The operator ---------------------------------------------------------------------------

  acknowledge: siteCaseAction({
    method: "POST",
    path: "acknowledge",
    summary: "The operator acknowledges the report",
    viewers: OPERATOR,
    audit: "site_case.acknowledged",
    run: async ({ execute }) => {
      await execute({ type: "acknowledge" });
    },
    form: { name: "acknowledge", ...done, fields: {} },
  }),

  reportResult: siteCaseAction({
    method: "POST",
    path: "result",
    summary: "The operator reports its verification result and, when fixed, the fix (R-WEB-2)",
    body: resultBody,
    viewers: OPERATOR,
    audit: "site_case.result_reported",
    details: (input) => ({ result: input.result, fixMethod: input.fixMethod ?? null }),
    run: async ({ tx, at, id, cipher, execute }, input) => {
      await updateSiteCase(tx, id, {
        result_details_sealed: resultDetails.seal(cipher, id, input.details),
        updated_at: at,
      });
      await execute({
        type: "report_result",
        result: input.result,
        fixMethod: input.result === "fixed" ? (input.fixMethod ?? null) : null,
      });
    },
    form: {
      name: "result",
      ...done,
      fields: {
        result: { label: "siteCases.actions.resultField", kind: "select" },
        fixMethod: { label: "siteCases.actions.fixMethodField", kind: "select" },
        details: { label: "siteCases.actions.detailsField", kind: "textarea" },
      },
      input: (values) => ({
        result: values.result,
        // The method belongs to a fix: left set while "not vulnerable" is chosen, it is ignored.
        ...(values.fixMethod && values.result === "fixed" ? { fixMethod: values.fixMethod } : {}),
        details: values.details,
      }),
    },
  }),

  /** R-WEB-4: the operator's notice, public from now on; the only public output of the case. */
  publishLeakNotice: siteCaseAction({
    method: "POST",
    path: "leak-notice",
    summary: "The operator publishes a personal-data leak notice (R-WEB-4)",
    body: leakNoticeBody,
    viewers: OPERATOR,
    audit: "site_case.leak_notice_published",
    details: (_input, noticeId) => ({ noticeId }),
    answer: createdIdAnswer,
    run: async ({ tx, at, id, visible, execute }, input) => {
      const noticeId = newId();
      await insertLeakNotice(tx, {
        id: noticeId,
        site_case_id: id,
        organization_id: visible.row.operator_organization_id as string,
        summary: input.summary,
        period: input.period,
        affected_count: input.affectedCount,
        data_kinds: JSON.stringify(input.dataKinds),
        cause: input.cause,
        contact: input.contact,
        published_at: at,
      });
      await execute({ type: "publish_leak_notice", noticeId });
      return noticeId;
    },
    form: {
      name: "leakNotice",
      done: "published",
      notice: "siteCases.notice.leakNotice",
      fields: {
        summary: { label: "siteCases.actions.leak.summary", kind: "textarea" },
        period: { label: "siteCases.actions.leak.period" },
        affectedCount: { label: "siteCases.actions.leak.affectedCount" },
        dataKinds: { label: "siteCases.actions.leak.dataKinds", kind: "textarea" },
        cause: { label: "siteCases.actions.leak.cause", kind: "textarea" },
        contact: { label: "siteCases.actions.leak.contact" },
      },
      input: (values) => {
        const count = values.affectedCount?.trim() ?? "";
        return {
          summary: values.summary,
          period: values.period,
          affectedCount: /^\d+$/.test(count) ? Number(count) : Number.NaN,
          // One kind of data a line.
          dataKinds: (values.dataKinds ?? "")
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter((line) => line !== ""),
          cause: values.cause,
          contact: values.contact,
        };
      },
    },
  }),

  grantAnalysis: analysisAnswer("grant"),
  denyAnalysis: analysisAnswer("deny"),

  // --- The intake desk ------------------------------------------------------------------------

  markUnreachable: siteCaseAction({
    method: "POST",
    path: "mark-unreachable",
    summary: "The desk marks the operator unreachable",
    viewers: DESK,
    audit: "site_case.marked_unreachable",
    run: async ({ execute }) => {
      await execute({ type: "mark_unreachable" });
    },
    form: { name: "markUnreachable", ...done, fields: {} },
  }),

  close: siteCaseAction({
    method: "POST",
    path: "close",
    summary: "The desk closes the site case; the report closes with it (R-INT-9)",
    body: closeBody,
    viewers: DESK,
    audit: "site_case.closed",
    details: (input) => ({ reason: input.reason }),
    run: async ({ execute }, input) => {
      await execute({ type: "close", reason: input.reason, message: input.message });
    },
    form: {
      name: "close",
      ...done,
      fields: {
        reason: { label: "siteCases.actions.closeReason", kind: "select" },
        message: { label: "siteCases.actions.closeMessage", kind: "textarea" },
      },
    },
  }),

  /** R-WEB-3: the desk asks the operator to let its analysts analyse the report. */
  requestAnalysis: siteCaseAction({
    method: "POST",
    path: "analysis-requests",
    summary: "The desk asks the operator's permission to analyse (R-WEB-3)",
    body: analysisRequestBody,
    viewers: DESK,
    audit: "site_case.analysis_requested",
    details: (_input, requestId) => ({ requestId }),
    answer: createdIdAnswer,
    run: async ({ tx, at, id, visible, cipher, execute }, input) => {
      const requestId = newId();
      await insertAnalysisRequest(tx, {
        id: requestId,
        site_case_id: id,
        requested_by: visible.user.userId,
        reason_sealed: input.reason ? analysisReason.seal(cipher, requestId, input.reason) : null,
        decision: null,
        answered_by: null,
        answered_at: null,
        created_at: at,
      });
      await execute({ type: "request_analysis", requestId });
      return requestId;
    },
    form: {
      name: "analysis",
      ...done,
      // Not "reason": the close form on the same page has a field of that name (ids).
      fields: {
        analysisReason: { label: "siteCases.actions.requestAnalysisReason", kind: "textarea" },
      },
      apiFields: { reason: "analysisReason" },
    },
  }),
};

export type SiteCaseActions = typeof siteCaseActions;
