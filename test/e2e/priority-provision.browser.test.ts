import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { readCopyCodes, withoutMarks } from "../../src/modules/priority/copy-marks.ts";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { en } from "../../src/platform/i18n/en.ts";
import { translator } from "../../src/platform/i18n/i18n.ts";
import { ja } from "../../src/platform/i18n/ja.ts";
import { type Cast, createCast, createTestUser, signIn, type TestUser } from "../support/actors.ts";
import {
  type AdvisoryPeople,
  advisoryPeople,
  approvedCase,
  draftFor,
  forwardedCase,
  inDays,
  notifyVendors,
  runDueAt,
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
const t = translator("en");
const PREPARATION =
  "Publication in 5 days: keep staff ready to update the substation routers to firmware 1.0.4.";
const BETA_NOTE = "Beta firmware 1.0.4-rc1 for lab testing before publication.";

/**
 * The page is in Japanese: its heading is the one given, the document says `lang="ja"`, and no
 * English string of the catalogs (one that differs from its Japanese) is left in its text.
 */
async function expectJapanese(page: Page, heading: string): Promise<void> {
  await expect(page.locator("html").getAttribute("lang")).resolves.toBe("ja");
  await expect(page.locator("h1").first().textContent()).resolves.toContain(heading);
  const text = (await page.locator("body").textContent()) ?? "";
  const left = (Object.keys(en) as (keyof typeof en)[]).flatMap((key) => {
    const english = en[key];
    if (english === ja[key]) return [];
    // The words around each placeholder, each long enough not to be a name or a code.
    return english
      .split(/\{\w+\}/)
      .map((part) => part.trim())
      .filter((part) => part.length >= 8 && /[a-z]{3}/.test(part) && text.includes(part))
      .map((part) => `${key}: ${part}`);
  });
  expect(left).toEqual([]);
}

/** Clicks the button and waits for the page its form leads to. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await settle(page);
}

describe.skipIf(!available)("priority provision to infrastructure, in Chromium", () => {
  const bed = browserTestbed();
  let cast: Cast;
  let people: AdvisoryPeople;

  beforeAll(async () => {
    cast = await createCast(bed.server.runtime);
    people = await advisoryPeople(bed.server.runtime, cast);
    await bed.server.runtime.services.nda.publish(people.coordinator, {
      version: "PRI-2027",
      bodyJa: "受領者は優先提供された情報を公表まで秘密として保持する。",
      bodyEn: "The recipient keeps priority information secret until publication.",
    });
  }, 120_000);

  async function pageAs(user: TestUser, name: string, locale = "en-US") {
    const session = await signIn(bed.server.app, bed.server.runtime, user);
    const opened = await openPage(bed.browser, name, {
      locale,
      viewport: { width: 1366, height: 900 },
    });
    await opened.context.addCookies([
      {
        name: SESSION_COOKIE,
        value: session.sessionToken ?? "",
        url: bed.server.url,
        httpOnly: true,
      },
    ]);
    return opened;
  }

  it("the desk provides a preparation request and a beta patch to an electricity and a telecom recipient after every agreement and the finder's notice; the recipient reads a marked copy until publication; then the finder and the vendors see when and to which sectors", async () => {
    const { runtime } = bed.server;
    const { services } = runtime;
    const url = bed.server.url;

    // A case where vendors A and B are affected and have their fixes, its advisory approved.
    const { caseId, reportId } = await forwardedCase(runtime, people);
    await notifyVendors(runtime, cast, people, caseId);
    for (const vendor of [people.vendorA, people.vendorB]) {
      await services.cases.reportStatus(vendor, caseId, {
        status: "affected",
        statement: "Fixed in 1.0.4.",
      });
      await services.cases.setStatement(vendor, caseId, { text: "Fixed in 1.0.4." });
      await services.cases.addCountermeasure(vendor, caseId, {
        type: "fix",
        description: "Update to 1.0.4.",
        fixedVersions: ["1.0.4"],
      });
    }
    const publishAt = inDays(runtime, 6);
    await services.cases.reviseSchedule(people.coordinator, caseId, {
      publishAt,
      reason: "agreed",
    });
    await services.advisories.saveDraft(people.coordinator, caseId, draftFor(cast));
    await services.advisories.approve(people.coordinator, caseId);

    // An electricity operator with its admin; the cast's telecom recipient (Telecom ISAC).
    const { id: electricity } = await services.organizations.create(people.desk, {
      type: "priority_recipient",
      name: "Grid Power Co",
      contactEmail: "soc@grid-power.example",
      sector: "electricity",
    });
    const recipientAdmin = await createTestUser(runtime, {
      email: "admin@grid-power.example",
      name: "Grid Power Admin",
      organizationId: electricity,
      role: "admin",
    });

    // The desk starts the provision: reason, sectors, recipients (each with its sector).
    const desk = await pageAs(cast.users.intakeMember, "priority-desk");
    await visit(desk.page, `${url}/cases/${caseId}/priority`);
    await desk.page
      .getByLabel(t("priority.case.reason"))
      .fill("Substation routers in the grid run it.");
    await desk.page.getByLabel(t("directory.sector.electricity"), { exact: true }).check();
    await desk.page.getByLabel(t("directory.sector.telecom"), { exact: true }).check();
    await desk.page
      .getByLabel(
        t("priority.sector.label", {
          name: "Grid Power Co",
          sector: t("directory.sector.electricity"),
        }),
      )
      .check();
    await desk.page
      .getByLabel(
        t("priority.sector.label", { name: "Telecom ISAC", sector: t("directory.sector.telecom") }),
      )
      .check();
    expect(await axeViolations(desk.page)).toEqual([]);
    await submit(desk.page, t("priority.case.startButton"));
    await expect(desk.page.locator(".priority-status").textContent()).resolves.toBe(
      t("priority.status.consulting"),
    );
    const [provision] = await services.priority.ofCase(people.desk, caseId);
    const pid = provision?.id as string;

    // Packages wait; sending before the agreements is refused.
    await desk.page.getByLabel(t("priority.case.packageKind")).selectOption("preparation_request");
    await desk.page.getByLabel(t("priority.case.packageTitle")).fill("Keep staff ready");
    await desk.page.getByLabel(t("priority.case.packageBody")).fill(PREPARATION);
    await submit(desk.page, t("priority.case.addButton"));
    await desk.page.getByLabel(t("priority.case.packageKind")).selectOption("beta_patch");
    await desk.page.getByLabel(t("priority.case.packageTitle")).fill("Beta firmware");
    await desk.page.getByLabel(t("priority.case.packageBody")).fill(BETA_NOTE);
    await desk.page.getByLabel(t("priority.case.packageFiles")).setInputFiles({
      name: "firmware-1.0.4-rc1.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("beta firmware image\n"),
    });
    await submit(desk.page, t("priority.case.addButton"));
    await submit(desk.page, t("priority.case.send"));
    await expect(desk.page.locator("#priority-error").isVisible()).resolves.toBe(true);

    // The coordinator agrees on its page; both vendors agree.
    const coordinator = await pageAs(cast.users.coordinatorMember, "priority-coordinator");
    await visit(coordinator.page, `${url}/cases/${caseId}/priority`);
    // No answer is chosen for the party.
    await expect(
      coordinator.page.getByLabel(t("priority.case.agree"), { exact: true }).isChecked(),
    ).resolves.toBe(false);
    await coordinator.page.getByLabel(t("priority.case.agree"), { exact: true }).check();
    await submit(coordinator.page, t("priority.case.answerButton"));
    await expect(
      coordinator.page
        .getByText(t("priority.case.answered", { answer: t("priority.case.answer.agree") }))
        .isVisible(),
    ).resolves.toBe(true);
    const vendorPage = await pageAs(cast.users.vendorAAdmin, "priority-vendor");
    await visit(vendorPage.page, `${url}/cases/${caseId}/priority`);
    expect(await axeViolations(vendorPage.page)).toEqual([]);
    await vendorPage.page.getByLabel(t("priority.case.agree"), { exact: true }).check();
    await submit(vendorPage.page, t("priority.case.answerButton"));
    await services.priority.recordAgreement(people.vendorB, pid, { decision: "agree" });

    // In Japanese the desk's page is styled and every button says what it does.
    const deskJa = await createTestUser(runtime, {
      email: "desk-ja@intake.example",
      name: "受付 花子",
      organizationId: cast.organizations.intake,
      role: "member",
      language: "ja",
    });
    const japanese = await pageAs(deskJa, "priority-desk-ja");
    for (const address of [`${url}/cases/${caseId}/priority`, `${url}/priority-copies/trace`]) {
      await visit(japanese.page, address);
      // The rendered text (innerText), as the reviewer saw it: empty boxes had DOM text.
      const labels = await japanese.page.locator("main button").evaluateAll((buttons) =>
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
        buttons.map((b) => (b as HTMLElement).innerText.trim()),
      );
      expect(labels.length).toBeGreaterThan(0);
      expect(labels.every((label) => label.length > 0)).toBe(true);
      const styled = await japanese.page
        .locator("main button")
        .evaluateAll((buttons) => buttons.every((b) => b.classList.contains("button")));
      expect(styled).toBe(true);
      expect(await axeViolations(japanese.page)).toEqual([]);
    }
    await visit(japanese.page, `${url}/cases/${caseId}/priority`);
    await japanese.screenshot("priority-desk-ja");
    expectNoProblems(japanese.problems);

    // The finder is told; the provision is ready and goes out.
    await visit(desk.page, `${url}/cases/${caseId}/priority`);
    await submit(desk.page, t("priority.case.finderButton"));
    await expect(desk.page.locator(".priority-status").textContent()).resolves.toBe(
      t("priority.status.ready"),
    );
    await submit(desk.page, t("priority.case.send"));
    await expect(desk.page.locator(".priority-status").textContent()).resolves.toBe(
      t("priority.status.sent"),
    );
    // The case page's section shows the state in short, with the way to the tools.
    await visit(desk.page, `${url}/cases/${caseId}`);
    const state = desk.page.locator("#case-priority");
    await expect(state.locator(".priority-state").textContent()).resolves.toBe(
      t("priority.status.sent"),
    );
    await expect(state.locator(".priority-agreed").textContent()).resolves.toBe(
      t("priority.summary.agreements", { answered: 3, parties: 3 }),
    );
    await expect(
      state.getByRole("link", { name: t("priority.summary.toolsLink") }).getAttribute("href"),
    ).resolves.toBe(`/cases/${caseId}/priority`);

    // The recipient's admin accepts the NDA in the app, then reads its marked copy.
    const recipient = await pageAs(recipientAdmin, "priority-recipient");
    await visit(recipient.page, `${url}/priority-packages`);
    await expect(recipient.page.getByText(t("priority.packages.none")).isVisible()).resolves.toBe(
      true,
    );
    await visit(recipient.page, `${url}/organization/nda`);
    await recipient.page
      .getByLabel(t("nda.org.accept.confirm", { name: "Grid Power Co", version: "PRI-2027" }))
      .check();
    await submit(recipient.page, t("nda.org.accept.submit"));
    await visit(recipient.page, `${url}/priority-packages`);
    await Promise.all([
      recipient.page.waitForNavigation({ waitUntil: "load" }),
      recipient.page.getByRole("link", { name: "Keep staff ready" }).click(),
    ]);
    const packageUrl = recipient.page.url();
    const line = (await recipient.page.locator("#recipient-line").textContent()) ?? "";
    expect(line).toContain("Provided to Grid Power Co on");
    const copied = (await recipient.page.locator("#package-body").textContent()) ?? "";
    expect(withoutMarks(copied)).toBe(PREPARATION);
    const [code] = readCopyCodes(copied);
    expect(line).toContain(code);
    expect(await axeViolations(recipient.page)).toEqual([]);
    await recipient.screenshot("priority-package-en");
    // The beta patch's file carries the copy code in its name.
    await visit(recipient.page, `${url}/priority-packages`);
    await Promise.all([
      recipient.page.waitForNavigation({ waitUntil: "load" }),
      recipient.page.getByRole("link", { name: "Beta firmware" }).click(),
    ]);
    const fileName = (await recipient.page.locator("a.priority-file").textContent()) ?? "";
    expect(fileName).toMatch(/^firmware-1\.0\.4-rc1\.PC-[0-9A-Z]{4}-[0-9A-Z]{4}\.txt$/);

    // The desk traces a pasted fragment back to the electricity operator; the read is logged.
    await visit(desk.page, `${url}/priority-copies/trace`);
    await desk.page.getByLabel(t("priority.trace.text")).fill([...copied].slice(20, 120).join(""));
    await submit(desk.page, t("priority.trace.button"));
    const traced = (await desk.page.locator(".trace-match").textContent()) ?? "";
    expect(traced).toContain(code);
    expect(traced).toContain("Grid Power Co");
    await visit(desk.page, `${url}/cases/${caseId}/priority`);
    const deliveries = (await desk.page.locator("table.priority-deliveries").textContent()) ?? "";
    expect(deliveries).toContain("Grid Power Admin");
    expect(deliveries).toContain(code);
    await desk.screenshot("priority-desk-en");

    // At publication access ends.
    await runDueAt(runtime, publishAt);
    // (Six days on, the sessions opened before have expired: sign in again.)
    const recipientAfter = await pageAs(recipientAdmin, "priority-recipient-after");
    const gone = await recipientAfter.page.goto(packageUrl);
    expect(gone?.status()).toBe(404);

    // The finder's report page and the vendor's case page say when and to which sectors.
    const finder = await pageAs(cast.users.finder, "priority-finder");
    await visit(finder.page, `${url}/reports/${reportId}`);
    const told = (await finder.page.locator("#priority-provision").textContent()) ?? "";
    expect(told).toContain(t("directory.sector.electricity"));
    expect(told).toContain(t("directory.sector.telecom"));
    expect(told).toMatch(/JST|GMT\+9/);
    expect(told).not.toContain("Grid Power Co");
    expect(await axeViolations(finder.page)).toEqual([]);
    const vendorAfter = await pageAs(cast.users.vendorAAdmin, "priority-vendor-after");
    await visit(vendorAfter.page, `${url}/cases/${caseId}`);
    const vendorTold = (await vendorAfter.page.locator("#case-priority").textContent()) ?? "";
    expect(vendorTold).toContain(t("directory.sector.telecom"));
    expect(vendorTold).toMatch(/JST|GMT\+9/);
    expect(vendorTold).not.toContain("Grid Power Co");
    expect(await axeViolations(vendorAfter.page)).toEqual([]);

    for (const session of [coordinator, vendorPage, vendorAfter, finder])
      expectNoProblems(session.problems);
    // The desk's early send was refused on purpose (409); the recipient's 404 too.
    const onPurpose = (entry: string) => entry.includes("409") || entry.includes("404");
    for (const session of [desk, recipient, recipientAfter]) {
      expectNoProblems({
        ...session.problems,
        consoleErrors: session.problems.consoleErrors.filter((e) => !onPurpose(e)),
        failedRequests: session.problems.failedRequests.filter((e) => !onPurpose(e)),
      });
    }
  }, 240_000);

  it("shows the desk's tools page and the recipient's package page in Japanese, with no English label left (axe clean)", async () => {
    const { runtime } = bed.server;
    const { services } = runtime;
    const url = bed.server.url;
    const { caseId } = await approvedCase(runtime, cast, people, { publishAt: inDays(runtime, 8) });
    const { id: gas } = await services.organizations.create(people.desk, {
      type: "priority_recipient",
      name: "東都ガス",
      contactEmail: "soc@toto-gas.example",
      sector: "gas",
    });
    const recipientAdmin = await createTestUser(runtime, {
      email: "admin@toto-gas.example",
      name: "東都ガス 管理者",
      organizationId: gas,
      role: "admin",
      language: "ja",
    });
    const accepted = await bed.server.app.inject({
      method: "POST",
      url: `/api/v1/organizations/${gas}/nda/accept`,
      headers: recipientAdmin.bearer,
      remoteAddress: recipientAdmin.ip,
      payload: { version: "PRI-2027" },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const jaDesk = await createTestUser(runtime, {
      email: "yamada@intake.example",
      name: "山田 受付",
      organizationId: cast.organizations.intake,
      role: "member",
      language: "ja",
    });
    const { id: pid } = await services.priority.start(people.desk, caseId, {
      reason: "変電所のルーターがこの製品を使っている。",
      sectors: ["gas"],
      recipientOrganizationIds: [gas],
    });
    await services.priority.addPackage(people.desk, pid, {
      kind: "preparation_request",
      title: "対応要員の待機のお願い",
      body: "8日後に公表予定です。ファームウェア 1.0.4 の適用に備えてください。",
    });
    await services.priority.recordAgreement(people.coordinator, pid, { decision: "agree" });
    await services.priority.recordAgreement(people.vendorA, pid, { decision: "agree" });
    await services.priority.recordFinderNotice(people.desk, pid);
    await services.priority.send(people.desk, pid);

    const desk = await pageAs(jaDesk, "priority-desk-ja", "ja-JP");
    await visit(desk.page, `${url}/cases/${caseId}/priority`);
    await expectJapanese(desk.page, ja["priority.case.heading"]);
    await expect(desk.page.locator(".priority-status").textContent()).resolves.toBe(
      ja["priority.status.sent"],
    );
    // Dates sit where Japanese puts them: before the words that follow them.
    await expect(desk.page.locator(".priority-provision h2").textContent()).resolves.toMatch(
      /^優先情報提供 — \d{4}年\d{1,2}月\d{1,2}日 .*(JST|GMT\+9) に開始$/,
    );
    await expect(
      desk.page.getByText(/^発見者へ伝えた日時: \d{4}年.*(JST|GMT\+9)$/).count(),
    ).resolves.toBe(1);
    expect(await axeViolations(desk.page)).toEqual([]);
    await desk.screenshot("priority-desk-ja");

    const recipient = await pageAs(recipientAdmin, "priority-recipient-ja", "ja-JP");
    await visit(recipient.page, `${url}/priority-packages`);
    await expectJapanese(recipient.page, ja["priority.packages.heading"]);
    expect(await axeViolations(recipient.page)).toEqual([]);
    await Promise.all([
      recipient.page.waitForNavigation({ waitUntil: "load" }),
      recipient.page.getByRole("link", { name: "対応要員の待機のお願い" }).click(),
    ]);
    await settle(recipient.page);
    await expectJapanese(recipient.page, "対応要員の待機のお願い");
    await expect(recipient.page.locator("#recipient-line").textContent()).resolves.toContain(
      "東都ガス",
    );
    expect(await axeViolations(recipient.page)).toEqual([]);
    await recipient.screenshot("priority-package-ja");
    for (const session of [desk, recipient]) expectNoProblems(session.problems);
  }, 240_000);

  it.each(["ja", "en"] as const)(
    "says on the public site, in %s, that priority provision may happen and how",
    async (language) => {
      const tr = translator(language);
      const opened = await openPage(bed.browser, `priority-public-${language}`, {
        locale: language === "ja" ? "ja-JP" : "en-US",
      });
      await visit(opened.page, `${bed.server.url}/`);
      await Promise.all([
        opened.page.waitForNavigation({ waitUntil: "load" }),
        opened.page.getByRole("link", { name: tr("priority.public.link") }).click(),
      ]);
      await expect(
        opened.page.getByRole("heading", { name: tr("priority.public.heading") }).isVisible(),
      ).resolves.toBe(true);
      expect(await axeViolations(opened.page)).toEqual([]);
      expectNoProblems(opened.problems);
    },
  );
});
