import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGE_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import type { Catalog, Language } from "../../src/platform/i18n/i18n.ts";
import { ja } from "../../src/platform/i18n/ja.ts";
import {
  browserAvailable,
  expectNoProblems,
  launchBrowser,
  openPage,
  type RunningApp,
  settle,
  startApp,
  visit,
} from "../support/browser.ts";

const available = browserAvailable();

const LANGUAGES: readonly { language: Language; locale: string; catalog: Catalog }[] = [
  { language: "ja", locale: "ja-JP", catalog: ja },
  { language: "en", locale: "en-US", catalog: en },
];

const PHONE = { width: 375, height: 740 };

async function pageLanguage(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

/** What axe found, one readable line per failing element. */
function describeViolations(
  violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"],
): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? "unknown impact"}): ${violation.help} — ` +
        `${node.target.join(" ")}: ${node.failureSummary ?? ""} [${violation.helpUrl}]`,
    ),
  );
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

describe.skipIf(!available)("the home page in Chromium", () => {
  let browser: Browser;
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe.each(LANGUAGES)(
    "for a visitor whose browser asks for $locale",
    ({ language, locale, catalog }) => {
      it("is shown in that language and loads without console errors, CSP violations or failed requests", async () => {
        const { page, problems, screenshot } = await openPage(browser, `home-${language}`, {
          locale,
        });
        await visit(page, `${server.url}/`);

        expect(await pageLanguage(page)).toBe(language);
        await expect(page.locator("h1").textContent()).resolves.toBe(catalog["home.heading"]);
        await expect(page.title()).resolves.toBe(catalog["home.title"]);

        // The stylesheets applied and Noto Sans JP was fetched and used, not a fallback.
        const styles = await page.evaluate(() => ({
          sheets: [...document.styleSheets].map((sheet) => new URL(sheet.href ?? "").pathname),
          fontFamily: getComputedStyle(document.body).fontFamily,
          fonts: [...document.fonts]
            .filter((font) => font.status !== "unloaded")
            .map((font) => ({ family: font.family, status: font.status })),
        }));
        expect(styles.sheets).toEqual([
          "/static/vendor/design-tokens/tokens.css",
          "/static/vendor/noto-sans-jp/400.css",
          "/static/vendor/noto-sans-jp/700.css",
          "/static/app.css",
        ]);
        expect(styles.fontFamily).toMatch(/^"Noto Sans JP"/);
        expect(styles.fonts.length).toBeGreaterThan(0);
        expect(styles.fonts.filter((font) => font.status !== "loaded")).toEqual([]);

        expectNoProblems(problems);
        await screenshot(`home-${language}-desktop`);
      });

      it("has no WCAG 2.1 A or AA violations that axe can find", async () => {
        const { page, problems } = await openPage(browser, `home-${language}-axe`, { locale });
        await visit(page, `${server.url}/`);

        const results = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
          .analyze();

        expect(describeViolations(results.violations)).toEqual([]);
        expect(results.passes.length).toBeGreaterThan(0);
        expectNoProblems(problems);
      });

      it("fits a phone screen without horizontal scrolling, down to 320 CSS pixels", async () => {
        const { page, problems, screenshot } = await openPage(browser, `home-${language}-phone`, {
          locale,
          viewport: PHONE,
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
        });
        await visit(page, `${server.url}/`);

        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await screenshot(`home-${language}-phone`);

        // WCAG 1.4.10 (reflow): content still fits at a width of 320 CSS pixels.
        await page.setViewportSize({ width: 320, height: PHONE.height });
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expectNoProblems(problems);
      });
    },
  );

  it("switches language with the header button (a form post with its CSRF token) and remembers the choice across a reload", async () => {
    const { page, context, problems, screenshot } = await openPage(
      browser,
      "home-language-switch",
      {
        locale: "ja-JP",
      },
    );
    await visit(page, `${server.url}/`);
    expect(await pageLanguage(page)).toBe("ja");

    const post = page.waitForRequest((request) => request.method() === "POST");
    await page.getByRole("button", { name: ja["layout.switchToLabel"] }).click();
    const request = await post;
    expect(new URL(request.url()).pathname).toBe("/language");
    expect(new URLSearchParams(request.postData() ?? "").get("_csrf")).toMatch(/.{16,}/);
    expect((await request.response())?.status()).toBe(303);

    await page.locator("html[lang='en']").waitFor({ state: "attached" });
    await settle(page);
    expect(new URL(page.url()).pathname).toBe("/");
    await expect(page.locator("h1").textContent()).resolves.toBe(en["home.heading"]);
    const cookies = await context.cookies(server.url);
    expect(cookies.find((cookie) => cookie.name === LANGUAGE_COOKIE)?.value).toBe("en");

    // The browser still sends Accept-Language: ja-JP; the cookie wins.
    await page.reload();
    await settle(page);
    expect(await pageLanguage(page)).toBe("en");
    await expect(page.locator("h1").textContent()).resolves.toBe(en["home.heading"]);
    await screenshot("home-after-switch-to-en");

    // And back again.
    await page.getByRole("button", { name: en["layout.switchToLabel"] }).click();
    await page.locator("html[lang='ja']").waitFor({ state: "attached" });
    await settle(page);
    await expect(page.locator("h1").textContent()).resolves.toBe(ja["home.heading"]);
    await page.reload();
    expect(await pageLanguage(page)).toBe("ja");
    expectNoProblems(problems);
  });

  it("focuses the skip link first on Tab and shows it, and the link moves focus to the main content", async () => {
    const { page, problems, screenshot } = await openPage(browser, "home-skip-link", {
      locale: "ja-JP",
    });
    await visit(page, `${server.url}/`);

    const skipLink = page.locator("a.skip-link");
    const inViewport = () =>
      skipLink.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return (
          box.width > 0 &&
          box.height > 0 &&
          box.top >= 0 &&
          box.left >= 0 &&
          box.bottom <= window.innerHeight &&
          box.right <= window.innerWidth
        );
      });
    expect(await inViewport()).toBe(false);

    await page.keyboard.press("Tab");
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);
    await expect(skipLink.textContent()).resolves.toBe(ja["layout.skipToContent"]);
    expect(await inViewport()).toBe(true);
    await screenshot("home-skip-link-focused");

    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main");
    expect(new URL(page.url()).hash).toBe("#main");
    expectNoProblems(problems);
  });

  it("reports a blocked inline script as a CSP violation, so the checks above can fail", async () => {
    const { page, problems } = await openPage(browser, "home-csp-self-check", {
      locale: "ja-JP",
    });
    await visit(page, `${server.url}/`);
    expectNoProblems(problems);

    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "document.title = 'injected';";
      document.body.append(script);
    });
    await expect.poll(() => problems.cspViolations.length).toBeGreaterThanOrEqual(2);

    expect(await page.title()).toBe(ja["home.title"]);
    expect(problems.cspViolations.some((entry) => entry.startsWith("event: script-src"))).toBe(
      true,
    );
    expect(
      problems.cspViolations.some(
        (entry) => entry.startsWith("console: ") && entry.includes("inline script"),
      ),
    ).toBe(true);
  });
});
