import { z } from "zod";
import {
  FIX_METHODS,
  SITE_CASE_STATUSES,
  SITE_CLOSE_REASONS,
} from "../../workflow/site-case/index.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

export const idParams = z.object({ id: z.string().min(1).max(100) });
export const requestParams = z.object({
  id: z.string().min(1).max(100),
  rid: z.string().min(1).max(100),
});

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
export const analysisRequestBody = z.object({ reason: text(5_000).optional() }).default({});

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
