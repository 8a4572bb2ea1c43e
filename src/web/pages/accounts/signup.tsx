import { Field, SubmitButton } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import {
  AccountFormPage,
  EmailField,
  type FormState,
  LanguageSelect,
  PASSWORD_HINT,
  SignInNextPage,
} from "./shared.tsx";

/** Registration as a finder: name, e-mail address, password and language. */
export function SignUpPage(props: { page: PageContext; form: FormState }) {
  const { page, form } = props;
  const { t } = page;
  return (
    <AccountFormPage
      page={page}
      title={t("accounts.signup.title")}
      form={form}
      action="/signup"
      lead={<p class="lead">{t("accounts.signup.lead")}</p>}
      after={
        <p>
          {t("accounts.signup.haveAccount")} <a href="/signin">{t("accounts.signin.link")}</a>
        </p>
      }
    >
      <Field
        name="name"
        label={t("accounts.field.name")}
        hint={t("accounts.signup.nameHint")}
        value={form.values.name}
        errors={form.errors}
        required
        autocomplete="name"
      />
      <EmailField
        page={page}
        form={form}
        autocomplete="email"
        hint={t("accounts.signup.emailHint")}
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
    </AccountFormPage>
  );
}

/** After registration: the confirmation link is on its way. */
export function SignUpSentPage(props: { page: PageContext; email: string }) {
  const { page, email } = props;
  const { t } = page;
  return (
    <SignInNextPage
      page={page}
      title={t("accounts.signupSent.title")}
      status="success"
      paragraphs={[t("accounts.signupSent.body", { email }), t("accounts.signupSent.notReceived")]}
    />
  );
}
