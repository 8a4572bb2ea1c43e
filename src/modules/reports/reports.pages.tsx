/**
 * The reports' pages: "My reports" and the desk's queue, one report's page, and — composed here —
 * filing a report (reports.filing.pages.tsx) and the report page's forms (reports.forms.pages.tsx).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import { noticeOf, signedInUser } from "../../web/form-action.ts";
import type { DeskTools } from "../../web/pages/reports/desk-actions.tsx";
import { DUPLICATE_CHECK_STATUSES } from "../../web/pages/reports/desk-actions.tsx";
import {
  listQueryOf,
  NO_FILTERS,
  queueFiltersQuery,
  queueHref,
} from "../../web/pages/reports/queue-filters.tsx";
import { ReportPage } from "../../web/pages/reports/report-detail.tsx";
import { ReportListPage } from "../../web/pages/reports/report-list.tsx";
import type { DetailForm } from "../../web/pages/reports/report-threads.tsx";
import { cursorQuery } from "../../web/public-list.ts";
import { pageContext, sendPage } from "../../web/render.ts";
import type { UserActor } from "../access/actor.ts";
import type { TaskSection } from "../analysis-tasks/analysis-tasks.service.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { CasesService } from "../cases/cases.service.ts";
import type { DeskKeyService } from "../desk-key/desk-key.service.ts";
import type { OrganizationsService } from "../organizations/organizations.service.ts";
import type { PrioritySummary } from "../priority/priority.summary.ts";
import { registerRiskForm } from "../risk/risk.pages.ts";
import type { RiskService } from "../risk/risk.service.ts";
import type { AttachmentsService } from "./attachments.service.ts";
import { findOperatorChoices } from "./operator-choices.ts";
import { registerFilingPages } from "./reports.filing.pages.tsx";
import { registerReportForms } from "./reports.forms.pages.tsx";
import type { ReportView } from "./reports.schemas.ts";
import type { ReportsService } from "./reports.service.ts";

const PAGE_SIZE = 50;
const idParams = z.object({ id: z.string().min(1).max(100) });

/** A query flag set by a redirect after a form (`?sent=1`): present or not. */
const flag = z.literal("1").optional().catch(undefined);

/** What one report's page reads from its query string; anything odd is ignored. */
const reportPageQuery = z.object({
  /** `?done=1` after an action of the tables; the others after the page's other forms. */
  done: z.string().max(20).optional().catch(undefined),
  sent: flag,
  attached: flag,
  contacted: flag,
  /** The desk's message template to fill in. */
  template: z
    .string()
    .transform((id) => id.slice(0, 100))
    .optional()
    .catch(undefined),
  /** The desk's search for a site operator to forward to. */
  operatorQuery: z
    .string()
    .transform((query) => query.slice(0, 200))
    .catch(""),
});
type ReportPageQuery = z.infer<typeof reportPageQuery>;

/** The notices of the page's forms that are not the action tables'. */
const OTHER_NOTICES = {
  sent: "reports.notice.message",
  attached: "attachments.notice.attached",
  contacted: "contactPages.finder.notice",
} as const satisfies Record<string, MessageKey>;

/** The desk's own view of the list (its queue); a type check on the organization, no narrowing. */
function isDesk(actor: UserActor): boolean {
  return actor.organization?.type === "intake";
}

