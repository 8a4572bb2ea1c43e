/**
 * A report's or a case's current risk as staff read it. A case without a risk of its own shows
 * its report's; its history is the report's changes and then the case's own. The queue's
 * metadata (vectors, SSVC, urgency) is for all staff; the reason, which may quote the report, only
 * for staff who may read the record's full content (R-SEC-1).
 */
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import type { UserActor } from "../access/actor.ts";
import type { CaseViewer } from "../cases/cases.policy.ts";
import { canReadReportContent } from "../reports/reports.policy.ts";
import { findRisk, listRiskChanges, type RiskRow, type RiskSubject } from "./risk.repository.ts";
import { RISK_FIELDS, type RiskChangeView, type RiskField, type RiskView } from "./risk.schemas.ts";
import { riskChangeReason, riskReason, riskRowId } from "./risk.sealed.ts";
import { presentRisk, type RiskValues, storedChanges } from "./risk.values.ts";
import type { SsvcInputs } from "./ssvc.ts";

/** What the reader may see of the risk: the reason (current and in the history) or not. */
export interface RiskReader {
  reason: boolean;
}

/**
 * R-SEC-1: the coordinator's members who may read the case's content (assigned, or its admins);
 * on the desk, those who may read the report's content (its assignee, the desk's admins).
 */
export async function mayReadCaseRiskReason(
  executor: Executor,
  visible: {
    user: UserActor;
    viewer: CaseViewer;
    row: { report_id: string | null };
    fullContent: boolean;
  },
): Promise<boolean> {
  if (visible.viewer.kind === "coordinator") return visible.fullContent;
  if (visible.viewer.kind !== "intake") return false;
  if (visible.user.role === "admin") return true;
  if (!visible.row.report_id) return false;
  const report = await executor
    .selectFrom("reports")
    .select(["finder_user_id", "assignee_user_id"])
    .where("id", "=", visible.row.report_id)
    .executeTakeFirst();
  return report !== undefined && canReadReportContent(visible.user, report);
}

export function valuesOf(cipher: FieldCipher, row: RiskRow): RiskValues {
  return {
    ...valuesWithoutReason(row),
    reason: riskReason.open(cipher, riskRowId(row.subject_type, row.subject_id), row.reason_sealed),
  };
}

function valuesWithoutReason(row: RiskRow): Omit<RiskValues, "reason"> {
  const ssvc =
    row.ssvc_exploitation &&
    row.ssvc_automatable &&
    row.ssvc_technical_impact &&
    row.ssvc_mission_wellbeing
      ? ({
          exploitation: row.ssvc_exploitation,
          automatable: row.ssvc_automatable,
          technicalImpact: row.ssvc_technical_impact,
          missionWellbeing: row.ssvc_mission_wellbeing,
        } as SsvcInputs)
      : null;
  return {
    cvssV3: row.cvss_v3,
    cvssV4: row.cvss_v4,
    ssvc,
    urgency: row.urgency,
  };
}

const isField = (field: string): field is RiskField =>
  (RISK_FIELDS as readonly string[]).includes(field);

async function history(
  executor: Executor,
  cipher: FieldCipher,
  subjects: { type: RiskSubject; id: string }[],
  reader: RiskReader,
): Promise<RiskChangeView[]> {
  const rows = await listRiskChanges(executor, subjects);
  return rows.map((row) => {
    const changes = storedChanges
      .parse(JSON.parse(row.changes))
      .flatMap((change) => (isField(change.field) ? [{ ...change, field: change.field }] : []));
    if (row.reason_sealed) {
      // That the reason changed is metadata; its old and new text only for the reader who may.
      const reason = reader.reason
        ? riskChangeReason.open(cipher, row.id, row.reason_sealed)
        : { old: null, new: null };
      changes.push({ field: "reason", old: reason.old, new: reason.new });
    }
    return {
      at: row.changed_at,
      on: row.subject_type,
      byUserId: row.changed_by,
      byName: row.changed_by_name,
      changes,
    };
  });
}

/** The report's risk; null before the desk set one. */
export async function readReportRisk(
  executor: Executor,
  cipher: FieldCipher,
  reportId: string,
  reader: RiskReader,
): Promise<RiskView | null> {
  const row = await findRisk(executor, "report", reportId);
  if (!row) return null;
  return presentRisk(readValues(cipher, row, reader), {
    updatedAt: row.updated_at,
    inheritedFromReport: false,
    history: await history(executor, cipher, [{ type: "report", id: reportId }], reader),
  });
}

/** The values as the reader may see them: the sealed reason is opened only for one who may. */
function readValues(cipher: FieldCipher, row: RiskRow, reader: RiskReader) {
  return reader.reason ? valuesOf(cipher, row) : { ...valuesWithoutReason(row), reason: null };
}

/** The case's risk, else its report's; null when neither has one. */
export async function readCaseRisk(
  executor: Executor,
  cipher: FieldCipher,
  caseId: string,
  reportId: string | null,
  reader: RiskReader,
): Promise<RiskView | null> {
  const own = await findRisk(executor, "case", caseId);
  const row = own ?? (reportId ? await findRisk(executor, "report", reportId) : undefined);
  if (!row) return null;
  const subjects: { type: RiskSubject; id: string }[] = [{ type: "case", id: caseId }];
  if (reportId) subjects.push({ type: "report", id: reportId });
  return presentRisk(readValues(cipher, row, reader), {
    updatedAt: row.updated_at,
    inheritedFromReport: !own,
    history: await history(executor, cipher, subjects, reader),
  });
}

/**
 * A case's CVSS vectors (its own risk, else its report's), for the advisory draft it starts;
 * null when neither has a risk. The vectors are not sealed: no cipher needed.
 */
export async function caseRiskVectors(
  executor: Executor,
  caseId: string,
): Promise<{ cvssV3: string | null; cvssV4: string | null } | null> {
  const own = await findRisk(executor, "case", caseId);
  let row = own;
  if (!row) {
    const kase = await executor
      .selectFrom("cases")
      .select("report_id")
      .where("id", "=", caseId)
      .executeTakeFirst();
    row = kase?.report_id ? await findRisk(executor, "report", kase.report_id) : undefined;
  }
  return row ? { cvssV3: row.cvss_v3, cvssV4: row.cvss_v4 } : null;
}
