import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import type { MessageKey, Translate } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import {
  AdvisoryDraftPage,
  type DraftForm,
  type DraftPageCase,
  EXTRA_AFFECTED_ROWS,
} from "../../web/pages/advisories/advisory-draft.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { isSignedIn } from "../access/actor.ts";
import type { CasesService } from "../cases/cases.service.ts";
import type { StaffAdvisoryView } from "../cases/cases.views.ts";
import { advisoryDraftBody } from "./advisories.schemas.ts";
import type { AdvisoriesService } from "./advisories.service.ts";
import { draftBodyFromForm, draftFieldError, formFromDraft } from "./advisory-draft.form.ts";

/**
 * The coordinator's advisory page (`/cases/:id/advisory`): the draft form — started from the
 * case's suggestion while there is no draft —, what the saved draft differs in from the
 * vendors' entries, approval, and ending the embargo.
 */

const caseParams = z.object({ id: z.string().min(1).max(100) });

const NOTICES: Record<string, MessageKey> = {
  saved: "advisories.draft.notice.saved",
  approved: "advisories.draft.notice.approved",
  terminated: "advisories.draft.notice.terminated",
};

/** Refusals of the case's state, in the reader's language by their code. */
const CONFLICTS: Record<string, MessageKey> = {
  second_approver_required: "advisories.draft.error.secondApprover",
};

/** What the page reads of the case view (the coordinator's). */
interface DraftCaseView {
  id: string;
  caseNumber: string;
  title: string;
  status: string | null;
  schedule: { publishAt: string } | null;
  publishedAt: string | null;
  termination: unknown;
  participants: { organizationId: string; name: string | null; status: string }[];
  advisory: StaffAdvisoryView;
  credit?: string | null;
}

/** The saved draft as the form shows it; null before there is one. */
function savedForm(advisory: StaffAdvisoryView): DraftForm | null {
  if (advisory.title === undefined) return null;
  return formFromDraft({
    title: advisory.title,
    overview: advisory.overview ?? "",
    description: advisory.description ?? "",
    impact: advisory.impact ?? "",
    language: advisory.language ?? "ja",
    translation: advisory.translation ?? null,
    cwe: advisory.cwe ?? null,
    cvssV3: advisory.cvssV3?.vector ?? null,
    cvssV4: advisory.cvssV4?.vector ?? null,
    cveIds: advisory.cveIds ?? [],
    affected: advisory.affected ?? [],
    references: advisory.references ?? [],
  });
}

