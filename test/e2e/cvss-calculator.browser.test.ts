import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/modules/access/actor.ts";
import { cweLabel } from "../../src/modules/advisories/cwe.ts";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { type Language, translator } from "../../src/platform/i18n/i18n.ts";
import {
  axeViolations,
  browserAvailable,
  browserTestbed,
  expectNoProblems,
  openPage,
  settle,
  visit,
} from "../support/browser.ts";

// The expected scores are ae-cvss-calculator's own (the library the server scores with).
const { Cvss3P1, Cvss4P0 } = createRequire(import.meta.url)(
  "ae-cvss-calculator",
) as typeof import("ae-cvss-calculator");

const available = browserAvailable();
const PASSWORD = "Kakehashi-browser-test-Cvss-2026";
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest" };
const FLOW_TIMEOUT = 90_000;

const PICKED = { AV: "N", AC: "L", PR: "N", UI: "R", S: "C", C: "L", I: "L", A: "N" };
const PICKED_VECTOR = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N";
const TYPED_VECTOR = "CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:H/VI:L/VA:N/SC:L/SI:N/SA:N";

function bands(score: number): "none" | "low" | "medium" | "high" | "critical" {
  if (score === 0) return "none";
  if (score < 4) return "low";
  if (score < 7) return "medium";
  if (score < 9) return "high";
  return "critical";
}

/** The score line the calculator should show for a vector, in the page's words. */
function calculatorLine(language: Language, score: number): string {
  const t = translator(language);
  return t("scoring.calculator.result", {
    score: score.toFixed(1),
    severity: t(`advisories.severity.${bands(score)}`),
  });
}

async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await settle(page);
}

async function fillRequired(page: Page): Promise<void> {
  await page.locator("#field-title").fill("Stored XSS in the admin screen");
  await page.locator("#field-productName").fill("Router A100");
  await page.locator("#field-productVersion").fill("1.0");
  await page.locator("#field-description").fill("The device name is shown unescaped.");
  await page.locator("#field-reproduction").fill("Save <script> as the device name.");
}

