/**
 * The desk's tools on the report page: the likely duplicates (R-INT-3) and the forms of the desk's
 * actions, those with a message text offering the desk's templates in the finder's language.
 */
import type { ComponentChildren } from "preact";
import type { OperatorChoices } from "../../../modules/reports/operator-choices.ts";
import type {
  DuplicateCandidate,
  DuplicateReason,
  ReportView,
} from "../../../modules/reports/reports.schemas.ts";
import type { Language, MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import { REPORT_CLOSE_REASONS } from "../../../workflow/report.ts";
import { CsrfField, Field, type FieldError, SelectField, SubmitButton } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import {
  findTemplate,
  type TemplateAction,
  TemplatePicker,
  templateValues,
} from "./desk-templates.tsx";
import { ForwardForm } from "./forward-form.tsx";
import type { DetailForm } from "./report-threads.tsx";
import { closeReasonLabel, Section } from "./shared.tsx";

/** The desk's page helpers (chosen in the page's query string). */
export interface DeskTools {
  /** `?template=<id>`: fills that template into its action's form. */
  template: string | null;
  /** For an accepted web report: the directory's operators for the forward form. */
  operators: OperatorChoices | null;
  /** R-INT-3: earlier reports and published advisories that may be the same finding. */
  duplicates: DuplicateCandidate[];
}

/** The statuses in which the desk looks for duplicates. */
export const DUPLICATE_CHECK_STATUSES: readonly string[] = ["submitted", "accepted"];

const DUPLICATE_REASONS: Record<DuplicateReason, MessageKey> = {
  same_product: "desk.duplicates.same_product",
  same_vendor: "desk.duplicates.same_vendor",
  same_site: "desk.duplicates.same_site",
  same_cwe: "desk.duplicates.same_cwe",
  similar_text: "desk.duplicates.similar_text",
};

export function DuplicatesSection(props: { t: Translate; duplicates: DuplicateCandidate[] }) {
  const { t } = props;
  return (
    <Section id="report-duplicates" title={t("desk.duplicates.heading")}>
      {props.duplicates.length === 0 ? (
        <p>{t("desk.duplicates.none")}</p>
      ) : (
        <ul>
          {props.duplicates.map((candidate) => (
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
                .map((reason) => t(DUPLICATE_REASONS[reason]))
                .join(t("desk.duplicates.separator"))}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** Which of the desk's actions the report's status allows (the workflow has the last word). */
function deskActionsFor(report: ReportView, userId: string) {
  const status = report.status;
  return {
    assign: report.assigneeUserId !== userId,
    requestInfo: status === "submitted",
    accept: status === "submitted",
    reject: status === "submitted" || status === "needs_info",
    close: status === "accepted",
    changeKind: status === "submitted" || status === "needs_info" || status === "accepted",
    forward: status === "accepted",
  };
}

/** An action whose form is one message text, with the desk's templates above it. */
function TextActionForm(props: {
  t: Translate;
  csrfToken: string;
  heading: string;
  anchor: string;
  picker: ComponentChildren;
  action: string;
  name: string;
  label: string;
  hint: string;
  rows: number;
  value: string;
  errors: FieldError[];
  submit: { label: string; variant: "secondary" | "danger" };
}) {
  return (
    <>
      <h3 id={props.anchor}>{props.heading}</h3>
      {props.picker}
      <form method="post" action={props.action} class="stack" noValidate>
        <CsrfField token={props.csrfToken} />
        <Field
          name={props.name}
          label={props.label}
          hint={props.hint}
          multiline
          rows={props.rows}
          required
          value={props.value}
          errors={props.errors}
        />
        <SubmitButton variant={props.submit.variant}>{props.submit.label}</SubmitButton>
      </form>
    </>
  );
}

export function DeskActionsSection(props: {
  page: PageContext;
  base: string;
  report: ReportView;
  userId: string;
  tools: DeskTools | undefined;
  form: DetailForm | null;
}) {
  const { page, base, report, form, tools } = props;
  const { t } = page;
  const kind = report.kind;
  const finderLanguage: Language = report.finderLanguage === "en" ? "en" : "ja";
  const template = findTemplate(tools?.template);
  const templated = templateValues(template, finderLanguage, report);
  const value = (name: string, field: string, fallback = "") =>
    form?.name === name ? (form.values[field] ?? "") : (templated[name]?.[field] ?? fallback);
  const errorsFor = (name: string) => (form?.name === name ? form.errors : []);
  const picker = (action: TemplateAction, anchor: string) => (
    <TemplatePicker
      t={t}
      action={action}
      base={base}
      anchor={anchor}
      finderLanguage={finderLanguage}
      kind={kind}
      selected={template?.id ?? null}
      keep={tools?.operators?.query ? { operatorQuery: tools.operators.query } : {}}
    />
  );
  const can = deskActionsFor(report, props.userId);
  return (
    <Section id="report-actions" title={t("reports.actions.heading")}>
      {!Object.values(can).some(Boolean) ? <p>{t("reports.actions.none")}</p> : null}
      {can.assign ? (
        <form method="post" action={`${base}/assign`} class="stack">
          <CsrfField token={page.csrfToken} />
          <SubmitButton variant="secondary">{t("reports.actions.assignMe")}</SubmitButton>
        </form>
      ) : null}
      {can.accept ? (
        <form method="post" action={`${base}/accept`} class="stack">
          <h3>{t("reports.actions.accept")}</h3>
          <p>{t("reports.actions.acceptLead")}</p>
          <CsrfField token={page.csrfToken} />
          <SubmitButton>{t("reports.actions.accept")}</SubmitButton>
        </form>
      ) : null}
      {/* After acceptance, forwarding is the next step: it comes first. */}
      {can.forward ? (
        <>
          <h3 id="action-forward">{t("reports.actions.forward")}</h3>
          {kind === "web" ? <p>{t("reports.actions.forwardWebLead")}</p> : null}
          {picker("forward", "action-forward")}
          <ForwardForm
            t={t}
            base={base}
            csrfToken={page.csrfToken}
            kind={kind}
            operators={tools?.operators ?? null}
            values={{
              operatorOrganizationId: value("forward", "operatorOrganizationId"),
              operatorName: value("forward", "operatorName"),
              operatorContactEmail: value("forward", "operatorContactEmail"),
              forwardMessage: value("forward", "forwardMessage"),
            }}
            errors={errorsFor("forward")}
            template={template?.id ?? null}
          />
        </>
      ) : null}
      {can.requestInfo ? (
        <TextActionForm
          t={t}
          csrfToken={page.csrfToken}
          heading={t("reports.actions.requestInfo")}
          anchor="action-request-info"
          picker={picker("requestInfo", "action-request-info")}
          action={`${base}/request-info`}
          name="infoMessage"
          label={t("reports.actions.requestInfoMessage")}
          hint={t("reports.actions.requestInfoHint")}
          rows={4}
          value={value("requestInfo", "infoMessage")}
          errors={errorsFor("requestInfo")}
          submit={{ label: t("reports.actions.requestInfo"), variant: "secondary" }}
        />
      ) : null}
      {can.reject ? (
        <TextActionForm
          t={t}
          csrfToken={page.csrfToken}
          heading={t("reports.actions.reject")}
          anchor="action-reject"
          picker={picker("reject", "action-reject")}
          action={`${base}/reject`}
          name="rejectReason"
          label={t("reports.actions.rejectReason")}
          hint={t("reports.actions.rejectReasonHint")}
          rows={3}
          value={value("reject", "rejectReason")}
          errors={errorsFor("reject")}
          submit={{ label: t("reports.actions.reject"), variant: "danger" }}
        />
      ) : null}
      {can.close ? (
        <>
          <h3 id="action-close">{t("reports.actions.close")}</h3>
          {picker("close", "action-close")}
          <form method="post" action={`${base}/close`} class="stack" noValidate>
            <CsrfField token={page.csrfToken} />
            <SelectField
              name="closeReason"
              label={t("reports.actions.closeReason")}
              required
              value={value("close", "closeReason")}
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
              value={value("close", "duplicateOf")}
              errors={errorsFor("close")}
            />
            <Field
              name="closeMessage"
              label={t("reports.actions.closeMessage")}
              multiline
              rows={3}
              value={value("close", "closeMessage")}
              errors={errorsFor("close")}
            />
            <SubmitButton variant="danger">{t("reports.actions.close")}</SubmitButton>
          </form>
        </>
      ) : null}
      {can.changeKind ? (
        <form method="post" action={`${base}/kind`} class="stack" noValidate>
          <h3>{t("reports.actions.changeKind")}</h3>
          <CsrfField token={page.csrfToken} />
          <SelectField
            name="newKind"
            label={t("reports.actions.newKind")}
            required
            value={value("kind", "newKind", kind === "web" ? "product" : "web")}
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
            value={value("kind", "kindReason")}
            errors={errorsFor("kind")}
          />
          <SubmitButton variant="secondary">{t("reports.actions.changeKind")}</SubmitButton>
        </form>
      ) : null}
    </Section>
  );
}
