import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ProblemError } from "../../platform/http/problem.ts";
import type { FieldError } from "../../web/components.tsx";
import { fieldErrorsOf, formFields } from "../../web/forms.ts";
import type { PageContext } from "../../web/layout.tsx";
import { InvitationDonePage, InvitationPage } from "../../web/pages/accounts/invitation.tsx";
import {
  PasswordResetDonePage,
  PasswordResetRequestPage,
  PasswordResetSentPage,
  SetPasswordPage,
} from "../../web/pages/accounts/password-reset.tsx";
import { emptyForm, type FormState } from "../../web/pages/accounts/shared.tsx";
import {
  InvalidLinkPage,
  VerifyEmailDonePage,
  VerifyEmailPage,
} from "../../web/pages/accounts/verify-email.tsx";
import { sendPage } from "../../web/render.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import { landingPath } from "../access/landing.ts";
import { SIGNIN_RATE_LIMIT } from "./accounts.routes.ts";
import type { AccountsService } from "./accounts.service.ts";
import {
  checkEmail,
  checkPasswordGiven,
  formPageSender,
  hidden,
  pageAt,
  queryParam,
  refusalOf,
  translatorOf,
} from "./page-helpers.tsx";

/** The pages of mailed links: the address confirmation, the password reset, the invitation. */
export function registerEmailLinkPages(
  app: FastifyInstance,
  deps: { accounts: AccountsService },
): void {
  const { accounts } = deps;

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
      const actor = request.ctx.actor;
      // A signed-in finder goes on to their reports, where filing a report is now offered.
      const onward = isSignedIn(actor) ? landingPath(actor) : null;
      return sendPage(reply, page, <VerifyEmailDonePage page={page} onward={onward} />);
    },
  );

  // Password reset ----------------------------------------------------------------------------

  const showResetRequest = formPageSender(PasswordResetRequestPage);

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
}
