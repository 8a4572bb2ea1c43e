import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LANGUAGE_COOKIE } from "../../platform/http/context.ts";
import { isLanguage } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import {
  ACCOUNT_NOTICES,
  type AccountForms,
  type AccountNotice,
  AccountPage,
  emptyAccountForms,
} from "../../web/pages/accounts/account.tsx";
import type { FormState } from "../../web/pages/accounts/shared.tsx";
import { sendPage } from "../../web/render.ts";
import { SIGNIN_RATE_LIMIT } from "./accounts.routes.ts";
import type { AccountsService } from "./accounts.service.ts";
import {
  checkPasswordGiven,
  hidden,
  NAME_MAX,
  pageAt,
  queryParam,
  refusalOf,
  requiredText,
  signedInForm,
  translatorOf,
  userOf,
} from "./page-helpers.tsx";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const TOKEN_NAME_MAX = 100;

/** The account page and its forms: profile, password, confirmation mail, API tokens. */
export function registerAccountSettingsPages(
  app: FastifyInstance,
  deps: { accounts: AccountsService; secureCookies: boolean },
): void {
  const { accounts, secureCookies } = deps;

  const showAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      forms?: AccountForms;
      notice?: AccountNotice | null;
      newToken?: { name: string; token: string } | null;
      status?: number;
    } = {},
  ) => {
    const actor = userOf(request);
    const [me, tokens] = await Promise.all([accounts.me(actor), accounts.listApiTokens(actor)]);
    const page = pageAt(request, reply);
    return sendPage(
      reply,
      page,
      <AccountPage
        page={page}
        me={me}
        tokens={tokens}
        notice={options.notice ?? null}
        forms={options.forms ?? emptyAccountForms}
        newToken={options.newToken ?? null}
      />,
      options.status ?? 200,
    );
  };

  app.get(
    "/account",
    { config: { access: "signed_in" }, schema: hidden },
    async (request, reply) => {
      const done = queryParam(request, "done");
      const notice = done && Object.hasOwn(ACCOUNT_NOTICES, done) ? (done as AccountNotice) : null;
      return showAccount(request, reply, { notice });
    },
  );

  app.post(
    "/account/profile",
    { config: { access: "signed_in" }, schema: hidden },
    async (request, reply) => {
      const { actor, t, fields } = signedInForm(request);
      const name = fields.name ?? "";
      const values = { name, language: fields.language ?? actor.language };
      const errors: FieldError[] = [];
      requiredText(t, errors, "name", name, "accounts.error.nameRequired", NAME_MAX);
      if (!isLanguage(fields.language))
        errors.push({ path: "language", message: t("accounts.error.languageInvalid") });
      const failed = (form: FormState, status: number) =>
        showAccount(request, reply, { forms: { ...emptyAccountForms, profile: form }, status });
      if (errors.length > 0 || !isLanguage(fields.language)) return failed({ values, errors }, 422);
      const language = fields.language;
      try {
        await accounts.updateProfile(actor, { name: name.trim(), language });
      } catch (error) {
        const refusal = refusalOf(t, error);
        return failed({ values, errors: refusal.errors }, refusal.status);
      }
      // The account's language is the page language from now on; remember it after sign-out too.
      reply.setCookie(LANGUAGE_COOKIE, language, {
        path: "/",
        maxAge: ONE_YEAR_SECONDS,
        sameSite: "lax",
        httpOnly: true,
        secure: secureCookies,
      });
      return reply.redirect("/account?done=profile", 303);
    },
  );

  app.post(
    "/account/password",
    { config: { access: "signed_in", rateLimit: SIGNIN_RATE_LIMIT }, schema: hidden },
    async (request, reply) => {
      const { actor, t, fields } = signedInForm(request);
      const currentPassword = fields.currentPassword ?? "";
      const newPassword = fields.newPassword ?? "";
      const errors: FieldError[] = [];
      checkPasswordGiven(
        t,
        errors,
        "currentPassword",
        currentPassword,
        "accounts.error.currentPasswordRequired",
      );
      checkPasswordGiven(
        t,
        errors,
        "newPassword",
        newPassword,
        "accounts.error.newPasswordRequired",
      );
      const failed = (form: FormState, status: number) =>
        showAccount(request, reply, { forms: { ...emptyAccountForms, password: form }, status });
      if (errors.length > 0) return failed({ values: {}, errors }, 422);
      try {
        await accounts.changePassword(actor, { currentPassword, newPassword });
      } catch (error) {
        const refusal = refusalOf(t, error, {
          passwordField: "newPassword",
          password: newPassword,
          email: actor.email,
        });
        return failed({ values: {}, errors: refusal.errors }, refusal.status);
      }
      return reply.redirect("/account?done=password", 303);
    },
  );

  app.post(
    "/account/resend-verification",
    { config: { access: "signed_in", rateLimit: SIGNIN_RATE_LIMIT }, schema: hidden },
    async (request, reply) => {
      await accounts.resendVerification(userOf(request));
      return reply.redirect("/account?done=verification", 303);
    },
  );

  app.post(
    "/account/tokens",
    { config: { access: "signed_in" }, schema: hidden },
    async (request, reply) => {
      const actor = userOf(request);
      const t = translatorOf(request);
      const tokenName = formFields(request.body).tokenName ?? "";
      const errors: FieldError[] = [];
      requiredText(
        t,
        errors,
        "tokenName",
        tokenName,
        "accounts.error.tokenNameRequired",
        TOKEN_NAME_MAX,
      );
      const failed = (form: FormState, status: number) =>
        showAccount(request, reply, { forms: { ...emptyAccountForms, token: form }, status });
      if (errors.length > 0) return failed({ values: { tokenName }, errors }, 422);
      let created: { token: string };
      try {
        created = await accounts.createApiToken(actor, tokenName.trim());
      } catch (error) {
        const refusal = refusalOf(t, error);
        return failed({ values: { tokenName }, errors: refusal.errors }, refusal.status);
      }
      return showAccount(request, reply, {
        newToken: { name: tokenName.trim(), token: created.token },
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    "/account/tokens/:id/revoke",
    { config: { access: "signed_in" }, schema: hidden },
    async (request, reply) => {
      await accounts.revokeApiToken(userOf(request), request.params.id);
      return reply.redirect("/account?done=tokenRevoked", 303);
    },
  );
}
