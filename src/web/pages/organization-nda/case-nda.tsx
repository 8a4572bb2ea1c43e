import type { NdaOnFile } from "../../../modules/organizations/nda.service.ts";

export type { CaseNdaStatus } from "../../../modules/organizations/nda.service.ts";

import { formatDate, formatInstant } from "../../../platform/i18n/i18n.ts";
import {
  CsrfField,
  ErrorSummary,
  Field,
  type FieldError,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;
export const recordNdaPath = (caseBase: string, orgId: string) =>
  `${caseBase}/vendors/${encodeURIComponent(orgId)}/nda`;
export const requestNdaPath = (caseBase: string, orgId: string) =>
  `${caseBase}/vendors/${encodeURIComponent(orgId)}/nda-request`;

/** "Version 2027 (accepted in the application, 1 March 2027 …)". */
export function ndaOnFileText(page: PageContext, nda: NdaOnFile): string {
  const { t, language } = page;
  return t("nda.case.onFile", {
    version: nda.version,
    method: t(`nda.method.${nda.method}`),
    // A paper NDA is signed on a day; an acceptance in the application at an instant.
    date:
      nda.method === "paper"
        ? formatDate(new Date(nda.signedAt), language)
        : formatInstant(new Date(nda.signedAt), language),
  });
}

/**
 * The vendor row's NDA cell for the coordinator while no NDA is on file: it says so and offers
 * both ways out, recording a signed paper NDA right here or asking the vendor to accept the
 * NDA in the application.
 */
export function MissingNdaActions(props: {
  page: PageContext;
  caseBase: string;
  orgId: string;
  name: string;
  textPublished: boolean;
}) {
  const { page, caseBase, orgId, name } = props;
  const { t } = page;
  const id = (field: string) => `nda-${field}-${orgId}`;
  return (
    <div class="nda-missing">
      <p>
        <strong class="nda-missing-label">{t("nda.case.missing")}</strong>{" "}
        {t("nda.case.missingLead")}
      </p>
      {props.textPublished ? (
        <form method="post" action={requestNdaPath(caseBase, orgId)} class="stack">
          <CsrfField token={page.csrfToken} />
          <button
            type="submit"
            class="button button-secondary"
            aria-describedby={id("request-hint")}
          >
            {t("nda.case.request.submit", { name })}
          </button>
          <p class="hint" id={id("request-hint")}>
            {t("nda.case.request.hint")}
          </p>
        </form>
      ) : (
        <p class="hint">
          {t("nda.case.request.noText")} <a href="/nda-texts">{t("nda.texts.link")}</a>
        </p>
      )}
      <details class="nda-record">
        <summary>{t("nda.case.record.summary")}</summary>
        <form method="post" action={recordNdaPath(caseBase, orgId)} class="stack" noValidate>
          <CsrfField token={page.csrfToken} />
          <div class="field">
            <label for={id("signedAt")}>
              {t("nda.case.record.signedAt")}
              <span class="required">*</span>
            </label>
            <p class="hint" id={`${id("signedAt")}-hint`}>
              {t("nda.case.record.signedAtHint")}
            </p>
            <input
              type="date"
              id={id("signedAt")}
              name="signedAt"
              required
              aria-describedby={`${id("signedAt")}-hint`}
            />
          </div>
          <div class="field">
            <label for={id("version")}>
              {t("nda.case.record.version")}
              <span class="required">*</span>
            </label>
            <input type="text" id={id("version")} name="version" required />
          </div>
          <SubmitButton variant="secondary">{t("nda.case.record.submit")}</SubmitButton>
        </form>
      </details>
    </div>
  );
}

/** The notify button, shown disabled with the reason while the vendor has no NDA on file. */
export function NotifyUnavailable(props: { page: PageContext; orgId: string; name: string }) {
  const { t } = props.page;
  const reason = `notify-reason-${props.orgId}`;
  return (
    <div class="stack">
      <button type="button" class="button button-primary" disabled aria-describedby={reason}>
        {t("nda.case.notifyDisabled", { name: props.name })}
      </button>
      <p class="hint" id={reason}>
        {t("nda.case.notifyDisabledReason")}
      </p>
    </div>
  );
}

/** The record form as a page of its own: shown again with its errors, or without script. */
export function RecordNdaPage(props: {
  page: PageContext;
  caseId: string;
  orgId: string;
  name: string;
  values: { signedAt: string; version: string };
  errors: FieldError[];
}) {
  const { page, values, errors, name } = props;
  const { t } = page;
  const title = t("nda.record.title", { name });
  return (
    <Layout page={page} title={errors.length > 0 ? t("nda.record.errorTitle", { title }) : title}>
      <p>
        <a href={casePath(props.caseId)}>{t("nda.record.backToCase")}</a>
      </p>
      <h1>{t("nda.record.heading", { name })}</h1>
      <ErrorSummary title={t("nda.record.error.summary")} errors={errors} />
      <form
        method="post"
        action={recordNdaPath(casePath(props.caseId), props.orgId)}
        class="stack"
        noValidate
      >
        <CsrfField token={page.csrfToken} />
        <Field
          name="signedAt"
          type="date"
          label={t("nda.case.record.signedAt")}
          hint={t("nda.case.record.signedAtHint")}
          required
          value={values.signedAt}
          errors={errors}
        />
        <Field
          name="version"
          label={t("nda.case.record.version")}
          required
          value={values.version}
          errors={errors}
        />
        <SubmitButton>{t("nda.case.record.submit")}</SubmitButton>
      </form>
    </Layout>
  );
}

/** After the coordinator asked a vendor to accept the NDA: to whom it went, what comes next. */
export function NdaRequestedPage(props: {
  page: PageContext;
  caseId: string;
  name: string;
  recipients: number;
}) {
  const { page, name } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t("nda.request.title")}>
      <h1>{t("nda.request.heading", { name })}</h1>
      <p role="status">
        {props.recipients > 0
          ? t("nda.request.sent", { count: props.recipients, name })
          : t("nda.request.noContacts", { name })}
      </p>
      <p>
        <a href={casePath(props.caseId)}>{t("nda.record.backToCase")}</a>
      </p>
    </Layout>
  );
}
