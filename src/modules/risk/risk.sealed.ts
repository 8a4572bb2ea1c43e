import { z } from "zod";
import { sealedJson, sealedText } from "../../platform/crypto/sealed.ts";

/** The sealed columns of the risk module: the desk's reason may quote the report. */
export const riskReason = sealedText("risk_assessments.reason_sealed");

/** A change's old and new reason. */
export const riskChangeReason = sealedJson(
  "risk_changes.reason_sealed",
  z.object({ old: z.string().nullable(), new: z.string() }),
);

/** The row id a risk's reason is sealed to: its subject. */
export const riskRowId = (subjectType: "report" | "case", subjectId: string) =>
  `${subjectType}:${subjectId}`;
