import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { invalidFromZod } from "../../platform/http/problem.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import {
  formActionHandler,
  type RefusalWords,
  registerActionForms,
  type SentForm,
  signedInUser,
} from "../../web/form-action.ts";
import { LeakNoticeListPage, LeakNoticePage } from "../../web/pages/site-cases/leak-notices.tsx";
import { SiteCasePage } from "../../web/pages/site-cases/site-case-detail.tsx";
import { SiteCaseListPage } from "../../web/pages/site-cases/site-case-list.tsx";
import { PAGE_SIZE, registerPublicListPage } from "../../web/public-list.ts";
import { pageContext, sendPage } from "../../web/render.ts";
import { SITE_CASE_STATUSES } from "../../workflow/site-case/index.ts";
import type { Actor } from "../access/actor.ts";
import type { AccountsService } from "../accounts/accounts.service.ts";
import type { AuditService } from "../audit/audit.service.ts";
import { registerSiteCaseClaimPages } from "./site-cases.claim-pages.tsx";
import { isIntakeStaff, isOperatorMember } from "./site-cases.policy.ts";
import { messageBody } from "./site-cases.schemas.ts";
import type { SiteCasesService } from "./site-cases.service.ts";

const idParams = z.object({ id: z.string().min(1).max(100) });
const listQuery = z.object({
  status: z.enum(SITE_CASE_STATUSES).optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});

/** `?done=1` and the like after a successful action or claim: the notice to show. */
const flag = z.literal("1").optional().catch(undefined);
const noticeQuery = z.object({ done: flag, sent: flag, claimed: flag, published: flag });
const NOTICES = {
  done: "siteCases.notice.done",
  sent: "siteCases.notice.sent",
  claimed: "siteCases.notice.claimed",
  published: "siteCases.notice.leakNotice",
} as const satisfies Record<keyof z.infer<typeof noticeQuery>, MessageKey>;

/** How the case page words a refusal of one of its forms. */
const WORDS: RefusalWords = {
  required: "siteCases.error.required",
  // A text field refused though not blank is one too long.
  invalid: "siteCases.error.tooLong",
  generic: "siteCases.error.generic",
  forbidden: "siteCases.error.forbidden",
  conflict: "siteCases.error.transition",
  transition: "siteCases.error.transition",
  detail: (t, error) => {
    const field = error.path.split(".")[0];
    if (field === "fixMethod")
      return t(
        error.message === "only for a fix"
          ? "siteCases.error.fixMethodNotFixed"
          : "siteCases.error.fixMethod",
      );
    if (field === "affectedCount") return t("siteCases.error.count");
    // A choice the form does not offer.
    if (field === "result") return t("siteCases.error.generic");
    return null;
  },
};

/** The site-case pages: the operator's and the desk's lists and case page, the claim link, the public leak notices. */
export async function registerSiteCasePages(
  app: FastifyInstance,
  deps: {
    siteCases: SiteCasesService;
    accounts: AccountsService;
    auditLog: Pick<AuditService, "recordDenied">;
    secureCookies: boolean;
  },
) {
  const { siteCases, auditLog } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = true;
  const caseUrl = (request: FastifyRequest) =>
    `/site-cases/${encodeURIComponent((request.params as { id: string }).id)}`;

  // --- Lists ----------------------------------------------------------------------------------

  pages.get(
    "/site-cases",
    { config: { access: "signed_in" }, schema: { hide, querystring: listQuery } },
    async (request, reply) => {
      const actor = signedInUser(request);
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

  // The claim link's pages, at the static path /site-cases/claim.
  registerSiteCaseClaimPages(app, deps);

  // --- One case -------------------------------------------------------------------------------

  const sendCase = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { notice?: MessageKey | null; form?: SentForm | null; status?: number } = {},
  ) => {
    const actor = signedInUser(request);
    const { view, messages } = await siteCases.detail(actor, (request.params as { id: string }).id);
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
    {
      config: { access: "signed_in" },
      schema: { hide, params: idParams, querystring: noticeQuery },
    },
    async (request, reply) => {
      const shown = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find(
        (key) => request.query[key] === "1",
      );
      return sendCase(request, reply, { notice: shown ? NOTICES[shown] : null });
    },
  );

  /** The forms of the action table (site-cases.actions.ts); a success says `?<done>=1`. */
  const again = (request: FastifyRequest, reply: FastifyReply, form: SentForm, status: number) =>
    sendCase(request, reply, { form, status });
  const recordDenied = (actor: Actor, entry: Record<string, unknown>) =>
    auditLog.recordDenied(actor, entry);
  registerActionForms(app, {
    base: "/site-cases",
    table: siteCases.actionTable,
    methods: siteCases,
    again,
    words: WORDS,
    recordDenied,
    doneQuery: (done) => `${done}=1`,
  });

  // R-WEB-5: a message to the other side.
  pages.post(
    "/site-cases/:id/messages",
    { config: { access: "signed_in" }, schema: { hide, params: idParams } },
    formActionHandler({
      name: "message",
      fields: { body: "siteCases.messages.body" },
      words: WORDS,
      again,
      recordDenied,
      done: (request) => `${caseUrl(request)}?sent=1`,
      run: async (request, actor, values) => {
        const parsed = messageBody.safeParse({ body: values.body });
        if (!parsed.success) throw invalidFromZod(parsed.error);
        return siteCases.postMessage(
          actor,
          (request.params as { id: string }).id,
          parsed.data.body,
        );
      },
    }),
  );

  // --- Public leak notices ----------------------------------------------------------------------

  registerPublicListPage(app, {
    path: "/leak-notices",
    list: (query) => siteCases.leakNotices(query),
    render: (props) => <LeakNoticeListPage {...props} />,
  });

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
