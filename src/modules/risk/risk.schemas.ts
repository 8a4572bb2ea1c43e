import { z } from "zod";
import { CVSS_SEVERITIES, type CvssVersion, scoreCvss } from "../reports/cvss.ts";
import {
  SSVC_AUTOMATABLE,
  SSVC_DECISIONS,
  SSVC_EXPLOITATION,
  SSVC_MISSION_WELLBEING,
  SSVC_TECHNICAL_IMPACT,
} from "./ssvc.ts";

/** The desk's urgency judgement, in rising order. */
export const URGENCIES = ["low", "normal", "high", "critical"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const ssvcInputs = z.object({
  exploitation: z.enum(SSVC_EXPLOITATION),
  automatable: z.enum(SSVC_AUTOMATABLE),
  technicalImpact: z.enum(SSVC_TECHNICAL_IMPACT),
  missionWellbeing: z.enum(SSVC_MISSION_WELLBEING),
});

/** A blank vector (as a form sends it) clears it, as null does. */
const vector = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? null : value),
  z.string().trim().max(300).nullable().optional(),
);

function checkVector(
  value: string | null | undefined,
  version: CvssVersion,
  field: string,
  context: z.RefinementCtx,
) {
  if (!value) return;
  const scored = scoreCvss(value);
  if (!scored.ok) context.addIssue({ code: "custom", path: [field], message: scored.message });
  else if (scored.score.version !== version)
    context.addIssue({
      code: "custom",
      path: [field],
      message: `${field} takes a CVSS ${version} vector (CVSS:${version}/…), not CVSS ${scored.score.version}`,
    });
}

/**
 * `PUT …/risk`: a field left out keeps its current value (on a case: the report's, until the
 * case has a risk of its own); null (or a blank vector) clears it. Urgency and reason always.
 */
export const riskBody = z
  .object({
    cvssV3: vector,
    cvssV4: vector,
    ssvc: ssvcInputs.nullable().optional(),
    urgency: z.enum(URGENCIES),
    reason: z.string().trim().min(1).max(5_000),
  })
  .superRefine((body, context) => {
    checkVector(body.cvssV3, "3.1", "cvssV3", context);
    checkVector(body.cvssV4, "4.0", "cvssV4", context);
  });
export type RiskInput = z.output<typeof riskBody>;

/** The fields a change names, the SSVC inputs one by one. */
export const RISK_FIELDS = [
  "cvssV3",
  "cvssV4",
  "ssvcExploitation",
  "ssvcAutomatable",
  "ssvcTechnicalImpact",
  "ssvcMissionWellbeing",
  "ssvcDecision",
  "urgency",
  "reason",
] as const;
export type RiskField = (typeof RISK_FIELDS)[number];

export const riskChangeView = z.object({
  at: z.string(),
  /** Whether the change was made on the report (before the case) or on the case. */
  on: z.enum(["report", "case"]),
  byUserId: z.string(),
  byName: z.string().nullable(),
  changes: z.array(
    z.object({
      field: z.enum(RISK_FIELDS),
      old: z.string().nullable(),
      new: z.string().nullable(),
    }),
  ),
});
export type RiskChangeView = z.infer<typeof riskChangeView>;

const severity = z.enum(CVSS_SEVERITIES).nullable();

export const riskView = z.object({
  cvssV3: z.string().nullable(),
  cvssV3BaseScore: z.number().nullable(),
  cvssV3Severity: severity,
  cvssV4: z.string().nullable(),
  cvssV4BaseScore: z.number().nullable(),
  cvssV4Severity: severity,
  ssvc: ssvcInputs.nullable(),
  ssvcDecision: z.enum(SSVC_DECISIONS).nullable(),
  urgency: z.enum(URGENCIES),
  /** Null for staff who may not read the record's full content (R-SEC-1). */
  reason: z.string().nullable(),
  /**
   * The reason (and each change's old and new reason in the history) is withheld: it may quote
   * the report, so only staff who may read the report's or case's content see it (R-SEC-1).
   */
  reasonWithheld: z.boolean(),
  updatedAt: z.string(),
  /** A case without a risk of its own shows its report's. */
  inheritedFromReport: z.boolean(),
  history: z.array(riskChangeView),
});
export type RiskView = z.infer<typeof riskView>;

export const riskAnswer = z.object({ risk: riskView });
