import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type ZodError, z } from "zod";
import { originOf, SESSION_COOKIE } from "../../platform/http/context.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import { isLanguage, type MessageKey, type Translate } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import { emptyForm, type FormState } from "../../web/pages/accounts/shared.tsx";
import { ClaimInvalidPage, ClaimPage } from "../../web/pages/site-cases/claim.tsx";
import { LeakNoticeListPage, LeakNoticePage } from "../../web/pages/site-cases/leak-notices.tsx";
import { type SiteCaseForm, SiteCasePage } from "../../web/pages/site-cases/site-case-detail.tsx";
import { SiteCaseListPage } from "../../web/pages/site-cases/site-case-list.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { SITE_CASE_STATUSES } from "../../workflow/site-case/index.ts";
import { isSignedIn, type UserActor } from "../access/actor.ts";
import { SIGNIN_RATE_LIMIT, setSessionCookie } from "../accounts/accounts.routes.ts";
import type { AccountsService } from "../accounts/accounts.service.ts";
import { canClaimForOrganization, isIntakeStaff, isOperatorMember } from "./site-cases.policy.ts";
import { closeBody, leakNoticeBody, resultBody } from "./site-cases.schemas.ts";
import type { SiteCasesService } from "./site-cases.service.ts";

const PAGE_SIZE = 50;
const idParams = z.object({ id: z.string().min(1).max(100) });
const requestParams = z.object({ id: z.string().min(1).max(100), rid: z.string().min(1).max(100) });
const listQuery = z.object({
  status: z.enum(SITE_CASE_STATUSES).optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});
const tokenQuery = z.object({ token: z.string().max(200).optional().catch(undefined) });
const cursorQuery = z.object({ cursor: z.string().max(500).optional().catch(undefined) });

/** `?done=1` and the like after a successful action: the notice to show. */
const NOTICES: Record<string, MessageKey> = {
  done: "siteCases.notice.done",
  sent: "siteCases.notice.sent",
  claimed: "siteCases.notice.claimed",
  published: "siteCases.notice.leakNotice",
};

/** Form field labels, for messages that name the field. */
const LABELS: Record<string, MessageKey> = {
  details: "siteCases.actions.detailsField",
  summary: "siteCases.actions.leak.summary",
  period: "siteCases.actions.leak.period",
  dataKinds: "siteCases.actions.leak.dataKinds",
  cause: "siteCases.actions.leak.cause",
  contact: "siteCases.actions.leak.contact",
  message: "siteCases.actions.closeMessage",
  reason: "siteCases.actions.closeReason",
  body: "siteCases.messages.body",
};

function userOf(request: FastifyRequest): UserActor {
  const actor = request.ctx.actor;
  if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
  return actor;
}

/** One translated error per field, from a schema's issues and the values sent. */
function fieldErrors(t: Translate, values: Record<string, string>, error: ZodError): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    if (seen.has(field)) continue;
    seen.add(field);
    const label = LABELS[field];
    const value = (values[field] ?? "").trim();
    const message =
      field === "fixMethod"
        ? values.result === "fixed"
          ? t("siteCases.error.fixMethod")
          : t("siteCases.error.fixMethodNotFixed")
        : field === "affectedCount"
          ? t("siteCases.error.count")
          : label
            ? value === ""
              ? t("siteCases.error.required", { field: t(label) })
              : t("siteCases.error.tooLong", { field: t(label) })
            : t("siteCases.error.generic");
    errors.push({ path: field, message });
  }
  return errors;
}

