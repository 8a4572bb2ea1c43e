import { z } from "zod";
import { LANGUAGES } from "../../platform/i18n/i18n.ts";
import type { DeadlineStanding } from "../../workflow/policy.ts";
import {
  CASE_OUTCOMES,
  REPORT_CLOSE_REASONS,
  REPORT_STATUSES,
  SITE_CASE_OUTCOMES,
} from "../../workflow/report.ts";
import { decryptedMessage } from "../desk-key/desk-key.schemas.ts";
import { riskView, URGENCIES } from "../risk/risk.schemas.ts";
import { RISK_SORTS, riskListQuery } from "../risk/risk.sorting.ts";
import { SSVC_DECISIONS } from "../risk/ssvc.ts";
import { checkCvssVector } from "./cvss.ts";

// --- Input ----------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const recordId = z.string().max(100);

export const reportKind = z.enum(["product", "web"]);

export const cwe = z
  .string()
  .trim()
  .regex(/^CWE-[1-9]\d{0,5}$/, 'must be a CWE identifier such as "CWE-89"');

export const cvssVector = z
  .string()
  .trim()
  .max(300)
  .superRefine((value, context) => {
    const check = checkCvssVector(value);
    if (!check.ok)
      context.addIssue({ code: "custom", message: `not a valid CVSS vector: ${check.message}` });
  });

const common = {
  title: text(200),
  // Required unless an encrypted message carries them (unlessEncrypted below).
  description: text(20_000).optional(),
  reproduction: text(20_000).optional(),
  /** An ASCII-armored OpenPGP message to the desk's key (R-SEC-3); decrypted at submission. */
  encryptedMessage: z.string().trim().min(1).max(1_000_000).optional(),
  verificationMethod: optionalText(20_000),
  attackMethod: optionalText(20_000),
  cwe: cwe.optional(),
  howFound: optionalText(5_000),
  /** SPEC §3: whether the finder also reported it directly to the vendor or operator. */
  alsoReportedDirectly: z.boolean().optional(),
};

/**
 * Description and reproduction stay required for a plain report; with an encrypted message
 * they may be inside it. Checked even when other fields fail, so one answer lists every
 * missing field, as before.
 */
function unlessEncrypted<T extends z.ZodType<{ encryptedMessage?: string | undefined }>>(
  schema: T,
): T {
  const isObject = (payload: { value: unknown }) =>
    typeof payload.value === "object" && payload.value !== null;
  let refined = schema;
  for (const field of ["description", "reproduction"] as const) {
    refined = refined.refine(
      (value) =>
        value.encryptedMessage !== undefined ||
        (value as Record<string, unknown>)[field] !== undefined,
      {
        path: [field],
        message: "Invalid input: expected string, received undefined",
        when: isObject,
      },
    ) as T;
  }
  return refined;
}

export const productReportBody = z.object({
  kind: z.literal("product"),
  ...common,
  productName: text(200),
  productVersion: text(200),
  vendorName: optionalText(200),
  cvssVector: cvssVector.optional(),
  disclosurePlans: optionalText(5_000),
  consent: z.object({
    identityToCoordinator: z.boolean(),
    identityToVendor: z.boolean(),
    directContact: z.boolean(),
    credit: z.string().trim().min(1).max(200).nullable(),
  }),
});
const productReport = unlessEncrypted(productReportBody);

export const webReportBody = z.object({
  kind: z.literal("web"),
  ...common,
  siteUrl: z.url({ protocol: /^https?$/ }).max(2000),
  consent: z.object({ identityToOperator: z.boolean(), directContact: z.boolean() }),
});
const webReport = unlessEncrypted(webReportBody);

export const submitReportBody = z.discriminatedUnion("kind", [productReport, webReport]);
export type SubmitReportInput = z.infer<typeof submitReportBody>;

export const resubmitBody = z
  .object({
    title: text(200),
    description: text(20_000),
    reproduction: text(20_000),
    verificationMethod: optionalText(20_000),
    attackMethod: optionalText(20_000),
    cwe: cwe,
    cvssVector: cvssVector,
    howFound: optionalText(5_000),
    productName: text(200),
    productVersion: text(200),
    vendorName: optionalText(200),
    siteUrl: z.url({ protocol: /^https?$/ }).max(2000),
    disclosurePlans: optionalText(5_000),
  })
  .partial();
export type ResubmitInput = z.infer<typeof resubmitBody>;

export const requestInfoBody = z.object({ message: z.string().trim().min(1).max(10_000) });
export const rejectBody = z.object({ reason: z.string().trim().min(1).max(5_000) });

export const closeBody = z.object({
  reason: z.enum(REPORT_CLOSE_REASONS),
  duplicateOf: z.string().trim().min(1).max(2000).optional(),
  message: optionalText(10_000),
});

export type CloseInput = z.infer<typeof closeBody>;

export const changeKindBody = z.object({
  kind: reportKind,
  reason: z.string().trim().min(1).max(5_000),
});
export type ChangeKindInput = z.infer<typeof changeKindBody>;

