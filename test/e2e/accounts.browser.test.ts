import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { simpleParser } from "mailparser";
import { generate } from "otplib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/modules/access/actor.ts";
import { en } from "../../src/platform/i18n/en.ts";
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
const PASSWORD = "Bridge-of-trust-2026!";
/** A whole flow drives several pages, argon2 and axe: more than the default 30 s on a busy machine. */
const FLOW_TIMEOUT = 90_000;

/** What axe found at WCAG 2.1 A and AA, one readable line per failing element. */
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

async function heading(page: Page): Promise<string | null> {
  return page.locator("h1").textContent();
}

/** Submits the form of the button and waits for the page it leads to. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await settle(page);
}

describe.skipIf(!available)("the account pages in Chromium", () => {
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

  /** Delivers due mail (the harness starts no runner) and returns the link mailed to the address. */
  async function mailedLink(address: string, pathName: string): Promise<string> {
    await server.runtime.jobRunner.runDue();
    const folder = path.join(server.runtime.dataDir, "outbox-mail");
    const links: string[] = [];
    for (const name of fs.readdirSync(folder).filter((file) => file.endsWith(".eml"))) {
      const mail = await simpleParser(fs.readFileSync(path.join(folder, name)));
      const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
      const match = new RegExp(`https?://[^/\\s]+(${pathName}\\?token=[\\w-]+)`).exec(
        mail.text ?? "",
      );
      if (to?.text === address && match?.[1]) links.push(match[1]);
    }
    expect(links).toHaveLength(1);
    // The mail names PUBLIC_URL; the app under test listens elsewhere.
    return `${server.url}${links[0]}`;
  }

  /** The code the authenticator app would show now, by the server's (manual) clock. */
  function totpCode(secret: string): Promise<string> {
    return generate({
      secret,
      epoch: Math.floor(server.runtime.clock.now().getTime() / 1000),
    });
  }

  it(
    "lets a finder sign up in Japanese, confirm the address from the mailed link, sign in and see the account",
    async () => {
      const { page, problems, screenshot } = await openPage(browser, "accounts-finder", {
        locale: "ja-JP",
      });
      const email = "finder@example.jp";
      await visit(page, `${server.url}/signup`);
      expect(await page.locator("html").getAttribute("lang")).toBe("ja");
      expect(await heading(page)).toBe(ja["accounts.signup.title"]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot("accounts-signup-ja");

      await page.getByLabel(ja["accounts.field.name"]).fill("発見 太郎");
      await page.getByLabel(ja["accounts.field.email"]).fill(email);
      await page.getByLabel(ja["accounts.field.password"]).fill(PASSWORD);
      // The language defaults to the page's.
      expect(await page.getByLabel(ja["accounts.field.language"]).inputValue()).toBe("ja");
      await submit(page, ja["accounts.signup.submit"]);
      expect(await heading(page)).toBe(ja["accounts.signupSent.title"]);
      await expect(page.getByText(email, { exact: false }).count()).resolves.toBeGreaterThan(0);
      await screenshot("accounts-signup-sent-ja");

      const link = await mailedLink(email, "/verify-email");
      await visit(page, link);
      expect(await heading(page)).toBe(ja["accounts.verifyEmail.title"]);
      await screenshot("accounts-verify-email-ja");
      await submit(page, ja["accounts.verifyEmail.submit"]);
      expect(await heading(page)).toBe(ja["accounts.verifyEmailDone.title"]);

      await Promise.all([
        page.waitForURL(`${server.url}/signin`),
        page.locator("main").getByRole("link", { name: ja["accounts.signin.link"] }).click(),
      ]);
      await settle(page);
      await page.getByLabel(ja["accounts.field.email"]).fill(email);
      await page.getByLabel(ja["accounts.field.password"]).fill(PASSWORD);
      await submit(page, ja["accounts.signin.submit"]);
      // A finder lands on their reports, and finds the account in the navigation.
      expect(new URL(page.url()).pathname).toBe("/reports");
      expect(await heading(page)).toBe(ja["reports.list.mineTitle"]);
      await visit(page, `${server.url}/account`);
      expect(await heading(page)).toBe(ja["accounts.account.title"]);
      await expect(page.getByText(ja["accounts.account.email.verified"]).count()).resolves.toBe(1);
      expect(await page.getByLabel(ja["accounts.field.name"]).inputValue()).toBe("発見 太郎");
      await screenshot("accounts-account-ja");
      expectNoProblems(problems);
    },
    FLOW_TIMEOUT,
  );

  it(
    "takes an organization member through TOTP enrolment at first sign-in, then asks for a code at the next sign-in",
    async () => {
      const { runtime } = server;
      const desks = await runtime.services.organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
        intake: "受付窓口",
        coordinator: "調整機関",
      });
      const email = "member@example.jp";
      await runtime.services.accounts.createUser(SYSTEM_ACTOR, {
        email,
        name: "Hanako Chousei",
        password: PASSWORD,
        language: "en",
        organizationId: desks.coordinatorOrganizationId,
        role: "member",
      });

      const { page, problems, screenshot } = await openPage(browser, "accounts-member", {
        locale: "en-US",
      });
      await visit(page, `${server.url}/signin`);
      expect(await heading(page)).toBe(en["accounts.signin.title"]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot("accounts-signin-en");
      await page.getByLabel(en["accounts.field.email"]).fill(email);
      await page.getByLabel(en["accounts.field.password"]).fill(PASSWORD);
      await submit(page, en["accounts.signin.submit"]);

      expect(new URL(page.url()).pathname).toBe("/account/two-factor");
      expect(await heading(page)).toBe(en["accounts.twoFactor.title"]);
      const qr = page.getByRole("img", { name: en["accounts.twoFactor.qrAlt"] });
      expect(
        await qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0),
      ).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot("accounts-two-factor-en");
      const secret = ((await page.locator("#totp-secret").textContent()) ?? "").replace(/\s/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

      await page.getByLabel(en["accounts.twoFactor.code"]).fill(await totpCode(secret));
      await submit(page, en["accounts.twoFactor.submit"]);
      expect(await heading(page)).toBe(en["accounts.recoveryCodes.title"]);
      const codes = await page.locator("ol.recovery-codes code").allTextContents();
      expect(codes).toHaveLength(10);
      for (const code of codes) expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
      await expect(page.getByText(en["accounts.recoveryCodes.warning"]).count()).resolves.toBe(1);
      await screenshot("accounts-recovery-codes-en");

      // The coordinator's work is the cases: the way on leads there.
      await Promise.all([
        page.waitForURL(`${server.url}/cases`),
        page.getByRole("link", { name: en["accounts.recoveryCodes.continue"] }).click(),
      ]);
      await visit(page, `${server.url}/account`);
      await expect(page.getByText(en["accounts.account.twoFactor.enabled"]).count()).resolves.toBe(
        1,
      );

      await submit(page, en["nav.signOut"]);
      expect(new URL(page.url()).pathname).toBe("/");

      // A code is good once; the next sign-in uses the next 30-second step.
      runtime.clock.advance(30_000);
      await visit(page, `${server.url}/signin`);
      await page.getByLabel(en["accounts.field.email"]).fill(email);
      await page.getByLabel(en["accounts.field.password"]).fill(PASSWORD);
      await submit(page, en["accounts.signin.submit"]);
      expect(new URL(page.url()).pathname).toBe("/signin/second-factor");
      expect(await heading(page)).toBe(en["accounts.secondFactor.title"]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot("accounts-second-factor-en");
      await page.getByLabel(en["accounts.secondFactor.code"]).fill(await totpCode(secret));
      await submit(page, en["accounts.secondFactor.submit"]);
      expect(new URL(page.url()).pathname).toBe("/cases");
      expectNoProblems(problems);
    },
    FLOW_TIMEOUT,
  );

  it(
    "puts form errors in a summary that takes the focus and links to the field, without axe violations",
    async () => {
      const { page, problems, screenshot } = await openPage(browser, "accounts-signup-errors", {
        locale: "ja-JP",
      });
      await visit(page, `${server.url}/signup`);
      await page.getByLabel(ja["accounts.field.name"]).fill("発見 次郎");
      await page.getByLabel(ja["accounts.field.email"]).fill("jiro@example.jp");
      await page.getByLabel(ja["accounts.field.password"]).fill("short");
      await submit(page, ja["accounts.signup.submit"]);

      expect(await page.title()).toBe(
        ja["accounts.errorTitle"].replace("{title}", ja["accounts.signup.title"]),
      );
      const summary = page.getByRole("alert");
      await expect(summary.textContent()).resolves.toContain(
        ja["accounts.error.password.tooShort"],
      );
      await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
      expect(await page.getByLabel(ja["accounts.field.name"]).inputValue()).toBe("発見 次郎");
      expect(await page.getByLabel(ja["accounts.field.password"]).inputValue()).toBe("");
      expect(await axeViolations(page)).toEqual([]);
      await screenshot("accounts-signup-errors-ja");

      await summary.getByRole("link").click();
      await page.waitForFunction(() => document.activeElement?.id === "field-password");

      // The refusal is a 422 document: the only "failed" request, and nothing else went wrong.
      expect(problems.failedRequests).toEqual([`POST ${server.url}/signup: 422`]);
      expect(problems.consoleErrors.filter((entry) => !/status of 422/.test(entry))).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
      expect(problems.cspViolations).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
