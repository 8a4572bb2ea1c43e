import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import type { MessageKey, Translate } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import {
  CaseSharesPage,
  type ConsultedParty,
  emptyShareForm,
  type ShareFormValues,
} from "../../web/pages/analysis-shares/case-shares.tsx";
import { SharedCasePage, SharedCasesPage } from "../../web/pages/analysis-shares/shared-cases.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import type { CasesService } from "../cases/cases.service.ts";
import type { OrganizationsService } from "../organizations/organizations.service.ts";
import {
  caseParams,
  caseShareParams,
  createShareBody,
  MAX_SHARE_DAYS,
  shareParams,
} from "./analysis-shares.schemas.ts";
import type { AnalysisSharesService } from "./analysis-shares.service.ts";
import { registerSiteCaseSharePages } from "./analysis-shares.site-pages.tsx";

export const NOTICES: Record<string, MessageKey> = {
  created: "analysisShares.done.created",
  revoked: "analysisShares.done.revoked",
  assigned: "analysisShares.done.assigned",
};
export const doneQuery = z.object({ done: z.string().max(40).optional().catch(undefined) });

/** Every value a repeated form field carries. */
export function allValues(body: unknown, name: string): string[] {
  const raw = (body as Record<string, unknown> | null)?.[name];
  return (Array.isArray(raw) ? raw : [raw]).filter(
    (value): value is string => typeof value === "string" && value !== "",
  );
}

