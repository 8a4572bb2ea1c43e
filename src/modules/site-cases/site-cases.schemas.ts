import { z } from "zod";
import {
  FIX_METHODS,
  SITE_CASE_STATUSES,
  SITE_CLOSE_REASONS,
} from "../../workflow/site-case/index.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

export const idParams = z.object({ id: z.string().min(1).max(100) });
/** An analysis request of the case, in the path (R-WEB-3). */
export const analysisRequestParams = z.object({ rid: z.string().min(1).max(100) });

export const siteCaseListQuery = z.object({
  status: z.enum(SITE_CASE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type SiteCaseListQuery = z.infer<typeof siteCaseListQuery>;

/** R-WEB-2: the operator's verification result; a fix records its method. */
export const resultBody = z
  .object({
    result: z.enum(["fixed", "not_vulnerable"]),
    fixMethod: z.enum(FIX_METHODS).optional(),
    details: text(20_000),
  })
  .superRefine((value, context) => {
    if (value.result === "fixed" && !value.fixMethod)
      context.addIssue({ code: "custom", path: ["fixMethod"], message: "required for a fix" });
    if (value.result === "not_vulnerable" && value.fixMethod)
      context.addIssue({ code: "custom", path: ["fixMethod"], message: "only for a fix" });
  });
export type ResultInput = z.infer<typeof resultBody>;

/**
 * R-WEB-4: what a personal-data leak notice states. `dataKinds` is a list; one text is taken as
 * a list of one.
 */
export const leakNoticeBody = z.object({
  summary: text(5_000),
  period: text(500),
  affectedCount: z.number().int().min(0).max(1_000_000_000),
  dataKinds: z
    .union([text(500).transform((kind) => [kind]), z.array(text(500)).min(1).max(50)])
    .pipe(z.array(z.string())),
  cause: text(5_000),
  contact: text(1_000),
});
export type LeakNoticeInput = z.infer<typeof leakNoticeBody>;

export const closeBody = z.object({
  reason: z.enum(SITE_CLOSE_REASONS),
  message: text(10_000),
});
export type SiteCloseInput = z.infer<typeof closeBody>;

/** R-WEB-3: why the desk's analysts want to analyse the report (the operator decides). */
export const analysisRequestBody = z.object({ reason: text(5_000).optional() });

export const messageBody = z.object({ body: text(20_000) });

/** R-SEC-6: the operator's admin chooses which members see the case. */
export const membersBody = z.object({ userIds: z.array(z.string().min(1).max(100)).max(500) });

/**
 * The mailed claim link (R-WEB-1). Signed out, the person creates an account and a new
 * site_operator organization (they become its admin; the address is the one the link went
 * to); signed in as a site operator's admin, the case goes to that organization.
 */
export const claimBody = z.object({
  token: z.string().min(1).max(200),
  name: text(200).optional(),
  password: z.string().min(1).max(1024).optional(),
  language: z.enum(["ja", "en"]).optional(),
  organizationName: text(200).optional(),
});
export type ClaimInput = z.infer<typeof claimBody>;

export const leakNoticeListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

// --- What the API answers ------------------------------------------------------------------------
//
// The output allow-lists: presenters return these types and each route declares its answer
// with them, so the serializer drops whatever a schema does not list.

/** An ISO 8601 instant in UTC, as the platform writes every date. */
const instant = z.string();
const status = z.enum(SITE_CASE_STATUSES);

export { created } from "../../platform/http/openapi.ts";

/** What both audiences are shown of a site case (see the presenter for what and why). */
const siteCaseViewFields = {
  id: z.string(),
  status: status.nullable(),
  reference: z.string(),
  title: z.string(),
  siteUrl: z.string().nullable(),
  cwe: z.string().nullable(),
  notifiedAt: instant,
  acknowledgedAt: instant.nullable(),
  /** While the operator has not answered: when the acknowledgement (or the next reminder) is due. */
  acknowledgementDueAt: instant.nullable(),
  remindersSent: z.number().int(),
  result: z
    .object({
      result: z.enum(["fixed", "not_vulnerable"]),
      fixMethod: z.enum(FIX_METHODS).nullable(),
      at: instant,
      details: z.string().nullable(),
    })
    .nullable(),
  closure: z
    .object({ reason: z.enum(SITE_CLOSE_REASONS), at: instant, message: z.string() })
    .nullable(),
  analysisRequests: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["pending", "granted", "denied"]),
      reason: z.string().nullable(),
      requestedAt: instant,
      answeredAt: instant.nullable(),
    }),
  ),
  leakNotices: z.array(z.object({ id: z.string(), publishedAt: instant })),
  finderConsent: z
    .object({ identityToOperator: z.boolean(), directContact: z.boolean() })
    .nullable(),
  finder: z.object({ name: z.string(), email: z.string() }).nullable(),
  details: z
    .object({
      description: z.string(),
      reproduction: z.string(),
      verificationMethod: z.string().nullable(),
    })
    .nullable(),
  history: z.array(z.object({ at: instant, status })),
};

