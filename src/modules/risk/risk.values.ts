/**
 * A risk's values, the changes between two of them and its answer, without I/O: the service
 * stores what `nextRisk` makes and answers what `presentRisk` makes.
 */
import { z } from "zod";
import { scoreCvss } from "../reports/cvss.ts";
import type { RiskField, RiskInput, RiskView, Urgency } from "./risk.schemas.ts";
import { URGENCIES } from "./risk.schemas.ts";
import { type SsvcInputs, ssvcDecision } from "./ssvc.ts";

export interface RiskValues {
  cvssV3: string | null;
  cvssV4: string | null;
  ssvc: SsvcInputs | null;
  urgency: Urgency;
  reason: string;
}

export interface RiskFieldChange {
  field: RiskField;
  old: string | null;
  new: string | null;
}

/** The values a change makes: a field left out keeps the current one. */
export function nextRisk(current: RiskValues | null, input: RiskInput): RiskValues {
  return {
    cvssV3: input.cvssV3 === undefined ? (current?.cvssV3 ?? null) : input.cvssV3,
    cvssV4: input.cvssV4 === undefined ? (current?.cvssV4 ?? null) : input.cvssV4,
    ssvc: input.ssvc === undefined ? (current?.ssvc ?? null) : input.ssvc,
    urgency: input.urgency,
    reason: input.reason,
  };
}

function flat(values: RiskValues | null): Record<RiskField, string | null> {
  const ssvc = values?.ssvc ?? null;
  return {
    cvssV3: values?.cvssV3 ?? null,
    cvssV4: values?.cvssV4 ?? null,
    ssvcExploitation: ssvc?.exploitation ?? null,
    ssvcAutomatable: ssvc?.automatable ?? null,
    ssvcTechnicalImpact: ssvc?.technicalImpact ?? null,
    ssvcMissionWellbeing: ssvc?.missionWellbeing ?? null,
    ssvcDecision: ssvc ? ssvcDecision(ssvc) : null,
    urgency: values?.urgency ?? null,
    reason: values?.reason ?? null,
  };
}

/** Each field whose value differs, with its old and new value. */
export function riskChanges(before: RiskValues | null, after: RiskValues): RiskFieldChange[] {
  const old = flat(before);
  const now = flat(after);
  return (Object.keys(now) as RiskField[])
    .filter((field) => old[field] !== now[field])
    .map((field) => ({ field, old: old[field], new: now[field] }));
}

/** The higher base score of the two vectors, for sorting; null without either. */
export function highestScore(values: Pick<RiskValues, "cvssV3" | "cvssV4">): number | null {
  const scores = [values.cvssV3, values.cvssV4]
    .map((vector) => (vector ? scoreCvss(vector) : null))
    .flatMap((result) => (result?.ok ? [result.score.baseScore] : []));
  return scores.length > 0 ? Math.max(...scores) : null;
}

export const urgencyRank = (urgency: Urgency) => URGENCIES.indexOf(urgency) + 1;

function scored(vector: string | null) {
  const result = vector ? scoreCvss(vector) : null;
  return result?.ok
    ? { baseScore: result.score.baseScore, severity: result.score.severity }
    : { baseScore: null, severity: null };
}

/** The stored change list (`risk_changes.changes`), checked on the way out. */
export const storedChanges = z.array(
  z.object({ field: z.string(), old: z.string().nullable(), new: z.string().nullable() }),
);

export function presentRisk(
  /** The reason null: withheld from this reader (R-SEC-1). */
  values: Omit<RiskValues, "reason"> & { reason: string | null },
  extra: Pick<RiskView, "updatedAt" | "inheritedFromReport" | "history">,
): RiskView {
  const v3 = scored(values.cvssV3);
  const v4 = scored(values.cvssV4);
  return {
    cvssV3: values.cvssV3,
    cvssV3BaseScore: v3.baseScore,
    cvssV3Severity: v3.severity,
    cvssV4: values.cvssV4,
    cvssV4BaseScore: v4.baseScore,
    cvssV4Severity: v4.severity,
    ssvc: values.ssvc,
    ssvcDecision: values.ssvc ? ssvcDecision(values.ssvc) : null,
    urgency: values.urgency,
    reason: values.reason,
    reasonWithheld: values.reason === null,
    ...extra,
  };
}
