import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { TERMINATION_REASONS } from "../../../workflow/case/index.ts";
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
import { type DraftDifference, DraftDifferences } from "./draft-differences.tsx";

/** The draft form's fields as strings, as the browser sends them. */
export type DraftForm = Record<string, string>;

/** Rows of the affected-products table: the draft's, and blank ones to add more. */
export const EXTRA_AFFECTED_ROWS = 3;

export interface DraftPageCase {
  id: string;
  caseNumber: string;
  title: string;
  status: string | null;
  publishAt: string | null;
  advisoryStatus: "none" | "draft" | "approved";
  advisoryId: string | null;
  published: boolean;
  terminated: boolean;
  vendors: { id: string; name: string; status: string }[];
  /** The finder's chosen credit (null: none; undefined: not a finder's case or not shown). */
  credit: string | null | undefined;
  /** The form starts from the case's suggestion, nothing saved yet. */
  prefilled: boolean;
  /** How the saved draft differs from the vendors' entries; undefined without a draft. */
  differences: DraftDifference[] | undefined;
  /** A coordinator other than the draft's last author approves (KAKEHASHI_ADVISORY_SECOND_APPROVER). */
  secondApprover: boolean;
}

const TRANSLATED = ["title", "overview", "description", "impact"] as const;

/** The coordinator's page for the advisory: the draft, approval, and ending the embargo. */
export function AdvisoryDraftPage(props: {
  page: PageContext;
  kase: DraftPageCase;
  form: DraftForm;
  rows: number;
  errors: FieldError[];
  notice: MessageKey | null;
}) {
  const { page, kase, form, errors } = props;
  const { t, language, csrfToken } = page;
  const status = kase.published ? "published" : kase.advisoryStatus;
  const vendorOptions = [
    { value: "", label: t("advisories.draft.vendorNone") },
    ...kase.vendors.map((v) => ({ value: v.id, label: v.name })),
  ];
  const base = `/cases/${encodeURIComponent(kase.id)}`;
  return (
    <Layout page={page} title={t("advisories.draft.title", { caseTitle: kase.title })}>
      <h1>{t("advisories.draft.title", { caseTitle: kase.title })}</h1>
      {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
      <ErrorSummary title={t("advisories.draft.errorSummary")} errors={errors} />
      <p>{t("advisories.draft.lead")}</p>
      <ul>
        <li>
          <a href={base}>{t("advisories.draft.backToCase", { caseNumber: kase.caseNumber })}</a>
        </li>
        <li>
          {t("advisories.draft.status", {
            status: t(`advisories.draft.status.${status}` as MessageKey),
          })}
        </li>
        {kase.advisoryId ? (
          <li class="mono">{t("advisories.draft.advisoryId", { advisoryId: kase.advisoryId })}</li>
        ) : null}
        {kase.publishAt ? (
          <li>
            {t("advisories.draft.publishAt")}
            <DateTime value={kase.publishAt} language={language} />
          </li>
        ) : null}
        <li>
          <a href={`${base}/advisory/preview`}>{t("advisories.draft.preview")}</a>
        </li>
      </ul>

      {kase.prefilled ? (
        <Notice kind="info">
          <p>{t("advisories.draft.prefilled")}</p>
        </Notice>
      ) : null}
      {kase.credit !== undefined ? (
        <p id="advisory-credit">
          {kase.credit === null
            ? t("advisories.draft.noCredit")
            : t("advisories.draft.credit", { credit: kase.credit })}
        </p>
      ) : null}

      <form class="stack wide-form" method="post" action={`${base}/advisory`} novalidate>
        <CsrfField token={csrfToken} />
        <SelectField
          name="language"
          label={t("advisories.draft.field.language")}
          options={[
            { value: "ja", label: t("advisories.draft.language.ja"), lang: "ja" },
            { value: "en", label: t("advisories.draft.language.en"), lang: "en" },
          ]}
          value={form.language || "ja"}
          errors={errors}
        />
        <Field
          name="title"
          label={t("advisories.draft.field.title")}
          value={form.title}
          errors={errors}
          required
        />
        <Field
          name="overview"
          label={t("advisories.draft.field.overview")}
          value={form.overview}
          errors={errors}
          multiline
          rows={4}
          required
        />
        <Field
          name="description"
          label={t("advisories.draft.field.description")}
          value={form.description}
          errors={errors}
          multiline
          rows={8}
          required
        />
        <Field
          name="impact"
          label={t("advisories.draft.field.impact")}
          value={form.impact}
          errors={errors}
          multiline
          rows={4}
          required
        />
        <fieldset class="checkbox-group">
          <legend>{t("advisories.draft.translation")}</legend>
          <p class="hint">{t("advisories.draft.translationHint")}</p>
          {TRANSLATED.map((text) => (
            <Field
              key={text}
              name={`translation.${text}`}
              label={t(`advisories.draft.field.translation.${text}`)}
              value={form[`translation.${text}`]}
              errors={errors}
              multiline={text !== "title"}
              rows={text === "description" ? 8 : 4}
            />
          ))}
        </fieldset>
        <Field
          name="cwe"
          label={t("advisories.draft.field.cwe")}
          hint={t("advisories.draft.hint.cwe")}
          value={form.cwe}
          errors={errors}
        />
        <Field
          name="cvssV3"
          label={t("advisories.draft.field.cvssV3")}
          hint={t("advisories.draft.hint.cvss")}
          value={form.cvssV3}
          errors={errors}
        />
        <Field
          name="cvssV4"
          label={t("advisories.draft.field.cvssV4")}
          value={form.cvssV4}
          errors={errors}
        />
        <Field
          name="cveIds"
          label={t("advisories.draft.field.cveIds")}
          hint={t("advisories.draft.hint.cveIds")}
          value={form.cveIds}
          errors={errors}
        />
        <fieldset class="checkbox-group">
          <legend>{t("advisories.draft.affected")}</legend>
          <p class="hint">{t("advisories.draft.affectedHint")}</p>
          {Array.from({ length: props.rows }, (_, index) => (
            <div class="affected-row" key={index}>
              <SelectField
                name={`affected.${index}.vendorOrgId`}
                label={t("advisories.draft.field.vendor", { row: index + 1 })}
                options={vendorOptions}
                value={form[`affected.${index}.vendorOrgId`] ?? ""}
                errors={errors}
              />
              <Field
                name={`affected.${index}.product`}
                label={t("advisories.draft.field.product", { row: index + 1 })}
                value={form[`affected.${index}.product`]}
                errors={errors}
              />
              <Field
                name={`affected.${index}.versions`}
                label={t("advisories.draft.field.versions", { row: index + 1 })}
                hint={t("advisories.draft.hint.versions")}
                value={form[`affected.${index}.versions`]}
                errors={errors}
              />
              <Field
                name={`affected.${index}.cpe`}
                label={t("advisories.draft.field.cpe", { row: index + 1 })}
                hint={t("advisories.draft.hint.cpe")}
                value={form[`affected.${index}.cpe`]}
                errors={errors}
              />
              <Field
                name={`affected.${index}.purl`}
                label={t("advisories.draft.field.purl", { row: index + 1 })}
                hint={t("advisories.draft.hint.purl")}
                value={form[`affected.${index}.purl`]}
                errors={errors}
              />
              <Field
                name={`affected.${index}.ranges`}
                label={t("advisories.draft.field.ranges", { row: index + 1 })}
                hint={t("advisories.draft.hint.ranges")}
                value={form[`affected.${index}.ranges`]}
                errors={errors}
                multiline
                rows={2}
              />
            </div>
          ))}
        </fieldset>
        <Field
          name="references"
          label={t("advisories.draft.field.references")}
          hint={t("advisories.draft.hint.references")}
          value={form.references}
          errors={errors}
          multiline
          rows={4}
        />
        {kase.published ? (
          <Field
            name="changeNote"
            label={t("advisories.draft.field.changeNote")}
            hint={t("advisories.draft.hint.changeNote")}
            value={form.changeNote}
            errors={errors}
          />
        ) : null}
        <SubmitButton>{t("advisories.draft.save")}</SubmitButton>
      </form>

      {kase.differences && !kase.published ? (
        <DraftDifferences page={page} differences={kase.differences} vendors={kase.vendors} />
      ) : null}

      {kase.advisoryStatus === "draft" && !kase.published ? (
        <section aria-labelledby="advisory-approve">
          <h2 id="advisory-approve">{t("advisories.draft.approveHeading")}</h2>
          <p>{t("advisories.draft.approveLead")}</p>
          {kase.secondApprover ? <p>{t("advisories.draft.secondApproverLead")}</p> : null}
          {kase.differences && kase.differences.length > 0 ? (
            <p>
              {t("advisories.draft.approveWithDifferences", { count: kase.differences.length })}
            </p>
          ) : null}
          <form method="post" action={`${base}/advisory/approve`}>
            <CsrfField token={csrfToken} />
            <SubmitButton>{t("advisories.draft.approve")}</SubmitButton>
          </form>
        </section>
      ) : null}

      {!kase.published && !kase.terminated ? (
        <section aria-labelledby="advisory-terminate">
          <h2 id="advisory-terminate">{t("advisories.draft.terminateHeading")}</h2>
          <p>{t("advisories.draft.terminateLead")}</p>
          <form class="stack" method="post" action={`${base}/terminate-embargo`}>
            <CsrfField token={csrfToken} />
            <SelectField
              name="reason"
              label={t("advisories.draft.field.reason")}
              options={TERMINATION_REASONS.map((reason) => ({
                value: reason,
                label: t(`advisories.termination.${reason}` as MessageKey),
              }))}
              value={form.reason}
              errors={errors}
              required
            />
            <Field
              name="note"
              label={t("advisories.draft.field.note")}
              value={form.note}
              errors={errors}
              multiline
              rows={3}
            />
            <SubmitButton variant="danger">{t("advisories.draft.terminate")}</SubmitButton>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
