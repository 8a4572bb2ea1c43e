import { type Kysely, sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { DAY, draftFor } from "../../../test/support/advisories.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import * as migration0018 from "../../platform/db/migrations/0018_advisory_search.ts";

/**
 * The public database as a sync client and a searcher use it (R-PUB-3, issue 12 item 6): CWE by
 * number and by name, incremental sync by latest change, vendors by their status, the vendor and
 * product lists, the list in either language, and strict parameters.
 */
describe.each(testDatabaseTargets())("searching and syncing the advisories on $name", (target) => {
  const bed = advisoryTestbed(target);
  /** Script injection in a router: CWE-79, Japanese with an English translation, vendor A. */
  let scripting = { id: "", publishedAt: "", updatedAt: "" };
  /** Authentication bypass: CWE-287, English only; vendor A affected, vendor B's product listed. */
  let bypass = { id: "", publishedAt: "", updatedAt: "" };
  let pendingCaseId = "";
  const PENDING_VENDOR = "Vendor C Pending Ltd";
  const PENDING_PRODUCT = "Gadget Pending ZQ";

  const get = (url: string) => bed.app.inject({ method: "GET", url });
  const ids = async (query: string): Promise<string[]> =>
    okJson(await get(`/api/v1/advisories?limit=200&${query}`)).items.map(
      (item: { advisoryId: string }) => item.advisoryId,
    );
  const published = async (caseId: string) => {
    const advisoryId = (await bed.runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
    const advisory = await bed.runtime.services.advisories.get(advisoryId);
    return { id: advisoryId, publishedAt: advisory.publishedAt, updatedAt: advisory.updatedAt };
  };

  beforeAll(async () => {
    const { organizations } = bed.cast;

    // Neither text says "XSS" nor "cross-site scripting": only the weakness's names do.
    let at = bed.inDays(2);
    const first = await bed.approvedCase({
      publishAt: at,
      draft: {
        title: "Router A100 の管理画面におけるスクリプト注入の脆弱性",
        overview: "Router A100 の管理画面で、機器名に含まれるスクリプトが実行されます。",
        impact: "管理者のブラウザ上で任意のスクリプトが実行される可能性があります。",
        language: "ja",
        translation: {
          title: "Script injection in the Router A100 admin console",
          overview: "The Router A100 admin console runs scripts contained in a device name.",
          description: "The device name field is rendered without escaping.",
          impact: "Any script may run in an administrator's browser.",
        },
        affected: [
          {
            vendorOrgId: organizations.vendorA,
            product: "Router A100",
            versions: ["1.0.3 and earlier"],
            cpe: "cpe:2.3:h:vendor_a:router_a100:*:*:*:*:*:*:*:*",
          },
        ],
      },
    });
    await bed.runDueAt(at);
    at = bed.inDays(3);
    const second = await bed.approvedCase({
      publishAt: at,
      draft: {
        title: "Authentication bypass in Camera Manager",
        overview: "Camera Manager lets anyone in without a password.",
        description: "The session check accepts an empty token.",
        impact: "An attacker can take over the management console.",
        language: "en",
        translation: null,
        cwe: "CWE-287",
        cvssV3: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        cvssV4: null,
        cveIds: ["CVE-2026-20002"],
        references: [],
        affected: [
          {
            vendorOrgId: organizations.vendorA,
            product: "Camera Manager",
            versions: ["2.0"],
            purl: "pkg:npm/camera-manager",
          },
          // Vendor B said "not affected", but the coordinator lists its plug-in: affected.
          {
            vendorOrgId: organizations.vendorB,
            product: "Camera Manager Plug-in",
            versions: ["1.x"],
          },
        ],
      },
    });
    await bed.runDueAt(at);
    // A later fix: the first advisory becomes the most recently changed one.
    bed.runtime.clock.advance(DAY);
    await bed.runtime.services.cases.addCountermeasure(bed.people.vendorA, first.caseId, {
      type: "fix",
      description: "Update the firmware to 1.0.5.",
      fixedVersions: ["1.0.5"],
    });
    scripting = await published(first.caseId);
    bypass = await published(second.caseId);

    // Approved, due in a month: its vendor and product are nowhere public yet.
    const vendorC = await bed.runtime.services.organizations.create(bed.people.coordinator, {
      type: "vendor",
      name: PENDING_VENDOR,
      contactEmail: "psirt@vendor-c.example",
    });
    await bed.runtime.services.organizations.recordNda(bed.people.coordinator, vendorC.id, {
      signedAt: "2026-01-15T00:00:00.000Z",
      version: "2026-01",
    });
    const pending = await bed.forwardedCase();
    pendingCaseId = pending.caseId;
    await bed.notifyVendors(pendingCaseId, ["vendorA"]);
    await bed.runtime.services.cases.addVendor(bed.people.coordinator, pendingCaseId, {
      organizationId: vendorC.id,
    });
    await bed.runtime.services.cases.notifyVendor(bed.people.coordinator, pendingCaseId, {
      orgId: vendorC.id,
    });
    await bed.runtime.services.cases.reviseSchedule(bed.people.coordinator, pendingCaseId, {
      publishAt: bed.inDays(30),
      reason: "agreed",
    });
    await bed.runtime.services.advisories.saveDraft(
      bed.people.coordinator,
      pendingCaseId,
      draftFor(bed.cast, {
        affected: [
          {
            vendorOrgId: vendorC.id,
            product: PENDING_PRODUCT,
            versions: ["1.0"],
            cpe: "cpe:2.3:a:vendor_c:gadget_pending_zq:1.0:*:*:*:*:*:*:*",
          },
        ],
      }),
    );
    await bed.runtime.services.advisories.approve(bed.people.coordinator, pendingCaseId);
  });

  it("finds a weakness by its CWE identifier however it is written, and by its names", async () => {
    for (const cwe of ["79", "cwe-79", "CWE-79", "CWE%2079", "%EF%BC%97%EF%BC%99"]) {
      expect(await ids(`cwe=${cwe}`), cwe).toEqual([scripting.id]);
    }
    expect(await ids("cwe=287")).toEqual([bypass.id]);
    expect(await ids("cwe=xss")).toEqual([]);
    for (const words of [
      "xss",
      "XSS",
      "cross-site scripting",
      "Cross Site Scripting",
      "クロスサイトスクリプティング",
      "xss router",
    ]) {
      expect(await ids(`q=${encodeURIComponent(words)}`), words).toEqual([scripting.id]);
    }
    expect(await ids("q=authentication")).toEqual([bypass.id]);
    expect(await ids("q=xss&cwe=287")).toEqual([]);
    expect(await ids("q=xss&cwe=79")).toEqual([scripting.id]);
  });

  it("pages through every advisory in both orders, newest first, without skipping or repeating", async () => {
    const all = await ids("");
    expect(all).toContain(scripting.id);
    expect(all).toContain(bypass.id);
    for (const sort of ["published", "updated"] as const) {
      const full: { advisoryId: string; publishedAt: string; updatedAt: string }[] = okJson(
        await get(`/api/v1/advisories?limit=200&sort=${sort}`),
      ).items;
      const key = (item: (typeof full)[number]) =>
        sort === "published" ? item.publishedAt : item.updatedAt;
      for (let i = 1; i < full.length; i++) {
        const [previous, current] = [full[i - 1], full[i]];
        if (!previous || !current) continue;
        expect(key(previous) >= key(current), `${sort} order at ${i}`).toBe(true);
      }
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const page = okJson(await get(`/api/v1/advisories?limit=1&sort=${sort}${query}`));
        paged.push(...page.items.map((item: { advisoryId: string }) => item.advisoryId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged, sort).toEqual(full.map((item) => item.advisoryId));
    }
    // Published second, changed last: the two orders differ.
    expect((await ids("sort=published")).indexOf(bypass.id)).toBeLessThan(
      (await ids("sort=published")).indexOf(scripting.id),
    );
    expect((await ids("sort=updated"))[0]).toBe(scripting.id);

    // A cursor belongs to its order.
    const byPublication = okJson(await get("/api/v1/advisories?limit=1")).nextCursor;
    const wrong = await get(`/api/v1/advisories?limit=1&sort=updated&cursor=${byPublication}`);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([{ path: "cursor", message: "invalid cursor" }]);
  });

  it("filters by the latest change, with instants and Japanese days like the publication filters", async () => {
    expect(scripting.updatedAt > bypass.updatedAt).toBe(true);
    const between = new Date(
      (Date.parse(bypass.updatedAt) + Date.parse(scripting.updatedAt)) / 2,
    ).toISOString();
    expect(await ids(`updatedFrom=${between}`)).toEqual([scripting.id]);
    expect(await ids(`updatedTo=${between}`)).toEqual([bypass.id]);
    expect(
      await ids(`updatedFrom=${scripting.updatedAt}&updatedTo=${scripting.updatedAt}`),
    ).toEqual([scripting.id]);
    const day = (instant: string) =>
      new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date(instant));
    expect(await ids(`updatedFrom=${day(scripting.updatedAt)}`)).toEqual([scripting.id]);
    expect(await ids(`updatedTo=${day(bypass.updatedAt)}`)).toEqual([bypass.id]);
    // Published before the change: the publication filter does not see the change.
    expect(await ids(`from=${between}`)).toEqual([]);
    const invalid = await get("/api/v1/advisories?updatedFrom=yesterday");
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors.map((e: { path: string }) => e.path)).toEqual(["updatedFrom"]);
  });

  it("matches vendors that are affected, and others by the status asked for", async () => {
    expect(await ids("vendor=vendor%20a")).toEqual([bypass.id, scripting.id]);
    // Vendor B is "not affected" in both, but its product is listed in one.
    expect(await ids("vendor=vendor%20b")).toEqual([bypass.id]);
    expect(await ids("vendor=vendor%20b&vendorStatus=affected")).toEqual([bypass.id]);
    expect(await ids("vendor=vendor%20b&vendorStatus=not_affected")).toEqual([
      bypass.id,
      scripting.id,
    ]);
    expect(await ids("vendor=vendor%20a&vendorStatus=not_affected")).toEqual([]);
    expect(await ids("vendorStatus=investigating")).toEqual([]);
    expect(await ids(`vendor=${encodeURIComponent(PENDING_VENDOR)}`)).toEqual([]);
    expect((await get("/api/v1/advisories?vendorStatus=fixed")).statusCode).toBe(422);
  });

  it("answers titles and overviews in the language asked for where the advisory has it", async () => {
    const english = await bed.runtime.services.advisories.get(scripting.id);
    const list = async (lang: string) =>
      okJson(await get(`/api/v1/advisories?limit=200${lang}`)).items as {
        advisoryId: string;
        title: string;
        overview: string;
        language: string;
        languages: string[];
      }[];
    const find = (items: Awaited<ReturnType<typeof list>>, id: string) =>
      items.find((item) => item.advisoryId === id);
    expect(find(await list(""), scripting.id)).toMatchObject({
      title: english.title,
      overview: english.overview,
      language: "ja",
      languages: ["ja", "en"],
    });
    expect(find(await list("&lang=en"), scripting.id)).toMatchObject({
      title: english.translation?.title,
      overview: english.translation?.overview,
      language: "en",
    });
    expect(find(await list("&lang=ja"), scripting.id)).toMatchObject({ language: "ja" });
    // English only: asked for Japanese, it answers in English and says so.
    expect(find(await list("&lang=ja"), bypass.id)).toMatchObject({
      title: "Authentication bypass in Camera Manager",
      language: "en",
      languages: ["en"],
    });
    expect((await get("/api/v1/advisories?lang=fr")).statusCode).toBe(422);
  });

  it("refuses query parameters it does not know, naming them", async () => {
    const encoded = encodeURIComponent(scripting.id);
    for (const [url, names] of [
      ["/api/v1/advisories?venodr=vendor%20a", ["venodr"]],
      ["/api/v1/advisories?q=xss&page=2&sortBy=updated", ["page", "sortBy"]],
      [`/api/v1/advisories/${encoded}?lang=en`, ["lang"]],
      [`/api/v1/advisories/${encoded}/csaf?format=xml`, ["format"]],
      [`/api/v1/advisories/${encoded}/osv?x=1`, ["x"]],
      ["/api/v1/advisory-vendors?name=vendor", ["name"]],
      ["/api/v1/advisory-products?product=camera", ["product"]],
      ["/feeds/advisories.atom?language=en", ["language"]],
    ] as const) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(422);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json()).toMatchObject({ code: "invalid_input" });
      expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(names);
    }
    // The documented parameters still work, as before.
    const { severity } = await bed.runtime.services.advisories.get(scripting.id);
    expect(await ids(`q=router&product=router&cve=CVE-2026-10001&severity=${severity}`)).toEqual([
      scripting.id,
    ]);
    expect(await ids("source=kakehashi")).toEqual(await ids(""));
    expect(await ids("source=elsewhere")).toEqual([]);
  });

  it("lists the vendors and products of published advisories only, as MyJVN does", async () => {
    const vendors = okJson(await get("/api/v1/advisory-vendors")).items;
    expect(vendors).toEqual([
      { name: "Vendor A Corporation", advisoryCount: 2 },
      { name: "Vendor B Inc.", advisoryCount: 1 },
    ]);
    expect(okJson(await get("/api/v1/advisory-vendors?q=VENDOR%20b")).items).toEqual([
      { name: "Vendor B Inc.", advisoryCount: 1 },
    ]);
    expect(okJson(await get("/api/v1/advisory-vendors?vendorStatus=not_affected")).items).toEqual([
      { name: "Vendor B Inc.", advisoryCount: 2 },
    ]);

    const products = okJson(await get("/api/v1/advisory-products")).items;
    expect(products).toEqual([
      {
        vendor: "Vendor A Corporation",
        product: "Camera Manager",
        cpe: null,
        purl: "pkg:npm/camera-manager",
        advisoryCount: 1,
      },
      {
        vendor: "Vendor A Corporation",
        product: "Router A100",
        cpe: "cpe:2.3:h:vendor_a:router_a100:*:*:*:*:*:*:*:*",
        purl: null,
        advisoryCount: 1,
      },
      {
        vendor: "Vendor B Inc.",
        product: "Camera Manager Plug-in",
        cpe: null,
        purl: null,
        advisoryCount: 1,
      },
    ]);
    const productNames = async (query: string) =>
      okJson(await get(`/api/v1/advisory-products?${query}`)).items.map(
        (p: { product: string }) => p.product,
      );
    expect(await productNames("vendor=vendor%20b")).toEqual(["Camera Manager Plug-in"]);
    expect(await productNames("q=router_a100")).toEqual(["Router A100"]);
    expect(await productNames("q=pkg:npm")).toEqual(["Camera Manager"]);
    expect(await productNames("vendor=vendor%20a&q=camera")).toEqual(["Camera Manager"]);

    // Paged like every list: one at a time, the same rows.
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page = okJson(await get(`/api/v1/advisory-products?limit=1${query}`));
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(products);
    const firstVendor = okJson(await get("/api/v1/advisory-vendors?limit=1"));
    expect(
      okJson(await get(`/api/v1/advisory-vendors?limit=1&cursor=${firstVendor.nextCursor}`)).items,
    ).toEqual([vendors[1]]);

    // The approved advisory's vendor and product are nowhere until it is published …
    const everything = JSON.stringify([
      okJson(await get("/api/v1/advisory-vendors?limit=200")),
      okJson(await get("/api/v1/advisory-products?limit=200")),
      okJson(await get(`/api/v1/advisory-vendors?q=${encodeURIComponent("vendor c")}`)),
      okJson(await get(`/api/v1/advisory-products?q=${encodeURIComponent("gadget")}`)),
      ...(await Promise.all(
        ["unknown", "investigating", "affected"].map(async (status) =>
          okJson(await get(`/api/v1/advisory-vendors?vendorStatus=${status}`)),
        ),
      )),
    ]);
    expect(everything).not.toContain(PENDING_VENDOR);
    expect(everything).not.toContain(PENDING_PRODUCT);
    expect(await ids(`product=${encodeURIComponent(PENDING_PRODUCT)}`)).toEqual([]);

    // … and there once it is (the same lists, the same calls).
    await bed.runDueAt(bed.inDays(31));
    const pendingId = (await bed.runtime.services.advisories.advisoryIdOfCase(pendingCaseId)) ?? "";
    expect(pendingId).not.toBe("");
    expect(okJson(await get("/api/v1/advisory-vendors")).items).toContainEqual({
      name: PENDING_VENDOR,
      advisoryCount: 1,
    });
    expect(await productNames(`q=${encodeURIComponent("gadget")}`)).toEqual([PENDING_PRODUCT]);
    expect(await ids(`vendor=${encodeURIComponent(PENDING_VENDOR)}`)).toEqual([pendingId]);
  });

  it("gives advisories published before it their search rows and weakness names (migration 0018)", async () => {
    const before = await Promise.all(
      [
        "/api/v1/advisory-vendors?limit=200",
        "/api/v1/advisory-products?limit=200",
        "/api/v1/advisories?limit=200&vendor=vendor%20b",
        "/api/v1/advisories?limit=200&q=xss",
      ].map(async (url) => ({ url, body: okJson(await get(url)) })),
    );
    expect(before[3]?.body.items.length).toBeGreaterThan(0);
    // As the tables were before the migration: no product rows, no names, no aliases indexed.
    const { db } = bed.runtime.database;
    await migration0018.down(db as unknown as Kysely<unknown>);
    await db
      .updateTable("advisories")
      .set({ search_tokens: sql<string>`replace(search_tokens, '|xss|', '|')` })
      .execute();
    expect(await ids("q=xss")).toEqual([]);
    await migration0018.up(db as unknown as Kysely<unknown>);
    for (const { url, body } of before) expect(okJson(await get(url)), url).toEqual(body);
  });
});
