import type { FastifyRequest } from "fastify";
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  type Language,
  languageFromAcceptLanguage,
} from "../i18n/i18n.ts";

/** Who is calling. Accounts arrive with the identity module; until then everyone is anonymous. */
export type Actor = { kind: "anonymous" };

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

export function buildRequestContext(request: FastifyRequest): RequestContext {
  return {
    actor: { kind: "anonymous" },
    ip: request.ip,
    language: resolveLanguage({
      cookie: request.cookies[LANGUAGE_COOKIE],
      acceptLanguage: request.headers["accept-language"],
    }),
  };
}
