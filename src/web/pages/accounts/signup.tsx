import { CsrfField, Field, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import {
  FormErrorSummary,
  type FormState,
  formTitle,
  LanguageSelect,
  MessagePage,
  PASSWORD_HINT,
} from "./shared.tsx";

/** Registration as a finder: name, e-mail address, password and language. */
export function SignUpPage(props: { page: PageContext; form: FormState }) {
  const { page, form } = props;
  const { t } = page;
  const title = t("accounts.signup.title");
  return (
    <Layout page={page} title={formTitle(page, title, form)}>
      <h1>{title}</h1>
      <p class="lead">{t("accounts.signup.lead")}</p>
      <FormErrorSummary page={page} errors={form.errors} />
      <form class="stack" method="post" action="/signup" noValidate>
        <CsrfField token={page.csrfToken} />
        <Field
          name="name"
          label={t("accounts.field.name")}
          hint={t("accounts.signup.nameHint")}
          value={form.values.name}
          errors={form.errors}
          required
          autocomplete="name"
        />
        <Field
          name="email"
          type="email"
          label={t("accounts.field.email")}
          hint={t("accounts.signup.emailHint")}
          value={form.values.email}
          errors={form.errors}
          required
          autocomplete="email"
          inputMode="email"
        />
        <Field
          name="password"
          type="password"
          label={t("accounts.field.password")}
          hint={t(PASSWORD_HINT)}
          errors={form.errors}
          required
          autocomplete="new-password"
        />
        <LanguageSelect
          page={page}
          value={form.values.language ?? page.language}
          errors={form.errors}
          hint={t("accounts.signup.languageHint")}
        />
        <SubmitButton>{t("accounts.signup.submit")}</SubmitButton>
      </form>
      <p>
        {t("accounts.signup.haveAccount")} <a href="/signin">{t("accounts.signin.link")}</a>
      </p>
    </Layout>
  );
}

/** After registration: the confirmation link is on its way. */
export function SignUpSentPage(props: { page: PageContext; email: string }) {
  const { page, email } = props;
  const { t } = page;
  return (
    <MessagePage
      page={page}
      title={t("accounts.signupSent.title")}
      status="success"
      paragraphs={[t("accounts.signupSent.body", { email }), t("accounts.signupSent.notReceived")]}
      links={[{ href: "/signin", label: t("accounts.signin.link") }]}
    />
  );
}
