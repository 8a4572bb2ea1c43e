import type { FastifyInstance, FastifySchemaCompiler } from "fastify";
import { validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { invalidFromZod } from "../../platform/http/problem.ts";
import { sendDownload } from "../reports/attachments.routes.ts";
import { receiveUpload, uploadOf } from "../reports/attachments.upload.ts";
import type { PriorityRecipients } from "./priority.recipients.ts";
import {
  agreementBody,
  caseParams,
  caseProvisionList,
  fileParams,
  membersBody,
  membersView,
  packageBody,
  packageCreated,
  packageList,
  packageParams,
  packageView,
  provisionCreated,
  provisionParams,
  provisionView,
  revokeBody,
  startBody,
  traceBody,
  traceResult,
} from "./priority.schemas.ts";
import type { PriorityService } from "./priority.service.ts";

/** The package form's body documents JSON or multipart; the handler checks it (with files). */
const documentedBodyOnly: FastifySchemaCompiler<z.ZodType> = (route) =>
  route.httpPart === "body" ? (data) => ({ value: data }) : validatorCompiler(route);

const recipientChoices = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), sector: z.string().nullable() })),
  nextCursor: z.null(),
});

/** Priority provision (API.md "Priority provision, analysis and risk"; R-PRI-1…5). */
export async function registerPriorityRoutes(
  app: FastifyInstance,
  deps: { priority: PriorityService; recipients: PriorityRecipients },
) {
  const { priority, recipients } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["priority provision"];
  const signedIn = { access: "signed_in" as const };

  api.post(
    "/api/v1/cases/:id/priority-provisions",
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          "The desk starts a priority provision (409 unless the case has a countermeasure and is not public)",
        params: caseParams,
        body: startBody,
        response: { 201: provisionCreated },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await priority.start(request.ctx.actor, request.params.id, request.body)),
  );

  api.get(
    "/api/v1/cases/:id/priority-provisions",
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          "A case's provisions: staff everything; after publication the finder and the vendors when and to which sectors",
        params: caseParams,
        response: { 200: caseProvisionList },
      },
    },
    async (request) => ({
      items: await priority.ofCase(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );

  api.get(
    "/api/v1/priority-provisions/:pid",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "One provision, whole (staff)",
        params: provisionParams,
        response: { 200: provisionView },
      },
    },
    async (request) => priority.get(request.ctx.actor, request.params.pid),
  );

  api.post(
    "/api/v1/priority-provisions/:pid/agreements",
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          "The coordinator or an affected vendor agrees or objects, once (an objection stops it)",
        params: provisionParams,
        body: agreementBody,
        response: { 200: provisionCreated },
      },
    },
    async (request) =>
      priority.recordAgreement(request.ctx.actor, request.params.pid, request.body),
  );

  api.post(
    "/api/v1/priority-provisions/:pid/finder-notice",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The desk records that the finder was told (the finder is mailed)",
        params: provisionParams,
        response: { 200: provisionCreated },
      },
    },
    async (request) => priority.recordFinderNotice(request.ctx.actor, request.params.pid),
  );

  api.post(
    "/api/v1/priority-provisions/:pid/packages",
    {
      config: signedIn,
      preValidation: receiveUpload,
      validatorCompiler: documentedBodyOnly as never,
      schema: {
        tags,
        summary:
          "The desk adds a package: JSON, or multipart with `file` parts (attachments as for reports)",
        params: provisionParams,
        body: packageBody,
        response: { 201: packageCreated },
      },
    },
    async (request, reply) => {
      const parsed = packageBody.safeParse(request.body);
      if (!parsed.success) throw invalidFromZod(parsed.error);
      const upload = uploadOf(request);
      return reply
        .code(201)
        .send(
          await priority.addPackage(request.ctx.actor, request.params.pid, parsed.data, upload),
        );
    },
  );

  api.post(
    "/api/v1/priority-provisions/:pid/send",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The desk sends (409 until every agreement and the finder's notice are recorded)",
        params: provisionParams,
        response: { 200: provisionView },
      },
    },
    async (request) => priority.send(request.ctx.actor, request.params.pid),
  );

  api.post(
    "/api/v1/priority-provisions/:pid/revoke",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The desk revokes: access ends now (or the provision stops before sending)",
        params: provisionParams,
        body: revokeBody,
        response: { 200: provisionView },
      },
    },
    async (request) => priority.revoke(request.ctx.actor, request.params.pid, request.body?.reason),
  );

  api.get(
    "/api/v1/priority-recipients",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The priority recipients to choose from, each with its sector (staff)",
        response: { 200: recipientChoices },
      },
    },
    async (request) => ({
      items: await priority.recipientChoices(request.ctx.actor),
      nextCursor: null,
    }),
  );

  api.get(
    "/api/v1/priority-packages",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The packages the caller's recipient organization may read now",
        response: { 200: packageList },
      },
    },
    async (request) => ({ items: await recipients.list(request.ctx.actor), nextCursor: null }),
  );

  api.get(
    "/api/v1/priority-packages/:id",
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          "The caller's marked copy of a package (each read logged); 404 for anyone else and after publication or revocation",
        params: packageParams,
        response: { 200: packageView },
      },
    },
    async (request) => recipients.get(request.ctx.actor, request.params.id),
  );

  api.get(
    "/api/v1/priority-packages/:id/files/:fileId",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "One file of the caller's copy, under its marked name (the download is logged)",
        params: fileParams,
        response: {
          200: {
            description: "The file's bytes, with Content-Disposition: attachment",
            content: {
              "application/octet-stream": {
                schema: z.custom<Buffer>(() => true).meta({ type: "string", format: "binary" }),
              },
            },
          },
        },
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await recipients.download(request.ctx.actor, request.params.id, request.params.fileId),
      ),
  );

  api.put(
    "/api/v1/priority-packages/:id/members",
    {
      config: signedIn,
      schema: {
        tags,
        summary: "The recipient's admin assigns the members who read this delivery (R-SEC-6)",
        params: packageParams,
        body: membersBody,
        response: { 200: membersView },
      },
    },
    async (request) =>
      recipients.setMembers(request.ctx.actor, request.params.id, request.body.userIds),
  );

  api.post(
    "/api/v1/priority-copies/trace",
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          "The intake desk reads a pasted text or file name back to its recipient and delivery",
        body: traceBody,
        response: { 200: traceResult },
      },
    },
    async (request) => recipients.trace(request.ctx.actor, request.body.text),
  );
}
