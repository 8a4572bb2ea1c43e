import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { SIGNIN_RATE_LIMIT } from "../accounts/accounts.routes.ts";
import { registerActionRoutes } from "../actions/action-routes.ts";
import {
  claimBody,
  claimed,
  created,
  idParams,
  leakNoticeList,
  leakNoticeListQuery,
  leakNoticeView,
  membersBody,
  messageBody,
  siteCaseList,
  siteCaseListQuery,
  siteCaseMembers,
  siteCaseMessageList,
  siteCaseView,
} from "./site-cases.schemas.ts";
import type { SiteCasesService } from "./site-cases.service.ts";

/**
 * API.md "Web-application cases" (R-WEB-*), plus the claim of a mailed link and the members.
 * The actions on a case are the action table's (site-cases.actions.ts).
 */
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

  registerActionRoutes(app, {
    base: "/api/v1/site-cases",
    tags,
    table: siteCases.actionTable,
    methods: siteCases,
    view: siteCaseView,
  });

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
