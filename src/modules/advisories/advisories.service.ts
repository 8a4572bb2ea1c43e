import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { nextCounterValue } from "../../platform/db/counters.ts";
import type { Db, Tx } from "../../platform/db/database.ts";
import { notFound, ProblemError } from "../../platform/http/problem.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { CaseState, TerminationReason } from "../../workflow/case/index.ts";
import type { Actor } from "../access/actor.ts";
import type { CaseRecordsReader } from "../cases/case-records.ts";
import type { CaseViewer } from "../cases/cases.policy.ts";
import { assignFirst } from "../cases/cases.reads.ts";
import type { CasesService } from "../cases/cases.service.ts";
import { caseRiskVectors } from "../risk/risk.reads.ts";
import { composeAdvisory, currentRecordsOf } from "./advisories.composition.ts";
import {
  advisoryIdOfCase,
  draftAdvisoryId,
  draftAuthor,
  insertDraft,
  readAdvisory,
  recentAdvisoryIds,
  updateDraft,
} from "./advisories.repository.ts";
import type {
  AdvisoryDraftInput,
  AdvisoryList,
  AdvisoryListQuery,
  AdvisoryProductList,
  AdvisoryProductListQuery,
  AdvisoryVendorList,
  AdvisoryVendorListQuery,
  PublicAdvisory,
} from "./advisories.schemas.ts";
import {
  advisoryUpdatedAt,
  listAdvisoryProducts,
  listAdvisoryVendors,
  newestAdvisoryUpdate,
  publishedAdvisoryDates,
  searchAdvisories,
} from "./advisories.search.ts";
import { type AdvisoryDraft, loadDraft, sealedAdvisoryDraft } from "./advisory-draft.ts";
import { type AdvisorySuggestion, suggestDraft, suggestionSources } from "./draft-suggestion.ts";

const coordinatorOnly = () =>
  new ProblemError(
    403,
    "forbidden",
    "Only the coordinator drafts, approves and publishes advisories.",
  );

