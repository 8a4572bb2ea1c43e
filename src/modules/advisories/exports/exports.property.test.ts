import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { draftFor, englishTranslation } from "../../../../test/support/advisories.ts";
import { advisoryTestbed } from "../../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../../test/support/databases.ts";
import { exportsClient } from "../../../../test/support/exports.ts";
import type { AdvisoryDraftInput } from "../advisories.schemas.ts";

/**
 * Whatever a coordinator writes within the API's limits, the exports stay valid: drafts are
 * generated (languages, translations, texts up to their limits, products with any mix of CPE,
 * package URL, versions and ranges, references, CVE IDs, scores), written over a published
 * advisory with PUT, and every CSAF, CVE and OSV export is validated by the standard's own
 * validator (or answers the 404/409 API.md gives).
 */

const WORDS = [
  "脆弱性",
  "ルーター",
  "認証回避",
  "の",
  "XSS",
  "router",
  "<script>",
  "&amp;",
  "é",
  "🙂",
  "|",
  "%",
  "#",
  "\n",
  "1.0",
  "Vendor",
  '"quoted"',
];

/** A text of the API's kind: trimmed, never blank, up to `max` characters. */
const text = (max: number) =>
  fc
    .oneof(
      {
        weight: 4,
        arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }),
      },
      // Now and then as long as the API allows, past what a CVE description may hold.
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: Math.floor(max / 2), max })
          .map((length) => Array.from({ length: Math.ceil(length / 4) }, () => "語 ab")),
      },
    )
    .map((words) => words.join(" ").slice(0, max).trim())
    .filter((value) => value.length > 0);

const texts = fc.record({
  title: text(300),
  overview: text(5_000),
  description: text(20_000),
  impact: text(5_000),
});

const semver = fc
  .tuple(fc.nat({ max: 20 }), fc.nat({ max: 20 }), fc.nat({ max: 20 }))
  .map((parts) => parts.join("."));
const version = fc.oneof(
  semver,
  semver.map((v) => `v${v}`),
  fc.constantFrom(
    "2.3 以前",
    "1.0 and earlier",
    "all versions",
    "1.0 beta",
    "2.0|rc",
    "1:2.3-4",
    "4.1.0-rc.1",
    "r100",
  ),
);
const range = fc
  .record(
    {
      introduced: fc.oneof(version, fc.constant("0")),
      fixed: version,
      lastAffected: version,
    },
    { requiredKeys: [] },
  )
  .filter(
    (r) => !(r.fixed && r.lastAffected) && Boolean(r.introduced || r.fixed || r.lastAffected),
  );

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const cpe = fc.oneof(
  fc
    .tuple(fc.constantFrom("a", "o", "h"), name, name, fc.oneof(fc.constant("*"), semver))
    .map(
      ([part, vendor, product, v]) =>
        `cpe:2.3:${part}:${vendor.replaceAll("-", "_")}:${product.replaceAll("-", "_")}:${v}:*:*:*:*:*:*:*`,
    ),
  fc.tuple(name, name).map(([vendor, product]) => `cpe:/a:${vendor}:${product}`),
);
const purl = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("npm", "pypi", "cargo", "gem", "nuget", "hex", "pub", "generic", "conan"),
      name,
    )
    .map(([type, n]) => `pkg:${type}/${n}`),
  fc
    .tuple(fc.constantFrom("maven", "composer", "github"), name, name)
    .map(([type, ns, n]) => `pkg:${type}/${ns}/${n}`),
  fc.tuple(name, name).map(([scope, n]) => `pkg:npm/%40${scope}/${n}`),
  fc.tuple(name, name).map(([owner, n]) => `pkg:golang/github.com/${owner}/${n}`),
  fc
    .tuple(
      fc.constantFrom("deb/debian", "deb/ubuntu", "rpm/redhat", "apk/alpine", "rpm/fedora"),
      name,
    )
    .map(([ns, n]) => `pkg:${ns}/${n}`),
  fc.tuple(name, semver).map(([n, v]) => `pkg:swift/github.com/example/${n}@${v}`),
  fc.tuple(name, semver).map(([n, v]) => `pkg:npm/${n}@${v}`),
);

const CVSS_V3 = [
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N",
];
const CVSS_V4 = [
  "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N",
  "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
];

