import type { ApiTokenView, MeView } from "../../../modules/accounts/accounts.schemas.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { CsrfField, DateTime, Field, Notice, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import {
  emptyForm,
  FormErrorSummary,
  type FormState,
  formTitle,
  LanguageSelect,
  PASSWORD_HINT,
} from "./shared.tsx";

/** What the account page confirms after a successful post (?done=…). */
export const ACCOUNT_NOTICES = {
  profile: "accounts.account.notice.profile",
  password: "accounts.account.notice.password",
  verification: "accounts.account.notice.verification",
  tokenRevoked: "accounts.account.notice.tokenRevoked",
} as const satisfies Record<string, MessageKey>;

export type AccountNotice = keyof typeof ACCOUNT_NOTICES;

export interface AccountForms {
  profile: FormState;
  password: FormState;
  token: FormState;
}

export const emptyAccountForms: AccountForms = {
  profile: emptyForm,
  password: emptyForm,
  token: emptyForm,
};

const ROLE_LABELS = {
  admin: "accounts.role.admin",
  member: "accounts.role.member",
  analyst: "accounts.role.analyst",
} as const satisfies Record<string, MessageKey>;

function TokenTable(props: { page: PageContext; tokens: ApiTokenView[] }) {
  const { page, tokens } = props;
  const { t, language } = page;
  if (tokens.length === 0) return <p>{t("accounts.tokens.none")}</p>;
  return (
    <div class="table-wrap">
      <table class="data">
        <caption>{t("accounts.tokens.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accounts.tokens.column.name")}</th>
            <th scope="col">{t("accounts.tokens.column.created")}</th>
            <th scope="col">{t("accounts.tokens.column.lastUsed")}</th>
            <th scope="col">{t("accounts.tokens.column.status")}</th>
            <th scope="col">{t("accounts.tokens.column.action")}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>
                <DateTime value={token.createdAt} language={language} />
              </td>
              <td>
                {token.lastUsedAt ? (
                  <DateTime value={token.lastUsedAt} language={language} />
                ) : (
                  t("accounts.tokens.neverUsed")
                )}
              </td>
              <td>
                {token.revokedAt ? (
                  <>
                    {t("accounts.tokens.revokedAt")}{" "}
                    <DateTime value={token.revokedAt} language={language} />
                  </>
                ) : (
                  t("accounts.tokens.active")
                )}
              </td>
              <td>
                {token.revokedAt ? null : (
                  <form
                    method="post"
                    action={`/account/tokens/${encodeURIComponent(token.id)}/revoke`}
                  >
                    <CsrfField token={page.csrfToken} />
                    <button
                      type="submit"
                      class="button button-danger"
                      aria-label={t("accounts.tokens.revokeNamed", { name: token.name })}
                    >
                      {t("accounts.tokens.revoke")}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The signed-in user's account: profile, password, e-mail, two-factor and API tokens. */
export function AccountPage(props: {
  page: PageContext;
  me: MeView;
  tokens: ApiTokenView[];
  notice: AccountNotice | null;
  forms: AccountForms;
  /** A token just created: its value is shown this once. */
  newToken: { name: string; token: string } | null;
}) {
  const { page, me, tokens, notice, forms, newToken } = props;
  const { t } = page;
  const title = t("accounts.account.title");
  const errors = [...forms.profile.errors, ...forms.password.errors, ...forms.token.errors];
  return (
    <Layout page={page} title={formTitle(page, title, { values: {}, errors })}>
      <h1>{title}</h1>
      {notice ? <Notice kind="success">{t(ACCOUNT_NOTICES[notice])}</Notice> : null}
      <FormErrorSummary page={page} errors={errors} />
      {newToken ? (
        <div class="notice notice-warning" role="status" id="new-token">
          <p>{t("accounts.tokens.created", { name: newToken.name })}</p>
          <p>
            <code class="mono">{newToken.token}</code>
          </p>
          <p>{t("accounts.tokens.copyHint")}</p>
        </div>
      ) : null}

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("accounts.account.profile.heading")}</h2>
        {me.organization ? (
          <p>
            {t("accounts.account.organization", {
              organization: me.organization.name,
              role: me.role ? t(ROLE_LABELS[me.role]) : "",
            })}
          </p>
        ) : (
          <p>{t("accounts.account.finder")}</p>
        )}
        <form class="stack" method="post" action="/account/profile" noValidate>
          <CsrfField token={page.csrfToken} />
          <Field
            name="name"
            label={t("accounts.field.name")}
            value={forms.profile.values.name ?? me.name}
            errors={forms.profile.errors}
            required
            autocomplete="name"
          />
          <LanguageSelect
            page={page}
            value={forms.profile.values.language ?? me.language}
            errors={forms.profile.errors}
            hint={t("accounts.account.languageHint")}
          />
          <SubmitButton>{t("accounts.account.profile.submit")}</SubmitButton>
        </form>
      </section>

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">{t("accounts.account.email.heading")}</h2>
        <p>
          <span class="mono">{me.email}</span>
        </p>
        {me.emailVerified ? (
          <p>{t("accounts.account.email.verified")}</p>
        ) : (
          <>
            <p>{t("accounts.account.email.unverified")}</p>
            <form method="post" action="/account/resend-verification">
              <CsrfField token={page.csrfToken} />
              <SubmitButton variant="secondary">{t("accounts.account.email.resend")}</SubmitButton>
            </form>
          </>
        )}
      </section>

      <section aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">{t("notifications.account.heading")}</h2>
        <p>{t("notifications.account.lead")}</p>
        <p>
          <a href="/account/notifications">{t("notifications.account.link")}</a>
        </p>
      </section>

      <section aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">{t("accounts.account.twoFactor.heading")}</h2>
        {me.twoFactorEnabled ? (
          <p>{t("accounts.account.twoFactor.enabled")}</p>
        ) : (
          <>
            <p>{t("accounts.account.twoFactor.disabled")}</p>
            <p>
              <a href="/account/two-factor">{t("accounts.account.twoFactor.setUp")}</a>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t("accounts.account.password.heading")}</h2>
        <p>{t("accounts.account.password.lead")}</p>
        <form class="stack" method="post" action="/account/password" noValidate>
          <CsrfField token={page.csrfToken} />
          <Field
            name="currentPassword"
            type="password"
            label={t("accounts.field.currentPassword")}
            errors={forms.password.errors}
            required
            autocomplete="current-password"
          />
          <Field
            name="newPassword"
            type="password"
            label={t("accounts.field.newPassword")}
            hint={t(PASSWORD_HINT)}
            errors={forms.password.errors}
            required
            autocomplete="new-password"
          />
          <SubmitButton>{t("accounts.account.password.submit")}</SubmitButton>
        </form>
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t("accounts.tokens.heading")}</h2>
        <p>{t("accounts.tokens.lead")}</p>
        <TokenTable page={page} tokens={tokens} />
        <h3>{t("accounts.tokens.createHeading")}</h3>
        <form class="stack" method="post" action="/account/tokens" noValidate>
          <CsrfField token={page.csrfToken} />
          <Field
            name="tokenName"
            label={t("accounts.tokens.name")}
            hint={t("accounts.tokens.nameHint")}
            value={forms.token.values.tokenName}
            errors={forms.token.errors}
            required
            autocomplete="off"
          />
          <SubmitButton>{t("accounts.tokens.create")}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}
