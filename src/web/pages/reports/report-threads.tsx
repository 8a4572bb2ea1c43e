/**
 * The report page's exchanges: the finder ⇄ desk thread, the finder's threads with the vendors in
 * direct contact (R-COO-6), and the finder's answer to a request for information.
 */
import type { CasesService } from "../../../modules/cases/cases.service.ts";
import type { ReportMessage, ReportView } from "../../../modules/reports/reports.schemas.ts";
import {
  CvssVectorBox,
  CwePickerBox,
  FormHelperScripts,
} from "../../components/cvss-calculator.tsx";
import { MessageForm, MessageThread } from "../../components/message-thread.tsx";
import { CsrfField, Field, type FieldError, SubmitButton } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import {
  FIELD_HINTS,
  FIELD_LABELS,
  MULTILINE_FIELDS,
  type ReportFormField,
  Section,
  TEXT_FIELDS,
} from "./shared.tsx";

/** A vendor in direct contact with the finder, with their thread (R-COO-6). */
export type FinderContact = Awaited<ReturnType<CasesService["finderContacts"]>>["items"][number];

/** A form of the page that was sent and came back refused (its values kept). */
export interface DetailForm {
  name: string;
  values: Record<string, string>;
  errors: FieldError[];
}

/** A form's value as sent back, or what the page fills in. */
const sentValue = (form: DetailForm | null, name: string, field: string, fallback = "") =>
  form?.name === name ? (form.values[field] ?? "") : fallback;
const sentErrors = (form: DetailForm | null, name: string) =>
  form?.name === name ? form.errors : [];

export function MessagesSection(props: {
  page: PageContext;
  base: string;
  messages: ReportMessage[];
  form: DetailForm | null;
}) {
  const { page, form } = props;
  const { t } = page;
  return (
    <Section id="report-messages" title={t("reports.detail.messages")}>
      <MessageThread
        messages={props.messages}
        language={page.language}
        empty={t("reports.detail.messagesEmpty")}
        sender={(message) =>
          message.from === "finder"
            ? t("reports.detail.from.finder")
            : t("reports.detail.from.intake")
        }
      />
      <MessageForm
        action={`${props.base}/messages`}
        csrfToken={page.csrfToken}
        label={t("reports.detail.messageBody")}
        hint={t("reports.detail.messageBodyHint")}
        submit={t("reports.detail.messageSend")}
        value={sentValue(form, "message", "body")}
        errors={sentErrors(form, "message")}
      />
    </Section>
  );
}

/** The finder's threads with the vendors in direct contact, each with its form while open. */
export function DirectContactsSection(props: {
  page: PageContext;
  base: string;
  contacts: FinderContact[];
  form: DetailForm | null;
}) {
  const { page, form } = props;
  const { t } = page;
  return (
    <Section id="report-direct-contacts" title={t("contactPages.finder.heading")}>
      <p>{t("contactPages.finder.lead")}</p>
      {props.contacts.map((contact) => {
        const name = contact.vendorName ?? "";
        // One form per vendor on the page: the field is named after the vendor (unique ids).
        const field = `contactBody-${contact.organizationId}`;
        const headingId = `direct-contact-${contact.organizationId}`;
        return (
          <section key={contact.organizationId} class="participant" aria-labelledby={headingId}>
            <h3 id={headingId}>{name}</h3>
            <MessageThread
              messages={contact.messages}
              language={page.language}
              empty={t("contactPages.finder.empty")}
              sender={(message) =>
                message.from === "finder"
                  ? t("contactPages.finder.fromYou")
                  : t("contactPages.finder.fromVendor", { name })
              }
            />
            {contact.status === "open" ? (
              <MessageForm
                action={`${props.base}/direct-contacts/${encodeURIComponent(contact.organizationId)}/messages`}
                csrfToken={page.csrfToken}
                name={field}
                label={t("contactPages.finder.body", { name })}
                submit={t("contactPages.finder.send", { name })}
                value={sentValue(form, field, field)}
                errors={sentErrors(form, field)}
              />
            ) : (
              <p>{t("contactPages.finder.closed")}</p>
            )}
          </section>
        );
      })}
    </Section>
  );
}

/** A report field's current value as text. */
function currentValue(report: ReportView, field: ReportFormField): string {
  const value = (report as Partial<Record<string, unknown>>)[field];
  return typeof value === "string" ? value : "";
}

/** The finder answers the desk's request for information: the report's fields, to change. */
export function ResubmitSection(props: {
  page: PageContext;
  base: string;
  report: ReportView;
  form: DetailForm | null;
}) {
  const { page, report, form } = props;
  const { t } = page;
  return (
    <Section id="report-resubmit" title={t("reports.detail.resubmit")}>
      <p>{t("reports.detail.resubmitLead")}</p>
      <form method="post" action={`${props.base}/resubmit`} class="stack" noValidate>
        <CsrfField token={page.csrfToken} />
        {TEXT_FIELDS[report.kind].map((field) => {
          const hint = FIELD_HINTS[field];
          const multiline = MULTILINE_FIELDS.includes(field);
          const box = (
            <Field
              key={field}
              name={field}
              label={t(FIELD_LABELS[field])}
              hint={hint ? t(hint) : undefined}
              multiline={multiline}
              rows={multiline ? 5 : undefined}
              value={
                form?.name === "resubmit" ? (form.values[field] ?? "") : currentValue(report, field)
              }
              errors={sentErrors(form, "resubmit")}
            />
          );
          // The same calculator and picker as the new report's form.
          if (field === "cvssVector")
            return (
              <CvssVectorBox key={field} versions={["3.1", "4.0"]}>
                {box}
              </CvssVectorBox>
            );
          if (field === "cwe") return <CwePickerBox key={field}>{box}</CwePickerBox>;
          return box;
        })}
        <SubmitButton>{t("reports.detail.resubmitSend")}</SubmitButton>
      </form>
      <FormHelperScripts page={page} />
    </Section>
  );
}
