import type { FastifyInstance } from "fastify";
import { isLanguage, type Language } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import { emptyForm } from "../../web/pages/accounts/shared.tsx";
import { SignUpPage, SignUpSentPage } from "../../web/pages/accounts/signup.tsx";
import { sendPage } from "../../web/render.ts";
import { isSignedIn } from "../access/actor.ts";
import { landingPath } from "../access/landing.ts";
import { SIGNUP_RATE_LIMIT } from "./accounts.routes.ts";
import type { AccountsService } from "./accounts.service.ts";
import {
  checkEmail,
  checkPasswordGiven,
  formPageSender,
  hidden,
  NAME_MAX,
  pageAt,
  refusalOf,
  requiredText,
  translatorOf,
} from "./page-helpers.tsx";

/** A finder's sign-up; the confirmation link is mailed. */
export function registerSignUpPages(
  app: FastifyInstance,
  { accounts }: { accounts: AccountsService },
): void {
  const showSignUp = formPageSender(SignUpPage);

  app.get("/signup", { config: { access: "public" }, schema: hidden }, (request, reply) => {
    const actor = request.ctx.actor;
    if (isSignedIn(actor)) return reply.redirect(landingPath(actor), 303);
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
}