export async function registerReportPages(
  app: FastifyInstance,
  deps: {
    reports: ReportsService;
    organizations: OrganizationsService;
    deskKey: Pick<DeskKeyService, "decrypt">;
    attachments: AttachmentsService;
    cases: Pick<CasesService, "finderContacts" | "postAsFinder">;
    auditLog: Pick<AuditService, "recordDenied">;
    /** The desk's risk form (R-RISK-1, risk module). */
    risk?: Pick<RiskService, "setReportRisk">;
    /** The analysis tasks' section of the report page (analysis-tasks module). */
    analysisTaskSection?: (
      actor: UserActor,
      subject: { type: "report"; id: string },
    ) => Promise<TaskSection | null>;
    /** The case's priority provisions in short, for the finder (priority module, R-PRI-5). */
    prioritySummary?: (actor: UserActor, caseId: string) => Promise<PrioritySummary | null>;
  },
) {
  const { reports, organizations, cases } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = true;

  await registerFilingPages(app, deps);

  // --- My reports / the queue ---------------------------------------------------------------

  pages.get(
    "/reports",
    { config: { access: "signed_in" }, schema: { hide } },
    async (request, reply) => {
      const actor = signedInUser(request);
      const desk = isDesk(actor);
      // A finder's list is their own reports; only the desk's queue has filters.
      const filters = desk ? queueFiltersQuery.parse(request.query ?? {}) : NO_FILTERS;
      const { cursor } = cursorQuery.parse(request.query ?? {});
      const result = await reports.list(actor, {
        ...listQueryOf(filters),
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      const members =
        desk && actor.organization
          ? (await organizations.members(actor, actor.organization.id)).map((member) => ({
              userId: member.userId,
              name: member.name,
            }))
          : [];
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <ReportListPage
          page={page}
          queue={desk}
          mayReport={!desk && actor.emailVerified}
          userId={actor.userId}
          items={result.items}
          filters={filters}
          members={members}
          target={desk ? reports.acknowledgementTarget() : undefined}
          paged={cursor !== undefined}
          firstHref={queueHref(filters)}
          nextHref={result.nextCursor ? queueHref(filters, { cursor: result.nextCursor }) : null}
        />,
      );
    },
  );

  // --- One report -----------------------------------------------------------------------------

  /** The template chosen, and for an accepted web report the operators to forward to. */
  const deskToolsFor = async (
    actor: UserActor,
    report: ReportView,
    query: ReportPageQuery,
  ): Promise<DeskTools> => {
    const operators =
      report.kind === "web" && report.status === "accepted"
        ? await findOperatorChoices(organizations, actor, report.siteUrl, query.operatorQuery)
        : null;
    const duplicates = DUPLICATE_CHECK_STATUSES.includes(report.status)
      ? await reports.duplicates(actor, report.id)
      : [];
    return { template: query.template ?? null, operators, duplicates };
  };

  /** R-COO-6: the vendors in direct contact with the finder; none while the report has no case. */
  const finderContactsOf = async (actor: UserActor, id: string) => {
    try {
      return (await cases.finderContacts(actor, id)).items;
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) return null;
      throw error;
    }
  };

  /** Issue 13 point 10: the case's draft and its comments, for the finder and the desk. */
  const draftReviewOf = async (actor: UserActor, report: ReportView) => {
    if (!report.caseId) return null;
    try {
      const status = await reports.draftAdvisory(actor, report.id);
      return { status, comments: await reports.draftComments(actor, report.id) };
    } catch (error) {
      // Not the finder, and a desk member who has not taken the report: nothing to show.
      if (error instanceof ProblemError && (error.status === 404 || error.status === 403))
        return null;
      throw error;
    }
  };

  const sendDetail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    options: { notice?: MessageKey | null; form?: DetailForm | null; status?: number } = {},
  ) => {
    const actor = signedInUser(request);
    const desk = isDesk(actor);
    const query = reportPageQuery.parse(request.query ?? {});
    const report = await reports.get(actor, id);
    const messages = "description" in report ? await reports.messages(actor, id) : null;
    const deskTools = desk ? await deskToolsFor(actor, report, query) : undefined;
    const directContacts = desk ? null : await finderContactsOf(actor, id);
    const draftReview = await draftReviewOf(actor, report);
    const analysisTasks = desk
      ? await deps.analysisTaskSection?.(actor, { type: "report", id })
      : null;
    const priority =
      !desk && report.caseId ? await deps.prioritySummary?.(actor, report.caseId) : null;
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <ReportPage
        page={page}
        report={report}
        messages={messages}
        desk={desk}
        userId={actor.userId}
        notice={options.notice ?? null}
        form={options.form ?? null}
        deskTools={deskTools}
        directContacts={directContacts}
        draftReview={draftReview}
        analysisTasks={analysisTasks}
        priority={priority}
      />,
      options.status ?? 200,
    );
  };

  pages.get(
    "/reports/:id",
    { config: { access: "signed_in" }, schema: { hide, params: idParams } },
    async (request, reply) => {
      const query = reportPageQuery.parse(request.query ?? {});
      const other = (Object.keys(OTHER_NOTICES) as (keyof typeof OTHER_NOTICES)[]).find(
        (key) => query[key] === "1",
      );
      return sendDetail(request, reply, request.params.id, {
        notice: noticeOf(reports.actionTable, query.done) ?? (other ? OTHER_NOTICES[other] : null),
      });
    },
  );

  registerReportForms(app, {
    ...deps,
    again: (request, reply, form, status) =>
      sendDetail(request, reply, (request.params as { id: string }).id, { form, status }),
  });
  if (deps.risk) {
    const { risk } = deps;
    registerRiskForm(app, {
      base: "/reports",
      set: (actor, id, body) => risk.setReportRisk(actor, id, body),
      again: (request, reply, form, status) =>
        sendDetail(request, reply, (request.params as { id: string }).id, { form, status }),
      recordDenied: deps.auditLog.recordDenied,
    });
  }
}
