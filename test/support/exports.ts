import { expect } from "vitest";
import type { AdvisoryDraftInput } from "../../src/modules/advisories/advisories.schemas.ts";
import { csafFileUrl } from "../../src/modules/advisories/exports/document.ts";
import type { TestUser } from "./actors.ts";
import { DAY, forwardedCase, notifyVendors, runDueAt } from "./advisories.ts";
import { type AdvisoryTestbed, type RequestMethod, requestAs } from "./advisory-testbed.ts";
import { csafOptionalWarnings, csafProblems } from "./csaf.ts";
import { cveProblems, osvProblems } from "./standard-schemas.ts";

/**
 * Advisories published through the API, and every one of their standard exports fetched and
 * validated with the standards' own validators: for the export conformance tests.
 */

/** The parts of a CSAF document the tests read. */
export interface CsafBranchView {
  category: string;
  name: string;
  product?: {
    product_id: string;
    name: string;
    product_identification_helper?: { cpe?: string; purl?: string };
  };
  branches?: CsafBranchView[];
}
export interface CsafView {
  document: {
    lang: string;
    source_lang?: string;
    title: string;
    tracking: { id: string; version: string; initial_release_date: string };
    references: { category: string; summary: string; url: string }[];
  };
  product_tree: { branches: CsafBranchView[] };
  vulnerabilities: {
    cve?: string;
    product_status?: Record<string, string[]>;
    remediations?: { category: string; details: string; product_ids: string[] }[];
    acknowledgments?: unknown[];
  }[];
}

/** The parts of a CVE record the tests read. */
export interface CveAffectedView {
  vendor: string;
  product: string;
  collectionURL?: string;
  packageName?: string;
  cpes?: string[];
  versions?: Record<string, string>[];
  defaultStatus: string;
}
export interface CveView {
  code?: string;
  cveMetadata: { cveId: string; assignerOrgId: string; assignerShortName: string };
  containers: {
    cna: {
      providerMetadata: { orgId: string; shortName: string };
      title: string;
      descriptions: { lang: string; value: string }[];
      affected: CveAffectedView[];
      problemTypes?: unknown[];
      metrics?: Record<string, unknown>[];
      workarounds?: unknown[];
      credits?: { lang: string; value: string; type: string }[];
      references: { url: string }[];
    };
  };
}

