import type { ComponentChildren } from "preact";
import { type Actor, isSignedIn } from "../modules/access/actor.ts";
import { can } from "../modules/access/capabilities.ts";
import { CSRF_FIELD } from "../platform/http/security.ts";
import { type Language, otherLanguage, type Translate } from "../platform/i18n/i18n.ts";

export interface PageContext {
  language: Language;
  t: Translate;
  /**
   * The path of the page being shown, for the navigation and the language switch (a page may
   * give it the query it needs again, such as a mailed token).
   */
  path: string;
  /** The address asked for, with its query: the language switch comes back to it. */
  requestUrl?: string;
  /**
   * Set when the page answers a POST, whose address a browser cannot open again with GET: the
   * page the language switch returns to instead (see getPageAfterPost). A page may name a better
   * one, such as the report form of the kind being filed.
   */
  returnAfterPost?: string;
  csrfToken: string;
  /** Who is looking: decides the navigation. */
  actor: Actor;
}

/**
 * The site icon, inline so browsers do not ask for /favicon.ico (a 404 on every first visit).
 * A bridge arch on the primary blue; the CSP allows data: images.
 */
const ICON_HREF = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    '<rect width="32" height="32" rx="6" fill="#0017c1"/>' +
    '<path d="M4 22h24M7 22c2-8 16-8 18 0M10 22v-4M16 22v-6M22 22v-4" ' +
    'fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>',
)}`;

interface NavigationItem {
  href: string;
  label: string;
}

/** Only pages that exist, and that this visitor may open, are listed here. */
function navigation(page: PageContext): NavigationItem[] {
  const { t, actor } = page;
  const items: NavigationItem[] = [
    { href: "/", label: t("nav.home") },
    { href: "/advisories", label: t("advisories.nav") },
  ];
  if (!isSignedIn(actor)) return items;
  // "My reports" is the finder's own list; staff of an organization see theirs as the reports
  // they filed, never mistaken for reports about their organization's products.
  items.push(
    actor.organization?.type === "intake"
      ? { href: "/reports", label: t("reports.nav.queue") }
      : actor.organization
        ? { href: "/reports", label: t("casePages.nav.reportsFiled") }
        : { href: "/reports", label: t("reports.nav.mine") },
  );
  if (actor.organization?.type === "intake")
    items.push({ href: "/site-cases", label: t("siteCases.nav.desk") });
  if (actor.organization?.type === "site_operator")
    items.push({ href: "/site-cases", label: t("siteCases.nav.mine") });
  // Product cases: the coordinator's desk, a vendor's or CSIRT's own cases, the desk's view.
  const type = actor.organization?.type;
  if (type === "coordinator" || type === "vendor" || type === "csirt" || type === "intake")
    items.push({ href: "/cases", label: t("casePages.nav") });
  if (type === "analysis_org")
    items.push({ href: "/analysis-shares", label: t("analysisShares.mine.heading") });
  if (type === "priority_recipient")
    items.push({ href: "/priority-packages", label: t("priority.nav") });
  if (actor.organization?.type === "intake" && actor.role === "analyst")
    items.push({ href: "/analysis-tasks", label: t("analysisTasks.queue.title") });
  if (can(actor, "directory.read")) items.push({ href: "/directory", label: t("nav.directory") });
  if (actor.organization) items.push({ href: "/organization", label: t("nav.organization") });
  if (can(actor, "audit.read")) items.push({ href: "/admin/audit", label: t("nav.audit") });
  items.push({ href: "/account", label: t("nav.account") });
  return items;
}

/**
 * Where the language switch returns: the page with its query. A page that put a query in its
 * path (a form shown again after a POST, which needs its token or `next`) knows best; a page
 * answering a POST returns to a GET page, never to its own POST-only address.
 */
export function switchReturnTo(page: PageContext): string {
  if (page.path.includes("?")) return page.path;
  if (page.returnAfterPost !== undefined) return page.returnAfterPost;
  return page.requestUrl ?? page.path;
}

/**
 * The navigation item of the page being shown is the current page; the item of the list a record
 * belongs to (a report below "My reports") is the current section.
 */
function currentness(href: string, path: string): "page" | "true" | undefined {
  if (href === path) return "page";
  if (href !== "/" && path.startsWith(`${href}/`)) return "true";
  return undefined;
}

/** Sign in and register for visitors; who is signed in and sign out for users. */
function AccountLinks(props: { page: PageContext }) {
  const { t, actor, csrfToken } = props.page;
  if (actor.kind !== "user") {
    return (
      <ul class="account-links">
        <li>
          <a href="/signin">{t("nav.signIn")}</a>
        </li>
        <li>
          <a href="/signup">{t("nav.signUp")}</a>
        </li>
      </ul>
    );
  }
  return (
    <div class="account-links">
      <span class="signed-in-as">{t("nav.signedInAs", { name: actor.name })}</span>
      <form method="post" action="/signout">
        <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
        <button type="submit" class="link-button">
          {t("nav.signOut")}
        </button>
      </form>
    </div>
  );
}

export function Layout(props: { page: PageContext; title: string; children: ComponentChildren }) {
  const { page, title, children } = props;
  const { t, language } = page;
  const other = otherLanguage(language);
  return (
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" type="image/svg+xml" href={ICON_HREF} />
        {/* Feed autodiscovery: the advisories' feeds in the page's language. */}
        <link
          rel="alternate"
          type="application/atom+xml"
          hreflang={language}
          title={`${t("advisories.feed.title")} (Atom)`}
          href={`/feeds/advisories.atom?lang=${language}`}
        />
        <link
          rel="alternate"
          type="application/rss+xml"
          hreflang={language}
          title={`${t("advisories.feed.title")} (RSS 1.0)`}
          href={`/feeds/advisories.rdf?lang=${language}`}
        />
        <link rel="stylesheet" href="/static/vendor/design-tokens/tokens.css" />
        <link rel="stylesheet" href="/static/vendor/noto-sans-jp/400.css" />
        <link rel="stylesheet" href="/static/vendor/noto-sans-jp/700.css" />
        <link rel="stylesheet" href="/static/app.css" />
        {/* Keeps what was typed across a language switch (the page works without it). */}
        <script type="module" src="/static/language-switch.js" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("layout.skipToContent")}
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="site-name" href="/">
              <span class="site-name-main">{t("site.name")}</span>
              <span class="site-tagline">{t("site.tagline")}</span>
            </a>
            <div class="header-tools">
              <AccountLinks page={page} />
              <form
                class="language-switch"
                method="post"
                action="/language"
                aria-label={t("layout.languageSwitch")}
                // The page answers a POST: its fields hold what was typed and the page the switch
                // returns to will not, so the script keeps every value, not only the changes.
                data-answers-post={page.returnAfterPost === undefined ? undefined : ""}
              >
                <input type="hidden" name={CSRF_FIELD} value={page.csrfToken} />
                <input type="hidden" name="language" value={other} />
                <input type="hidden" name="returnTo" value={switchReturnTo(page)} />
                <button type="submit" lang={other} aria-label={t("layout.switchToLabel")}>
                  {t("layout.switchTo")}
                </button>
              </form>
            </div>
          </div>
          <nav class="container" aria-label={t("layout.primaryNavigation")}>
            <ul class="nav-list">
              {navigation(page).map((item) => (
                <li key={item.href}>
                  <a href={item.href} aria-current={currentness(item.href, page.path)}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="container" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t("layout.footer")}</p>
            <p>
              <a href="/desk-key">{t("deskKey.footerLink")}</a>
            </p>
            <p>{t("layout.timeZoneNote")}</p>
            <p>
              <a href="/leak-notices">{t("siteCases.nav.leakNotices")}</a>
            </p>
            <p>
              <a href="/unreachable-vendors">{t("contactPages.footerLink")}</a>
            </p>
            <p>
              <a href="/priority-provision">{t("priority.public.link")}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
