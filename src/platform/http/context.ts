import type { FastifyRequest } from "fastify";
import type { Actor, Origin } from "../../modules/access/actor.ts";
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  type Language,
  languageFromAcceptLanguage,
} from "../i18n/i18n.ts";

export interface RequestContext {
  actor: Actor;
  ip: string;
  language: Language;
}

declare module "fastify" {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export const LANGUAGE_COOKIE = "kk_lang";
export const SESSION_COOKIE = "kk_session";

/**
 * The page language: the account's choice, then the visitor's explicit switch (a cookie),
 * then Accept-Language, then Japanese.
 */
export function resolveLanguage(input: {
  accountLanguage?: Language | undefined;
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
}): Language {
  if (input.accountLanguage) return input.accountLanguage;
  if (isLanguage(input.cookie)) return input.cookie;
  return languageFromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LANGUAGE;
}

export function originOf(request: FastifyRequest): Origin {
  const userAgent = request.headers["user-agent"];
  return {
    ip: request.ip,
    userAgent: typeof userAgent === "string" ? userAgent.slice(0, 500) : null,
  };
}

/** The credentials a request carries: a bearer token, or the session cookie. */
export function credentialsOf(request: FastifyRequest): { bearer?: string; sessionToken?: string } {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith("Bearer "))
    return { bearer: authorization.slice("Bearer ".length).trim() };
  const sessionToken = request.cookies[SESSION_COOKIE];
  return sessionToken ? { sessionToken } : {};
}

export function buildRequestContext(request: FastifyRequest, actor: Actor): RequestContext {
  return {
    actor,
    ip: request.ip,
    language: resolveLanguage({
      accountLanguage: actor.kind === "user" ? actor.language : undefined,
      cookie: request.cookies[LANGUAGE_COOKIE],
      acceptLanguage: request.headers["accept-language"],
    }),
  };
}

/** The context before (or without) authentication: errors raised early still need a language. */
export function anonymousContext(request: FastifyRequest): RequestContext {
  return buildRequestContext(request, { kind: "anonymous", origin: originOf(request) });
}
