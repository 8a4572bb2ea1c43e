import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { anonymous } from "./modules/access/actor.ts";
import { registerRouteAccess } from "./modules/access/route-access.ts";
import { registerAccountPages } from "./modules/accounts/accounts.pages.tsx";
import { registerAccountRoutes } from "./modules/accounts/accounts.routes.ts";
import { registerAdvisoryPages } from "./modules/advisories/advisories.pages.tsx";
import { registerAdvisoryRoutes } from "./modules/advisories/advisories.routes.ts";
import { registerFinderCommentRoutes } from "./modules/advisories/finder-comments.ts";
import { registerAnalysisSharePages } from "./modules/analysis-shares/analysis-shares.pages.tsx";
import { registerAnalysisShareRoutes } from "./modules/analysis-shares/analysis-shares.routes.ts";
import { registerAnalysisTaskPages } from "./modules/analysis-tasks/analysis-tasks.pages.tsx";
import { registerAnalysisTaskRoutes } from "./modules/analysis-tasks/analysis-tasks.routes.ts";
import { registerAuditPages } from "./modules/audit/audit.pages.tsx";
import { registerAuditRoutes } from "./modules/audit/audit.routes.ts";
import { registerCasePages } from "./modules/cases/cases.pages.tsx";
import { registerCaseRoutes } from "./modules/cases/cases.routes.ts";
import { caseResponses } from "./modules/cases/cases.views.ts";
import { registerCsafProviderRoutes } from "./modules/csaf-provider/csaf-provider.routes.tsx";
import { registerDeskKeyPages } from "./modules/desk-key/desk-key.pages.tsx";
import { registerDeskKeyRoutes } from "./modules/desk-key/desk-key.routes.ts";
import { registerNotificationPages } from "./modules/notifications/notifications.pages.tsx";
import { registerNotificationRoutes } from "./modules/notifications/notifications.routes.ts";
import { registerNdaPages } from "./modules/organizations/nda.pages.tsx";
import { registerNdaRoutes } from "./modules/organizations/nda.routes.ts";
import { registerOrganizationPages } from "./modules/organizations/organizations.pages.tsx";
import { registerOrganizationRoutes } from "./modules/organizations/organizations.routes.ts";
import { registerPriorityPages } from "./modules/priority/priority.pages.tsx";
import { registerPriorityRoutes } from "./modules/priority/priority.routes.ts";
import { registerAttachmentRoutes } from "./modules/reports/attachments.routes.ts";
import { registerReportPages } from "./modules/reports/reports.pages.tsx";
import { registerReportRoutes } from "./modules/reports/reports.routes.ts";
import { registerScoringRoutes } from "./modules/reports/scoring.routes.ts";
import { registerRiskRoutes } from "./modules/risk/risk.routes.ts";
import { registerSiteCasePages } from "./modules/site-cases/site-cases.pages.tsx";
import { registerSiteCaseRoutes } from "./modules/site-cases/site-cases.routes.ts";
import { registerWebhookPages } from "./modules/webhooks/webhooks.pages.tsx";
import { registerWebhookRoutes } from "./modules/webhooks/webhooks.routes.ts";
import {
  buildRequestContext,
  credentialsOf,
  originOf,
  type RequestContext,
} from "./platform/http/context.ts";
import { openApiTransform } from "./platform/http/openapi.ts";
import { sendProblem, toProblem, wantsHtml } from "./platform/http/problem.ts";
import { registerSecurity } from "./platform/http/security.ts";
import { registerSystemRoutes } from "./platform/http/system.routes.ts";
import type { Runtime } from "./runtime.ts";
import { registerGetPages } from "./web/page-addresses.ts";
import { sendErrorPage } from "./web/pages/error.tsx";
import { registerWebRoutes } from "./web/web.routes.tsx";

/** What the application is built from; main.ts and the tests supply it. */
export type AppDeps = Pick<
  Runtime,
  "config" | "logger" | "clock" | "database" | "cipher" | "mail" | "services"
>;

export const JSON_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMITS = { fileSize: 20 * 1024 * 1024, files: 10, fields: 100, parts: 120 };

