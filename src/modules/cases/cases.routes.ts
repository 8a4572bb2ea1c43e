import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { registerActionRoutes } from "../actions/action-routes.ts";
import { caseListQuery, caseParams, created, vendorParams } from "./cases.schemas.ts";
import type { CasesService } from "./cases.service.ts";

/**
 * API.md "Product cases". Every route is for signed-in callers; the service decides, per case,
 * who may see it (404 otherwise) and the workflow who may do what (403, 409). The actions on a
 * case are the action table's (cases.actions.ts); the routes here are the reads, opening a case
 * and the finder's side of direct contact.
 */
export async function registerCaseRoutes(app: FastifyInstance, deps: { cases: CasesService }) {
  const { cases } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["cases"];
  const config = { access: "signed_in" as const };

  api.get(
    "/api/v1/unreachable-vendors",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Vendors the coordinator could not reach (R-COO-8): the name, later the product",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z.string().max(500).optional(),
        }),
      },
    },
    async (request) => cases.unreachableVendors(request.query),
  );
  api.get(
    "/api/v1/cases",
    {
      config,
      schema: { tags, summary: "The cases the caller takes part in", querystring: caseListQuery },
    },
    async (request) => cases.list(request.ctx.actor, request.query),
  );
  api.post(
    "/api/v1/cases",
    {
      config,
      schema: {
        tags,
        summary: "A CSIRT's case (R-COO-9) or a vendor's self-report (R-COO-10)",
        body: z
          .looseObject({})
          .describe(
            "csirt: { title, description, vendorNames, publishAt, conditions?, shareWithIntake? }; vendor: { title, description, countermeasures, proposedPublishAt }",
          ),
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.open(request.ctx.actor, request.body)),
  );
  api.get(
    "/api/v1/cases/:id",
    { config, schema: { tags, summary: "One case as the caller may see it", params: caseParams } },
    async (request) => cases.get(request.ctx.actor, request.params.id),
  );
  api.get(
    "/api/v1/cases/:id/vendor-suggestions",
    {
      config,
      schema: {
        tags,
        summary: "Directory vendors that may make the product, ranked, with reasons (R-COO-1)",
        params: caseParams,
      },
    },
    async (request) => cases.suggestions(request.ctx.actor, request.params.id),
  );
  api.get(
    "/api/v1/cases/:id/messages",
    { config, schema: { tags, summary: "The messages the caller may read", params: caseParams } },
    async (request) => cases.messages(request.ctx.actor, request.params.id),
  );

  registerActionRoutes(app, {
    base: "/api/v1/cases",
    tags,
    table: cases.actionTable,
    methods: cases,
    view: z.unknown(),
  });

  // The finder's side of direct contact with a vendor (R-COO-6), on the finder's own report.
  api.get(
    "/api/v1/reports/:id/direct-contacts",
    {
      config,
      schema: {
        tags,
        summary: "Vendors in direct contact with the finder, and the messages",
        params: caseParams,
      },
    },
    async (request) => cases.finderContacts(request.ctx.actor, request.params.id),
  );
  api.post(
    "/api/v1/reports/:id/direct-contacts/:orgId/messages",
    {
      config,
      schema: {
        tags,
        summary: "The finder writes to a vendor in direct contact",
        params: vendorParams,
        body: z.object({ body: z.string().trim().min(1).max(20_000) }),
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await cases.postAsFinder(
            request.ctx.actor,
            request.params.id,
            request.params.orgId,
            request.body.body,
          ),
        ),
  );
}
