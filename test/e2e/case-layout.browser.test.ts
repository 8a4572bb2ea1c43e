import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../../src/modules/access/actor.ts";
import { participantAnchor } from "../../src/modules/cases/next-steps.ts";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import type { Language } from "../../src/platform/i18n/i18n.ts";
import { ja } from "../../src/platform/i18n/ja.ts";
import { type Cast, createCast, signIn, type TestUser } from "../support/actors.ts";
import { advisoryPeople, forwardedCase } from "../support/advisories.ts";
import {
  ARTIFACTS_DIR,
  axeViolations,
  browserAvailable,
  browserTestbed,
  expectNoProblems,
  openPage,
  visit,
} from "../support/browser.ts";

const available = browserAvailable();
const LAPTOP = { width: 1366, height: 768 };
const TITLE = "Stored cross-site scripting in the Router A100 admin console's device name field";
const SECTIONS = [
  "case-overview",
  "case-vendors",
  "case-schedule",
  "case-messages",
  "case-advisory",
  "case-history",
];
/**
 * The desk and the coordinator also have the priority provision and risk sections after the
 * schedule, and the outside analysis and analysis tasks sections before the history.
 */
const STAFF_SECTIONS = [
  ...SECTIONS.slice(0, 3),
  "case-priority",
  "case-risk",
  ...SECTIONS.slice(3, -1),
  "case-outside-analysis",
  "analysis-tasks",
  "case-history",
];
const catalogs = { en, ja } as const;

/** Where an element is on the page as first shown, and whether it lies inside the viewport. */
async function aboveTheFold(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  expect(box, selector).not.toBeNull();
  // A pixel of slack: a scrolled-to anchor can land a fraction of a pixel above the top.
  return box !== null && box.y >= -1 && box.y + box.height <= LAPTOP.height + 1;
}

/**
 * Words split over two lines in tables: every word of a heading, and every Latin word of a
 * cell outside code, addresses and prose (which may break anywhere), must sit on one line.
 */
async function wordsBrokenInTables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const cells = document.querySelectorAll("table.data th, table.data td");
    for (const cell of cells) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent?.closest("code, .mono, .url-cell, .report-text")) continue;
        const text = node.textContent ?? "";
        const words = text.matchAll(/\S+/g);
        for (const word of words) {
          if (cell.tagName === "TD" && !/^[\x21-\x7e]+$/.test(word[0])) continue;
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          if (lines.size > 1) broken.push(word[0]);
        }
      }
    }
    return broken;
  });
}

