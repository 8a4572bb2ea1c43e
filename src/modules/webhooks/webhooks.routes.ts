import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { noContent } from "../../platform/http/openapi.ts";
import {
  createWebhookBody,
  deliveriesQuery,
  deliveryList,
  testSent,
  updateWebhookBody,
  webhookList,
  webhookParams,
  webhookView,
  webhookWithSecret,
} from "./webhooks.schemas.ts";
import type { WebhooksService } from "./webhooks.service.ts";

/** The organization admin's webhook endpoints and their delivery log (docs/webhooks.md). */
export async function registerWebhookRoutes(
  app: FastifyInstance,
  deps: { webhooks: WebhooksService },
) {
  const { webhooks } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["webhooks"];
  const base = "/api/v1/organization/webhooks";

  api.get(
    base,
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The webhook endpoints of the caller's organization (its admins)",
        response: { 200: webhookList },
      },
    },
    async (request) => ({ items: await webhooks.list(request.ctx.actor) }),
  );

  api.post(
    base,
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Register an endpoint; the answer carries its signing secret, shown this once",
        body: createWebhookBody,
        response: { 201: webhookWithSecret },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await webhooks.create(request.ctx.actor, request.body)),
  );

  api.get(
    `${base}/:id`,
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "One endpoint",
        params: webhookParams,
        response: { 200: webhookView },
      },
    },
    async (request) => webhooks.get(request.ctx.actor, request.params.id),
  );

  api.patch(
    `${base}/:id`,
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Change an endpoint's URL, description, event types or active flag",
        params: webhookParams,
        body: updateWebhookBody,
        response: { 200: webhookView },
      },
    },
    async (request) => webhooks.update(request.ctx.actor, request.params.id, request.body),
  );

  api.delete(
    `${base}/:id`,
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Delete an endpoint and its delivery log",
        params: webhookParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await webhooks.remove(request.ctx.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.post(
    `${base}/:id/rotate-secret`,
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Replace the signing secret; the answer carries the new one, shown this once",
        params: webhookParams,
        response: { 200: webhookWithSecret },
      },
    },
    async (request) => webhooks.rotateSecret(request.ctx.actor, request.params.id),
  );

  api.get(
    `${base}/:id/deliveries`,
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The endpoint's delivery log, newest first",
        params: webhookParams,
        querystring: deliveriesQuery,
        response: { 200: deliveryList },
      },
    },
    async (request) => ({
      items: await webhooks.deliveries(request.ctx.actor, request.params.id, request.query.limit),
    }),
  );

  api.post(
    `${base}/:id/test`,
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Send a webhook.test event to the endpoint",
        params: webhookParams,
        response: { 202: testSent },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await webhooks.sendTest(request.ctx.actor, request.params.id)),
  );
}
