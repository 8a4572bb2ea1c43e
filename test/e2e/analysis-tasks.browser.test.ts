import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../../src/modules/access/actor.ts";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import type { Language } from "../../src/platform/i18n/i18n.ts";
import { ja } from "../../src/platform/i18n/ja.ts";
import {
  type Cast,
  createCast,
  createTestUser,
  signIn,
  type TestUser,
  totpCode,
} from "../support/actors.ts";
import {
  type AdvisoryPeople,
  advisoryPeople,
  forwardedCase,
  notifyVendors,
} from "../support/advisories.ts";
import {
  axeViolations,
  browserAvailable,
  browserTestbed,
  expectNoProblems,
  openPage,
  settle,
  visit,
} from "../support/browser.ts";

/**
 * R-ANA-1 in Chromium: the desk assigns an analysis task on a case, its analyst signs in to the
 * queue, reads the case's content on the task's page, adds a finding for the vendors and one
 * not for them and completes the task; the coordinator relays the shared finding, which the
 * case's vendor then reads, while another case's vendor sees nothing of it.
 */
const available = browserAvailable();
const FLOW_TIMEOUT = 180_000;

/** Clicks the button and waits for the page its form leads to (after the redirect). */
async function submit(page: Page, button: string | ReturnType<Page["locator"]>): Promise<void> {
  const target =
    typeof button === "string" ? page.getByRole("button", { name: button, exact: true }) : button;
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), target.click()]);
  await settle(page);
}

