import { Field, SubmitButton } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { AccountFormPage, EmailField, type FormState } from "./shared.tsx";

export function SignInPage(props: { page: PageContext; form: FormState; next: string | null }) {
  const { page, form, next } = props;
  const { t } = page;
  return (
    <AccountFormPage
      page={page}
      title={t("accounts.signin.title")}
      form={form}
      action="/signin"
      next={next}
      after={
        <ul>
          <li>
            <a href="/password-reset">{t("accounts.signin.forgotPassword")}</a>
          </li>
          <li>
            <a href="/signup">{t("accounts.signin.noAccount")}</a>
          </li>
        </ul>
      }
    >
      <EmailField page={page} form={form} autocomplete="username" />
      <Field
        name="password"
        type="password"
        label={t("accounts.field.password")}
        errors={form.errors}
        required
        autocomplete="current-password"
      />
      <SubmitButton>{t("accounts.signin.submit")}</SubmitButton>
    </AccountFormPage>
  );
}

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function SecondFactorPage(props: {
  page: PageContext;
  form: FormState;
  next: string | null;
}) {
  const { page, form, next } = props;
  const { t } = page;
  return (
    <AccountFormPage
      page={page}
      title={t("accounts.secondFactor.title")}
      form={form}
      action="/signin/second-factor"
      next={next}
      lead={<p>{t("accounts.secondFactor.lead")}</p>}
    >
      <Field
        name="code"
        label={t("accounts.secondFactor.code")}
        hint={t("accounts.secondFactor.codeHint")}
        errors={form.errors}
        required
        autocomplete="one-time-code"
      />
      <SubmitButton>{t("accounts.secondFactor.submit")}</SubmitButton>
    </AccountFormPage>
  );
}