/** The end of a date in Japan time: the share lasts through the day chosen. */
export function endOfDayInJapan(date: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59+09:00` : null;
}

/** One translated message per field the schema or the service refused. */
export function errorsOf(
  t: Translate,
  issues: { path: string; code?: string | undefined }[],
  consultationMessage: MessageKey = "analysisShares.error.consultation",
): FieldError[] {
  const errors = new Map<string, FieldError>();
  for (const issue of issues) {
    const field =
      issue.code === "consultation_objected" ? "consultation" : (issue.path.split(".")[0] ?? "");
    if (errors.has(field)) continue;
    const message =
      issue.code === "consultation_objected"
        ? t("analysisShares.error.objected")
        : field === "organizationId"
          ? t("analysisShares.error.organizationId")
          : field === "classes"
            ? t("analysisShares.error.classes")
            : field === "until"
              ? t("analysisShares.error.until", { days: MAX_SHARE_DAYS })
              : t(consultationMessage);
    errors.set(field, { path: field === "" ? "consultation" : field, message });
  }
  return [...errors.values()];
}

/** The desk's and the coordinator's share pages of a case, and the organization's pages (R-ANA-2). */
export async function registerAnalysisSharePages(
  app: FastifyInstance,
  deps: {
    analysisShares: AnalysisSharesService;
    cases: CasesService;
    organizations: OrganizationsService;
  },
) {
  const { analysisShares, cases, organizations } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  await registerSiteCaseSharePages(app, { analysisShares, organizations });

  const sendCasePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    options: { form?: ShareFormValues; errors?: FieldError[]; notice?: MessageKey | null },
    status = 200,
  ) => {
    const actor = request.ctx.actor;
    const shares = await analysisShares.listForCase(actor, caseId);
    const view = await cases.get(actor, caseId);
    const viewer = await cases.viewerOf(actor, caseId);
    const page = pageContext(request, reply);
    let desk = null;
    if (viewer.kind === "intake") {
      const listed = await organizations.list(actor, { type: "analysis_org", limit: 200 });
      const parties: ConsultedParty[] = [
        { key: "coordinator", label: page.t("analysisShares.party.coordinator") },
        ...view.participants
          .filter((p) => p.status !== "identified")
          .map((p) => ({ key: p.organizationId, label: p.name ?? p.organizationId })),
      ];
      desk = {
        organizations: listed.items.map((org) => ({ id: org.id, name: org.name })),
        parties,
        form: options.form ?? emptyShareForm,
        errors: options.errors ?? [],
      };
    }
    return sendPage(
      reply,
      page,
      <CaseSharesPage
        page={page}
        caseId={caseId}
        caseTitle={view.title}
        shares={shares}
        desk={desk}
        notice={options.notice ?? null}
      />,
      status,
    );
  };

  pages.get(
    "/cases/:id/analysis-shares",
    {
      config: { access: "signed_in" },
      schema: { hide: true, params: caseParams, querystring: doneQuery },
    },
    async (request, reply) =>
      sendCasePage(request, reply, request.params.id, {
        notice: NOTICES[request.query.done ?? ""] ?? null,
      }),
  );

  pages.post(
    "/cases/:id/analysis-shares",
    { config: { access: "signed_in" }, schema: { hide: true, params: caseParams } },
    async (request, reply) => {
      const { t } = pageContext(request, reply);
      const caseId = request.params.id;
      const fields = formFields(request.body);
      const answers: Record<string, string> = {};
      const notes: Record<string, string> = {};
      for (const [name, value] of Object.entries(fields)) {
        if (name.startsWith("answer-")) answers[name.slice("answer-".length)] = value;
        if (name.startsWith("note-")) notes[name.slice("note-".length)] = value;
      }
      const form: ShareFormValues = {
        organizationId: fields.organizationId ?? "",
        classes: allValues(request.body, "classes"),
        until: (fields.until ?? "").trim(),
        answers,
        notes,
      };
      const consultation = Object.entries(answers)
        .filter(([, answer]) => answer !== "")
        .map(([key, answer]) => ({
          party: key === "coordinator" ? "coordinator" : "vendor",
          ...(key === "coordinator" ? {} : { organizationId: key }),
          answer,
          ...(notes[key]?.trim() ? { note: notes[key]?.trim() } : {}),
        }));
      const parsed = createShareBody.safeParse({
        organizationId: form.organizationId,
        classes: form.classes,
        until: endOfDayInJapan(form.until) ?? "",
        consultation,
      });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: String(issue.path[0] ?? "") }));
        return sendCasePage(request, reply, caseId, { form, errors: errorsOf(t, issues) }, 422);
      }
      try {
        await analysisShares.create(request.ctx.actor, caseId, parsed.data);
      } catch (error) {
        if (error instanceof ProblemError && (error.status === 422 || error.status === 409)) {
          const issues = error.errors?.length ? error.errors : [{ path: "", code: error.code }];
          return sendCasePage(request, reply, caseId, { form, errors: errorsOf(t, issues) }, 422);
        }
        throw error;
      }
      return reply.redirect(
        `/cases/${encodeURIComponent(caseId)}/analysis-shares?done=created`,
        303,
      );
    },
  );

  pages.post(
    "/cases/:id/analysis-shares/:sid/revoke",
    { config: { access: "signed_in" }, schema: { hide: true, params: caseShareParams } },
    async (request, reply) => {
      const { id, sid } = request.params;
      await analysisShares.revoke(request.ctx.actor, id, sid);
      return reply.redirect(`/cases/${encodeURIComponent(id)}/analysis-shares?done=revoked`, 303);
    },
  );

  pages.get(
    "/analysis-shares",
    { config: { access: "signed_in" }, schema: { hide: true } },
    async (request, reply) => {
      const items = await analysisShares.listMine(request.ctx.actor);
      const page = pageContext(request, reply);
      return sendPage(reply, page, <SharedCasesPage page={page} items={items} />);
    },
  );

  pages.get(
    "/analysis-shares/:sid",
    {
      config: { access: "signed_in" },
      schema: { hide: true, params: shareParams, querystring: doneQuery },
    },
    async (request, reply) => {
      const actor = request.ctx.actor;
      const share = await analysisShares.read(actor, request.params.sid);
      const members = share.assignedUserIds
        ? (await analysisShares.organizationMembers(actor)).filter((m) => m.role !== "admin")
        : null;
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <SharedCasePage
          page={page}
          share={share}
          members={members}
          notice={NOTICES[request.query.done ?? ""] ?? null}
        />,
      );
    },
  );

  pages.post(
    "/analysis-shares/:sid/members",
    { config: { access: "signed_in" }, schema: { hide: true, params: shareParams } },
    async (request, reply) => {
      const { sid } = request.params;
      await analysisShares.assign(request.ctx.actor, sid, allValues(request.body, "userIds"));
      return reply.redirect(`/analysis-shares/${encodeURIComponent(sid)}?done=assigned`, 303);
    },
  );
}
