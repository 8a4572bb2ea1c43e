import { AxeBuilder } from "@axe-core/playwright";
import { generate } from "otplib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/modules/access/actor.ts";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import { ja } from "../../src/platform/i18n/ja.ts";
import { deliveredMail, linksIn } from "../support/actors.ts";
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
const PASSWORD = "Kakehashi-browser-test-S1teCase";
const FLOW_TIMEOUT = 120_000;
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest" };
const DESCRIPTION = "注文検索で SQL インジェクションが起きます。";

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

/** Clicks the button and waits for the page its form leads to. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await settle(page);
}

describe.skipIf(!available)("the web-application case in Chromium", () => {
  let browser: Browser;
  let server: RunningApp;
  let finderSession: string;
  let deskSession: string;
  let reportId: string;

  async function signInBrowser(context: BrowserContext, sessionToken: string): Promise<void> {
    await context.addCookies([
      { name: SESSION_COOKIE, value: sessionToken, url: server.url, httpOnly: true },
    ]);
  }

  /** The code the authenticator app would show now, by the server's (manual) clock. */
  function totpCode(secret: string): Promise<string> {
    return generate({ secret, epoch: Math.floor(server.runtime.clock.now().getTime() / 1000) });
  }

  beforeAll(async () => {
    server = await startApp();
    browser = await launchBrowser();
    const { accounts, organizations, reports } = server.runtime.services;
    const desk = await organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
      intake: "受付機関（ブラウザ試験）",
      coordinator: "調整機関（ブラウザ試験）",
    });
    await accounts.createUser(SYSTEM_ACTOR, {
      email: "hakken@example.jp",
      name: "発見 太郎",
      password: PASSWORD,
      language: "ja",
    });
    finderSession = (
      await accounts.signIn(ORIGIN, { email: "hakken@example.jp", password: PASSWORD })
    ).sessionToken;
    await accounts.createUser(SYSTEM_ACTOR, {
      email: "uketsuke@example.jp",
      name: "受付 管理者",
      password: PASSWORD,
      language: "ja",
      organizationId: desk.intakeOrganizationId,
      role: "admin",
    });
    const { sessionToken } = await accounts.signIn(ORIGIN, {
      email: "uketsuke@example.jp",
      password: PASSWORD,
    });
    const pending = await accounts.authenticate({ sessionToken }, ORIGIN);
    const { secret } = await accounts.startTotpEnrolment(pending);
    await accounts.confirmTotpEnrolment(pending, await totpCode(secret));
    deskSession = sessionToken;
    // The finder's web report, already accepted: the desk forwards it in the browser.
    const finder = await accounts.authenticate({ sessionToken: finderSession }, ORIGIN);
    const deskActor = await accounts.authenticate({ sessionToken: deskSession }, ORIGIN);
    ({ id: reportId } = await reports.submit(finder, {
      kind: "web",
      title: "ショップの注文検索の SQL インジェクション",
      siteUrl: "https://shop.example.jp/orders",
      description: DESCRIPTION,
      reproduction: "検索語に ' を入れるとデータベースのエラーが表示される",
      verificationMethod: "' を入れたときだけエラーになることを確かめる",
      attackMethod: "sqlmap で注文表を取得する",
      consent: { identityToOperator: false, directContact: false },
    }));
    await reports.accept(deskActor, reportId);
  }, FLOW_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    "takes a web report from the desk's forward through the operator's claim, acknowledgement and fix to the desk's close, and the finder sees it closed",
    async () => {
      // The desk forwards the report to an operator not yet in the directory.
      const desk = await openPage(browser, "site-cases-desk", { locale: "ja-JP" });
      await signInBrowser(desk.context, deskSession);
      await visit(desk.page, `${server.url}/reports/${reportId}`);
      await desk.page.locator("#field-operatorName").fill("株式会社サンプルショップ");
      await desk.page.locator("#field-operatorContactEmail").fill("web@sample-shop.example");
      await submit(desk.page, ja["reports.actions.forward"]);
      await expect(desk.page.locator("#report-status").textContent()).resolves.toBe(
        ja["reports.status.forwarded"],
      );

      // The operator's mail carries a claim link and nothing of the report.
      const mails = await deliveredMail(server.runtime, "web@sample-shop.example");
      expect(mails).toHaveLength(1);
      expect(mails[0]?.text).not.toContain(DESCRIPTION);
      expect(mails[0]?.text).not.toContain("shop.example.jp");
      const link = linksIn(mails[0]?.text ?? "").find(
        (url) => url.pathname === "/site-cases/claim",
      );
      expect(link).toBeDefined();
      const claimPath = `${link?.pathname}${link?.search}`;

      const operator = await openPage(browser, "site-cases-operator", { locale: "en-GB" });
      const { page } = operator;
      await visit(page, `${server.url}${claimPath}`);
      expect(await page.locator("h1").textContent()).toBe(en["siteCases.claim.title"]);
      await expect(page.locator("#field-organizationName").inputValue()).resolves.toBe(
        "株式会社サンプルショップ",
      );
      expect(await axeViolations(page)).toEqual([]);
      await operator.screenshot("site-cases-claim-en");
      await page.locator("#field-name").fill("運営 花子");
      await page.locator("#field-password").fill(PASSWORD);
      await page.locator("#field-language").selectOption("en");
      await submit(page, en["siteCases.claim.submit"]);

      // The invitation's way from here: enrol the authenticator, then the case.
      expect(new URL(page.url()).pathname).toBe("/account/two-factor");
      const secret = ((await page.locator("#totp-secret").textContent()) ?? "").replace(/\s/g, "");
      await page.getByLabel(en["accounts.twoFactor.code"]).fill(await totpCode(secret));
      await submit(page, en["accounts.twoFactor.submit"]);
      await Promise.all([
        page.waitForURL(/\/site-cases\/[\w-]+\?claimed=1$/),
        page.getByRole("link", { name: en["accounts.recoveryCodes.continue"] }).click(),
      ]);
      await settle(page);
      const siteCaseUrl = page.url().replace(/\?.*$/, "");
      await expect(page.locator("#site-case-status").textContent()).resolves.toBe(
        en["siteCases.status.operator_notified"],
      );
      await expect(page.getByText(DESCRIPTION).count()).resolves.toBe(1);
      await expect(page.getByText("sqlmap").count()).resolves.toBe(0);
      await expect(page.locator("time").first().textContent()).resolves.toMatch(/JST|GMT\+9/);
      expect(await axeViolations(page)).toEqual([]);
      await operator.screenshot("site-cases-operator-en");

      await submit(page, en["siteCases.actions.acknowledge"]);
      await expect(page.locator("#site-case-status").textContent()).resolves.toBe(
        en["siteCases.status.operator_acknowledged"],
      );
      await page.getByLabel(en["siteCases.actions.resultField"]).selectOption("fixed");
      await page.getByLabel(en["siteCases.actions.fixMethodField"]).selectOption("app_fixed");
      await page
        .getByLabel(en["siteCases.actions.detailsField"])
        .fill("Parameterised the order search query.");
      await submit(page, en["siteCases.actions.result"]);
      await expect(page.locator("#site-case-status").textContent()).resolves.toBe(
        en["siteCases.status.fixed"],
      );
      expect(await axeViolations(page)).toEqual([]);
      expectNoProblems(operator.problems);

      // The desk closes the case; the report closes with it.
      await visit(desk.page, siteCaseUrl);
      await expect(desk.page.locator("#site-case-status").textContent()).resolves.toBe(
        ja["siteCases.status.fixed"],
      );
      expect(await axeViolations(desk.page)).toEqual([]);
      await desk.screenshot("site-cases-desk-ja");
      await desk.page
        .getByLabel(ja["siteCases.actions.closeMessage"])
        .fill("運営者が修正を確認しました。");
      await submit(desk.page, ja["siteCases.actions.close"]);
      await expect(desk.page.locator("#site-case-status").textContent()).resolves.toBe(
        ja["siteCases.status.closed"],
      );
      expectNoProblems(desk.problems);

      const finder = await openPage(browser, "site-cases-finder", { locale: "ja-JP" });
      await signInBrowser(finder.context, finderSession);
      await visit(finder.page, `${server.url}/reports/${reportId}`);
      await expect(finder.page.locator("#report-status").textContent()).resolves.toBe(
        ja["reports.status.closed"],
      );
      await expect(
        finder.page.getByText(ja["desk.outcome.fixed"], { exact: true }).count(),
      ).resolves.toBeGreaterThan(0);
      expect(await axeViolations(finder.page)).toEqual([]);
      await finder.screenshot("site-cases-finder-closed-ja");
      expectNoProblems(finder.problems);
      const finderMail = await deliveredMail(server.runtime, "hakken@example.jp");
      expect(finderMail.at(-1)?.text).toContain(`/reports/${reportId}`);
      expect(finderMail.at(-1)?.text).not.toContain(DESCRIPTION);
    },
    FLOW_TIMEOUT,
  );
});
