import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { DateTime, Notice } from "../../web/components.tsx";
import { Layout } from "../../web/layout.tsx";
import {
  AdvisoryListPage,
  type AdvisorySearch,
} from "../../web/pages/advisories/advisory-list.tsx";
import { AdvisoryView } from "../../web/pages/advisories/advisory-view.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { isSignedIn } from "../access/actor.ts";
import type { CasesService } from "../cases/cases.service.ts";
import { advisoryListQuery, SEVERITIES } from "./advisories.schemas.ts";
import type { AdvisoriesService } from "./advisories.service.ts";
import { registerAdvisoryDraftPages } from "./advisory-draft.pages.tsx";
import type { FinderCommentsDeps } from "./finder-comments.ts";

const caseParams = z.object({ id: z.string().min(1).max(100) });
const advisoryParams = z.object({ advisoryId: z.string().min(1).max(100) });

/** Anything odd in a search is dropped rather than refused: it is a search box. */
const searchQuery = z.object({
  q: z.string().trim().max(500).optional().catch(undefined),
  vendor: z.string().trim().max(200).optional().catch(undefined),
  product: z.string().trim().max(200).optional().catch(undefined),
  cve: z.string().trim().max(40).optional().catch(undefined),
  cwe: z.string().trim().max(20).optional().catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  from: z.string().trim().max(40).optional().catch(undefined),
  to: z.string().trim().max(40).optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});

export async function registerAdvisoryPages(
  app: FastifyInstance,
  deps: {
    advisories: AdvisoriesService;
    cases: CasesService;
    publicUrl: string;
    /** The finder's comments on the draft, relayed by the desk (finder-comments.ts). */
    reports: FinderCommentsDeps["reports"];
  },
) {
  const { advisories, cases, publicUrl } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = { hide: true };

  pages.get(
    "/advisories",
    { config: { access: "public" }, schema: { ...hide, querystring: searchQuery } },
    async (request, reply) => {
      const { cursor, ...search } = request.query;
      const parsed = advisoryListQuery.safeParse({ ...search, cursor });
      // A date that is not one is dropped, like any other odd filter.
      const query = parsed.success
        ? parsed.data
        : advisoryListQuery.parse({ ...search, from: undefined, to: undefined, cursor });
      // Titles and overviews in the reader's language where the advisory has them.
      const result = await advisories.list({ ...query, lang: request.ctx.language });
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <AdvisoryListPage
          page={page}
          search={search as AdvisorySearch}
          items={result.items}
          nextCursor={result.nextCursor}
          paged={Boolean(cursor)}
        />,
      );
    },
  );

  pages.get(
    "/advisories/:advisoryId",
    { config: { access: "public" }, schema: { ...hide, params: advisoryParams } },
    async (request, reply) => {
      const advisory = await advisories.get(request.params.advisoryId);
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <Layout page={page} title={`${advisory.advisoryId} ${advisory.title}`}>
          <p>
            <a href="/advisories">{page.t("advisories.detail.backToList")}</a>
          </p>
          <AdvisoryView page={page} advisory={advisory} publicUrl={publicUrl} />
        </Layout>,
      );
    },
  );

  pages.get(
    "/cases/:id/advisory/preview",
    { config: { access: "signed_in" }, schema: { ...hide, params: caseParams } },
    async (request, reply) => {
      const { actor } = request.ctx;
      const advisory = await advisories.preview(actor, request.params.id);
      const page = pageContext(request, reply);
      const vendor = isSignedIn(actor) && actor.organization?.type === "vendor";
      return sendPage(
        reply,
        page,
        <Layout page={page} title={page.t("advisories.preview.title")}>
          <p>
            <a href={`/cases/${encodeURIComponent(request.params.id)}`}>
              {page.t("advisories.preview.backToCase")}
            </a>
          </p>
          <Notice kind="warning">
            <p>{page.t("advisories.preview.notice")}</p>
            <p>
              {page.t("advisories.preview.publishAt")}
              <DateTime value={advisory.publishedAt} language={page.language} />
            </p>
            {vendor ? <p>{page.t("advisories.preview.vendorNotice")}</p> : null}
          </Notice>
          <AdvisoryView page={page} advisory={advisory} publicUrl={publicUrl} preview />
        </Layout>,
      );
    },
  );

  await registerAdvisoryDraftPages(app, { advisories, cases, reports: deps.reports });
}
