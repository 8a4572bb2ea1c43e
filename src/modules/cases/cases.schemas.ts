import { z } from "zod";
import { productIdentityInput } from "../../platform/text/product-identity.ts";
import { RISK_SORTS, riskListQuery } from "../risk/risk.sorting.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());
const id = z.string().trim().min(1).max(100);
const versions = z.array(z.string().trim().min(1).max(200)).max(100);
const url = z.url({ protocol: /^https?$/ }).max(2000);
/** The language a vendor wrote its public text in, and the same text in the other language. */
const vendorTextLanguage = {
  language: z.enum(["ja", "en"]).optional(),
  translation: optionalText(20_000),
};

export const caseListQuery = z.object({
  status: z.string().max(40).optional(),
  /** Staff: by risk, highest first, then newest (`urgency`, `ssvc`, `cvss`); default newest. */
  sort: z.enum(["newest", ...RISK_SORTS]).optional(),
  ...riskListQuery,
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});

export const csirtCaseBody = z.object({
  title: text(200),
  description: text(20_000),
  vendorNames: z.array(text(200)).min(1).max(50),
  publishAt: instant,
  conditions: optionalText(5_000),
  shareWithIntake: z.boolean().optional(),
});

export const countermeasureBody = z.object({
  type: z.enum(["workaround", "fix"]),
  description: text(20_000),
  affectedVersions: versions.optional(),
  fixedVersions: versions.optional(),
  url: url.optional(),
  /** `description` in the other language than `language`. */
  ...vendorTextLanguage,
  /** The product it is for, with its CPE name, package URL and version ranges (all optional). */
  product: optionalText(300),
  ...productIdentityInput,
});
export type CountermeasureInput = z.infer<typeof countermeasureBody>;

export const selfReportBody = z.object({
  title: text(200),
  description: text(20_000),
  countermeasures: z
    .array(countermeasureBody.omit({ affectedVersions: true }))
    .min(1)
    .max(20),
  proposedPublishAt: instant,
});

/** One body for both kinds of case a caller opens; the caller's organization type decides. */
export const openCaseBody = z.union([csirtCaseBody, selfReportBody]);

export const addVendorBody = z.object({ organizationId: id, reason: optionalText(2_000) });
export const scheduleBody = z.object({
  publishAt: instant,
  countermeasureDue: instant.nullable().optional(),
  reason: text(2_000),
  /** Needed beyond the maximum embargo (W-6). */
  exceedReason: optionalText(2_000),
  /** On a CSIRT's case: the proposal the CSIRT agreed to (W-5). */
  csirtProposalId: optionalText(100),
});
/** W-5: on a CSIRT's case the coordinator proposes a new date and the CSIRT agrees first. */
export const scheduleProposalBody = z.object({
  publishAt: instant,
  countermeasureDue: instant.nullable().optional(),
  reason: text(2_000),
});
export const proposalAnswerBody = z.object({
  decision: z.enum(["agree", "refuse"]),
  note: optionalText(2_000),
});
export const proposalParams = z.object({ id, pid: id });

export const scheduleDecisionBody = z.object({
  decision: z.enum(["accept", "decline"]),
  reason: text(2_000),
  exceedReason: optionalText(2_000),
});
export const assignBody = z.object({ userId: id });
export const closeCaseBody = z.object({
  reason: z.enum(["no_action", "duplicate"]),
  message: text(5_000),
  duplicateOf: optionalText(500),
});
export const noteBody = z.object({ note: text(5_000) });
export const publishUnreachableBody = z.object({
  stage: z.enum(["name", "product"]),
  decision: text(5_000),
});
export const committeeBody = z.object({
  decision: z.enum(["publish", "do_not_publish"]),
  summary: text(5_000),
});
export const referBody = z.object({ csirtOrganizationId: id, note: text(5_000) });

export const vendorStatusBody = z.object({
  status: z.enum(["investigating", "affected", "not_affected", "cannot_reproduce"]),
  statement: optionalText(20_000),
});
export const othersAffectedBody = z.object({ vendorName: text(200), reason: text(5_000) });
export const scheduleRequestBody = z.object({ publishAt: instant, reason: text(2_000) });
export const statementBody = z.object({
  text: text(20_000),
  advisoryUrl: url.optional(),
  contact: optionalText(500),
  /** `text` in the other language than `language`. */
  ...vendorTextLanguage,
});
export type StatementInput = z.infer<typeof statementBody>;
export const trackingIdBody = z.object({ trackingId: text(200) });
export const caseMembersBody = z.object({ userIds: z.array(id).max(500) });
export const directContactBody = z.object({ reason: text(5_000) });
export const messageBody = z.object({
  body: text(20_000),
  /** "<orgId>", "vendors", "intake", "csirt", "coordinator" or "finder"; as API.md says. */
  to: z.string().trim().min(1).max(100).optional(),
});

export const caseParams = z.object({ id });
export const vendorParams = z.object({ id, orgId: id });
export const requestParams = z.object({ id, rid: id });

/** The answer of an action that made something new: its id. */
export { created } from "../../platform/http/openapi.ts";
