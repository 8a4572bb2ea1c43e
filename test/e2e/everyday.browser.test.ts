import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../../src/modules/access/actor.ts";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import type { Catalog, Language } from "../../src/platform/i18n/i18n.ts";
import { ja } from "../../src/platform/i18n/ja.ts";
import {
  type Cast,
  createCast,
  signIn,
  type TestUser,
  totpCode,
  type UserKind,
} from "../support/actors.ts";
import {
  axeViolations,
  browserAvailable,
  browserTestbed,
  expectNoProblems,
  openPage,
  type PageProblems,
  settle,
  visit,
} from "../support/browser.ts";

const available = browserAvailable();
const CATALOGS: Record<Language, Catalog> = { ja, en };
/** Sign-ins (argon2), several pages and axe: more than the default 30 s on a busy machine. */
const FLOW_TIMEOUT = 90_000;
const STORAGE_KEY = "kakehashi.language-switch.form-values";

/** Where each role starts after signing in, and the heading it finds there. */
const LANDINGS: { kind: UserKind; role: string; path: string }[] = [
  { kind: "finder", role: "a finder", path: "/reports" },
  { kind: "intakeMember", role: "the desk", path: "/reports" },
  { kind: "coordinatorMember", role: "the coordinator", path: "/cases" },
  { kind: "vendorAMember", role: "a vendor", path: "/cases" },
  { kind: "csirt", role: "a CSIRT", path: "/cases" },
  { kind: "siteOperator", role: "a site operator", path: "/site-cases" },
];

async function heading(page: Page): Promise<string | null> {
  return page.locator("h1").textContent();
}

/** The problems of a page that answered with `status` on purpose: that answer is not one. */
function withoutExpected(problems: PageProblems, status: number): PageProblems {
  return {
    ...problems,
    consoleErrors: problems.consoleErrors.filter((line) => !line.includes(`${status}`)),
    failedRequests: problems.failedRequests.filter((line) => !line.endsWith(`: ${status}`)),
  };
}

