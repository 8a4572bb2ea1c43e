import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import QRCode from "qrcode";
import { z } from "zod";
import { LANGUAGE_COOKIE, originOf, SESSION_COOKIE } from "../../platform/http/context.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import {
  isLanguage,
  type Language,
  type MessageKey,
  type Translate,
  translator,
} from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { fieldErrorsOf, formFields } from "../../web/forms.ts";
import type { PageContext } from "../../web/layout.tsx";
import {
  ACCOUNT_NOTICES,
  type AccountForms,
  type AccountNotice,
  AccountPage,
  emptyAccountForms,
} from "../../web/pages/accounts/account.tsx";
import { InvitationDonePage, InvitationPage } from "../../web/pages/accounts/invitation.tsx";
import {
  PasswordResetDonePage,
  PasswordResetRequestPage,
  PasswordResetSentPage,
  SetPasswordPage,
} from "../../web/pages/accounts/password-reset.tsx";
import { emptyForm, type FormState } from "../../web/pages/accounts/shared.tsx";
import { SecondFactorPage, SignInPage } from "../../web/pages/accounts/signin.tsx";
import { SignUpPage, SignUpSentPage } from "../../web/pages/accounts/signup.tsx";
import {
  RecoveryCodesPage,
  TwoFactorAlreadyPage,
  TwoFactorEnrolPage,
} from "../../web/pages/accounts/two-factor.tsx";
import {
  InvalidLinkPage,
  VerifyEmailDonePage,
  VerifyEmailPage,
} from "../../web/pages/accounts/verify-email.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { safeReturnPath } from "../../web/web.routes.tsx";
import type { Actor, UserActor } from "../access/actor.ts";
import { isSignedIn } from "../access/actor.ts";
import {
  clearSessionCookie,
  SIGNIN_RATE_LIMIT,
  SIGNUP_RATE_LIMIT,
  setSessionCookie,
} from "./accounts.routes.ts";
import type { AccountsService } from "./accounts.service.ts";
import { type PasswordProblem, passwordProblem, totpUri } from "./secrets.ts";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const NAME_MAX = 200;
const EMAIL_MAX = 254;
const PASSWORD_MAX = 1024;
const TOKEN_NAME_MAX = 100;
const CODE_MAX = 40;
const emailFormat = z.email();
/** A base32 TOTP secret, as the enrolment form carries it back for a second try. */
const TOTP_SECRET = /^[A-Z2-7]{16,128}=*$/;

const hidden = { hide: true } as const;

function queryParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : undefined;
}

/** Where to return after the flow: a local path only, or null when none was given. */
function nextOf(value: string | undefined): string | null {
  return value ? safeReturnPath(value) : null;
}

function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/**
 * The page context; `path` may carry the query a page needs again after a language switch
 * (a mailed token, the `next` parameter).
 */
function pageAt(request: FastifyRequest, reply: FastifyReply, path?: string): PageContext {
  const page = pageContext(request, reply);
  return path ? { ...page, path } : page;
}

/** t() in the language the page will be shown in. */
function translatorOf(request: FastifyRequest): Translate {
  return translator(request.ctx.language);
}

/** The current user; the route's access rule has already made sure there is one. */
function userOf(request: FastifyRequest): UserActor {
  const actor = request.ctx.actor;
  if (actor.kind !== "user") throw new ProblemError(401, "unauthenticated", "Sign in first.");
  return actor;
}

// --- Validation and refusals, in the page's language -------------------------------------

