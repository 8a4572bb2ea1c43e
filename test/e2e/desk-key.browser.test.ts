import { AxeBuilder } from "@axe-core/playwright";
import { createMessage, encrypt, readKey } from "openpgp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/modules/access/actor.ts";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
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
const PASSWORD = "Kakehashi-browser-test-D3skKey";
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest" };

const LANGUAGES: readonly { language: Language; locale: string; catalog: Catalog }[] = [
  { language: "ja", locale: "ja-JP", catalog: ja },
  { language: "en", locale: "en-US", catalog: en },
];

/** What axe found (WCAG 2.1 A and AA), one readable line per failing element. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(results.passes.length).toBeGreaterThan(0);
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? "unknown impact"}): ${violation.help} — ` +
        `${node.target.join(" ")}: ${node.failureSummary ?? ""}`,
    ),
  );
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** Clicks the button and waits for the page its form leads to. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await settle(page);
}

describe.skipIf(!available)("the desk key in Chromium", () => {
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

  describe.each(LANGUAGES)("the key's page for $locale", ({ language, locale, catalog }) => {
    it("passes axe, fits 320 CSS pixels and shows the same armored key as /desk-key.asc", async () => {
      const { page, problems } = await openPage(browser, `desk-key-${language}`, {
        locale,
        viewport: { width: 375, height: 740 },
      });
      await visit(page, `${server.url}/desk-key`);
      await expect(page.locator("h1").textContent()).resolves.toBe(catalog["deskKey.heading"]);
      expect(await axeViolations(page)).toEqual([]);
      const armored = await page.locator("#desk-key-armored").textContent();
      const published = await (await fetch(`${server.url}/desk-key.asc`)).text();
      expect(armored).toBe(published);
      await page.setViewportSize({ width: 320, height: 740 });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expectNoProblems(problems);
    });
  });

  it("files a report whose details are a pasted PGP message, carried through the confirmation intact", async () => {
    const { accounts } = server.runtime.services;
    await accounts.createUser(SYSTEM_ACTOR, {
      email: "angou@example.jp",
      name: "暗号 次郎",
      password: PASSWORD,
      language: "ja",
    });
    const { sessionToken } = await accounts.signIn(ORIGIN, {
      email: "angou@example.jp",
      password: PASSWORD,
    });
    const { page, context, problems } = await openPage(browser, "desk-key-report", {
      locale: "ja-JP",
    });
    await context.addCookies([
      { name: SESSION_COOKIE, value: sessionToken, url: server.url, httpOnly: true },
    ]);
    const publicKey = await (await fetch(`${server.url}/desk-key.asc`)).text();
    const secret = "一行目: 管理画面の XSS\n二行目: <script>alert(1)</script>\n\n四行目";
    const message = await encrypt({
      message: await createMessage({ text: secret }),
      encryptionKeys: await readKey({ armoredKey: publicKey }),
      date: server.runtime.clock.now(),
    });

    await visit(page, `${server.url}/reports/new?kind=product`);
    await page.locator("#field-title").fill("暗号化した詳細つきの届出");
    await page.locator("#field-productName").fill("Router A100");
    await page.locator("#field-productVersion").fill("1.0");
    await page.locator("#field-encryptedMessage").fill(message);
    expect(await axeViolations(page)).toEqual([]);
    await submit(page, ja["reports.new.toConfirm"]);

    await expect(page.locator("h1").textContent()).resolves.toBe(ja["reports.confirm.title"]);
    await expect(page.locator("#encrypted-message-attached").textContent()).resolves.toContain(
      ja["deskKey.confirm.attached"].slice(0, 10),
    );
    await expect(page.getByText("管理画面の XSS").count()).resolves.toBe(0);
    await submit(page, ja["reports.confirm.send"]);
    await expect(page.locator("h1").textContent()).resolves.toBe(ja["reports.receipt.title"]);

    await Promise.all([
      page.waitForURL(/\/reports\/[\w-]+$/),
      page.getByRole("link", { name: ja["reports.receipt.link"] }).click(),
    ]);
    await settle(page);
    const shown = await page
      .locator("#report-decrypted-message .report-text p")
      .evaluateAll((lines) => lines.map((line) => line.textContent));
    expect(shown).toEqual(secret.split("\n").map((line) => (line === "" ? "\u00a0" : line)));
    expect(await axeViolations(page)).toEqual([]);
    expectNoProblems(problems);
  });
});
