import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import type { MessageKey } from "../../src/platform/i18n/i18n.ts";
import { type Cast, createCast, deliveredMail, signIn } from "../support/actors.ts";
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

/**
 * Issue 5 in English: a finder files a web report through the pages, answers the desk's request
 * for information, and follows it to the operator's fix; the desk works it from its filtered
 * queue, forwards it to the operator chosen from the directory and closes the site case. A
 * product report closed as out of scope shows its reason. Every page is checked with axe.
 */

const available = browserAvailable();
const FLOW_TIMEOUT = 150_000;

// The web report's texts: none of them may appear in a mail to the finder (R-SEC-3).
const WEB = {
  title: "SQL injection in the order search",
  // The cast's site operator has the domain shop.example: the forward form offers it.
  siteUrl: "https://www.shop.example/orders/search",
  description: "The order search builds its SQL query from the search term.",
  reproduction: "Search for a single quote; a database error is shown.",
  verificationMethod: "Only a quote triggers the error; nothing was read from the database.",
  answer: "Tested with Firefox 128 on Debian 12 against the public search page, logged out.",
};
const DESK_CLOSE_MESSAGE = "The operator confirmed the fix of the order search.";
const PRODUCT = {
  title: "Weak default password on the camera",
  description: "The camera ships with the same administrator password on every unit.",
  closeMessage: "This camera is not sold or used in Japan, so it is outside this framework.",
};

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

/** Chooses a message template above one action's form; the server fills it in. */
async function useTemplate(page: Page, pickerId: string, template: string): Promise<void> {
  await page.locator(`#${pickerId}`).selectOption(template);
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.locator(`form.template-picker:has(#${pickerId}) button`).click(),
  ]);
  await settle(page);
}

async function heading(page: Page): Promise<string | null> {
  return page.locator("h1").textContent();
}

async function status(page: Page): Promise<string | null> {
  return page.locator("#report-status").textContent();
}

/** The text of the summary's value beside `label` (a <dt>/<dd> pair). */
async function summaryValue(page: Page, label: string): Promise<string | null> {
  return page
    .locator("#report-summary dt", { hasText: label })
    .locator("xpath=following-sibling::dd[1]")
    .textContent();
}

