import type { FastifyInstance } from "fastify";
import type { FeedItem } from "feedparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cast, createCast } from "../../../test/support/actors.ts";
import {
  type AdvisoryPeople,
  advisoryPeople,
  approvedCase,
  DAY,
} from "../../../test/support/advisories.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { elements, parseFeed } from "../../../test/support/feeds.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { type Language, translator } from "../../platform/i18n/i18n.ts";
import type { PublicAdvisory } from "./advisories.schemas.ts";
import { MOD_SEC_NAMESPACE } from "./exports/feed.ts";
import { SITEMAP_NAMESPACE } from "./sitemap.ts";

/**
 * The feeds as a subscriber reads them (issue 12 item 6): both feeds in both languages parsed by
 * feedparser, each item checked against the advisory the API publishes — its link, dates,
 * language, and JVN's security extensions (identifier, CVSS, CPE, CVE and CWE references). And
 * the sitemap: every public page and published advisory, dated by its latest change.
 */
describe.each(testDatabaseTargets())("the advisory feeds and the sitemap on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let people: AdvisoryPeople;
  let publicUrl = "";
  let advisories: PublicAdvisory[] = [];
  let pendingId = "";

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url, headers });
  const pageOf = (advisoryId: string) =>
    `${publicUrl}/advisories/${encodeURIComponent(advisoryId)}`;
  /** The title and overview a reader of the feed in `language` should see, and their language. */
  const expectedTexts = (advisory: PublicAdvisory, language: Language) =>
    advisory.language !== language && advisory.translation
      ? { ...advisory.translation, language }
      : { title: advisory.title, overview: advisory.overview, language: advisory.language };
  const text = (item: FeedItem, name: string) => elements(item, name).map((e) => e["#"]);

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    publicUrl = runtime.config.publicUrl;
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    people = await advisoryPeople(runtime, cast);
    const { organizations } = cast;
    const inDays = (days: number) =>
      new Date(runtime.clock.now().getTime() + days * DAY).toISOString();
    const publish = async (publishAt: string) => {
      runtime.clock.set(new Date(publishAt));
      await runtime.jobRunner.runDue();
    };
    let at = inDays(3);
    const bilingual = await approvedCase(runtime, cast, people, {
      publishAt: at,
      draft: {
        language: "ja",
        translation: {
          title: "Stored script injection in Router A100",
          overview: "The admin console of Router A100 runs scripts found in device names.",
          description: "The device name field is rendered without escaping.",
          impact: "Scripts may run in an administrator's browser.",
        },
        cveIds: ["CVE-2026-10001", "CVE-2026-10002"],
        affected: [
          {
            vendorOrgId: organizations.vendorA,
            product: "Router A100",
            versions: ["1.0.3 and earlier"],
            cpe: "cpe:2.3:h:vendor_a:router_a100:*:*:*:*:*:*:*:*",
            ranges: [{ fixed: "1.0.4" }],
          },
          {
            vendorOrgId: organizations.vendorA,
            product: "Router A200",
            versions: ["2.0"],
            cpe: "cpe:2.3:h:vendor_a:router_a200:2.0:*:*:*:*:*:*:*",
          },
        ],
      },
    });
    await publish(at);
    at = inDays(2);
    const english = await approvedCase(runtime, cast, people, {
      publishAt: at,
      draft: {
        title: "Authentication bypass in Camera Manager",
        overview: "Camera Manager accepts an empty session token.",
        description: "The session check accepts an empty token.",
        impact: "Anyone can take over the management console.",
        language: "en",
        translation: null,
        cwe: "CWE-287",
        cvssV3: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        cvssV4: null,
        references: [],
        affected: [
          { vendorOrgId: organizations.vendorA, product: "Camera Manager", versions: ["2.0"] },
        ],
      },
    });
    await publish(at);
    const pending = await approvedCase(runtime, cast, people, {
      publishAt: inDays(40),
      draft: { title: "Not yet public" },
    });
    pendingId = (await runtime.services.cases.get(people.coordinator, pending.caseId)).advisory
      .advisoryId as string;
    advisories = [];
    for (const { caseId } of [bilingual, english]) {
      const advisoryId = (await runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
      const response = await get(`/api/v1/advisories/${encodeURIComponent(advisoryId)}`);
      advisories.push(response.json());
    }
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  for (const language of ["ja", "en"] as const) {
    it(`gives RSS 1.0 in ${language} that a feed reader parses, with JVN's security extensions`, async () => {
      const address = `/feeds/advisories.rdf?lang=${language}`;
      const response = await get(address);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("application/rdf+xml");
      const { meta, items } = await parseFeed(response.body, `${publicUrl}${address}`);
      expect(meta["#type"]).toBe("rdf");
      expect(meta.language).toBe(language);
      expect(meta.title).toBe(translator(language)("advisories.feed.title"));
      expect(meta.link).toBe(`${publicUrl}/advisories`);
      expect((meta["rdf:@"] as { about: string }).about).toBe(`${publicUrl}${address}`);
      expect(response.body).toContain(`xmlns:sec="${MOD_SEC_NAMESPACE}"`);
      expect(items.map((item) => text(item, "sec:identifier")[0]).sort()).toEqual(
        advisories.map((a) => a.advisoryId).sort(),
      );
      expect(response.body).not.toContain(pendingId);

      for (const advisory of advisories) {
        const item = items.find((i) => text(i, "sec:identifier")[0] === advisory.advisoryId);
        if (!item) throw new Error(`no item for ${advisory.advisoryId}`);
        const texts = expectedTexts(advisory, language);
        expect(item.title).toBe(`${advisory.advisoryId} ${texts.title}`);
        expect(item.description).toBe(texts.overview);
        expect(text(item, "dc:language")).toEqual([texts.language]);
        expect(item.link).toBe(pageOf(advisory.advisoryId));
        expect(item.guid).toBe(pageOf(advisory.advisoryId));
        expect(item.date?.toISOString()).toBe(advisory.updatedAt);
        expect(text(item, "dcterms:issued")).toEqual([advisory.publishedAt]);
        expect(text(item, "dcterms:modified")).toEqual([advisory.updatedAt]);
        checkSecurityExtensions(item, advisory);
      }
    });

    it(`gives Atom in ${language} that a feed reader parses, each entry in its language`, async () => {
      const address = `/feeds/advisories.atom?lang=${language}`;
      const response = await get(address);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("application/atom+xml");
      const { meta, items } = await parseFeed(response.body, `${publicUrl}${address}`);
      expect(meta["#type"]).toBe("atom");
      expect(meta.language).toBe(language);
      expect(meta.title).toBe(translator(language)("advisories.feed.title"));
      expect(meta.xmlurl).toBe(`${publicUrl}${address}`);
      const other = language === "ja" ? "en" : "ja";
      const links = (meta["atom:link"] ?? []) as { "@": Record<string, string> }[];
      expect(links.map((link) => link["@"])).toContainEqual({
        rel: "alternate",
        type: "application/atom+xml",
        hreflang: other,
        href: `${publicUrl}/feeds/advisories.atom?lang=${other}`,
      });
      expect(items).toHaveLength(advisories.length);
      expect(response.body).not.toContain(pendingId);

      for (const advisory of advisories) {
        const item = items.find((i) => text(i, "sec:identifier")[0] === advisory.advisoryId);
        if (!item) throw new Error(`no entry for ${advisory.advisoryId}`);
        const texts = expectedTexts(advisory, language);
        expect(item.title).toBe(`${advisory.advisoryId} ${texts.title}`);
        expect(item.summary).toBe(texts.overview);
        expect((item["atom:@"] as Record<string, string>)["xml:lang"]).toBe(texts.language);
        expect(item.link).toBe(pageOf(advisory.advisoryId));
        expect(item.guid).toBe(pageOf(advisory.advisoryId));
        expect(item.date?.toISOString()).toBe(advisory.updatedAt);
        expect(item.pubdate?.toISOString()).toBe(advisory.publishedAt);
        expect(item.categories).toEqual(advisory.cwe ? [advisory.cwe] : []);
        checkSecurityExtensions(item, advisory);
      }
    });
  }

  it("keeps the feeds' addresses without a language, in the reader's language", async () => {
    for (const kind of ["rdf", "atom"] as const) {
      for (const language of ["ja", "en"] as const) {
        const byReader = await get(`/feeds/advisories.${kind}`, { "accept-language": language });
        const stable = await get(`/feeds/advisories.${kind}?lang=${language}`, {
          "accept-language": language === "ja" ? "en" : "ja",
        });
        expect(byReader.statusCode).toBe(200);
        expect(byReader.body).toBe(stable.body);
        expect(byReader.headers.vary).toContain("Accept-Language");
        expect(String(stable.headers.vary ?? "")).not.toContain("Accept-Language");
      }
      expect((await get(`/feeds/advisories.${kind}?lang=fr`)).statusCode).toBe(422);
    }
    // The pages announce the feeds of their language (autodiscovery).
    for (const language of ["ja", "en"] as const) {
      const page = await get("/advisories", { accept: "text/html", "accept-language": language });
      for (const [type, kind] of [
        ["application/atom+xml", "atom"],
        ["application/rss+xml", "rdf"],
      ] as const) {
        const link = new RegExp(
          `<link rel="alternate" type="${type.replace("+", "\\+")}"[^>]*href="/feeds/advisories\\.${kind}\\?lang=${language}"`,
        );
        expect(page.body, `${type} in ${language}`).toMatch(link);
      }
    }
  });

  it("lists every public page and published advisory in the sitemap, dated by its latest change", async () => {
    const response = await get("/sitemap.xml");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("application/xml");
    expect(response.body).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<urlset xmlns="${SITEMAP_NAMESPACE}">`,
      ),
    );
    const entries = [
      ...response.body.matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?<\/url>/g),
    ].map(([, loc = "", lastmod]) => ({ loc: loc.replaceAll("&amp;", "&"), lastmod }));
    expect(entries.length).toBe((response.body.match(/<url>/g) ?? []).length);
    for (const advisory of advisories) {
      expect(entries).toContainEqual({
        loc: pageOf(advisory.advisoryId),
        lastmod: advisory.updatedAt,
      });
    }
    expect(response.body).not.toContain(encodeURIComponent(pendingId));
    // Every address listed is a page anyone can open.
    for (const { loc } of entries) {
      expect(loc.startsWith(`${publicUrl}/`), loc).toBe(true);
      const page = await get(loc.slice(publicUrl.length), { accept: "text/html" });
      expect(page.statusCode, loc).toBe(200);
      expect(page.headers["content-type"]).toContain("text/html");
    }
    expect(entries.map((e) => e.loc)).toContain(`${publicUrl}/advisories`);
  });
});

/** The mod_sec elements of an item against the advisory the API publishes. */
function checkSecurityExtensions(item: FeedItem, advisory: PublicAdvisory): void {
  const all = (name: string) => elements(item, name);
  expect(all("sec:identifier").map((e) => e["#"])).toEqual([advisory.advisoryId]);
  const scores = [advisory.cvss.v3, advisory.cvss.v4].flatMap((score) => (score ? [score] : []));
  expect(all("sec:cvss")).toHaveLength(scores.length);
  for (const score of scores) {
    const element = all("sec:cvss").find((e) => e["@"].vector === score.vector);
    expect(element, score.vector).toBeDefined();
    expect(Number(element?.["@"].score)).toBe(score.baseScore);
    expect(element?.["@"].severity?.toLowerCase()).toBe(score.baseSeverity);
    expect(score.vector.startsWith(`CVSS:${element?.["@"].version}/`)).toBe(true);
    expect(element?.["@"].type).toBe("Base");
  }
  const cpes = advisory.affected.filter((a) => a.cpe);
  expect(all("sec:cpe").map((e) => ({ ...e["@"], cpe: e["#"] }))).toEqual(
    cpes.map((a) => ({ version: "2.3", vendor: a.vendor, product: a.product, cpe: a.cpe })),
  );
  const references = all("sec:references");
  expect(references.filter((e) => e["@"].source === "CVE").map((e) => [e["@"].id, e["#"]])).toEqual(
    advisory.cveIds.map((id) => [id, `https://www.cve.org/CVERecord?id=${id}`]),
  );
  const weakness = references.filter((e) => e["@"].id?.startsWith("CWE-"));
  expect(weakness.map((e) => e["@"].id)).toEqual(advisory.cwe ? [advisory.cwe] : []);
  for (const e of weakness) {
    expect(e["#"]).toBe(
      `https://cwe.mitre.org/data/definitions/${advisory.cwe?.replace("CWE-", "")}.html`,
    );
  }
}
