import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import { ja } from "../../src/platform/i18n/ja.ts";
import { SITE_CASE_STATUS_LABELS } from "../../src/web/pages/site-cases/shared.tsx";
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
const DESCRIPTION = "BROWSERSHARE-DESCRIPTION stored XSS in the device list";
const POC = "BROWSERSHARE-POC curl http://router/devices?name=<script>";
const DAY = 24 * 60 * 60 * 1000;
const CVSS_V3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

describe.skipIf(!available)("outside analysis shares in Chromium", () => {
  let server: RunningApp;
  let browser: Browser;
  let cast: Cast;
  let labAdmin: TestUser;
  let caseId = "";

  const withSession = async (
    name: string,
    user: TestUser,
    locale: "en-US" | "ja-JP",
  ): Promise<Awaited<ReturnType<typeof openPage>>> => {
    const session = await openPage(browser, name, {
      locale,
      viewport: { width: 1280, height: 900 },
    });
    const token = (await signIn(server.app, server.runtime, user)).sessionToken ?? "";
    await session.context.addCookies([
      { name: SESSION_COOKIE, value: token, url: server.url, httpOnly: true },
    ]);
    return session;
  };

  beforeAll(async () => {
    server = await startApp();
    browser = await launchBrowser();
    const { services } = server.runtime;
    cast = await createCast(server.runtime);
    const coordinator = await cast.actorOf(cast.users.coordinatorMember);
    const desk = await cast.actorOf(cast.users.intakeMember);
    const text = await services.nda.publish(coordinator, {
      version: "2026",
      bodyJa: "受領者は脆弱性情報を秘密として保持する。",
      bodyEn: "The recipient keeps vulnerability information secret.",
    });
    await services.organizations.recordNda(coordinator, cast.organizations.vendorA, {
      signedAt: "2026-01-15T00:00:00.000Z",
      version: "2026-01",
    });
    const { id: labId } = await services.organizations.create(desk, {
      type: "analysis_org",
      name: "大学 解析研究室",
      contactEmail: "lab@university.example",
    });
    labAdmin = await createTestUser(server.runtime, {
      email: "kanri@university.example",
      name: "解析 花子",
      language: "ja",
      organizationId: labId,
      role: "admin",
    });
    await services.nda.accept(await cast.actorOf(labAdmin), labId, {
      version: "2026",
      textId: text.id,
    });
    const finder = await cast.actorOf(cast.users.finder);
    const { id: reportId } = await services.reports.submit(finder, {
      kind: "product",
      title: "Stored XSS in Router A100",
      productName: "Router A100",
      productVersion: "1.0",
      description: DESCRIPTION,
      reproduction: "Add a device named <script>.",
      attackMethod: POC,
      consent: {
        identityToCoordinator: false,
        identityToVendor: false,
        directContact: false,
        credit: null,
      },
    });
    const deskAdmin = await cast.actorOf(cast.users.intakeAdmin);
    await services.reports.accept(deskAdmin, reportId);
    const forwarded = await services.reports.forward(deskAdmin, reportId, {});
    caseId = forwarded.caseId ?? "";
    await services.cases.addVendor(coordinator, caseId, {
      organizationId: cast.organizations.vendorA,
    });
    await services.cases.notifyVendor(coordinator, caseId, { orgId: cast.organizations.vendorA });
    await services.risk.setCaseRisk(desk, caseId, {
      cvssV3: CVSS_V3,
      urgency: "critical",
      reason: "BROWSERSHARE-RISKREASON exploited in the wild",
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the desk shares chosen classes, the organization reads only them, and the desk revokes", async () => {
    // The desk, in English, from the case page.
    const desk = await withSession("analysis-shares-desk", cast.users.intakeMember, "en-US");
    await visit(desk.page, `${server.url}/cases/${caseId}`);
    await Promise.all([
      desk.page.waitForURL(/\/analysis-shares$/),
      desk.page.getByRole("link", { name: en["analysisShares.section.link"] }).click(),
    ]);
    await settle(desk.page);
    expect(await axeViolations(desk.page)).toEqual([]);
    await desk.page.locator("#field-organizationId").selectOption({ label: "大学 解析研究室" });
    await desk.page.getByLabel(en["analysisShares.class.summary"]).check();
    await desk.page.getByLabel(en["analysisShares.class.technical_details"]).check();
    const until = new Date(server.runtime.clock.now().getTime() + 30 * DAY);
    await desk.page
      .getByLabel(en["analysisShares.create.until"])
      .fill(until.toISOString().slice(0, 10));
    await desk.page
      .getByLabel(
        en["analysisShares.create.answer"].replace(
          "{party}",
          en["analysisShares.party.coordinator"],
        ),
      )
      .selectOption("agree");
    // Without the vendor's answer the desk gets the form again, with the error.
    await Promise.all([
      desk.page.waitForResponse((response) => response.request().method() === "POST"),
      desk.page.getByRole("button", { name: en["analysisShares.create.submit"] }).click(),
    ]);
    await settle(desk.page);
    await expect(desk.page.getByRole("alert").textContent()).resolves.toContain(
      en["analysisShares.error.consultation"],
    );
    await desk.page.locator(`[name="answer-${cast.organizations.vendorA}"]`).selectOption("agree");
    await Promise.all([
      desk.page.waitForURL(/done=created/),
      desk.page.getByRole("button", { name: en["analysisShares.create.submit"] }).click(),
    ]);
    await settle(desk.page);
    await expect(desk.page.getByText(en["analysisShares.done.created"]).isVisible()).resolves.toBe(
      true,
    );
    expect(await axeViolations(desk.page)).toEqual([]);

    // The organization's admin, in Japanese: the list, then the share with its two classes.
    const lab = await withSession("analysis-shares-lab", labAdmin, "ja-JP");
    await visit(lab.page, `${server.url}/analysis-shares`);
    expect(await axeViolations(lab.page)).toEqual([]);
    await Promise.all([
      lab.page.waitForURL(/\/analysis-shares\/[^/]+$/),
      lab.page.locator("#shared-cases a").first().click(),
    ]);
    await settle(lab.page);
    await expect(lab.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Stored XSS in Router A100",
    );
    // The summary names the case's status in words and carries the desk's CVSS with its score.
    const caseStatus = await server.runtime.services.cases.get(
      await cast.actorOf(cast.users.coordinatorMember),
      caseId,
    );
    const summary = (await lab.page.locator("#class-summary").textContent()) ?? "";
    expect(summary).toContain(ja[`casePages.status.${caseStatus.status}` as keyof typeof ja]);
    expect(summary).not.toContain(caseStatus.status);
    expect(summary).toContain(`9.8 (${ja["advisories.severity.critical"]})`);
    expect(summary).toContain(CVSS_V3);
    const body = await lab.page.content();
    expect(body).not.toContain("BROWSERSHARE-RISKREASON");
    expect(body).toContain("BROWSERSHARE-DESCRIPTION");
    expect(body).not.toContain("BROWSERSHARE-POC");
    await expect(
      lab.page.getByText(ja["analysisShares.class.proof_of_concept"]).count(),
    ).resolves.toBe(0);
    expect(await axeViolations(lab.page)).toEqual([]);
    const shareUrl = lab.page.url();

    // The desk sees the read in the log and revokes; the share is gone for the organization.
    await visit(desk.page, `${server.url}/cases/${caseId}/analysis-shares`);
    await expect(desk.page.locator(".analysis-share-reads").textContent()).resolves.toContain(
      "解析 花子",
    );
    await Promise.all([
      desk.page.waitForURL(/done=revoked/),
      desk.page.getByRole("button", { name: en["analysisShares.revoke.submit"] }).click(),
    ]);
    await settle(desk.page);
    await expect(desk.page.locator(".analysis-share h2").textContent()).resolves.toContain(
      en["analysisShares.status.revoked"],
    );
    const gone = await lab.page.goto(shareUrl);
    expect(gone?.status()).toBe(404);
    // The one failed request is the form sent without the vendor's answer (422, by design).
    expect(desk.problems.failedRequests).toEqual([
      expect.stringMatching(/^POST .*\/analysis-shares: 422$/),
    ]);
    expect(desk.problems.pageErrors).toEqual([]);
    expect(desk.problems.cspViolations).toEqual([]);
  });

  it("shows the coordinator the shares without the forms", async () => {
    const coordinator = await withSession(
      "analysis-shares-coordinator",
      cast.users.coordinatorAdmin,
      "en-US",
    );
    await visit(coordinator.page, `${server.url}/cases/${caseId}/analysis-shares`);
    await expect(
      coordinator.page.getByText(en["analysisShares.case.readOnly"]).isVisible(),
    ).resolves.toBe(true);
    await expect(coordinator.page.locator("form[action$='/revoke']").count()).resolves.toBe(0);
    await expect(coordinator.page.locator("#share-create").count()).resolves.toBe(0);
    expect(await axeViolations(coordinator.page)).toEqual([]);
    expectNoProblems(coordinator.problems);
  });
  it("the desk shares a web case with the operator's answer; the site stays hidden and the operator sees the share", async () => {
    const { services } = server.runtime;
    const finder = await cast.actorOf(cast.users.finder);
    const { id: reportId } = await services.reports.submit(finder, {
      kind: "web",
      title: "SQL injection on shop.browsermark.example",
      siteUrl: "https://shop.browsermark.example/search",
      description:
        "BROWSERWEB-DESCRIPTION the search of shop.browsermark.example breaks on a quote.",
      reproduction: "Open https://shop.browsermark.example/search?q=' and read the error.",
      consent: { identityToOperator: false, directContact: false },
    });
    const deskAdmin = await cast.actorOf(cast.users.intakeAdmin);
    await services.reports.accept(deskAdmin, reportId);
    const forwarded = await services.reports.forward(deskAdmin, reportId, {
      operatorOrganizationId: cast.organizations.siteOperator,
    });
    const siteCaseId = forwarded.siteCaseId ?? "";

    const desk = await withSession("analysis-shares-web-desk", cast.users.intakeMember, "en-US");
    await visit(desk.page, `${server.url}/site-cases/${siteCaseId}`);
    await Promise.all([
      desk.page.waitForURL(/\/analysis-shares$/),
      desk.page.getByRole("link", { name: en["analysisShares.section.link"] }).click(),
    ]);
    await settle(desk.page);
    expect(await axeViolations(desk.page)).toEqual([]);
    // The site is a class of its own, not chosen by default; the product classes are not offered.
    await expect(
      desk.page.getByLabel(en["analysisShares.siteClass.site_identity"]).isChecked(),
    ).resolves.toBe(false);
    await expect(
      desk.page.getByLabel(en["analysisShares.class.vendor_statements"]).count(),
    ).resolves.toBe(0);
    await desk.page.locator("#field-organizationId").selectOption({ label: "大学 解析研究室" });
    await desk.page.getByLabel(en["analysisShares.siteClass.summary"]).check();
    await desk.page.getByLabel(en["analysisShares.class.technical_details"]).check();
    const until = new Date(server.runtime.clock.now().getTime() + 30 * DAY);
    await desk.page
      .getByLabel(en["analysisShares.create.until"])
      .fill(until.toISOString().slice(0, 10));
    await desk.page.locator('[name="answer-operator"]').selectOption("agree");
    await Promise.all([
      desk.page.waitForURL(/done=created/),
      desk.page.getByRole("button", { name: en["analysisShares.create.submit"] }).click(),
    ]);
    await settle(desk.page);
    await expect(desk.page.locator(".analysis-share h2").first().textContent()).resolves.toContain(
      en["analysisShares.status.active"],
    );

    const lab = await withSession("analysis-shares-web-lab", labAdmin, "ja-JP");
    await visit(lab.page, `${server.url}/analysis-shares`);
    const listed = await lab.page.content();
    expect(listed).not.toContain("browsermark");
    await Promise.all([
      lab.page.waitForURL(/\/analysis-shares\/[^/]+$/),
      lab.page.locator("#shared-cases a").first().click(),
    ]);
    await settle(lab.page);
    const read = await lab.page.content();
    expect(read).toContain("BROWSERWEB-DESCRIPTION");
    // The web case's status in words, never the workflow's name for it.
    const webSummary = (await lab.page.locator("#class-summary").textContent()) ?? "";
    const statusWords = [
      ...Object.values(SITE_CASE_STATUS_LABELS).map((key) => ja[key]),
      ja["analysisShares.siteStatus.not_notified"],
    ];
    expect(statusWords.some((words) => webSummary.includes(words))).toBe(true);
    expect(webSummary).not.toMatch(/[a-z]+_[a-z]+/);
    expect(read).not.toContain("browsermark");
    expect(await axeViolations(lab.page)).toEqual([]);

    const operator = await withSession(
      "analysis-shares-web-operator",
      cast.users.siteOperator,
      "ja-JP",
    );
    await visit(operator.page, `${server.url}/site-cases/${siteCaseId}/analysis-shares`);
    await expect(operator.page.locator(".analysis-share h2").textContent()).resolves.toContain(
      "大学 解析研究室",
    );
    await expect(
      operator.page.getByRole("button", { name: ja["analysisShares.revoke.submit"] }).count(),
    ).resolves.toBe(0);
    expect(await axeViolations(operator.page)).toEqual([]);
    for (const session of [desk, lab, operator]) expectNoProblems(session.problems);
  });
});