/** The composition root: every module registers itself here. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const secureCookies = deps.config.publicUrl.startsWith("https://");
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: JSON_BODY_LIMIT,
    return503OnClosing: true,
    // Behind a reverse proxy the client is whom the proxy says (rate limits, audit "from where").
    ...(deps.config.trustProxy.length > 0 ? { trustProxy: deps.config.trustProxy } : {}),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest("ctx", null as unknown as RequestContext);

  await registerSecurity(app, { secureCookies });
  app.addHook("onRequest", async (request) => {
    // Static assets are public and many per page: no credential lookups for them.
    const actor = request.url.startsWith("/static/")
      ? anonymous(originOf(request))
      : await deps.services.accounts.authenticate(credentialsOf(request), originOf(request));
    request.ctx = buildRequestContext(request, actor);
  });
  registerRouteAccess(app);
  registerGetPages(app);
  await app.register(formbody);
  await app.register(multipart, { limits: UPLOAD_LIMITS });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Kakehashi API",
        version: "1",
        description: "Coordinated vulnerability disclosure: reports, cases, advisories.",
      },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      },
    },
    transform: openApiTransform,
  });

  app.setErrorHandler(async (error, request, reply) => {
    const problem = toProblem(error as Error);
    if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    // A refused action by a signed-in user is a denied attempt worth keeping (R-SEC-2).
    if (problem.status === 403 && request.ctx?.actor.kind === "user") {
      await deps.services.auditLog.recordDenied(request.ctx.actor, {
        method: request.method,
        route: request.routeOptions.url ?? request.url.split("?")[0],
        code: problem.code,
      });
    }
    if (wantsHtml(request)) {
      // A page that needs a signed-in user sends the visitor to sign in, then back.
      if (problem.status === 401 && request.method === "GET") {
        const target =
          problem.code === "second_factor_required" ? "/signin/second-factor" : "/signin";
        return reply.redirect(`${target}?next=${encodeURIComponent(request.url)}`, 303);
      }
      return sendErrorPage(request, reply, problem.status, problem.code);
    }
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    if (wantsHtml(request)) return sendErrorPage(request, reply, 404, "not_found");
    return sendProblem(
      reply,
      toProblem(Object.assign(new Error("Not found."), { statusCode: 404 })),
    );
  });

  await registerSystemRoutes(app);
  await registerAccountRoutes(app, { accounts: deps.services.accounts, secureCookies });
  await registerAccountPages(app, { accounts: deps.services.accounts, secureCookies });
  await registerNotificationRoutes(app, { notifications: deps.services.notifications });
  registerNotificationPages(app, { notifications: deps.services.notifications });
  await registerOrganizationRoutes(app, { organizations: deps.services.organizations });
  await registerNdaRoutes(app, { nda: deps.services.nda });
  await registerAuditRoutes(app, { auditLog: deps.services.auditLog });
  await registerReportRoutes(app, { reports: deps.services.reports });
  await registerAttachmentRoutes(app, { attachments: deps.services.attachments });
  await registerScoringRoutes(app);
  await registerReportPages(app, {
    reports: deps.services.reports,
    organizations: deps.services.organizations,
    deskKey: deps.services.deskKey,
    attachments: deps.services.attachments,
    cases: deps.services.cases,
    auditLog: deps.services.auditLog,
    risk: deps.services.risk,
    analysisTaskSection: deps.services.analysisTasks.section,
    prioritySummary: deps.services.priority.summary,
  });
  await registerSiteCaseRoutes(app, { siteCases: deps.services.siteCases });
  await registerSiteCasePages(app, {
    siteCases: deps.services.siteCases,
    accounts: deps.services.accounts,
    auditLog: deps.services.auditLog,
    secureCookies,
  });
  await registerCaseRoutes(app, { cases: deps.services.cases });
  await registerRiskRoutes(app, { risk: deps.services.risk });
  await registerCasePages(app, {
    cases: deps.services.cases,
    organizations: deps.services.organizations,
    nda: deps.services.nda,
    finderMessagesToRelay: deps.services.reports.finderMessagesToRelay,
    analysisTaskSection: deps.services.analysisTasks.section,
    prioritySummary: deps.services.priority.summary,
    auditLog: deps.services.auditLog,
    policy: deps.services.workflow.policy,
    risk: deps.services.risk,
    clock: deps.clock,
  });
  await registerAdvisoryRoutes(app, {
    advisories: deps.services.advisories,
    caseView: caseResponses.caseView,
    publicUrl: deps.config.publicUrl,
    clock: deps.clock,
    cna: deps.config.cna,
    osvPrefix: deps.config.osvPrefix,
  });
  await registerFinderCommentRoutes(app, {
    cases: deps.services.cases,
    reports: deps.services.reports,
  });
  await registerAdvisoryPages(app, {
    advisories: deps.services.advisories,
    cases: deps.services.cases,
    reports: deps.services.reports,
    publicUrl: deps.config.publicUrl,
  });
  await registerDeskKeyRoutes(app, { deskKey: deps.services.deskKey });
  await registerCsafProviderRoutes(app, { csafProvider: deps.services.csafProvider });
  // Advisories published before the CSAF provider existed get their signed files at start.
  app.addHook("onReady", async () => {
    const filled = await deps.services.csafProvider.fillMissing();
    if (filled.written > 0) app.log.info({ documents: filled.written }, "CSAF files written");
    for (const { advisoryId, error } of filled.failed) {
      app.log.error({ err: error, advisoryId }, "the CSAF files of an advisory could not be made");
    }
  });
  await registerDeskKeyPages(app, {
    deskKey: deps.services.deskKey,
    publicUrl: deps.config.publicUrl,
  });
  await registerOrganizationPages(app, { organizations: deps.services.organizations });
  await registerNdaPages(app, {
    nda: deps.services.nda,
    organizations: deps.services.organizations,
    cases: deps.services.cases,
  });
  await registerAuditPages(app, { auditLog: deps.services.auditLog });
  await registerWebhookRoutes(app, { webhooks: deps.services.webhooks });
  await registerPriorityRoutes(app, {
    priority: deps.services.priority,
    recipients: deps.services.priorityRecipients,
  });
  await registerPriorityPages(app, {
    priority: deps.services.priority,
    recipients: deps.services.priorityRecipients,
  });
  await registerWebhookPages(app, { webhooks: deps.services.webhooks });
  await registerAnalysisShareRoutes(app, { analysisShares: deps.services.analysisShares });
  await registerAnalysisSharePages(app, {
    analysisShares: deps.services.analysisShares,
    cases: deps.services.cases,
    organizations: deps.services.organizations,
  });
  await registerAnalysisTaskRoutes(app, { analysisTasks: deps.services.analysisTasks });
  await registerAnalysisTaskPages(app, { analysisTasks: deps.services.analysisTasks });
  await registerWebRoutes(app, { secureCookies, accounts: deps.services.accounts });
  return app;
}
