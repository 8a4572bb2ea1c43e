/**
 * R-INT-6: the finder's disclosure consultations — a plan to disclose to a third party (a talk,
 * a paper, another body) — and the desk's answer after consulting the coordinator or operator.
 */
import type { Executor } from "../../platform/db/database.ts";
import {
  forbidden,
  invalidInput,
  notFound,
  ProblemError,
  unauthenticated,
} from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import { loadVisibleReport, type ReportsContext } from "./reports.context.ts";
import { tellFinder } from "./reports.notifications.ts";
import { canReadReportContent, isIntakeStaff } from "./reports.policy.ts";
import {
  answerConsultation,
  consultationExists,
  insertConsultation,
  listConsultations,
} from "./reports.repository.ts";
import type {
  ConsultationAnswerInput,
  ConsultationInput,
  ConsultationView,
} from "./reports.schemas.ts";
import { consultationScope } from "./reports.sealed.ts";

export function createReportsConsultations(context: ReportsContext) {
  const { db, audit, cipher, clock, workflow } = context;

  /** The report's consultations, each flagged when planned before the case's publication. */
  async function consultationsOf(executor: Executor, id: string): Promise<ConsultationView[]> {
    const rows = await listConsultations(executor, id);
    const caseId = (await workflow.load(executor, "report", id))?.state.caseId;
    const kase = caseId ? await workflow.load(executor, "case", caseId) : null;
    const publishAt = kase?.state.schedule?.publishAt ?? null;
    return rows.map((consultation) => ({
      id: consultation.id,
      plannedAt: consultation.planned_at,
      venue: consultation.venue,
      scope: consultationScope.open(cipher, consultation.id, consultation.scope_sealed),
      beforePublication: publishAt !== null && consultation.planned_at < publishAt,
      decision: consultation.decision,
      until: consultation.until,
      reason: consultation.reason,
      answeredAt: consultation.answered_at,
      createdAt: consultation.created_at,
    }));
  }

  return {
    async fileConsultation(
      actor: Actor,
      id: string,
      input: ConsultationInput,
    ): Promise<{ id: string }> {
      return db.transaction().execute(async (tx) => {
        const { row, user } = await loadVisibleReport(tx, actor, id);
        if (row.finder_user_id !== user.userId)
          throw forbidden("Only the report's finder files a disclosure consultation.");
        const consultationId = newId();
        await insertConsultation(tx, {
          id: consultationId,
          report_id: id,
          planned_at: new Date(input.plannedAt).toISOString(),
          venue: input.venue,
          scope_sealed: consultationScope.seal(cipher, consultationId, input.scope),
          decision: null,
          until: null,
          reason: null,
          answered_by: null,
          answered_at: null,
          created_at: clock.now().toISOString(),
        });
        await audit.record(tx, user, {
          type: "report.disclosure_consultation_filed",
          subjectType: "report",
          subjectId: id,
          details: { consultationId },
        });
        return { id: consultationId };
      });
    },

    async answerConsultation(
      actor: Actor,
      id: string,
      consultationId: string,
      input: ConsultationAnswerInput,
    ): Promise<ConsultationView> {
      if (!isSignedIn(actor)) throw unauthenticated();
      if (input.decision === "defer_until" && !input.until) {
        throw invalidInput(
          [{ path: "until", message: "required with defer_until" }],
          "Give the date until which to wait.",
        );
      }
      return db.transaction().execute(async (tx) => {
        const { row, user } = await loadVisibleReport(tx, actor, id);
        if (!isIntakeStaff(user))
          throw forbidden("The intake desk answers disclosure consultations.");
        const answered = await answerConsultation(tx, id, consultationId, {
          decision: input.decision,
          until:
            input.decision === "defer_until" && input.until
              ? new Date(input.until).toISOString()
              : null,
          reason: input.reason,
          answered_by: user.userId,
          answered_at: clock.now().toISOString(),
        });
        if (!answered) {
          if (!(await consultationExists(tx, id, consultationId))) throw notFound();
          throw new ProblemError(
            409,
            "transition_not_allowed",
            "This consultation was answered already.",
          );
        }
        await audit.record(tx, user, {
          type: "report.disclosure_consultation_answered",
          subjectType: "report",
          subjectId: id,
          details: { consultationId, decision: input.decision },
        });
        await tellFinder(tx, context, row, {
          kind: "report_requests",
          template: "reportConsultationAnswered",
          what: "notifications.what.consultationAnswered",
        });
        const answer = (await consultationsOf(tx, id)).find((entry) => entry.id === consultationId);
        if (!answer) throw notFound();
        return answer;
      });
    },

    async consultations(actor: Actor, id: string): Promise<ConsultationView[]> {
      const { row, user } = await loadVisibleReport(db, actor, id);
      if (!canReadReportContent(user, row))
        throw forbidden("Take the report (assignment) to read its consultations.");
      return consultationsOf(db, id);
    },
  };
}
