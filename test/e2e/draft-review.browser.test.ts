import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import { ja } from "../../src/platform/i18n/ja.ts";
import { type Cast, createCast, createTestUser, signIn } from "../support/actors.ts";
import {
  type AdvisoryPeople,
  advisoryPeople,
  draftFor,
  notifyVendors,
} from "../support/advisories.ts";
import {
  axeViolations,
  browserAvailable,
  browserTestbed,
  expectNoProblems,
  openPage,
  settle,
  visit,
} from "../support/browser.ts";

const available = browserAvailable();
/** Vendor A's statement, not public yet: the finder's page never shows it. */
const VENDOR_PRIVATE = "ZQXvendorPrivateStatement";

/** Clicks the button and waits for the page its form leads to. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await settle(page);
}

describe.skipIf(!available)("the finder reading and commenting on the draft in Chromium", () => {
  const bed = browserTestbed();
  let cast: Cast;
  let people: AdvisoryPeople;

  beforeAll(async () => {
    cast = await createCast(bed.server.runtime);
    people = await advisoryPeople(bed.server.runtime, cast);
  }, 120_000);

  /** A finder of the language with a report whose case has a draft: the report and a session. */
  async function finderWithDraft(language: "ja" | "en") {
    const { runtime, app } = bed.server;
    const { reports, cases, advisories } = runtime.services;
    const user = await createTestUser(runtime, {
      email: `finder-${language}@draft-review.example`,
      name: language === "ja" ? "発見 花子" : "Finder Two",
      language,
    });
    const finder = await cast.actorOf(user);
    const { id: reportId } = await reports.submit(finder, {
      kind: "product",
      title: "Router A100 XSS",
      productName: "Router A100",
      productVersion: "1.0.3",
      description: "Stored XSS in the device name field.",
      reproduction: "Add a device named <script> and open the list.",
      consent: {
        identityToCoordinator: true,
        identityToVendor: false,
        directContact: false,
        credit: language === "ja" ? "発見 花子" : "Finder Two",
      },
    });
    await reports.accept(people.desk, reportId);
    const caseId = (await reports.forward(people.desk, reportId, {})).caseId ?? "";
    await notifyVendors(runtime, cast, people, caseId, ["vendorA"]);
    await cases.reportStatus(people.vendorA, caseId, {
      status: "affected",
      statement: VENDOR_PRIVATE,
    });
    await cases.reviseSchedule(people.coordinator, caseId, {
      publishAt: new Date(runtime.clock.now().getTime() + 30 * 86_400_000).toISOString(),
      reason: "agreed with the vendor",
    });
    await advisories.saveDraft(people.coordinator, caseId, draftFor(cast));
    const session = await signIn(app, runtime, user);
    return { reportId, sessionToken: session.sessionToken ?? "" };
  }

  for (const [language, words, locale] of [
    ["ja", ja, "ja-JP"],
    ["en", en, "en-US"],
  ] as const) {
    it(`lets a finder reading ${language} see the draft's public parts and send a comment on the credit`, async () => {
      const { reportId, sessionToken } = await finderWithDraft(language);
      const { context, page, problems, screenshot } = await openPage(
        bed.browser,
        `draft-review-${language}`,
        { locale, viewport: { width: 1280, height: 900 } },
      );
      await context.addCookies([
        { name: SESSION_COOKIE, value: sessionToken, url: bed.server.url, httpOnly: true },
      ]);
      await visit(page, `${bed.server.url}/reports/${reportId}`);

      const section = page.locator("#draft-review");
      await expect(section.locator("h2").textContent()).resolves.toBe(words["draftReview.heading"]);
      await expect(section.getByText(words["draftReview.confidential"]).isVisible()).resolves.toBe(
        true,
      );
      const credit = language === "ja" ? "発見 花子" : "Finder Two";
      await expect(page.locator("#draft-review-credit").textContent()).resolves.toBe(
        words["advisories.detail.credit"].replace("{credit}", credit),
      );
      await expect(section.textContent()).resolves.toContain(draftFor(cast).title);
      await expect(section.textContent()).resolves.toContain("Router A100");
      await expect(page.content()).resolves.not.toContain(VENDOR_PRIVATE);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(`draft-review-${language}`);

      await page.locator("#field-part").selectOption("credit");
      await page.locator("#field-draftCommentBody").fill("Please add my lab: Example Lab.");
      await submit(page, words["draftReview.comment.submit"]);
      await expect(page.getByText(words["draftReview.notice.commented"]).isVisible()).resolves.toBe(
        true,
      );
      await expect(section.getByText("Please add my lab: Example Lab.").isVisible()).resolves.toBe(
        true,
      );
      await expect(section.getByText(words["draftReview.own.waiting"]).isVisible()).resolves.toBe(
        true,
      );
      expect(await axeViolations(page)).toEqual([]);

      // The desk sees it on the report, to relay.
      const comments = await bed.server.runtime.services.reports.draftComments(
        await cast.actorOf(cast.users.intakeAdmin),
        reportId,
      );
      expect(comments).toEqual([
        expect.objectContaining({ part: "credit", body: "Please add my lab: Example Lab." }),
      ]);
      expectNoProblems(problems);
    });
  }
});
