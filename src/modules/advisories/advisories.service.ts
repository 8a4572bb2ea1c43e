import { sql } from "kysely";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { nextCounterValue } from "../../platform/db/counters.ts";
import type { Db, Tx } from "../../platform/db/database.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import { notFound, ProblemError } from "../../platform/http/problem.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { wordTokens } from "../../platform/text/tokens.ts";
import type { CaseState, TerminationReason } from "../../workflow/case/index.ts";
import type { Actor } from "../access/actor.ts";
import type { CaseViewer } from "../cases/cases.policy.ts";
import type { CasesService } from "../cases/cases.service.ts";
import {
  type AdvisoryDraftInput,
  type AdvisoryListQuery,
  SEVERITIES,
} from "./advisories.schemas.ts";
import { composeAdvisory, type PublicAdvisory, readAdvisory } from "./advisories.store.ts";
import { type AdvisoryDraft, advisoryDraftContext, loadDraft } from "./advisory-draft.ts";

const coordinatorOnly = () =>
  new ProblemError(
    403,
    "forbidden",
    "Only the coordinator drafts, approves and publishes advisories.",
  );

/** The public list's entry: enough to choose an advisory and filter (API.md). */
export interface AdvisorySummary {
  advisoryId: string;
  title: string;
  overview: string;
  publishedAt: string;
  updatedAt: string;
  severity: string | null;
  cwe: string | null;
  cveIds: string[];
  vendors: string[];
}

