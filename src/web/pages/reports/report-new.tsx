import { Fragment } from "preact";
import {
  CvssVectorBox,
  CwePickerBox,
  FormHelperScripts,
} from "../../components/cvss-calculator.tsx";
import { CvssScore, CweWithName } from "../../components/cvss-score.tsx";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  Field,
  type FieldError,
  Notice,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import {
  EncryptedMessageSection,
  EncryptedMessageSummary,
} from "../desk-key/encrypted-message.tsx";
import { ReceiptAttachments } from "./attachments.tsx";
import {
  CHECKBOX_FIELDS,
  Checkbox,
  FIELD_HINTS,
  FIELD_LABELS,
  MULTILINE_FIELDS,
  Paragraphs,
  REPORT_FORM_FIELDS,
  REQUIRED_FIELDS,
  type ReportFormField,
  type ReportFormValues,
  Section,
  TEXT_FIELDS,
} from "./shared.tsx";

/** A signed-in user whose address is not confirmed yet: how to confirm it. */
export function UnverifiedPage(props: { page: PageContext }) {
  const { page } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t("reports.unverified.title")}>
      <h1>{t("reports.unverified.title")}</h1>
      <p>{t("reports.unverified.body")}</p>
      <p>
        <a href="/account">{t("reports.unverified.account")}</a>
      </p>
    </Layout>
  );
}

/** Step 1: product or web (a GET form, so it works without script and can be bookmarked). */
export function ChooseKindPage(props: { page: PageContext; errors: FieldError[] }) {
  const { page, errors } = props;
  const { t } = page;
  const title = t("reports.new.title");
  return (
    <Layout page={page} title={errors.length > 0 ? t("reports.errorTitle", { title }) : title}>
      <h1>{title}</h1>
      <p class="lead">{t("reports.new.lead")}</p>
      <ErrorSummary title={t("reports.error.summary")} errors={errors} />
      <form method="get" action="/reports/new" class="stack">
        <fieldset
          class={errors.length > 0 ? "field field-error" : "field"}
          aria-describedby="kind-hint"
        >
          <legend>
            {t("reports.new.chooseKind")}
            <span class="required">*</span>
          </legend>
          <p class="hint" id="kind-hint">
            {t("reports.new.chooseKindHint")}
          </p>
          {errors.length > 0 ? <p class="error-message">{t("reports.error.kind")}</p> : null}
          {(["product", "web"] as const).map((kind, index) => (
            <div class="checkbox" key={kind}>
              <input
                type="radio"
                name="kind"
                value={kind}
                id={index === 0 ? "field-kind" : `field-kind-${kind}`}
                aria-describedby={`kind-${kind}-hint`}
              />{" "}
              <label for={index === 0 ? "field-kind" : `field-kind-${kind}`}>
                {t(kind === "product" ? "reports.kind.product" : "reports.kind.web")}
              </label>
              <p class="hint" id={`kind-${kind}-hint`}>
                {t(kind === "product" ? "reports.new.kindProductHint" : "reports.new.kindWebHint")}
              </p>
            </div>
          ))}
        </fieldset>
        <SubmitButton>{t("reports.new.continue")}</SubmitButton>
      </form>
    </Layout>
  );
}

function TextField(props: {
  page: PageContext;
  name: ReportFormField;
  values: ReportFormValues;
  errors: FieldError[];
}) {
  const { t } = props.page;
  const hint = FIELD_HINTS[props.name];
  const multiline = MULTILINE_FIELDS.includes(props.name);
  return (
    <Field
      name={props.name}
      label={t(FIELD_LABELS[props.name])}
      hint={hint ? t(hint) : undefined}
      value={props.values[props.name]}
      errors={props.errors}
      required={REQUIRED_FIELDS.includes(props.name)}
      type={props.name === "siteUrl" ? "url" : "text"}
      multiline={multiline}
      rows={multiline ? 6 : undefined}
      inputMode={props.name === "siteUrl" ? "url" : undefined}
    />
  );
}

/** Step 2: every field of the kind chosen; comes back with the values kept on errors. */
export function ReportFormPage(props: {
  page: PageContext;
  values: ReportFormValues;
  errors: FieldError[];
}) {
  const { page, values, errors } = props;
  const { t } = page;
  const kind = values.kind === "web" ? "web" : "product";
  const heading = kind === "web" ? t("reports.new.webHeading") : t("reports.new.productHeading");
  const field = (name: ReportFormField) => (
    <TextField page={page} name={name} values={values} errors={errors} />
  );
  const checkbox = (name: ReportFormField) => {
    const hint = FIELD_HINTS[name];
    return (
      <Checkbox
        name={name}
        label={t(FIELD_LABELS[name])}
        checked={values[name] === "1"}
        hint={hint ? t(hint) : undefined}
      />
    );
  };
  return (
    <Layout
      page={page}
      title={errors.length > 0 ? t("reports.errorTitle", { title: heading }) : heading}
    >
      <p>
        <a href="/reports/new">{t("reports.new.changeKind")}</a>
      </p>
      <h1>{heading}</h1>
      <p class="lead">{t("reports.new.lead")}</p>
      <p>{t("reports.new.requiredNote")}</p>
      <ErrorSummary title={t("reports.error.summary")} errors={errors} />
      <form method="post" action="/reports/new/confirm" class="stack" noValidate>
        <CsrfField token={page.csrfToken} />
        <input type="hidden" name="kind" value={kind} />
        <Section id="report-target" title={t("reports.new.section.target")}>
          {field("title")}
          {kind === "product" ? (
            <>
              {field("productName")}
              {field("productVersion")}
              {field("vendorName")}
            </>
          ) : (
            field("siteUrl")
          )}
        </Section>
        <Section id="report-details" title={t("reports.new.section.details")}>
          {field("description")}
          {field("reproduction")}
          {kind === "product" ? (
            <CvssVectorBox versions={["3.1", "4.0"]}>{field("cvssVector")}</CvssVectorBox>
          ) : null}
          <CwePickerBox>{field("cwe")}</CwePickerBox>
          {field("howFound")}
          {kind === "product" ? field("disclosurePlans") : null}
          {checkbox("alsoReportedDirectly")}
        </Section>
        <EncryptedMessageSection page={page} value={values.encryptedMessage} errors={errors} />
        <Section id="report-secret" title={t("reports.new.section.secret")}>
          <p>{t("reports.new.section.secretLead")}</p>
          {field("verificationMethod")}
          {field("attackMethod")}
        </Section>
        <Section id="report-consent" title={t("reports.new.section.consent")}>
          <p>{t("reports.new.section.consentLead")}</p>
          {kind === "product" ? (
            <>
              {checkbox("identityToCoordinator")}
              {checkbox("identityToVendor")}
              {checkbox("directContact")}
              {checkbox("credit")}
              {field("creditName")}
            </>
          ) : (
            <>
              {checkbox("identityToOperator")}
              {checkbox("directContact")}
            </>
          )}
        </Section>
        <SubmitButton>{t("reports.new.toConfirm")}</SubmitButton>
      </form>
      <FormHelperScripts page={page} />
    </Layout>
  );
}

