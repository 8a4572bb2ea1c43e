import { Field, SubmitButton } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import {
  AccountFormPage,
  EmailField,
  type FormState,
  PASSWORD_HINT,
  SignInNextPage,
} from "./shared.tsx";

export function PasswordResetRequestPage(props: { page: PageContext; form: FormState }) {
  const { page, form } = props;
  const { t } = page;
  return (
    <AccountFormPage
      page={page}
      title={t("accounts.passwordReset.title")}
      form={form}
      action="/password-reset"
      lead={<p>{t("accounts.passwordReset.lead")}</p>}
    >
      <EmailField page={page} form={form} autocomplete="email" />
      <SubmitButton>{t("accounts.passwordReset.submit")}</SubmitButton>
    </AccountFormPage>
  );
}

/** The same answer whether or not the address has an account. */
export function PasswordResetSentPage(props: { page: PageContext }) {
  const { t } = props.page;
  return (
    <SignInNextPage
      page={props.page}
      title={t("accounts.passwordResetSent.title")}
      paragraphs={[t("accounts.passwordResetSent.body")]}
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
  const { page, form, token } = props;
  const { t } = page;
  return (
    <AccountFormPage
      page={page}
      title={props.title}
      form={form}
      action={props.action}
      lead={<p>{props.lead}</p>}
    >
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
    </AccountFormPage>
  );
}

export function PasswordResetDonePage(props: { page: PageContext }) {
  const { t } = props.page;
  return (
    <SignInNextPage
      page={props.page}
      title={t("accounts.passwordResetDone.title")}
      status="success"
      paragraphs={[t("accounts.passwordResetDone.body")]}
    />
  );
}