/** The site-case pages: the operator's and the desk's lists and case page, the claim link, the public leak notices. */
export async function registerSiteCasePages(
  app: FastifyInstance,
  deps: { siteCases: SiteCasesService; accounts: AccountsService; secureCookies: boolean },
) {
  const { siteCases, accounts, secureCookies } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = true;

  // --- Lists ----------------------------------------------------------------------------------

  pages.get(
    "/site-cases",
    { config: { access: "signed_in" }, schema: { hide, querystring: listQuery } },
    async (request, reply) => {
      const actor = userOf(request);
      const status = request.query.status ?? "";
      const cursor = request.query.cursor || undefined;
      const result = await siteCases.list(actor, {
        ...(request.query.status ? { status: request.query.status } : {}),
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      const link = (extra: Record<string, string>) => {
        const query = new URLSearchParams({ ...(status ? { status } : {}), ...extra }).toString();
        return query ? `/site-cases?${query}` : "/site-cases";
      };
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <SiteCaseListPage
          page={page}
          desk={isIntakeStaff(actor)}
          items={result.items}
          status={status}
          paged={cursor !== undefined}
          firstHref={link({})}
          nextHref={result.nextCursor ? link({ cursor: result.nextCursor }) : null}
        />,
      );
    },
  );

  // --- The claim link (registered before /site-cases/:id, which it would otherwise match) ----

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

  // --- One case -------------------------------------------------------------------------------

  const sendCase = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    options: { notice?: MessageKey | null; form?: SiteCaseForm | null; status?: number } = {},
  ) => {
    const actor = userOf(request);
    const { view, messages } = await siteCases.detail(actor, id);
    const operator = isOperatorMember(actor, {
      operator_organization_id: view.operator.organizationId,
    });
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <SiteCasePage
        page={page}
        view={view}
        operator={operator}
        mayAct={operator || isIntakeStaff(actor)}
        confidential={messages !== null}
        messages={messages}
        notice={options.notice ?? null}
        form={options.form ?? null}
      />,
      options.status ?? 200,
    );
  };

  pages.get(
    "/site-cases/:id",
    { config: { access: "signed_in" }, schema: { hide, params: idParams } },
    async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const notice = Object.keys(NOTICES).find((key) => query[key] === "1");
      return sendCase(request, reply, request.params.id, {
        notice: notice ? NOTICES[notice] : null,
      });
    },
  );

  /**
   * One action of the case page: problems with the fields come back beside their form (422), a
   * refusal on the merits (409, 422) likewise; 403 and 404 go to the error page.
   */
  const action =
    (
      name: string,
      fields: string[],
      run: (
        actor: UserActor,
        id: string,
        values: Record<string, string>,
        t: Translate,
        params: Record<string, string>,
      ) => Promise<FieldError[] | undefined>,
      notice = "done",
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const params = request.params as Record<string, string>;
      const id = params.id ?? "";
      const actor = userOf(request);
      const { t } = pageContext(request, reply);
      const body = formFields(request.body);
      const values: Record<string, string> = {};
      for (const field of fields) values[field] = body[field] ?? "";
      const again = (errors: FieldError[], status: number) =>
        sendCase(request, reply, id, { form: { name, values, errors }, status });
      try {
        const errors = await run(actor, id, values, t, params);
        if (errors && errors.length > 0) {
          await siteCases.get(actor, id); // 404 before showing a form of a case one may not see
          return again(errors, 422);
        }
      } catch (error) {
        if (error instanceof ProblemError && (error.status === 409 || error.status === 422)) {
          const message = t(
            error.status === 409 ? "siteCases.error.transition" : "siteCases.error.generic",
          );
          return again([{ path: "", message }], error.status);
        }
        throw error;
      }
      return reply.redirect(`/site-cases/${encodeURIComponent(id)}?${notice}=1`, 303);
    };

  const post = (path: string, handler: ReturnType<typeof action>, params = idParams) =>
    pages.post(
      `/site-cases/:id/${path}`,
      { config: { access: "signed_in" }, schema: { hide, params } },
      handler,
    );

  post(
    "acknowledge",
    action("acknowledge", [], async (actor, id) => {
      await siteCases.acknowledge(actor, id);
      return undefined;
    }),
  );

  post(
    "result",
    action("result", ["result", "fixMethod", "details"], async (actor, id, values, t) => {
      const parsed = resultBody.safeParse({
        result: values.result,
        // The method belongs to a fix: left set while "not vulnerable" is chosen, it is ignored.
        ...(values.fixMethod && values.result === "fixed" ? { fixMethod: values.fixMethod } : {}),
        details: values.details,
      });
      if (!parsed.success) return fieldErrors(t, values, parsed.error);
      await siteCases.reportResult(actor, id, parsed.data);
      return undefined;
    }),
  );

  post(
    "leak-notice",
    action(
      "leakNotice",
      ["summary", "period", "affectedCount", "dataKinds", "cause", "contact"],
      async (actor, id, values, t) => {
        const count = values.affectedCount?.trim() ?? "";
        const parsed = leakNoticeBody.safeParse({
          summary: values.summary,
          period: values.period,
          affectedCount: /^\d+$/.test(count) ? Number(count) : Number.NaN,
          dataKinds: (values.dataKinds ?? "")
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter((line) => line !== ""),
          cause: values.cause,
          contact: values.contact,
        });
        if (!parsed.success) return fieldErrors(t, values, parsed.error);
        await siteCases.publishLeakNotice(actor, id, parsed.data);
        return undefined;
      },
      "published",
    ),
  );

  post(
    "mark-unreachable",
    action("markUnreachable", [], async (actor, id) => {
      await siteCases.markUnreachable(actor, id);
      return undefined;
    }),
  );

  post(
    "close",
    action("close", ["reason", "message"], async (actor, id, values, t) => {
      const parsed = closeBody.safeParse({ reason: values.reason, message: values.message });
      if (!parsed.success) return fieldErrors(t, values, parsed.error);
      await siteCases.close(actor, id, parsed.data);
      return undefined;
    }),
  );

  post(
    "analysis-requests",
    action("analysis", ["analysisReason"], async (actor, id, values, t) => {
      const reason = (values.analysisReason ?? "").trim();
      if (reason.length > 5_000)
        return [
          {
            path: "analysisReason",
            message: t("siteCases.error.tooLong", {
              field: t("siteCases.actions.requestAnalysisReason"),
            }),
          },
        ];
      await siteCases.requestAnalysis(actor, id, reason ? { reason } : {});
      return undefined;
    }),
  );

  for (const decision of ["grant", "deny"] as const) {
    post(
      `analysis-requests/:rid/${decision}`,
      action("analysisAnswer", [], async (actor, id, _values, _t, params) => {
        await siteCases.answerAnalysis(actor, id, params.rid ?? "", decision);
        return undefined;
      }),
      requestParams,
    );
  }

  post(
    "messages",
    action(
      "message",
      ["body"],
      async (actor, id, values, t) => {
        const body = (values.body ?? "").trim();
        if (body === "" || body.length > 20_000)
          return [
            {
              path: "body",
              message: t(body === "" ? "siteCases.error.required" : "siteCases.error.tooLong", {
                field: t("siteCases.messages.body"),
              }),
            },
          ];
        await siteCases.postMessage(actor, id, body);
        return undefined;
      },
      "sent",
    ),
  );

  // --- Public leak notices ----------------------------------------------------------------------

  pages.get(
    "/leak-notices",
    { config: { access: "public" }, schema: { hide, querystring: cursorQuery } },
    async (request, reply) => {
      const cursor = request.query.cursor || undefined;
      const result = await siteCases.leakNotices({
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <LeakNoticeListPage
          page={page}
          items={result.items}
          paged={cursor !== undefined}
          nextHref={
            result.nextCursor
              ? `/leak-notices?cursor=${encodeURIComponent(result.nextCursor)}`
              : null
          }
        />,
      );
    },
  );

  pages.get(
    "/leak-notices/:id",
    { config: { access: "public" }, schema: { hide, params: idParams } },
    async (request, reply) => {
      const notice = await siteCases.leakNotice(request.params.id);
      const page = pageContext(request, reply);
      return sendPage(reply, page, <LeakNoticePage page={page} notice={notice} />);
    },
  );
}
