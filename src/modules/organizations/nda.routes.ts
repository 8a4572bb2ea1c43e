import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { created } from "../../platform/http/openapi.ts";
import {
  acceptNdaBody,
  currentNdaText,
  ndaRecordView,
  ndaRequestSent,
  ndaTextList,
  organizationNdaView,
  publishNdaTextBody,
} from "./nda.schemas.ts";
import type { NdaService } from "./nda.service.ts";
import { organizationParams } from "./organizations.schemas.ts";

/** NDA texts and organizations' NDAs (R-COO-2, issue 13 point 6). */
export async function registerNdaRoutes(app: FastifyInstance, deps: { nda: NdaService }) {
  const { nda } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["organizations"];

  api.get(
    "/api/v1/nda-texts",
    {
      config: { access: "directory.record_nda" },
      schema: {
        tags,
        summary: "Every published NDA text, newest first (coordinator)",
        response: { 200: ndaTextList },
      },
    },
    async (request) => ({ items: await nda.texts(request.ctx.actor), nextCursor: null }),
  );

  api.post(
    "/api/v1/nda-texts",
    {
      config: { access: "directory.record_nda" },
      schema: {
        tags,
        summary:
          "Publish a new NDA text in Japanese and English under a new version (coordinator); the newest is the one offered",
        body: publishNdaTextBody,
        response: { 201: created },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await nda.publish(request.ctx.actor, request.body)),
  );

  api.get(
    "/api/v1/nda-texts/current",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The NDA text offered now (null while none is published)",
        response: { 200: currentNdaText },
      },
    },
    async (request) => ({ current: await nda.current(request.ctx.actor) }),
  );

  api.get(
    "/api/v1/organizations/:id/nda",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary:
          "An organization's NDAs: the one on file, every acceptance and paper record, the text offered (coordinator, the organization)",
        params: organizationParams,
        response: { 200: organizationNdaView },
      },
    },
    async (request) => nda.ofOrganization(request.ctx.actor, request.params.id),
  );

  api.post(
    "/api/v1/organizations/:id/nda/accept",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary:
          "Accept the NDA text offered now, as read in one language (the organization's admin); 409 nda_outdated for another version",
        params: organizationParams,
        body: acceptNdaBody,
        response: { 200: ndaRecordView },
      },
    },
    async (request) => nda.accept(request.ctx.actor, request.params.id, request.body),
  );

  api.post(
    "/api/v1/organizations/:id/nda/request",
    {
      config: { access: "directory.record_nda" },
      schema: {
        tags,
        summary:
          "Ask the organization by mail to accept the NDA in the application (coordinator); the mail names no case",
        params: organizationParams,
        response: { 200: ndaRequestSent },
      },
    },
    async (request) => nda.requestAcceptance(request.ctx.actor, request.params.id),
  );
}
