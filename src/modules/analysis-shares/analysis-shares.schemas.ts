import { z } from "zod";
import { CVSS_SEVERITIES } from "../reports/cvss.ts";

/**
 * What a case holds, in closed classes the desk chooses from when sharing it with an outside
 * analysis organization (R-ANA-2). Nothing outside these classes ever reaches the organization:
 * not the finder, not the messages, not the coordinator's exchanges with the vendors.
 * - summary: title, status, when it was opened, the planned publication date, CWE and CVSS;
 * - technical_details: the description, reproduction steps and verification method;
 * - affected_products: the products and versions the report and the vendors named;
 * - proof_of_concept: the finder's attack method (the exploit itself, R-CLS-1);
 * - vendor_statements: each vendor's statement;
 * - countermeasures: the vendors' fixes and workarounds.
 */
export const INFORMATION_CLASSES = [
  "summary",
  "technical_details",
  "affected_products",
  "proof_of_concept",
  "vendor_statements",
  "countermeasures",
] as const;
export type InformationClass = (typeof INFORMATION_CLASSES)[number];

/**
 * The classes of a web-application case (docs/analysis-shares.md). A web case names no products
 * or vendors; what identifies the site is a class of its own, never chosen by default, because a
 * web case never identifies its site outside the desk and the operator (R-CLS-3):
 * - summary: title, status, when the operator was notified, CWE;
 * - technical_details: the description, reproduction steps and verification method;
 * - proof_of_concept: the finder's attack method;
 * - countermeasures: the operator's result (fixed or not vulnerable, and how);
 * - site_identity: the site's URL and its operator's name. Without it, both are replaced by
 *   `[site]` / `[operator]` wherever they occur in the shared texts.
 */
export const SITE_CASE_CLASSES = [
  "summary",
  "technical_details",
  "proof_of_concept",
  "countermeasures",
  "site_identity",
] as const;
export type SiteCaseClass = (typeof SITE_CASE_CLASSES)[number];

/** Every class a stored share may name, in the order pages and answers list them. */
export const ALL_CLASSES = [...INFORMATION_CLASSES, "site_identity"] as const;
export type ShareClass = (typeof ALL_CLASSES)[number];

/** The longest a share may last: access ends by itself by then at the latest. */
export const MAX_SHARE_DAYS = 180;

export const CONSULTATION_ANSWERS = ["agree", "object"] as const;
export const CONSULTED_PARTIES = ["coordinator", "vendor"] as const;
/** Every party a recorded consultation names: a web case's is its site's operator. */
export const RECORDED_PARTIES = [...CONSULTED_PARTIES, "operator"] as const;

const note = z.string().trim().max(2000);

/** One party consulted: the coordinator, or one vendor of the case (by its organization id). */
export const consultationEntry = z.object({
  party: z.enum(CONSULTED_PARTIES),
  /** The vendor's organization; absent for the coordinator. */
  organizationId: z.string().trim().min(1).max(100).optional(),
  answer: z.enum(CONSULTATION_ANSWERS),
  note: note.optional(),
});

export const createShareBody = z.object({
  organizationId: z.string().trim().min(1).max(100),
  classes: z
    .array(z.enum(INFORMATION_CLASSES))
    .min(1)
    .max(INFORMATION_CLASSES.length)
    .refine((classes) => new Set(classes).size === classes.length, "each class once"),
  until: z.iso.datetime({ offset: true }),
  /** The coordinator and every vendor notified of the case, each once. */
  consultation: z.array(consultationEntry).min(1).max(100),
});
export type CreateShareInput = z.infer<typeof createShareBody>;

/** The site's operator consulted on sharing its web case (it has no coordinator or vendors). */
export const operatorConsultationEntry = z.object({
  party: z.literal("operator"),
  answer: z.enum(CONSULTATION_ANSWERS),
  note: note.optional(),
});

export const createSiteShareBody = z.object({
  organizationId: z.string().trim().min(1).max(100),
  classes: z
    .array(z.enum(SITE_CASE_CLASSES))
    .min(1)
    .max(SITE_CASE_CLASSES.length)
    .refine((classes) => new Set(classes).size === classes.length, "each class once"),
  until: z.iso.datetime({ offset: true }),
  /** The operator's answer, once. */
  consultation: z.array(operatorConsultationEntry).min(1).max(10),
});
export type CreateSiteShareInput = z.infer<typeof createSiteShareBody>;

export const caseShareParams = z.object({ id: z.string().max(100), sid: z.string().max(100) });
export const caseParams = z.object({ id: z.string().max(100) });
export const shareParams = z.object({ sid: z.string().max(100) });
export const assignMembersBody = z.object({
  userIds: z.array(z.string().trim().min(1).max(100)).max(200),
});

const person = z.object({ id: z.string(), name: z.string() });

/** One read of a share, for the staff's read log. */
export const shareReadView = z.object({
  reader: person,
  classes: z.array(z.enum(ALL_CLASSES)),
  readAt: z.string(),
});

