import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  closeBody,
  forwardBody,
  reportListQuery,
  resubmitBody,
  submitReportBody,
} from "./reports.schemas.ts";
import type { ReportsService } from "./reports.service.ts";

const idParams = z.object({ id: z.string().max(100) });

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

  api.post(
    "/api/v1/reports",
    {
      config: { access: "verified", rateLimit: REPORT_RATE_LIMIT },
      schema: {
        tags,
        summary: "File a report (a finder with a confirmed e-mail address)",
        body: submitReportBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await reports.submit(request.ctx.actor, request.body)),
  );

  api.get(
    "/api/v1/reports",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Own reports (finder) or the queue (intake)",
        querystring: reportListQuery,
      },
    },
    async (request) => reports.list(request.ctx.actor, request.query),
  );

  api.get(
    "/api/v1/reports/:id",
    {
      config: { access: "signed_in" },
      schema: { tags, summary: "One report with its status and history", params: idParams },
    },
    async (request) => reports.get(request.ctx.actor, request.params.id),
  );

  api.post(
    "/api/v1/reports/:id/request-info",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Ask the finder for more (→ needs_info)",
        params: idParams,
        body: z.object({ message: z.string().trim().min(1).max(10_000) }),
      },
    },
    async (request) =>
      reports.requestInfo(request.ctx.actor, request.params.id, request.body.message),
  );

  api.post(
    "/api/v1/reports/:id/resubmit",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The finder answers a request for information (→ submitted)",
        params: idParams,
        body: resubmitBody.default({}),
      },
    },
    async (request) => reports.resubmit(request.ctx.actor, request.params.id, request.body),
  );

  api.post(
    "/api/v1/reports/:id/accept",
    {
      config: { access: "signed_in" },
      schema: { tags, summary: "Accept (→ accepted)", params: idParams },
    },
    async (request) => reports.accept(request.ctx.actor, request.params.id),
  );

  api.post(
    "/api/v1/reports/:id/reject",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Reject with a reason the finder is told (→ rejected)",
        params: idParams,
        body: z.object({ reason: z.string().trim().min(1).max(5_000) }),
      },
    },
    async (request) => reports.reject(request.ctx.actor, request.params.id, request.body.reason),
  );

  api.post(
    "/api/v1/reports/:id/close",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Close an accepted report with a reason (→ closed)",
        params: idParams,
        body: closeBody,
      },
    },
    async (request) => reports.close(request.ctx.actor, request.params.id, request.body),
  );

  api.post(
    "/api/v1/reports/:id/kind",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Change product ⇄ web before forwarding (R-INT-8)",
        params: idParams,
        body: z.object({
          kind: z.enum(["product", "web"]),
          reason: z.string().trim().min(1).max(5_000),
        }),
      },
    },
    async (request) => reports.changeKind(request.ctx.actor, request.params.id, request.body),
  );

  api.post(
    "/api/v1/reports/:id/forward",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Forward: product → a case; web → a site case for the operator (→ forwarded)",
        params: idParams,
        body: forwardBody,
      },
    },
    async (request) => reports.forward(request.ctx.actor, request.params.id, request.body),
  );

  api.post(
    "/api/v1/reports/:id/assign",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Assign the report to an intake member",
        params: idParams,
        body: z.object({ userId: z.string().max(100) }),
      },
    },
    async (request) => reports.assign(request.ctx.actor, request.params.id, request.body.userId),
  );

  api.get(
    "/api/v1/reports/:id/duplicates",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Likely earlier duplicates, each with why it matched (intake)",
        params: idParams,
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
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The finder plans to disclose (talk, paper): date, venue, scope (R-INT-6)",
        params: idParams,
        body: z.object({
          plannedAt: z.iso.datetime({ offset: true }),
          venue: z.string().trim().min(1).max(500),
          scope: z.string().trim().min(1).max(10_000),
        }),
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
      config: { access: "signed_in" },
      schema: { tags, summary: "The report's disclosure consultations", params: idParams },
    },
    async (request) => ({
      items: await reports.consultations(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );

  api.post(
    "/api/v1/reports/:id/disclosure-consultations/:cid/answer",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The desk's answer after consulting the coordinator or operator",
        params: z.object({ id: z.string().max(100), cid: z.string().max(100) }),
        body: z.object({
          decision: z.enum(["no_objection", "defer_until"]),
          until: z.iso.datetime({ offset: true }).optional(),
          reason: z.string().trim().min(1).max(5_000),
        }),
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
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "A message between the finder and the desk",
        params: idParams,
        body: z.object({ body: z.string().trim().min(1).max(20_000) }),
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
      config: { access: "signed_in" },
      schema: { tags, summary: "The finder ⇄ desk messages", params: idParams },
    },
    async (request) => ({
      items: await reports.messages(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );
}
