import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * Public, read-only data for machines that sync with it (aggregators, scanners, feed readers):
 * conditional GET and cross-origin reads, once for every route that serves such data.
 * - `ETag`: strong, the SHA-256 of the body bytes sent, so equal bodies have equal tags;
 * - `Last-Modified`: when the data behind the answer last changed, asked before the body is
 *   built (a change racing the answer makes the date older than the body, never newer);
 * - `304 Not Modified` on a matching `If-None-Match`, or without one on an `If-Modified-Since`
 *   not older than `Last-Modified` (RFC 9110 §13.2.2);
 * - `Access-Control-Allow-Origin: *`: the data is public and the answer carries no credential's
 *   effect (a signed-in caller gets exactly what anyone gets), so any web page may read it.
 *   Only routes declared public get it; a signed-in route never does.
 */
export interface PublicReadOptions {
  /** Whether a route (its URL pattern, as registered) serves public read-only data. */
  servesPublicData(routeUrl: string): boolean;
  /** When the data a request reads last changed (an ISO instant), or null when unknown. */
  lastModified(request: FastifyRequest): Promise<string | null>;
}

const lastModifiedOf = new WeakMap<FastifyRequest, Date>();

export function registerPublicReads(app: FastifyInstance, options: PublicReadOptions): void {
  const applies = (request: FastifyRequest) => {
    const url = request.routeOptions.url;
    return (
      (request.method === "GET" || request.method === "HEAD") &&
      request.routeOptions.config.access === "public" &&
      url !== undefined &&
      options.servesPublicData(url)
    );
  };

  app.addHook("preHandler", async (request) => {
    if (!applies(request)) return;
    const at = await options.lastModified(request);
    const date = at ? new Date(at) : null;
    if (date && !Number.isNaN(date.getTime())) lastModifiedOf.set(request, date);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    if (!applies(request)) return payload;
    reply.header("Access-Control-Allow-Origin", "*");
    reply.header("Access-Control-Expose-Headers", "ETag");
    if (reply.statusCode !== 200) return payload;
    const bytes =
      typeof payload === "string" || Buffer.isBuffer(payload) ? Buffer.from(payload) : null;
    if (!bytes) return payload;
    const etag = `"${createHash("sha256").update(bytes).digest("base64url")}"`;
    reply.header("ETag", etag);
    // Public data may be kept by any cache, but is checked with the server before each use.
    reply.header("Cache-Control", "public, no-cache");
    const modified = lastModifiedOf.get(request);
    if (modified) reply.header("Last-Modified", modified.toUTCString());
    if (notModified(request, etag, modified)) return sendNotModified(reply);
    return payload;
  });
}

/** RFC 9110 §13.1.2 (weak comparison for If-None-Match) and §13.1.3 (ignored with it). */
function notModified(request: FastifyRequest, etag: string, modified: Date | undefined): boolean {
  const noneMatch = request.headers["if-none-match"];
  if (typeof noneMatch === "string") {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
    return noneMatch
      .split(",")
      .map(opaque)
      .some((tag) => tag === "*" || tag === etag);
  }
  const since = request.headers["if-modified-since"];
  if (typeof since !== "string" || !modified) return false;
  const sinceTime = Date.parse(since);
  // HTTP dates have whole seconds: the change is "not after" the date the client holds.
  return !Number.isNaN(sinceTime) && Math.floor(modified.getTime() / 1000) * 1000 <= sinceTime;
}

function sendNotModified(reply: FastifyReply): string {
  reply.code(304);
  reply.removeHeader("Content-Type");
  reply.removeHeader("Content-Length");
  return "";
}