/** The notes of 付録1, shown before sending. */
export function LegalNote(props: { page: PageContext }) {
  const { t } = props.page;
  return (
    <Section id="report-legal" title={t("reports.legal.heading")}>
      <ul>
        <li>{t("reports.legal.notJudgement")}</li>
        <li>{t("reports.legal.noAccess")}</li>
        <li>{t("reports.legal.confidential")}</li>
      </ul>
    </Section>
  );
}

/** Step 3: what will be sent, read-only, carried in hidden fields. */
export function ConfirmReportPage(props: { page: PageContext; values: ReportFormValues }) {
  const { page, values } = props;
  const { t } = page;
  const kind = values.kind === "web" ? "web" : "product";
  const title = t("reports.confirm.title");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t("reports.confirm.lead")}</p>
      <dl class="report-summary">
        <dt>{t("reports.new.chooseKind")}</dt>
        <dd>{t(kind === "web" ? "reports.kind.web" : "reports.kind.product")}</dd>
        {TEXT_FIELDS[kind].map((name) => (
          <Fragment key={name}>
            <dt>{t(FIELD_LABELS[name])}</dt>
            <dd>
              {values[name].trim() === "" ? (
                t("reports.confirm.notGiven")
              ) : name === "cvssVector" ? (
                <CvssScore page={page} vector={values[name]} />
              ) : name === "cwe" ? (
                <CweWithName page={page} cwe={values[name]} />
              ) : MULTILINE_FIELDS.includes(name) ? (
                <Paragraphs text={values[name]} />
              ) : (
                values[name]
              )}
            </dd>
          </Fragment>
        ))}
        {CHECKBOX_FIELDS[kind]
          .filter((name) => name !== "credit")
          .map((name) => (
            <Fragment key={name}>
              <dt>{t(FIELD_LABELS[name])}</dt>
              <dd>{values[name] === "1" ? t("reports.yes") : t("reports.no")}</dd>
            </Fragment>
          ))}
        <EncryptedMessageSummary page={page} value={values.encryptedMessage} />
        {kind === "product" ? (
          <>
            <dt>{t("reports.field.credit")}</dt>
            <dd>
              {values.credit === "1"
                ? t("reports.consent.credit", { name: values.creditName.trim() })
                : t("reports.consent.noCredit")}
            </dd>
          </>
        ) : null}
      </dl>
      <LegalNote page={page} />
      {/* data-carries-input: a language switch takes the report back into the form. */}
      <form method="post" action="/reports/new/send" class="stack" data-carries-input="">
        <CsrfField token={page.csrfToken} />
        {REPORT_FORM_FIELDS.map((name) => (
          <input key={name} type="hidden" name={name} value={values[name]} />
        ))}
        <div class="button-row">
          <SubmitButton>{t("reports.confirm.send")}</SubmitButton>{" "}
          <button type="submit" class="button button-secondary" formAction="/reports/new">
            {t("reports.confirm.edit")}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** Step 4: the receipt (R-INT-1) with the note of 付録1(3). */
export function ReceiptPage(props: {
  page: PageContext;
  receipt: { id: string; receiptNumber: string; receivedAt: string };
}) {
  const { page, receipt } = props;
  const { t, language } = page;
  const title = t("reports.receipt.title");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <Notice kind="success">
        <p>{t("reports.receipt.lead")}</p>
      </Notice>
      <dl class="report-summary">
        <dt>{t("reports.receipt.number")}</dt>
        <dd>
          <strong class="mono" id="receipt-number">
            {receipt.receiptNumber}
          </strong>
        </dd>
        <dt>{t("reports.receipt.receivedAt")}</dt>
        <dd>
          <DateTime value={receipt.receivedAt} language={language} />
        </dd>
      </dl>
      <p>{t("reports.receipt.notJudgement")}</p>
      <p>
        <a href={`/reports/${encodeURIComponent(receipt.id)}`}>{t("reports.receipt.link")}</a>
      </p>
      {/* Files are added here, once the report is received (why: ReceiptAttachments). */}
      <ReceiptAttachments page={page} reportId={receipt.id} />
    </Layout>
  );
}
