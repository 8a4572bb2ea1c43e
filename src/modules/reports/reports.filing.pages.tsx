/**
 * Filing a report through the pages: choose the kind, fill in the form, confirm, send. The form's
 * strings become the API's input and are checked by the API's own schema; its refusals come back
 * beside their fields in the page's language.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type ZodError, z } from "zod";
import { ProblemError } from "../../platform/http/problem.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../web/components.tsx";
import { signedInUser } from "../../web/form-action.ts";
import { formFields } from "../../web/forms.ts";
import type { PageContext } from "../../web/layout.tsx";
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
} from "../../web/pages/reports/shared.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import { cweFromQuery } from "../advisories/cwe.ts";
import { type DeskKeyService, ENCRYPTED_MESSAGE_ERRORS } from "../desk-key/desk-key.service.ts";
import { fieldRefusal } from "./reports.forms.pages.tsx";
import { REPORT_RATE_LIMIT } from "./reports.routes.ts";
import { type ReportReceipt, type SubmitReportInput, submitReportBody } from "./reports.schemas.ts";
import type { ReportsService } from "./reports.service.ts";

const newQuery = z.object({ kind: z.string().max(20).optional().catch(undefined) });

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
    // "79" or "cwe-79" as people type it is CWE-79; anything else goes to the schema as typed.
    cwe: optional(cweFromQuery(values.cwe) ?? values.cwe),
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
  return (
    fieldRefusal(t, { path: field, message: "" }) ?? t("reports.error.tooLong", { field: label })
  );
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

/**
 * The form and its confirmation answer POSTs to addresses a browser cannot open again: the
 * language switch returns to the form of the kind being filed (the script carries the values).
 */
function returningToForm(page: PageContext, values: ReportFormValues): PageContext {
  if (page.returnAfterPost === undefined) return page;
  const kind = values.kind === "web" ? "web" : "product";
  return { ...page, returnAfterPost: `/reports/new?kind=${kind}` };
}

export async function registerFilingPages(
  app: FastifyInstance,
  deps: { reports: Pick<ReportsService, "submit">; deskKey: Pick<DeskKeyService, "decrypt"> },
) {
  const { reports, deskKey } = deps;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = true;

  const sendForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: ReportFormValues,
    errors: FieldError[],
  ) => {
    const page = returningToForm(pageContext(request, reply), values);
    return sendPage(
      reply,
      page,
      <ReportFormPage page={page} values={values} errors={errors} />,
      errors.length > 0 ? 422 : 200,
    );
  };

  /** The form's values and the API's input from them; a refused input goes back to the form. */
  const withCheckedForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    next: (
      page: PageContext,
      values: ReportFormValues,
      input: SubmitReportInput,
    ) => Promise<unknown>,
  ) => {
    const page = pageContext(request, reply);
    const values = reportValuesOf(formFields(request.body));
    const parsed = submitReportBody.safeParse(reportInput(values));
    if (!parsed.success)
      return sendForm(request, reply, values, reportFieldErrors(page.t, values, parsed.error));
    return next(page, values, parsed.data);
  };

  pages.get(
    "/reports/new",
    // Signed in (not "verified") so that an unconfirmed address gets a page saying what to do.
    { config: { access: "signed_in" }, schema: { hide, querystring: newQuery } },
    async (request, reply) => {
      const actor = signedInUser(request);
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
    async (request, reply) =>
      withCheckedForm(request, reply, async (page, values, input) => {
        // An encrypted message is checked now, so a wrong key is told before the confirmation.
        if (input.encryptedMessage) {
          try {
            await deskKey.decrypt(input.encryptedMessage, page.language);
          } catch (error) {
            const refused = encryptedMessageError(error, page.t);
            if (refused) return sendForm(request, reply, values, [refused]);
            throw error;
          }
        }
        const confirmPage = returningToForm(page, values);
        return sendPage(
          reply,
          confirmPage,
          <ConfirmReportPage page={confirmPage} values={values} />,
        );
      }),
  );

  pages.post(
    "/reports/new/send",
    { config: { access: "verified", rateLimit: REPORT_RATE_LIMIT }, schema: { hide } },
    async (request, reply) =>
      withCheckedForm(request, reply, async (page, values, input) => {
        let receipt: ReportReceipt;
        try {
          receipt = await reports.submit(request.ctx.actor, input);
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
        // The report is filed: a switch shows it, not the form again.
        const receiptPage = {
          ...page,
          returnAfterPost: `/reports/${encodeURIComponent(receipt.id)}`,
        };
        return sendPage(reply, receiptPage, <ReceiptPage page={receiptPage} receipt={receipt} />);
      }),
  );
}