/** A LIKE pattern's literal part: %, _ and the escape character itself match only themselves. */
function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A date alone is a whole day in Japan; the bound is that day's start (or the next day's). */
function bound(value: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00+09:00`);
    return new Date(end ? start + 24 * 60 * 60 * 1000 : start).toISOString();
  }
  const instant = new Date(Date.parse(value));
  return end ? new Date(instant.getTime() + 1).toISOString() : instant.toISOString();
}

export function createAdvisoriesService(deps: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  cases: CasesService;
  advisoryPrefix: string;
}) {
  const { db, cipher, clock, cases } = deps;
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
    const advisory = await composeAdvisory(tx, cipher, {
      caseId,
      state,
      advisoryId: loaded.row.advisory_id,
      draft: loaded.draft,
      statements: state.participants.flatMap((p) =>
        p.statement ? [{ orgId: p.orgId, statementId: p.statement.id }] : [],
      ),
      countermeasures: state.participants.flatMap((p) =>
        p.countermeasures.map((c) => ({ orgId: p.orgId, countermeasureId: c.id })),
      ),
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
          cwe: input.cwe ?? null,
          cvssV3: input.cvssV3 ?? null,
          cvssV4: input.cvssV4 ?? null,
          affected: input.affected,
          references: input.references.map((r) => ({ url: r.url, title: r.title || null })),
          cveIds: [...new Set(input.cveIds ?? [])],
          changeNote: input.changeNote || null,
        };
        const existing = await tx
          .selectFrom("advisory_drafts")
          .select("advisory_id")
          .where("case_id", "=", caseId)
          .executeTakeFirst();
        const at = iso();
        const sealed = cipher.encrypt(JSON.stringify(draft), advisoryDraftContext(caseId));
        // The draft is written before the workflow runs, so an observer that publishes (or
        // updates a published advisory) in this transaction reads this very revision.
        const revision = visible.state.advisory.revision + 1;
        if (existing) {
          await tx
            .updateTable("advisory_drafts")
            .set({
              revision,
              content_sealed: sealed,
              updated_by: actor.kind === "user" ? actor.userId : "system",
              updated_at: at,
            })
            .where("case_id", "=", caseId)
            .execute();
        } else {
          await tx
            .insertInto("advisory_drafts")
            .values({
              case_id: caseId,
              advisory_id: await nextAdvisoryId(tx, visible.state),
              revision,
              content_sealed: sealed,
              updated_by: actor.kind === "user" ? actor.userId : "system",
              created_at: at,
              updated_at: at,
            })
            .execute();
        }
        await visible.execute({ type: "update_advisory" });
      });
    },

    /** POST …/advisory/approve: the scheduler then publishes it at publishAt (R-COO-4). */
    async approve(actor: Actor, caseId: string) {
      return cases.actOnCase(actor, caseId, "case.advisory_approved", async (_tx, visible) => {
        requireCoordinator(visible.viewer);
        await visible.execute({ type: "approve_advisory" });
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

    async list(query: AdvisoryListQuery) {
      const limit = query.limit ?? 50;
      const after = decodeCursor(query.cursor, 2);
      let select = db
        .selectFrom("advisories")
        .select([
          "advisory_id",
          "title",
          "overview",
          "published_at",
          "updated_at",
          "severity",
          "cwe",
          "cve_ids",
          "search_vendors",
        ]);
      const like = (
        column: "search_tokens" | "search_vendors" | "search_products" | "search_cves",
        pattern: string,
      ) => sql<boolean>`${sql.ref(column)} like ${pattern} escape ${"\\"}`;
      if (query.q) {
        for (const token of new Set(wordTokens(query.q))) {
          select = select.where(like("search_tokens", `%|${likeLiteral(token)}|%`));
        }
      }
      if (query.vendor) {
        const term = query.vendor.normalize("NFKC").toLowerCase();
        select = select.where(like("search_vendors", `%${likeLiteral(term)}%`));
      }
      if (query.product) {
        const term = query.product.normalize("NFKC").toLowerCase();
        select = select.where(like("search_products", `%${likeLiteral(term)}%`));
      }
      if (query.cve) {
        select = select.where(like("search_cves", `%|${likeLiteral(query.cve.toUpperCase())}|%`));
      }
      if (query.cwe) select = select.where("cwe", "=", query.cwe.toUpperCase());
      if (query.severity && (SEVERITIES as readonly string[]).includes(query.severity)) {
        select = select.where("severity", "=", query.severity);
      }
      if (query.from) select = select.where("published_at", ">=", bound(query.from, false));
      if (query.to) select = select.where("published_at", "<", bound(query.to, true));
      if (after) {
        const [publishedAt, advisoryId] = after as [string, string];
        select = select.where((eb) =>
          eb.or([
            eb("published_at", "<", publishedAt),
            eb.and([eb("published_at", "=", publishedAt), eb("advisory_id", "<", advisoryId)]),
          ]),
        );
      }
      const rows = await select
        .orderBy("published_at", "desc")
        .orderBy("advisory_id", "desc")
        .limit(limit + 1)
        .execute();
      const result = page(rows, limit, (row) => [row.published_at, row.advisory_id]);
      const vendorNames = await namesOf(result.items.map((row) => row.advisory_id));
      return {
        nextCursor: result.nextCursor,
        items: result.items.map(
          (row): AdvisorySummary => ({
            advisoryId: row.advisory_id,
            title: row.title,
            overview: row.overview,
            publishedAt: row.published_at,
            updatedAt: row.updated_at,
            severity: row.severity,
            cwe: row.cwe,
            cveIds: JSON.parse(row.cve_ids),
            vendors: vendorNames.get(row.advisory_id) ?? [],
          }),
        ),
      };
    },

    async get(advisoryId: string): Promise<PublicAdvisory> {
      const advisory = await readAdvisory(db, { advisoryId });
      if (!advisory) throw notFound();
      return advisory;
    },

    /** The newest advisories, by their latest change, for the feeds. */
    async recent(limit = 50): Promise<PublicAdvisory[]> {
      const rows = await db
        .selectFrom("advisories")
        .select("advisory_id")
        .orderBy("updated_at", "desc")
        .orderBy("advisory_id", "desc")
        .limit(limit)
        .execute();
      const advisories: PublicAdvisory[] = [];
      for (const row of rows) {
        const advisory = await readAdvisory(db, { advisoryId: row.advisory_id });
        if (advisory) advisories.push(advisory);
      }
      return advisories;
    },

    /** The published advisory of a case, for the finder's report (R-PUB-5). */
    async advisoryIdOfCase(caseId: string): Promise<string | null> {
      const row = await db
        .selectFrom("advisories")
        .select("advisory_id")
        .where("case_id", "=", caseId)
        .executeTakeFirst();
      return row?.advisory_id ?? null;
    },
  };

  async function namesOf(advisoryIds: string[]): Promise<Map<string, string[]>> {
    const names = new Map<string, string[]>();
    if (advisoryIds.length === 0) return names;
    const rows = await db
      .selectFrom("advisory_vendors")
      .select(["advisory_id", "name"])
      .where("advisory_id", "in", advisoryIds)
      .orderBy("position")
      .execute();
    for (const row of rows)
      names.set(row.advisory_id, [...(names.get(row.advisory_id) ?? []), row.name]);
    return names;
  }
}

export type AdvisoriesService = ReturnType<typeof createAdvisoriesService>;
