import type { PageContext } from "../../layout.tsx";
import { SetPasswordPage } from "./password-reset.tsx";
import { type FormState, SignInNextPage } from "./shared.tsx";

/** Accepting an invitation to an organization: the invitee chooses a password. */
export function InvitationPage(props: { page: PageContext; form: FormState; token: string }) {
  const { page, form, token } = props;
  const { t } = page;
  return (
    <SetPasswordPage
      page={page}
      form={form}
      token={token}
      action="/invitation"
      title={t("accounts.invitation.title")}
      lead={t("accounts.invitation.lead")}
      submit={t("accounts.invitation.submit")}
    />
  );
}

export function InvitationDonePage(props: { page: PageContext }) {
  const { t } = props.page;
  return (
    <SignInNextPage
      page={props.page}
      title={t("accounts.invitationDone.title")}
      status="success"
      paragraphs={[t("accounts.invitationDone.body"), t("accounts.invitationDone.twoFactor")]}
    />
  );
}