describe.skipIf(!available)("the case page on a laptop screen, in Chromium", () => {
  const bed = browserTestbed();
  let cast: Cast;
  let caseId: string;
  let vendorBId: string;
  const actors: Record<"coordinator" | "vendorA", UserActor> = {} as never;

  beforeAll(async () => {
    const { runtime } = bed.server;
    cast = await createCast(runtime);
    const people = await advisoryPeople(runtime, cast);
    const { cases } = runtime.services;
    ({ caseId } = await forwardedCase(runtime, people, { title: TITLE }));
    await cases.assign(people.coordinator, caseId, { userId: people.coordinator.userId });
    // Vendor A notified and its fix in (countermeasures ready); vendor B identified, its
    // notification still to send.
    vendorBId = cast.organizations.vendorB;
    await cases.addVendor(people.coordinator, caseId, {
      organizationId: cast.organizations.vendorA,
    });
    await cases.notifyVendor(people.coordinator, caseId, { orgId: cast.organizations.vendorA });
    await cases.addVendor(people.coordinator, caseId, { organizationId: vendorBId });
    await cases.acknowledge(people.vendorA, caseId);
    await cases.reportStatus(people.vendorA, caseId, { status: "affected" });
    await cases.addCountermeasure(people.vendorA, caseId, {
      type: "fix",
      description:
        "Update the firmware to 2.4 (https://vendor-a.example/download/router-a100-firmware-2.4-release-notes).",
      product: "Router A100",
      purl: "pkg:generic/vendor-a/router-a100-firmware",
      ranges: [{ introduced: "2.0", fixed: "2.4" }],
      affectedVersions: ["2.0", "2.1", "2.2", "2.3"],
      fixedVersions: ["2.4"],
      url: "https://vendor-a.example/download/router-a100-firmware-2.4",
    });
    actors.coordinator = people.coordinator;
    actors.vendorA = people.vendorA;
  }, 120_000);

  /** The viewer's page at 1366×768 in that language, signed in. */
  async function caseAt(user: TestUser, actor: UserActor, language: Language, name: string) {
    const { app, runtime } = bed.server;
    await runtime.services.accounts.updateProfile(actor, { language });
    const session = await signIn(app, runtime, user);
    const opened = await openPage(bed.browser, name, {
      viewport: LAPTOP,
      locale: language === "ja" ? "ja-JP" : "en-US",
    });
    await opened.context.addCookies([
      {
        name: SESSION_COOKIE,
        value: session.sessionToken ?? "",
        url: bed.server.url,
        httpOnly: true,
      },
    ]);
    await visit(opened.page, `${bed.server.url}/cases/${caseId}`);
    return opened;
  }

  async function expectLaidOut(page: Page, name: string, sections = SECTIONS): Promise<void> {
    // The state and the next step, without scrolling.
    await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);
    for (const selector of [
      "#case-status",
      "#case-state",
      "#case-next",
      "#case-next .case-next-step a",
    ]) {
      await expect(aboveTheFold(page, selector), selector).resolves.toBe(true);
    }
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
    // Then the sections, in their order.
    await expect(
      page.locator("section.case-section").evaluateAll((sections) => sections.map((s) => s.id)),
    ).resolves.toEqual(sections);
    await expect(wordsBrokenInTables(page)).resolves.toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  }

  /** A folded action opens on its summary and shows its form. */
  async function expectFoldedOpens(page: Page, heading: string, field: string): Promise<void> {
    const fieldLocator = page.locator(`#field-${field}`);
    await expect(fieldLocator.isVisible()).resolves.toBe(false);
    await page.locator("details.case-action-rare > summary", { hasText: heading }).click();
    await expect(fieldLocator.isVisible()).resolves.toBe(true);
  }

  for (const language of ["en", "ja"] as const) {
    const t = catalogs[language];

    it(`shows the coordinator the case's state and the next step, notifying vendor B, above the fold (${language})`, async () => {
      const name = `case-layout-coordinator-${language}`;
      const { page, problems } = await caseAt(
        cast.users.coordinatorMember,
        actors.coordinator,
        language,
        name,
      );
      await expect(page.locator("#case-status").textContent()).resolves.toBe(
        t["casePages.status.countermeasure_ready"],
      );
      // Each vendor's state in short, in the state panel.
      await expect(
        page.locator("#case-state .case-vendor-states li").allTextContents(),
      ).resolves.toEqual([
        `Vendor A Corporation: ${t["casePages.participant.affected"]}`,
        `Vendor B Inc.: ${t["casePages.participant.identified"]}`,
      ]);
      await expect(page.locator("#case-state-publication time").textContent()).resolves.toMatch(
        /JST|GMT\+9/,
      );
      const step = page.locator("#case-next .case-next-step a");
      await expect(step.textContent()).resolves.toBe(
        t["casePages.next.notify"].replace("{name}", "Vendor B Inc."),
      );
      await expect(step.getAttribute("href")).resolves.toBe(`#${participantAnchor(vendorBId)}`);
      await expectLaidOut(page, name, STAFF_SECTIONS);

      // The step leads to vendor B's block, where its notify button is.
      await step.click();
      const notify = page.getByRole("button", {
        name: t["casePages.notify.submit"].replace("{name}", "Vendor B Inc."),
      });
      await expect(notify.isVisible()).resolves.toBe(true);
      await expect(aboveTheFold(page, `#${participantAnchor(vendorBId)}`)).resolves.toBe(true);

      await expectFoldedOpens(page, t["casePages.close.heading"], "closeMessage");
      expect(await axeViolations(page)).toEqual([]);
      expectNoProblems(problems);
    });

    it(`shows vendor A its own state and its next step, the public statement, above the fold (${language})`, async () => {
      const name = `case-layout-vendor-${language}`;
      const { page, problems } = await caseAt(
        cast.users.vendorAAdmin,
        actors.vendorA,
        language,
        name,
      );
      await expect(
        page.locator("#case-state .case-vendor-states li").allTextContents(),
      ).resolves.toEqual([t["casePages.participant.affected"]]);
      const step = page.locator("#case-next .case-next-step a");
      await expect(step.textContent()).resolves.toBe(t["casePages.next.giveStatement"]);
      await expect(step.getAttribute("href")).resolves.toBe("#action-statement");
      // The step's form is unfolded though statements are rarely written.
      await expect(page.locator("#action-statement").getAttribute("open")).resolves.not.toBeNull();
      await expectLaidOut(page, name);
      // The finder's "My reports" is named for what it is on a vendor's pages.
      await expect(page.locator('nav a[href="/reports"]').textContent()).resolves.toBe(
        t["casePages.nav.reportsFiled"],
      );
      // Never the other vendor.
      await expect(page.getByText("Vendor B Inc.").count()).resolves.toBe(0);

      await expectFoldedOpens(page, t["casePages.scheduleRequest.heading"], "requestPublishAt");
      expect(await axeViolations(page)).toEqual([]);
      expectNoProblems(problems);

      // The vendor's list of cases: no heading or short value broken mid-word.
      await visit(page, `${bed.server.url}/cases`);
      await expect(wordsBrokenInTables(page)).resolves.toEqual([]);
    });
  }
});
