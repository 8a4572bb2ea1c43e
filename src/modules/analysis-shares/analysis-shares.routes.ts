import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { created, noContent } from "../../platform/http/openapi.ts";
import {
  assignedMembers,
  assignMembersBody,
  caseParams,
  caseShareParams,
  createShareBody,
  createSiteShareBody,
  sharedCaseList,
  sharedCaseView,
  shareParams,
  siteShareList,
  staffShareList,
} from "./analysis-shares.schemas.ts";
import type { AnalysisSharesService } from "./analysis-shares.service.ts";

/** Outside analysis (R-ANA-2, docs/analysis-shares.md): the desk's shares and the organization's reads. */
export async function registerAnalysisShareRoutes(
  app: FastifyInstance,
  deps: { analysisShares: AnalysisSharesService },
) {
  const { analysisShares } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["analysis-shares"];

  api.post(
    "/api/v1/cases/:id/analysis-shares",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary:
          "Share chosen classes of a case with an outside analysis organization until a date, after consulting the coordinator and every vendor (intake)",
        params: caseParams,
        body: createShareBody,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await analysisShares.create(request.ctx.actor, request.params.id, request.body)),
  );

  api.get(
    "/api/v1/cases/:id/analysis-shares",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary:
          "A case's outside analysis shares, their consultation and read log (intake, coordinator)",
        params: caseParams,
        response: { 200: staffShareList },
      },
    },
    async (request) => ({
      items: await analysisShares.listForCase(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );

  api.delete(
    "/api/v1/cases/:id/analysis-shares/:sid",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Revoke an outside analysis share (intake)",
        params: caseShareParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await analysisShares.revoke(request.ctx.actor, request.params.id, request.params.sid);
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/api/v1/site-cases/:id/analysis-shares",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary:
          "Share chosen classes of a web-application case with an outside analysis organization until a date, after consulting the site's operator (intake)",
        params: caseParams,
        body: createSiteShareBody,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await analysisShares.createForSiteCase(
            request.ctx.actor,
            request.params.id,
            request.body,
          ),
        ),
  );

  api.get(
    "/api/v1/site-cases/:id/analysis-shares",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary:
          "A web case's outside analysis shares: with the consultation and read log (intake); with whom, which classes and until when (the site's operator)",
        params: caseParams,
        response: { 200: siteShareList },
      },
    },
    async (request) => ({
      items: await analysisShares.listForSiteCase(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );

  api.delete(
    "/api/v1/site-cases/:id/analysis-shares/:sid",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Revoke an outside analysis share of a web case (intake)",
        params: caseShareParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await analysisShares.revokeForSiteCase(
        request.ctx.actor,
        request.params.id,
        request.params.sid,
      );
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/api/v1/analysis-shares",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary:
          "The shares the caller may read now (an outside analysis organization's admins and assigned members)",
        response: { 200: sharedCaseList },
      },
    },
    async (request) => ({
      items: await analysisShares.listMine(request.ctx.actor),
      nextCursor: null,
    }),
  );

  api.get(
    "/api/v1/analysis-shares/:sid",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "One share: the chosen classes of the case, read now; the read is logged",
        params: shareParams,
        response: { 200: sharedCaseView },
      },
    },
    async (request) => analysisShares.read(request.ctx.actor, request.params.sid),
  );

  api.put(
    "/api/v1/analysis-shares/:sid/members",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Which members of the organization see a share besides its admins (its admin)",
        params: shareParams,
        body: assignMembersBody,
        response: { 200: assignedMembers },
      },
    },
    async (request) => ({
      userIds: await analysisShares.assign(
        request.ctx.actor,
        request.params.sid,
        request.body.userIds,
      ),
    }),
  );
}
