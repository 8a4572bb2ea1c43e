import { beforeAll, describe, expect, it } from "vitest";
import { SITEMAP_NAMESPACE } from "../../src/modules/advisories/sitemap.ts";
import type { Language } from "../../src/platform/i18n/i18n.ts";
import { createCast } from "../support/actors.ts";
import { advisoryPeople, inDays, publishedCase } from "../support/advisories.ts";
import {
  browserAvailable,
  browserTestbed,
  expectNoProblems,
  openPage,
  visit,
} from "../support/browser.ts";
import { elements, parseFeed } from "../support/feeds.ts";

const available = browserAvailable();

const LOCALES: readonly { language: Language; locale: string }[] = [
  { language: "ja", locale: "ja-JP" },
  { language: "en", locale: "en-US" },
];

/**
 * What a browser and a feed reader find from the public pages (issue 12 item 6): the feeds a
 * page announces in its head (autodiscovery), read as a subscriber's reader reads them, and the
 * sitemap as an XML parser — Chromium's — reads it.
 */
describe.skipIf(!available)("feed autodiscovery and the sitemap in Chromium", () => {
  const bed = browserTestbed();
  let advisoryId = "";
  let updatedAt = "";

  beforeAll(async () => {
    const { runtime } = bed.server;
    const cast = await createCast(runtime);
    const people = await advisoryPeople(runtime, cast);
    ({ advisoryId } = await publishedCase(runtime, cast, people, {
      publishAt: inDays(runtime, 7),
    }));
    updatedAt = (await runtime.services.advisories.get(advisoryId)).updatedAt;
  });

  for (const { language, locale } of LOCALES) {
    it(`finds the ${language} feeds from a page's head and reads them as a feed reader`, async () => {
      const { page, problems } = await openPage(bed.browser, `feeds-${language}`, { locale });
      await visit(page, `${bed.server.url}/advisories`);
      const announced = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLLinkElement>('head link[rel="alternate"]')].map(
          (link) => ({ type: link.type, hreflang: link.hreflang, href: link.href }),
        ),
      );
      expect(announced.map((link) => link.type).sort()).toEqual([
        "application/atom+xml",
        "application/rss+xml",
      ]);
      for (const link of announced) {
        expect(link.hreflang).toBe(language);
        const response = await page.request.get(link.href);
        expect(response.status(), link.href).toBe(200);
        const { meta, items } = await parseFeed(await response.text(), link.href);
        expect(meta.language).toBe(language);
        const item = items.find((i) => elements(i, "sec:identifier")[0]?.["#"] === advisoryId);
        expect(item, `${advisoryId} in ${link.href}`).toBeDefined();
        expect(item?.date?.toISOString()).toBe(updatedAt);
      }
      expectNoProblems(problems);
    });
  }

  it("serves a sitemap that Chromium's XML parser reads, in the sitemap namespace", async () => {
    const { page, problems } = await openPage(bed.browser, "sitemap");
    await visit(page, `${bed.server.url}/`);
    const sitemap = await page.evaluate(async (namespace: string) => {
      const response = await fetch("/sitemap.xml");
      const document = new DOMParser().parseFromString(await response.text(), "application/xml");
      const root = document.documentElement;
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        errors: document.getElementsByTagName("parsererror").length,
        root: { name: root.localName, namespace: root.namespaceURI },
        urls: [...document.getElementsByTagNameNS(namespace, "url")].map((url) => ({
          loc: url.getElementsByTagNameNS(namespace, "loc")[0]?.textContent ?? "",
          lastmod: url.getElementsByTagNameNS(namespace, "lastmod")[0]?.textContent ?? null,
        })),
      };
    }, SITEMAP_NAMESPACE);
    expect(sitemap).toMatchObject({
      status: 200,
      errors: 0,
      root: { name: "urlset", namespace: SITEMAP_NAMESPACE },
    });
    expect(sitemap.type).toContain("application/xml");
    const advisoryPage = sitemap.urls.find((url) =>
      url.loc.endsWith(`/advisories/${encodeURIComponent(advisoryId)}`),
    );
    expect(advisoryPage?.lastmod).toBe(updatedAt);
    for (const url of sitemap.urls) {
      expect(url.loc).toMatch(/^https?:\/\//);
      if (url.lastmod !== null) expect(Number.isNaN(Date.parse(url.lastmod))).toBe(false);
    }
    expectNoProblems(problems);
  });
});
