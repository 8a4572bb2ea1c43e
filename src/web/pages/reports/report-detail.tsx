import type { ComponentChildren } from "preact";
import type { CasesService } from "../../../modules/cases/cases.service.ts";
import type { DecryptedMessage } from "../../../modules/desk-key/desk-key.schemas.ts";
import { ATTACHMENTS_OPEN_STATUSES } from "../../../modules/reports/attachments.service.ts";
import type { OperatorChoices } from "../../../modules/reports/operator-choices.ts";
import type { ReportsService } from "../../../modules/reports/reports.service.ts";
import type { Language, MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import { REPORT_CLOSE_REASONS } from "../../../workflow/report.ts";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  Field,
  type FieldError,
  Notice,
  SelectField,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { DecryptedMessageRow } from "../desk-key/encrypted-message.tsx";
import { DataTable } from "../directory/shared.tsx";
import { AttachmentsSection } from "./attachments.tsx";
import {
  findTemplate,
  type TemplateAction,
  TemplatePicker,
  templateValues,
} from "./desk-templates.tsx";
import { ForwardForm } from "./forward-form.tsx";
import {
  closeReasonLabel,
  FIELD_HINTS,
  FIELD_LABELS,
  kindLabel,
  MULTILINE_FIELDS,
  Paragraphs,
  type ReportFormField,
  Section,
  statusLabel,
  TEXT_FIELDS,
} from "./shared.tsx";

export type ReportView = Awaited<ReturnType<ReportsService["get"]>>;
export type ReportMessage = Awaited<ReturnType<ReportsService["messages"]>>[number];
/** A vendor in direct contact with the finder, with their thread (R-COO-6). */
export type FinderContact = Awaited<ReturnType<CasesService["finderContacts"]>>["items"][number];

/** The desk's page helpers (chosen in the page's query string). */
export interface DeskTools {
  /** `?template=<id>`: fills that template into its action's form. */
  template: string | null;
  /** For an accepted web report: the directory's operators for the forward form. */
  operators: OperatorChoices | null;
  /** R-INT-3: earlier reports and published advisories that may be the same finding. */
  duplicates: DuplicateCandidate[];
}

export type DuplicateCandidate =
  | { kind: "report"; reportId: string; receiptNumber: string; title: string; reasons: string[] }
  | { kind: "advisory"; advisoryId: string; title: string; reasons: string[] };

const DUPLICATE_REASONS: Record<string, MessageKey> = {
  same_product: "desk.duplicates.same_product",
  same_vendor: "desk.duplicates.same_vendor",
  same_site: "desk.duplicates.same_site",
  same_cwe: "desk.duplicates.same_cwe",
  similar_text: "desk.duplicates.similar_text",
};

/** A form of the page that was sent and came back refused (its values kept). */
export interface DetailForm {
  name: string;
  values: Record<string, string>;
  errors: FieldError[];
}

/** The content fields, present only when the service let this visitor read them. */
type ContentView = ReportView & {
  description: string;
  reproduction: string;
  howFound: string | null;
  disclosurePlans: string | null;
  alsoReportedDirectly: boolean | null;
  verificationMethod: string | null;
  attackMethod: string | null;
  decryptedMessage: DecryptedMessage | null;
};

function hasContent(report: ReportView): report is ContentView {
  return "description" in report && typeof report.description === "string";
}

/** A report field's current value as text (content fields only when readable). */
function currentValue(report: ReportView, field: ReportFormField): string {
  const value = (report as unknown as Record<string, unknown>)[field];
  return typeof value === "string" ? value : "";
}

function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

export function ReportPage(props: {
  page: PageContext;
  report: ReportView;
  messages: ReportMessage[] | null;
  /** The visitor is a member of the intake desk. */
  desk: boolean;
  userId: string;
  notice: MessageKey | null;
  form: DetailForm | null;
  /** The desk's helpers: the chosen message template and the operator choices for a forward. */
  deskTools?: DeskTools | undefined;
  /** The finder's vendors in direct contact; null while the report has no case. */
  directContacts?: FinderContact[] | null | undefined;
}) {
  const { page, report, messages, desk, form } = props;
  const { t, language } = page;
  const base = `/reports/${encodeURIComponent(report.id)}`;
  const errors = form?.errors ?? [];
  const errorsFor = (name: string) => (form?.name === name ? form.errors : []);
  const finderLanguage: Language = report.finderLanguage === "en" ? "en" : "ja";
  const template = findTemplate(props.deskTools?.template);
  const templated = templateValues(template, finderLanguage, report);
  const formValue = (name: string, field: string, fallback = "") =>
    form?.name === name ? (form.values[field] ?? "") : (templated[name]?.[field] ?? fallback);
  const picker = (action: TemplateAction, anchor: string) => (
    <TemplatePicker
      t={t}
      action={action}
      base={base}
      anchor={anchor}
      finderLanguage={finderLanguage}
      kind={kind}
      selected={template?.id ?? null}
      keep={
        props.deskTools?.operators?.query ? { operatorQuery: props.deskTools.operators.query } : {}
      }
    />
  );
  const heading = `${t("reports.detail.title", { receipt: report.receiptNumber })}`;
  const content = hasContent(report) ? report : null;
  const status = report.status;
  const kind = report.kind === "web" ? "web" : "product";
  const mayResubmit = !desk && status === "needs_info" && content !== null;
  const deskActions = {
    assign: report.assigneeUserId !== props.userId,
    requestInfo: status === "submitted",
    accept: status === "submitted",
    reject: status === "submitted" || status === "needs_info",
    close: status === "accepted",
    changeKind: status === "submitted" || status === "needs_info" || status === "accepted",
    forward: status === "accepted",
  };
  const anyDeskAction = Object.values(deskActions).some(Boolean);
  const title = `${report.title} — ${heading}`;
  return (
    <Layout page={page} title={errors.length > 0 ? t("reports.errorTitle", { title }) : title}>
      <p>
        <a href="/reports">{t("reports.backToList")}</a>
      </p>
      <h1>{report.title}</h1>
      <p class="lead">{heading}</p>
      {props.notice ? (
        <Notice kind="success">
          <p>{t(props.notice)}</p>
        </Notice>
      ) : null}
      <ErrorSummary title={t("reports.error.summary")} errors={errors} />

      <Section id="report-summary" title={t("reports.detail.summary")}>
        <dl class="report-summary">
          <Row label={t("reports.detail.receipt")}>
            <span class="mono">{report.receiptNumber}</span>
          </Row>
          <Row label={t("reports.detail.kind")}>{kindLabel(t, report.kind)}</Row>
          <Row label={t("reports.detail.status")}>
            <strong id="report-status">{statusLabel(t, status)}</strong>
          </Row>
          <Row label={t("reports.detail.receivedAt")}>
            <DateTime value={report.receivedAt} language={language} />
          </Row>
          {report.rejectReason ? (
            <Row label={t("reports.detail.rejectReason")}>{report.rejectReason}</Row>
          ) : null}
          {report.closeReason ? (
            <Row label={t("reports.detail.closeReason")}>
              {closeReasonLabel(t, report.closeReason)}
            </Row>
          ) : null}
          {report.duplicateOf ? (
            <Row label={t("reports.detail.duplicateOf")}>{report.duplicateOf}</Row>
          ) : null}
          {report.countermeasureDue ? (
            <Row label={t("desk.detail.countermeasureDue")}>
              <DateTime value={report.countermeasureDue} language={language} />
            </Row>
          ) : null}
          {report.publishAt ? (
            <Row label={t("reports.detail.publishAt")}>
              <DateTime value={report.publishAt} language={language} />
            </Row>
          ) : null}
          {report.publishedAt ? (
            <Row label={t("desk.detail.publishedAt")}>
              <DateTime value={report.publishedAt} language={language} />
            </Row>
          ) : null}
          {report.advisoryId ? (
            <Row label={t("desk.detail.advisory")}>
              <a class="mono" href={`/advisories/${encodeURIComponent(report.advisoryId)}`}>
                {report.advisoryId}
              </a>
            </Row>
          ) : null}
          {report.caseId ? (
            <Row label={t("reports.detail.caseId")}>
              <span class="mono">{report.caseId}</span>
            </Row>
          ) : null}
          {report.siteCaseId ? (
            <Row label={t("reports.detail.siteCaseId")}>
              {desk ? (
                <a class="mono" href={`/site-cases/${encodeURIComponent(report.siteCaseId)}`}>
                  {report.siteCaseId}
                </a>
              ) : (
                <span class="mono">{report.siteCaseId}</span>
              )}
            </Row>
          ) : null}
          {desk ? (
            <Row label={t("reports.detail.assignee")}>
              {!report.assigneeUserId
                ? t("reports.list.assignee.none")
                : report.assigneeUserId === props.userId
                  ? t("reports.list.assignee.me")
                  : t("reports.list.assignee.other")}
            </Row>
          ) : null}
          {kind === "product" ? (
            <>
              <Row label={t("reports.field.productName")}>{report.productName ?? ""}</Row>
              <Row label={t("reports.field.productVersion")}>{report.productVersion ?? ""}</Row>
              <Row label={t("reports.field.vendorName")}>
                {report.vendorName ?? t("reports.none")}
              </Row>
              {report.cvssVector ? (
                <Row label={t("reports.field.cvssVector")}>
                  <span class="mono">{report.cvssVector}</span>
                </Row>
              ) : null}
            </>
          ) : (
            <Row label={t("reports.field.siteUrl")}>{report.siteUrl ?? ""}</Row>
          )}
          {report.cwe ? <Row label={t("reports.field.cwe")}>{report.cwe}</Row> : null}
        </dl>
      </Section>

      <Section id="report-history" title={t("reports.detail.history")}>
        <DataTable id="report-history-table" caption={t("reports.detail.historyCaption")}>
          <thead>
            <tr>
              <th scope="col">{t("reports.detail.historyAt")}</th>
              <th scope="col">{t("reports.detail.historyStatus")}</th>
              <th scope="col">{t("reports.detail.historyReason")}</th>
            </tr>
          </thead>
          <tbody>
            {historyRows(t, report).map((row) => (
              <tr key={row.key}>
                <td>
                  <DateTime value={row.at} language={language} />
                </td>
                <td>{row.what}</td>
                <td>{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </Section>

      <Section id="report-content" title={t("reports.detail.content")}>
        {content ? (
          <dl class="report-summary">
            {(["description", "reproduction", "howFound", "disclosurePlans"] as const)
              .filter((field) => content[field])
              .map((field) => (
                <Row key={field} label={t(FIELD_LABELS[field])}>
                  <Paragraphs text={content[field] ?? ""} />
                </Row>
              ))}
            <DecryptedMessageRow page={page} message={content.decryptedMessage} />
            {(["verificationMethod", "attackMethod"] as const)
              .filter((field) => content[field])
              .map((field) => (
                <Row key={field} label={t(FIELD_LABELS[field])}>
                  <Paragraphs text={content[field] ?? ""} />
                </Row>
              ))}
            {content.alsoReportedDirectly !== null ? (
              <Row label={t("reports.field.alsoReportedDirectly")}>
                {content.alsoReportedDirectly ? t("reports.yes") : t("reports.no")}
              </Row>
            ) : null}
            {report.consent ? <ConsentRows page={page} consent={report.consent} /> : null}
          </dl>
        ) : (
          <Notice kind="info">
            <p>{t("reports.detail.metadataOnly")}</p>
          </Notice>
        )}
      </Section>

      <AttachmentsSection
        page={page}
        reportId={report.id}
        items={report.attachments}
        mayDownload={content !== null}
        mayUpload={!desk && ATTACHMENTS_OPEN_STATUSES.includes(status)}
        form={form?.name === "attachments" ? form : null}
      />

      {messages ? (
        <Section id="report-messages" title={t("reports.detail.messages")}>
          {messages.length === 0 ? (
            <p>{t("reports.detail.messagesEmpty")}</p>
          ) : (
            <ol class="message-thread">
              {messages.map((message) => (
                <li key={message.id}>
                  <p>
                    <strong>
                      {message.from === "finder"
                        ? t("reports.detail.from.finder")
                        : t("reports.detail.from.intake")}
                    </strong>{" "}
                    <DateTime value={message.createdAt} language={language} />
                  </p>
                  <Paragraphs text={message.body} />
                </li>
              ))}
            </ol>
          )}
          <form method="post" action={`${base}/messages`} class="stack" noValidate>
            <CsrfField token={page.csrfToken} />
            <Field
              name="body"
              label={t("reports.detail.messageBody")}
              hint={t("reports.detail.messageBodyHint")}
              multiline
              rows={4}
              required
              value={formValue("message", "body")}
              errors={errorsFor("message")}
            />
            <SubmitButton variant="secondary">{t("reports.detail.messageSend")}</SubmitButton>
          </form>
        </Section>
      ) : null}

      {props.directContacts && props.directContacts.length > 0 ? (
        <DirectContactsSection
          page={page}
          base={base}
          contacts={props.directContacts}
          form={form}
        />
      ) : null}

      {mayResubmit && content ? (
        <Section id="report-resubmit" title={t("reports.detail.resubmit")}>
          <p>{t("reports.detail.resubmitLead")}</p>
          <form method="post" action={`${base}/resubmit`} class="stack" noValidate>
            <CsrfField token={page.csrfToken} />
            {TEXT_FIELDS[kind].map((field) => {
              const hint = FIELD_HINTS[field];
              const multiline = MULTILINE_FIELDS.includes(field);
              return (
                <Field
                  key={field}
                  name={field}
                  label={t(FIELD_LABELS[field])}
                  hint={hint ? t(hint) : undefined}
                  multiline={multiline}
                  rows={multiline ? 5 : undefined}
                  value={formValue("resubmit", field, currentValue(report, field))}
                  errors={errorsFor("resubmit")}
                />
              );
            })}
            <SubmitButton>{t("reports.detail.resubmitSend")}</SubmitButton>
          </form>
        </Section>
      ) : null}

      {desk && props.deskTools && ["submitted", "accepted"].includes(report.status) ? (
        <Section id="report-duplicates" title={t("desk.duplicates.heading")}>
          {props.deskTools.duplicates.length === 0 ? (
            <p>{t("desk.duplicates.none")}</p>
          ) : (
            <ul>
              {props.deskTools.duplicates.map((candidate) => (
                <li key={candidate.kind === "report" ? candidate.reportId : candidate.advisoryId}>
                  {candidate.kind === "report" ? (
                    <a href={`/reports/${encodeURIComponent(candidate.reportId)}`}>
                      {candidate.receiptNumber}
                    </a>
                  ) : (
                    <a href={`/advisories/${encodeURIComponent(candidate.advisoryId)}`}>
                      {candidate.advisoryId}
                    </a>
                  )}{" "}
                  {candidate.title} —{" "}
                  {candidate.reasons
                    .map((reason) => {
                      const key = DUPLICATE_REASONS[reason];
                      return key ? t(key) : reason;
                    })
                    .join(t("desk.duplicates.separator"))}
                </li>
              ))}
            </ul>
          )}
        </Section>
      ) : null}

      {desk ? (
        <Section id="report-actions" title={t("reports.actions.heading")}>
          {!anyDeskAction ? <p>{t("reports.actions.none")}</p> : null}
          {deskActions.assign ? (
            <form method="post" action={`${base}/assign`} class="stack">
              <CsrfField token={page.csrfToken} />
              <SubmitButton variant="secondary">{t("reports.actions.assignMe")}</SubmitButton>
            </form>
          ) : null}
          {deskActions.accept ? (
            <form method="post" action={`${base}/accept`} class="stack">
              <h3>{t("reports.actions.accept")}</h3>
              <p>{t("reports.actions.acceptLead")}</p>
              <CsrfField token={page.csrfToken} />
              <SubmitButton>{t("reports.actions.accept")}</SubmitButton>
            </form>
          ) : null}
          {deskActions.requestInfo ? (
            <>
              <h3 id="action-request-info">{t("reports.actions.requestInfo")}</h3>
              {picker("requestInfo", "action-request-info")}
              <form method="post" action={`${base}/request-info`} class="stack" noValidate>
                <CsrfField token={page.csrfToken} />
                <Field
                  name="infoMessage"
                  label={t("reports.actions.requestInfoMessage")}
                  hint={t("reports.actions.requestInfoHint")}
                  multiline
                  rows={4}
                  required
                  value={formValue("requestInfo", "infoMessage")}
                  errors={errorsFor("requestInfo")}
                />
                <SubmitButton variant="secondary">{t("reports.actions.requestInfo")}</SubmitButton>
              </form>
            </>
          ) : null}
          {deskActions.reject ? (
            <>
              <h3 id="action-reject">{t("reports.actions.reject")}</h3>
              {picker("reject", "action-reject")}
              <form method="post" action={`${base}/reject`} class="stack" noValidate>
                <CsrfField token={page.csrfToken} />
                <Field
                  name="rejectReason"
                  label={t("reports.actions.rejectReason")}
                  hint={t("reports.actions.rejectReasonHint")}
                  multiline
                  rows={3}
                  required
                  value={formValue("reject", "rejectReason")}
                  errors={errorsFor("reject")}
                />
                <SubmitButton variant="danger">{t("reports.actions.reject")}</SubmitButton>
              </form>
            </>
          ) : null}
          {deskActions.close ? (
            <>
              <h3 id="action-close">{t("reports.actions.close")}</h3>
              {picker("close", "action-close")}
              <form method="post" action={`${base}/close`} class="stack" noValidate>
                <CsrfField token={page.csrfToken} />
                <SelectField
                  name="closeReason"
                  label={t("reports.actions.closeReason")}
                  required
                  value={formValue("close", "closeReason")}
                  errors={errorsFor("close")}
                  options={REPORT_CLOSE_REASONS.map((reason) => ({
                    value: reason,
                    label: closeReasonLabel(t, reason),
                  }))}
                />
                <Field
                  name="duplicateOf"
                  label={t("reports.actions.duplicateOf")}
                  hint={t("reports.actions.duplicateOfHint")}
                  value={formValue("close", "duplicateOf")}
                  errors={errorsFor("close")}
                />
                <Field
                  name="closeMessage"
                  label={t("reports.actions.closeMessage")}
                  multiline
                  rows={3}
                  value={formValue("close", "closeMessage")}
                  errors={errorsFor("close")}
                />
                <SubmitButton variant="danger">{t("reports.actions.close")}</SubmitButton>
              </form>
            </>
          ) : null}
          {deskActions.changeKind ? (
            <form method="post" action={`${base}/kind`} class="stack" noValidate>
              <h3>{t("reports.actions.changeKind")}</h3>
              <CsrfField token={page.csrfToken} />
              <SelectField
                name="newKind"
                label={t("reports.actions.newKind")}
                required
                value={formValue("kind", "newKind", kind === "web" ? "product" : "web")}
                errors={errorsFor("kind")}
                options={[
                  { value: "product", label: t("reports.kind.product") },
                  { value: "web", label: t("reports.kind.web") },
                ]}
              />
              <Field
                name="kindReason"
                label={t("reports.actions.kindReason")}
                hint={t("reports.actions.kindReasonHint")}
                required
                value={formValue("kind", "kindReason")}
                errors={errorsFor("kind")}
              />
              <SubmitButton variant="secondary">{t("reports.actions.changeKind")}</SubmitButton>
            </form>
          ) : null}
          {deskActions.forward ? (
            <>
              <h3 id="action-forward">{t("reports.actions.forward")}</h3>
              {kind === "web" ? <p>{t("reports.actions.forwardWebLead")}</p> : null}
              {picker("forward", "action-forward")}
              <ForwardForm
                t={t}
                base={base}
                csrfToken={page.csrfToken}
                kind={kind}
                operators={props.deskTools?.operators ?? null}
                values={{
                  operatorOrganizationId: formValue("forward", "operatorOrganizationId"),
                  operatorName: formValue("forward", "operatorName"),
                  operatorContactEmail: formValue("forward", "operatorContactEmail"),
                  forwardMessage: formValue("forward", "forwardMessage"),
                }}
                errors={errorsFor("forward")}
                template={template?.id ?? null}
              />
            </>
          ) : null}
        </Section>
      ) : null}
    </Layout>
  );
}

/**
 * The history the finder and the desk read: each status with its reason (a close reason or
 * outcome in words, a rejection's reason as written), and each change of kind with its reason.
 */
/** The finder's threads with the vendors in direct contact, each with its form while open. */
function DirectContactsSection(props: {
  page: PageContext;
  base: string;
  contacts: FinderContact[];
  form: DetailForm | null;
}) {
  const { page, form } = props;
  const { t, language } = page;
  return (
    <Section id="report-direct-contacts" title={t("contactPages.finder.heading")}>
      <p>{t("contactPages.finder.lead")}</p>
      {props.contacts.map((contact) => {
        const name = contact.vendorName ?? "";
        const field = `contactBody-${contact.organizationId}`;
        const headingId = `direct-contact-${contact.organizationId}`;
        return (
          <section key={contact.organizationId} class="participant" aria-labelledby={headingId}>
            <h3 id={headingId}>{name}</h3>
            {contact.messages.length === 0 ? (
              <p>{t("contactPages.finder.empty")}</p>
            ) : (
              <ol class="message-thread">
                {contact.messages.map((message) => (
                  <li key={message.id}>
                    <p>
                      <strong>
                        {message.from === "finder"
                          ? t("contactPages.finder.fromYou")
                          : t("contactPages.finder.fromVendor", { name })}
                      </strong>{" "}
                      <DateTime value={message.createdAt} language={language} />
                    </p>
                    <Paragraphs text={message.body} />
                  </li>
                ))}
              </ol>
            )}
            {contact.status === "open" ? (
              <form
                method="post"
                action={`${props.base}/direct-contacts/${encodeURIComponent(contact.organizationId)}/messages`}
                class="stack"
                noValidate
              >
                <CsrfField token={page.csrfToken} />
                <Field
                  name={field}
                  label={t("contactPages.finder.body", { name })}
                  multiline
                  rows={4}
                  required
                  value={form?.name === field ? (form.values[field] ?? "") : ""}
                  errors={form?.name === field ? form.errors : []}
                />
                <SubmitButton variant="secondary">
                  {t("contactPages.finder.send", { name })}
                </SubmitButton>
              </form>
            ) : (
              <p>{t("contactPages.finder.closed")}</p>
            )}
          </section>
        );
      })}
    </Section>
  );
}

function historyRows(t: Translate, report: ReportView) {
  const rows = [
    ...report.history.map((entry, index) => ({
      key: `status-${index}`,
      at: entry.at,
      what: statusLabel(t, entry.status),
      reason: entry.reason
        ? closeReasonLabel(t, entry.reason)
        : entry.status === "needs_info"
          ? t("desk.history.needsInfo")
          : "",
    })),
    ...report.kindChanges.map((change, index) => ({
      key: `kind-${index}`,
      at: change.at,
      what: t("desk.history.kindChange", {
        from: kindLabel(t, change.from),
        to: kindLabel(t, change.to),
      }),
      reason: change.reason,
    })),
  ];
  // Stable: a kind change and a status change at one instant keep their order above.
  return rows.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function ConsentRows(props: { page: PageContext; consent: NonNullable<ReportView["consent"]> }) {
  const { t } = props.page;
  const consent = props.consent as unknown as Record<string, unknown>;
  const flags = [
    "identityToCoordinator",
    "identityToVendor",
    "identityToOperator",
    "directContact",
  ] as const;
  return (
    <>
      {flags
        .filter((flag) => typeof consent[flag] === "boolean")
        .map((flag) => (
          <Row key={flag} label={t(FIELD_LABELS[flag])}>
            {consent[flag] ? t("reports.yes") : t("reports.no")}
          </Row>
        ))}
      {"credit" in consent ? (
        <Row label={t("reports.field.credit")}>
          {typeof consent.credit === "string"
            ? t("reports.consent.credit", { name: consent.credit })
            : t("reports.consent.noCredit")}
        </Row>
      ) : null}
    </>
  );
}
