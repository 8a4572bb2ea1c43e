import { z } from "zod";

/** Organization types whose admin may accept the NDA in the application. */
export const NDA_PARTY_TYPES = ["vendor", "csirt", "priority_recipient", "analysis_org"] as const;
export const NDA_LANGUAGES = ["ja", "en"] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const publishNdaTextBody = z.object({
  version: text(100),
  bodyJa: text(100_000),
  bodyEn: text(100_000),
});
export type PublishNdaTextInput = z.infer<typeof publishNdaTextBody>;

/** The text is the one offered now; `textId`, when given, must name it too. */
export const acceptNdaBody = z.object({
  version: text(100),
  textId: z.string().trim().min(1).max(100).optional(),
  language: z.enum(NDA_LANGUAGES).optional(),
});
export type AcceptNdaInput = z.infer<typeof acceptNdaBody>;

export const ndaTextView = z.object({
  id: z.string(),
  version: z.string(),
  bodyJa: z.string(),
  bodyEn: z.string(),
  publishedAt: z.string(),
  publishedBy: z.object({ id: z.string(), name: z.string() }),
});
export type NdaTextView = z.infer<typeof ndaTextView>;
export const ndaTextList = z.object({ items: z.array(ndaTextView), nextCursor: z.null() });
export const currentNdaText = z.object({ current: ndaTextView.nullable() });

export const ndaRecordView = z.object({
  id: z.string(),
  organizationId: z.string(),
  method: z.enum(["in_app", "paper"]),
  version: z.string(),
  textId: z.string().nullable(),
  /** SHA-256 (hex) of the exact text accepted in the application. */
  textSha256: z.string().nullable(),
  language: z.enum(NDA_LANGUAGES).nullable(),
  signedAt: z.string(),
  acceptedAt: z.string(),
  acceptedBy: z.object({ id: z.string(), name: z.string() }),
});
export type NdaRecordView = z.infer<typeof ndaRecordView>;

/** An organization's NDAs: the one on file, all records (newest first), and what is offered. */
export const organizationNdaView = z.object({
  organizationId: z.string(),
  onFile: z.object({ version: z.string(), signedAt: z.string() }).nullable(),
  items: z.array(ndaRecordView),
  /** The text offered now, if one is published. */
  offered: z.object({ id: z.string(), version: z.string(), publishedAt: z.string() }).nullable(),
  /** True when the organization accepted the offered text in the application. */
  acceptedOffered: z.boolean(),
});
export type OrganizationNdaView = z.infer<typeof organizationNdaView>;

export const ndaRequestSent = z.object({ recipients: z.number().int() });
