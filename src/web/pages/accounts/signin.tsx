import { CsrfField, Field, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { FormErrorSummary, type FormState, formTitle, NextField } from "./shared.tsx";

export function SignInPage(props: { page: PageContext; form: FormState; next: string | null }) {
  const { page, form, next } = props;
  const { t } = page;
  const title = t("accounts.signin.title");
  return (
    <Layout page={page} title={formTitle(page, title, form)}>
      <h1>{title}</h1>
      <FormErrorSummary page={page} errors={form.errors} />
      <form class="stack" method="post" action="/signin" noValidate>
        <CsrfField token={page.csrfToken} />
        <NextField next={next} />
        <Field
          name="email"
          type="email"
          label={t("accounts.field.email")}
          value={form.values.email}
          errors={form.errors}
          required
          autocomplete="username"
          inputMode="email"
        />
        <Field
          name="password"
          type="password"
          label={t("accounts.field.password")}
          errors={form.errors}
          required
          autocomplete="current-password"
        />
        <SubmitButton>{t("accounts.signin.submit")}</SubmitButton>
      </form>
      <ul>
        <li>
          <a href="/password-reset">{t("accounts.signin.forgotPassword")}</a>
        </li>
        <li>
          <a href="/signup">{t("accounts.signin.noAccount")}</a>
        </li>
      </ul>
    </Layout>
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
  const title = t("accounts.secondFactor.title");
  return (
    <Layout page={page} title={formTitle(page, title, form)}>
      <h1>{title}</h1>
      <p>{t("accounts.secondFactor.lead")}</p>
      <FormErrorSummary page={page} errors={form.errors} />
      <form class="stack" method="post" action="/signin/second-factor" noValidate>
        <CsrfField token={page.csrfToken} />
        <NextField next={next} />
        <Field
          name="code"
          label={t("accounts.secondFactor.code")}
          hint={t("accounts.secondFactor.codeHint")}
          errors={form.errors}
          required
          autocomplete="one-time-code"
        />
        <SubmitButton>{t("accounts.secondFactor.submit")}</SubmitButton>
      </form>
    </Layout>
  );
}
