import { AxeBuilder } from "@axe-core/playwright";
import { generate } from "otplib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type UserActor } from "../../src/modules/access/actor.ts";
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
const PASSWORD = "Kakehashi-browser-test-C4s3s";
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest" };
const FLOW_TIMEOUT = 180_000;

const VENDOR_A = "ベンダーA株式会社";
const VENDOR_B = "ビーカメラ株式会社";
const TITLE = "ルーターA100 管理画面の格納型 XSS";

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

/** Clicks the button and waits for the page its form leads to (after the redirect). */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await settle(page);
}

const named = (key: "casePages.addVendor.addNamed" | "casePages.notify.submit", name: string) =>
  ja[key].replace("{name}", name);

describe.skipIf(!available)("the case pages in Chromium", () => {
  let browser: Browser;
  let server: RunningApp;
  let caseId: string;
  const sessions: Record<"coordinator" | "vendorA" | "vendorB", string> = {
    coordinator: "",
    vendorA: "",
    vendorB: "",
  };

  /** A user of that organization, signed in with TOTP enrolled: the session and its actor. */
  async function sessionFor(input: {
    email: string;
    name: string;
    organizationId: string;
    role: "admin" | "member";
  }): Promise<{ sessionToken: string; actor: UserActor }> {
    const { accounts } = server.runtime.services;
    await accounts.createUser(SYSTEM_ACTOR, { ...input, password: PASSWORD, language: "ja" });
    const { sessionToken } = await accounts.signIn(ORIGIN, {
      email: input.email,
      password: PASSWORD,
    });
    const pending = await accounts.authenticate({ sessionToken }, ORIGIN);
    const { secret } = await accounts.startTotpEnrolment(pending);
    const epoch = Math.floor(server.runtime.clock.now().getTime() / 1000);
    await accounts.confirmTotpEnrolment(pending, await generate({ secret, epoch }));
    const actor = await accounts.authenticate({ sessionToken }, ORIGIN);
    if (actor.kind !== "user") throw new Error("not signed in");
    return { sessionToken, actor };
  }

  async function signInBrowser(context: BrowserContext, sessionToken: string): Promise<void> {
    await context.addCookies([
      { name: SESSION_COOKIE, value: sessionToken, url: server.url, httpOnly: true },
    ]);
  }

  beforeAll(async () => {
    server = await startApp();
    browser = await launchBrowser();
    const { accounts, organizations, reports } = server.runtime.services;
    const desk = await organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
      intake: "受付機関（ブラウザ試験）",
      coordinator: "調整機関（ブラウザ試験）",
    });
    const coordinator = await sessionFor({
      email: "coordinator@example.jp",
      name: "調整 花子",
      organizationId: desk.coordinatorOrganizationId,
      role: "member",
    });
    sessions.coordinator = coordinator.sessionToken;
    // Two vendors in the directory, their NDAs recorded beforehand (R-COO-2).
    const vendorA = await organizations.create(coordinator.actor, {
      type: "vendor",
      name: VENDOR_A,
      contactEmail: "psirt@vendor-a.example.jp",
      products: [{ name: "ルーターA100" }],
      keywords: ["ルーター"],
    });
    const vendorB = await organizations.create(coordinator.actor, {
      type: "vendor",
      name: VENDOR_B,
      contactEmail: "security@b-camera.example.jp",
      products: [{ name: "カメラB7" }],
      keywords: ["カメラ"],
    });
    for (const vendor of [vendorA, vendorB]) {
      await organizations.recordNda(coordinator.actor, vendor.id, {
        signedAt: "2026-11-01T00:00:00.000Z",
        version: "2026年版",
      });
    }
    sessions.vendorA = (
      await sessionFor({
        email: "psirt-admin@vendor-a.example.jp",
        name: "ベンダーA 担当",
        organizationId: vendorA.id,
        role: "admin",
      })
    ).sessionToken;
    sessions.vendorB = (
      await sessionFor({
        email: "psirt-admin@b-camera.example.jp",
        name: "ビーカメラ 担当",
        organizationId: vendorB.id,
        role: "admin",
      })
    ).sessionToken;

    // A finder's report, accepted and forwarded by the desk: the case the coordinator starts from.
    await accounts.createUser(SYSTEM_ACTOR, {
      email: "hakken@example.jp",
      name: "発見 太郎",
      password: PASSWORD,
      language: "ja",
    });
    const finderSession = await accounts.signIn(ORIGIN, {
      email: "hakken@example.jp",
      password: PASSWORD,
    });
    const finder = await accounts.authenticate(
      { sessionToken: finderSession.sessionToken },
      ORIGIN,
    );
    const intake = await sessionFor({
      email: "intake@example.jp",
      name: "受付 次郎",
      organizationId: desk.intakeOrganizationId,
      role: "member",
    });
    const { id } = await reports.submit(finder, {
      kind: "product",
      title: TITLE,
      productName: "ルーターA100",
      productVersion: "1.0〜1.2",
      vendorName: VENDOR_A,
      description:
        "管理画面の機器名に格納型 XSS があります。同じ Web 部品を使うカメラB7 にも影響する可能性があります。",
      reproduction: "1. 管理画面にログインする\n2. 機器名に <script> を入れて保存する",
      verificationMethod: "alert が表示されることを確認する",
      consent: {
        identityToCoordinator: true,
        identityToVendor: false,
        directContact: false,
        credit: "発見 太郎",
      },
    });
    await reports.accept(intake.actor, id);
    const forwarded = await reports.forward(intake.actor, id, {});
    caseId = forwarded.caseId ?? "";
    // The coordinator takes the case: its content is for the assigned handler (R-SEC-1).
    await server.runtime.services.cases.assign(coordinator.actor, caseId, {
      userId: coordinator.actor.userId,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    "lets a coordinator add and notify two vendors, each vendor acknowledge, report affected and add a fix, until the case's countermeasures are ready",
    async () => {
      const casePath = `/cases/${caseId}`;
      const coordinator = await openPage(browser, "cases-coordinator", { locale: "ja-JP" });
      const { page } = coordinator;
      await signInBrowser(coordinator.context, sessions.coordinator);

      // The desk: the new case under triage, with nothing due yet.
      await visit(page, `${server.url}/cases`);
      await expect(page.locator("h1").textContent()).resolves.toBe(
        ja["casePages.list.coordinatorTitle"],
      );
      expect(await axeViolations(page)).toEqual([]);
      await coordinator.screenshot("cases-desk-ja");
      await Promise.all([
        page.waitForURL(new RegExp(`${casePath}$`)),
        page.getByRole("link", { name: TITLE }).click(),
      ]);
      await settle(page);
      await expect(page.locator("#case-status").textContent()).resolves.toBe(
        ja["casePages.status.triage"],
      );
      // Both vendors are suggested, each with its reasons.
      for (const product of ["ルーターA100", "カメラB7"]) {
        const reason = ja["casePages.suggestions.reason.product_name"].replace("{detail}", product);
        await expect(page.getByText(reason).count()).resolves.toBe(1);
      }
      expect(await axeViolations(page)).toEqual([]);
      await coordinator.screenshot("cases-case-triage-ja");

      await submit(page, named("casePages.addVendor.addNamed", VENDOR_A));
      await expect(page.locator(".notice").textContent()).resolves.toBe(
        ja["casePages.notice.vendorAdded"],
      );
      await submit(page, named("casePages.addVendor.addNamed", VENDOR_B));
      await submit(page, named("casePages.notify.submit", VENDOR_A));
      await expect(page.locator(".notice").textContent()).resolves.toBe(
        ja["casePages.notice.notified"],
      );
      await submit(page, named("casePages.notify.submit", VENDOR_B));
      await expect(page.locator("#case-status").textContent()).resolves.toBe(
        ja["casePages.status.coordinating"],
      );
      // The first notification set the default schedule, shown in Japan time.
      await expect(page.locator("#case-schedule time").first().textContent()).resolves.toMatch(
        /JST|GMT\+9/,
      );
      expect(await axeViolations(page)).toEqual([]);
      await coordinator.screenshot("cases-case-notified-ja");
      expectNoProblems(coordinator.problems);

      for (const [key, name, statement, fix] of [
        [
          "vendorA",
          VENDOR_A,
          "ルーターA100 の 1.3 で修正しました。",
          "ファームウェア 1.3 に更新する",
        ],
        [
          "vendorB",
          VENDOR_B,
          "カメラB7 の 2.0.1 で修正しました。",
          "ファームウェア 2.0.1 に更新する",
        ],
      ] as const) {
        const vendor = await openPage(browser, `cases-${key}`, { locale: "ja-JP" });
        const vendorPage = vendor.page;
        await signInBrowser(vendor.context, sessions[key]);
        await visit(vendorPage, `${server.url}/cases`);
        await expect(vendorPage.locator("h1").textContent()).resolves.toBe(
          ja["casePages.list.vendorTitle"],
        );
        await expect(vendorPage.getByText(ja["casePages.expected.notified"]).count()).resolves.toBe(
          1,
        );
        expect(await axeViolations(vendorPage)).toEqual([]);
        await vendor.screenshot(`cases-${key}-list-ja`);
        await Promise.all([
          vendorPage.waitForURL(new RegExp(`${casePath}$`)),
          vendorPage.getByRole("link", { name: TITLE }).click(),
        ]);
        await settle(vendorPage);
        // Its own participation only: never the other vendor.
        const other = key === "vendorA" ? VENDOR_B : VENDOR_A;
        await expect(vendorPage.getByText(other).count()).resolves.toBe(0);
        await expect(vendorPage.getByRole("heading", { name }).count()).resolves.toBe(1);
        expect(await axeViolations(vendorPage)).toEqual([]);
        await vendor.screenshot(`cases-${key}-case-ja`);

        await submit(vendorPage, ja["casePages.acknowledge.submit"]);
        await expect(vendorPage.locator(".participant-status").textContent()).resolves.toBe(
          ja["casePages.participant.acknowledged"],
        );
        await vendorPage.locator("#field-status").selectOption("affected");
        await vendorPage.locator("#field-statement").fill(statement);
        await submit(vendorPage, ja["casePages.vendorStatus.submit"]);
        await expect(vendorPage.locator(".participant-status").textContent()).resolves.toBe(
          ja["casePages.participant.affected"],
        );
        await vendorPage.locator("#field-countermeasureType").selectOption("fix");
        await vendorPage.locator("#field-countermeasureDescription").fill(fix);
        await vendorPage.locator("#field-affectedVersions").fill("1.0, 1.1, 1.2");
        await vendorPage.locator("#field-fixedVersions").fill("1.3");
        await submit(vendorPage, ja["casePages.countermeasure.submit"]);
        await expect(vendorPage.locator(".notice").textContent()).resolves.toBe(
          ja["casePages.notice.countermeasure"],
        );
        await expect(vendorPage.getByText(fix).count()).resolves.toBe(1);
        await expect(vendorPage.getByText(other).count()).resolves.toBe(0);
        expect(await axeViolations(vendorPage)).toEqual([]);
        await vendor.screenshot(`cases-${key}-countermeasure-ja`);
        expectNoProblems(vendor.problems);
      }

      // Every affected vendor has its fix in: the case's countermeasures are ready.
      await visit(page, `${server.url}${casePath}`);
      await expect(page.locator("#case-status").textContent()).resolves.toBe(
        ja["casePages.status.countermeasure_ready"],
      );
      await expect(page.locator(".participant-status").allTextContents()).resolves.toEqual([
        ja["casePages.participant.affected"],
        ja["casePages.participant.affected"],
      ]);
      await expect(page.getByText("ファームウェア 1.3 に更新する").count()).resolves.toBe(1);
      await expect(page.getByText("ファームウェア 2.0.1 に更新する").count()).resolves.toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await coordinator.screenshot("cases-case-ready-ja");
      expectNoProblems(coordinator.problems);
    },
    FLOW_TIMEOUT,
  );
});
