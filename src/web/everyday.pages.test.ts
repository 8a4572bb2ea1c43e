import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  browserSession,
  type Cast,
  createCast,
  signIn,
} from "../../test/support/actors.ts";
import { testDatabaseTargets } from "../../test/support/databases.ts";
import { decodedHtml } from "../../test/support/html.ts";
import { createTestRuntime, type TestRuntime } from "../../test/support/runtime.ts";
import { buildApp } from "../app.ts";
import { LANGUAGE_COOKIE } from "../platform/http/context.ts";
import { en } from "../platform/i18n/en.ts";
import type { Catalog, Language } from "../platform/i18n/i18n.ts";
import { ja } from "../platform/i18n/ja.ts";

const CATALOGS: Record<Language, Catalog> = { ja, en };
const FORM = "application/x-www-form-urlencoded";

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? "");
}

/** The language switch form of a page, as its HTML. */
function languageSwitch(html: string): string {
  return /<form class="language-switch"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
}

function inputValue(html: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  const value = input ? /value="([^"]*)"/.exec(input)?.[1] : undefined;
  return value === undefined ? undefined : decodedHtml(value);
}

describe.each(testDatabaseTargets())("everyday pages on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let finder: BrowserSession;
  let deskAdmin: BrowserSession;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    cast = await createCast(runtime);
    finder = await signIn(app, runtime, cast.users.finder);
    deskAdmin = await signIn(app, runtime, cast.users.intakeAdmin);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  /** A page in a language: a signed-in user's pages follow the account's language. */
  const get = async (session: BrowserSession, url: string, language: Language = "en") => {
    const me = await session.inject({ method: "GET", url: "/api/v1/me" });
    if (me.statusCode === 200 && me.json().language !== language) {
      await session.inject({ method: "PATCH", url: "/api/v1/me", payload: { language } });
    }
    return session.inject({ method: "GET", url, headers: { accept: "text/html" } });
  };
  const post = (session: BrowserSession, url: string, fields: Record<string, string>) =>
    session.inject({
      method: "POST",
      url,
      headers: { accept: "text/html", "content-type": FORM },
      payload: new URLSearchParams(fields).toString(),
    });

  describe("the language switch", () => {
    it("carries the page's query, so that the switch comes back to the same page and query", async () => {
      const visitor = browserSession(app);
      const page = await visitor.inject({
        method: "GET",
        url: "/advisories?q=router&page=2",
        headers: { accept: "text/html" },
      });
      expect(inputValue(languageSwitch(page.body), "returnTo")).toBe("/advisories?q=router&page=2");
      await visitor.inject({ method: "GET", url: "/api/v1/auth/csrf" });
      const switched = await post(visitor, "/language", {
        language: "en",
        returnTo: "/advisories?q=router&page=2",
      });
      expect(switched.statusCode).toBe(303);
      expect(location(switched)).toBe("/advisories?q=router&page=2");
      expect(visitor.jar.values.get(LANGUAGE_COOKIE)).toBe("en");
    });

    it("keeps the query a form page needs when it is shown again after a POST (the sign-in's next)", async () => {
      const visitor = browserSession(app);
      await visitor.inject({ method: "GET", url: "/api/v1/auth/csrf" });
      const refused = await post(visitor, "/signin", {
        email: "nobody@example.jp",
        password: "",
        next: "/cases?status=triage",
      });
      expect(refused.statusCode).toBe(422);
      expect(inputValue(languageSwitch(refused.body), "returnTo")).toBe(
        "/signin?next=%2Fcases%3Fstatus%3Dtriage",
      );
    });

    it("never comes back to another site, whatever returnTo says", async () => {
      const visitor = browserSession(app);
      await visitor.inject({ method: "GET", url: "/api/v1/auth/csrf" });
      for (const returnTo of [
        "//evil.example/?q=1",
        "https://evil.example/",
        "/\\evil.example?x",
      ]) {
        expect(location(await post(visitor, "/language", { language: "ja", returnTo }))).toBe("/");
      }
    });

    it("stores the language on a signed-in user's account, so pages and mail follow it", async () => {
      const user = cast.users.otherFinder;
      const session = await signIn(app, runtime, user);
      const switched = await post(session, "/language", {
        language: "ja",
        returnTo: "/reports?x=1",
      });
      expect(location(switched)).toBe("/reports?x=1");
      const me = await app.inject({ method: "GET", url: "/api/v1/me", headers: user.bearer });
      expect(me.json().language).toBe("ja");
      // The account's choice wins over the browser's Accept-Language once the cookie is gone.
      session.jar.values.delete(LANGUAGE_COOKIE);
      const page = await session.inject({
        method: "GET",
        url: "/reports",
        headers: { accept: "text/html", "accept-language": "en" },
      });
      expect(page.body).toContain('<html lang="ja"');
    });

    it("loads the script that keeps typed values as a module from this site", async () => {
      const page = await app.inject({ method: "GET", url: "/", headers: { accept: "text/html" } });
      expect(page.body).toContain(
        '<script type="module" src="/static/language-switch.js"></script>',
      );
      const script = await app.inject({ method: "GET", url: "/static/language-switch.js" });
      expect(script.statusCode).toBe(200);
      expect(script.headers["content-type"]).toMatch(/javascript/);
    });
  });

  // A page that answers a POST has an address a browser cannot open again with GET.
  describe.each(["en", "ja"] as const)(
    "the language switch on a page answering a POST, in %s",
    (language) => {
      const t = CATALOGS[language];
      const getPages = () => {
        if (!app.getPages) throw new Error("the application keeps no index of its GET pages");
        return app.getPages;
      };
      /** The switch of a page answering a POST, checked to lead to a page that answers GET. */
      const switchOf = async (html: string) => {
        const form = languageSwitch(html);
        const returnTo = inputValue(form, "returnTo") ?? "";
        expect(getPages().has(returnTo)).toBe(true);
        const back = await get(finder, returnTo, language);
        expect(back.statusCode).not.toBe(404);
        return { form, returnTo };
      };
      const postForm = (url: string, fields: Record<string, string>, referer?: string) =>
        finder.inject({
          method: "POST",
          url,
          headers: {
            accept: "text/html",
            "content-type": FORM,
            ...(referer ? { referer: `http://localhost${referer}` } : {}),
          },
          payload: new URLSearchParams(fields).toString(),
        });

      it("returns from the report form refused for a missing field to the form of its kind", async () => {
        await get(finder, "/reports/new?kind=product", language);
        const refused = await postForm(
          "/reports/new/confirm",
          { kind: "product", title: "Overflow in the updater" },
          "/reports/new/confirm",
        );
        expect(refused.statusCode).toBe(422);
        expect(refused.body).toContain('class="error-summary"');
        const { form, returnTo } = await switchOf(refused.body);
        expect(returnTo).toBe("/reports/new?kind=product");
        // The script keeps every value shown, since the form it returns to is empty.
        expect(form).toContain("data-answers-post");
      });

      it("returns from the confirmation to the form of its kind, the report carried by the script", async () => {
        await get(finder, "/reports/new?kind=web", language);
        const confirmation = await postForm("/reports/new/confirm", {
          kind: "web",
          title: "SQL injection in the order search",
          siteUrl: "https://shop.example/orders",
          description: "The search builds SQL from the query.",
          reproduction: "Search for a quote.",
        });
        expect(confirmation.statusCode).toBe(200);
        expect(decodedHtml(confirmation.body)).toContain(`<h1>${t["reports.confirm.title"]}</h1>`);
        const { returnTo } = await switchOf(confirmation.body);
        expect(returnTo).toBe("/reports/new?kind=web");
        expect(confirmation.body).toContain(
          'action="/reports/new/send" class="stack" data-carries-input',
        );
      });

      it("returns to a GET page, never to a POST-only address nor after another site's Referer", async () => {
        await get(finder, "/reports/new?kind=product", language);
        const changed = await postForm(
          "/reports/new",
          { kind: "product", title: "x" },
          "/reports?x=1",
        );
        expect((await switchOf(changed.body)).returnTo).toBe("/reports/new?kind=product");
        // Another site's Referer, or a POST-only one, is never followed: the address's own GET page.
        const signin = browserSession(app);
        await signin.inject({ method: "GET", url: "/api/v1/auth/csrf" });
        for (const referer of ["http://evil.example/cases", "http://localhost/reports/new/send"]) {
          const refused = await signin.inject({
            method: "POST",
            url: "/signin",
            headers: { accept: "text/html", "content-type": FORM, referer },
            payload: new URLSearchParams({ email: "nobody@example.jp", password: "" }).toString(),
          });
          expect(refused.statusCode).toBe(422);
          expect(inputValue(languageSwitch(refused.body), "returnTo")).toBe("/signin");
        }
        expect(getPages().has("/reports/new/confirm")).toBe(false);
        expect(getPages().has("/cases/1/vendors/2/nda-request")).toBe(false);
        expect(getPages().has("/organization/nda/accept")).toBe(false);
        expect(getPages().has("/cases/1")).toBe(true);
      });

      it("follows a same-site Referer that is a GET page, e.g. the case page an NDA request came from", async () => {
        const visitor = browserSession(app);
        await visitor.inject({ method: "GET", url: "/api/v1/auth/csrf" });
        const refused = await visitor.inject({
          method: "POST",
          url: "/signin",
          headers: {
            accept: "text/html",
            "content-type": FORM,
            referer: "http://localhost:80/advisories?q=router",
          },
          payload: new URLSearchParams({ email: "nobody@example.jp", password: "" }).toString(),
        });
        expect(inputValue(languageSwitch(refused.body), "returnTo")).toBe("/advisories?q=router");
      });
    },
  );

  describe.each(["en", "ja"] as const)("the denial page in %s", (language) => {
    const t = CATALOGS[language];

    it("says the page is not available to this account, who is signed in, and the ways on (403)", async () => {
      const denied = await get(finder, "/admin/audit?type=signin.", language);
      expect(denied.statusCode).toBe(403);
      const html = decodedHtml(denied.body);
      expect(html).toContain(`<h1>${t["error.forbidden.title"]}</h1>`);
      expect(html).toContain(t["error.forbidden.body"]);
      expect(html).not.toContain(t["error.generic.title"]);
      expect(html).toContain(
        t["error.forbidden.signedInAs"]
          .replace("{name}", cast.users.finder.name)
          .replace("{email}", cast.users.finder.email),
      );
      expect(html).toContain(`<a href="/reports">${t["error.forbidden.landing"]}</a>`);
      // "Sign in with another account" signs out and comes back to the page asked for.
      const form = /<form method="post" action="\/signout"[\s\S]*?<\/form>/.exec(
        denied.body.slice(denied.body.indexOf("<main")),
      )?.[0];
      expect(form).toBeDefined();
      expect(inputValue(form ?? "", "next")).toBe("/admin/audit?type=signin.");
      expect(form).toContain(t["error.forbidden.otherAccount"]);
    });

    it("names the reason when the refusal says more (an unconfirmed address)", async () => {
      const unverified = await runtime.services.accounts.registerFinder(
        { kind: "anonymous", origin: { ip: null, userAgent: null } },
        {
          name: "Unconfirmed",
          email: `unconfirmed-${language}@example.jp`,
          password: cast.users.finder.password,
          language,
        },
      );
      expect(unverified).toBeDefined();
      const session = browserSession(app);
      await session.inject({ method: "GET", url: "/api/v1/auth/csrf" });
      await post(session, "/signin", {
        email: `unconfirmed-${language}@example.jp`,
        password: cast.users.finder.password,
      });
      await get(session, "/reports", language);
      // Filing needs a confirmed address: the form's post is refused (the form page explains it).
      const denied = await session.inject({
        method: "POST",
        url: "/reports/new",
        headers: { accept: "text/html", "content-type": FORM },
        payload: new URLSearchParams({ kind: "web", title: "x" }).toString(),
      });
      expect(denied.statusCode).toBe(403);
      const html = decodedHtml(denied.body);
      expect(html).toContain(t["error.forbidden.title"]);
      expect(html).toContain(t["error.forbidden.emailNotVerified"]);
      expect(html).toContain(`<a href="/account">${t["error.forbidden.account"]}</a>`);
    });
  });

  it("still answers 404 for what a caller may not know exists", async () => {
    const unknown = await get(finder, "/reports/00000000-0000-4000-8000-000000000000");
    expect(unknown.statusCode).toBe(404);
    expect(decodedHtml(unknown.body)).toContain(en["error.notFound.title"]);
    expect(decodedHtml(unknown.body)).not.toContain(en["error.forbidden.title"]);
  });

  it("offers a visitor whose form post needs a session a sign-in that comes back to the form's page", async () => {
    const visitor = browserSession(app);
    await visitor.inject({ method: "GET", url: "/api/v1/auth/csrf" });
    const response = await visitor.inject({
      method: "POST",
      url: "/account/profile",
      headers: {
        accept: "text/html",
        "content-type": FORM,
        referer: "http://kakehashi.test:8080/account?tab=profile",
        host: "kakehashi.test:8080",
      },
      payload: new URLSearchParams({ name: "x", language: "en" }).toString(),
    });
    expect(response.statusCode).toBe(401);
    const html = decodedHtml(response.body);
    expect(html).toContain(ja["error.unauthenticated.title"]);
    expect(response.body).toContain('href="/signin?next=%2Faccount%3Ftab%3Dprofile"');
  });

  describe.each(["en", "ja"] as const)("the audit log in %s", (language) => {
    const t = CATALOGS[language];

    it("shows each event type by its label, with the type itself in small print as a filter link", async () => {
      const page = await get(deskAdmin, "/admin/audit?type=signin.", language);
      expect(page.statusCode).toBe(200);
      const html = decodedHtml(page.body);
      expect(html).toContain(
        `<span class="audit-type-label">${t["auditType.signin.succeeded"]}</span>`,
      );
      expect(html).toContain(
        `<a href="/admin/audit?type=signin.succeeded" title="${t["audit.type.filterTitle"]}"><code class="audit-type-code">signin.succeeded</code></a>`,
      );
      // What the entry is about is named in the page's language too.
      expect(html).toMatch(
        new RegExp(
          `title="${t["audit.subject.filterTitle"]}">${t["audit.subjectType.user"]} <span class="mono">`,
        ),
      );
    });
  });
});
