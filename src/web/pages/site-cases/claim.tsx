import { CsrfField, ErrorSummary, Field, Notice, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { type FormState, LanguageSelect, MessagePage } from "../accounts/shared.tsx";

/**
 * The page of a mailed claim link (R-WEB-1). Signed out: a new account (the address the link
 * went to) and a new site operator organization. Signed in as a site operator's admin: claim it
 * for that organization. Signed in otherwise: what to do instead.
 */
export function ClaimPage(props: {
  page: PageContext;
  token: string;
  preview: { operatorName: string | null; email: string };
  /** The signed-in operator admin's organization, or "other" for any other signed-in user. */
  signedIn: { organization: string } | "other" | null;
  form: FormState;
}) {
  const { page, token, preview, signedIn, form } = props;
  const { t } = page;
  const title = t("siteCases.claim.title");
  const value = (field: string, fallback = "") => form.values[field] ?? fallback;
  const signInHref = `/signin?next=${encodeURIComponent(`/site-cases/claim?token=${token}`)}`;
  return (
    <Layout
      page={page}
      title={form.errors.length > 0 ? t("siteCases.errorTitle", { title }) : title}
    >
      <h1>{title}</h1>
      <p class="lead">{t("siteCases.claim.lead")}</p>
      <p>{t("siteCases.claim.responsible")}</p>
      <ErrorSummary title={t("siteCases.error.summary")} errors={form.errors} />
      {signedIn === "other" ? (
        <Notice kind="warning">
          <p>{t("siteCases.claim.notAdmin")}</p>
        </Notice>
      ) : signedIn ? (
        <section aria-labelledby="claim-admin-heading">
          <h2 id="claim-admin-heading">{t("siteCases.claim.asAdminHeading")}</h2>
          <p>{t("siteCases.claim.asAdminLead", { organization: signedIn.organization })}</p>
          <form method="post" action="/site-cases/claim" class="stack">
            <CsrfField token={page.csrfToken} />
            <input type="hidden" name="token" value={token} />
            <SubmitButton>
              {t("siteCases.claim.asAdminSubmit", { organization: signedIn.organization })}
            </SubmitButton>
          </form>
        </section>
      ) : (
        <section aria-labelledby="claim-account-heading">
          <h2 id="claim-account-heading">{t("siteCases.claim.accountHeading")}</h2>
          <form method="post" action="/site-cases/claim" class="stack" noValidate>
            <CsrfField token={page.csrfToken} />
            <input type="hidden" name="token" value={token} />
            <Field
              name="organizationName"
              label={t("siteCases.claim.organizationName")}
              hint={t("siteCases.claim.organizationNameHint")}
              required
              autocomplete="organization"
              value={value("organizationName", preview.operatorName ?? "")}
              errors={form.errors}
            />
            <Field
              name="name"
              label={t("siteCases.claim.name")}
              required
              autocomplete="name"
              value={value("name")}
              errors={form.errors}
            />
            <p id="claim-email">{t("siteCases.claim.emailNote", { email: preview.email })}</p>
            <Field
              name="password"
              label={t("siteCases.claim.password")}
              hint={t("siteCases.claim.passwordHint")}
              type="password"
              required
              autocomplete="new-password"
              errors={form.errors}
            />
            <LanguageSelect
              page={page}
              value={value("language", page.language)}
              errors={form.errors}
            />
            <p>{t("siteCases.claim.next")}</p>
            <SubmitButton>{t("siteCases.claim.submit")}</SubmitButton>
          </form>
          <p>
            {t("siteCases.claim.haveAccount")}{" "}
            <a href={signInHref}>{t("siteCases.claim.signInLink")}</a>
          </p>
        </section>
      )}
    </Layout>
  );
}

/** A claim link that is unknown, spent or expired. */
export function ClaimInvalidPage(props: { page: PageContext }) {
  const { t } = props.page;
  return (
    <MessagePage
      page={props.page}
      title={t("siteCases.claim.invalidTitle")}
      status="warning"
      paragraphs={[t("siteCases.claim.invalidBody")]}
      links={[{ href: "/", label: t("error.backHome") }]}
    />
  );
}
