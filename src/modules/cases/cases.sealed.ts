import { z } from "zod";
import { sealedJson, sealedText } from "../../platform/crypto/sealed.ts";
import { versionRangeView } from "../../platform/text/product-identity.ts";

/** The sealed columns of the cases module, each declared once with what its plaintext is. */

/**
 * A vendor's public text (countermeasure, statement) may come in both languages: the language
 * of its text (older records: unknown) and the same text in the other language.
 */
const vendorTextLanguage = {
  language: z.enum(["ja", "en"]).optional(),
  translation: z.string().nullable().optional(),
};

/** What a CSIRT or a self-reporting vendor wrote when opening a case. */
export const openedCaseContent = sealedJson(
  "cases.content_sealed",
  z.object({
    description: z.string(),
    vendorNames: z.array(z.string()).optional(),
    conditions: z.string().nullable().optional(),
  }),
);
export type OpenedCaseContent = z.infer<typeof openedCaseContent.schema>;

export const countermeasureContent = sealedJson(
  "case_countermeasures.content_sealed",
  z.object({
    description: z.string(),
    affectedVersions: z.array(z.string()),
    fixedVersions: z.array(z.string()),
    url: z.string().nullable(),
    ...vendorTextLanguage,
    /** The product it is for and its identity; older records have none. */
    product: z.string().nullable().optional(),
    cpe: z.string().nullable().optional(),
    purl: z.string().nullable().optional(),
    ranges: z.array(versionRangeView).optional(),
  }),
);
export type CountermeasureContent = z.infer<typeof countermeasureContent.schema>;

export const statementContent = sealedJson(
  "case_statements.content_sealed",
  z.object({
    text: z.string(),
    advisoryUrl: z.string().nullable(),
    contact: z.string().nullable(),
    ...vendorTextLanguage,
  }),
);
export type StatementContent = z.infer<typeof statementContent.schema>;

export const caseMessageBody = sealedText("case_messages.body_sealed");
