import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type ZodError, z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import type { MessageKey, Translate } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { formFields } from "../../web/forms.ts";
import { attachmentFieldError } from "../../web/pages/reports/attachments.tsx";
import {
  listQueryOf,
  NO_FILTERS,
  parseQueueFilters,
  queueHref,
} from "../../web/pages/reports/queue-filters.tsx";
import {
  type DeskTools,
  type DetailForm,
  ReportPage,
  type ReportView,
} from "../../web/pages/reports/report-detail.tsx";
import { ReportListPage } from "../../web/pages/reports/report-list.tsx";
import {
  ChooseKindPage,
  ConfirmReportPage,
  ReceiptPage,
  ReportFormPage,
  UnverifiedPage,
} from "../../web/pages/reports/report-new.tsx";
import {
  emptyReportForm,
  FIELD_LABELS,
  REPORT_FORM_FIELDS,
  REQUIRED_FIELDS,
  type ReportFormField,
  type ReportFormValues,
  TEXT_FIELDS,
} from "../../web/pages/reports/shared.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { REPORT_CLOSE_REASONS } from "../../workflow/report.ts";
import { isSignedIn, type UserActor } from "../access/actor.ts";
import type { CasesService } from "../cases/cases.service.ts";
import { type DeskKeyService, ENCRYPTED_MESSAGE_ERRORS } from "../desk-key/desk-key.service.ts";
import type { OrganizationsService } from "../organizations/organizations.service.ts";
import { ATTACHMENT_RATE_LIMIT } from "./attachments.routes.ts";
import { AttachmentProblem, type AttachmentsService } from "./attachments.service.ts";
import { receiveUpload, uploadOf } from "./attachments.upload.ts";
import { findOperatorChoices } from "./operator-choices.ts";
import { REPORT_RATE_LIMIT } from "./reports.routes.ts";
import { resubmitBody, submitReportBody } from "./reports.schemas.ts";
import type { ReportsService } from "./reports.service.ts";

const PAGE_SIZE = 50;
const idParams = z.object({ id: z.string().min(1).max(100) });
const contactParams = z.object({
  id: z.string().min(1).max(100),
  orgId: z.string().min(1).max(100),
});
const emailFormat = z.email().max(254);

const newQuery = z.object({ kind: z.string().max(20).optional().catch(undefined) });

/** `?done=1` and the like after a successful action: the notice to show. */
const NOTICES: Record<string, MessageKey> = {
  done: "reports.notice.done",
  sent: "reports.notice.message",
  attached: "attachments.notice.attached",
  contacted: "contactPages.finder.notice",
};

function userOf(request: FastifyRequest): UserActor {
  const actor = request.ctx.actor;
  if (!isSignedIn(actor)) throw new ProblemError(401, "unauthenticated", "Sign in first.");
  return actor;
}

function isDesk(actor: UserActor): boolean {
  return actor.organization?.type === "intake";
}

// --- The report form ------------------------------------------------------------------------

function reportValuesOf(body: Record<string, string>): ReportFormValues {
  const values = emptyReportForm(body.kind === "web" ? "web" : "product");
  for (const field of REPORT_FORM_FIELDS) {
    if (field === "kind") continue;
    values[field] = body[field] ?? "";
  }
  return values;
}

const optional = (value: string) => (value.trim() === "" ? undefined : value);
const checked = (value: string) => value === "1";

