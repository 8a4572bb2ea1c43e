import { CsrfField, Field, Notice, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { FormErrorSummary, type FormState, formTitle, MessagePage, NextField } from "./shared.tsx";

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * TOTP enrolment: the QR code (an SVG image as a data: URL, which the CSP allows), the secret
 * for manual entry, and the first code to confirm.
 */
export function TwoFactorEnrolPage(props: {
  page: PageContext;
  form: FormState;
  next: string | null;
  secret: string;
  /** The QR code of the otpauth URI, as an SVG document. */
  qrSvg: string;
  /** The organization asks for it: the account cannot be used before it is set up. */
  mandatory: boolean;
}) {
  const { page, form, next, secret, qrSvg, mandatory } = props;
  const { t } = page;
  const title = t("accounts.twoFactor.title");
  return (
    <Layout page={page} title={formTitle(page, title, form)}>
      <h1>{title}</h1>
      {mandatory ? <Notice kind="info">{t("accounts.twoFactor.mandatory")}</Notice> : null}
      <FormErrorSummary page={page} errors={form.errors} />
      <ol class="steps">
        <li>{t("accounts.twoFactor.step.app")}</li>
        <li>
          <p>{t("accounts.twoFactor.step.scan")}</p>
          <img
            class="qr-code"
            src={`data:image/svg+xml;base64,${Buffer.from(qrSvg).toString("base64")}`}
            alt={t("accounts.twoFactor.qrAlt")}
            width={200}
            height={200}
          />
          <p>{t("accounts.twoFactor.manual")}</p>
          <p>
            <code id="totp-secret" class="mono">
              {groupedSecret(secret)}
            </code>
          </p>
        </li>
        <li>{t("accounts.twoFactor.step.code")}</li>
      </ol>
      <form class="stack" method="post" action="/account/two-factor" noValidate>
        <CsrfField token={page.csrfToken} />
        <NextField next={next} />
        <input type="hidden" name="secret" value={secret} />
        <Field
          name="code"
          label={t("accounts.twoFactor.code")}
          hint={t("accounts.twoFactor.codeHint")}
          errors={form.errors}
          required
          autocomplete="one-time-code"
          inputMode="numeric"
        />
        <SubmitButton>{t("accounts.twoFactor.submit")}</SubmitButton>
      </form>
    </Layout>
  );
}

/** Shown once, right after enrolment: the ten recovery codes. */
export function RecoveryCodesPage(props: {
  page: PageContext;
  recoveryCodes: string[];
  next: string;
}) {
  const { page, recoveryCodes, next } = props;
  const { t } = page;
  const title = t("accounts.recoveryCodes.title");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <Notice kind="success">{t("accounts.recoveryCodes.enabled")}</Notice>
      <h2 id="recovery-codes-heading">{t("accounts.recoveryCodes.heading")}</h2>
      <Notice kind="warning">{t("accounts.recoveryCodes.warning")}</Notice>
      <ol class="recovery-codes" aria-labelledby="recovery-codes-heading">
        {recoveryCodes.map((code) => (
          <li key={code}>
            <code class="mono">{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a href={next}>{t("accounts.recoveryCodes.continue")}</a>
      </p>
    </Layout>
  );
}

export function TwoFactorAlreadyPage(props: { page: PageContext; next: string }) {
  const { page, next } = props;
  const { t } = page;
  return (
    <MessagePage
      page={page}
      title={t("accounts.twoFactorAlready.title")}
      paragraphs={[t("accounts.twoFactorAlready.body")]}
      links={[{ href: next, label: t("accounts.link.continue") }]}
    />
  );
}
