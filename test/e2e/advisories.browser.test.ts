import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/platform/i18n/en.ts";
import type { Catalog, Language } from "../../src/platform/i18n/i18n.ts";
import { ja } from "../../src/platform/i18n/ja.ts";
import { createCast } from "../support/actors.ts";
import { advisoryPeople, approvedCase, inDays, runDueAt } from "../support/advisories.ts";
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

const LANGUAGES: readonly { language: Language; locale: string; catalog: Catalog }[] = [
  { language: "ja", locale: "ja-JP", catalog: ja },
  { language: "en", locale: "en-US", catalog: en },
];

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** The English text of the translated advisory. */
const ENGLISH = {
  title: "Stored cross-site scripting in Router A100",
  overview: "The admin console of Router A100 by Vendor A Corporation has a stored XSS.",
  description: "The device name field of the admin console is rendered without escaping.",
  impact: "A script may run in the browser of an administrator who opens the console.",
};
const JAPANESE_TITLE = "Router A100 における格納型クロスサイトスクリプティングの脆弱性";

describe.skipIf(!available)("the public advisory pages in Chromium", () => {
  const bed = browserTestbed();
  let advisoryId: string;
  /** Published in Japanese only: English readers are told there is no translation. */
  let untranslatedId: string;

  beforeAll(async () => {
    const { runtime } = bed.server;
    const cast = await createCast(runtime);
    const people = await advisoryPeople(runtime, cast);
    const publishAt = inDays(runtime, 7);
    const { caseId } = await approvedCase(runtime, cast, people, {
      publishAt,
      draft: { language: "ja", translation: ENGLISH },
    });
    const untranslated = await approvedCase(runtime, cast, people, {
      publishAt,
      draft: {
        title: "Router A100 におけるパストラバーサルの脆弱性",
        overview: "Router A100 のファイル取得機能には、パストラバーサルの脆弱性があります。",
        cwe: "CWE-22",
      },
    });
    await runDueAt(runtime, publishAt);
    advisoryId = (await runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
    untranslatedId =
      (await runtime.services.advisories.advisoryIdOfCase(untranslated.caseId)) ?? "";
  });

  describe.each(LANGUAGES)("in $locale", ({ language, locale, catalog }) => {
    it("shows the advisory with every section, passes axe and fits 320 CSS pixels", async () => {
      const { page, problems, screenshot } = await openPage(bed.browser, `advisory-${language}`, {
        locale,
        viewport: { width: 1024, height: 900 },
      });
      await visit(page, `${bed.server.url}/advisories`);
      const title = language === "ja" ? JAPANESE_TITLE : ENGLISH.title;
      // The list names each advisory in the reader's language where it has it, marked with it.
      await expect(page.getByRole("link", { name: title }).getAttribute("lang")).resolves.toBe(
        language,
      );
      await expect(
        page
          .getByRole("link", { name: "Router A100 におけるパストラバーサルの脆弱性" })
          .getAttribute("lang"),
      ).resolves.toBe("ja");
      await Promise.all([
        page.waitForURL(/\/advisories\/KKH%23\d{8}$/),
        page.getByRole("link", { name: title }).click(),
      ]);
      await expect(page.locator(".advisory-id").textContent()).resolves.toBe(advisoryId);
      // The advisory's text is in the reader's language, marked with it.
      await expect(page.locator("article h1").textContent()).resolves.toBe(title);
      await expect(page.locator("article h1").getAttribute("lang")).resolves.toBe(language);
      const impact = page.locator("section[aria-labelledby=advisory-impact] .report-text");
      await expect(impact.textContent()).resolves.toBe(
        language === "ja"
          ? "管理画面を開いた管理者のブラウザ上で、任意のスクリプトが実行される可能性があります。"
          : ENGLISH.impact,
      );
      const headings = await page.locator("article h2").allTextContents();
      expect(headings).toEqual(
        expect.arrayContaining([
          catalog["advisories.detail.overview"],
          catalog["advisories.detail.affected"],
          catalog["advisories.detail.description"],
          catalog["advisories.detail.impact"],
          catalog["advisories.detail.countermeasures"],
          catalog["advisories.detail.vendorInfo"],
          catalog["advisories.detail.references"],
          catalog["advisories.detail.acknowledgement"],
          catalog["advisories.detail.history"],
        ]),
      );
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe(language);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(`advisory-${language}`);
      await page.setViewportSize({ width: 320, height: 740 });
      await settle(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // The search form on the list finds it by a Japanese word.
      await visit(page, `${bed.server.url}/advisories`);
      await page.locator("#field-q").fill("格納型");
      // The typed kanji may need a font subset still loading: let it finish before navigating.
      await settle(page);
      await Promise.all([
        page.waitForURL(/\/advisories\?q=/),
        page.getByRole("button", { name: catalog["advisories.search.submit"] }).click(),
      ]);
      await expect(page.locator("table.advisory-list tbody tr").count()).resolves.toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      // Its English CSAF translation is offered beside the Japanese original.
      await visit(page, `${bed.server.url}/advisories/${encodeURIComponent(advisoryId)}`);
      const csafTranslation = page.locator(`a[href$="/csaf?lang=en"]`);
      await expect(csafTranslation.count()).resolves.toBe(1);
      const href = (await csafTranslation.getAttribute("href")) ?? "";
      const translated = await page.request.get(`${bed.server.url}${href}`);
      expect((await translated.json()).document.lang).toBe("en");

      // An advisory without a translation says so to English readers, and shows the original.
      await visit(page, `${bed.server.url}/advisories/${encodeURIComponent(untranslatedId)}`);
      const missing = page.locator(".notice-info", {
        hasText: catalog["advisories.detail.translationMissing"].split("{original}")[0] ?? "",
      });
      await expect(missing.count()).resolves.toBe(language === "en" ? 1 : 0);
      await expect(page.locator("article h1").getAttribute("lang")).resolves.toBe("ja");
      expectNoProblems(problems);
    });
  });
});
