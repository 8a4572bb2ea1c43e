import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ProblemError } from "../../platform/http/problem.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import {
  CaseSharesPage,
  emptyShareForm,
  type ShareFormValues,
} from "../../web/pages/analysis-shares/case-shares.tsx";
import { OperatorSharesPage } from "../../web/pages/analysis-shares/site-case-shares.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import type { OrganizationsService } from "../organizations/organizations.service.ts";
import {
  allValues,
  doneQuery,
  endOfDayInJapan,
  errorsOf,
  NOTICES,
} from "./analysis-shares.pages.tsx";
import { caseParams, caseShareParams, createSiteShareBody } from "./analysis-shares.schemas.ts";
import type { AnalysisSharesService } from "./analysis-shares.service.ts";

/** The form's key for the operator's answer and note. */
const OPERATOR = "operator";

/**
 * A web case's share pages (R-ANA-2): the desk shares and revokes after recording the site
 * operator's answer; the operator reads the shares it agreed to.
 */
export async function registerSiteCaseSharePages(
  app: FastifyInstance,
  deps: { analysisShares: AnalysisSharesService; organizations: OrganizationsService },
) {
  const { analysisShares, organizations } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();

  const sendSharesPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    siteCaseId: string,
    options: { form?: ShareFormValues; errors?: FieldError[]; notice?: MessageKey | null },
    status = 200,
  ) => {
    const actor = request.ctx.actor;
    const found = await analysisShares.siteSharesPage(actor, siteCaseId);
    const page = pageContext(request, reply);
    const caseTitle = `${found.title} (${found.reference})`;
    if (found.operator) {
      return sendPage(
        reply,
        page,
        <OperatorSharesPage
          page={page}
          siteCaseId={siteCaseId}
          caseTitle={caseTitle}
          shares={found.shares}
        />,
        status,
      );
    }
    const listed = await organizations.list(actor, { type: "analysis_org", limit: 200 });
    return sendPage(
      reply,
      page,
      <CaseSharesPage
        page={page}
        caseId={siteCaseId}
        caseTitle={caseTitle}
        shares={found.shares}
        subject="site_case"
        desk={{
          organizations: listed.items.map((org) => ({ id: org.id, name: org.name })),
          parties: [{ key: OPERATOR, label: page.t("analysisShares.party.operator") }],
          form: options.form ?? emptyShareForm,
          errors: options.errors ?? [],
        }}
        notice={options.notice ?? null}
      />,
      status,
    );
  };

  pages.get(
    "/site-cases/:id/analysis-shares",
    {
      config: { access: "signed_in" },
      schema: { hide: true, params: caseParams, querystring: doneQuery },
    },
    async (request, reply) =>
      sendSharesPage(request, reply, request.params.id, {
        notice: NOTICES[request.query.done ?? ""] ?? null,
      }),
  );

  pages.post(
    "/site-cases/:id/analysis-shares",
    { config: { access: "signed_in" }, schema: { hide: true, params: caseParams } },
    async (request, reply) => {
      const { t } = pageContext(request, reply);
      const siteCaseId = request.params.id;
      const fields = formFields(request.body);
      const answer = fields[`answer-${OPERATOR}`] ?? "";
      const note = (fields[`note-${OPERATOR}`] ?? "").trim();
      const form: ShareFormValues = {
        organizationId: fields.organizationId ?? "",
        classes: allValues(request.body, "classes"),
        until: (fields.until ?? "").trim(),
        answers: { [OPERATOR]: answer },
        notes: { [OPERATOR]: note },
      };
      const parsed = createSiteShareBody.safeParse({
        organizationId: form.organizationId,
        classes: form.classes,
        until: endOfDayInJapan(form.until) ?? "",
        consultation: answer ? [{ party: OPERATOR, answer, ...(note ? { note } : {}) }] : [],
      });
      const refused = (issues: { path: string; code?: string | undefined }[]) =>
        sendSharesPage(
          request,
          reply,
          siteCaseId,
          { form, errors: errorsOf(t, issues, "analysisShares.error.operatorConsultation") },
          422,
        );
      if (!parsed.success) {
        return refused(parsed.error.issues.map((issue) => ({ path: String(issue.path[0] ?? "") })));
      }
      try {
        await analysisShares.createForSiteCase(request.ctx.actor, siteCaseId, parsed.data);
      } catch (error) {
        if (error instanceof ProblemError && (error.status === 422 || error.status === 409)) {
          return refused(error.errors?.length ? error.errors : [{ path: "", code: error.code }]);
        }
        throw error;
      }
      return reply.redirect(
        `/site-cases/${encodeURIComponent(siteCaseId)}/analysis-shares?done=created`,
        303,
      );
    },
  );

  pages.post(
    "/site-cases/:id/analysis-shares/:sid/revoke",
    { config: { access: "signed_in" }, schema: { hide: true, params: caseShareParams } },
    async (request, reply) => {
      const { id, sid } = request.params;
      await analysisShares.revokeForSiteCase(request.ctx.actor, id, sid);
      return reply.redirect(
        `/site-cases/${encodeURIComponent(id)}/analysis-shares?done=revoked`,
        303,
      );
    },
  );
}
