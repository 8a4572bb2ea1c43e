import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { anonymousContext } from "../platform/http/context.ts";
import { translator } from "../platform/i18n/i18n.ts";
import type { PageContext } from "./layout.tsx";
import { getPageAfterPost } from "./page-addresses.ts";

/** The context every page renders with: language, t(), path and a fresh CSRF token. */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  // Errors raised before the context hook (a rate limit, say) still get a page.
  const context = request.ctx ?? anonymousContext(request);
  const language = context.language;
  const returnAfterPost = getPageAfterPost(request);
  return {
    language,
    actor: context.actor,
    t: translator(language),
    path: request.url.split("?")[0] ?? "/",
    requestUrl: request.url,
    ...(returnAfterPost === null ? {} : { returnAfterPost }),
    csrfToken: reply.generateCsrf(),
  };
}

/** Sends a server-rendered page. Preact escapes every interpolated value. */
export function sendPage(
  reply: FastifyReply,
  page: PageContext,
  node: VNode,
  status = 200,
): FastifyReply {
  return reply
    .code(status)
    .header("Content-Language", page.language)
    .header("Vary", "Accept-Language, Cookie")
    .header("Cache-Control", "no-store")
    .type("text/html; charset=utf-8")
    .send(`<!doctype html>${renderToString(node)}`);
}
