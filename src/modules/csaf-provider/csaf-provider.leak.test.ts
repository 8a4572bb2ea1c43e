import { describe, expect, it } from "vitest";
import { draftFor } from "../../../test/support/advisories.ts";
import { advisoryTestbed } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { csafFileName } from "../advisories/exports/document.ts";

/**
 * W-2, R-CLS-1 for the CSAF provider: an advisory approved for a later date and one still in
 * draft must not appear in any of the provider's files — not their IDs, file names or texts —
 * and neither may the confidential parts of the published advisory's case.
 */
const FUTURE = {
  title: "ZQXfutureTitle embargoed",
  overview: "ZQXfutureOverview",
  description: "ZQXfutureDescription",
  impact: "ZQXfutureImpact",
} as const;
const DRAFT = {
  title: "ZQXdraftTitle",
  overview: "ZQXdraftOverview",
  description: "ZQXdraftDescription",
  impact: "ZQXdraftImpact",
} as const;
const CONFIDENTIAL = {
  reproduction: "ZQXreproductionOfPublished",
  attackMethod: "ZQXattackMethodOfPublished",
  verificationMethod: "ZQXverificationOfPublished",
} as const;

describe.each(testDatabaseTargets())("what the CSAF provider never serves, on $name", (target) => {
  const bed = advisoryTestbed(target);

  const get = (url: string, html = false) =>
    bed.app.inject({ method: "GET", url, headers: html ? { accept: "text/html" } : {} });

  /** Every file the provider serves, as a crawler would collect them: path → body. */
  async function crawl(): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    const fetchInto = async (url: string, html = false) => {
      const response = await get(url, html);
      expect(response.statusCode, url).toBe(200);
      files.set(url, response.body);
      return response.body;
    };
    await fetchInto("/.well-known/security.txt");
    const metadata = JSON.parse(await fetchInto("/.well-known/csaf/provider-metadata.json"));
    for (const key of metadata.public_openpgp_keys) await fetchInto(new URL(key.url).pathname);
    for (const path of [
      "/.well-known/csaf/feed-tlp-white.json",
      "/.well-known/csaf/service.json",
      "/.well-known/csaf/category-tlp-white.json",
      "/.well-known/csaf/white/changes.csv",
    ]) {
      await fetchInto(path);
    }
    await fetchInto("/.well-known/csaf", true);
    await fetchInto("/.well-known/csaf/white", true);
    const index = await fetchInto("/.well-known/csaf/white/index.txt");
    const years = new Set<string>();
    for (const line of index.split("\n").filter(Boolean)) {
      years.add(line.slice(0, 4));
      for (const suffix of ["", ".sha256", ".sha512", ".asc"]) {
        await fetchInto(`/.well-known/csaf/white/${line}${suffix}`);
      }
    }
    for (const year of years) await fetchInto(`/.well-known/csaf/white/${year}`, true);
    return files;
  }

  it("serves the published advisory and nothing of an approved one before its date, a draft, or the case's confidential parts", async () => {
    const { services } = bed.runtime;
    const publishAt = bed.inDays(2);
    const published = await bed.approvedCase({
      publishAt,
      text: CONFIDENTIAL,
      draft: { title: "Published: stored XSS in Router A100" },
    });
    const futureAt = bed.inDays(30);
    const future = await bed.approvedCase({
      publishAt: futureAt,
      draft: FUTURE,
    });
    const drafted = await bed.forwardedCase();
    await bed.notifyVendors(drafted.caseId, ["vendorA"]);
    await services.advisories.saveDraft(
      bed.people.coordinator,
      drafted.caseId,
      draftFor(bed.cast, DRAFT),
    );

    await bed.runDueAt(publishAt);
    const publishedId = (await services.advisories.advisoryIdOfCase(published.caseId)) ?? "";
    const futureId = (await services.cases.get(bed.people.coordinator, future.caseId)).advisory
      ?.advisoryId as string;
    const draftId = (await services.cases.get(bed.people.coordinator, drafted.caseId)).advisory
      ?.advisoryId as string;
    expect(publishedId).not.toBe("");
    expect(futureId).toMatch(/^KKH#/);
    expect(draftId).toMatch(/^KKH#/);

    const forbidden = [
      futureId,
      csafFileName(futureId).replace(/\.json$/, ""),
      draftId,
      csafFileName(draftId).replace(/\.json$/, ""),
      ...Object.values(FUTURE),
      ...Object.values(DRAFT),
      ...Object.values(CONFIDENTIAL),
    ];
    const files = await crawl();
    const all = [...files.values()].join("\n");
    // The crawl does reach the published advisory, so an absence below means something.
    expect(all).toContain(publishedId);
    expect(all).toContain(csafFileName(publishedId));
    for (const [url, body] of files) {
      for (const marker of forbidden) {
        expect(body.includes(marker), `${marker} in ${url}`).toBe(false);
      }
    }
    // Nor can it be fetched by guessing its file name.
    const year = futureAt.slice(0, 4);
    for (const suffix of ["", ".sha256", ".sha512", ".asc"]) {
      const guess = await get(`/.well-known/csaf/white/${year}/${csafFileName(futureId)}${suffix}`);
      expect(guess.statusCode).toBe(404);
    }
    const stored = await bed.runtime.database.db
      .selectFrom("csaf_documents")
      .select("advisory_id")
      .execute();
    expect(new Set(stored.map((row) => row.advisory_id))).toEqual(new Set([publishedId]));

    // At its date it is published, and then it is there.
    await bed.runDueAt(futureAt);
    const index = (await get("/.well-known/csaf/white/index.txt")).body;
    expect(index).toContain(csafFileName(futureId));
    expect(index).not.toContain(csafFileName(draftId));
  });
});
