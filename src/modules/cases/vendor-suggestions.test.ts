import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import type { OrganizationType } from "../../platform/db/schema.ts";
import { newId } from "../../platform/ids.ts";
import {
  type SuggestionReasonKind,
  suggestVendors,
  type VendorSuggestion,
  type VendorSuggestionInput,
} from "./vendor-suggestions.ts";

interface Entry {
  type: OrganizationType;
  name: string;
  products?: Array<{ name: string; cpe?: string }>;
  keywords?: string[];
}

/** A small directory in Japanese and English. */
const DIRECTORY = {
  sample: {
    type: "vendor",
    name: "サンプル株式会社",
    products: [
      { name: "サンプル製品" },
      {
        name: "サンプルビューア",
        cpe: "cpe:2.3:a:sample:sample_viewer:*:*:*:*:*:*:*:*",
      },
    ],
    keywords: ["組込み機器"],
  },
  testDenki: {
    type: "vendor",
    name: "テスト電機株式会社",
    products: [{ name: "テスト製品" }, { name: "テストルーター TR-100" }],
    keywords: ["ルーター"],
  },
  example: {
    type: "vendor",
    name: "Example Software, Inc.",
    products: [
      {
        name: "Example Router",
        cpe: "cpe:2.3:a:example:example_router:*:*:*:*:*:*:*:*",
      },
      { name: "Example Mail Gateway" },
    ],
    keywords: ["OpenSSL", "TLS"],
  },
  // A foreign developer's product, registered under its Japanese subsidiary (R-COO-12).
  globexJapan: {
    type: "vendor",
    name: "グロベックス・ジャパン株式会社",
    products: [{ name: "Globex Mail Server" }],
    keywords: ["Globex"],
  },
  // Not vendors: they register the same products, and are never suggested.
  cert: {
    type: "csirt",
    name: "Sample CERT",
    products: [{ name: "サンプル製品" }, { name: "Example Router" }],
    keywords: ["OpenSSL"],
  },
  site: {
    type: "site_operator",
    name: "サンプル製品オンラインストア",
    products: [{ name: "サンプル製品" }],
    keywords: ["組込み機器"],
  },
} satisfies Record<string, Entry>;

type Key = keyof typeof DIRECTORY;

