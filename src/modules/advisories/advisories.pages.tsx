import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import { DateTime, type FieldError, Notice } from "../../web/components.tsx";
import { fieldErrorsOf, formFields } from "../../web/forms.ts";
import { Layout } from "../../web/layout.tsx";
import {
  AdvisoryDraftPage,
  type DraftForm,
  type DraftPageCase,
  EXTRA_AFFECTED_ROWS,
} from "../../web/pages/advisories/advisory-draft.tsx";
import {
  AdvisoryListPage,
  type AdvisorySearch,
} from "../../web/pages/advisories/advisory-list.tsx";
import { AdvisoryView } from "../../web/pages/advisories/advisory-view.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { isSignedIn } from "../access/actor.ts";
import type { CasesService } from "../cases/cases.service.ts";
import { advisoryDraftBody, advisoryListQuery, SEVERITIES } from "./advisories.schemas.ts";
import type { AdvisoriesService } from "./advisories.service.ts";

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

const NOTICES: Record<string, MessageKey> = {
  saved: "advisories.draft.notice.saved",
  approved: "advisories.draft.notice.approved",
  terminated: "advisories.draft.notice.terminated",
};

const splitList = (value: string | undefined, separator: RegExp) =>
  (value ?? "")
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

/** The form as the API body (API.md's fields; the rows and lines become arrays). */
export function draftBodyFromForm(form: DraftForm): Record<string, unknown> {
  const rows = Object.keys(form)
    .map((key) => /^affected\.(\d+)\./.exec(key)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number);
  const affected = [...new Set(rows)]
    .sort((a, b) => a - b)
    .filter((index) => form[`affected.${index}.vendorOrgId`] || form[`affected.${index}.product`])
    .map((index) => ({
      vendorOrgId: form[`affected.${index}.vendorOrgId`] ?? "",
      product: form[`affected.${index}.product`] ?? "",
      versions: splitList(form[`affected.${index}.versions`], /[,、]/),
    }));
  const references = splitList(form.references, /\r?\n/).map((line) => {
    const [url = "", ...title] = line.split(/\s+/);
    return { url, title: title.join(" ") || null };
  });
  const optional = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  return {
    title: form.title ?? "",
    overview: form.overview ?? "",
    description: form.description ?? "",
    impact: form.impact ?? "",
    cwe: optional(form.cwe),
    cvssV3: optional(form.cvssV3),
    cvssV4: optional(form.cvssV4),
    cveIds: splitList(form.cveIds, /[\s,、]+/),
    affected,
    references,
    changeNote: optional(form.changeNote),
  };
}

/** A saved draft as the form shows it. */
function formFromDraft(draft: Record<string, unknown> | null): DraftForm {
  if (!draft || typeof draft.title !== "string") return {};
  const d = draft as {
    title: string;
    overview: string;
    description: string;
    impact: string;
    cwe: string | null;
    cvssV3: { vector: string } | null;
    cvssV4: { vector: string } | null;
    cveIds: string[];
    affected: { vendorOrgId: string; product: string; versions: string[] }[];
    references: { url: string; title: string | null }[];
  };
  const form: DraftForm = {
    title: d.title,
    overview: d.overview,
    description: d.description,
    impact: d.impact,
    cwe: d.cwe ?? "",
    cvssV3: d.cvssV3?.vector ?? "",
    cvssV4: d.cvssV4?.vector ?? "",
    cveIds: d.cveIds.join(", "),
    references: d.references.map((r) => (r.title ? `${r.url} ${r.title}` : r.url)).join("\n"),
  };
  d.affected.forEach((a, index) => {
    form[`affected.${index}.vendorOrgId`] = a.vendorOrgId;
    form[`affected.${index}.product`] = a.product;
    form[`affected.${index}.versions`] = a.versions.join(", ");
  });
  return form;
}

/** Which form field a problem's path belongs to (arrays of lines map to their text area). */
function fieldOf(path: string): string {
  if (path.startsWith("references")) return "references";
  if (path.startsWith("cveIds")) return "cveIds";
  return path;
}

