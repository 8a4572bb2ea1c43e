import { z } from "zod";
import { sealedJson } from "../../platform/crypto/sealed.ts";
import { CONSULTATION_ANSWERS, RECORDED_PARTIES } from "./analysis-shares.schemas.ts";

/** The consultation recorded with a share: it names the vendors (or the operator) and what each said. */
export const shareConsultation = sealedJson(
  "analysis_shares.consultation_sealed",
  z.array(
    z.object({
      party: z.enum(RECORDED_PARTIES),
      organizationId: z.string().nullable(),
      answer: z.enum(CONSULTATION_ANSWERS),
      note: z.string().nullable(),
    }),
  ),
);
export type RecordedConsultation = z.infer<typeof shareConsultation.schema>;
