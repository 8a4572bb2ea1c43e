import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { SIGNIN_RATE_LIMIT } from "../accounts/accounts.routes.ts";
import {
  analysisRequestBody,
  claimBody,
  claimed,
  closeBody,
  created,
  idParams,
  leakNoticeBody,
  leakNoticeList,
  leakNoticeListQuery,
  leakNoticeView,
  membersBody,
  messageBody,
  requestParams,
  resultBody,
  siteCaseList,
  siteCaseListQuery,
  siteCaseMembers,
  siteCaseMessageList,
  siteCaseView,
} from "./site-cases.schemas.ts";
import type { SiteCasesService } from "./site-cases.service.ts";

/** API.md "Web-application cases" (R-WEB-*), plus the claim of a mailed link and the members. */
export async function registerSiteCaseRoutes(
  app: FastifyInstance,
  deps: { siteCases: SiteCasesService },
) {
  const { siteCases } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["site-cases"];

  api.get(
    "/api/v1/site-cases",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Site cases: every one (intake), or the organization's as assigned (operator)",
        querystring: siteCaseListQuery,
        response: { 200: siteCaseList },
      },
    },
    async (request) => siteCases.list(request.ctx.actor, request.query),
  );

  api.post(
    "/api/v1/site-cases/claim",
    {
      // The mailed token is the credential; signed in, the caller must be an operator's admin.
      config: { access: "public", rateLimit: SIGNIN_RATE_LIMIT },
      schema: {
        tags,
        summary:
          "Claim a site case with the mailed link: a new operator account and organization, or the signed-in operator admin's organization",
        body: claimBody,
        response: { 200: claimed },
      },
    },
    async (request) => siteCases.claim(request.ctx.actor, request.body),
  );

  api.get(
    "/api/v1/site-cases/:id",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "One site case (intake, and the operator)",
        params: idParams,
        response: { 200: siteCaseView },
      },
    },
    async (request) => siteCases.get(request.ctx.actor, request.params.id),
  );

  api.post(
    "/api/v1/site-cases/:id/acknowledge",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The operator acknowledges the report",
        params: idParams,
        response: { 200: siteCaseView },
      },
    },
    async (req) => siteCases.acknowledge(req.ctx.actor, req.params.id),
  );

  api.post(
    "/api/v1/site-cases/:id/result",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The operator reports its verification result and, when fixed, the fix (R-WEB-2)",
        params: idParams,
        body: resultBody,
        response: { 200: siteCaseView },
      },
    },
    async (req) => siteCases.reportResult(req.ctx.actor, req.params.id, req.body),
  );

  api.post(
    "/api/v1/site-cases/:id/leak-notice",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The operator publishes a personal-data leak notice (R-WEB-4)",
        params: idParams,
        body: leakNoticeBody,
        response: { 201: created },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await siteCases.publishLeakNotice(req.ctx.actor, req.params.id, req.body)),
  );

  api.post(
    "/api/v1/site-cases/:id/mark-unreachable",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The desk marks the operator unreachable",
        params: idParams,
        response: { 200: siteCaseView },
      },
    },
    async (req) => siteCases.markUnreachable(req.ctx.actor, req.params.id),
  );

  api.post(
    "/api/v1/site-cases/:id/close",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The desk closes the site case; the report closes with it (R-INT-9)",
        params: idParams,
        body: closeBody,
        response: { 200: siteCaseView },
      },
    },
    async (req) => siteCases.close(req.ctx.actor, req.params.id, req.body),
  );

  api.post(
    "/api/v1/site-cases/:id/analysis-requests",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The desk asks the operator's permission to analyse (R-WEB-3)",
        params: idParams,
        body: analysisRequestBody,
        response: { 201: created },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await siteCases.requestAnalysis(req.ctx.actor, req.params.id, req.body)),
  );

  for (const decision of ["grant", "deny"] as const) {
    api.post(
      `/api/v1/site-cases/:id/analysis-requests/:rid/${decision}`,
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: `The operator ${decision === "grant" ? "grants" : "denies"} an analysis request`,
          params: requestParams,
          response: { 200: siteCaseView },
        },
      },
      async (req) =>
        siteCases.answerAnalysis(req.ctx.actor, req.params.id, req.params.rid, decision),
    );
  }

  api.post(
    "/api/v1/site-cases/:id/messages",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "A message between the desk and the operator (R-WEB-5)",
        params: idParams,
        body: messageBody,
        response: { 201: created },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await siteCases.postMessage(req.ctx.actor, req.params.id, req.body.body)),
  );

  api.get(
    "/api/v1/site-cases/:id/messages",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The desk ⇄ operator messages",
        params: idParams,
        response: { 200: siteCaseMessageList },
      },
    },
    async (req) => ({
      items: await siteCases.messages(req.ctx.actor, req.params.id),
      nextCursor: null,
    }),
  );

  api.put(
    "/api/v1/site-cases/:id/members",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The operator's admin chooses which members see the case (R-SEC-6)",
        params: idParams,
        body: membersBody,
        response: { 200: siteCaseMembers },
      },
    },
    async (req) => siteCases.setMembers(req.ctx.actor, req.params.id, req.body.userIds),
  );

  api.get(
    "/api/v1/leak-notices",
    {
      config: { access: "public" },
      schema: {
        tags: ["leak-notices"],
        summary: "Personal-data leak notices of site operators (public)",
        querystring: leakNoticeListQuery,
        response: { 200: leakNoticeList },
      },
    },
    async (req) => siteCases.leakNotices(req.query),
  );

  api.get(
    "/api/v1/leak-notices/:id",
    {
      config: { access: "public" },
      schema: {
        tags: ["leak-notices"],
        summary: "One leak notice (public)",
        params: idParams,
        response: { 200: leakNoticeView },
      },
    },
    async (req) => siteCases.leakNotice(req.params.id),
  );
}
