import type { FastifyRequest } from "fastify";
import { checkRouteAccess } from "../access/route-access.ts";
import { type IncomingFile, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "./attachments.service.ts";

/** Where the received files sit on request.body (a symbol: no form field can collide with it). */
const UPLOAD = Symbol("attachment upload");

export interface ReceivedUpload {
  files: IncomingFile[];
  /** More file parts came than one upload may hold. */
  tooManyFiles: boolean;
}

/**
 * A route's preValidation hook for multipart uploads: reads every part into request.body, the
 * text fields as strings (among them the CSRF token of a page form) and the files (the parts
 * named `file`; any file part counts) under a symbol. Reading in this hook, before the preHandler hooks, is what lets the platform's CSRF
 * check find a form's `_csrf` field in a multipart body as it does in an urlencoded one; the
 * route's access rule is checked first, so nobody unauthenticated gets the body buffered.
 * Limits end a file at MAX_ATTACHMENT_BYTES (kept as `tooLarge`) and the count at
 * MAX_ATTACHMENTS; the service turns them into answers after its own access checks.
 */
export async function receiveUpload(request: FastifyRequest): Promise<void> {
  const access = request.routeOptions.config.access;
  if (access) checkRouteAccess(access, request.ctx.actor);
  const upload: ReceivedUpload = { files: [], tooManyFiles: false };
  const fields: Record<string, string> = {};
  if (!request.isMultipart()) {
    // An urlencoded or JSON body (no file at all): its fields as they are.
    for (const [key, value] of Object.entries((request.body ?? {}) as Record<string, unknown>))
      if (typeof value === "string") fields[key] = value;
    request.body = { ...fields, [UPLOAD]: upload };
    return;
  }
  try {
    // throwFileSizeLimit is read per call at run time though the types omit it: a file cut
    // at the limit is marked, not thrown, so the rest of the body is still read in order.
    const options = {
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS },
      throwFileSizeLimit: false,
    } as Parameters<FastifyRequest["parts"]>[0];
    for await (const part of request.parts(options)) {
      if (part.type === "field") {
        if (typeof part.value === "string") fields[part.fieldname] = part.value;
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) if (!part.file.truncated) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      // A file input left empty still sends a part, with no name and no content.
      if (part.filename === "" && bytes.length === 0) continue;
      upload.files.push({
        name: part.filename,
        bytes: part.file.truncated ? Buffer.alloc(0) : bytes,
        ...(part.file.truncated ? { tooLarge: true } : {}),
      });
    }
  } catch (error) {
    if ((error as { code?: string }).code !== "FST_FILES_LIMIT") throw error;
    upload.tooManyFiles = true;
  }
  request.body = { ...fields, [UPLOAD]: upload };
}

/** The files receiveUpload read (none when the hook did not run or the body had none). */
export function uploadOf(request: FastifyRequest): ReceivedUpload {
  const body = request.body as { [UPLOAD]?: ReceivedUpload } | null | undefined;
  return body?.[UPLOAD] ?? { files: [], tooManyFiles: false };
}