/** The parts of an OSV record the tests read. */
export interface OsvView {
  id: string;
  aliases: string[];
  summary: string;
  severity?: unknown[];
  credits?: unknown[];
  affected: {
    package: { ecosystem: string; name: string; purl?: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
    versions?: string[];
  }[];
  database_specific: {
    language: string;
    translation?: { language: string };
    products: { vendor: string; product: string }[];
  };
}

/** The branch of a CSAF product tree at the path of names (vendor, product, version). */
export function csafBranch(document: CsafView, ...names: string[]): CsafBranchView {
  let branches = document.product_tree.branches;
  let found: CsafBranchView | undefined;
  for (const name of names) {
    found = branches.find((b) => b.name === name);
    if (!found) throw new Error(`no branch ${names.join(" / ")} in the product tree`);
    branches = found.branches ?? [];
  }
  if (!found) throw new Error("no branch named");
  return found;
}

export interface VendorSetup {
  status: "affected" | "not_affected";
  statement?: string;
  advisoryUrl?: string;
  countermeasures?: {
    type: "fix" | "workaround";
    description: string;
    fixedVersions?: string[];
    url?: string;
  }[];
}

export interface PublishedAdvisory {
  advisoryId: string;
  encoded: string;
  caseId: string;
  advisory: {
    advisoryId: string;
    language: "ja" | "en";
    translation: unknown;
    cveIds: string[];
  };
}

/** The exports of one advisory, each validated; CVE records by CVE ID, or the problem answered. */
export interface AdvisoryExports {
  csaf: { lang: "ja" | "en"; document: CsafView }[];
  cve: { status: number; body: CveView }[];
  osv: OsvView;
}

/** The client of a testbed whose beforeAll has run (its fields are read once, here). */
export function exportsClient(bed: AdvisoryTestbed) {
  const { app, runtime, cast, people } = bed;
  // Public reads come from a new address for each advisory checked: a long property run reads
  // far more than a minute's share of one client under the rate limit.
  let reader = 0;
  let readerIp = "10.0.0.1";
  // A signed-in user's request keeps the user's own address.
  const call = (user: TestUser | null, method: RequestMethod, url: string, payload?: unknown) =>
    app.inject({ remoteAddress: readerIp, ...requestAs(user, method, url, payload) });
  const json = async (
    user: TestUser | null,
    method: RequestMethod,
    url: string,
    payload?: unknown,
    status = 200,
  ) => {
    const response = await call(user, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body.slice(0, 500)}`).toBe(status);
    return response.json();
  };
  const vendorUsers = { vendorA: cast.users.vendorAAdmin, vendorB: people.vendorBAdmin };

  /**
   * Opens a case from a finder's report, notifies the vendors, records their statuses,
   * statements and countermeasures, writes the draft with PUT and approves it through the API,
   * and runs the jobs at publishAt: the published advisory.
   */
  async function publish(options: {
    vendors: Partial<Record<"vendorA" | "vendorB", VendorSetup>>;
    credit?: string | null;
    draft: AdvisoryDraftInput;
  }): Promise<PublishedAdvisory> {
    const { cases } = runtime.services;
    const { caseId } = await forwardedCase(runtime, people, {
      credit: options.credit === undefined ? "Finder One" : options.credit,
    });
    const which = Object.keys(options.vendors) as ("vendorA" | "vendorB")[];
    await notifyVendors(runtime, cast, people, caseId, which);
    for (const key of which) {
      const setup = options.vendors[key] as VendorSetup;
      const actor = people[key];
      await cases.reportStatus(actor, caseId, {
        status: setup.status,
        ...(setup.statement ? { statement: setup.statement } : {}),
      });
      if (setup.statement) {
        await cases.setStatement(actor, caseId, {
          text: setup.statement,
          ...(setup.advisoryUrl ? { advisoryUrl: setup.advisoryUrl } : {}),
        });
      }
      for (const countermeasure of setup.countermeasures ?? []) {
        await json(
          vendorUsers[key],
          "POST",
          `/api/v1/cases/${caseId}/countermeasures`,
          countermeasure,
          201,
        );
      }
    }
    const publishAt = new Date(runtime.clock.now().getTime() + 3 * DAY).toISOString();
    await cases.reviseSchedule(people.coordinator, caseId, {
      publishAt,
      reason: "agreed with the vendors",
    });
    const coordinator = cast.users.coordinatorMember;
    await json(coordinator, "PUT", `/api/v1/cases/${caseId}/advisory`, options.draft);
    await json(coordinator, "POST", `/api/v1/cases/${caseId}/advisory/approve`);
    await runDueAt(runtime, publishAt);
    const advisoryId = await runtime.services.advisories.advisoryIdOfCase(caseId);
    if (!advisoryId) throw new Error("the advisory was not published");
    const encoded = encodeURIComponent(advisoryId);
    const advisory = await json(null, "GET", `/api/v1/advisories/${encoded}`);
    return { advisoryId, encoded, caseId, advisory };
  }

  /**
   * Every export of a published advisory, each checked by its standard's validator: the CSAF
   * document in each language it has (mandatory tests, strict schema), the CVE record of each of
   * its CVE IDs (CVE JSON 5.1 schema and the published CNA container schema) or the 404/409
   * problem API.md gives, and the OSV record (OSV schema, JSON Schema 2020-12).
   */
  async function validatedExports(encoded: string): Promise<AdvisoryExports> {
    reader++;
    readerIp = `10.${(reader >> 8) & 255}.${reader & 255}.1`;
    const advisory = await json(null, "GET", `/api/v1/advisories/${encoded}`);
    const base = `/api/v1/advisories/${encoded}`;
    const csaf: AdvisoryExports["csaf"] = [];
    for (const lang of ["ja", "en"] as const) {
      const response = await call(null, "GET", `${base}/csaf?lang=${lang}`);
      const hasText = advisory.language === lang || advisory.translation !== null;
      expect(response.statusCode, `${base}/csaf?lang=${lang}: ${response.body.slice(0, 300)}`).toBe(
        hasText ? 200 : 404,
      );
      if (!hasText) continue;
      const document = response.json();
      expect(await csafProblems(document), `CSAF (${lang}) of ${advisory.advisoryId}`).toEqual([]);
      expect(document.document.lang).toBe(lang);
      // The trusted provider serves each document at the URL of its tracking ID (its `self`).
      expect(document.document.references).toContainEqual(
        expect.objectContaining({
          category: "self",
          url: csafFileUrl(runtime.config.publicUrl, {
            id: document.document.tracking.id,
            initialReleaseDate: document.document.tracking.initial_release_date,
          }),
        }),
      );
      csaf.push({ lang, document });
    }
    const byDefault = await json(null, "GET", `${base}/csaf`);
    expect(byDefault.document.lang).toBe(advisory.language);

    const english = advisory.language === "en" || advisory.translation !== null;
    const cve: AdvisoryExports["cve"] = [];
    const cveUrls =
      advisory.cveIds.length > 0
        ? [`${base}/cve`, ...advisory.cveIds.map((id: string) => `${base}/cve?cveId=${id}`)]
        : [`${base}/cve`];
    for (const url of cveUrls) {
      const response = await call(null, "GET", url);
      const body = response.json();
      if (advisory.cveIds.length === 0) {
        expect(response.statusCode, url).toBe(404);
        expect(body.code).toBe("not_found");
      } else if (!english) {
        expect(response.statusCode, url).toBe(409);
        expect(body.code).toBe("english_text_missing");
      } else {
        expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
        expect(cveProblems(body), `CVE record ${url}`).toEqual([]);
      }
      cve.push({ status: response.statusCode, body });
    }
    const notItsOwn = await call(null, "GET", `${base}/cve?cveId=CVE-1999-0000001`);
    expect(notItsOwn.statusCode).toBe(404);

    const osv = await json(null, "GET", `${base}/osv`);
    expect(osvProblems(osv), `OSV of ${advisory.advisoryId}`).toEqual([]);
    return { csaf, cve, osv };
  }

  /** The warnings of the optional tests the done-when names, for identifier-bearing advisories. */
  const identifierWarnings = (document: unknown) =>
    csafOptionalWarnings(document, ["6.2.11", "6.2.16", "6.2.18"]);

  return { call, json, publish, validatedExports, identifierWarnings };
}
