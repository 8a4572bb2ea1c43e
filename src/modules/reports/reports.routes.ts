import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { registerActionRoutes } from "../actions/action-routes.ts";
import { finderDraftStatus } from "../advisories/finder-draft-view.ts";
import { draftCommentList } from "./reports.draft-comments.schemas.ts";
import {
  consultationAnswerBody,
  consultationBody,
  consultationParams,
  consultationView,
  created,
  duplicateCandidate,
  reportParams as idParams,
  messageBody,
  reportList,
  reportListQuery,
  reportMessage,
  reportReceipt,
  reportView,
  submitReportBody,
  wholeList,
} from "./reports.schemas.ts";
import type { ReportsService } from "./reports.service.ts";

/** API.md: never fewer than 20 reports per finder per hour; counted per account. */
export const REPORT_RATE_LIMIT = {
  max: 30,
  timeWindow: 60 * 60_000,
  keyGenerator: (request: FastifyRequest) =>
    request.ctx?.actor.kind === "user"
      ? `reports:${request.ctx.actor.userId}`
      : `reports-ip:${request.ip}`,
};

export async function registerReportRoutes(
  app: FastifyInstance,
  deps: { reports: ReportsService },
) {
  const { reports } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["reports"];
  const config = { access: "signed_in" } as const;

  api.post(
    "/api/v1/reports",
    {
      config: { access: "verified", rateLimit: REPORT_RATE_LIMIT },
      schema: {
        tags,
        summary: "File a report (a finder with a confirmed e-mail address)",
        body: submitReportBody,
        response: { 201: reportReceipt },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await reports.submit(request.ctx.actor, request.body)),
  );

  api.get(
    "/api/v1/reports",
    {
      config,
      schema: {
        tags,
        summary: "Own reports (finder) or the queue (intake)",
        querystring: reportListQuery,
        response: { 200: reportList },
      },
    },
    async (request) => reports.list(request.ctx.actor, request.query),
  );

  api.get(
    "/api/v1/reports/:id",
    {
      config,
      schema: {
        tags,
        summary: "One report with its status and history",
        params: idParams,
        response: { 200: reportView },
      },
    },
    async (request) => reports.get(request.ctx.actor, request.params.id),
  );

  registerActionRoutes(app, {
    base: "/api/v1/reports",
    tags,
    table: reports.actionTable,
    methods: reports,
    view: reportView,
  });

  api.get(
    "/api/v1/reports/:id/duplicates",
    {
      config,
      schema: {
        tags,
        summary: "Likely earlier duplicates, each with why it matched (intake)",
        params: idParams,
        response: { 200: wholeList(duplicateCandidate) },
      },
    },
    async (request) => ({
      items: await reports.duplicates(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );

  api.post(
    "/api/v1/reports/:id/disclosure-consultations",
    {
      config,
      schema: {
        tags,
        summary: "The finder plans to disclose (talk, paper): date, venue, scope (R-INT-6)",
        params: idParams,
        body: consultationBody,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await reports.fileConsultation(request.ctx.actor, request.params.id, request.body)),
  );

  api.get(
    "/api/v1/reports/:id/disclosure-consultations",
    {
      config,
      schema: {
        tags,
        summary: "The report's disclosure consultations",
        params: idParams,
        response: { 200: wholeList(consultationView) },
      },
    },
    async (request) => ({
      items: await reports.consultations(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );

  api.post(
    "/api/v1/reports/:id/disclosure-consultations/:cid/answer",
    {
      config,
      schema: {
        tags,
        summary: "The desk's answer after consulting the coordinator or operator",
        params: consultationParams,
        body: consultationAnswerBody,
        response: { 200: consultationView },
      },
    },
    async (request) =>
      reports.answerConsultation(
        request.ctx.actor,
        request.params.id,
        request.params.cid,
        request.body,
      ),
  );

  api.post(
    "/api/v1/reports/:id/messages",
    {
      config,
      schema: {
        tags,
        summary: "A message between the finder and the desk",
        params: idParams,
        body: messageBody,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await reports.postMessage(request.ctx.actor, request.params.id, request.body.body)),
  );

  api.get(
    "/api/v1/reports/:id/messages",
    {
      config,
      schema: {
        tags,
        summary: "The finder ⇄ desk messages",
        params: idParams,
        response: { 200: wholeList(reportMessage) },
      },
    },
    async (request) => ({
      items: await reports.messages(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );

  // Issue 13 point 10: the draft advisory's public parts, and the comments on it via the desk.
  api.get(
    "/api/v1/reports/:id/draft-advisory",
    {
      config,
      schema: {
        tags,
        summary: "The case's draft advisory as it would be public (finder; the desk)",
        params: idParams,
        response: { 200: finderDraftStatus },
      },
    },
    async (request) => reports.draftAdvisory(request.ctx.actor, request.params.id),
  );

  api.get(
    "/api/v1/reports/:id/draft-comments",
    {
      config,
      schema: {
        tags,
        summary: "Comments on the draft between the finder and the coordinator, via the desk",
        params: idParams,
        response: { 200: draftCommentList },
      },
    },
    async (request) => ({
      items: await reports.draftComments(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );
}