describe.skipIf(!available)("analysis tasks in Chromium", () => {
  const bed = browserTestbed();
  let cast: Cast;
  let people: AdvisoryPeople;

  beforeAll(async () => {
    cast = await createCast(bed.server.runtime);
    people = await advisoryPeople(bed.server.runtime, cast);
  }, 120_000);

  /** A browser page signed in with the user's session (cookie), in the user's language. */
  async function pageAs(user: TestUser, name: string, language: Language) {
    const session = await signIn(bed.server.app, bed.server.runtime, user);
    const opened = await openPage(bed.browser, name, {
      locale: language === "ja" ? "ja-JP" : "en-GB",
      viewport: { width: 1280, height: 900 },
    });
    await opened.context.addCookies([
      {
        name: SESSION_COOKIE,
        value: session.sessionToken ?? "",
        url: bed.server.url,
        httpOnly: true,
      },
    ]);
    return opened;
  }

  /** Signs in through the sign-in page and its second factor, as a person would. */
  async function signInThroughPage(
    page: Page,
    user: TestUser,
    words: Record<string, string>,
  ): Promise<void> {
    const { runtime } = bed.server;
    await visit(page, `${bed.server.url}/signin`);
    await page.getByLabel(words["accounts.field.email"] ?? "").fill(user.email);
    await page.getByLabel(words["accounts.field.password"] ?? "").fill(user.password);
    await submit(page, words["accounts.signin.submit"] ?? "");
    expect(new URL(page.url()).pathname).toBe("/signin/second-factor");
    // A code is good once: the next 30-second step.
    runtime.clock.advance(30_000);
    await page
      .getByLabel(words["accounts.secondFactor.code"] ?? "")
      .fill(await totpCode(runtime, user.totpSecret ?? ""));
    await submit(page, words["accounts.secondFactor.submit"] ?? "");
  }

  const notFoundFor = async (context: BrowserContext, path: string) =>
    (await context.request.get(`${bed.server.url}${path}`)).status();

  it.each([
    ["ja", ja, "JST"],
    ["en", en, "GMT+9"],
  ] as const)(
    "takes a task from the desk to the analyst, and its shared finding through the coordinator to the case's vendor only (%s)",
    async (language, words, zone) => {
      const { runtime } = bed.server;
      const { cases } = runtime.services;
      const marker = `${language}-${Math.random().toString(36).slice(2, 8)}`;
      const REPORT_TEXT = `ANA-BROWSER-REPORT-${marker}`;
      const NOTE = `ANA-BROWSER-NOTE-${marker}`;
      const SHARED = `ANA-BROWSER-SHARED-${marker}`;
      const PRIVATE = `ANA-BROWSER-PRIVATE-${marker}`;
      const make = (role: "member" | "analyst" | "admin", org: string, who: string) =>
        createTestUser(runtime, {
          email: `${who}-${marker}@analysis-browser.example`,
          name: `${who} ${marker}`,
          language,
          organizationId: org,
          role,
        });
      const desk = await make("member", cast.organizations.intake, "desk");
      const analyst = await make("analyst", cast.organizations.intake, "analyst");
      const coordinator = await make("member", cast.organizations.coordinator, "coordinator");
      const vendorA = await make("admin", cast.organizations.vendorA, "vendor-a");
      const vendorB = await make("admin", cast.organizations.vendorB, "vendor-b");
      // The analyst's second factor is enrolled once; the browser then signs in with it.
      await signIn(bed.server.app, runtime, analyst);

      // The finder's report comes with a file, which the analyst downloads from the task.
      const { reports, attachments } = runtime.services;
      const { id: reportId } = await reports.submit(people.finder, {
        kind: "product",
        title: "XSS in Router A100 admin console",
        productName: "Router A100",
        productVersion: "1.0.3",
        description: `Stored XSS in the device name. ${REPORT_TEXT}`,
        reproduction: "Add a device named <script> and open the list.",
        consent: {
          identityToCoordinator: true,
          identityToVendor: false,
          directContact: false,
          credit: null,
        },
      });
      await attachments.upload(people.finder, reportId, {
        class: "verification_method",
        files: [{ name: `poc-${marker}.txt`, bytes: Buffer.from("curl http://router/admin\n") }],
      });
      await reports.accept(people.desk, reportId);
      const caseId = (await reports.forward(people.desk, reportId, {})).caseId ?? "";
      await notifyVendors(runtime, cast, people, caseId, ["vendorA"]);
      const other = await forwardedCase(runtime, people, { description: "Another issue." });
      await notifyVendors(runtime, cast, people, other.caseId, ["vendorB"]);
      const coordinatorActor: UserActor = await cast.actorOf(coordinator);
      await cases.assign(coordinatorActor, caseId, { userId: coordinatorActor.userId });

      // The desk assigns the task on the case page, due on 4 December at 17:00 Japan time.
      const deskPage = await pageAs(desk, `analysis-desk-${language}`, language);
      await visit(deskPage.page, `${bed.server.url}/cases/${caseId}`);
      const section = deskPage.page.locator("#analysis-tasks");
      await expect(section.locator("h2").textContent()).resolves.toBe(
        words["analysisTasks.section.heading"],
      );
      expect(await axeViolations(deskPage.page)).toEqual([]);
      // Without an analyst chosen the form comes back with the error and what was typed.
      let form = deskPage.page.locator("#analysis-assign form");
      await form.getByLabel(words["analysisTasks.assign.kind"]).selectOption("reproduce");
      await form.getByLabel(words["analysisTasks.assign.due"]).fill("2026-12-04T17:00");
      await form.getByLabel(words["analysisTasks.assign.note"]).fill(NOTE);
      await submit(deskPage.page, words["analysisTasks.assign.submit"]);
      await expect(deskPage.page.locator(".error-summary").textContent()).resolves.toContain(
        words["analysisTasks.error.analyst"],
      );
      expect(await axeViolations(deskPage.page)).toEqual([]);
      form = deskPage.page.locator("form", { has: deskPage.page.locator("#field-assigneeId") });
      await expect(form.getByLabel(words["analysisTasks.assign.note"]).inputValue()).resolves.toBe(
        NOTE,
      );
      await form
        .getByLabel(words["analysisTasks.assign.analyst"])
        .selectOption({ label: analyst.name });
      await submit(deskPage.page, words["analysisTasks.assign.submit"]);
      expect(new URL(deskPage.page.url()).pathname).toBe(`/cases/${caseId}`);
      const row = deskPage.page.locator("#analysis-task-list tbody tr");
      await expect(row.count()).resolves.toBe(1);
      await expect(row.textContent()).resolves.toContain(analyst.name);
      await expect(row.locator("time").getAttribute("datetime")).resolves.toBe(
        "2026-12-04T08:00:00.000Z",
      );
      await expect(row.locator("time").textContent()).resolves.toContain(zone);
      await deskPage.screenshot(`analysis-desk-${language}`);
      // The one refusal above answered 422 with the form again; nothing else failed.
      const refusedAssign = `${bed.server.url}/cases/${caseId}/analysis-tasks`;
      expect(deskPage.problems).toEqual({
        consoleErrors: [expect.stringContaining(`422 (Unprocessable Entity) (${refusedAssign}`)],
        pageErrors: [],
        failedRequests: [`POST ${refusedAssign}: 422`],
        cspViolations: [],
      });

      // The analyst signs in and lands on the queue: the task, its deadline with the zone.
      const analystPage = await openPage(bed.browser, `analysis-analyst-${language}`, {
        locale: language === "ja" ? "ja-JP" : "en-GB",
        viewport: { width: 1280, height: 900 },
      });
      const { page } = analystPage;
      await signInThroughPage(page, analyst, words);
      expect(new URL(page.url()).pathname).toBe("/analysis-tasks");
      await expect(page.locator("h1").textContent()).resolves.toBe(
        words["analysisTasks.queue.title"],
      );
      const queued = page.locator("#analysis-queue tbody tr");
      await expect(queued.count()).resolves.toBe(1);
      await expect(queued.locator("time").textContent()).resolves.toContain(zone);
      await expect(queued.textContent()).resolves.toContain(words["analysisTasks.status.open"]);
      await expect(page.content()).resolves.not.toContain(REPORT_TEXT);
      expect(await axeViolations(page)).toEqual([]);
      await analystPage.screenshot(`analysis-queue-${language}`);

      // The task's page: the desk's instructions and the report's text while it is open.
      await Promise.all([
        page.waitForNavigation({ waitUntil: "load" }),
        queued.getByRole("link", { name: words["analysisTasks.kind.reproduce"] }).click(),
      ]);
      await settle(page);
      await expect(page.locator("#analysis-content").textContent()).resolves.toContain(REPORT_TEXT);
      await expect(page.getByText(NOTE).isVisible()).resolves.toBe(true);
      await expect(page.locator("#analysis-task-due time").textContent()).resolves.toContain(zone);
      // The report's file, downloaded through the task.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page
          .locator("#analysis-attachments-table")
          .getByRole("link", { name: `poc-${marker}.txt` })
          .click(),
      ]);
      expect(download.suggestedFilename()).toBe(`poc-${marker}.txt`);
      expect(await axeViolations(page)).toEqual([]);
      await analystPage.screenshot(`analysis-task-${language}`);

      // Completing without a finding is refused on the page, with the reason.
      await submit(page, words["analysisTasks.complete.submit"]);
      await expect(page.locator(".error-summary").textContent()).resolves.toContain(
        words["analysisTasks.error.noFinding"],
      );
      expect(await axeViolations(page)).toEqual([]);

      await page.locator("#field-body").fill(`Reproduced. ${SHARED}`);
      await page.getByLabel(words["analysisTasks.finding.share"]).check();
      await submit(page, words["analysisTasks.finding.submit"]);
      await expect(page.getByText(words["analysisTasks.notice.finding"]).isVisible()).resolves.toBe(
        true,
      );
      await page.locator("#field-body").fill(`Exploit chain ${PRIVATE}`);
      await submit(page, words["analysisTasks.finding.submit"]);
      const findings = page.locator("#analysis-findings li");
      await expect(findings.count()).resolves.toBe(2);
      await expect(
        findings
          .filter({ hasText: SHARED })
          .getByText(words["analysisTasks.findings.shared"])
          .count(),
      ).resolves.toBe(1);
      await expect(
        findings
          .filter({ hasText: PRIVATE })
          .getByText(words["analysisTasks.findings.notShared"])
          .count(),
      ).resolves.toBe(1);
      await submit(page, words["analysisTasks.complete.submit"]);
      await expect(page.locator("#analysis-task-status").textContent()).resolves.toContain(
        words["analysisTasks.status.completed"],
      );
      // The grant ends with the task: the content is no longer on its page.
      await expect(page.content()).resolves.not.toContain(REPORT_TEXT);
      await expect(
        page.getByText(words["analysisTasks.task.contentEnded"]).isVisible(),
      ).resolves.toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await analystPage.screenshot(`analysis-task-completed-${language}`);
      // The one refusal above answered 409 with the page again; nothing else failed.
      const refused = `${bed.server.url}${new URL(page.url()).pathname}/complete`;
      expect(analystPage.problems).toEqual({
        consoleErrors: [expect.stringContaining(`409 (Conflict) (${refused}`)],
        pageErrors: [],
        failedRequests: [`POST ${refused}: 409`],
        cspViolations: [],
      });

      // The coordinator relays the shared finding from the case page; the other has no button.
      const coordinatorPage = await pageAs(
        coordinator,
        `analysis-coordinator-${language}`,
        language,
      );
      await visit(coordinatorPage.page, `${bed.server.url}/cases/${caseId}`);
      const staffFindings = coordinatorPage.page.locator("#analysis-tasks li.analysis-finding");
      await expect(staffFindings.count()).resolves.toBe(2);
      const relay = words["analysisTasks.relay.submit"];
      await expect(
        staffFindings.filter({ hasText: PRIVATE }).getByRole("button", { name: relay }).count(),
      ).resolves.toBe(0);
      expect(await axeViolations(coordinatorPage.page)).toEqual([]);
      await submit(
        coordinatorPage.page,
        staffFindings.filter({ hasText: SHARED }).getByRole("button", { name: relay }),
      );
      await expect(staffFindings.filter({ hasText: SHARED }).textContent()).resolves.toContain(
        words["analysisTasks.findings.relayed"],
      );
      await coordinatorPage.screenshot(`analysis-coordinator-${language}`);
      expectNoProblems(coordinatorPage.problems);

      // The case's vendor reads the relayed finding, and nothing of the one kept back.
      const vendorPage = await pageAs(vendorA, `analysis-vendor-${language}`, language);
      await visit(vendorPage.page, `${bed.server.url}/cases/${caseId}`);
      const vendorSection = vendorPage.page.locator("#analysis-tasks");
      await expect(vendorSection.locator("h2").textContent()).resolves.toBe(
        words["analysisTasks.vendor.heading"],
      );
      await expect(vendorSection.textContent()).resolves.toContain(SHARED);
      await expect(vendorPage.page.content()).resolves.not.toContain(PRIVATE);
      await expect(vendorPage.page.content()).resolves.not.toContain(NOTE);
      expect(await axeViolations(vendorPage.page)).toEqual([]);
      await vendorPage.screenshot(`analysis-vendor-${language}`);
      expectNoProblems(vendorPage.problems);

      // Another case's vendor: nothing on its own case, and the case itself is not found.
      const otherVendor = await pageAs(vendorB, `analysis-other-vendor-${language}`, language);
      await visit(otherVendor.page, `${bed.server.url}/cases/${other.caseId}`);
      await expect(otherVendor.page.locator("#analysis-tasks").count()).resolves.toBe(0);
      for (const text of [SHARED, PRIVATE]) {
        await expect(otherVendor.page.content()).resolves.not.toContain(text);
      }
      expect(await notFoundFor(otherVendor.context, `/cases/${caseId}`)).toBe(404);
      expectNoProblems(otherVendor.problems);
    },
    FLOW_TIMEOUT,
  );

  it(
    "lets the desk assign a task from a report's page, the form folded until opened",
    async () => {
      const { runtime } = bed.server;
      const { id: reportId } = await runtime.services.reports.submit(people.finder, {
        kind: "product",
        title: "Camera B7 firmware update without signature check",
        productName: "Camera B7",
        productVersion: "2.1",
        description: "The update is not verified.",
        reproduction: "Serve an altered image.",
        consent: {
          identityToCoordinator: true,
          identityToVendor: false,
          directContact: false,
          credit: null,
        },
      });
      const { page, problems, screenshot } = await pageAs(
        cast.users.intakeMember,
        "analysis-report-desk-en",
        "en",
      );
      await visit(page, `${bed.server.url}/reports/${reportId}`);
      const form = page.locator("#analysis-assign form");
      await expect(form.isVisible()).resolves.toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator("#analysis-assign > summary").click();
      await form.getByLabel(en["analysisTasks.assign.kind"]).selectOption("affected_versions");
      await form
        .getByLabel(en["analysisTasks.assign.analyst"])
        .selectOption({ label: cast.users.analyst.name });
      await form.getByLabel(en["analysisTasks.assign.due"]).fill("2026-12-10T12:00");
      expect(await axeViolations(page)).toEqual([]);
      await submit(page, en["analysisTasks.assign.submit"]);
      expect(new URL(page.url()).pathname).toBe(`/reports/${reportId}`);
      const row = page.locator("#analysis-task-list tbody tr");
      await expect(row.textContent()).resolves.toContain(
        en["analysisTasks.kind.affected_versions"],
      );
      await expect(row.locator("time").getAttribute("datetime")).resolves.toBe(
        "2026-12-10T03:00:00.000Z",
      );
      expect(await axeViolations(page)).toEqual([]);
      await screenshot("analysis-report-desk-en");
      expectNoProblems(problems);
    },
    FLOW_TIMEOUT,
  );
});
