import { z } from "zod";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import type { CaseRecordsReader } from "../cases/case-records.ts";
import { composeAdvisory } from "./advisories.composition.ts";
import { publicAdvisoryView } from "./advisories.schemas.ts";
import { loadDraft } from "./advisory-draft.ts";

/**
 * The draft advisory as the finder may read it before publication (issue 13 point 10): the
 * parts the public advisory will carry that the coordinator wrote — texts, weakness, scores, the
 * affected products, the references — and the credit as it will read, composed by the code that
 * composes the public advisory. The vendors' part of the advisory (their status, statements,
 * countermeasures, contacts) is theirs until publication and is left out by construction: the
 * composition is given no vendor record to read, and the answer's schema has no field for them.
 */

/** The parts of the public advisory the finder reads, with the planned publication. */
export const finderDraftView = publicAdvisoryView
  .pick({
    advisoryId: true,
    title: true,
    overview: true,
    description: true,
    impact: true,
    cwe: true,
    cweName: true,
    language: true,
    translation: true,
    cvss: true,
    severity: true,
    cveIds: true,
    affected: true,
    references: true,
    acknowledgement: true,
  })
  .extend({
    /** When the advisory is to be published (the case's schedule), null while none is set. */
    plannedPublishAt: z.string().nullable(),
    /** When the coordinator last changed the draft. */
    draftUpdatedAt: z.string(),
  });
export type FinderDraftView = z.infer<typeof finderDraftView>;

/**
 * Where the finder's report stands towards its advisory: no draft yet (or a case that will not
 * publish), a draft to read and comment on, or published (with the public advisory's ID).
 */
export const finderDraftStatus = z.object({
  stage: z.enum(["none", "draft", "published"]),
  /** The public advisory, once published. */
  advisoryId: z.string().nullable(),
  draft: finderDraftView.nullable(),
});
export type FinderDraftStatus = z.infer<typeof finderDraftStatus>;

/** No vendor record is ever read for the finder's draft: statements and fixes stay private. */
const NO_VENDOR_RECORDS: CaseRecordsReader = {
  statements: async () => [],
  countermeasures: async () => [],
};

const ACTIVE = new Set(["triage", "coordinating", "countermeasure_ready"]);

/** The draft for the finder, or why there is none to read (published, closed, not written). */
export async function finderDraftOf(
  executor: Executor,
  cipher: FieldCipher,
  caseId: string,
  state: CaseState,
  publishedAdvisoryId: (caseId: string) => Promise<string | null>,
): Promise<FinderDraftStatus> {
  if (state.publication) {
    return { stage: "published", advisoryId: await publishedAdvisoryId(caseId), draft: null };
  }
  if (!state.status || !ACTIVE.has(state.status))
    return { stage: "none", advisoryId: null, draft: null };
  const loaded = await loadDraft(executor, cipher, caseId);
  if (!loaded) return { stage: "none", advisoryId: null, draft: null };
  const plannedPublishAt = state.schedule?.publishAt ?? null;
  const when = plannedPublishAt ?? loaded.row.updated_at;
  const composed = await composeAdvisory(executor, NO_VENDOR_RECORDS, {
    state,
    loaded,
    statements: [],
    countermeasures: [],
    credit: state.finderConsent?.credit ?? null,
    publishedAt: when,
    updatedAt: when,
    history: [],
  });
  // The schema is the allow-list: whatever else the composition holds is dropped here.
  const draft = finderDraftView.parse({
    ...composed,
    plannedPublishAt,
    draftUpdatedAt: loaded.row.updated_at,
  });
  return { stage: "draft", advisoryId: null, draft };
}
