import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import { checkCvssVector } from "../reports/cvss.ts";
import { cweName } from "./cwe.ts";

/**
 * The coordinator's advisory draft: what it holds, how it is sealed, and how a case view shows
 * it. Kept apart from the rest of the module so the cases presenter can show the draft without
 * importing the publication machinery.
 */
export const advisoryDraftContext = (caseId: string) => `advisory_drafts.content_sealed:${caseId}`;

export interface AffectedProduct {
  vendorOrgId: string;
  product: string;
  versions: string[];
}

export interface Reference {
  url: string;
  title: string | null;
}

/** The draft as the coordinator wrote it (sealed until publication). */
export interface AdvisoryDraft {
  title: string;
  overview: string;
  description: string;
  impact: string;
  cwe: string | null;
  cvssV3: string | null;
  cvssV4: string | null;
  affected: AffectedProduct[];
  references: Reference[];
  cveIds: string[];
  /** What changed, for the public history when the advisory is already published. */
  changeNote: string | null;
}

export type Severity = "none" | "low" | "medium" | "high" | "critical";
const SEVERITY_ORDER: readonly Severity[] = ["none", "low", "medium", "high", "critical"];

export interface CvssScore {
  vector: string;
  baseScore: number;
  baseSeverity: Severity;
}

/** The qualitative rating of a base score; CVSS 3.1 and 4.0 share the bands. */
export function severityOf(score: number): Severity {
  if (score === 0) return "none";
  if (score < 4) return "low";
  if (score < 7) return "medium";
  if (score < 9) return "high";
  return "critical";
}

/** A vector the strict wrapper accepted, with its score; null for none or a bad one. */
export function scoreVector(vector: string | null): CvssScore | null {
  if (!vector) return null;
  const check = checkCvssVector(vector);
  if (!check.ok) return null;
  return {
    vector: vector.trim(),
    baseScore: check.baseScore,
    baseSeverity: severityOf(check.baseScore),
  };
}

/** An advisory's severity: the higher of its CVSS 3.1 and 4.0 ratings (a filter finds either). */
export function advisorySeverity(v3: CvssScore | null, v4: CvssScore | null): Severity | null {
  const ratings = [v3?.baseSeverity, v4?.baseSeverity].filter((s): s is Severity => Boolean(s));
  if (ratings.length === 0) return null;
  return ratings.reduce((a, b) => (SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b) ? a : b));
}

export interface DraftRow {
  case_id: string;
  advisory_id: string;
  revision: number;
  content_sealed: string;
  updated_at: string;
}

export async function loadDraft(
  executor: Executor,
  cipher: FieldCipher,
  caseId: string,
): Promise<{ row: DraftRow; draft: AdvisoryDraft } | null> {
  const row = await executor
    .selectFrom("advisory_drafts")
    .select(["case_id", "advisory_id", "revision", "content_sealed", "updated_at"])
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  if (!row) return null;
  const draft = JSON.parse(
    cipher.decrypt(row.content_sealed, advisoryDraftContext(caseId)),
  ) as AdvisoryDraft;
  return { row: { ...row, revision: Number(row.revision) }, draft };
}

/**
 * The draft in a case view. The coordinator and the intake desk (who publish it) see all of it;
 * a vendor sees it for comment with only its own affected products, never another vendor's
 * (R-COO-5). Null: no draft yet.
 */
export async function presentAdvisoryDraft(
  executor: Executor,
  cipher: FieldCipher,
  caseId: string,
  viewer: { kind: string; orgId?: string },
) {
  const loaded = await loadDraft(executor, cipher, caseId);
  if (!loaded) return null;
  const { row, draft } = loaded;
  const affected =
    viewer.kind === "vendor"
      ? draft.affected.filter((a) => a.vendorOrgId === viewer.orgId)
      : draft.affected;
  return {
    advisoryId: row.advisory_id,
    title: draft.title,
    overview: draft.overview,
    description: draft.description,
    impact: draft.impact,
    cwe: draft.cwe,
    cweName: draft.cwe ? cweName(draft.cwe) : null,
    cvssV3: scoreVector(draft.cvssV3),
    cvssV4: scoreVector(draft.cvssV4),
    affected,
    references: draft.references,
    cveIds: draft.cveIds,
    updatedAt: row.updated_at,
  };
}