describe.each(testDatabaseTargets())("exports of generated advisories on $name", (target) => {
  const bed = advisoryTestbed(target, {
    config: { publicUrl: "https://kakehashi.example" },
  });
  let client: ReturnType<typeof exportsClient>;

  beforeAll(async () => {
    client = exportsClient(bed);
  });

  it("validates every export of whatever draft the API accepts", async () => {
    const { caseId, encoded } = await client.publish({
      vendors: {
        vendorA: {
          status: "affected",
          statement: "Vendor A fixed this in 1.0.4.",
          countermeasures: [
            { type: "fix", description: "Update to 1.0.4.", fixedVersions: ["1.0.4"] },
            { type: "workaround", description: "管理画面へのアクセスを制限してください。" },
          ],
        },
        vendorB: { status: "affected", statement: "Vendor B is affected." },
      },
      draft: draftFor(bed.cast, { translation: englishTranslation }),
    });
    const vendors = [bed.cast.organizations.vendorA, bed.cast.organizations.vendorB];
    const draft: fc.Arbitrary<AdvisoryDraftInput> = fc
      .record({
        texts,
        language: fc.constantFrom("ja" as const, "en" as const),
        translation: fc.option(texts, { nil: null }),
        cwe: fc.option(fc.constantFrom("CWE-79", "CWE-89", "CWE-287", "CWE-22", "CWE-352"), {
          nil: null,
        }),
        cvssV3: fc.option(fc.constantFrom(...CVSS_V3), { nil: null }),
        cvssV4: fc.option(fc.constantFrom(...CVSS_V4), { nil: null }),
        affected: fc.array(
          fc.record({
            vendorOrgId: fc.constantFrom(...vendors),
            product: text(300),
            versions: fc.array(version, { maxLength: 3 }),
            cpe: fc.option(cpe, { nil: null }),
            purl: fc.option(purl, { nil: null }),
            ranges: fc.array(range, { maxLength: 3 }),
          }),
          { maxLength: 4 },
        ),
        references: fc.array(
          fc.record({
            url: fc.constantFrom(
              "https://vendor-a.example/advisory",
              "https://example.org/path?q=1#part",
              "https://www.cve.org/CVERecord?id=CVE-2026-40001",
            ),
            title: fc.option(text(500), { nil: null }),
          }),
          { maxLength: 3 },
        ),
        cveIds: fc.array(
          fc.integer({ min: 1000, max: 99_999_999 }).map((n) => `CVE-2026-${n}`),
          { maxLength: 3 },
        ),
        changeNote: fc.option(text(200), { nil: null }),
      })
      .map(({ texts: own, ...rest }) => ({ ...own, ...rest }));

    let records = 0;
    let identifiedRuns = 0;
    await fc.assert(
      fc.asyncProperty(draft, async (input) => {
        bed.runtime.clock.advance(60_000);
        await client.json(
          bed.cast.users.coordinatorMember,
          "PUT",
          `/api/v1/cases/${caseId}/advisory`,
          input,
        );
        const exports = await client.validatedExports(encoded);
        const hasEnglish = input.language === "en" || input.translation !== null;
        for (const { status, body } of exports.cve) {
          if (status !== 200) continue;
          records++;
          const languages = body.containers.cna.descriptions.map((d) => d.lang);
          expect(languages).toEqual(input.translation ? ["en", "ja"] : ["en"]);
        }
        expect(exports.csaf.map((c) => c.lang).sort()).toEqual(
          input.translation ? ["en", "ja"] : [input.language],
        );
        // Products stated by ranges are named by vers (6.2.18); with a package URL on every
        // product of both vendors, every product is identified (6.2.16) — except Go and Swift
        // package URLs, which cannot be written for some versions (Go's must be "v" and SemVer,
        // Swift's must have one); the canonical URL is always there (6.2.11).
        const stated =
          input.affected.length > 0 && input.affected.every((a) => (a.ranges ?? []).length > 0);
        const identified =
          stated &&
          input.affected.every(
            (a) => typeof a.purl === "string" && !/^pkg:(golang|swift)\//.test(a.purl),
          ) &&
          vendors.every((v) => input.affected.some((a) => a.vendorOrgId === v));
        for (const { document } of exports.csaf) {
          const warnings = await client.identifierWarnings(document);
          expect(warnings.filter((w) => w.startsWith("6.2.11"))).toEqual([]);
          if (stated) expect(warnings.filter((w) => w.startsWith("6.2.18"))).toEqual([]);
          if (identified) {
            identifiedRuns++;
            expect(warnings).toEqual([]);
          }
        }
        expect(exports.osv.summary.length).toBeGreaterThan(0);
        expect(exports.osv.database_specific.language).toBe(hasEnglish ? "en" : "ja");
      }),
      { numRuns: 40 },
    );
    // The runs met CVE records, not only the 404 and 409 answers.
    expect(records).toBeGreaterThan(0);
    expect(identifiedRuns).toBeGreaterThan(0);
  });
});