/** A share as the intake desk and the coordinator see it. */
export const staffShareView = z.object({
  id: z.string(),
  /** The product case shared; null for a web case's share. */
  caseId: z.string().nullable(),
  /** The web-application case shared; null for a product case's share. */
  siteCaseId: z.string().nullable(),
  organization: z.object({ id: z.string(), name: z.string() }),
  classes: z.array(z.enum(ALL_CLASSES)),
  until: z.string(),
  consultation: z.array(
    z.object({
      party: z.enum(RECORDED_PARTIES),
      organizationId: z.string().nullable(),
      name: z.string().nullable(),
      answer: z.enum(CONSULTATION_ANSWERS),
      note: z.string().nullable(),
    }),
  ),
  /** active, expired (past `until`) or revoked. */
  status: z.enum(["active", "expired", "revoked"]),
  /** Whether the organization accepted its NDA in the application (its members see nothing before). */
  ndaAccepted: z.boolean(),
  createdBy: person,
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: person.nullable(),
  reads: z.array(shareReadView),
});
export type StaffShareView = z.infer<typeof staffShareView>;
export const staffShareList = z.object({ items: z.array(staffShareView), nextCursor: z.null() });

/**
 * A share of its web case as the site's operator sees it: it agreed to it, so it is told with
 * whom, which classes and until when, and whether it still runs — not the desk's record of the
 * consultation, who of the organization read it, nor who at the desk shared it.
 */
export const operatorShareView = z.object({
  id: z.string(),
  siteCaseId: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  classes: z.array(z.enum(ALL_CLASSES)),
  until: z.string(),
  status: z.enum(["active", "expired", "revoked"]),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type OperatorShareView = z.infer<typeof operatorShareView>;
/** The desk's full view first: an operator's item lacks its fields and falls to the second. */
export const siteShareList = z.object({
  items: z.array(z.union([staffShareView, operatorShareView])),
  nextCursor: z.null(),
});

/** One share in the organization's list: no case content but its number and, with the summary, its title. */
export const sharedCaseItem = z.object({
  id: z.string(),
  /** What is shared: a product case, or a web-application case. */
  subject: z.enum(["case", "site_case"]),
  /** A product case's number; a web case's reference (its report's receipt number). */
  caseNumber: z.string().nullable(),
  title: z.string().nullable(),
  classes: z.array(z.enum(ALL_CLASSES)),
  until: z.string(),
  sharedAt: z.string(),
});
export type SharedCaseItem = z.infer<typeof sharedCaseItem>;
export const sharedCaseList = z.object({ items: z.array(sharedCaseItem), nextCursor: z.null() });

const productEntry = z.object({
  vendor: z.string().nullable(),
  product: z.string().nullable(),
  version: z.string().nullable(),
  cpe: z.string().nullable(),
  purl: z.string().nullable(),
  affectedVersions: z.array(z.string()),
  fixedVersions: z.array(z.string()),
});

/** The content of each class chosen; a class not chosen is absent. */
export const sharedContent = z.object({
  summary: z
    .object({
      title: z.string(),
      status: z.string(),
      openedAt: z.string(),
      publishAt: z.string().nullable(),
      cwe: z.string().nullable(),
      /** The case's first CVSS vector: its risk's (v3.1, else v4.0), else its report's. */
      cvssVector: z.string().nullable(),
      /**
       * Each CVSS vector of the case's risk (the desk's, R-RISK-1) with its base score; empty
       * when the case has no risk. The risk's reason and urgency are not summary.
       */
      cvss: z.array(
        z.object({
          vector: z.string(),
          baseScore: z.number().nullable(),
          severity: z.enum(CVSS_SEVERITIES).nullable(),
        }),
      ),
    })
    .optional(),
  technicalDetails: z
    .object({
      description: z.string().nullable(),
      reproduction: z.string().nullable(),
      verificationMethod: z.string().nullable(),
      conditions: z.string().nullable(),
    })
    .optional(),
  affectedProducts: z.array(productEntry).optional(),
  proofOfConcept: z.object({ attackMethod: z.string().nullable() }).optional(),
  /** A web case's countermeasures class: the operator's result, null before it reported one. */
  operatorResult: z
    .object({
      result: z.enum(["fixed", "not_vulnerable"]),
      fixMethod: z.string().nullable(),
      at: z.string(),
    })
    .nullable()
    .optional(),
  /** A web case's site_identity class: the site and its operator. */
  siteIdentity: z.object({ siteUrl: z.string(), operatorName: z.string().nullable() }).optional(),
  vendorStatements: z
    .array(
      z.object({
        vendor: z.string().nullable(),
        text: z.string(),
        advisoryUrl: z.string().nullable(),
        updatedAt: z.string(),
      }),
    )
    .optional(),
  countermeasures: z
    .array(
      z.object({
        vendor: z.string().nullable(),
        type: z.enum(["workaround", "fix"]),
        description: z.string(),
        fixedVersions: z.array(z.string()),
        url: z.string().nullable(),
        createdAt: z.string(),
      }),
    )
    .optional(),
});
export type SharedContent = z.infer<typeof sharedContent>;

/** A share as an assigned member of the organization reads it. */
export const sharedCaseView = sharedCaseItem.extend({
  organizationId: z.string(),
  content: sharedContent,
  /** For the organization's admins: who of its members are assigned (R-SEC-6). */
  assignedUserIds: z.array(z.string()).optional(),
});
export type SharedCaseView = z.infer<typeof sharedCaseView>;

export const assignedMembers = z.object({ userIds: z.array(z.string()) });
