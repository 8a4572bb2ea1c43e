import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import { createCast, signIn } from "../support/actors.ts";
import { advisoryPeople, notifyVendors } from "../support/advisories.ts";
import {
  axeViolations,
  browserAvailable,
  browserTestbed,
  expectNoProblems,
  openPage,
  type RunningApp,
  settle,
  visit,
} from "../support/browser.ts";

const available = browserAvailable();
const TITLE = "ルーター A100 管理画面の格納型クロスサイトスクリプティング";
const CVSS_V31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N";
const PURL = "pkg:generic/vendor-a/router-a100-firmware";

/** Clicks the button and waits for the page its form leads to. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await settle(page);
}

describe.skipIf(!available)("the coordinator's advisory draft in Chromium", () => {
  const bed = browserTestbed();
  let caseId: string;
  let sessionToken: string;

  beforeAll(async () => {
    const { runtime, app } = bed.server;
    const cast = await createCast(runtime);
    const people = await advisoryPeople(runtime, cast);
    const { reports, cases } = runtime.services;
    const { id } = await reports.submit(people.finder, {
      kind: "product",
      title: TITLE,
      productName: "Router A100",
      productVersion: "2.3",
      cwe: "CWE-79",
      cvssVector: CVSS_V31,
      description: "デバイス名がエスケープされずに表示されます。",
      reproduction: "デバイス名を <script> にして一覧を開きます。",
      consent: {
        identityToCoordinator: true,
        identityToVendor: false,
        directContact: false,
        credit: "Finder One",
      },
    });
    await reports.accept(people.desk, id);
    caseId = (await reports.forward(people.desk, id, {})).caseId ?? "";
    await cases.assign(people.coordinator, caseId, { userId: people.coordinator.userId });
    await notifyVendors(runtime, cast, people, caseId);
    await cases.reportStatus(people.vendorA, caseId, { status: "affected" });
    await cases.addCountermeasure(people.vendorA, caseId, {
      type: "fix",
      description: "ファームウェアを 2.4 に更新してください。",
      product: "Router A100",
      purl: PURL,
      ranges: [{ introduced: "2.0", fixed: "2.4" }],
      fixedVersions: ["2.4"],
      url: "https://vendor-a.example/download/2.4",
    });
    await cases.reportStatus(people.vendorB, caseId, { status: "not_affected" });
    const session = await signIn(app, runtime, cast.users.coordinatorMember);
    sessionToken = session.sessionToken ?? "";
  }, 120_000);

  it("opens the draft prefilled from the case, takes the English translation and a second range, shows the differences and approves", async () => {
    const { context, page, problems, screenshot } = await openPage(bed.browser, "advisory-draft", {
      locale: "en-US",
      viewport: { width: 1024, height: 900 },
    });
    await context.addCookies([
      { name: SESSION_COOKIE, value: sessionToken, url: bed.server.url, httpOnly: true },
    ]);
    await visit(page, `${bed.server.url}/cases/${caseId}/advisory`);

    // Prefilled from the case: the report's title, CWE and CVSS, vendor A's product and range.
    await expect(page.getByText(en["advisories.draft.prefilled"]).isVisible()).resolves.toBe(true);
    await expect(page.locator("#field-title").inputValue()).resolves.toBe(TITLE);
    await expect(page.locator("#field-cwe").inputValue()).resolves.toBe("CWE-79");
    await expect(page.locator("#field-cvssV3").inputValue()).resolves.toBe(CVSS_V31);
    await expect(page.locator("#field-language").inputValue()).resolves.toBe("ja");
    await expect(page.locator('[id="field-affected.0.product"]').inputValue()).resolves.toBe(
      "Router A100",
    );
    await expect(page.locator('[id="field-affected.0.purl"]').inputValue()).resolves.toBe(PURL);
    const ranges = page.locator('[id="field-affected.0.ranges"]');
    await expect(ranges.inputValue()).resolves.toBe(">=2.0 <2.4");
    await expect(
      page.getByText(en["advisories.draft.credit"].replace("{credit}", "Finder One")).count(),
    ).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot("advisory-draft-prefilled");

    // The English translation, and the older branch's range the vendor did not give.
    const translation = {
      title: "Stored cross-site scripting in the Router A100 admin console",
      overview: "The admin console of Router A100 has a stored cross-site scripting flaw.",
      description: "The device name field is shown without escaping.",
      impact: "A script may run in the browser of an administrator who opens the device list.",
    };
    for (const [text, value] of Object.entries(translation)) {
      await page.locator(`[id="field-translation.${text}"]`).fill(value);
    }
    await ranges.fill(">=2.0 <2.4\n<=1.9.6");
    await submit(page, en["advisories.draft.save"]);
    expect(page.url()).toMatch(/\/advisory\?saved=1$/);
    await expect(page.getByText(en["advisories.draft.notice.saved"]).isVisible()).resolves.toBe(
      true,
    );
    await expect(page.locator('[id="field-translation.title"]').inputValue()).resolves.toBe(
      translation.title,
    );
    await expect(ranges.inputValue()).resolves.toBe(">=2.0 <2.4\n<=1.9.6");

    // The differences, beside the approve button: vendor A's ranges are not the draft's.
    const differences = page.locator("#advisory-differences li");
    await expect(differences.count()).resolves.toBe(1);
    await expect(differences.first().getAttribute("data-kind")).resolves.toBe("ranges_differ");
    await expect(differences.first().textContent()).resolves.toContain("<=1.9.6");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot("advisory-draft-differences");

    await submit(page, en["advisories.draft.approve"]);
    expect(page.url()).toMatch(/\/advisory\?approved=1$/);
    await expect(page.getByText(en["advisories.draft.notice.approved"]).isVisible()).resolves.toBe(
      true,
    );
    const view = await bed.server.runtime.services.cases.get(
      await createActor(bed.server, sessionToken),
      caseId,
    );
    expect(view.advisory).toMatchObject({ status: "approved", language: "ja", translation });
    expectNoProblems(problems);
  });
});

/** The signed-in coordinator behind the browser's session, as the services take it. */
async function createActor(server: RunningApp, sessionToken: string) {
  const actor = await server.runtime.services.accounts.authenticate(
    { sessionToken },
    { ip: "127.0.0.1", userAgent: "vitest" },
  );
  if (actor.kind !== "user") throw new Error("the session is not signed in");
  return actor;
}
