import { CsrfField, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { MessagePage } from "./shared.tsx";

/**
 * The page a confirmation link opens. It does not confirm by itself: mail scanners follow
 * links, so the token is spent only by the button's POST.
 */
export function VerifyEmailPage(props: { page: PageContext; token: string }) {
  const { page, token } = props;
  const { t } = page;
  const title = t("accounts.verifyEmail.title");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>{t("accounts.verifyEmail.body")}</p>
      <form class="stack" method="post" action="/verify-email">
        <CsrfField token={page.csrfToken} />
        <input type="hidden" name="token" value={token} />
        <SubmitButton>{t("accounts.verifyEmail.submit")}</SubmitButton>
      </form>
    </Layout>
  );
}

/** `onward` is the signed-in user's landing page; visitors are offered the sign-in page. */
export function VerifyEmailDonePage(props: { page: PageContext; onward: string | null }) {
  const { page, onward } = props;
  const { t } = page;
  return (
    <MessagePage
      page={page}
      title={t("accounts.verifyEmailDone.title")}
      status="success"
      paragraphs={[t("accounts.verifyEmailDone.body")]}
      links={
        onward
          ? [{ href: onward, label: t("accounts.link.continue") }]
          : [{ href: "/signin", label: t("accounts.signin.link") }]
      }
    />
  );
}

/** A link that is unknown, used or expired (for any of the mailed links). */
export function InvalidLinkPage(props: {
  page: PageContext;
  again: { href: string; label: string };
}) {
  const { page, again } = props;
  const { t } = page;
  return (
    <MessagePage
      page={page}
      title={t("accounts.invalidLink.title")}
      status="warning"
      paragraphs={[t("accounts.invalidLink.body")]}
      links={[again]}
    />
  );
}
