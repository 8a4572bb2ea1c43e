import { z } from "zod";
import { TERMINATION_REASONS } from "../../workflow/case/index.ts";
import { checkCvssVector } from "../reports/cvss.ts";
import { isKnownCwe } from "./cwe.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const url = z.url({ protocol: /^https?$/ }).max(2000);

const cwe = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CWE-[1-9]\d{0,5}$/, 'must be a CWE identifier such as "CWE-89"')
  .refine(isKnownCwe, "is not a weakness in the CWE list");

const cvss = (version: "3.1" | "4.0") =>
  z
    .string()
    .trim()
    .max(300)
    .superRefine((vector, context) => {
      const check = checkCvssVector(vector);
      if (!check.ok) context.addIssue({ code: "custom", message: check.message });
      else if (check.version !== version)
        context.addIssue({ code: "custom", message: `must be a CVSS ${version} vector` });
    });

const cveId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CVE-\d{4}-\d{4,}$/, 'must be a CVE ID such as "CVE-2026-12345"');

/** PUT /api/v1/cases/{id}/advisory (API.md "Advisories and publication"). */
export const advisoryDraftBody = z.object({
  title: text(300),
  overview: text(5_000),
  description: text(20_000),
  impact: text(5_000),
  cwe: cwe.nullable().optional(),
  cvssV3: cvss("3.1").nullable().optional(),
  cvssV4: cvss("4.0").nullable().optional(),
  affected: z
    .array(
      z.object({
        vendorOrgId: z.string().trim().min(1).max(100),
        product: text(300),
        versions: z.array(text(200)).max(100),
      }),
    )
    .max(200),
  references: z
    .array(z.object({ url, title: z.string().trim().max(500).nullable().optional() }))
    .max(100),
  /** CVE IDs of the advisory; those named in references count too. */
  cveIds: z.array(cveId).max(50).optional(),
  /** For the public history, when the advisory is published already (R-PUB-2). */
  changeNote: z.string().trim().max(2_000).nullable().optional(),
});
export type AdvisoryDraftInput = z.infer<typeof advisoryDraftBody>;

export const terminateEmbargoBody = z.object({
  reason: z.enum(TERMINATION_REASONS),
  note: z.string().trim().max(5_000),
});

export const SEVERITIES = ["none", "low", "medium", "high", "critical"] as const;

/** Dates or instants; a date alone is a day in Japan (Asia/Tokyo), where advisories are dated. */
const when = z
  .string()
  .trim()
  .max(40)
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) || !Number.isNaN(Date.parse(value)),
    "must be a date (YYYY-MM-DD) or an ISO 8601 instant",
  );

export const advisoryListQuery = z.object({
  q: z.string().trim().max(500).optional(),
  vendor: z.string().trim().max(200).optional(),
  product: z.string().trim().max(200).optional(),
  cve: z.string().trim().max(40).optional(),
  cwe: z.string().trim().max(20).optional(),
  severity: z.enum(SEVERITIES).optional(),
  from: when.optional(),
  to: when.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});
export type AdvisoryListQuery = z.infer<typeof advisoryListQuery>;

export const caseParams = z.object({ id: z.string().trim().min(1).max(100) });
export const advisoryParams = z.object({ advisoryId: z.string().min(1).max(100) });