/** The service's input from the form (validated by the API's own schema). */
function reportInput(values: ReportFormValues): unknown {
  // With an encrypted message, description and reproduction may be inside it (left empty).
  const encryptedMessage = optional(values.encryptedMessage);
  const inMessage = (value: string) => (encryptedMessage ? optional(value) : value);
  const common = {
    title: values.title,
    description: inMessage(values.description),
    reproduction: inMessage(values.reproduction),
    encryptedMessage,
    verificationMethod: optional(values.verificationMethod),
    attackMethod: optional(values.attackMethod),
    cwe: optional(values.cwe),
    howFound: optional(values.howFound),
    alsoReportedDirectly: checked(values.alsoReportedDirectly),
  };
  if (values.kind === "web") {
    return {
      kind: "web",
      ...common,
      siteUrl: values.siteUrl.trim(),
      consent: {
        identityToOperator: checked(values.identityToOperator),
        directContact: checked(values.directContact),
      },
    };
  }
  return {
    kind: "product",
    ...common,
    productName: values.productName,
    productVersion: values.productVersion,
    vendorName: optional(values.vendorName),
    cvssVector: optional(values.cvssVector),
    disclosurePlans: optional(values.disclosurePlans),
    consent: {
      identityToCoordinator: checked(values.identityToCoordinator),
      identityToVendor: checked(values.identityToVendor),
      directContact: checked(values.directContact),
      credit: checked(values.credit) ? values.creditName : null,
    },
  };
}

/** The translated problem of one form field. */
function fieldMessage(t: Translate, field: ReportFormField, value: string): string {
  const label = t(FIELD_LABELS[field]);
  if (field === "creditName") return t("reports.error.creditName");
  if (value.trim() === "" && REQUIRED_FIELDS.includes(field))
    return t("reports.error.required", { field: label });
  switch (field) {
    case "cwe":
      return t("reports.error.cwe");
    case "cvssVector":
      return t("reports.error.cvssVector");
    case "siteUrl":
      return t("reports.error.siteUrl");
    default:
      return t("reports.error.tooLong", { field: label });
  }
}

/** One error per field, in form order, from the schema's issues. */
function reportFieldErrors(
  t: Translate,
  values: Record<string, string>,
  error: ZodError,
): FieldError[] {
  const fields = new Set<ReportFormField>();
  for (const issue of error.issues) {
    const [head, sub] = issue.path.map(String);
    const field = head === "consent" ? (sub === "credit" ? "creditName" : null) : head;
    if (field && (REPORT_FORM_FIELDS as readonly string[]).includes(field))
      fields.add(field as ReportFormField);
  }
  return REPORT_FORM_FIELDS.filter((field) => fields.has(field)).map((field) => ({
    path: field,
    message: fieldMessage(t, field, values[field] ?? ""),
  }));
}

/** A refused encrypted message, beside its field in the page's language; other errors: null. */
function encryptedMessageError(error: unknown, t: Translate): FieldError | null {
  const key =
    error instanceof ProblemError && error.status === 422
      ? ENCRYPTED_MESSAGE_ERRORS[error.code]
      : undefined;
  return key ? { path: "encryptedMessage", message: t(key) } : null;
}

