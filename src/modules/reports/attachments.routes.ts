import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from "fastify";
import { validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type AttachmentsService,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
} from "./attachments.service.ts";
import { receiveUpload, uploadOf } from "./attachments.upload.ts";
import { ATTACHMENT_CLASSES, attachmentSummary, wholeList } from "./reports.schemas.ts";

/**
 * Uploads per account an hour: generous for a finder (ten files a report, in a few goes), but
 * a bound on how fast one account can fill the disk with 20 MB files.
 */
export const ATTACHMENT_RATE_LIMIT = {
  max: 60,
  timeWindow: 60 * 60_000,
  keyGenerator: (request: FastifyRequest) =>
    request.ctx?.actor.kind === "user"
      ? `attachments:${request.ctx.actor.userId}`
      : `attachments-ip:${request.ip}`,
};

const idParams = z.object({ id: z.string().max(100) });
const attachmentParams = z.object({ id: z.string().max(100), attachmentId: z.string().max(100) });

/** A file part of a multipart body, as OpenAPI describes one. */
const binaryFile = z.custom<Buffer>(() => true).meta({ type: "string", format: "binary" });

/** The multipart body, for the OpenAPI document; receiveUpload reads the real one. */
const uploadBody = z.object({
  class: z.enum(ATTACHMENT_CLASSES).describe("SPEC §2: which confidential class the files are"),
  file: z
    .array(binaryFile)
    .min(1)
    .max(MAX_ATTACHMENTS)
    .describe(
      `One or more file parts, at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB each and ${MAX_ATTACHMENTS} per report`,
    ),
});

/**
 * The upload's body schema documents the multipart form but cannot validate it (the files are
 * read by receiveUpload, and the service checks class and files); params stay validated.
 */
const documentedBodyOnly: FastifySchemaCompiler<z.ZodType> = (route) =>
  route.httpPart === "body" ? (data) => ({ value: data }) : validatorCompiler(route);

/**
 * How a browser must treat a download: always saved, never shown. No sniffing, no caching,
 * and should it be opened in place anyway, a sandbox without any source.
 */
export const DOWNLOAD_HEADERS = {
  "Content-Type": "application/octet-stream",
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
  "Content-Security-Policy": "sandbox; default-src 'none'",
} as const;

/** RFC 8187 attr-char: what may stay unencoded in filename*. */
const encodeExtended = (value: string) =>
  encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * Content-Disposition: attachment (RFC 6266) with the name in UTF-8 (filename*, RFC 8187) for
 * Japanese names, and a plain-ASCII filename for old clients, quotes and backslashes replaced.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtended(name)}`;
}

export function sendDownload(
  reply: FastifyReply,
  file: { name: string; bytes: Buffer },
): FastifyReply {
  return reply
    .code(200)
    .headers({ ...DOWNLOAD_HEADERS, "Content-Disposition": attachmentDisposition(file.name) })
    .header("Content-Length", file.bytes.length)
    .send(file.bytes);
}

export async function registerAttachmentRoutes(
  app: FastifyInstance,
  deps: { attachments: AttachmentsService },
) {
  const { attachments } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["reports"];

  api.post(
    "/api/v1/reports/:id/attachments",
    {
      config: { access: "signed_in", rateLimit: ATTACHMENT_RATE_LIMIT },
      preValidation: receiveUpload,
      // Fastify types this compiler by the whole route schema; it receives one part's schema.
      validatorCompiler: documentedBodyOnly as never,
      schema: {
        tags,
        summary: "The finder attaches files to an open report of theirs (multipart)",
        description:
          "multipart/form-data with a `class` field and one or more `file` parts. The type is sniffed from the content against an allow-list (images, PDF, zip/7z/gzip, mp4/webm/mov, pcap/pcapng, UTF-8 text); anything else → 422. A file over the size limit → 413; more files than a report holds → 422 `too_many_attachments`; a report no longer open → 409.",
        consumes: ["multipart/form-data"],
        params: idParams,
        body: uploadBody,
        response: { 201: z.object({ items: z.array(attachmentSummary) }) },
      },
    },
    async (request, reply) => {
      const fields = request.body as unknown as Record<string, unknown>;
      const upload = uploadOf(request);
      const items = await attachments.upload(request.ctx.actor, request.params.id, {
        class: typeof fields.class === "string" ? fields.class : undefined,
        files: upload.files,
        tooManyFiles: upload.tooManyFiles,
      });
      return reply.code(201).send({ items });
    },
  );

  api.get(
    "/api/v1/reports/:id/attachments",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "The report's files (metadata): its finder and the intake desk",
        params: idParams,
        response: { 200: wholeList(attachmentSummary) },
      },
    },
    async (request) => ({
      items: await attachments.list(request.ctx.actor, request.params.id),
      nextCursor: null,
    }),
  );

  api.get(
    "/api/v1/reports/:id/attachments/:attachmentId",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary:
          "Download one file (always as an attachment): the finder, the assigned desk member, the desk's admins",
        params: attachmentParams,
        response: {
          200: {
            description: "The file's bytes, with Content-Disposition: attachment",
            content: { "application/octet-stream": { schema: binaryFile } },
          },
        },
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await attachments.download(
          request.ctx.actor,
          request.params.id,
          request.params.attachmentId,
        ),
      ),
  );
}
