import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { noContent } from "../../platform/http/openapi.ts";
import {
  changeList,
  createdOrganization,
  createOrganizationBody,
  invitedMember,
  inviteMemberBody,
  listOrganizationsQuery,
  memberList,
  memberParams,
  ndaBody,
  organizationList,
  organizationParams,
  organizationView,
  updateOrganizationBody,
} from "./organizations.schemas.ts";
import type { OrganizationsService } from "./organizations.service.ts";

export async function registerOrganizationRoutes(
  app: FastifyInstance,
  deps: { organizations: OrganizationsService },
) {
  const { organizations } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["organizations"];

  api.post(
    "/api/v1/organizations",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary:
          "Add an organization to the directory (coordinator: vendor, csirt; intake: site_operator, priority_recipient, analysis_org)",
        body: createOrganizationBody,
        response: { 201: createdOrganization },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await organizations.create(request.ctx.actor, request.body)),
  );

  api.get(
    "/api/v1/organizations",
    {
      config: { access: "directory.read" },
      schema: {
        tags,
        summary: "Search the directory (staff)",
        querystring: listOrganizationsQuery,
        response: { 200: organizationList },
      },
    },
    async (request) => organizations.list(request.ctx.actor, request.query),
  );

  api.get(
    "/api/v1/organizations/:id",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "One organization (staff, or its own members)",
        params: organizationParams,
        response: { 200: organizationView },
      },
    },
    async (request) => organizations.get(request.ctx.actor, request.params.id),
  );

  api.patch(
    "/api/v1/organizations/:id",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary:
          "Change an organization (staff who keep its type; its own admin: contact e-mails, PGP key, products, keywords, domains)",
        params: organizationParams,
        body: updateOrganizationBody,
        response: { 200: organizationView },
      },
    },
    async (request) => organizations.update(request.ctx.actor, request.params.id, request.body),
  );

  api.get(
    "/api/v1/organizations/:id/changes",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Every change to an organization's record",
        params: organizationParams,
        response: { 200: changeList },
      },
    },
    async (request) => ({
      items: await organizations.changes(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );

  api.post(
    "/api/v1/organizations/:id/nda",
    {
      config: { access: "directory.record_nda" },
      schema: {
        tags,
        summary: "Record a vendor's NDA (coordinator)",
        params: organizationParams,
        body: ndaBody,
        response: { 200: organizationView },
      },
    },
    async (request) => organizations.recordNda(request.ctx.actor, request.params.id, request.body),
  );

  api.get(
    "/api/v1/organizations/:id/members",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "An organization's members",
        params: organizationParams,
        response: { 200: memberList },
      },
    },
    async (request) => ({
      items: await organizations.members(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );

  api.post(
    "/api/v1/organizations/:id/members",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Invite a member (the organization's admins, or the staff who keep it)",
        params: organizationParams,
        body: inviteMemberBody,
        response: { 201: invitedMember },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await organizations.inviteMember(request.ctx.actor, request.params.id, request.body)),
  );

  api.delete(
    "/api/v1/organizations/:id/members/:userId",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Remove a member",
        params: memberParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await organizations.removeMember(request.ctx.actor, request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );
}