describe.each(testDatabaseTargets())("vendor suggestions on $name", (target) => {
  let runtime: TestRuntime;
  const ids = {} as Record<Key, string>;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    const at = runtime.clock.now().toISOString();
    for (const [key, entry] of Object.entries(DIRECTORY) as Array<[Key, Entry]>) {
      const id = newId();
      ids[key] = id;
      await runtime.database.db
        .insertInto("organizations")
        .values({
          id,
          type: entry.type,
          name: entry.name,
          contact_emails: JSON.stringify([`psirt-${key.toLowerCase()}@example.org`]),
          pgp_public_key: null,
          pgp_fingerprint: null,
          products: JSON.stringify(entry.products ?? []),
          keywords: JSON.stringify(entry.keywords ?? []),
          domains: "[]",
          sector: null,
          nda_signed_at: null,
          nda_version: null,
          nda_recorded_by: null,
          nda_recorded_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
  });
  afterAll(async () => {
    await runtime.close();
  });

  const suggest = (input: VendorSuggestionInput, limit?: number) =>
    suggestVendors(runtime.database.db, runtime.cipher, input, limit);

  const nonVendors = () => [ids.cert, ids.site];

  function reasonsOf(suggestion: VendorSuggestion | undefined, kind: SuggestionReasonKind) {
    return (suggestion?.reasons ?? []).filter((reason) => reason.kind === kind);
  }

  function expectRanked(suggestions: VendorSuggestion[]) {
    const scores = suggestions.map((suggestion) => suggestion.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const suggestion of suggestions) {
      expect(suggestion.score).toBeGreaterThan(0);
      expect(suggestion.reasons.length).toBeGreaterThan(0);
      expect(nonVendors()).not.toContain(suggestion.organizationId);
    }
  }

  it("ranks first the vendor that registered the product a Japanese report is about", async () => {
    const suggestions = await suggest({
      productName: "サンプル製品",
      text: "サンプル製品のログイン画面に認証回避の脆弱性があります。",
    });
    expectRanked(suggestions);
    const [first, ...others] = suggestions;
    expect(first).toMatchObject({ organizationId: ids.sample, name: "サンプル株式会社" });
    expect(first?.reasons[0]).toEqual({ kind: "product_name", detail: "サンプル製品" });
    // Another vendor that only shares the common word 製品 ranks well below, if at all.
    for (const other of others) expect(other.score).toBeLessThan((first?.score ?? 0) / 2);
  });

  it("matches a product name whatever its width, case and spacing", async () => {
    for (const productName of ["ｻﾝﾌﾟﾙ 製品", "サンプル　製品", "サンプル・製品"]) {
      const [first] = await suggest({ productName });
      expect(first?.organizationId).toBe(ids.sample);
      expect(reasonsOf(first, "product_name")).toContainEqual({
        kind: "product_name",
        detail: "サンプル製品",
      });
    }
    for (const productName of ["ＥＸＡＭＰＬＥ ＲＯＵＴＥＲ", "example-router", "ExampleRouter"]) {
      const [first] = await suggest({ productName });
      expect(first?.organizationId).toBe(ids.example);
      expect(reasonsOf(first, "product_name")).toEqual([
        { kind: "product_name", detail: "Example Router" },
      ]);
    }
  });

  it("ranks first the vendor whose registered CPE names the report's vendor and product", async () => {
    const suggestions = await suggest({
      cpe: "cpe:2.3:a:example:example_router:2.1.0:*:*:*:*:*:*:*",
    });
    expectRanked(suggestions);
    expect(suggestions.map((suggestion) => suggestion.organizationId)).toEqual([ids.example]);
    expect(suggestions[0]?.reasons[0]).toEqual({ kind: "cpe", detail: "example:example_router" });

    // A CPE 2.2 URI of the same vendor, another product: the vendor, with a weaker reason.
    const [sameVendor] = await suggest({ cpe: "cpe:/a:sample:sample_cloud:1.0" });
    expect(sameVendor?.organizationId).toBe(ids.sample);
    expect(reasonsOf(sameVendor, "cpe")).toEqual([{ kind: "cpe", detail: "sample" }]);
    expect(sameVendor?.score ?? 0).toBeLessThan(suggestions[0]?.score ?? 0);
  });

  it("suggests a vendor from a registered keyword the report mentions", async () => {
    const suggestions = await suggest({
      text: "An embedded web server links an old OpenSSL build and accepts TLS 1.0 renegotiation.",
    });
    expectRanked(suggestions);
    const [first] = suggestions;
    expect(first?.organizationId).toBe(ids.example);
    expect(reasonsOf(first, "keyword")).toEqual([
      { kind: "keyword", detail: "OpenSSL" },
      { kind: "keyword", detail: "TLS" },
    ]);

    const japanese = await suggest({ text: "組込み機器向けの管理画面に問題があります。" });
    expect(japanese[0]?.organizationId).toBe(ids.sample);
    expect(reasonsOf(japanese[0], "keyword")).toEqual([{ kind: "keyword", detail: "組込み機器" }]);
  });

  it("matches Latin keywords as whole words only", async () => {
    const suggestions = await suggest({ text: "The distlsx converter and the myopenssl tool." });
    expect(suggestions.map((suggestion) => suggestion.organizationId)).not.toContain(ids.example);
  });

  it("finds a foreign developer's product under its Japanese subsidiary", async () => {
    const suggestions = await suggest({
      vendorName: "Globex Corporation",
      productName: "Globex Mail Server 3.2",
      text: "Remote code execution in the IMAP service of Globex Mail Server.",
    });
    expectRanked(suggestions);
    const [first] = suggestions;
    expect(first?.organizationId).toBe(ids.globexJapan);
    expect(reasonsOf(first, "product_name")).toEqual([
      { kind: "product_name", detail: "Globex Mail Server" },
    ]);
    expect(reasonsOf(first, "keyword")).toEqual([{ kind: "keyword", detail: "Globex" }]);
  });

  it("matches the vendor's name without its company form", async () => {
    const [first] = await suggest({ vendorName: "example software" });
    expect(first?.organizationId).toBe(ids.example);
    expect(first?.reasons[0]).toEqual({ kind: "vendor_name", detail: "Example Software, Inc." });

    const [japanese] = await suggest({ vendorName: "テスト電機" });
    expect(japanese?.organizationId).toBe(ids.testDenki);
    expect(reasonsOf(japanese, "vendor_name")).toEqual([
      { kind: "vendor_name", detail: "テスト電機株式会社" },
    ]);
  });

  it("weighs shared words of the report text by how rare they are in the directory", async () => {
    const suggestions = await suggest({
      text: "ゲートウェイのメール処理 (Mail Gateway) に不備",
    });
    const [first] = suggestions;
    expect(first?.organizationId).toBe(ids.example);
    const [textReason] = reasonsOf(first, "text");
    expect(textReason?.detail.split(", ")).toEqual(expect.arrayContaining(["gateway", "mail"]));
  });

  it("never suggests an organization that is not a vendor, nor one already on the case", async () => {
    for (const input of [
      { productName: "サンプル製品", text: "組込み機器 OpenSSL" },
      { productName: "Example Router", vendorName: "Sample CERT" },
      { vendorName: "サンプル製品オンラインストア" },
    ]) {
      const suggestions = await suggest(input);
      expectRanked(suggestions);
    }
    const without = await suggest({ productName: "サンプル製品" }, 10);
    expect(without[0]?.organizationId).toBe(ids.sample);
    const excluded = await suggest({
      productName: "サンプル製品",
      excludeOrgIds: [ids.sample],
    });
    expect(excluded.map((suggestion) => suggestion.organizationId)).not.toContain(ids.sample);
  });

  it("returns at most the limit, and nothing for a report that names nothing", async () => {
    const all = await suggest({ text: "サンプル製品 テスト製品 Example Router Globex" });
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(await suggest({ text: "サンプル製品 テスト製品 Example Router Globex" }, 2)).toEqual(
      all.slice(0, 2),
    );
    expect(await suggest({})).toEqual([]);
    expect(await suggest({ text: "   ", cpe: null })).toEqual([]);
    expect(await suggest({ text: "まったく関係のない文章です。" })).toEqual([]);
  });
});