export const assignBody = z.object({ userId: recordId });

export const forwardBody = z.object({
  operatorOrganizationId: z.string().max(100).optional(),
  operatorName: z.string().trim().min(1).max(200).optional(),
  operatorContactEmail: z.email().max(254).optional(),
  /** Optional note to the finder that goes with the forward. */
  message: optionalText(10_000),
});
export type ForwardInput = z.infer<typeof forwardBody>;

export const messageBody = z.object({ body: z.string().trim().min(1).max(20_000) });

/** R-INT-6: the finder's plan to disclose to a third party (talk, paper, another body). */
export const consultationBody = z.object({
  plannedAt: z.iso.datetime({ offset: true }),
  venue: z.string().trim().min(1).max(500),
  scope: z.string().trim().min(1).max(10_000),
});
export type ConsultationInput = z.infer<typeof consultationBody>;

export const CONSULTATION_DECISIONS = ["no_objection", "defer_until"] as const;
export const consultationAnswerBody = z.object({
  decision: z.enum(CONSULTATION_DECISIONS),
  until: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().trim().min(1).max(5_000),
});
export type ConsultationAnswerInput = z.infer<typeof consultationAnswerBody>;

export const reportParams = z.object({ id: recordId });
export const consultationParams = z.object({ id: recordId, cid: recordId });

/** `?status=a,b` or `?status=a&status=b`: any of these states. */
const statusList = z
  .union([z.string().max(200), z.array(z.string().max(40)).max(REPORT_STATUSES.length)])
  .transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((entry) => entry.split(","))
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
  )
  .pipe(z.array(z.enum(REPORT_STATUSES)))
  .describe(`Any of ${REPORT_STATUSES.join(", ")}: comma-separated, or the parameter repeated`);

/**
 * The queue's filters. A finder's list is always their own reports; `assignee` is the desk's
 * only and is ignored for anyone else.
 */
export const reportListQuery = z.object({
  status: statusList.optional(),
  kind: reportKind.optional(),
  /** `me`, `unassigned`, or a desk member's user id. */
  assignee: z.string().max(100).optional(),
  /** Received more than this many days ago. */
  olderThanDays: z.coerce.number().int().min(0).max(36_500).optional(),
  /** Part of the product name, the vendor name or the site URL's host. */
  q: z.string().trim().max(200).optional(),
  /**
   * `newest` first (default) or `oldest` first; the desk also by risk, highest first, then
   * newest: `urgency`, `ssvc` (the SSVC decision) or `cvss` (the higher base score).
   */
  sort: z.enum(["newest", "oldest", ...RISK_SORTS]).default("newest"),
  ...riskListQuery,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ReportListQuery = z.infer<typeof reportListQuery>;

// --- Output: what the API answers, per audience ---------------------------------------------

const nullableText = z.string().nullable();

/** POST /reports: the receipt (201). */
export const reportReceipt = z.object({
  id: z.string(),
  receiptNumber: z.string(),
  receivedAt: z.string(),
  status: z.literal("submitted"),
});
export type ReportReceipt = z.infer<typeof reportReceipt>;

/** `{ id }` of something an action made (a message, a consultation). */
export { created } from "../../platform/http/openapi.ts";

const reportStatus = z.enum(REPORT_STATUSES);
/** A close reason of the desk, or the outcome of the case or site case it followed (R-INT-9). */
const closeReason = z.enum([
  ...new Set([...REPORT_CLOSE_REASONS, ...CASE_OUTCOMES, ...SITE_CASE_OUTCOMES]),
] as [string, ...string[]]);

const finderConsent = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("product"),
    identityToCoordinator: z.boolean(),
    identityToVendor: z.boolean(),
    directContact: z.boolean(),
    credit: nullableText,
  }),
  z.object({
    kind: z.literal("web"),
    identityToOperator: z.boolean(),
    directContact: z.boolean(),
  }),
]);

/** SPEC §2: an attachment is either part of the attack method or of the verification method. */
export const ATTACHMENT_CLASSES = ["attack_method", "verification_method"] as const;
export type AttachmentClass = (typeof ATTACHMENT_CLASSES)[number];

export const attachmentSummary = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  type: z.string().describe("The media type sniffed from the content"),
  class: z.enum(ATTACHMENT_CLASSES),
  uploadedAt: z.string(),
});
export type AttachmentSummary = z.infer<typeof attachmentSummary>;

