import { AxeBuilder } from "@axe-core/playwright";
import { generate } from "otplib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/modules/access/actor.ts";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
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
import { PNG_1X1 } from "../support/multipart.ts";

const available = browserAvailable();
const PASSWORD = "Kakehashi-browser-test-R3p0rt";
const FLOW_TIMEOUT = 90_000;
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest" };

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

async function heading(page: Page): Promise<string | null> {
  return page.locator("h1").textContent();
}

describe.skipIf(!available)("the report pages in Chromium", () => {
  let browser: Browser;
  let server: RunningApp;
  let finderSession: string;
  let intakeAdminSession: string;

  async function signInBrowser(context: BrowserContext, sessionToken: string): Promise<void> {
    await context.addCookies([
      { name: SESSION_COOKIE, value: sessionToken, url: server.url, httpOnly: true },
    ]);
  }

  beforeAll(async () => {
    server = await startApp();
    browser = await launchBrowser();
    const { accounts, organizations } = server.runtime.services;
    const desk = await organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
      intake: "受付機関（ブラウザ試験）",
      coordinator: "調整機関（ブラウザ試験）",
    });
    // A finder with a confirmed address (as `kakehashi user create` makes one).
    await accounts.createUser(SYSTEM_ACTOR, {
      email: "hakken@example.jp",
      name: "発見 太郎",
      password: PASSWORD,
      language: "ja",
    });
    finderSession = (
      await accounts.signIn(ORIGIN, { email: "hakken@example.jp", password: PASSWORD })
    ).sessionToken;
    // An intake admin, signed in with TOTP enrolled.
    await accounts.createUser(SYSTEM_ACTOR, {
      email: "intake-admin@example.jp",
      name: "受付 管理者",
      password: PASSWORD,
      language: "ja",
      organizationId: desk.intakeOrganizationId,
      role: "admin",
    });
    const { sessionToken } = await accounts.signIn(ORIGIN, {
      email: "intake-admin@example.jp",
      password: PASSWORD,
    });
    const pending = await accounts.authenticate({ sessionToken }, ORIGIN);
    const { secret } = await accounts.startTotpEnrolment(pending);
    const epoch = Math.floor(server.runtime.clock.now().getTime() / 1000);
    await accounts.confirmTotpEnrolment(pending, await generate({ secret, epoch }));
    intakeAdminSession = sessionToken;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    "lets a finder file a product report in Japanese (form → confirm → send) and the intake admin accept it",
    async () => {
      const finder = await openPage(browser, "reports-finder", { locale: "ja-JP" });
      const { page } = finder;
      await signInBrowser(finder.context, finderSession);

      await visit(page, `${server.url}/reports/new`);
      expect(await heading(page)).toBe(ja["reports.new.title"]);
      expect(await axeViolations(page)).toEqual([]);
      await finder.screenshot("reports-choose-kind-ja");
      await page.getByRole("radio", { name: ja["reports.kind.product"] }).check();
      await submit(page, ja["reports.new.continue"]);

      expect(await heading(page)).toBe(ja["reports.new.productHeading"]);
      await page.locator("#field-title").fill("ルータ管理画面のクロスサイト・スクリプティング");
      await page.locator("#field-productName").fill("Router A100");
      await page.locator("#field-productVersion").fill("1.0〜1.2");
      await page.locator("#field-vendorName").fill("ベンダーA株式会社");
      await page.locator("#field-description").fill("管理画面に格納型 XSS があります。");
      await page
        .locator("#field-reproduction")
        .fill("1. 管理画面にログインする\n2. 機器名に <script> を入れて保存する");
      await page.locator("#field-cwe").fill("CWE-79");
      await page.locator("#field-verificationMethod").fill("alert が表示されることを確認する");
      await page.getByLabel(ja["reports.field.identityToCoordinator"]).check();
      await page.getByLabel(ja["reports.field.credit"]).check();
      await page.locator("#field-creditName").fill("発見 太郎");
      expect(await axeViolations(page)).toEqual([]);
      await finder.screenshot("reports-form-ja");
      await submit(page, ja["reports.new.toConfirm"]);

      expect(await heading(page)).toBe(ja["reports.confirm.title"]);
      await expect(page.getByText(ja["reports.legal.notJudgement"]).count()).resolves.toBe(1);
      await expect(page.getByText(ja["reports.legal.noAccess"]).count()).resolves.toBe(1);
      await expect(page.getByText("Router A100", { exact: true }).count()).resolves.toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await finder.screenshot("reports-confirm-ja");
      await submit(page, ja["reports.confirm.send"]);

      expect(await heading(page)).toBe(ja["reports.receipt.title"]);
      const receipt = (await page.locator("#receipt-number").textContent()) ?? "";
      expect(receipt).toMatch(/^R-\d{4}-\d{6}$/);
      await expect(page.locator("time").first().textContent()).resolves.toMatch(/JST/);
      expect(await axeViolations(page)).toEqual([]);
      await finder.screenshot("reports-receipt-ja");

      // A file added on the receipt, to the report just received: it lands on the report page.
      const reportPath = await page
        .getByRole("link", { name: ja["reports.receipt.link"] })
        .getAttribute("href");
      await page.locator("#field-class").selectOption("verification_method");
      await page.locator("#field-file").setInputFiles({
        name: "画面写し.png",
        mimeType: "image/png",
        buffer: PNG_1X1,
      });
      await submit(page, ja["attachments.upload.submit"]);
      expect(new URL(page.url()).pathname).toBe(reportPath);
      await expect(page.getByText(ja["attachments.notice.attached"]).count()).resolves.toBe(1);
      const attachmentRow = page.locator("#report-attachments-table tbody tr");
      await expect(attachmentRow.count()).resolves.toBe(1);
      await expect(attachmentRow.locator("td").first().textContent()).resolves.toBe("画面写し.png");
      await expect(page.locator("#report-status").textContent()).resolves.toBe(
        ja["reports.status.submitted"],
      );
      // The link downloads the file (never shows it), under its Japanese name.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        attachmentRow.getByRole("link").click(),
      ]);
      expect(download.suggestedFilename()).toBe("画面写し.png");
      expect(await axeViolations(page)).toEqual([]);
      await finder.screenshot("reports-report-finder-ja");
      expectNoProblems(finder.problems);

      const desk = await openPage(browser, "reports-desk", { locale: "ja-JP" });
      await signInBrowser(desk.context, intakeAdminSession);
      await visit(desk.page, `${server.url}/reports`);
      expect(await heading(desk.page)).toBe(ja["reports.list.queueTitle"]);
      expect(await axeViolations(desk.page)).toEqual([]);
      await desk.screenshot("reports-queue-ja");
      // The queue's filters: a GET form whose choices stay in the address.
      await desk.page.locator("#filter-status-submitted").check();
      await desk.page.locator("#field-sort").selectOption("oldest");
      await submit(desk.page, ja["reports.filter.submit"]);
      expect(desk.page.url()).toContain("status=submitted");
      expect(desk.page.url()).toContain("sort=oldest");
      await expect(desk.page.locator("#filter-status-submitted").isChecked()).resolves.toBe(true);
      await expect(desk.page.getByText(ja["desk.ack.within"]).count()).resolves.toBe(1);
      expect(await axeViolations(desk.page)).toEqual([]);
      await Promise.all([
        desk.page.waitForURL(/\/reports\/[\w-]+$/),
        desk.page.getByRole("link", { name: receipt }).click(),
      ]);
      await settle(desk.page);
      expect(await axeViolations(desk.page)).toEqual([]);
      await desk.screenshot("reports-report-desk-ja");
      await submit(desk.page, ja["reports.actions.accept"]);
      await expect(desk.page.locator("#report-status").textContent()).resolves.toBe(
        ja["reports.status.accepted"],
      );
      await expect(desk.page.getByText(ja["reports.notice.done"]).count()).resolves.toBe(1);
      expect(await axeViolations(desk.page)).toEqual([]);
      await desk.screenshot("reports-report-accepted-ja");
      // A close template, filled in by the server (no script), in the finder's language.
      await desk.page.locator("#template-close").selectOption("close.out_of_scope");
      await Promise.all([
        desk.page.waitForNavigation({ waitUntil: "load" }),
        desk.page.locator("form.template-picker:has(#template-close) button").click(),
      ]);
      await settle(desk.page);
      await expect(desk.page.locator("#field-closeReason").inputValue()).resolves.toBe(
        "out_of_scope",
      );
      await expect(desk.page.locator("#field-closeMessage").inputValue()).resolves.toBe(
        ja["desk.template.close.out_of_scope.body"].replace("{receipt}", receipt),
      );
      expect(await axeViolations(desk.page)).toEqual([]);
      await desk.screenshot("reports-report-close-template-ja");
      expectNoProblems(desk.problems);
    },
    FLOW_TIMEOUT,
  );
});