describe.skipIf(!available)("the intake desk and the finder in English, in Chromium", () => {
  let browser: Browser;
  let server: RunningApp;
  let cast: Cast;
  let finderSession: string;
  let deskSession: string;
  let productReport: { id: string; receiptNumber: string };

  async function signInBrowser(context: BrowserContext, sessionToken: string): Promise<void> {
    await context.addCookies([
      { name: SESSION_COOKIE, value: sessionToken, url: server.url, httpOnly: true },
    ]);
  }

  /** The finder's mails about the report with this receipt number. */
  async function finderMails(receipt: string) {
    const mails = await deliveredMail(server.runtime, cast.users.finder.email);
    return mails.filter((mail) => mail.text.includes(receipt));
  }

  async function sessionOf(user: Cast["users"]["finder"]): Promise<string> {
    const session = await signIn(server.app, server.runtime, user);
    if (!session.sessionToken) throw new Error(`no session for ${user.email}`);
    return session.sessionToken;
  }

  beforeAll(async () => {
    server = await startApp();
    browser = await launchBrowser();
    // The cast's users write English; its site operator covers shop.example.
    cast = await createCast(server.runtime);
    finderSession = await sessionOf(cast.users.finder);
    // A desk member (not an admin): it reads a report's text only once assigned (R-SEC-1).
    deskSession = await sessionOf(cast.users.intakeMember);
    // An earlier product report in the queue, which the kind filter must leave out.
    const finder = await cast.actorOf(cast.users.finder);
    productReport = await server.runtime.services.reports.submit(finder, {
      kind: "product",
      title: PRODUCT.title,
      productName: "Camera X9",
      productVersion: "2.0",
      description: PRODUCT.description,
      reproduction: "Sign in as admin with the password printed in the manual.",
      consent: {
        identityToCoordinator: false,
        identityToVendor: false,
        directContact: false,
        credit: null,
      },
    });
  }, FLOW_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    "takes an English web report from the finder's form through a request for information, the answer, the forward to the directory's operator and its fix to the finder's closed report, with mails that carry no report text",
    async () => {
      // 1. The finder files the web report: kind → form → confirmation → receipt.
      const finder = await openPage(browser, "intake-finder", { locale: "en-US" });
      const { page } = finder;
      await signInBrowser(finder.context, finderSession);
      await visit(page, `${server.url}/reports/new`);
      expect(await heading(page)).toBe(en["reports.new.title"]);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("radio", { name: en["reports.kind.web"] }).check();
      await submit(page, en["reports.new.continue"]);

      expect(await heading(page)).toBe(en["reports.new.webHeading"]);
      await page.locator("#field-title").fill(WEB.title);
      await page.locator("#field-siteUrl").fill(WEB.siteUrl);
      await page.locator("#field-description").fill(WEB.description);
      await page.locator("#field-reproduction").fill(WEB.reproduction);
      await page.locator("#field-cwe").fill("CWE-89");
      await page.locator("#field-verificationMethod").fill(WEB.verificationMethod);
      await page.getByLabel(en["reports.field.identityToOperator"]).check();
      expect(await axeViolations(page)).toEqual([]);
      await finder.screenshot("intake-web-form-en");
      await submit(page, en["reports.new.toConfirm"]);

      expect(await heading(page)).toBe(en["reports.confirm.title"]);
      await expect(page.getByText(en["reports.legal.notJudgement"]).count()).resolves.toBe(1);
      await expect(page.getByText(WEB.siteUrl, { exact: true }).count()).resolves.toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await submit(page, en["reports.confirm.send"]);

      expect(await heading(page)).toBe(en["reports.receipt.title"]);
      const receipt = (await page.locator("#receipt-number").textContent()) ?? "";
      expect(receipt).toMatch(/^R-\d{4}-\d{6}$/);
      // The receipt time, in English, says its time zone.
      await expect(page.locator("time").first().textContent()).resolves.toMatch(/GMT\+9|JST/);
      expect(await axeViolations(page)).toEqual([]);
      await finder.screenshot("intake-web-receipt-en");
      const reportPath =
        (await page.getByRole("link", { name: en["reports.receipt.link"] }).getAttribute("href")) ??
        "";
      expect(reportPath).toMatch(/^\/reports\/[\w-]+$/);

      // 2. The desk filters its queue to web reports, takes the report and asks for more.
      const desk = await openPage(browser, "intake-desk", { locale: "en-US" });
      await signInBrowser(desk.context, deskSession);
      await visit(desk.page, `${server.url}/reports`);
      expect(await heading(desk.page)).toBe(en["reports.list.queueTitle"]);
      await expect(
        desk.page.getByRole("link", { name: productReport.receiptNumber }).count(),
      ).resolves.toBe(1);
      await desk.page.locator("#field-kind").selectOption("web");
      await submit(desk.page, en["reports.filter.submit"]);
      expect(new URL(desk.page.url()).searchParams.get("kind")).toBe("web");
      await expect(
        desk.page.getByRole("link", { name: productReport.receiptNumber }).count(),
      ).resolves.toBe(0);
      expect(await axeViolations(desk.page)).toEqual([]);
      await desk.screenshot("intake-queue-web-en");
      await Promise.all([
        desk.page.waitForURL(/\/reports\/[\w-]+$/),
        desk.page.getByRole("link", { name: receipt }).click(),
      ]);
      await settle(desk.page);
      expect(new URL(desk.page.url()).pathname).toBe(reportPath);
      // Unassigned, a desk member sees the metadata only.
      await expect(desk.page.getByText(en["reports.detail.metadataOnly"]).count()).resolves.toBe(1);
      await submit(desk.page, en["reports.actions.assignMe"]);
      await expect(summaryValue(desk.page, en["reports.detail.assignee"])).resolves.toBe(
        en["reports.list.assignee.me"],
      );
      await expect(desk.page.getByText(WEB.description).count()).resolves.toBe(1);
      await useTemplate(desk.page, "template-requestInfo", "request_info.details");
      const request = en["desk.template.request_info.details.body"].replace("{receipt}", receipt);
      await expect(desk.page.locator("#field-infoMessage").inputValue()).resolves.toBe(request);
      expect(await axeViolations(desk.page)).toEqual([]);
      await desk.screenshot("intake-request-info-template-en");
      await submit(desk.page, en["reports.actions.requestInfo"]);
      await expect(status(desk.page)).resolves.toBe(en["reports.status.needs_info"]);

      // 3. The finder reads the request beside the status and answers through the page.
      await visit(page, `${server.url}${reportPath}`);
      await expect(status(page)).resolves.toBe(en["reports.status.needs_info"]);
      const thread = page.locator("#report-messages .message-thread li");
      await expect(thread.count()).resolves.toBe(1);
      await expect(thread.first().textContent()).resolves.toContain(
        en["reports.detail.from.intake"],
      );
      await expect(thread.first().textContent()).resolves.toContain(
        "the environment you used (operating system, browser, product settings)",
      );
      await expect(
        page.locator("#report-history-table").getByText(en["desk.history.needsInfo"]).count(),
      ).resolves.toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await finder.screenshot("intake-needs-info-en");
      await page.locator("#field-reproduction").fill(`${WEB.reproduction}\n${WEB.answer}`);
      await submit(page, en["reports.detail.resubmitSend"]);
      await expect(status(page)).resolves.toBe(en["reports.status.submitted"]);
      await expect(page.getByText(WEB.answer).count()).resolves.toBe(1);
      await expect(page.locator("#report-resubmit").count()).resolves.toBe(0);

      // 4. The desk accepts it and forwards it to the operator the directory matches.
      await visit(desk.page, `${server.url}${reportPath}`);
      await expect(status(desk.page)).resolves.toBe(en["reports.status.submitted"]);
      await expect(desk.page.getByText(WEB.answer).count()).resolves.toBe(1);
      await submit(desk.page, en["reports.actions.accept"]);
      await expect(status(desk.page)).resolves.toBe(en["reports.status.accepted"]);
      await expect(
        desk.page
          .getByText(en["desk.forward.matches"].replace("{host}", "www.shop.example"))
          .count(),
      ).resolves.toBe(1);
      const operator = desk.page.getByRole("radio", { name: "Example Shop Operator" });
      await expect(operator.getAttribute("value")).resolves.toBe(cast.organizations.siteOperator);
      await expect(
        desk.page
          .getByText(en["desk.forward.matchedDomain"].replace("{domain}", "shop.example"))
          .count(),
      ).resolves.toBe(1);
      expect(await axeViolations(desk.page)).toEqual([]);
      await desk.screenshot("intake-forward-en");
      await operator.check();
      await submit(desk.page, en["reports.actions.forward"]);
      await expect(status(desk.page)).resolves.toBe(en["reports.status.forwarded"]);
      // The report names the web case by its receipt number and links to it.
      const siteCaseLink = desk.page.locator("#report-summary a[href^='/site-cases/']");
      await expect(siteCaseLink.textContent()).resolves.toContain("R-");
      const siteCaseId = ((await siteCaseLink.getAttribute("href")) ?? "").replace(
        "/site-cases/",
        "",
      );
      expect(siteCaseId).not.toBe("");

      // 5. The operator (through the service) acknowledges and reports the fix; the desk closes.
      const { siteCases } = server.runtime.services;
      const operatorMember = await cast.actorOf(cast.users.siteOperator);
      await siteCases.acknowledge(operatorMember, siteCaseId);
      await siteCases.reportResult(operatorMember, siteCaseId, {
        result: "fixed",
        fixMethod: "app_fixed",
        details: "The order search now uses a parameterised query.",
      });
      await visit(desk.page, `${server.url}/site-cases/${siteCaseId}`);
      await expect(desk.page.locator("#site-case-status").textContent()).resolves.toBe(
        en["siteCases.status.fixed"],
      );
      await expect(desk.page.locator("#field-reason").inputValue()).resolves.toBe("fixed");
      const mailsBeforeClose = (await finderMails(receipt)).length;
      await desk.page.getByLabel(en["siteCases.actions.closeMessage"]).fill(DESK_CLOSE_MESSAGE);
      expect(await axeViolations(desk.page)).toEqual([]);
      await submit(desk.page, en["siteCases.actions.close"]);
      await expect(desk.page.locator("#site-case-status").textContent()).resolves.toBe(
        en["siteCases.status.closed"],
      );
      expectNoProblems(desk.problems);

      // The finder's page: closed, and the outcome in words (R-INT-9), in the history too.
      await visit(page, `${server.url}${reportPath}`);
      await expect(status(page)).resolves.toBe(en["reports.status.closed"]);
      await expect(summaryValue(page, en["reports.detail.closeReason"])).resolves.toBe(
        en["desk.outcome.fixed"],
      );
      const history = page.locator("#report-history-table tbody tr");
      await expect(history.last().textContent()).resolves.toContain(en["reports.status.closed"]);
      await expect(history.last().textContent()).resolves.toContain(en["desk.outcome.fixed"]);
      expect(await axeViolations(page)).toEqual([]);
      await finder.screenshot("intake-web-closed-en");

      // Following the reports: the finder's list shows each with its status.
      await visit(page, `${server.url}/reports`);
      const row = page.locator("#reports tbody tr", { hasText: receipt });
      await expect(row.textContent()).resolves.toContain(en["reports.status.closed"]);
      expect(await axeViolations(page)).toEqual([]);
      expectNoProblems(finder.problems);

      // Every step was mailed (received, request, acceptance, forward, close), in English, with
      // the link to sign in and none of the report's or the desk's words. The outbox names its
      // files by id, not by time, so the mails are counted rather than ordered.
      const mails = await finderMails(receipt);
      expect(mails.length).toBeGreaterThan(mailsBeforeClose);
      expect(mails.length).toBeGreaterThanOrEqual(5);
      const subjects = mails.map((mail) => mail.subject);
      // Each mail says what happened (issue 13 item 2), once.
      const said = (key: MessageKey) =>
        en[key].replace("{receiptNumber}", receipt).replace("{outcome}", en["desk.outcome.fixed"]);
      for (const key of [
        "mail.reportReceived.subject",
        "mail.reportInfoRequested.subject",
        "mail.reportAccepted.subject",
        "mail.reportForwardedToOperator.subject",
        "mail.reportClosed.subject",
      ] as const) {
        expect(subjects.filter((subject) => subject === said(key))).toHaveLength(1);
      }
      for (const mail of mails) {
        expect(mail.text).toContain(`${reportPath}`);
        for (const secret of [
          WEB.title,
          WEB.siteUrl,
          "shop.example",
          WEB.description,
          WEB.reproduction,
          WEB.verificationMethod,
          WEB.answer,
          request,
          DESK_CLOSE_MESSAGE,
        ])
          expect(mail.text).not.toContain(secret);
      }
    },
    FLOW_TIMEOUT,
  );

  it(
    "shows the finder, in English, that the desk closed a product report as out of scope, with the desk's message",
    async () => {
      const desk = await openPage(browser, "intake-desk-close", { locale: "en-US" });
      await signInBrowser(desk.context, deskSession);
      const reportPath = `/reports/${productReport.id}`;
      await visit(desk.page, `${server.url}${reportPath}`);
      await submit(desk.page, en["reports.actions.assignMe"]);
      await submit(desk.page, en["reports.actions.accept"]);
      await expect(status(desk.page)).resolves.toBe(en["reports.status.accepted"]);
      await desk.page.locator("#field-closeReason").selectOption("out_of_scope");
      await desk.page.locator("#field-closeMessage").fill(PRODUCT.closeMessage);
      expect(await axeViolations(desk.page)).toEqual([]);
      await submit(desk.page, en["reports.actions.close"]);
      await expect(status(desk.page)).resolves.toBe(en["reports.status.closed"]);
      expectNoProblems(desk.problems);

      const finder = await openPage(browser, "intake-finder-closed", { locale: "en-US" });
      await signInBrowser(finder.context, finderSession);
      await visit(finder.page, `${server.url}${reportPath}`);
      await expect(status(finder.page)).resolves.toBe(en["reports.status.closed"]);
      await expect(summaryValue(finder.page, en["reports.detail.closeReason"])).resolves.toBe(
        en["reports.closeReason.out_of_scope"],
      );
      const history = finder.page.locator("#report-history-table tbody tr");
      await expect(history.last().textContent()).resolves.toContain(
        en["reports.closeReason.out_of_scope"],
      );
      const thread = finder.page.locator("#report-messages .message-thread li");
      await expect(thread.last().textContent()).resolves.toContain(PRODUCT.closeMessage);
      expect(await axeViolations(finder.page)).toEqual([]);
      await finder.screenshot("intake-product-out-of-scope-en");
      expectNoProblems(finder.problems);

      const mails = await finderMails(productReport.receiptNumber);
      expect(mails.length).toBeGreaterThanOrEqual(2);
      for (const mail of mails) {
        expect(mail.text).not.toContain(PRODUCT.title);
        expect(mail.text).not.toContain(PRODUCT.description);
        expect(mail.text).not.toContain(PRODUCT.closeMessage);
      }
    },
    FLOW_TIMEOUT,
  );
});