export async function registerAdvisoryDraftPages(
  app: FastifyInstance,
  deps: { advisories: AdvisoriesService; cases: CasesService },
) {
  const { advisories, cases } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = { hide: true };

  /** The coordinator's draft page; everyone else who may see the case gets 403. */
  async function showDraft(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    options: {
      form?: DraftForm;
      errors?: FieldError[];
      notice?: MessageKey | null;
      status?: number;
    },
  ) {
    const { actor } = request.ctx;
    const view = (await cases.get(actor, id)) as unknown as DraftCaseView;
    if (!isSignedIn(actor) || actor.organization?.type !== "coordinator") {
      throw new ProblemError(403, "forbidden", "Only the coordinator writes the advisory.");
    }
    const saved = savedForm(view.advisory);
    // No draft yet: the form starts from what the case already says (its suggestion).
    const suggested =
      !options.form && !saved && !("contentWithheld" in view)
        ? await advisories.suggestion(actor, id)
        : null;
    const form = options.form ?? saved ?? (suggested ? formFromDraft(suggested) : {});
    const rows =
      Math.max(
        ...Object.keys(form).map((key) => Number(/^affected\.(\d+)\./.exec(key)?.[1] ?? -1)),
        -1,
      ) +
      1 +
      EXTRA_AFFECTED_ROWS;
    const kase: DraftPageCase = {
      id: view.id,
      caseNumber: view.caseNumber,
      title: view.title,
      status: view.status,
      publishAt: view.schedule?.publishAt ?? null,
      advisoryStatus: view.advisory.status,
      advisoryId: view.advisory.advisoryId ?? null,
      published: view.publishedAt !== null,
      terminated: view.termination !== null,
      vendors: view.participants
        .filter((p) => p.status !== "identified")
        .map((p) => ({ id: p.organizationId, name: p.name ?? p.organizationId, status: p.status })),
      credit: suggested ? suggested.acknowledgement : view.credit,
      prefilled: suggested !== null,
      differences: view.advisory.differences,
      secondApprover: advisories.secondApproverRequired,
    };
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <AdvisoryDraftPage
        page={page}
        kase={kase}
        form={form}
        rows={rows}
        errors={options.errors ?? []}
        notice={options.notice ?? null}
      />,
      options.status ?? 200,
    );
  }

  /** A change the case's state refuses (409) is shown on the draft page; anything else throws. */
  async function showConflict(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    error: unknown,
  ) {
    if (error instanceof ProblemError && error.status === 409) {
      const { t } = pageContext(request, reply);
      const coded = CONFLICTS[error.code];
      return showDraft(request, reply, id, {
        errors: [{ path: "", message: coded ? t(coded) : t("advisories.draft.error.conflict") }],
        status: 409,
      });
    }
    throw error;
  }

  const errorsOf = (t: Translate, problems: { path: string; message: string }[]) => {
    const seen = new Set<string>();
    return problems
      .map((problem) => draftFieldError(t, problem.path, problem.message))
      .filter((error) => {
        const key = `${error.path}:${error.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  };

  pages.get(
    "/cases/:id/advisory",
    {
      config: { access: "signed_in" },
      schema: {
        ...hide,
        params: caseParams,
        querystring: z.object({
          saved: z.string().optional(),
          approved: z.string().optional(),
          terminated: z.string().optional(),
        }),
      },
    },
    async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const notice = Object.keys(NOTICES).find((key) => query[key] === "1");
      return showDraft(request, reply, request.params.id, {
        notice: notice ? NOTICES[notice] : null,
      });
    },
  );

  pages.post(
    "/cases/:id/advisory",
    { config: { access: "signed_in" }, schema: { ...hide, params: caseParams } },
    async (request, reply) => {
      const { id } = request.params;
      const form = formFields(request.body);
      const { t } = pageContext(request, reply);
      const parsed = advisoryDraftBody.safeParse(draftBodyFromForm(form));
      if (!parsed.success) {
        const errors = errorsOf(
          t,
          parsed.error.issues.map((issue) => ({
            path: issue.path.join("."),
            message: issue.message,
          })),
        );
        return showDraft(request, reply, id, { form, errors, status: 422 });
      }
      try {
        await advisories.saveDraft(request.ctx.actor, id, parsed.data);
      } catch (error) {
        if (error instanceof ProblemError && error.status === 422) {
          const errors = errorsOf(t, error.errors ?? [{ path: "", message: error.message }]);
          return showDraft(request, reply, id, { form, errors, status: 422 });
        }
        if (error instanceof ProblemError && error.status === 409) {
          return showConflict(request, reply, id, error);
        }
        throw error;
      }
      return reply.redirect(`/cases/${encodeURIComponent(id)}/advisory?saved=1`, 303);
    },
  );

  pages.post(
    "/cases/:id/advisory/approve",
    { config: { access: "signed_in" }, schema: { ...hide, params: caseParams } },
    async (request, reply) => {
      const { id } = request.params;
      try {
        await advisories.approve(request.ctx.actor, id);
      } catch (error) {
        return showConflict(request, reply, id, error);
      }
      return reply.redirect(`/cases/${encodeURIComponent(id)}/advisory?approved=1`, 303);
    },
  );

  pages.post(
    "/cases/:id/terminate-embargo",
    { config: { access: "signed_in" }, schema: { ...hide, params: caseParams } },
    async (request, reply) => {
      const { id } = request.params;
      const form = formFields(request.body);
      const reason = z
        .enum(["leak", "exploit_public", "exploited", "finder_published"])
        .safeParse(form.reason);
      if (!reason.success) {
        return showDraft(request, reply, id, {
          errors: [
            {
              path: "reason",
              message: pageContext(request, reply).t("advisories.draft.error.reason"),
            },
          ],
          status: 422,
        });
      }
      try {
        await advisories.terminateEmbargo(request.ctx.actor, id, {
          reason: reason.data,
          note: (form.note ?? "").trim().slice(0, 5_000),
        });
      } catch (error) {
        return showConflict(request, reply, id, error);
      }
      return reply.redirect(`/cases/${encodeURIComponent(id)}/advisory?terminated=1`, 303);
    },
  );
}
