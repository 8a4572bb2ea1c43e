import { CsrfField, Field, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import {
  FormErrorSummary,
  type FormState,
  formTitle,
  MessagePage,
  PASSWORD_HINT,
} from "./shared.tsx";

export function PasswordResetRequestPage(props: { page: PageContext; form: FormState }) {
  const { page, form } = props;
  const { t } = page;
  const title = t("accounts.passwordReset.title");
  return (
    <Layout page={page} title={formTitle(page, title, form)}>
      <h1>{title}</h1>
      <p>{t("accounts.passwordReset.lead")}</p>
      <FormErrorSummary page={page} errors={form.errors} />
      <form class="stack" method="post" action="/password-reset" noValidate>
        <CsrfField token={page.csrfToken} />
        <Field
          name="email"
          type="email"
          label={t("accounts.field.email")}
          value={form.values.email}
          errors={form.errors}
          required
          autocomplete="email"
          inputMode="email"
        />
        <SubmitButton>{t("accounts.passwordReset.submit")}</SubmitButton>
      </form>
    </Layout>
  );
}

/** The same answer whether or not the address has an account. */
export function PasswordResetSentPage(props: { page: PageContext }) {
  const { page } = props;
  const { t } = page;
  return (
    <MessagePage
      page={page}
      title={t("accounts.passwordResetSent.title")}
      paragraphs={[t("accounts.passwordResetSent.body")]}
      links={[{ href: "/signin", label: t("accounts.signin.link") }]}
    />
  );
}

/**
 * A new password with a mailed token: the reset link and the invitation link share the form.
 */
export function SetPasswordPage(props: {
  page: PageContext;
  form: FormState;
  token: string;
  action: "/password-reset/complete" | "/invitation";
  title: string;
  lead: string;
  submit: string;
}) {
  const { page, form, token, action, title } = props;
  const { t } = page;
  return (
    <Layout page={page} title={formTitle(page, title, form)}>
      <h1>{title}</h1>
      <p>{props.lead}</p>
      <FormErrorSummary page={page} errors={form.errors} />
      <form class="stack" method="post" action={action} noValidate>
        <CsrfField token={page.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <Field
          name="password"
          type="password"
          label={t("accounts.field.newPassword")}
          hint={t(PASSWORD_HINT)}
          errors={form.errors}
          required
          autocomplete="new-password"
        />
        <SubmitButton>{props.submit}</SubmitButton>
      </form>
    </Layout>
  );
}

export function PasswordResetDonePage(props: { page: PageContext }) {
  const { page } = props;
  const { t } = page;
  return (
    <MessagePage
      page={page}
      title={t("accounts.passwordResetDone.title")}
      status="success"
      paragraphs={[t("accounts.passwordResetDone.body")]}
      links={[{ href: "/signin", label: t("accounts.signin.link") }]}
    />
  );
}