/** The operator's view: neither the desk's report nor the address the desk first wrote to. */
export const siteCaseOperatorView = z.object({
  ...siteCaseViewFields,
  operator: z.object({ organizationId: z.string().nullable(), name: z.string().nullable() }),
});

/** The desk's view: also its report and the operator's contact address. */
export const siteCaseIntakeView = z.object({
  ...siteCaseViewFields,
  reportId: z.string(),
  operator: z.object({
    organizationId: z.string().nullable(),
    name: z.string().nullable(),
    contactEmail: z.string().nullable(),
  }),
});

/** The desk's view first: an operator's view lacks `reportId`, so it never matches it. */
export const siteCaseView = z.union([siteCaseIntakeView, siteCaseOperatorView]);
export type SiteCaseOperatorView = z.infer<typeof siteCaseOperatorView>;
export type SiteCaseIntakeView = z.infer<typeof siteCaseIntakeView>;
export type SiteCaseView = z.infer<typeof siteCaseView>;

/** A row of the list: metadata only, the same for both audiences. */
export const siteCaseListItem = z.object({
  id: z.string(),
  status: status.nullable(),
  reference: z.string(),
  title: z.string(),
  siteUrl: z.string().nullable(),
  operator: z.object({ organizationId: z.string().nullable(), name: z.string().nullable() }),
  notifiedAt: instant,
  updatedAt: instant,
});
export type SiteCaseListItem = z.infer<typeof siteCaseListItem>;
export const siteCaseList = z.object({
  items: z.array(siteCaseListItem),
  nextCursor: z.string().nullable(),
});

/** A desk ⇄ operator message (R-WEB-5). */
export const siteCaseMessage = z.object({
  id: z.string(),
  from: z.enum(["intake", "operator"]),
  body: z.string(),
  createdAt: instant,
});
export type SiteCaseMessage = z.infer<typeof siteCaseMessage>;
/** The whole thread, on one page. */
export const siteCaseMessageList = z.object({
  items: z.array(siteCaseMessage),
  nextCursor: z.null(),
});

export const siteCaseMembers = z.object({ userIds: z.array(z.string()) });

export const claimed = z.object({
  siteCaseId: z.string(),
  organizationId: z.string(),
  userId: z.string(),
});

/** The public leak notice (R-WEB-4): what the operator wrote, who published it, when. */
export const leakNoticeView = z.object({
  id: z.string(),
  operatorName: z.string(),
  summary: z.string(),
  period: z.string(),
  affectedCount: z.number().int(),
  dataKinds: z.array(z.string()),
  cause: z.string(),
  contact: z.string(),
  publishedAt: instant,
});
export type LeakNoticeView = z.infer<typeof leakNoticeView>;
export const leakNoticeList = z.object({
  items: z.array(leakNoticeView),
  nextCursor: z.string().nullable(),
});
