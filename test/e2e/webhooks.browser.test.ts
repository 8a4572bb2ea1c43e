import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import { ja } from "../../src/platform/i18n/ja.ts";
import { type Cast, createCast, createTestUser, signIn, type TestUser } from "../support/actors.ts";
import {
  axeViolations,
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

describe.skipIf(!available)("an organization admin's webhook pages in Chromium", () => {
  let server: RunningApp;
  let browser: Browser;
  let cast: Cast;
  let japaneseAdmin: TestUser;
  let receiver: http.Server;
  let receiverUrl = "";
  const answers: number[] = [];
  const received: string[] = [];

  const sessionOf = async (user: TestUser) =>
    (await signIn(server.app, server.runtime, user)).sessionToken ?? "";

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"));
        response.writeHead(answers.shift() ?? 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    server = await startApp({ config: { webhooksAllowHttp: true } });
    browser = await launchBrowser();
    cast = await createCast(server.runtime);
    japaneseAdmin = await createTestUser(server.runtime, {
      email: "kanri@vendor-a.example",
      name: "管理 太郎",
      language: "ja",
      organizationId: cast.organizations.vendorA,
      role: "admin",
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it("registers an endpoint, shows its secret once, sends a test and logs the failure and the retry", async () => {
    const { context, page, problems, screenshot } = await openPage(browser, "webhooks-en", {
      locale: "en-US",
      viewport: { width: 1280, height: 900 },
    });
    const token = await sessionOf(cast.users.vendorAAdmin);
    await context.addCookies([
      { name: SESSION_COOKIE, value: token, url: server.url, httpOnly: true },
    ]);
    await visit(page, `${server.url}/organization`);
    await Promise.all([
      page.waitForURL(/\/organization\/webhooks$/),
      page.getByRole("link", { name: en["webhooks.organizationLink"] }).click(),
    ]);
    await settle(page);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      en["webhooks.heading"],
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel(en["webhooks.field.url"]).fill(receiverUrl);
    await page.getByLabel(en["webhooks.field.description"]).fill("Ticketing system");
    await page.getByLabel(en["webhooks.event.case.notified"]).check();
    await page.getByLabel(en["webhooks.event.case.published"]).check();
    // The answer to the form is the endpoint's page with the secret (no redirect: no secret in a URL).
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.getByRole("button", { name: en["webhooks.create.submit"] }).click(),
    ]);
    await page.waitForLoadState("load");
    await settle(page);
    const secret = (await page.locator("#webhook-secret").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByText(en["webhooks.secret.once"]).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const endpointId = (
      await server.runtime.services.webhooks.list(await cast.actorOf(cast.users.vendorAAdmin))
    )[0]?.id;
    const detail = `${server.url}/organization/webhooks/${endpointId}`;

    // Shown once: the endpoint's page never shows it again.
    await visit(page, detail);
    await expect(page.locator("#webhook-secret").count()).resolves.toBe(0);
    expect(await page.content()).not.toContain(secret);

    answers.push(500);
    await Promise.all([
      page.waitForURL(/done=test/),
      page.getByRole("button", { name: en["webhooks.test.submit"] }).click(),
    ]);
    await settle(page);
    await expect(page.getByText(en["webhooks.notice.test"]).isVisible()).resolves.toBe(true);
    await server.runtime.jobRunner.runDue();
    await visit(page, detail);
    const row = page.locator("#webhook-deliveries tbody tr").first();
    await expect(row.textContent()).resolves.toContain(en["webhooks.deliveries.status.pending"]);
    await expect(row.textContent()).resolves.toContain("HTTP 500");
    await expect(row.textContent()).resolves.toContain("GMT+9");

    server.runtime.clock.advance(31_000);
    await server.runtime.jobRunner.runDue();
    await visit(page, detail);
    await expect(row.textContent()).resolves.toContain(en["webhooks.deliveries.status.delivered"]);
    await expect(row.locator("td").nth(3).textContent()).resolves.toBe("2");
    expect(received).toHaveLength(2);
    expect(JSON.parse(received[1] ?? "{}").type).toBe("webhook.test");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot("webhooks-delivery-log-en");
    expectNoProblems(problems);
  });

  it("shows the pages in Japanese and the refusals beside the form", async () => {
    const { context, page, screenshot } = await openPage(browser, "webhooks-ja", {
      locale: "ja-JP",
      viewport: { width: 1280, height: 900 },
    });
    const token = await sessionOf(japaneseAdmin);
    await context.addCookies([
      { name: SESSION_COOKIE, value: token, url: server.url, httpOnly: true },
    ]);
    await visit(page, `${server.url}/organization/webhooks`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      ja["webhooks.heading"],
    );
    await expect(page.getByText(ja["webhooks.lead"]).isVisible()).resolves.toBe(true);
    await page.getByLabel(ja["webhooks.field.url"]).fill("https://user:pw@hooks.example.com/");
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.getByRole("button", { name: ja["webhooks.create.submit"] }).click(),
    ]);
    await page.waitForLoadState("load");
    await settle(page);
    const summary = page.locator(".error-summary");
    await expect(summary.textContent()).resolves.toContain(ja["webhooks.error.credentials"]);
    await expect(summary.textContent()).resolves.toContain(ja["webhooks.error.events"]);
    // What was typed stays in the form.
    await expect(page.getByLabel(ja["webhooks.field.url"]).inputValue()).resolves.toBe(
      "https://user:pw@hooks.example.com/",
    );
    expect(await axeViolations(page)).toEqual([]);

    // The endpoint registered in English is listed, with its events in Japanese.
    const list = page.locator("#webhook-endpoints");
    await expect(list.textContent()).resolves.toContain(ja["webhooks.event.case.notified"]);
    await page.locator("#webhook-endpoints a").first().click();
    await page.waitForURL(/\/organization\/webhooks\/[\w-]+$/);
    await settle(page);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      ja["webhooks.detail.heading"],
    );
    await expect(page.locator("#webhook-deliveries").textContent()).resolves.toContain("JST");
    await expect(page.locator("#webhook-deliveries").textContent()).resolves.toContain(
      ja["webhooks.deliveries.status.delivered"],
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot("webhooks-detail-ja");
  });
});