export async function registerReportPages(
  app: FastifyInstance,
  deps: {
    reports: ReportsService;
    organizations: OrganizationsService;
    deskKey: Pick<DeskKeyService, "decrypt">;
    attachments: AttachmentsService;
    cases: Pick<CasesService, "finderContacts" | "postAsFinder">;
  },
) {
  const { reports, organizations, deskKey, attachments, cases } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = true;

  const sendForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: ReportFormValues,
    errors: FieldError[],
  ) => {
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <ReportFormPage page={page} values={values} errors={errors} />,
      errors.length > 0 ? 422 : 200,
    );
  };

  pages.get(
    "/reports/new",
    // Signed in (not "verified") so that an unconfirmed address gets a page saying what to do.
    { config: { access: "signed_in" }, schema: { hide, querystring: newQuery } },
    async (request, reply) => {
      const actor = userOf(request);
      const page = pageContext(request, reply);
      if (!actor.emailVerified) {
        return sendPage(reply, page, <UnverifiedPage page={page} />, 403);
      }
      const kind = request.query.kind;
      if (kind === "product" || kind === "web") {
        return sendForm(request, reply, emptyReportForm(kind), []);
      }
      const errors =
        kind === undefined ? [] : [{ path: "kind", message: page.t("reports.error.kind") }];
      return sendPage(
        reply,
        page,
        <ChooseKindPage page={page} errors={errors} />,
        errors.length > 0 ? 422 : 200,
      );
    },
  );

  // "Change the report" from the confirmation: the form again with the values sent.
  pages.post(
    "/reports/new",
    { config: { access: "verified" }, schema: { hide } },
    async (request, reply) =>
      sendForm(request, reply, reportValuesOf(formFields(request.body)), []),
  );

  pages.post(
    "/reports/new/confirm",
    { config: { access: "verified" }, schema: { hide } },
    async (request, reply) => {
      const page = pageContext(request, reply);
      const values = reportValuesOf(formFields(request.body));
      const parsed = submitReportBody.safeParse(reportInput(values));
      if (!parsed.success) {
        return sendForm(request, reply, values, reportFieldErrors(page.t, values, parsed.error));
      }
      // An encrypted message is checked now, so a wrong key is told before the confirmation.
      if (parsed.data.encryptedMessage) {
        try {
          await deskKey.decrypt(parsed.data.encryptedMessage, page.language);
        } catch (error) {
          const refused = encryptedMessageError(error, page.t);
          if (refused) return sendForm(request, reply, values, [refused]);
          throw error;
        }
      }
      return sendPage(reply, page, <ConfirmReportPage page={page} values={values} />);
    },
  );

  pages.post(
    "/reports/new/send",
    { config: { access: "verified", rateLimit: REPORT_RATE_LIMIT }, schema: { hide } },
    async (request, reply) => {
      const page = pageContext(request, reply);
      const values = reportValuesOf(formFields(request.body));
      const parsed = submitReportBody.safeParse(reportInput(values));
      if (!parsed.success) {
        return sendForm(request, reply, values, reportFieldErrors(page.t, values, parsed.error));
      }
      let receipt: { id: string; receiptNumber: string; receivedAt: string };
      try {
        receipt = await reports.submit(request.ctx.actor, parsed.data);
      } catch (error) {
        const refused = encryptedMessageError(error, page.t);
        if (refused) return sendForm(request, reply, values, [refused]);
        if (error instanceof ProblemError && error.status === 422) {
          return sendForm(request, reply, values, [
            { path: "", message: page.t("reports.error.generic") },
          ]);
        }
        throw error;
      }
      return sendPage(reply, page, <ReceiptPage page={page} receipt={receipt} />);
    },
  );

  // --- My reports / the queue ---------------------------------------------------------------

  pages.get(
    "/reports",
    { config: { access: "signed_in" }, schema: { hide } },
    async (request, reply) => {
      const actor = userOf(request);
      const desk = isDesk(actor);
      const query = (request.query ?? {}) as Record<string, unknown>;
      const filters = desk ? parseQueueFilters(query) : NO_FILTERS;
      const rawCursor = typeof query.cursor === "string" ? query.cursor : "";
      const cursor = rawCursor && rawCursor.length <= 500 ? rawCursor : undefined;
      const result = await reports.list(actor, {
        ...listQueryOf(filters),
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      const members =
        desk && actor.organization
          ? (await organizations.members(actor, actor.organization.id)).map((member) => ({
              userId: member.userId,
              name: member.name,
            }))
          : [];
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        page,
        <ReportListPage
          page={page}
          queue={desk}
          mayReport={!desk && actor.emailVerified}
          userId={actor.userId}
          items={result.items}
          filters={filters}
          members={members}
          target={desk ? reports.acknowledgementTarget() : undefined}
          paged={cursor !== undefined}
          firstHref={queueHref(filters)}
          nextHref={result.nextCursor ? queueHref(filters, { cursor: result.nextCursor }) : null}
        />,
      );
    },
  );

  // --- One report -----------------------------------------------------------------------------

  /** `?template=` and, for an accepted web report, the operators (and `?operatorQuery=`). */
  const deskToolsFor = async (
    request: FastifyRequest,
    actor: UserActor,
    report: ReportView,
  ): Promise<DeskTools> => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const template = typeof query.template === "string" ? query.template.slice(0, 100) : null;
    const operatorQuery =
      typeof query.operatorQuery === "string" ? query.operatorQuery.slice(0, 200) : "";
    const operators =
      report.kind === "web" && report.status === "accepted"
        ? await findOperatorChoices(organizations, actor, report.siteUrl, operatorQuery)
        : null;
    const duplicates = ["submitted", "accepted"].includes(report.status)
      ? await reports.duplicates(actor, report.id)
      : [];
    return { template, operators, duplicates };
  };

  /** R-COO-6: the vendors in direct contact with the finder; none while the report has no case. */
  const finderContactsOf = async (actor: UserActor, id: string) => {
    try {
      return (await cases.finderContacts(actor, id)).items;
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) return null;
      throw error;
    }
  };

  const sendDetail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    options: { notice?: MessageKey | null; form?: DetailForm | null; status?: number } = {},
  ) => {
    const actor = userOf(request);
    const report = await reports.get(actor, id);
    const messages = "description" in report ? await reports.messages(actor, id) : null;
    const deskTools = isDesk(actor) ? await deskToolsFor(request, actor, report) : undefined;
    const directContacts = isDesk(actor) ? null : await finderContactsOf(actor, id);
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <ReportPage
        page={page}
        report={report}
        messages={messages}
        desk={isDesk(actor)}
        userId={actor.userId}
        notice={options.notice ?? null}
        form={options.form ?? null}
        deskTools={deskTools}
        directContacts={directContacts}
      />,
      options.status ?? 200,
    );
  };

  pages.get(
    "/reports/:id",
    { config: { access: "signed_in" }, schema: { hide, params: idParams } },
    async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const notice = Object.keys(NOTICES).find((key) => query[key] === "1");
      return sendDetail(request, reply, request.params.id, {
        notice: notice ? NOTICES[notice] : null,
      });
    },
  );

  /**
   * Runs one action of the report page: fields checked here come back as 422 beside their
   * form, a refusal on the merits (409, 422) likewise; 403 and 404 go to the error page.
   */
  const action = (
    name: string,
    fields: string[],
    run: (
      actor: UserActor,
      id: string,
      values: Record<string, string>,
      t: Translate,
    ) => Promise<FieldError[] | undefined>,
    options: {
      notice?: string;
      serviceField?: (error: ProblemError, t: Translate) => FieldError;
    } = {},
  ) => {
    return async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const { id } = request.params;
      const actor = userOf(request);
      const { t } = pageContext(request, reply);
      const body = formFields(request.body);
      const values: Record<string, string> = {};
      for (const field of fields) values[field] = body[field] ?? "";
      const again = (errors: FieldError[], status: number) =>
        sendDetail(request, reply, id, { form: { name, values, errors }, status });
      try {
        const errors = await run(actor, id, values, t);
        if (errors && errors.length > 0) {
          // The report must exist and be visible before its form is shown again.
          return again(errors, 422);
        }
      } catch (error) {
        if (error instanceof ProblemError && (error.status === 409 || error.status === 422)) {
          const errors =
            error.status === 409
              ? [{ path: "", message: t("reports.error.transition") }]
              : [
                  options.serviceField?.(error, t) ?? {
                    path: "",
                    message: t("reports.error.generic"),
                  },
                ];
          return again(errors, error.status);
        }
        throw error;
      }
      return reply.redirect(
        `/reports/${encodeURIComponent(id)}?${options.notice ?? "done"}=1`,
        303,
      );
    };
  };

  /** A required text: the error to show when it is empty or too long. */
  const requireText = (
    t: Translate,
    values: Record<string, string>,
    field: string,
    label: MessageKey,
    max: number,
  ): FieldError[] => {
    const value = (values[field] ?? "").trim();
    if (value === "")
      return [{ path: field, message: t("reports.error.required", { field: t(label) }) }];
    if (value.length > max)
      return [{ path: field, message: t("reports.error.tooLong", { field: t(label) }) }];
    return [];
  };

  const post = (path: string, handler: ReturnType<typeof action>) =>
    pages.post(
      `/reports/:id/${path}`,
      { config: { access: "signed_in" }, schema: { hide, params: idParams } },
      handler,
    );

  post(
    "messages",
    action(
      "message",
      ["body"],
      async (actor, id, values, t) => {
        const errors = requireText(t, values, "body", "reports.detail.messageBody", 20_000);
        if (errors.length > 0) {
          await reports.get(actor, id);
          return errors;
        }
        await reports.postMessage(actor, id, (values.body ?? "").trim());
        return undefined;
      },
      { notice: "sent" },
    ),
  );

  // R-COO-6: the finder writes to a vendor in direct contact (the service checks it is open).
  pages.post(
    "/reports/:id/direct-contacts/:orgId/messages",
    { config: { access: "signed_in" }, schema: { hide, params: contactParams } },
    async (request, reply) => {
      const { id, orgId } = request.params;
      const actor = userOf(request);
      const { t } = pageContext(request, reply);
      // One form per vendor on the page: the field is named after the vendor (unique ids).
      const field = `contactBody-${orgId}`;
      const body = (formFields(request.body)[field] ?? "").trim();
      const again = (message: string, path: string, status: number) =>
        sendDetail(request, reply, id, {
          form: { name: field, values: { [field]: body }, errors: [{ path, message }] },
          status,
        });
      if (body === "" || body.length > 20_000) {
        // The report's thread must be one the caller may see before its form comes back.
        await cases.finderContacts(actor, id);
        const label = t("reports.detail.messageBody");
        return again(
          body === ""
            ? t("reports.error.required", { field: label })
            : t("reports.error.tooLong", { field: label }),
          field,
          422,
        );
      }
      try {
        await cases.postAsFinder(actor, id, orgId, body);
      } catch (error) {
        if (error instanceof ProblemError && (error.status === 409 || error.status === 422)) {
          return again(t("reports.error.transition"), "", error.status);
        }
        throw error;
      }
      return reply.redirect(`/reports/${encodeURIComponent(id)}?contacted=1`, 303);
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
      const actor = userOf(request);
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
        return sendDetail(request, reply, id, {
          form: {
            name: "attachments",
            values: { class: fields.class ?? "" },
            errors: [attachmentFieldError(t, error)],
          },
          status: error.status,
        });
      }
      return reply.redirect(`/reports/${encodeURIComponent(id)}?attached=1`, 303);
    },
  );

  post(
    "resubmit",
    action(
      "resubmit",
      [...new Set([...TEXT_FIELDS.product, ...TEXT_FIELDS.web])],
      async (actor, id, values, t) => {
        const report = await reports.get(actor, id);
        const fields = TEXT_FIELDS[report.kind === "web" ? "web" : "product"];
        const changes: Record<string, string> = {};
        for (const field of fields) {
          const value = (values[field] ?? "").trim();
          if (value !== "") changes[field] = value;
        }
        const parsed = resubmitBody.safeParse(changes);
        if (!parsed.success) return reportFieldErrors(t, values, parsed.error);
        await reports.resubmit(actor, id, parsed.data);
        return undefined;
      },
    ),
  );

  post(
    "assign",
    action(
      "assign",
      [],
      async (actor, id) => {
        await reports.assign(actor, id, actor.userId);
        return undefined;
      },
      { serviceField: (_error, t) => ({ path: "", message: t("reports.error.assign") }) },
    ),
  );

  post(
    "request-info",
    action("requestInfo", ["infoMessage"], async (actor, id, values, t) => {
      const errors = requireText(
        t,
        values,
        "infoMessage",
        "reports.actions.requestInfoMessage",
        10_000,
      );
      if (errors.length > 0) {
        await reports.get(actor, id);
        return errors;
      }
      await reports.requestInfo(actor, id, (values.infoMessage ?? "").trim());
      return undefined;
    }),
  );

  post(
    "accept",
    action("accept", [], async (actor, id) => {
      await reports.accept(actor, id);
      return undefined;
    }),
  );

  post(
    "reject",
    action("reject", ["rejectReason"], async (actor, id, values, t) => {
      const errors = requireText(t, values, "rejectReason", "reports.actions.rejectReason", 5_000);
      if (errors.length > 0) {
        await reports.get(actor, id);
        return errors;
      }
      await reports.reject(actor, id, (values.rejectReason ?? "").trim());
      return undefined;
    }),
  );

  post(
    "close",
    action(
      "close",
      ["closeReason", "duplicateOf", "closeMessage"],
      async (actor, id, values, t) => {
        const reason = REPORT_CLOSE_REASONS.find((entry) => entry === values.closeReason);
        const duplicateOf = (values.duplicateOf ?? "").trim();
        const message = (values.closeMessage ?? "").trim();
        const errors: FieldError[] = [];
        if (!reason)
          errors.push({
            path: "closeReason",
            message: t("reports.error.required", { field: t("reports.actions.closeReason") }),
          });
        if (reason === "duplicate" && duplicateOf === "")
          errors.push({ path: "duplicateOf", message: t("reports.error.duplicateOf") });
        if (duplicateOf.length > 2000 || message.length > 10_000)
          errors.push({ path: "", message: t("reports.error.generic") });
        if (!reason || errors.length > 0) {
          await reports.get(actor, id);
          return errors;
        }
        await reports.close(actor, id, {
          reason,
          ...(duplicateOf && reason === "duplicate" ? { duplicateOf } : {}),
          ...(message ? { message } : {}),
        });
        return undefined;
      },
      {
        serviceField: (error, t) =>
          error.errors?.some((entry) => entry.path === "duplicateOf")
            ? { path: "duplicateOf", message: t("reports.error.duplicateOf") }
            : { path: "", message: t("reports.error.generic") },
      },
    ),
  );

  post(
    "kind",
    action("kind", ["newKind", "kindReason"], async (actor, id, values, t) => {
      const errors = requireText(t, values, "kindReason", "reports.actions.kindReason", 5_000);
      const kind = values.newKind === "web" || values.newKind === "product" ? values.newKind : null;
      if (!kind)
        errors.push({
          path: "newKind",
          message: t("reports.error.required", { field: t("reports.actions.newKind") }),
        });
      if (!kind || errors.length > 0) {
        await reports.get(actor, id);
        return errors;
      }
      await reports.changeKind(actor, id, { kind, reason: (values.kindReason ?? "").trim() });
      return undefined;
    }),
  );

  post(
    "forward",
    action(
      "forward",
      ["operatorOrganizationId", "operatorName", "operatorContactEmail", "forwardMessage"],
      async (actor, id, values, t) => {
        const organizationId = (values.operatorOrganizationId ?? "").trim();
        const name = (values.operatorName ?? "").trim();
        const email = (values.operatorContactEmail ?? "").trim();
        const message = (values.forwardMessage ?? "").trim();
        if (message.length > 10_000) {
          await reports.get(actor, id);
          return [
            {
              path: "forwardMessage",
              message: t("reports.error.tooLong", { field: t("desk.forward.message") }),
            },
          ];
        }
        if (email && !emailFormat.safeParse(email).success) {
          await reports.get(actor, id);
          return [{ path: "operatorContactEmail", message: t("reports.error.email") }];
        }
        if (organizationId.length > 100 || name.length > 200) {
          await reports.get(actor, id);
          return [{ path: "operatorOrganizationId", message: t("reports.error.operator") }];
        }
        await reports.forward(actor, id, {
          ...(organizationId ? { operatorOrganizationId: organizationId } : {}),
          ...(name ? { operatorName: name } : {}),
          ...(email ? { operatorContactEmail: email } : {}),
          ...(message ? { message } : {}),
        });
        return undefined;
      },
      {
        serviceField: (error, t) =>
          error.errors?.some((entry) => entry.message === "not a site operator")
            ? { path: "operatorOrganizationId", message: t("reports.error.operatorOrganization") }
            : { path: "operatorOrganizationId", message: t("reports.error.operator") },
      },
    ),
  );
}
