/**
 * Setting a report's or a case's risk (R-RISK-1): through the action pipeline of its record (who
 * may see it, who may act, `updated_at`, the audit entry, one transaction), each change stored
 * as one row with every changed field's old and new value. The desk sets a report's; the desk and
 * the coordinator a case's, which starts from its report's.
 */
import type { Executor } from "../../platform/db/database.ts";
import { forbidden, invalidFromZod } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import { type ActionPipeline, createActionPipeline } from "../../workflow/actions.ts";
import type { Actor } from "../access/actor.ts";
import type { RecordServiceDeps } from "../actions/action-table.ts";
import type { AuditType } from "../audit/audit-types.ts";
import { touchCase } from "../cases/cases.repository.ts";
import { type CaseVisible, loadVisibleCase } from "../cases/cases.visibility.ts";
import { loadVisibleReport, type ReportVisible } from "../reports/reports.context.ts";
import { canReadReportContent, isIntakeStaff } from "../reports/reports.policy.ts";
import { touchReport } from "../reports/reports.repository.ts";
import { mayReadCaseRiskReason, readCaseRisk, readReportRisk, valuesOf } from "./risk.reads.ts";
import { findRisk, insertRiskChange, type RiskSubject, saveRisk } from "./risk.repository.ts";
import { type RiskView, riskBody } from "./risk.schemas.ts";
import { riskChangeReason, riskReason, riskRowId } from "./risk.sealed.ts";
import {
  highestScore,
  nextRisk,
  type RiskValues,
  riskChanges,
  urgencyRank,
} from "./risk.values.ts";
import { ssvcDecision, ssvcRank } from "./ssvc.ts";

const noWorkflowActor = (): never => {
  throw forbidden("Setting a risk runs no workflow command.");
};

/** What a change wrote: the changed fields (for the audit entry) and the risk now. */
interface Written {
  fields: string[];
  risk: RiskView | null;
}

/** A risk just written is there to read. */
function stored(risk: RiskView | null): RiskView {
  if (!risk) throw new Error("the risk just written is missing");
  return risk;
}

export function createRiskService(deps: RecordServiceDeps) {
  const { audit, cipher, clock, workflow } = deps;

  const reportPipeline: ActionPipeline<"report", Actor, ReportVisible, null, AuditType> =
    createActionPipeline(
      { workflow, audit, clock },
      {
        aggregate: "report",
        touch: touchReport,
        subjectType: "report",
        load: loadVisibleReport,
        viewerKind: (visible) => (isIntakeStaff(visible.user) ? "intake" : "finder"),
        workflowActor: noWorkflowActor,
        present: async () => null,
      },
    );
  const casePipeline: ActionPipeline<"case", Actor, CaseVisible, null, AuditType> =
    createActionPipeline(
      { workflow, audit, clock },
      {
        aggregate: "case",
        touch: touchCase,
        subjectType: "case",
        load: (executor, actor, id) => loadVisibleCase(executor, workflow, actor, id),
        viewerKind: (visible) => visible.viewer.kind,
        workflowActor: noWorkflowActor,
        present: async () => null,
      },
    );

  /** Stores the values a change makes and its history row; answers the changed field names. */
  async function write(
    tx: Executor,
    subject: { type: RiskSubject; id: string },
    userId: string,
    at: string,
    before: { values: RiskValues | null; own: boolean },
    body: unknown,
  ): Promise<string[]> {
    const parsed = riskBody.safeParse(body);
    if (!parsed.success) throw invalidFromZod(parsed.error);
    const after = nextRisk(before.values, parsed.data);
    const changes = riskChanges(before.values, after);
    const rowId = riskRowId(subject.type, subject.id);
    await saveRisk(
      tx,
      {
        subject_type: subject.type,
        subject_id: subject.id,
        cvss_v3: after.cvssV3,
        cvss_v4: after.cvssV4,
        cvss_score: highestScore(after),
        ssvc_exploitation: after.ssvc?.exploitation ?? null,
        ssvc_automatable: after.ssvc?.automatable ?? null,
        ssvc_technical_impact: after.ssvc?.technicalImpact ?? null,
        ssvc_mission_wellbeing: after.ssvc?.missionWellbeing ?? null,
        ssvc_decision: after.ssvc ? ssvcDecision(after.ssvc) : null,
        ssvc_rank: after.ssvc ? ssvcRank(ssvcDecision(after.ssvc)) : 0,
        urgency: after.urgency,
        urgency_rank: urgencyRank(after.urgency),
        reason_sealed: riskReason.seal(cipher, rowId, after.reason),
        updated_at: at,
        updated_by: userId,
      },
      before.own,
    );
    if (changes.length > 0) {
      const id = newId();
      const reason = changes.find((change) => change.field === "reason");
      await insertRiskChange(tx, {
        id,
        subject_type: subject.type,
        subject_id: subject.id,
        changed_at: at,
        changed_by: userId,
        changes: JSON.stringify(changes.filter((change) => change.field !== "reason")),
        reason_sealed: reason
          ? riskChangeReason.seal(cipher, id, { old: reason.old, new: after.reason })
          : null,
      });
    }
    return changes.map((change) => change.field);
  }

  return {
    /** The desk sets a report's risk (any desk member, as for the desk's other actions). */
    async setReportRisk(
      actor: Actor,
      reportId: string,
      body: unknown,
    ): Promise<{ risk: RiskView }> {
      const { result } = await reportPipeline.run(actor, reportId, {
        viewers: ["intake"],
        audit: "report.risk_set",
        details: ({ fields }: Written) => ({ fields }),
        work: async ({ tx, at, visible }) => {
          const row = await findRisk(tx, "report", reportId);
          const before = { values: row ? valuesOf(cipher, row) : null, own: row !== undefined };
          const subject = { type: "report" as const, id: reportId };
          const fields = await write(tx, subject, visible.user.userId, at, before, body);
          const reader = { reason: canReadReportContent(visible.user, visible.row) };
          return { fields, risk: await readReportRisk(tx, cipher, reportId, reader) };
        },
      });
      return { risk: stored(result.risk) };
    },

    /** The desk or the coordinator sets a case's risk; the first change starts from the report's. */
    async setCaseRisk(actor: Actor, caseId: string, body: unknown): Promise<{ risk: RiskView }> {
      const { result } = await casePipeline.run(actor, caseId, {
        viewers: ["intake", "coordinator"],
        audit: "case.risk_set",
        details: ({ fields }: Written) => ({ fields }),
        work: async ({ tx, at, visible }) => {
          const reportId = visible.row.report_id;
          const own = await findRisk(tx, "case", caseId);
          const row = own ?? (reportId ? await findRisk(tx, "report", reportId) : undefined);
          const before = { values: row ? valuesOf(cipher, row) : null, own: own !== undefined };
          const subject = { type: "case" as const, id: caseId };
          const fields = await write(tx, subject, visible.user.userId, at, before, body);
          const reader = { reason: await mayReadCaseRiskReason(tx, visible) };
          return { fields, risk: await readCaseRisk(tx, cipher, caseId, reportId, reader) };
        },
      });
      return { risk: stored(result.risk) };
    },
  };
}

export type RiskService = ReturnType<typeof createRiskService>;
