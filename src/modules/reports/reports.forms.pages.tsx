/**
 * The report page's forms. The desk's and the finder's actions are the action tables' (their
 * handlers derived by `registerActionForms`); the other forms — taking the report, the thread,
 * the finder's direct contacts and files — go through the same form-action helper, except the
 * upload, which is multipart.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { invalidFromZod, invalidInput, ProblemError } from "../../platform/http/problem.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import {
  type FormAction,
  formActionHandler,
  type RefusalWords,
  registerActionForms,
  type SentForm,
  signedInUser,
} from "../../web/form-action.ts";
import { formFields } from "../../web/forms.ts";
import { attachmentFieldError } from "../../web/pages/reports/attachments.tsx";
import { pageContext } from "../../web/render.ts";
import { blank } from "../actions/form-values.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { CasesService } from "../cases/cases.service.ts";
import { ATTACHMENT_RATE_LIMIT } from "./attachments.routes.ts";
import { AttachmentProblem, type AttachmentsService } from "./attachments.service.ts";
import { receiveUpload, uploadOf } from "./attachments.upload.ts";
import { messageBody } from "./reports.schemas.ts";
import type { ReportsService } from "./reports.service.ts";

const recordId = z.string().min(1).max(100);
const idParams = z.object({ id: recordId });
const contactParams = z.object({ id: recordId, orgId: recordId });

/** The words of a service's refusal about one field, where its path alone does not say it. */
export function fieldRefusal(
  t: Translate,
  error: { path: string; message: string },
): string | null {
  switch (error.path) {
    case "cwe":
      return t("reports.error.cwe");
    case "cvssVector":
      return t("reports.error.cvssVector");
    case "siteUrl":
      return t("reports.error.siteUrl");
    case "operatorContactEmail":
      return t("reports.error.email");
    case "operatorName":
    case "operatorOrganizationId":
      return error.message === "not a site operator"
        ? t("reports.error.operatorOrganization")
        : t("reports.error.operator");
    case "duplicateOf":
      return error.message === "required when the reason is duplicate"
        ? t("reports.error.duplicateOf")
        : t("reports.error.generic");
    case "userId":
      return t("reports.error.assign");
    default:
      return null;
  }
}

/** How the report page words a refusal. */
export const REPORT_REFUSALS: RefusalWords = {
  required: "reports.error.required",
  invalid: "reports.error.tooLong",
  generic: "reports.error.generic",
  forbidden: "reports.error.forbidden",
  conflict: "reports.error.transition",
  transition: "reports.error.transition",
  codes: {
    no_draft_to_comment: "draftReview.error.noDraft",
    already_relayed: "draftReview.error.relayed",
  },
  detail: fieldRefusal,
};

const reportPage = (request: FastifyRequest, flag: string) =>
  `/reports/${encodeURIComponent((request.params as { id: string }).id)}?${flag}=1`;

export function registerReportForms(
  app: FastifyInstance,
  deps: {
    reports: ReportsService;
    attachments: AttachmentsService;
    cases: Pick<CasesService, "finderContacts" | "postAsFinder">;
    auditLog: Pick<AuditService, "recordDenied">;
    /** Draws the report page again with a form sent back. */
    again(request: FastifyRequest, reply: FastifyReply, form: SentForm, status: number): unknown;
  },
) {
  const { reports, attachments, cases } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = true;
  const common = {
    words: REPORT_REFUSALS,
    again: (request: FastifyRequest, reply: FastifyReply, form: SentForm, status: number) =>
      Promise.resolve(deps.again(request, reply, form, status)),
    recordDenied: (...args: Parameters<FormAction["recordDenied"]>) =>
      deps.auditLog.recordDenied(...args),
  };
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  registerActionForms(app, {
    base: "/reports",
    table: reports.actionTable,
    methods: reports,
    ...common,
  });

  // "Take the report": the desk member assigns themselves.
  pages.post(
    "/reports/:id/assign",
    { config: { access: "signed_in" }, schema: { hide, params: idParams } },
    formActionHandler({
      ...common,
      name: "assign",
      fields: {},
      done: (request) => reportPage(request, "done"),
      run: (request, actor) => reports.assign(actor, idOf(request), { userId: actor.userId }),
    }),
  );

  pages.post(
    "/reports/:id/messages",
    { config: { access: "signed_in" }, schema: { hide, params: idParams } },
    formActionHandler({
      ...common,
      name: "message",
      fields: { body: "reports.detail.messageBody" },
      done: (request) => reportPage(request, "sent"),
      run: async (request, actor, values) => {
        const parsed = messageBody.safeParse({ body: blank(values.body) });
        if (!parsed.success) throw invalidFromZod(parsed.error);
        return reports.postMessage(actor, idOf(request), parsed.data.body);
      },
    }),
  );

  // R-COO-6: the finder writes to a vendor in direct contact (the service checks it is open).
  pages.post(
    "/reports/:id/direct-contacts/:orgId/messages",
    { config: { access: "signed_in" }, schema: { hide, params: contactParams } },
    async (request, reply) => {
      const { id, orgId } = request.params;
      // One form per vendor on the page: the field is named after the vendor (unique ids).
      const field = `contactBody-${orgId}`;
      return formActionHandler({
        ...common,
        name: field,
        fields: { [field]: "reports.detail.messageBody" },
        done: () => reportPage(request, "contacted"),
        run: async (_request, actor, values) => {
          const body = blank(values[field]);
          if (body === undefined || body.length > 20_000) {
            // The thread must be one the caller may see before its form comes back.
            await cases.finderContacts(actor, id);
            throw invalidInput([{ path: field, message: "" }]);
          }
          return cases.postAsFinder(actor, id, orgId, body);
        },
      })(request, reply);
    },
  );

  // The finder's files (multipart: receiveUpload reads the body, CSRF token included, first).
  pages.post(
    "/reports/:id/attachments",
    {
      config: { access: "signed_in", rateLimit: ATTACHMENT_RATE_LIMIT },
      preValidation: receiveUpload,
      schema: { hide, params: idParams },
    },
    async (request, reply) => {
      const { id } = request.params;
      const actor = signedInUser(request);
      const fields = formFields(request.body);
      const upload = uploadOf(request);
      try {
        await attachments.upload(actor, id, {
          class: fields.class || undefined,
          files: upload.files,
          tooManyFiles: upload.tooManyFiles,
        });
      } catch (error) {
        const refused =
          error instanceof AttachmentProblem ||
          (error instanceof ProblemError && error.status === 409);
        if (!refused) throw error;
        const { t } = pageContext(request, reply);
        return deps.again(
          request,
          reply,
          {
            name: "attachments",
            values: { class: fields.class ?? "" },
            errors: [attachmentFieldError(t, error)],
          },
          error.status,
        );
      }
      return reply.redirect(reportPage(request, "attached"), 303);
    },
  );
}
