import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { notFound } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Actor } from "../access/actor.ts";
import {
  analysisRequestExists,
  answerAnalysisRequest,
  insertAnalysisRequest,
} from "./site-cases.repository.ts";
import { analysisReason } from "./site-cases.sealed.ts";
import { DESK, OPERATOR, type SiteCasePipeline } from "./site-cases.subject.ts";

/**
 * R-WEB-3: the desk's analysts analyse a web report only with the operator's permission — the
 * desk asks, the operator grants or denies.
 */
export function createAnalysisRequests(deps: { cipher: FieldCipher; pipeline: SiteCasePipeline }) {
  const { cipher, pipeline } = deps;

  return {
    async requestAnalysis(actor: Actor, id: string, input: { reason?: string | undefined }) {
      const requestId = newId();
      await pipeline.run(actor, id, {
        viewers: DESK,
        audit: "site_case.analysis_requested",
        details: { requestId },
        work: async ({ tx, at, visible, execute }) => {
          await insertAnalysisRequest(tx, {
            id: requestId,
            site_case_id: id,
            requested_by: visible.user.userId,
            reason_sealed: input.reason
              ? analysisReason.seal(cipher, requestId, input.reason)
              : null,
            decision: null,
            answered_by: null,
            answered_at: null,
            created_at: at,
          });
          return execute({ type: "request_analysis", requestId });
        },
      });
      return { id: requestId };
    },

    async answerAnalysis(actor: Actor, id: string, requestId: string, decision: "grant" | "deny") {
      const { view } = await pipeline.run(actor, id, {
        viewers: OPERATOR,
        audit: "site_case.analysis_answered",
        details: { requestId, decision },
        work: async ({ tx, at, visible, execute }) => {
          if (!(await analysisRequestExists(tx, id, requestId))) throw notFound();
          await answerAnalysisRequest(tx, requestId, {
            decision,
            answered_by: visible.user.userId,
            answered_at: at,
          });
          return execute({ type: "answer_analysis", requestId, decision });
        },
      });
      return view;
    },
  };
}
