import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { z } from "zod";
import { type ProblemError, unauthenticated } from "../../platform/http/problem.ts";
import { type MessageKey, type Translate, translator } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { fieldErrorsOf, formFields } from "../../web/forms.ts";
import type { PageContext } from "../../web/layout.tsx";
import type { FormState } from "../../web/pages/accounts/shared.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { localPath } from "../../web/web.routes.tsx";
import type { UserActor } from "../access/actor.ts";
import { type PasswordProblem, passwordProblem } from "./secrets.ts";

/** What the account pages share: request helpers, form checks and refusals in the page's language. */

export const NAME_MAX = 200;
const EMAIL_MAX = 254;
const PASSWORD_MAX = 1024;
const emailFormat = z.email();

export const hidden = { hide: true } as const;

export function queryParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * Where to return after the flow: a local path only, or null when none was given or it leads
 * elsewhere (the user then goes to their landing page).
 */
export function nextOf(value: string | undefined): string | null {
  return value ? localPath(value) : null;
}

export function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/**
 * The page context; `path` may carry the query a page needs again after a language switch
 * (a mailed token, the `next` parameter).
 */
export function pageAt(request: FastifyRequest, reply: FastifyReply, path?: string): PageContext {
  const page = pageContext(request, reply);
  return path ? { ...page, path } : page;
}

/** t() in the language the page will be shown in. */
export function translatorOf(request: FastifyRequest): Translate {
  return translator(request.ctx.language);
}

/** The current user; the route's access rule has already made sure there is one. */
export function userOf(request: FastifyRequest): UserActor {
  const actor = request.ctx.actor;
  if (actor.kind !== "user") throw unauthenticated();
  return actor;
}

/** Shows a form page that needs nothing but the form (sign-up, password reset request). */
export function formPageSender(Page: (props: { page: PageContext; form: FormState }) => VNode) {
  return (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const page = pageAt(request, reply);
    return sendPage(reply, page, <Page page={page} form={form} />, status);
  };
}

/** What a signed-in user's form post gives: who, in which language, and the fields sent. */
export function signedInForm(request: FastifyRequest): {
  actor: UserActor;
  t: Translate;
  fields: Record<string, string>;
} {
  return { actor: userOf(request), t: translatorOf(request), fields: formFields(request.body) };
}

// --- Validation and refusals, in the page's language -------------------------------------

export function requiredText(
  t: Translate,
  errors: FieldError[],
  field: string,
  value: string,
  missing: MessageKey,
  max: number,
): void {
  if (value.trim() === "") errors.push({ path: field, message: t(missing) });
  else if ([...value].length > max)
    errors.push({ path: field, message: t("accounts.error.tooLong", { max }) });
}

export function checkEmail(t: Translate, errors: FieldError[], field: string, value: string): void {
  const email = value.trim();
  if (email === "") errors.push({ path: field, message: t("accounts.error.emailRequired") });
  else if (email.length > EMAIL_MAX || !emailFormat.safeParse(email).success)
    errors.push({ path: field, message: t("accounts.error.emailInvalid") });
}

export function checkPasswordGiven(
  t: Translate,
  errors: FieldError[],
  field: string,
  value: string,
  missing: MessageKey = "accounts.error.passwordRequired",
): void {
  if (value === "") errors.push({ path: field, message: t(missing) });
  else if (value.length > PASSWORD_MAX)
    errors.push({ path: field, message: t("accounts.error.password.tooLong") });
}

const PASSWORD_PROBLEMS: Record<PasswordProblem, MessageKey> = {
  too_short: "accounts.error.password.tooShort",
  too_long: "accounts.error.password.tooLong",
  too_common: "accounts.error.password.tooCommon",
  contains_email: "accounts.error.password.containsEmail",
};

/**
 * Why the service refused a password, in the page's language. Without the address (a mailed
 * link), a password the other rules accept was refused for containing it.
 */
function weakPasswordMessage(t: Translate, password: string, email: string | undefined): string {
  const problem = passwordProblem(password, email ?? "\u0000") ?? "contains_email";
  return t(PASSWORD_PROBLEMS[problem]);
}

export interface Refusal {
  status: number;
  code: string;
  errors: FieldError[];
}

/**
 * A service's refusal as the form shows it: the status to answer with (422, or 429 for a
 * locked account) and messages in the page's language. Anything but a 4xx problem is
 * rethrown for the error page.
 */
export function refusalOf(
  t: Translate,
  error: unknown,
  options: { passwordField?: string; password?: string; email?: string } = {},
): Refusal {
  const fieldErrors = fieldErrorsOf(error);
  const problem = error as ProblemError;
  const one = (path: string, key: MessageKey, status = 422): Refusal => ({
    status,
    code: problem.code,
    errors: [{ path, message: t(key) }],
  });
  switch (problem.code) {
    case "weak_password":
      return {
        status: 422,
        code: problem.code,
        errors: [
          {
            path: options.passwordField ?? "password",
            message: weakPasswordMessage(t, options.password ?? "", options.email),
          },
        ],
      };
    case "invalid_credentials":
      return fieldErrors.some((entry) => entry.path === "currentPassword")
        ? one("currentPassword", "accounts.error.currentPasswordWrong")
        : one("email", "accounts.error.invalidCredentials");
    case "account_locked":
      return one("", "accounts.error.locked", 429);
    case "rate_limited":
      return one("", "accounts.error.rateLimited", 429);
    case "invalid_totp":
      return one("code", "accounts.error.invalidCode");
    case "invalid_token":
      return one("", "accounts.error.invalidToken");
    case "email_taken":
      return one("email", "accounts.error.emailTaken");
    default:
      return one("", "accounts.error.generic");
  }
}
