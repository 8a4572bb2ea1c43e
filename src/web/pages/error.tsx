import type { FastifyReply, FastifyRequest } from "fastify";
import { isSignedIn, type UserActor } from "../../modules/access/actor.ts";
import { landingPath } from "../../modules/access/landing.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import { CsrfField } from "../components.tsx";
import { Layout, type PageContext } from "../layout.tsx";
import { pageContext, sendPage } from "../render.ts";
import { localPath } from "../web.routes.tsx";

/** Why a signed-in user was refused, where the code says more than "not for this account". */
const DENIAL_REASONS: Partial<Record<string, MessageKey>> = {
  email_not_verified: "error.forbidden.emailNotVerified",
  assignment_required: "error.forbidden.assignmentRequired",
};

function signInHref(returnTo: string | null): string {
  return returnTo ? `/signin?next=${encodeURIComponent(returnTo)}` : "/signin";
}

/**
 * A refusal (403) for a signed-in user: the page is not available to this account, who that
 * account is, and the ways on: their own start page, or signing in as someone else.
 */
function DenialPage(props: {
  page: PageContext;
  actor: UserActor;
  code: string;
  returnTo: string | null;
}) {
  const { page, actor, code, returnTo } = props;
  const { t } = page;
  const title = t("error.forbidden.title");
  const reason = DENIAL_REASONS[code];
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <div class="notice notice-warning">
        <p>{t("error.forbidden.body")}</p>
        {reason ? <p>{t(reason)}</p> : null}
        <p>{t("error.forbidden.signedInAs", { name: actor.name, email: actor.email })}</p>
      </div>
      <ul class="link-list">
        <li>
          <a href={landingPath(actor)}>{t("error.forbidden.landing")}</a>
        </li>
        {code === "email_not_verified" ? (
          <li>
            <a href="/account">{t("error.forbidden.account")}</a>
          </li>
        ) : null}
      </ul>
      <form method="post" action="/signout" class="stack">
        <CsrfField token={page.csrfToken} />
        {returnTo ? <input type="hidden" name="next" value={returnTo} /> : null}
        <button type="submit" class="button button-secondary">
          {t("error.forbidden.otherAccount")}
        </button>
      </form>
    </Layout>
  );
}

/** A page that needs a signed-in user, reached by a visitor (a form sent after the session ended). */
function SignInNeededPage(props: { page: PageContext; returnTo: string | null }) {
  const { page, returnTo } = props;
  const { t } = page;
  const title = t("error.unauthenticated.title");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>{t("error.unauthenticated.body")}</p>
      <p>
        <a href={signInHref(returnTo)}>{t("error.unauthenticated.signIn")}</a>
      </p>
    </Layout>
  );
}

export function ErrorPage(props: {
  page: PageContext;
  status: number;
  code: string;
  returnTo?: string | null;
}) {
  const { page, status, code } = props;
  const { t, actor } = page;
  const returnTo = props.returnTo ?? null;
  if (status === 403 && code !== "csrf_invalid") {
    if (isSignedIn(actor))
      return <DenialPage page={page} actor={actor} code={code} returnTo={returnTo} />;
    return <SignInNeededPage page={page} returnTo={returnTo} />;
  }
  if (status === 401) return <SignInNeededPage page={page} returnTo={returnTo} />;
  const title = status === 404 ? t("error.notFound.title") : t("error.generic.title");
  const body =
    status === 404
      ? t("error.notFound.body")
      : code === "csrf_invalid"
        ? t("error.csrf.body")
        : t("error.generic.body");
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/">{t("error.backHome")}</a>
      </p>
    </Layout>
  );
}

/**
 * The page to come back to after signing in: the page asked for, or for a form that was sent,
 * the page it was sent from (the Referer, on this site only).
 */
function returnPathOf(request: FastifyRequest): string | null {
  if (request.method === "GET" || request.method === "HEAD") return localPath(request.url);
  const referer = request.headers.referer;
  if (!referer) return null;
  try {
    const from = new URL(referer);
    if (from.host !== request.headers.host) return null;
    return localPath(`${from.pathname}${from.search}`);
  } catch {
    return null;
  }
}

/** Answers an error for a browser: a readable page in the visitor's language. */
export function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
): FastifyReply {
  const page = pageContext(request, reply);
  return sendPage(
    reply,
    page,
    <ErrorPage page={page} status={status} code={code} returnTo={returnPathOf(request)} />,
    status,
  );
}
