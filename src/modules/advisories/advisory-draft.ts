import { z } from "zod";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { sealedJson } from "../../platform/crypto/sealed.ts";
import type { Executor } from "../../platform/db/database.ts";
import { textLanguage } from "../../platform/text/language.ts";
import { checkCvssVector, cvssSeverity } from "../reports/cvss.ts";
import { readDraftRow } from "./advisories.repository.ts";
import {
  ADVISORY_LANGUAGES,
  type AdvisoryDraftView,
  type AdvisoryLanguage,
  type CvssScore,
  referenceView,
  SEVERITIES,
  type Severity,
  storedDraftAffected,
  translatedTextsView,
} from "./advisories.schemas.ts";
import { cweName } from "./cwe.ts";
import {
  type AdvisoryDifference,
  draftDifferences,
  type VendorEntries,
} from "./draft-differences.ts";

/**
 * The coordinator's advisory draft: what it holds, how it is sealed, how it is scored, and how a
 * case view shows it. Kept apart from the rest of the module so the cases presenter can show the
 * draft without importing the publication machinery.
 */

/** The draft as the coordinator wrote it (sealed until publication). */
const storedDraft = z.object({
  title: z.string(),
  overview: z.string(),
  description: z.string(),
  impact: z.string(),
  /** Drafts written before the coordinator could say are in the language their text is in. */
  language: z.enum(ADVISORY_LANGUAGES).optional(),
  translation: translatedTextsView.nullable().default(null),
  cwe: z.string().nullable(),
  cvssV3: z.string().nullable(),
  cvssV4: z.string().nullable(),
  affected: z.array(storedDraftAffected),
  references: z.array(referenceView),
  cveIds: z.array(z.string()),
  /** What changed, for the public history when the advisory is already published. */
  changeNote: z.string().nullable(),
});
export type AdvisoryDraft = z.infer<typeof storedDraft>;

/** `advisory_drafts.content_sealed`, one row per case (the row id is the case id). */
export const sealedAdvisoryDraft = sealedJson("advisory_drafts.content_sealed", storedDraft);

/** A vector the strict wrapper accepted, with its score; null for none or a bad one. */
export function scoreVector(vector: string | null): CvssScore | null {
  if (!vector) return null;
  const check = checkCvssVector(vector);
  if (!check.ok) return null;
  return {
    vector: vector.trim(),
    baseScore: check.baseScore,
    baseSeverity: cvssSeverity(check.baseScore),
  };
}

/** An advisory's severity: the higher of its CVSS 3.1 and 4.0 ratings (a filter finds either). */
export function advisorySeverity(v3: CvssScore | null, v4: CvssScore | null): Severity | null {
  const ratings = [v3?.baseSeverity, v4?.baseSeverity].filter((s): s is Severity => Boolean(s));
  if (ratings.length === 0) return null;
  return ratings.reduce((a, b) => (SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b));
}

/** The language of the draft's own texts. */
export function draftLanguage(draft: AdvisoryDraft): AdvisoryLanguage {
  return draft.language ?? textLanguage(`${draft.title}${draft.overview}`);
}

/** The draft's texts and weakness, as the draft view and the public advisory both show them. */
export function draftTexts(draft: AdvisoryDraft) {
  return {
    title: draft.title,
    overview: draft.overview,
    description: draft.description,
    impact: draft.impact,
    language: draftLanguage(draft),
    translation: draft.translation,
    cwe: draft.cwe,
    cweName: draft.cwe ? cweName(draft.cwe) : null,
  };
}

export interface LoadedDraft {
  row: { case_id: string; advisory_id: string; revision: number; updated_at: string };
  draft: AdvisoryDraft;
}

/** The case's draft, opened; null when the coordinator has not written one. */
export async function loadDraft(
  executor: Executor,
  cipher: FieldCipher,
  caseId: string,
): Promise<LoadedDraft | null> {
  const row = await readDraftRow(executor, caseId);
  if (!row) return null;
  const { content_sealed, ...rest } = row;
  return { row: rest, draft: sealedAdvisoryDraft.open(cipher, caseId, content_sealed) };
}

/**
 * The draft in a case view. The coordinator and the intake desk (who publish it) see all of it,
 * and, when given the vendors' entries, how the draft differs from them; a vendor sees it for
 * comment with only its own affected products, never another vendor's (R-COO-5) and never the
 * differences. Null: no draft yet.
 */
export async function presentAdvisoryDraft(
  executor: Executor,
  cipher: FieldCipher,
  caseId: string,
  viewer: { kind: string; orgId?: string },
  vendors?: readonly VendorEntries[],
): Promise<(AdvisoryDraftView & { differences?: AdvisoryDifference[] }) | null> {
  const loaded = await loadDraft(executor, cipher, caseId);
  if (!loaded) return null;
  const { row, draft } = loaded;
  const affected =
    viewer.kind === "vendor"
      ? draft.affected.filter((a) => a.vendorOrgId === viewer.orgId)
      : draft.affected;
  return {
    advisoryId: row.advisory_id,
    ...draftTexts(draft),
    cvssV3: scoreVector(draft.cvssV3),
    cvssV4: scoreVector(draft.cvssV4),
    affected,
    references: draft.references,
    cveIds: draft.cveIds,
    updatedAt: row.updated_at,
    ...(vendors && (viewer.kind === "coordinator" || viewer.kind === "intake")
      ? { differences: draftDifferences(draft, vendors) }
      : {}),
  };
}
