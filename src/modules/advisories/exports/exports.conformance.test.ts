import { beforeAll, describe, expect, it } from "vitest";
import { draftFor, englishTranslation } from "../../../../test/support/advisories.ts";
import { advisoryTestbed } from "../../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../../test/support/databases.ts";
import { type CsafView, csafBranch, exportsClient } from "../../../../test/support/exports.ts";
import type { AdvisoryDraftInput } from "../advisories.schemas.ts";

/**
 * Issue 12's done-when: advisories of every shape are published through the API, and every
 * CSAF, CVE and OSV export of each validates with the standard's own validator (the bundled
 * CVE JSON 5.1 schema, the OSV schema with Ajv2020, the CSAF mandatory tests), CSAF without
 * the optional warnings 6.2.11, 6.2.16 and 6.2.18 when the products carry identifiers and
 * ranges. The mappings a consumer relies on are checked too.
 */

const PUBLIC_URL = "https://kakehashi.example";
const CNA = { orgId: "3b0c8a4e-9f1d-4e2a-8c5b-7d6e1f2a3b4c", shortName: "kakehashi-test" };

describe.each(testDatabaseTargets())(
  "standard exports of published advisories on $name",
  (target) => {
    const bed = advisoryTestbed(target, {
      config: { publicUrl: PUBLIC_URL, cna: CNA, osvPrefix: "x_" },
    });
    let client: ReturnType<typeof exportsClient>;
    const published: string[] = [];

    const english = (overrides: Partial<AdvisoryDraftInput> = {}): AdvisoryDraftInput =>
      draftFor(bed.cast, {
        language: "en",
        ...englishTranslation,
        translation: null,
        cveIds: [],
        references: [],
        ...overrides,
      });
    const publish = async (options: Parameters<typeof client.publish>[0]) => {
      const result = await client.publish(options);
      published.push(result.encoded);
      return { ...result, exports: await client.validatedExports(result.encoded) };
    };

    beforeAll(async () => {
      client = exportsClient(bed);
    });

    it("answers 409 english_text_missing for the CVE record of a Japanese-only advisory, and gives valid CSAF and OSV", async () => {
      const { advisory, exports } = await publish({
        vendors: {
          vendorA: {
            status: "affected",
            statement: "Vendor A fixed this in firmware 1.0.4.",
            countermeasures: [
              {
                type: "fix",
                description: "Update the firmware to 1.0.4.",
                fixedVersions: ["1.0.4"],
              },
            ],
          },
          vendorB: { status: "not_affected", statement: "Vendor B is not affected." },
        },
        draft: draftFor(bed.cast),
      });
      expect(advisory.language).toBe("ja");
      expect(exports.cve.map((c) => c.status)).toEqual([409, 409]);
      expect(exports.csaf.map((c) => c.lang)).toEqual(["ja"]);
      expect(exports.osv.summary).toBe(draftFor(bed.cast).title);
      expect(exports.osv.database_specific).toMatchObject({ language: "ja" });
      // Without a package URL nothing can be matched by a scanner; the product stays described.
      expect(exports.osv.affected).toEqual([]);
      expect(exports.osv.database_specific.products).toEqual([
        expect.objectContaining({ vendor: "Vendor A Corporation", product: "Router A100" }),
      ]);
    });

    it("answers 404 for the CVE record of an advisory without CVE ID, and states a CPE-only range in CSAF with vers and CPE helpers", async () => {
      const cpe = "cpe:2.3:a:vendor_a:camera_manager:*:*:*:*:*:*:*:*";
      const { advisory, exports } = await publish({
        credit: null,
        vendors: {
          vendorA: {
            status: "affected",
            statement: "Vendor A recommends disabling remote access.",
            countermeasures: [{ type: "workaround", description: "Disable remote access." }],
          },
        },
        draft: english({
          cwe: "CWE-287",
          affected: [
            {
              vendorOrgId: bed.cast.organizations.vendorA,
              product: "Camera Manager",
              versions: ["2.0 to 2.3"],
              cpe,
              ranges: [{ introduced: "2.0", fixed: "2.4" }],
            },
          ],
        }),
      });
      expect(advisory.cveIds).toEqual([]);
      expect(exports.cve).toEqual([
        { status: 404, body: expect.objectContaining({ code: "not_found" }) },
      ]);
      const doc = exports.csaf[0]?.document as CsafView;
      expect(await client.identifierWarnings(doc)).toEqual([]);
      const product = csafBranch(doc, "Vendor A Corporation", "Camera Manager");
      const [range, fixed] = product.branches ?? [];
      expect(range).toMatchObject({
        category: "product_version_range",
        name: "vers:generic/>=2.0|<2.4",
        product: { product_identification_helper: { cpe } },
      });
      expect(fixed).toMatchObject({
        category: "product_version",
        name: "2.4",
        product: {
          product_identification_helper: {
            cpe: "cpe:2.3:a:vendor_a:camera_manager:2.4:*:*:*:*:*:*:*",
          },
        },
      });
      const [vulnerability] = doc.vulnerabilities;
      expect(vulnerability?.product_status).toEqual({
        known_affected: [range?.product?.product_id],
        fixed: [fixed?.product?.product_id],
      });
      expect(vulnerability?.remediations).toContainEqual(
        expect.objectContaining({
          category: "vendor_fix",
          product_ids: [range?.product?.product_id],
        }),
      );
      expect(vulnerability?.remediations).toContainEqual(
        expect.objectContaining({ category: "workaround", details: "Disable remote access." }),
      );
      expect(vulnerability?.acknowledgments).toBeUndefined();
      expect(exports.osv.affected).toEqual([]);
      expect(exports.osv.credits).toBeUndefined();
    });

    it("publishes a bilingual advisory with several CVEs: both descriptions, ranges as lessThan and lessThanOrEqual, npm and Maven packages, and a CSAF translation", async () => {
      const cpe = "cpe:2.3:a:example:server:*:*:*:*:*:*:*:*";
      const { advisoryId, advisory, exports } = await publish({
        vendors: {
          vendorA: {
            status: "affected",
            statement: "Vendor A released fixed versions.",
            advisoryUrl: "https://vendor-a.example/security/VA-2026-02",
            countermeasures: [
              {
                type: "fix",
                description: "Update to the fixed versions.",
                url: "https://vendor-a.example/security/VA-2026-02",
              },
            ],
          },
        },
        draft: draftFor(bed.cast, {
          translation: englishTranslation,
          cveIds: ["CVE-2026-30001", "CVE-2026-30002"],
          references: [{ url: "https://vendor-a.example/security/VA-2026-02", title: "Vendor A" }],
          affected: [
            {
              vendorOrgId: bed.cast.organizations.vendorA,
              product: "example lib",
              versions: ["1.0.0 以降 1.4.2 より前"],
              purl: "pkg:npm/%40example/lib",
              ranges: [{ introduced: "1.0.0", fixed: "1.4.2" }],
            },
            {
              vendorOrgId: bed.cast.organizations.vendorA,
              product: "Example Server",
              versions: ["2.0 から 2.3.1"],
              cpe,
              purl: "pkg:maven/com.example/server",
              ranges: [{ introduced: "2.0", lastAffected: "2.3.1" }],
            },
          ],
        }),
      });
      expect(advisory.language).toBe("ja");

      // CVE: one record per CVE ID, the default the first; both descriptions, English first.
      expect(exports.cve.map((c) => [c.status, c.body.cveMetadata.cveId])).toEqual([
        [200, "CVE-2026-30001"],
        [200, "CVE-2026-30001"],
        [200, "CVE-2026-30002"],
      ]);
      const record = exports.cve[0]?.body;
      if (!record) throw new Error("no CVE record");
      expect(record.cveMetadata.assignerOrgId).toBe(CNA.orgId);
      expect(record.containers.cna.providerMetadata).toMatchObject(CNA);
      expect(record.containers.cna.descriptions).toEqual([
        { lang: "en", value: expect.stringContaining(englishTranslation.description) },
        { lang: "ja", value: expect.stringContaining(draftFor(bed.cast).overview) },
      ]);
      expect(record.containers.cna.title).toBe(englishTranslation.title);
      const [npm, maven] = record.containers.cna.affected;
      expect(npm).toMatchObject({
        vendor: "Vendor A Corporation",
        product: "example lib",
        collectionURL: "https://registry.npmjs.org",
        packageName: "@example/lib",
        defaultStatus: "unaffected",
        versions: [
          { version: "1.0.0", lessThan: "1.4.2", status: "affected", versionType: "semver" },
        ],
      });
      expect(maven).toMatchObject({
        cpes: [cpe],
        packageName: "com.example:server",
        versions: [
          { version: "2.0", lessThanOrEqual: "2.3.1", status: "affected", versionType: "maven" },
        ],
      });
      expect(record.containers.cna.credits).toEqual([
        { lang: "en", value: "Finder One", type: "finder" },
      ]);
      const lower = await client.call(
        null,
        "GET",
        `/api/v1/advisories/${encodeURIComponent(advisoryId)}/cve?cveId=cve-2026-30002`,
      );
      expect(lower.json().cveMetadata.cveId).toBe("CVE-2026-30002");

      // OSV: the CVE IDs as aliases, packages a scanner can match, English where OSV wants it.
      expect(exports.osv).toMatchObject({
        id: `x_${advisoryId.replace("#", "-")}`,
        aliases: ["CVE-2026-30001", "CVE-2026-30002"],
        summary: englishTranslation.title,
        database_specific: { language: "en", translation: { language: "ja" } },
      });
      expect(exports.osv.affected).toEqual([
        expect.objectContaining({
          package: { ecosystem: "npm", name: "@example/lib", purl: "pkg:npm/%40example/lib" },
          ranges: [{ type: "SEMVER", events: [{ introduced: "1.0.0" }, { fixed: "1.4.2" }] }],
        }),
        expect.objectContaining({
          package: {
            ecosystem: "Maven",
            name: "com.example:server",
            purl: "pkg:maven/com.example/server",
          },
          ranges: [
            { type: "ECOSYSTEM", events: [{ introduced: "2.0" }, { last_affected: "2.3.1" }] },
          ],
        }),
      ]);

      // CSAF: the original in Japanese and its translation, each valid and without warnings.
      expect(exports.csaf.map((c) => c.lang)).toEqual(["ja", "en"]);
      const [original, translation] = exports.csaf.map((c) => c.document);
      if (!original || !translation) throw new Error("no CSAF documents");
      for (const doc of [original, translation]) {
        expect(await client.identifierWarnings(doc)).toEqual([]);
      }
      expect(original.document).toMatchObject({ lang: "ja", tracking: { id: advisoryId } });
      expect(original.document.source_lang).toBeUndefined();
      expect(translation.document).toMatchObject({
        lang: "en",
        source_lang: "ja",
        title: englishTranslation.title,
        tracking: { id: `${advisoryId}-en`, version: original.document.tracking.version },
      });
      const originalSelf = original.document.references.find((r) => r.category === "self");
      expect(translation.document.references[0]).toMatchObject({
        category: "external",
        url: originalSelf?.url,
      });
      const npmProduct = csafBranch(original, "Vendor A Corporation", "example lib");
      const mavenProduct = csafBranch(original, "Vendor A Corporation", "Example Server");
      expect(npmProduct.branches).toEqual([
        expect.objectContaining({
          category: "product_version_range",
          name: "vers:npm/>=1.0.0|<1.4.2",
          product: expect.objectContaining({
            product_identification_helper: { purl: "pkg:npm/%40example/lib" },
          }),
        }),
        expect.objectContaining({
          category: "product_version",
          name: "1.4.2",
          product: expect.objectContaining({
            product_identification_helper: { purl: "pkg:npm/%40example/lib@1.4.2" },
          }),
        }),
      ]);
      expect(mavenProduct.branches).toEqual([
        expect.objectContaining({
          category: "product_version_range",
          name: "vers:maven/>=2.0|<=2.3.1",
          product: expect.objectContaining({
            product_identification_helper: { cpe, purl: "pkg:maven/com.example/server" },
          }),
        }),
      ]);
      expect(original.vulnerabilities.map((v) => v.cve)).toEqual([
        "CVE-2026-30001",
        "CVE-2026-30002",
      ]);
    });

    it("publishes an English advisory with a Japanese translation, introduced-only ranges and plain versions of Go, PyPI and generic packages from two vendors", async () => {
      const { exports } = await publish({
        vendors: {
          vendorA: { status: "affected", statement: "Vendor A is investigating a fix." },
          vendorB: { status: "affected", statement: "Vendor B firmware 4.1.0 is affected." },
        },
        draft: english({
          translation: {
            title: "Example ライブラリにおける認証回避",
            overview: "複数の製品に認証回避の脆弱性があります。",
            description: "セッション処理に不備があります。",
            impact: "認証を回避される可能性があります。",
          },
          cwe: null,
          cvssV3: null,
          cveIds: ["CVE-2026-30003"],
          affected: [
            {
              vendorOrgId: bed.cast.organizations.vendorA,
              product: "gin helper",
              versions: [],
              purl: "pkg:golang/github.com/example/gin-helper",
              ranges: [{ introduced: "v1.2.0" }],
            },
            {
              vendorOrgId: bed.cast.organizations.vendorA,
              product: "PyExample",
              versions: ["3.1", "3.2"],
              purl: "pkg:pypi/PyExample",
            },
            {
              vendorOrgId: bed.cast.organizations.vendorB,
              product: "Camera B7 firmware",
              versions: ["4.1.0"],
              cpe: "cpe:2.3:o:vendor_b:camera_b7_firmware:4.1.0:*:*:*:*:*:*:*",
              purl: "pkg:generic/vendor-b/camera-b7-firmware",
            },
          ],
        }),
      });
      const cna = exports.cve[0]?.body.containers.cna;
      if (!cna) throw new Error("no CVE record");
      expect(cna.descriptions.map((d) => d.lang)).toEqual(["en", "ja"]);
      expect(cna.problemTypes).toBeUndefined();
      expect(cna.metrics?.map((m) => Object.keys(m).filter((k) => k.startsWith("cvss")))).toEqual([
        ["cvssV4_0"],
      ]);
      expect(cna.affected.map((a) => [a.product, a.versions, a.defaultStatus])).toEqual([
        [
          "gin helper",
          [{ version: "v1.2.0", lessThan: "*", status: "affected", versionType: "semver" }],
          "unaffected",
        ],
        [
          "PyExample",
          [
            { version: "3.1", status: "affected" },
            { version: "3.2", status: "affected" },
          ],
          "unknown",
        ],
        ["Camera B7 firmware", [{ version: "4.1.0", status: "affected" }], "unknown"],
      ]);
      expect(exports.osv.summary).toBe("Stored cross-site scripting in Router A100");
      expect(exports.osv.affected.map((a) => [a.package, a.ranges, a.versions])).toEqual([
        [
          {
            ecosystem: "Go",
            name: "github.com/example/gin-helper",
            purl: "pkg:golang/github.com/example/gin-helper",
          },
          [{ type: "SEMVER", events: [{ introduced: "1.2.0" }] }],
          undefined,
        ],
        [
          { ecosystem: "PyPI", name: "pyexample", purl: "pkg:pypi/pyexample" },
          undefined,
          ["3.1", "3.2"],
        ],
      ]);
      expect(exports.osv.database_specific.products).toHaveLength(3);
      for (const { document } of exports.csaf) {
        expect(await client.identifierWarnings(document)).toEqual([]);
      }
      const original = exports.csaf[0]?.document as CsafView;
      const pyVersions = csafBranch(original, "Vendor A Corporation", "PyExample").branches ?? [];
      expect(
        pyVersions.map((b) => [b.category, b.name, b.product?.product_identification_helper]),
      ).toEqual([
        ["product_version", "3.1", { purl: "pkg:pypi/pyexample@3.1" }],
        ["product_version", "3.2", { purl: "pkg:pypi/pyexample@3.2" }],
      ]);
    });

    it("publishes an advisory without listed products, scores or credit: the vendor stands for its products", async () => {
      const { exports } = await publish({
        credit: null,
        vendors: { vendorA: { status: "affected", statement: "Vendor A is affected." } },
        draft: english({ affected: [], cvssV3: null, cvssV4: null, cveIds: ["CVE-2026-30004"] }),
      });
      const cna = exports.cve[0]?.body.containers.cna;
      expect(cna?.affected).toEqual([
        { vendor: "Vendor A Corporation", product: "n/a", defaultStatus: "affected" },
      ]);
      expect(cna?.metrics).toBeUndefined();
      expect(cna?.credits).toBeUndefined();
      expect(exports.osv.affected).toEqual([]);
      expect(exports.osv.severity).toBeUndefined();
      expect(exports.csaf[0]?.document.product_tree.branches).toEqual([
        {
          category: "vendor",
          name: "Vendor A Corporation",
          product: { product_id: expect.any(String), name: "Vendor A Corporation" },
        },
      ]);
    });

    it("keeps every export valid at the API's limits: long texts, odd versions and repeated references", async () => {
      const long = (length: number, word: string) =>
        word.repeat(Math.ceil(length / word.length)).slice(0, length);
      const { advisory, exports } = await publish({
        vendors: {
          vendorA: {
            status: "affected",
            statement: "Vendor A publishes its own advisory.",
            advisoryUrl: "https://vendor-a.example/advisory",
            countermeasures: [
              { type: "workaround", description: long(20_000, "Restrict access. ") },
              { type: "workaround", description: long(20_000, "Restrict access. ") },
            ],
          },
        },
        credit: long(100, "名前"),
        draft: english({
          title: long(300, "Title "),
          overview: long(5_000, "Overview. "),
          description: long(20_000, "Description text. "),
          impact: long(5_000, "Impact. "),
          cveIds: ["CVE-2026-1234567"],
          references: [
            { url: "https://vendor-a.example/advisory", title: long(500, "Ref ") },
            { url: "https://vendor-a.example/advisory", title: null },
          ],
          affected: [
            {
              vendorOrgId: bed.cast.organizations.vendorA,
              product: long(300, "Product "),
              versions: ["2.3 以前", "1.0 | 2"],
              ranges: [
                { introduced: "1.0 beta", fixed: "2.0|rc" },
                { introduced: "0", lastAffected: "0.9" },
                { introduced: "3.0", fixed: "3.0" },
              ],
            },
          ],
        }),
      });
      const cna = exports.cve[0]?.body.containers.cna;
      if (!cna) throw new Error("no CVE record");
      const page = `${PUBLIC_URL}/advisories/${encodeURIComponent(advisory.advisoryId)}`;
      expect([...cna.title].length).toBeLessThanOrEqual(256);
      expect([...(cna.descriptions[0]?.value ?? "")].length).toBe(4096);
      expect(cna.descriptions[0]?.value.endsWith(`… ${page}`)).toBe(true);
      expect(cna.affected[0]?.versions).toEqual([
        { version: "1.0 beta", lessThan: "2.0|rc", status: "affected", versionType: "custom" },
        { version: "0", lessThanOrEqual: "0.9", status: "affected", versionType: "custom" },
      ]);
      expect(cna.references.map((r) => r.url)).toEqual([page, "https://vendor-a.example/advisory"]);
      expect(cna.workarounds).toHaveLength(1);
      const doc = exports.csaf[0]?.document as CsafView;
      const ranges = (csafBranch(doc, "Vendor A Corporation", long(300, "Product ")).branches ?? [])
        .filter((b) => b.category === "product_version_range")
        .map((b) => b.name);
      expect(ranges).toEqual(["vers:generic/>=1.0%20beta|<2.0%7Crc", "vers:generic/<=0.9"]);
    });

    it("validates every export of every advisory this suite published, as listed by the public API", async () => {
      const listed = await client.json(null, "GET", "/api/v1/advisories?limit=200");
      const ids: string[] = listed.items.map((i: { advisoryId: string }) =>
        encodeURIComponent(i.advisoryId),
      );
      expect(ids.sort()).toEqual([...published].sort());
      expect(ids.length).toBeGreaterThanOrEqual(6);
      for (const encoded of ids) await client.validatedExports(encoded);
    });
  },
);