describe.skipIf(!available)("the CVSS calculator and the CWE picker in Chromium", () => {
  const bed = browserTestbed();
  const sessions = new Map<Language, string>();

  beforeAll(async () => {
    const { accounts } = bed.server.runtime.services;
    for (const language of ["ja", "en"] as const) {
      const email = `cvss-finder-${language}@example.jp`;
      await accounts.createUser(SYSTEM_ACTOR, {
        email,
        name: `Finder ${language}`,
        password: PASSWORD,
        language,
      });
      sessions.set(
        language,
        (await accounts.signIn(ORIGIN, { email, password: PASSWORD })).sessionToken,
      );
    }
  });

  async function signedIn(context: BrowserContext, language: Language): Promise<void> {
    await context.addCookies([
      {
        name: SESSION_COOKIE,
        value: sessions.get(language) ?? "",
        url: bed.server.url,
        httpOnly: true,
      },
    ]);
  }

  describe.each(["ja", "en"] as const)("in %s", (language) => {
    const t = translator(language);

    it(
      "builds the vector from the pickers, follows a typed vector, scores both and finds CWE-79 by number and name",
      async () => {
        const session = await openPage(bed.browser, `cvss-calculator-${language}`);
        const { page } = session;
        await signedIn(session.context, language);
        await visit(page, `${bed.server.url}/reports/new?kind=product`);
        const box = page.locator("#field-cvssVector");
        const score = page.locator("#field-cvssVector-score");
        expect(await score.getAttribute("aria-live")).toBe("polite");

        await page.getByText(t("scoring.calculator.open"), { exact: true }).click();
        expect(await page.locator("#field-cvssVector-version").inputValue()).toBe("3.1");
        for (const [metric, value] of Object.entries(PICKED)) {
          await page.locator(`#field-cvssVector-31-${metric}`).selectOption(value);
        }
        expect(await box.inputValue()).toBe(PICKED_VECTOR);
        const picked = new Cvss3P1(PICKED_VECTOR).calculateScores().base ?? -1;
        await expect.poll(() => score.textContent()).toBe(calculatorLine(language, picked));
        // The pickers are grouped and labelled in the page's language.
        const group = page.getByRole("group", {
          name: t("scoring.calculator.metrics", { version: "3.1" }),
        });
        expect(await group.getByLabel(`${t("scoring.cvss31.AV")} (AV)`).inputValue()).toBe("N");

        await box.fill(TYPED_VECTOR);
        expect(await page.locator("#field-cvssVector-version").inputValue()).toBe("4.0");
        expect(await page.locator("#field-cvssVector-40-AV").inputValue()).toBe("L");
        expect(await page.locator("#field-cvssVector-40-UI").inputValue()).toBe("A");
        expect(await page.locator("#field-cvssVector-40-SC").inputValue()).toBe("L");
        expect(await page.locator("#field-cvssVector-31-AV").isVisible()).toBe(false);
        const typed = new Cvss4P0(TYPED_VECTOR).calculateScores().base ?? -1;
        await expect.poll(() => score.textContent()).toBe(calculatorLine(language, typed));

        const cwe = page.locator("#field-cwe");
        const suggestions = page.locator("#field-cwe-suggestions option");
        await cwe.fill("79");
        await expect.poll(() => suggestions.first().getAttribute("value")).toBe("CWE-79");
        await expect
          .poll(() => page.locator("#field-cwe-name").textContent())
          .toBe(t("scoring.cwe.name", { id: "CWE-79", name: cweLabel("CWE-79", language) ?? "" }));
        await cwe.fill("cross-site");
        await expect
          .poll(
            async () =>
              await suggestions.evaluateAll((options) =>
                options.map((o) => (o as HTMLOptionElement).value),
              ),
          )
          // The suggestions for the name (Cross-Site Request Forgery is not among those for 79).
          .toEqual(expect.arrayContaining(["CWE-79", "CWE-352"]));
        await expect.poll(() => page.locator("#field-cwe-name").textContent()).toBe("");
        await cwe.fill("CWE-79");

        expect(await axeViolations(page)).toEqual([]);
        await session.screenshot(`cvss-calculator-${language}`);
        await fillRequired(page);
        await submit(page, t("reports.new.toConfirm"));
        expect(await page.locator("h1").textContent()).toBe(t("reports.confirm.title"));
        await expect
          .poll(() => page.locator(".cvss-rating").textContent())
          .toBe(
            t("scoring.score.summary", {
              score: typed.toFixed(1),
              severity: t(`advisories.severity.${bands(typed)}`),
              version: "4.0",
            }),
          );
        expect(await axeViolations(page)).toEqual([]);
        expectNoProblems(session.problems);
      },
      FLOW_TIMEOUT,
    );

    it(
      "takes a typed vector and CWE without script and shows the score on the confirmation and the report",
      async () => {
        const session = await openPage(bed.browser, `cvss-no-script-${language}`, {
          javaScriptEnabled: false,
        });
        const { page } = session;
        await signedIn(session.context, language);
        await visit(page, `${bed.server.url}/reports/new?kind=product`);
        // No calculator without script: the box is the plain text box.
        expect(await page.locator(".cvss-calculator").count()).toBe(0);
        await fillRequired(page);
        await page.locator("#field-cvssVector").fill(PICKED_VECTOR);
        await page.locator("#field-cwe").fill("79");
        await submit(page, t("reports.new.toConfirm"));

        const picked = new Cvss3P1(PICKED_VECTOR).calculateScores().base ?? -1;
        const summary = t("scoring.score.summary", {
          score: picked.toFixed(1),
          severity: t(`advisories.severity.${bands(picked)}`),
          version: "3.1",
        });
        expect(await page.locator("h1").textContent()).toBe(t("reports.confirm.title"));
        expect(await page.locator(".cvss-rating").textContent()).toBe(summary);
        // The breakdown names each metric in the page's language.
        const breakdown = page.locator(".cvss-breakdown");
        expect(await breakdown.locator("summary").textContent()).toBe(t("scoring.score.breakdown"));
        expect(await breakdown.locator("dt").first().textContent()).toBe(
          `${t("scoring.cvss31.AV")} (AV)`,
        );
        expect(await page.locator("main").textContent()).toContain("CWE-79");

        await submit(page, t("reports.confirm.send"));
        await Promise.all([
          page.waitForNavigation({ waitUntil: "load" }),
          page.getByRole("link", { name: t("reports.receipt.link") }).click(),
        ]);
        expect(await page.locator(".cvss-rating").textContent()).toBe(summary);
        expect(await page.locator("main").textContent()).toContain("CWE-79");
        expectNoProblems(session.problems);
      },
      FLOW_TIMEOUT,
    );
  });
});
