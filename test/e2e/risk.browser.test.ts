import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { translator } from "../../src/platform/i18n/i18n.ts";
import { createCast, signIn } from "../support/actors.ts";
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
const FLOW_TIMEOUT = 120_000;
const PICKED = { AV: "N", AC: "L", PR: "N", UI: "N", S: "U", C: "H", I: "H", A: "H" };
const PICKED_VECTOR = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const REASON = "Exploited against exposed admin consoles";

describe.skipIf(!available)("the desk sets a report's risk in Chromium", () => {
  const bed = browserTestbed();

  it(
    "builds the CVSS vector with the calculator, chooses the SSVC inputs, saves, and sees the queue sorted by urgency",
    async () => {
      const { runtime, app, url } = bed.server;
      const cast = await createCast(runtime);
      const finder = await cast.actorOf(cast.users.finder);
      const desk = await cast.actorOf(cast.users.intakeMember);
      const file = (title: string) =>
        runtime.services.reports.submit(finder, {
          kind: "product",
          title,
          productName: "Router A100",
          productVersion: "1.0",
          description: "The device name is shown unescaped.",
          reproduction: "Save <script> as the device name.",
          consent: {
            identityToCoordinator: true,
            identityToVendor: false,
            directContact: false,
            credit: null,
          },
        });
      const older = await file("Information disclosure in the status page");
      const newer = await file("Remote code execution in the admin console");
      await runtime.services.risk.setReportRisk(desk, older.id, {
        urgency: "low",
        reason: "Needs a local account",
      });

      const session = await signIn(app, runtime, cast.users.intakeMember);
      const browser = await openPage(bed.browser, "risk-desk");
      const { page } = browser;
      await browser.context.addCookies([
        { name: SESSION_COOKIE, value: session.sessionToken ?? "", url, httpOnly: true },
      ]);
      await visit(page, `${url}/reports/${newer.id}`);
      const language = (await page.locator("html").getAttribute("lang")) === "ja" ? "ja" : "en";
      const t = translator(language);

      const risk = page.locator("#risk");
      await risk.getByText(t("scoring.calculator.open"), { exact: true }).first().click();
      for (const [metric, value] of Object.entries(PICKED)) {
        await page.locator(`#field-cvssV3-31-${metric}`).selectOption(value);
      }
      expect(await page.locator("#field-cvssV3").inputValue()).toBe(PICKED_VECTOR);
      // The user sees the score before saving; saving mid-request would abort the calculator's fetch.
      await expect.poll(() => page.locator("#field-cvssV3-score").textContent()).toContain("9.8");
      await page.locator("#ssvcExploitation-active").check();
      await page.locator("#ssvcAutomatable-yes").check();
      await page.locator("#ssvcTechnicalImpact-total").check();
      await page.locator("#ssvcMissionWellbeing-medium").check();
      await page.locator("#field-urgency").selectOption("critical");
      await page.locator("#field-reason").fill(REASON);
      await Promise.all([
        page.waitForNavigation({ waitUntil: "load" }),
        page.getByRole("button", { name: t("risk.form.submit"), exact: true }).click(),
      ]);
      await settle(page);

      const current = page.locator(".risk-current");
      await expect.poll(() => current.textContent()).toContain(t("risk.decision.act"));
      expect(await current.textContent()).toContain(t("risk.urgency.critical"));
      expect(await current.textContent()).toContain(PICKED_VECTOR);
      expect(await page.locator(".risk-history").textContent()).toContain(
        t("risk.history.change", {
          field: t("risk.field.urgency"),
          old: t("risk.history.empty"),
          new: t("risk.urgency.critical"),
        }),
      );
      expect(await axeViolations(page)).toEqual([]);

      await visit(page, `${url}/reports?sort=urgency`);
      const rows = page.locator("#reports tbody tr");
      const texts = await rows.allTextContents();
      const newerRow = texts.findIndex((text) => text.includes(newer.receiptNumber));
      const olderRow = texts.findIndex((text) => text.includes(older.receiptNumber));
      expect(newerRow).toBeGreaterThanOrEqual(0);
      expect(newerRow).toBeLessThan(olderRow);
      expect(texts[newerRow]).toContain(t("risk.urgency.critical"));
      expect(texts[newerRow]).toContain("9.8");
      expect(await axeViolations(page)).toEqual([]);
      expectNoProblems(browser.problems);
    },
    FLOW_TIMEOUT,
  );
});
