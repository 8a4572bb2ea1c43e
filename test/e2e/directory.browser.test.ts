import { AxeBuilder } from "@axe-core/playwright";
import { generateKey, readKey } from "openpgp";
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

const available = browserAvailable();

const PASSWORD = "Kakehashi-browser-test-7Vq2x";

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

/** Waits for the page a form submission leads to. */
async function submitAndWait(page: Page, button: string, url: RegExp): Promise<void> {
  await Promise.all([
    page.waitForURL(url),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await settle(page);
}

describe.skipIf(!available)("the directory and audit pages in Chromium", () => {
  let browser: Browser;
  let server: RunningApp;
  let coordinatorSession: string;
  let intakeAdminSession: string;

  /** A user of that organization, signed in with TOTP enrolled: their session token. */
  async function sessionFor(input: {
    email: string;
    name: string;
    organizationId: string;
    role: "admin" | "member";
  }): Promise<string> {
    const { accounts } = server.runtime.services;
    const origin = { ip: "127.0.0.1", userAgent: "vitest" };
    await accounts.createUser(SYSTEM_ACTOR, { ...input, password: PASSWORD, language: "ja" });
    const { sessionToken } = await accounts.signIn(origin, {
      email: input.email,
      password: PASSWORD,
    });
    const pending = await accounts.authenticate({ sessionToken }, origin);
    const { secret } = await accounts.startTotpEnrolment(pending);
    const epoch = Math.floor(server.runtime.clock.now().getTime() / 1000);
    await accounts.confirmTotpEnrolment(pending, await generate({ secret, epoch }));
    return sessionToken;
  }

  async function signInBrowser(context: BrowserContext, sessionToken: string): Promise<void> {
    await context.addCookies([
      { name: SESSION_COOKIE, value: sessionToken, url: server.url, httpOnly: true },
    ]);
  }

  beforeAll(async () => {
    server = await startApp();
    browser = await launchBrowser();
    const desk = await server.runtime.services.organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
      intake: "受付機関（ブラウザ試験）",
      coordinator: "調整機関（ブラウザ試験）",
    });
    coordinatorSession = await sessionFor({
      email: "coordinator@example.jp",
      name: "調整 花子",
      organizationId: desk.coordinatorOrganizationId,
      role: "member",
    });
    intakeAdminSession = await sessionFor({
      email: "intake-admin@example.jp",
      name: "受付 管理者",
      organizationId: desk.intakeOrganizationId,
      role: "admin",
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lets a coordinator add a vendor with a PGP key, see its fingerprint, record the NDA and open the change history", async () => {
    const { page, context, problems, screenshot } = await openPage(browser, "directory-flow", {
      locale: "ja-JP",
    });
    await signInBrowser(context, coordinatorSession);

    await visit(page, `${server.url}/directory`);
    await expect(page.locator("h1").textContent()).resolves.toBe(ja["directory.heading"]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot("directory-list");

    await page.getByRole("link", { name: ja["directory.add.vendor"] }).click();
    await page.waitForURL(/\/directory\/new\?type=vendor$/);
    await settle(page);
    expect(await page.locator("#field-type").inputValue()).toBe("vendor");

    const { publicKey } = await generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ name: "Globex PSIRT", email: "psirt@globex.example" }],
      // Created before the app's (manual) clock reads "now", so the key is already valid.
      date: new Date(server.runtime.clock.now().getTime() - 60_000),
      format: "armored",
    });
    const fingerprint = (await readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase();
    const grouped = fingerprint.match(/.{4}/g)?.join(" ");

    await page.locator("#field-name").fill("Globex Devices");
    await page
      .locator("#field-contactEmails")
      .fill("psirt@globex.example\nsecurity@globex.example");
    await page
      .locator("#field-products")
      .fill("Globex Camera | cpe:2.3:h:globex:camera:-:*:*:*:*:*:*:*");
    await page.locator("#field-keywords").fill("camera, rtsp");

    // A broken key first: the form comes back with the error summary and the values kept.
    await page.locator("#field-pgpPublicKey").fill("not a key");
    await page.getByRole("button", { name: ja["directory.new.submit"] }).click();
    await page.locator(".error-summary").waitFor();
    await settle(page);
    await expect(page.locator(".error-summary a").textContent()).resolves.toBe(
      ja["directory.error.pgpPublicKey"],
    );
    expect(await page.locator("#field-name").inputValue()).toBe("Globex Devices");
    expect(await page.locator("#field-pgpPublicKey").getAttribute("aria-invalid")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot("directory-new-with-error");
    // The error summary links to the field.
    await page.locator(".error-summary a").click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#field-pgpPublicKey");
    // That 422 answer (and Chromium's console line about it) was the point of the step.
    expect(problems.failedRequests).toEqual([
      expect.stringMatching(/^POST .*\/directory\/new: 422$/),
    ]);
    expect(problems.consoleErrors).toEqual([expect.stringMatching(/status of 422/)]);
    problems.failedRequests.length = 0;
    problems.consoleErrors.length = 0;

    await page.locator("#field-pgpPublicKey").fill(publicKey);
    await submitAndWait(page, ja["directory.new.submit"], /\/directory\/[^/]+\?created=1$/);
    await expect(page.locator("h1").textContent()).resolves.toBe("Globex Devices");
    await expect(page.locator(".notice").textContent()).resolves.toBe(
      ja["directory.notice.created"],
    );
    await expect(page.locator("#overview .mono").first().textContent()).resolves.toBe(grouped);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot("directory-organization");

    await page.locator("#field-signedAt").fill("2026-11-20");
    await page.locator("#field-version").fill("2026年版 第1.0版");
    await submitAndWait(page, ja["directory.nda.form.submit"], /\?nda=1$/);
    await expect(page.locator(".notice").textContent()).resolves.toBe(ja["directory.notice.nda"]);
    await expect(page.locator("#nda dl").textContent()).resolves.toContain("2026年11月20日");
    await expect(page.locator("#nda dl").textContent()).resolves.toContain("2026年版 第1.0版");

    await page
      .getByRole("navigation", { name: ja["directory.detail.contents"] })
      .getByRole("link", { name: ja["directory.history.heading"] })
      .click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#history");
    const history = page.locator("#history-table tbody tr");
    await expect(history.first().locator("th").textContent()).resolves.toBe(
      ja["directory.nda.heading"],
    );
    await expect(history.first().textContent()).resolves.toContain("調整 花子");
    await expect(history.first().textContent()).resolves.toContain("2026年版 第1.0版");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot("directory-organization-history");

    expectNoProblems(problems);
  });

  it("shows an intake admin the audit log, filtered by the form", async () => {
    const { page, context, problems, screenshot } = await openPage(browser, "audit-log", {
      locale: "ja-JP",
    });
    await signInBrowser(context, intakeAdminSession);

    await visit(page, `${server.url}/admin/audit`);
    await expect(page.locator("h1").textContent()).resolves.toBe(ja["audit.heading"]);
    expect(await page.locator("#audit-table tbody tr").count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot("audit-log");

    await page.locator("#field-type").fill("organization.");
    await page.locator("#field-from").fill("2026-11-25");
    await submitAndWait(page, ja["audit.filter.submit"], /type=organization\./);
    // Each type is shown by its label, the type itself in small print below it.
    const types = await page
      .locator("#audit-table tbody tr td:nth-of-type(2) code")
      .allTextContents();
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((type) => type.startsWith("organization."))).toBe(true);
    await expect(page.locator("#audit-table caption").textContent()).resolves.toBe(
      ja["audit.results.captionFiltered"],
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot("audit-log-filtered");

    expectNoProblems(problems);
  });
});