export async function registerAdvisoryPages(
  app: FastifyInstance,
  deps: { advisories: AdvisoriesService; cases: CasesService; publicUrl: string },
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
      const result = await advisories.list(query);
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

  /** The coordinator's draft page; everyone else who may see the case gets 403. */
  async function showDraft(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    options: {
      form?: DraftForm;
      errors?: FieldError[];
      notice?: MessageKey | null;
      status?: number;
    },
  ) {
    const { actor } = request.ctx;
    const view = (await cases.get(actor, id)) as unknown as {
      id: string;
      title: string;
      status: string | null;
      schedule: { publishAt: string } | null;
      publishedAt: string | null;
      termination: unknown;
      participants: { organizationId: string; name: string | null; status: string }[];
      advisory: { status: "none" | "draft" | "approved" } & Record<string, unknown>;
    };
    if (!isSignedIn(actor) || actor.organization?.type !== "coordinator") {
      throw new ProblemError(403, "forbidden", "Only the coordinator writes the advisory.");
    }
    const saved = formFromDraft(view.advisory);
    const form = options.form ?? saved;
    const rows =
      Math.max(
        ...Object.keys(form).map((key) => Number(/^affected\.(\d+)\./.exec(key)?.[1] ?? -1)),
        -1,
      ) +
      1 +
      EXTRA_AFFECTED_ROWS;
    const kase: DraftPageCase = {
      id: view.id,
      title: view.title,
      status: view.status,
      publishAt: view.schedule?.publishAt ?? null,
      advisoryStatus: view.advisory.status,
      advisoryId: typeof view.advisory.advisoryId === "string" ? view.advisory.advisoryId : null,
      published: view.publishedAt !== null,
      terminated: view.termination !== null,
      vendors: view.participants
        .filter((p) => p.status !== "identified")
        .map((p) => ({ id: p.organizationId, name: p.name ?? p.organizationId })),
    };
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <AdvisoryDraftPage
        page={page}
        kase={kase}
        form={form}
        rows={rows}
        errors={options.errors ?? []}
        notice={options.notice ?? null}
      />,
      options.status ?? 200,
    );
  }

  /** A change the case's state refuses (409) is shown on the draft page; anything else throws. */
  async function showConflict(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: unknown,
  ) {
    if (error instanceof ProblemError && error.status === 409) {
      return showDraft(request, reply, id, {
        errors: [{ path: "", message: error.message }],
        status: 409,
      });
    }
    throw error;
  }

  pages.get(
    "/cases/:id/advisory",
    {
      config: { access: "signed_in" },
      schema: {
        ...hide,
        params: caseParams,
        querystring: z.object({
          saved: z.string().optional(),
          approved: z.string().optional(),
          terminated: z.string().optional(),
        }),
      },
    },
    async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const notice = Object.keys(NOTICES).find((key) => query[key] === "1");
      return showDraft(request, reply, request.params.id, {
        notice: notice ? NOTICES[notice] : null,
      });
    },
  );

  pages.post(
    "/cases/:id/advisory",
    { config: { access: "signed_in" }, schema: { ...hide, params: caseParams } },
    async (request, reply) => {
      const { id } = request.params;
      const form = formFields(request.body);
      const parsed = advisoryDraftBody.safeParse(draftBodyFromForm(form));
      if (!parsed.success) {
        const { t } = pageContext(request, reply);
        const errors = parsed.error.issues.map((issue) => ({
          path: fieldOf(issue.path.join(".")),
          message: t("advisories.draft.error.invalid", { detail: issue.message }),
        }));
        return showDraft(request, reply, id, { form, errors, status: 422 });
      }
      try {
        await advisories.saveDraft(request.ctx.actor, id, parsed.data);
      } catch (error) {
        const errors = fieldErrorsOf(error).map((e) => ({ ...e, path: fieldOf(e.path) }));
        return showDraft(request, reply, id, { form, errors, status: 422 });
      }
      return reply.redirect(`/cases/${encodeURIComponent(id)}/advisory?saved=1`, 303);
    },
  );

  pages.post(
    "/cases/:id/advisory/approve",
    { config: { access: "signed_in" }, schema: { ...hide, params: caseParams } },
    async (request, reply) => {
      const { id } = request.params;
      try {
        await advisories.approve(request.ctx.actor, id);
      } catch (error) {
        return showConflict(request, reply, id, error);
      }
      return reply.redirect(`/cases/${encodeURIComponent(id)}/advisory?approved=1`, 303);
    },
  );

  pages.post(
    "/cases/:id/terminate-embargo",
    { config: { access: "signed_in" }, schema: { ...hide, params: caseParams } },
    async (request, reply) => {
      const { id } = request.params;
      const form = formFields(request.body);
      const reason = z
        .enum(["leak", "exploit_public", "exploited", "finder_published"])
        .safeParse(form.reason);
      if (!reason.success) {
        return showDraft(request, reply, id, {
          errors: [
            {
              path: "reason",
              message: pageContext(request, reply).t("advisories.draft.error.reason"),
            },
          ],
          status: 422,
        });
      }
      try {
        await advisories.terminateEmbargo(request.ctx.actor, id, {
          reason: reason.data,
          note: (form.note ?? "").trim().slice(0, 5_000),
        });
      } catch (error) {
        return showConflict(request, reply, id, error);
      }
      return reply.redirect(`/cases/${encodeURIComponent(id)}/advisory?terminated=1`, 303);
    },
  );
}