describe.skipIf(!available)("everyday use in Chromium", () => {
  const bed = browserTestbed();
  let cast: Cast;
  let caseOfVendorA: string;
  let reportOfFinder: string;

  const runtime = () => bed.server.runtime;
  const url = (path: string) => `${bed.server.url}${path}`;

  beforeAll(async () => {
    cast = await createCast(runtime());
    // Members enrol TOTP at their first sign-in: done once here, through the API.
    for (const { kind } of LANDINGS) {
      if (cast.users[kind].organizationId)
        await signIn(bed.server.app, runtime(), cast.users[kind]);
    }
    await signIn(bed.server.app, runtime(), cast.users.vendorBMember);
    await signIn(bed.server.app, runtime(), cast.users.intakeAdmin);

    // A finder's report, forwarded to the coordinator: a case for vendor A only.
    const { reports, cases, organizations } = runtime().services;
    const finder = await cast.actorOf(cast.users.finder);
    const desk = await cast.actorOf(cast.users.intakeAdmin);
    const coordinator = await cast.actorOf(cast.users.coordinatorMember);
    const { id } = await reports.submit(finder, {
      kind: "product",
      title: "Stored XSS in the router's device list",
      productName: "Router A100",
      productVersion: "1.0.3",
      vendorName: "Vendor A",
      description: "Stored XSS in the device list of the admin console.",
      reproduction: "Add a device named <img src=x onerror=alert(1)>.",
      verificationMethod: "An alert box appears.",
      attackMethod: "curl the device list",
      consent: {
        identityToCoordinator: true,
        identityToVendor: false,
        directContact: false,
        credit: "Finder One",
      },
    });
    // A second report, still with the desk: its page offers the finder an upload form.
    reportOfFinder = (
      await reports.submit(finder, {
        kind: "web",
        title: "SQL injection in the shop search",
        siteUrl: "https://shop.example/search",
        description: "The search builds SQL from the query text.",
        reproduction: "Search for a quote character.",
        verificationMethod: "An SQL error page appears.",
        attackMethod: "sqlmap against the search",
        consent: { identityToOperator: false, directContact: false },
      })
    ).id;
    await reports.accept(desk, id);
    const { caseId } = await reports.forward(desk, id, {});
    if (!caseId) throw new Error("the report opened no case");
    caseOfVendorA = caseId;
    await cases.assign(coordinator, caseId, { userId: cast.users.coordinatorMember.userId });
    await organizations.recordNda(coordinator, cast.organizations.vendorA, {
      signedAt: "2026-11-01T00:00:00.000Z",
      version: "NDA-2026",
    });
    await cases.addVendor(coordinator, caseId, { organizationId: cast.organizations.vendorA });
    await cases.notifyVendor(coordinator, caseId, { orgId: cast.organizations.vendorA });
  }, 180_000);

  async function setLanguage(user: TestUser, language: Language): Promise<UserActor> {
    const actor = await cast.actorOf(user);
    await runtime().services.accounts.updateProfile(actor, { language });
    return actor;
  }

  /** A browser session of the user, as if signed in already (the session cookie set). */
  async function signedInContext(context: BrowserContext, user: TestUser): Promise<void> {
    const session = await signIn(bed.server.app, runtime(), user);
    await context.addCookies([
      {
        name: SESSION_COOKIE,
        value: session.sessionToken ?? "",
        url: bed.server.url,
        httpOnly: true,
      },
    ]);
  }

  /** Clicks the header's language button and waits for the page in the other language. */
  async function switchLanguage(page: Page, from: Language): Promise<void> {
    const to = from === "ja" ? "en" : "ja";
    await page.getByRole("button", { name: CATALOGS[from]["layout.switchToLabel"] }).click();
    await page.locator(`html[lang='${to}']`).waitFor({ state: "attached" });
    await page.waitForLoadState("load");
    await settle(page);
  }

  describe.each(["ja", "en"] as const)("in %s", (language) => {
    const t = CATALOGS[language];

    it.each(LANDINGS)(
      "lands $role on $path after signing in through the pages",
      async ({ kind, path }) => {
        const user = cast.users[kind];
        await setLanguage(user, language);
        const locale = language === "ja" ? "ja-JP" : "en-US";
        const { page, problems } = await openPage(
          bed.browser,
          `everyday-landing-${kind}-${language}`,
          { locale },
        );
        await visit(page, url("/signin"));
        await page.getByLabel(t["accounts.field.email"]).fill(user.email);
        await page.getByLabel(t["accounts.field.password"]).fill(user.password);
        await Promise.all([
          page.waitForNavigation({ waitUntil: "load" }),
          page.getByRole("button", { name: t["accounts.signin.submit"], exact: true }).click(),
        ]);
        if (user.totpSecret) {
          expect(new URL(page.url()).pathname).toBe("/signin/second-factor");
          runtime().clock.advance(30_000);
          await page
            .getByLabel(t["accounts.secondFactor.code"])
            .fill(await totpCode(runtime(), user.totpSecret));
          await Promise.all([
            page.waitForNavigation({ waitUntil: "load" }),
            page
              .getByRole("button", { name: t["accounts.secondFactor.submit"], exact: true })
              .click(),
          ]);
        }
        await settle(page);
        expect(new URL(page.url()).pathname).toBe(path);
        expect(await page.locator("html").getAttribute("lang")).toBe(language);
        // The page it lands on is marked as the current one in the navigation.
        await expect(
          page.locator(`nav a[href="${path}"][aria-current="page"]`).count(),
        ).resolves.toBe(1);
        expectNoProblems(problems);
      },
      FLOW_TIMEOUT,
    );

    it(
      "says that the page is not available to this account (403), with axe finding nothing",
      async () => {
        await setLanguage(cast.users.finder, language);
        const { page, context, problems, screenshot } = await openPage(
          bed.browser,
          `everyday-denial-${language}`,
        );
        await signedInContext(context, cast.users.finder);
        const response = await page.goto(url("/admin/audit"), { waitUntil: "load" });
        await settle(page);
        expect(response?.status()).toBe(403);
        expect(await heading(page)).toBe(t["error.forbidden.title"]);
        await expect(
          page
            .getByText(
              t["error.forbidden.signedInAs"]
                .replace("{name}", cast.users.finder.name)
                .replace("{email}", cast.users.finder.email),
            )
            .count(),
        ).resolves.toBe(1);
        await expect(page.locator("main").getByText(t["error.generic.body"]).count()).resolves.toBe(
          0,
        );
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(`everyday-denial-${language}`);

        // Signing in as another account comes back to the page asked for.
        await Promise.all([
          page.waitForNavigation({ waitUntil: "load" }),
          page.getByRole("button", { name: t["error.forbidden.otherAccount"] }).click(),
        ]);
        const signin = new URL(page.url());
        expect(signin.pathname).toBe("/signin");
        expect(signin.searchParams.get("next")).toBe("/admin/audit");
        expectNoProblems(withoutExpected(problems, 403));
      },
      FLOW_TIMEOUT,
    );

    it(
      "shows the audit log's event types by their labels, with the type itself beside",
      async () => {
        await setLanguage(cast.users.intakeAdmin, language);
        const { page, context, problems } = await openPage(
          bed.browser,
          `everyday-audit-${language}`,
        );
        await signedInContext(context, cast.users.intakeAdmin);
        await visit(page, url("/admin/audit?type=signin.succeeded"));
        const cell = page.locator("#audit-table tbody tr").first().locator("td").nth(1);
        await expect(cell.locator(".audit-type-label").textContent()).resolves.toBe(
          t["auditType.signin.succeeded"],
        );
        await expect(cell.locator("code").textContent()).resolves.toBe("signin.succeeded");
        expect(await axeViolations(page)).toEqual([]);
        expectNoProblems(problems);
      },
      FLOW_TIMEOUT,
    );
  });

  it(
    "keeps a half-filled report form, its page and query across a language switch (with script)",
    async () => {
      await setLanguage(cast.users.finder, "en");
      const { page, context, problems, screenshot } = await openPage(
        bed.browser,
        "everyday-switch-form",
      );
      await signedInContext(context, cast.users.finder);
      await visit(page, url("/reports/new?kind=product"));
      expect(await heading(page)).toBe(en["reports.new.productHeading"]);
      await page.locator("#field-title").fill("Buffer overflow in the firmware updater");
      await page.locator("#field-productName").fill("Router A100");
      await page.locator("#field-description").fill("A long file name\noverflows the buffer.");
      await page.getByLabel(en["reports.field.identityToCoordinator"]).check();

      await switchLanguage(page, "en");
      const address = new URL(page.url());
      expect(`${address.pathname}${address.search}`).toBe("/reports/new?kind=product");
      expect(await heading(page)).toBe(ja["reports.new.productHeading"]);
      expect(await page.locator("#field-title").inputValue()).toBe(
        "Buffer overflow in the firmware updater",
      );
      expect(await page.locator("#field-productName").inputValue()).toBe("Router A100");
      expect(await page.locator("#field-description").inputValue()).toBe(
        "A long file name\noverflows the buffer.",
      );
      await expect(
        page.getByLabel(ja["reports.field.identityToCoordinator"]).isChecked(),
      ).resolves.toBe(true);
      // What was kept is gone from the tab's storage once put back.
      expect(await page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY)).toBeNull();
      await screenshot("everyday-switch-form-ja");

      // A reload shows the form as the server sends it: nothing is put back twice.
      await page.reload({ waitUntil: "load" });
      expect(await page.locator("#field-title").inputValue()).toBe("");
      expectNoProblems(problems);
    },
    FLOW_TIMEOUT,
  );

  it(
    "keeps a chosen option on the report page but never the file picked",
    async () => {
      await setLanguage(cast.users.finder, "ja");
      const { page, context, problems } = await openPage(bed.browser, "everyday-switch-select");
      await signedInContext(context, cast.users.finder);
      await visit(page, url(`/reports/${reportOfFinder}`));
      const select = page.locator('select[name="class"]');
      const options = await select
        .locator("option")
        .evaluateAll((all) => all.map((option) => (option as HTMLOptionElement).value));
      const chosen = options.filter((value) => value !== "").at(-1) ?? "";
      expect(chosen).not.toBe("");
      await select.selectOption(chosen);
      await page.locator('input[type="file"]').setInputFiles({
        name: "screen.png",
        mimeType: "image/png",
        buffer: Buffer.from("not really a picture"),
      });

      await switchLanguage(page, "ja");
      expect(new URL(page.url()).pathname).toBe(`/reports/${reportOfFinder}`);
      expect(await page.locator('select[name="class"]').inputValue()).toBe(chosen);
      expect(
        await page
          .locator('input[type="file"]')
          .evaluate((input: HTMLInputElement) => input.files?.length ?? 0),
      ).toBe(0);
      expectNoProblems(problems);
    },
    FLOW_TIMEOUT,
  );

  it(
    "never keeps a password typed on the page, nor the CSRF token",
    async () => {
      await setLanguage(cast.users.finder, "en");
      const { page, context, problems } = await openPage(bed.browser, "everyday-switch-password");
      await signedInContext(context, cast.users.finder);
      await visit(page, url("/account"));
      await page.locator("#field-name").fill("Finder One Renamed");
      const password = page.locator('input[type="password"]').first();
      await password.fill("Typed-secret-password-1");

      // Look at what the switch stores, before it leaves the page.
      await page.evaluate(() => {
        document.querySelector("form.language-switch")?.addEventListener("submit", (event) => {
          event.preventDefault();
        });
      });
      await page.getByRole("button", { name: en["layout.switchToLabel"] }).click();
      const stored = (await page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY)) ?? "";
      expect(stored).toContain("Finder One Renamed");
      expect(stored).not.toContain("Typed-secret-password-1");
      expect(stored).not.toContain("_csrf");
      expect(stored).not.toContain(await page.locator('input[name="_csrf"]').first().inputValue());

      await page.reload({ waitUntil: "load" });
      await settle(page);
      await expect(page.locator('input[type="password"]').first().inputValue()).resolves.toBe("");
      expect(await page.locator("#field-name").inputValue()).toBe("Finder One Renamed");
      expectNoProblems(problems);
    },
    FLOW_TIMEOUT,
  );

  it(
    "keeps the page and its query across a language switch without script",
    async () => {
      await setLanguage(cast.users.finder, "ja");
      const { page, context, problems } = await openPage(bed.browser, "everyday-switch-noscript", {
        javaScriptEnabled: false,
      });
      await signedInContext(context, cast.users.finder);
      await visit(page, url("/reports/new?kind=web"));
      expect(await heading(page)).toBe(ja["reports.new.webHeading"]);
      await Promise.all([
        page.waitForNavigation({ waitUntil: "load" }),
        page.getByRole("button", { name: ja["layout.switchToLabel"] }).click(),
      ]);
      await settle(page);
      const address = new URL(page.url());
      expect(`${address.pathname}${address.search}`).toBe("/reports/new?kind=web");
      expect(await heading(page)).toBe(en["reports.new.webHeading"]);
      expectNoProblems(problems);
    },
    FLOW_TIMEOUT,
  );

  // The form shown again with its errors and the confirmation answer POST /reports/new/confirm,
  // an address a browser cannot open with GET: the switch goes back to the form of the kind.
  describe.each([
    { from: "ja", kind: "product", consent: "identityToCoordinator" },
    { from: "en", kind: "web", consent: "identityToOperator" },
  ] as const)(
    "switching from $from on a $kind report answered after a POST",
    ({ from, kind, consent }) => {
      const to = from === "ja" ? "en" : "ja";
      const heading$ = kind === "web" ? "reports.new.webHeading" : "reports.new.productHeading";
      const typed: Record<string, string> =
        kind === "web"
          ? { title: "SQL injection in the order search", siteUrl: "https://shop.example/orders" }
          : { title: "Overflow in the firmware updater", productName: "Router A100" };
      const complete: Record<string, string> = {
        ...typed,
        ...(kind === "product" ? { productVersion: "1.0.3" } : {}),
        description: "A long name\noverflows the buffer.",
        reproduction: "Upload a file with a 300-character name.",
      };

      async function fillForm(page: Page, values: Record<string, string>): Promise<void> {
        for (const [name, value] of Object.entries(values))
          await page.locator(`#field-${name}`).fill(value);
        await page.getByLabel(CATALOGS[from][`reports.field.${consent}`]).check();
      }

      async function expectFormWith(page: Page, values: Record<string, string>): Promise<void> {
        const address = new URL(page.url());
        expect(`${address.pathname}${address.search}`).toBe(`/reports/new?kind=${kind}`);
        expect(await heading(page)).toBe(CATALOGS[to][heading$]);
        for (const [name, value] of Object.entries(values))
          expect(await page.locator(`#field-${name}`).inputValue()).toBe(value);
        await expect(
          page.getByLabel(CATALOGS[to][`reports.field.${consent}`]).isChecked(),
        ).resolves.toBe(true);
      }

      it(
        "shows the form refused for a missing field in the other language with what was typed",
        async () => {
          await setLanguage(cast.users.finder, from);
          const { page, context, problems } = await openPage(
            bed.browser,
            `everyday-switch-refused-${from}`,
          );
          await signedInContext(context, cast.users.finder);
          await visit(page, url(`/reports/new?kind=${kind}`));
          await fillForm(page, typed);
          await Promise.all([
            page.waitForURL("**/reports/new/confirm"),
            page.getByRole("button", { name: CATALOGS[from]["reports.new.toConfirm"] }).click(),
          ]);
          await settle(page);
          expect(await page.locator(".error-summary, [role=alert]").count()).toBeGreaterThan(0);

          await switchLanguage(page, from);
          expect(await heading(page)).not.toBe(CATALOGS[to]["error.notFound.title"]);
          await expectFormWith(page, typed);
          expectNoProblems(withoutExpected(problems, 422));
        },
        FLOW_TIMEOUT,
      );

      it(
        "shows the confirmation's report in the form, in the other language",
        async () => {
          await setLanguage(cast.users.finder, from);
          const { page, context, problems } = await openPage(
            bed.browser,
            `everyday-switch-confirm-${from}`,
          );
          await signedInContext(context, cast.users.finder);
          await visit(page, url(`/reports/new?kind=${kind}`));
          await fillForm(page, complete);
          await Promise.all([
            page.waitForURL("**/reports/new/confirm"),
            page.getByRole("button", { name: CATALOGS[from]["reports.new.toConfirm"] }).click(),
          ]);
          await settle(page);
          expect(await heading(page)).toBe(CATALOGS[from]["reports.confirm.title"]);
          // What the switch stores, looked at once before it is let through: the report's
          // fields are carried, the CSRF token never.
          await page.evaluate(() => {
            const held = document.body.dataset;
            held.holdSwitch = "1";
            document.querySelector("form.language-switch")?.addEventListener("submit", (event) => {
              if (held.holdSwitch === "1") event.preventDefault();
            });
          });
          await page.getByRole("button", { name: CATALOGS[from]["layout.switchToLabel"] }).click();
          const stored =
            (await page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY)) ?? "";
          const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
          expect(stored).toContain(complete.title);
          expect(stored).not.toContain("_csrf");
          expect(stored).not.toContain(csrf);
          await page.evaluate(() => {
            document.body.dataset.holdSwitch = "0";
          });

          await switchLanguage(page, from);
          expect(await heading(page)).not.toBe(CATALOGS[to]["error.notFound.title"]);
          await expectFormWith(page, complete);
          expectNoProblems(problems);
        },
        FLOW_TIMEOUT,
      );
    },
  );

  it(
    "still answers 404 for a case of another vendor",
    async () => {
      const own = await openPage(bed.browser, "everyday-case-own");
      await signedInContext(own.context, cast.users.vendorAAdmin);
      await visit(own.page, url(`/cases/${caseOfVendorA}`));

      const { page, context, problems } = await openPage(bed.browser, "everyday-case-other");
      await setLanguage(cast.users.vendorBMember, "en");
      await signedInContext(context, cast.users.vendorBMember);
      const response = await page.goto(url(`/cases/${caseOfVendorA}`), { waitUntil: "load" });
      expect(response?.status()).toBe(404);
      expect(await heading(page)).toBe(en["error.notFound.title"]);
      expectNoProblems(withoutExpected(problems, 404));
    },
    FLOW_TIMEOUT,
  );
});