export function createAdvisoriesService(deps: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  cases: CasesService;
  caseRecords: CaseRecordsReader;
  advisoryPrefix: string;
  /** Whether a coordinator other than the draft's last author must approve it (four eyes). */
  secondApprover: boolean;
}) {
  const { db, cipher, clock, cases, caseRecords } = deps;
  const iso = () => clock.now().toISOString();

  /** R-PUB-1: PREFIX#NNNNNNNN for a finder's case, PREFIXVU#NNNNNNNN for the others; never reused. */
  async function nextAdvisoryId(tx: Tx, state: CaseState): Promise<string> {
    const value = await nextCounterValue(tx, "advisory");
    const kind = state.source?.kind === "report" ? "" : "VU";
    return `${deps.advisoryPrefix}${kind}#${String(value).padStart(8, "0")}`;
  }

  function requireCoordinator(viewer: CaseViewer) {
    if (viewer.kind !== "coordinator") throw coordinatorOnly();
  }

  /** The public advisory as it would go out now; a vendor sees its own entry only (R-COO-5). */
  async function composePreview(
    tx: Tx,
    caseId: string,
    state: CaseState,
    viewer: CaseViewer,
  ): Promise<PublicAdvisory> {
    const loaded = await loadDraft(tx, cipher, caseId);
    if (!loaded) throw new ProblemError(404, "not_found", "This case has no advisory draft yet.");
    const publishedAt =
      state.publication?.publishedAt ??
      (state.termination ? iso() : (state.schedule?.publishAt ?? iso()));
    const advisory = await composeAdvisory(tx, caseRecords, {
      state,
      loaded,
      ...currentRecordsOf(state),
      credit: state.publication?.credit ?? state.finderConsent?.credit ?? null,
      publishedAt,
      updatedAt: publishedAt,
      history: [{ at: publishedAt, kind: "published" }],
    });
    const { vendorOrgIds, ...view } = advisory;
    if (viewer.kind !== "vendor") return view;
    const own = vendorOrgIds.indexOf(viewer.orgId);
    const vendors = own >= 0 && view.vendors[own] ? [view.vendors[own]] : [];
    const names = new Set(vendors.map((v) => v.name));
    return { ...view, vendors, affected: view.affected.filter((a) => names.has(a.vendor)) };
  }

  return {
    /** Whether approval takes a coordinator other than the draft's last author (the setting). */
    secondApproverRequired: deps.secondApprover,

    /** PUT /api/v1/cases/{id}/advisory: the draft, sealed; runs `update_advisory`. */
    async saveDraft(actor: Actor, caseId: string, input: AdvisoryDraftInput) {
      return cases.actOnCase(actor, caseId, "case.advisory_saved", async (tx, visible) => {
        requireCoordinator(visible.viewer);
        const participants = new Set(visible.state.participants.map((p) => p.orgId));
        const strangers = input.affected.flatMap((entry, index) =>
          participants.has(entry.vendorOrgId)
            ? []
            : [{ path: `affected.${index}.vendorOrgId`, message: "not a vendor of this case" }],
        );
        if (strangers.length > 0) {
          throw new ProblemError(422, "invalid_input", "Name vendors of this case.", strangers);
        }
        const draft: AdvisoryDraft = {
          title: input.title,
          overview: input.overview,
          description: input.description,
          impact: input.impact,
          language: input.language ?? "ja",
          translation: input.translation ?? null,
          cwe: input.cwe ?? null,
          cvssV3: input.cvssV3 || null,
          cvssV4: input.cvssV4 || null,
          affected: input.affected.map((a) => ({
            ...a,
            cpe: a.cpe ?? null,
            purl: a.purl ?? null,
            ranges: a.ranges ?? [],
          })),
          references: input.references.map((r) => ({ url: r.url, title: r.title || null })),
          cveIds: [...new Set(input.cveIds ?? [])],
          changeNote: input.changeNote || null,
        };
        const existing = await draftAdvisoryId(tx, caseId);
        // The first draft without a CVSS starts from the case's risk (R-RISK-1).
        if (!existing && !draft.cvssV3 && !draft.cvssV4) {
          const risk = await caseRiskVectors(tx, caseId);
          draft.cvssV3 = risk?.cvssV3 ?? null;
          draft.cvssV4 = risk?.cvssV4 ?? null;
        }
        // The draft is written before the workflow runs, so an observer that publishes (or
        // updates a published advisory) in this transaction reads this very revision.
        const write = {
          caseId,
          revision: visible.state.advisory.revision + 1,
          contentSealed: sealedAdvisoryDraft.seal(cipher, caseId, draft),
          updatedBy: actor.kind === "user" ? actor.userId : "system",
          at: iso(),
        };
        if (existing) await updateDraft(tx, write);
        else {
          await insertDraft(tx, {
            ...write,
            advisoryId: await nextAdvisoryId(tx, visible.state),
          });
        }
        await visible.execute({ type: "update_advisory" });
      });
    },

    /**
     * POST …/advisory/approve: the scheduler then publishes it at publishAt (R-COO-4). With the
     * second-approver setting, the draft's last author may not approve it: another coordinator
     * does (409 `second_approver_required`). The audit entry names the revision approved and
     * the draft's author beside the approver.
     */
    async approve(actor: Actor, caseId: string) {
      // Filled in by the work, read when the pipeline writes the audit entry after it.
      const approval: Record<string, unknown> = {};
      return cases.actOnCase(
        actor,
        caseId,
        "case.advisory_approved",
        async (tx, visible) => {
          requireCoordinator(visible.viewer);
          const author = await draftAuthor(tx, caseId);
          const approver = actor.kind === "user" ? actor.userId : null;
          if (deps.secondApprover && author !== null && author === approver) {
            throw new ProblemError(
              409,
              "second_approver_required",
              "Another coordinator approves this advisory: you wrote the latest draft.",
            );
          }
          Object.assign(approval, {
            revision: visible.state.advisory.revision,
            draftAuthorUserId: author,
            secondApprover: author !== null && author !== approver,
          });
          await visible.execute({ type: "approve_advisory" });
        },
        approval,
      );
    },

    /**
     * GET …/advisory/suggestion: the draft the case suggests (draft-suggestion.ts). The
     * coordinator's alone, like the report it reads: 404 for anyone else who may see the case,
     * 403 `assignment_required` for a coordinator member not assigned to it (R-SEC-1).
     */
    async suggestion(actor: Actor, caseId: string): Promise<AdvisorySuggestion> {
      return cases.readCase(actor, caseId, "case.advisory_suggested", async (tx, visible) => {
        if (visible.viewer.kind !== "coordinator") throw notFound();
        if (!visible.fullContent) throw assignFirst();
        return suggestDraft(await suggestionSources(tx, caseRecords, visible.row, visible.state));
      });
    },

    /** POST …/terminate-embargo: publication as soon as possible, with the reason kept (W-2). */
    async terminateEmbargo(
      actor: Actor,
      caseId: string,
      input: { reason: TerminationReason; note: string },
    ) {
      return cases.actOnCase(
        actor,
        caseId,
        "case.embargo_terminated",
        async (_tx, visible) => {
          requireCoordinator(visible.viewer);
          await visible.execute({
            type: "terminate_embargo",
            reason: input.reason,
            note: input.note,
          });
        },
        { reason: input.reason },
      );
    },

    /** The advisory exactly as the public will see it, for those who publish it or comment. */
    async preview(actor: Actor, caseId: string): Promise<PublicAdvisory> {
      return cases.readCase(actor, caseId, "case.advisory_previewed", async (tx, visible) => {
        if (visible.viewer.kind === "csirt") {
          throw new ProblemError(403, "forbidden", "The advisory draft is for the case's vendors.");
        }
        return composePreview(tx, caseId, visible.state, visible.viewer);
      });
    },

    // -------------------------------------------------------------------------------------------
    // The public database (R-PUB-3): no authentication, published advisories only.

    async list(query: AdvisoryListQuery): Promise<AdvisoryList> {
      return searchAdvisories(db, query);
    },

    /** The vendors of the published advisories (MyJVN's getVendorList). */
    async vendors(query: AdvisoryVendorListQuery): Promise<AdvisoryVendorList> {
      return listAdvisoryVendors(db, query);
    },

    /** The affected products of the published advisories (MyJVN's getProductList). */
    async products(query: AdvisoryProductListQuery): Promise<AdvisoryProductList> {
      return listAdvisoryProducts(db, query);
    },

    /** When an advisory (or, without one, the whole database) last changed: `Last-Modified`. */
    async lastChanged(advisoryId?: string): Promise<string | null> {
      return advisoryId === undefined
        ? newestAdvisoryUpdate(db)
        : advisoryUpdatedAt(db, advisoryId);
    },

    /** Every published advisory's ID and latest change, for the sitemap. */
    async publishedDates(limit: number) {
      return publishedAdvisoryDates(db, limit);
    },

    async get(advisoryId: string): Promise<PublicAdvisory> {
      const advisory = await readAdvisory(db, { advisoryId });
      if (!advisory) throw notFound();
      return advisory;
    },

    /** The newest advisories, by their latest change, for the feeds. */
    async recent(limit = 50): Promise<PublicAdvisory[]> {
      const advisories: PublicAdvisory[] = [];
      for (const advisoryId of await recentAdvisoryIds(db, limit)) {
        const advisory = await readAdvisory(db, { advisoryId });
        if (advisory) advisories.push(advisory);
      }
      return advisories;
    },

    /** The published advisory of a case, for the finder's report (R-PUB-5). */
    async advisoryIdOfCase(caseId: string): Promise<string | null> {
      return advisoryIdOfCase(db, caseId);
    },
  };
}

export type AdvisoriesService = ReturnType<typeof createAdvisoriesService>;
