import { z } from "zod";
import { REPORT_STATUSES } from "../../workflow/report.ts";
import { checkCvssVector } from "./cvss.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

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

export const CLOSE_REASONS = [
  "not_a_vulnerability",
  "duplicate",
  "not_reproducible",
  "illegally_obtained",
  "out_of_scope",
  "withdrawn",
] as const;

export const closeBody = z.object({
  reason: z.enum(CLOSE_REASONS),
  duplicateOf: z.string().trim().min(1).max(2000).optional(),
  message: optionalText(10_000),
});

export const forwardBody = z
  .object({
    operatorOrganizationId: z.string().max(100).optional(),
    operatorName: z.string().trim().min(1).max(200).optional(),
    operatorContactEmail: z.email().max(254).optional(),
    /** Optional note to the finder that goes with the forward. */
    message: optionalText(10_000),
  })
  .default({});

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
  kind: z.enum(["product", "web"]).optional(),
  /** `me`, `unassigned`, or a desk member's user id. */
  assignee: z.string().max(100).optional(),
  /** Received more than this many days ago. */
  olderThanDays: z.coerce.number().int().min(0).max(36_500).optional(),
  /** Part of the product name, the vendor name or the site URL's host. */
  q: z.string().trim().max(200).optional(),
  /** `newest` first (default) or `oldest` first. */
  sort: z.enum(["newest", "oldest"]).default("newest"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ReportListQuery = z.infer<typeof reportListQuery>;
