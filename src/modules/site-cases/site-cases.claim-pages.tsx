import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { originOf, SESSION_COOKIE } from "../../platform/http/context.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import { isLanguage } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import { emptyForm, type FormState } from "../../web/pages/accounts/shared.tsx";
import { ClaimInvalidPage, ClaimPage } from "../../web/pages/site-cases/claim.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { SIGNIN_RATE_LIMIT, setSessionCookie } from "../accounts/accounts.routes.ts";
import type { AccountsService } from "../accounts/accounts.service.ts";
import { canClaimForOrganization } from "./site-cases.policy.ts";
import type { SiteCasesService } from "./site-cases.service.ts";

const tokenQuery = z.object({ token: z.string().max(200).optional().catch(undefined) });

/**
 * The mailed claim link's pages (R-WEB-1): the form, and its answer — a new operator account
 * and organization, or the signed-in operator admin's organization.
 */
export function registerSiteCaseClaimPages(
  app: FastifyInstance,
  deps: { siteCases: SiteCasesService; accounts: AccountsService; secureCookies: boolean },
) {
  const { siteCases, accounts, secureCookies } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = true;

  const showClaim = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    form: FormState,
    status = 200,
  ) => {
    const page = {
      ...pageContext(request, reply),
      path: `/site-cases/claim?token=${encodeURIComponent(token)}`,
    };
    let preview: Awaited<ReturnType<SiteCasesService["claimPreview"]>>;
    try {
      preview = await siteCases.claimPreview(token);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404)
        return sendPage(reply, page, <ClaimInvalidPage page={page} />, status === 200 ? 404 : 422);
      throw error;
    }
    const actor = request.ctx.actor;
    const signedIn =
      actor.kind !== "user"
        ? null
        : canClaimForOrganization(actor)
          ? { organization: actor.organization?.name ?? "" }
          : ("other" as const);
    return sendPage(
      reply,
      page,
      <ClaimPage page={page} token={token} preview={preview} signedIn={signedIn} form={form} />,
      status,
    );
  };

  pages.get(
    "/site-cases/claim",
    // Shows the form only: a mail scanner opening the link must not spend it.
    { config: { access: "public" }, schema: { hide, querystring: tokenQuery } },
    async (request, reply) => showClaim(request, reply, request.query.token ?? "", emptyForm),
  );

  pages.post(
    "/site-cases/claim",
    { config: { access: "public", rateLimit: SIGNIN_RATE_LIMIT }, schema: { hide } },
    async (request, reply) => {
      const { t } = pageContext(request, reply);
      const fields = formFields(request.body);
      const token = fields.token ?? "";
      const actor = request.ctx.actor;
      if (actor.kind === "user") {
        try {
          const claimed = await siteCases.claim(actor, { token });
          return reply.redirect(
            `/site-cases/${encodeURIComponent(claimed.siteCaseId)}?claimed=1`,
            303,
          );
        } catch (error) {
          if (error instanceof ProblemError && error.status === 422)
            return showClaim(request, reply, token, emptyForm, 422);
          throw error;
        }
      }
      const values = {
        organizationName: fields.organizationName ?? "",
        name: fields.name ?? "",
        language: fields.language ?? "",
      };
      const password = fields.password ?? "";
      const errors: FieldError[] = [];
      if (values.organizationName.trim() === "" || values.organizationName.length > 200)
        errors.push({
          path: "organizationName",
          message: t("siteCases.error.required", { field: t("siteCases.claim.organizationName") }),
        });
      if (values.name.trim() === "" || values.name.length > 200)
        errors.push({ path: "name", message: t("siteCases.claim.nameRequired") });
      if (password === "" || password.length > 1024)
        errors.push({ path: "password", message: t("siteCases.claim.passwordRequired") });
      if (errors.length > 0) return showClaim(request, reply, token, { values, errors }, 422);
      let preview: Awaited<ReturnType<SiteCasesService["claimPreview"]>>;
      try {
        preview = await siteCases.claimPreview(token);
      } catch (error) {
        if (error instanceof ProblemError && error.status === 404)
          return showClaim(request, reply, token, emptyForm, 422);
        throw error;
      }
      let claimed: { siteCaseId: string };
      try {
        claimed = await siteCases.claim(actor, {
          token,
          name: values.name.trim(),
          password,
          language: isLanguage(values.language) ? values.language : request.ctx.language,
          organizationName: values.organizationName.trim(),
        });
      } catch (error) {
        if (!(error instanceof ProblemError) || error.status >= 500) throw error;
        const message =
          error.code === "weak_password"
            ? { path: "password", message: t("siteCases.claim.passwordWeak") }
            : error.code === "email_taken"
              ? { path: "", message: t("siteCases.claim.emailTaken") }
              : { path: "", message: t("siteCases.error.generic") };
        if (error.code === "invalid_token") return showClaim(request, reply, token, emptyForm, 422);
        return showClaim(request, reply, token, { values, errors: [message] }, error.status);
      }
      // The invitation flow from here: a signed-in session that still owes its second factor,
      // then TOTP enrolment, then the case.
      const signedIn = await accounts.signIn(
        originOf(request),
        { email: preview.email, password },
        request.cookies[SESSION_COOKIE],
      );
      setSessionCookie(reply, signedIn.sessionToken, secureCookies);
      const next = `/site-cases/${encodeURIComponent(claimed.siteCaseId)}?claimed=1`;
      return reply.redirect(`/account/two-factor?next=${encodeURIComponent(next)}`, 303);
    },
  );
}
