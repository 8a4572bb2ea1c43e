import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import QRCode from "qrcode";
import { originOf, SESSION_COOKIE } from "../../platform/http/context.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import type { PageContext } from "../../web/layout.tsx";
import { emptyForm, type FormState } from "../../web/pages/accounts/shared.tsx";
import { SecondFactorPage, SignInPage } from "../../web/pages/accounts/signin.tsx";
import {
  RecoveryCodesPage,
  TwoFactorAlreadyPage,
  TwoFactorEnrolPage,
} from "../../web/pages/accounts/two-factor.tsx";
import { sendPage } from "../../web/render.ts";
import { isSignedIn, type UserActor } from "../access/actor.ts";
import { onwardPath } from "../access/landing.ts";
import { clearSessionCookie, SIGNIN_RATE_LIMIT, setSessionCookie } from "./accounts.routes.ts";
import type { AccountsService } from "./accounts.service.ts";
import {
  checkEmail,
  checkPasswordGiven,
  hidden,
  nextOf,
  pageAt,
  queryParam,
  refusalOf,
  requiredText,
  signedInForm,
  translatorOf,
  userOf,
  withNext,
} from "./page-helpers.tsx";
import { totpUri } from "./secrets.ts";

const CODE_MAX = 40;
/** A base32 TOTP secret, as the enrolment form carries it back for a second try. */
const TOTP_SECRET = /^[A-Z2-7]{16,128}=*$/;

/** A form page of the sign-in flow at `path`, which carries `next` along. */
function signInFormPage(
  path: string,
  Page: (props: { page: PageContext; form: FormState; next: string | null }) => VNode,
) {
  return (
    request: FastifyRequest,
    reply: FastifyReply,
    next: string | null,
    form: FormState,
    status = 200,
  ) => {
    const page = pageAt(request, reply, withNext(path, next));
    return sendPage(reply, page, <Page page={page} form={form} next={next} />, status);
  };
}

const showSignIn = signInFormPage("/signin", SignInPage);
const showSecondFactor = signInFormPage("/signin/second-factor", SecondFactorPage);

/** Signing in and out, the second factor a session owes, and setting up TOTP. */
export function registerSignInPages(
  app: FastifyInstance,
  deps: { accounts: AccountsService; secureCookies: boolean },
): void {
  const { accounts, secureCookies } = deps;

  app.get("/signin", { config: { access: "public" }, schema: hidden }, (request, reply) => {
    const next = nextOf(queryParam(request, "next"));
    const actor = request.ctx.actor;
    if (isSignedIn(actor)) return reply.redirect(onwardPath(actor, next), 303);
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
        case "done": {
          // The request came in anonymous: whom the new session belongs to decides the landing.
          const signedIn = await accounts.authenticate(
            { sessionToken: result.sessionToken },
            originOf(request),
          );
          return reply.redirect(
            isSignedIn(signedIn) ? onwardPath(signedIn, next) : (next ?? "/"),
            303,
          );
        }
        case "required":
          return reply.redirect(withNext("/signin/second-factor", next), 303);
        case "enrolment_required":
          return reply.redirect(withNext("/account/two-factor", next), 303);
      }
    },
  );

  app.get(
    "/signin/second-factor",
    { config: { access: "session_pending" }, schema: hidden },
    async (request, reply) => {
      const actor = userOf(request);
      const next = nextOf(queryParam(request, "next"));
      if (actor.secondFactorDone) return reply.redirect(onwardPath(actor, next), 303);
      const me = await accounts.me(actor);
      if (!me.twoFactorEnabled) return reply.redirect(withNext("/account/two-factor", next), 303);
      return showSecondFactor(request, reply, next, emptyForm);
    },
  );

  app.post(
    "/signin/second-factor",
    { config: { access: "session_pending", rateLimit: SIGNIN_RATE_LIMIT }, schema: hidden },
    async (request, reply) => {
      const { actor, t, fields } = signedInForm(request);
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
      return reply.redirect(onwardPath(actor, next), 303);
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
      ? onwardPath(actor, next)
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
      const { actor, t, fields } = signedInForm(request);
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
        <RecoveryCodesPage
          page={page}
          recoveryCodes={recoveryCodes}
          next={onwardPath(actor, next)}
        />,
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
      // "Sign in as another account" (the denial page) signs out and asks for the page again.
      const next = nextOf(formFields(request.body).next);
      return reply.redirect(next ? withNext("/signin", next) : "/", 303);
    },
  );
}