function requiredText(
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

function checkEmail(t: Translate, errors: FieldError[], field: string, value: string): void {
  const email = value.trim();
  if (email === "") errors.push({ path: field, message: t("accounts.error.emailRequired") });
  else if (email.length > EMAIL_MAX || !emailFormat.safeParse(email).success)
    errors.push({ path: field, message: t("accounts.error.emailInvalid") });
}

function checkPasswordGiven(
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

interface Refusal {
  status: number;
  code: string;
  errors: FieldError[];
}

/**
 * A service's refusal as the form shows it: the status to answer with (422, or 429 for a
 * locked account) and messages in the page's language. Anything but a 4xx problem is
 * rethrown for the error page.
 */
function refusalOf(
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

// --- Routes ----------------------------------------------------------------------------------

/** The account pages: sign-up, e-mail confirmation, sign-in, two-factor, password, account. */
export async function registerAccountPages(
  app: FastifyInstance,
  deps: { accounts: AccountsService; secureCookies: boolean },
): Promise<void> {
  const { accounts, secureCookies } = deps;

  // Sign-up ---------------------------------------------------------------------------------

  const showSignUp = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    status = 200,
  ) => {
    const page = pageAt(request, reply);
    return sendPage(reply, page, <SignUpPage page={page} form={form} />, status);
  };

  app.get("/signup", { config: { access: "public" }, schema: hidden }, (request, reply) => {
    if (isSignedIn(request.ctx.actor)) return reply.redirect("/account", 303);
    return showSignUp(request, reply, emptyForm);
  });

  app.post(
    "/signup",
    { config: { access: "public", rateLimit: SIGNUP_RATE_LIMIT }, schema: hidden },
    async (request, reply) => {
      const pageLanguage = request.ctx.language;
      const t = translatorOf(request);
      const fields = formFields(request.body);
      const name = fields.name ?? "";
      const email = fields.email ?? "";
      const password = fields.password ?? "";
      const language: Language = isLanguage(fields.language) ? fields.language : pageLanguage;
      const values = { name, email, language };
      const errors: FieldError[] = [];
      requiredText(t, errors, "name", name, "accounts.error.nameRequired", NAME_MAX);
      checkEmail(t, errors, "email", email);
      checkPasswordGiven(t, errors, "password", password);
      if (!isLanguage(fields.language))
        errors.push({ path: "language", message: t("accounts.error.languageInvalid") });
      if (errors.length > 0) return showSignUp(request, reply, { values, errors }, 422);
      try {
        await accounts.registerFinder(request.ctx.actor, {
          name: name.trim(),
          email: email.trim(),
          password,
          language,
        });
      } catch (error) {
        const refusal = refusalOf(t, error, { password, email: email.trim().toLowerCase() });
        return showSignUp(request, reply, { values, errors: refusal.errors }, refusal.status);
      }
      const page = pageAt(request, reply);
      return sendPage(reply, page, <SignUpSentPage page={page} email={email.trim()} />);
    },
  );

  // E-mail confirmation ---------------------------------------------------------------------

  const showInvalidLink = (
    request: FastifyRequest,
    reply: FastifyReply,
    again: "signin" | "passwordReset",
    status: number,
  ) => {
    const page = pageAt(request, reply);
    const { t } = page;
    const link =
      again === "passwordReset"
        ? { href: "/password-reset", label: t("accounts.passwordReset.again") }
        : request.ctx.actor.kind === "user"
          ? { href: "/account", label: t("accounts.link.account") }
          : { href: "/signin", label: t("accounts.signin.link") };
    return sendPage(reply, page, <InvalidLinkPage page={page} again={link} />, status);
  };

  app.get("/verify-email", { config: { access: "public" }, schema: hidden }, (request, reply) => {
    const token = queryParam(request, "token");
    if (!token) return showInvalidLink(request, reply, "signin", 400);
    // Only shows the button: a mail scanner following the link must not spend the token.
    const page = pageAt(request, reply, `/verify-email?token=${encodeURIComponent(token)}`);
    return sendPage(reply, page, <VerifyEmailPage page={page} token={token} />);
  });

  app.post(
    "/verify-email",
    { config: { access: "public", rateLimit: SIGNIN_RATE_LIMIT }, schema: hidden },
    async (request, reply) => {
      const token = formFields(request.body).token ?? "";
      try {
        if (token === "") throw new ProblemError(422, "invalid_token", "No token.");
        await accounts.verifyEmail(request.ctx.actor, token);
      } catch (error) {
        fieldErrorsOf(error); // rethrows anything but a refusal
        return showInvalidLink(request, reply, "signin", 422);
      }
      const page = pageAt(request, reply);
      const signedIn = request.ctx.actor.kind === "user";
      return sendPage(reply, page, <VerifyEmailDonePage page={page} signedIn={signedIn} />);
    },
  );

  // Sign-in ---------------------------------------------------------------------------------

  const showSignIn = (
    request: FastifyRequest,
    reply: FastifyReply,
    next: string | null,
    form: FormState,
    status = 200,
  ) => {
    const page = pageAt(request, reply, withNext("/signin", next));
    return sendPage(reply, page, <SignInPage page={page} form={form} next={next} />, status);
  };

  app.get("/signin", { config: { access: "public" }, schema: hidden }, (request, reply) => {
    const next = nextOf(queryParam(request, "next"));
    if (isSignedIn(request.ctx.actor)) return reply.redirect(next ?? "/account", 303);
    return showSignIn(request, reply, next, emptyForm);
  });

  app.post(
    "/signin",
    { config: { access: "public", rateLimit: SIGNIN_RATE_LIMIT }, schema: hidden },
    async (request, reply) => {
      const t = translatorOf(request);
      const fields = formFields(request.body);
      const next = nextOf(fields.next);
      const email = fields.email ?? "";
      const password = fields.password ?? "";
      const values = { email };
      const errors: FieldError[] = [];
      checkEmail(t, errors, "email", email);
      checkPasswordGiven(t, errors, "password", password);
      if (errors.length > 0) return showSignIn(request, reply, next, { values, errors }, 422);
      let result: Awaited<ReturnType<AccountsService["signIn"]>>;
      try {
        result = await accounts.signIn(
          originOf(request),
          { email, password },
          request.cookies[SESSION_COOKIE],
        );
      } catch (error) {
        const refusal = refusalOf(t, error);
        return showSignIn(request, reply, next, { values, errors: refusal.errors }, refusal.status);
      }
      setSessionCookie(reply, result.sessionToken, secureCookies);
      switch (result.secondFactor) {
        case "done":
          return reply.redirect(next ?? "/account", 303);
        case "required":
          return reply.redirect(withNext("/signin/second-factor", next), 303);
        case "enrolment_required":
          return reply.redirect(withNext("/account/two-factor", next), 303);
      }
    },
  );

  const showSecondFactor = (
    request: FastifyRequest,
    reply: FastifyReply,
    next: string | null,
    form: FormState,
    status = 200,
  ) => {
    const page = pageAt(request, reply, withNext("/signin/second-factor", next));
    return sendPage(reply, page, <SecondFactorPage page={page} form={form} next={next} />, status);
  };

  app.get(
    "/signin/second-factor",
    { config: { access: "session_pending" }, schema: hidden },
    async (request, reply) => {
      const actor = userOf(request);
      const next = nextOf(queryParam(request, "next"));
      if (actor.secondFactorDone) return reply.redirect(next ?? "/account", 303);
      const me = await accounts.me(actor);
      if (!me.twoFactorEnabled) return reply.redirect(withNext("/account/two-factor", next), 303);
      return showSecondFactor(request, reply, next, emptyForm);
    },
  );

  app.post(
    "/signin/second-factor",
    { config: { access: "session_pending", rateLimit: SIGNIN_RATE_LIMIT }, schema: hidden },
    async (request, reply) => {
      const actor = userOf(request);
      const t = translatorOf(request);
      const fields = formFields(request.body);
      const next = nextOf(fields.next);
      const code = (fields.code ?? "").trim();
      const errors: FieldError[] = [];
      requiredText(t, errors, "code", code, "accounts.error.codeRequired", CODE_MAX);
      if (errors.length > 0) return showSecondFactor(request, reply, next, emptyForm, 422);
      try {
        await accounts.completeSecondFactor(actor, { code });
      } catch (error) {
        const refusal = refusalOf(t, error);
        if (refusal.code === "enrolment_required")
          return reply.redirect(withNext("/account/two-factor", next), 303);
        return showSecondFactor(
          request,
          reply,
          next,
          { values: {}, errors: refusal.errors },
          refusal.status,
        );
      }
      return reply.redirect(next ?? "/account", 303);
    },
  );

  // Two-factor enrolment ----------------------------------------------------------------------

  const showEnrolment = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: UserActor,
    next: string | null,
    secret: string,
    form: FormState,
    status = 200,
  ) => {
    const page = pageAt(request, reply, withNext("/account/two-factor", next));
    const qrSvg = await QRCode.toString(totpUri(secret, actor.email), {
      type: "svg",
      errorCorrectionLevel: "M",
    });
    return sendPage(
      reply,
      page,
      <TwoFactorEnrolPage
        page={page}
        form={form}
        next={next}
        secret={secret}
        qrSvg={qrSvg}
        mandatory={actor.organization !== null && !actor.secondFactorDone}
      />,
      status,
    );
  };

  const showAlreadyEnrolled = (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: UserActor,
    next: string | null,
  ) => {
    const page = pageAt(request, reply);
    const onward = actor.secondFactorDone
      ? (next ?? "/account")
      : withNext("/signin/second-factor", next);
    return sendPage(reply, page, <TwoFactorAlreadyPage page={page} next={onward} />);
  };

  app.get(
    "/account/two-factor",
    { config: { access: "session_pending" }, schema: hidden },
    async (request, reply) => {
      const actor = userOf(request);
      const next = nextOf(queryParam(request, "next"));
      const me = await accounts.me(actor);
      if (me.twoFactorEnabled) return showAlreadyEnrolled(request, reply, actor, next);
      const enrolment = await accounts.startTotpEnrolment(actor);
      return showEnrolment(request, reply, actor, next, enrolment.secret, emptyForm);
    },
  );

  app.post(
    "/account/two-factor",
    { config: { access: "session_pending", rateLimit: SIGNIN_RATE_LIMIT }, schema: hidden },
    async (request, reply) => {
      const actor = userOf(request);
      const t = translatorOf(request);
      const fields = formFields(request.body);
      const next = nextOf(fields.next);
      const code = (fields.code ?? "").trim();
      // The form carries the secret it showed, to show it again after a wrong code; the code is
      // checked against the secret stored with the account, never against this one.
      const shownSecret = TOTP_SECRET.test(fields.secret ?? "") ? (fields.secret as string) : null;
      const retry = async (errors: FieldError[], status: number) => {
        const secret = shownSecret ?? (await accounts.startTotpEnrolment(actor)).secret;
        return showEnrolment(request, reply, actor, next, secret, { values: {}, errors }, status);
      };
      const errors: FieldError[] = [];
      requiredText(t, errors, "code", code, "accounts.error.codeRequired", CODE_MAX);
      if (errors.length > 0) return retry(errors, 422);
      let recoveryCodes: string[];
      try {
        ({ recoveryCodes } = await accounts.confirmTotpEnrolment(actor, code));
      } catch (error) {
        const refusal = refusalOf(t, error);
        if (refusal.code === "transition_not_allowed") {
          // Already on, or never started (the page was not loaded first).
          const me = await accounts.me(actor);
          if (me.twoFactorEnabled) return showAlreadyEnrolled(request, reply, actor, next);
          return reply.redirect(withNext("/account/two-factor", next), 303);
        }
        return retry(refusal.errors, refusal.status);
      }
      // The session has now given its second factor: show the page as such.
      const base = pageAt(request, reply);
      const page: PageContext = { ...base, actor: { ...actor, secondFactorDone: true } };
      return sendPage(
        reply,
        page,
        <RecoveryCodesPage page={page} recoveryCodes={recoveryCodes} next={next ?? "/account"} />,
      );
    },
  );

  // Sign-out ----------------------------------------------------------------------------------

  app.post(
    "/signout",
    // Public: signing out must work even when the session has already expired.
    { config: { access: "public" }, schema: hidden },
    async (request, reply) => {
      await accounts.signOut(request.ctx.actor);
      clearSessionCookie(reply, secureCookies);
      return reply.redirect("/", 303);
    },
  );

  // Password reset ----------------------------------------------------------------------------

  const showResetRequest = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    status = 200,
  ) => {
    const page = pageAt(request, reply);
    return sendPage(reply, page, <PasswordResetRequestPage page={page} form={form} />, status);
  };

  app.get("/password-reset", { config: { access: "public" }, schema: hidden }, (request, reply) =>
    showResetRequest(request, reply, emptyForm),
  );

  app.post(
    "/password-reset",
    { config: { access: "public", rateLimit: SIGNIN_RATE_LIMIT }, schema: hidden },
    async (request, reply) => {
      const t = translatorOf(request);
      const email = formFields(request.body).email ?? "";
      const errors: FieldError[] = [];
      checkEmail(t, errors, "email", email);
      if (errors.length > 0)
        return showResetRequest(request, reply, { values: { email }, errors }, 422);
      try {
        await accounts.requestPasswordReset(request.ctx.actor, email.trim());
      } catch (error) {
        const refusal = refusalOf(t, error);
        return showResetRequest(
          request,
          reply,
          { values: { email }, errors: refusal.errors },
          refusal.status,
        );
      }
      const page = pageAt(request, reply);
      return sendPage(reply, page, <PasswordResetSentPage page={page} />);
    },
  );

  /** The reset link and the invitation link: a new password with a mailed token. */
  const tokenPasswordPages = [
    {
      path: "/password-reset/complete",
      again: "passwordReset",
      act: (actor: Actor, input: { token: string; password: string }) =>
        accounts.completePasswordReset(actor, input),
      form: (page: PageContext, token: string, form: FormState) => (
        <SetPasswordPage
          page={page}
          form={form}
          token={token}
          action="/password-reset/complete"
          title={page.t("accounts.passwordResetComplete.title")}
          lead={page.t("accounts.passwordResetComplete.lead")}
          submit={page.t("accounts.passwordResetComplete.submit")}
        />
      ),
      done: (page: PageContext) => <PasswordResetDonePage page={page} />,
    },
    {
      path: "/invitation",
      again: "signin",
      act: (actor: Actor, input: { token: string; password: string }) =>
        accounts.acceptInvitation(actor, input),
      form: (page: PageContext, token: string, form: FormState) => (
        <InvitationPage page={page} form={form} token={token} />
      ),
      done: (page: PageContext) => <InvitationDonePage page={page} />,
    },
  ] as const;

  for (const flow of tokenPasswordPages) {
    app.get(flow.path, { config: { access: "public" }, schema: hidden }, (request, reply) => {
      const token = queryParam(request, "token");
      if (!token) return showInvalidLink(request, reply, flow.again, 400);
      const page = pageAt(request, reply, `${flow.path}?token=${encodeURIComponent(token)}`);
      return sendPage(reply, page, flow.form(page, token, emptyForm));
    });

    app.post(
      flow.path,
      { config: { access: "public", rateLimit: SIGNIN_RATE_LIMIT }, schema: hidden },
      async (request, reply) => {
        const fields = formFields(request.body);
        const token = fields.token ?? "";
        const password = fields.password ?? "";
        if (token === "") return showInvalidLink(request, reply, flow.again, 422);
        const page = pageAt(request, reply, `${flow.path}?token=${encodeURIComponent(token)}`);
        const errors: FieldError[] = [];
        checkPasswordGiven(page.t, errors, "password", password);
        if (errors.length > 0)
          return sendPage(reply, page, flow.form(page, token, { values: {}, errors }), 422);
        try {
          await flow.act(request.ctx.actor, { token, password });
        } catch (error) {
          const refusal = refusalOf(page.t, error, { password });
          if (refusal.code === "invalid_token")
            return showInvalidLink(request, reply, flow.again, 422);
          const form = { values: {}, errors: refusal.errors };
          return sendPage(reply, page, flow.form(page, token, form), refusal.status);
        }
        const done = pageAt(request, reply);
        return sendPage(reply, done, flow.done(done));
      },
    );
  }

  // The account page ---------------------------------------------------------------------------

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
      const actor = userOf(request);
      const t = translatorOf(request);
      const fields = formFields(request.body);
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
      const actor = userOf(request);
      const t = translatorOf(request);
      const fields = formFields(request.body);
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