/** What whoever may see a report sees: the finder, and the whole desk (its queue metadata). */
export const reportMetadataView = z.object({
  id: z.string(),
  receiptNumber: z.string(),
  kind: reportKind,
  title: z.string(),
  receivedAt: z.string(),
  status: reportStatus,
  closeReason: closeReason.nullable(),
  rejectReason: nullableText,
  duplicateOf: nullableText,
  caseId: nullableText,
  /** The case's human number, e.g. `C-2026-000012`. */
  caseNumber: nullableText,
  siteCaseId: nullableText,
  /** R-INT-7, R-COO-11: the case's dates and publication, told to the finder too. */
  publishAt: nullableText,
  countermeasureDue: nullableText,
  publishedAt: nullableText,
  /** R-PUB-5: the published advisory. */
  advisoryId: nullableText,
  /** The desk only. */
  assigneeUserId: nullableText.optional(),
  /** The desk only: it writes to the finder in the finder's language. */
  finderLanguage: z.enum(LANGUAGES).optional(),
  productName: nullableText,
  productVersion: nullableText,
  vendorName: nullableText,
  siteUrl: nullableText,
  cwe: nullableText,
  cvssVector: nullableText,
  consent: finderConsent.nullable(),
  history: z.array(
    z.object({ at: z.string(), status: reportStatus, reason: z.string().optional() }),
  ),
  /** R-INT-8: each change of kind with its reason. */
  kindChanges: z.array(
    z.object({ at: z.string(), from: reportKind, to: reportKind, reason: z.string() }),
  ),
  attachments: z.array(attachmentSummary),
  /** The desk only (R-RISK-1): CVSS, SSVC and urgency; null before it set them. */
  risk: riskView.nullable().optional(),
});
export type ReportMetadataView = z.infer<typeof reportMetadataView>;

/** With the content: the finder, the assigned desk member and the desk's admins (R-SEC-1). */
export const reportContentView = reportMetadataView.extend({
  description: z.string(),
  reproduction: z.string(),
  howFound: nullableText,
  disclosurePlans: nullableText,
  alsoReportedDirectly: z.boolean().nullable(),
  verificationMethod: nullableText,
  attackMethod: nullableText,
  /** The finder's PGP message as the desk decrypted it at submission (R-SEC-3). */
  decryptedMessage: decryptedMessage.nullable(),
});
export type ReportContentView = z.infer<typeof reportContentView>;

/** One report as the caller sees it (the content first: a union keeps the first that fits). */
export const reportView = z.union([reportContentView, reportMetadataView]);
export type ReportView = z.infer<typeof reportView>;

/** A finder's own report in "my reports". */
export const reportListItem = z.object({
  id: z.string(),
  receiptNumber: z.string(),
  kind: reportKind,
  title: z.string(),
  status: reportStatus,
  receivedAt: z.string(),
  productName: nullableText,
  vendorName: nullableText,
  siteUrl: nullableText,
});

/** A report in the desk's queue: its age and acknowledgement standing besides. */
export const queueItem = reportListItem.extend({
  assigneeUserId: nullableText,
  /** Whole days since receipt while open; null once the report has left the desk. */
  ageDays: z.number().int().nullable(),
  /** While the report awaits the desk: where it stands against the acknowledgement target. */
  acknowledgement: z
    .object({
      since: z.string(),
      dueAt: z.string(),
      standing: z.enum(["within", "near", "past"] as const satisfies readonly DeadlineStanding[]),
    })
    .nullable(),
  /** The desk's risk (R-RISK-1); null before it set one. */
  urgency: z.enum(URGENCIES).nullable().optional(),
  ssvcDecision: z.enum(SSVC_DECISIONS).nullable().optional(),
  /** The higher of the CVSS 3.1 and 4.0 base scores. */
  cvssScore: z.number().nullable().optional(),
});
export type QueueItem = z.infer<typeof queueItem>;

export const reportList = z.object({
  items: z.array(z.union([queueItem, reportListItem])),
  nextCursor: nullableText,
});
export type ReportList = z.infer<typeof reportList>;

export const reportMessage = z.object({
  id: z.string(),
  from: z.enum(["finder", "intake"]),
  body: z.string(),
  createdAt: z.string(),
});
export type ReportMessage = z.infer<typeof reportMessage>;

export const consultationView = z.object({
  id: z.string(),
  plannedAt: z.string(),
  venue: z.string(),
  scope: z.string(),
  /** R-INT-6: planned before the case's publication date. */
  beforePublication: z.boolean(),
  decision: z.enum(CONSULTATION_DECISIONS).nullable(),
  until: nullableText,
  reason: nullableText,
  answeredAt: nullableText,
  createdAt: z.string(),
});
export type ConsultationView = z.infer<typeof consultationView>;

const DUPLICATE_REASONS = [
  "same_product",
  "same_vendor",
  "same_site",
  "same_cwe",
  "similar_text",
] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** R-INT-3: an earlier report or a published advisory that may be the same finding, and why. */
export const duplicateCandidate = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("report"),
    reportId: z.string(),
    receiptNumber: z.string(),
    title: z.string(),
    receivedAt: z.string(),
    reasons: z.array(z.enum(DUPLICATE_REASONS)),
    textSimilarity: z.number(),
  }),
  z.object({
    kind: z.literal("advisory"),
    advisoryId: z.string(),
    title: z.string(),
    publishedAt: z.string(),
    reasons: z.array(z.enum(DUPLICATE_REASONS)),
    textSimilarity: z.number(),
  }),
]);
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;

/** A list answered whole (no further page). */
export const wholeList = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.null() });
