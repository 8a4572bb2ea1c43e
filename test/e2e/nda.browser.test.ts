import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { type Language, translator } from "../../src/platform/i18n/i18n.ts";
import { type Cast, createCast, createTestUser, signIn } from "../support/actors.ts";
import {
  axeViolations,
  browserAvailable,
  browserTestbed,
  expectNoProblems,
  openPage,
  settle,
  visit,
} from "../support/browser.ts";

const available = browserAvailable();
const NDA_TEXT = {
  version: "2027年版",
  bodyJa: "第1条（秘密保持）受領者は、調整機関から受けた脆弱性情報を公表日まで秘密として保持する。",
  bodyEn:
    "Article 1 (Confidentiality). The recipient keeps vulnerability information from the coordinator secret until publication.",
};

/** Clicks the button and waits for the page its form leads to. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await settle(page);
}

describe.skipIf(!available)("accepting the NDA in the application, in Chromium", () => {
  const bed = browserTestbed();
  let cast: Cast;

  beforeAll(async () => {
    cast = await createCast(bed.server.runtime);
    const coordinator = await cast.actorOf(cast.users.coordinatorMember);
    await bed.server.runtime.services.nda.publish(coordinator, NDA_TEXT);
  }, 120_000);

  /** A browser page signed in as the user, in the user's language. */
  async function pageAs(
    user: Parameters<typeof signIn>[2],
    name: string,
    language: Language,
  ): Promise<Awaited<ReturnType<typeof openPage>>> {
    const session = await signIn(bed.server.app, bed.server.runtime, user);
    const opened = await openPage(bed.browser, name, {
      locale: language === "ja" ? "ja-JP" : "en-US",
      viewport: { width: 1366, height: 900 },
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

  it.each(["ja", "en"] as const)(
    "lets a vendor admin reading %s accept the NDA in the app, after which the coordinator notifies the vendor from the case page and the vendor sees the case",
    async (language) => {
      const t = translator(language);
      const { runtime } = bed.server;
      const { organizations, reports, cases } = runtime.services;
      const coordinatorUser = await createTestUser(runtime, {
        email: `coordinator-${language}@nda-browser.example`,
        name: language === "ja" ? "調整 花子" : "Hanako Chosei",
        organizationId: cast.organizations.coordinator,
        role: "member",
        language,
      });
      const coordinator = await cast.actorOf(coordinatorUser);
      const vendorName = language === "ja" ? "ベンダーN株式会社" : "Vendor N Ltd";
      const vendor = await organizations.create(coordinator, {
        type: "vendor",
        name: vendorName,
        contactEmail: `psirt-${language}@vendor-n.example`,
      });
      const vendorAdmin = await createTestUser(runtime, {
        email: `admin-${language}@vendor-n.example`,
        name: language === "ja" ? "ベンダーN 管理者" : "Vendor N Admin",
        organizationId: vendor.id,
        role: "admin",
        language,
      });
      const title = `NDA browser ${language}: stored XSS in the device list`;
      const finder = await cast.actorOf(cast.users.finder);
      const desk = await cast.actorOf(cast.users.intakeMember);
      const { id: reportId } = await reports.submit(finder, {
        kind: "product",
        title,
        productName: "Router N1",
        productVersion: "1.0",
        description: "Device names are shown without escaping.",
        reproduction: "Name a device <script> and open the list.",
        consent: {
          identityToCoordinator: true,
          identityToVendor: false,
          directContact: false,
          credit: null,
        },
      });
      await reports.accept(desk, reportId);
      const caseId = (await reports.forward(desk, reportId, {})).caseId ?? "";
      await cases.assign(coordinator, caseId, { userId: coordinatorUser.userId });
      await cases.addVendor(coordinator, caseId, { organizationId: vendor.id });

      // The coordinator: the vendor row says the NDA is missing; notify is there but disabled.
      const staff = await pageAs(coordinatorUser, `nda-coordinator-${language}`, language);
      await visit(staff.page, `${bed.server.url}/cases/${caseId}`);
      const row = staff.page
        .locator("section.participant")
        .filter({ has: staff.page.getByRole("heading", { name: vendorName }) });
      await expect(row.getByText(t("nda.case.missing")).isVisible()).resolves.toBe(true);
      const disabledNotify = row.getByRole("button", {
        name: t("nda.case.notifyDisabled", { name: vendorName }),
      });
      await expect(disabledNotify.isDisabled()).resolves.toBe(true);
      await expect(row.getByText(t("nda.case.notifyDisabledReason")).isVisible()).resolves.toBe(
        true,
      );
      expect(await axeViolations(staff.page)).toEqual([]);
      await staff.screenshot(`nda-case-missing-${language}`);
      // The coordinator asks the vendor to accept in the app.
      await submit(staff.page, t("nda.case.request.submit", { name: vendorName }));
      await expect(
        staff.page
          .getByRole("heading", { name: t("nda.request.heading", { name: vendorName }) })
          .isVisible(),
      ).resolves.toBe(true);

      // The vendor's admin reads the NDA in its language and accepts it.
      const own = await pageAs(vendorAdmin, `nda-vendor-${language}`, language);
      await visit(own.page, `${bed.server.url}/organization/nda`);
      await expect(own.page.getByText(t("nda.org.status.none")).isVisible()).resolves.toBe(true);
      const body = language === "ja" ? NDA_TEXT.bodyJa : NDA_TEXT.bodyEn;
      const otherBody = language === "ja" ? NDA_TEXT.bodyEn : NDA_TEXT.bodyJa;
      await expect(own.page.getByText(body).isVisible()).resolves.toBe(true);
      // The other language is there, folded.
      await expect(own.page.getByText(otherBody).isVisible()).resolves.toBe(false);
      await own.page.getByText(t("nda.org.offered.otherLanguage")).click();
      await expect(own.page.getByText(otherBody).isVisible()).resolves.toBe(true);
      expect(await axeViolations(own.page)).toEqual([]);
      // Without the tick the page comes back with the error.
      await own.page.locator("#field-confirm").evaluate((box) => box.removeAttribute("required"));
      await submit(own.page, t("nda.org.accept.submit"));
      await expect(
        own.page.getByText(t("nda.org.accept.error.confirm")).first().isVisible(),
      ).resolves.toBe(true);
      await own.page
        .getByLabel(t("nda.org.accept.confirm", { name: vendorName, version: NDA_TEXT.version }))
        .check();
      await submit(own.page, t("nda.org.accept.submit"));
      expect(own.page.url()).toMatch(/\/organization\/nda\?accepted=1$/);
      await expect(own.page.getByText(t("nda.org.notice.accepted")).isVisible()).resolves.toBe(
        true,
      );
      await expect(own.page.getByText(t("nda.org.offered.accepted")).isVisible()).resolves.toBe(
        true,
      );
      const record = own.page.locator("#nda-records-table tbody tr");
      await expect(record.count()).resolves.toBe(1);
      await expect(record.first().textContent()).resolves.toContain(t("nda.method.in_app"));
      await own.screenshot(`nda-vendor-accepted-${language}`);

      // The coordinator's row now shows the version and date, and notify works.
      await visit(staff.page, `${bed.server.url}/cases/${caseId}`);
      await expect(row.getByText(t("nda.case.missing")).count()).resolves.toBe(0);
      const rowText = (await row.textContent()) ?? "";
      expect(rowText).toContain(NDA_TEXT.version);
      expect(rowText).toContain(t("nda.method.in_app"));
      await submit(staff.page, t("casePages.notify.submit", { name: vendorName }));
      await expect(staff.page.getByText(t("casePages.notice.notified")).isVisible()).resolves.toBe(
        true,
      );

      // The vendor sees the case.
      await visit(own.page, `${bed.server.url}/cases/${caseId}`);
      await expect(
        own.page.getByRole("heading", { name: title }).first().isVisible(),
      ).resolves.toBe(true);
      expectNoProblems(staff.problems);
      // The refused form (422) was on purpose.
      const refused = (entry: string) => entry.includes("422");
      expectNoProblems({
        ...own.problems,
        consoleErrors: own.problems.consoleErrors.filter((entry) => !refused(entry)),
        failedRequests: own.problems.failedRequests.filter((entry) => !refused(entry)),
      });
    },
  );
});
