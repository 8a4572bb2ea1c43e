import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  type Cast,
  createCast,
  createTestUser,
  signIn,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { en } from "../../platform/i18n/en.ts";
import { ja } from "../../platform/i18n/ja.ts";

const HTML = { accept: "text/html" };

/** A product report as the form sends it. */
function productForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    kind: "product",
    title: "ルータ管理画面の XSS",
    productName: "Router A100",
    productVersion: "1.0",
    vendorName: "Vendor A Corporation",
    description: "管理画面に格納型 XSS があります。",
    reproduction: "1. 管理画面を開く\n2. 機器名に <script> を入れる",
    verificationMethod: "alert(1) が出ることを確認",
    attackMethod: "",
    cvssVector: "",
    cwe: "CWE-79",
    howFound: "",
    disclosurePlans: "",
    alsoReportedDirectly: "1",
    identityToCoordinator: "1",
    identityToVendor: "",
    directContact: "",
    credit: "1",
    creditName: "Finder One",
    ...overrides,
  };
}

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");
}

/** The value of the text input or textarea with this id, as rendered. */
function fieldValue(html: string, id: string): string | null {
  const decode = (value: string) =>
    value
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replaceAll("&quot;", '"')
      .replaceAll("&amp;", "&");
  const textarea = new RegExp(`<textarea[^>]*id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  if (textarea) return decode(textarea[1] ?? "");
  const input = new RegExp(`<input[^<]*id="${id}"[^<]*`).exec(html);
  if (!input) return null;
  return decode(/ value="([^"]*)"/.exec(input[0])?.[1] ?? "");
}

describe.each(testDatabaseTargets())("the report pages on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let finderJa: TestUser;
  let finder: BrowserSession;
  let otherFinder: BrowserSession;
  let intakeAdmin: BrowserSession;
  let intakeMember: BrowserSession;

  const get = (session: BrowserSession, url: string) =>
    session.inject({ method: "GET", url, headers: HTML });
  const post = (session: BrowserSession, url: string, fields: Record<string, string>) =>
    session.inject({
      method: "POST",
      url,
      headers: { ...HTML, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(fields).toString(),
    });

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    finderJa = await createTestUser(runtime, {
      email: "hakken@example.jp",
      name: "発見 太郎",
      language: "ja",
    });
    finder = await signIn(app, runtime, finderJa);
    otherFinder = await signIn(app, runtime, cast.users.otherFinder);
    intakeAdmin = await signIn(app, runtime, cast.users.intakeAdmin);
    intakeMember = await signIn(app, runtime, cast.users.intakeMember);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it("asks for the kind, then shows the product form in Japanese", async () => {
    const choose = await get(finder, "/reports/new");
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain(ja["reports.new.chooseKind"]);
    expect(choose.body).toContain('name="kind" value="product"');

    const form = await get(finder, "/reports/new?kind=product");
    expect(form.statusCode).toBe(200);
    expect(form.headers["content-language"]).toBe("ja");
    for (const key of [
      "reports.new.productHeading",
      "reports.field.productName",
      "reports.field.productNameHint",
      "reports.field.verificationMethod",
      "reports.field.attackMethodHint",
      "reports.field.identityToVendor",
      "reports.field.creditName",
      "reports.field.alsoReportedDirectly",
      "reports.new.section.secretLead",
    ] as const) {
      expect(text(form.body)).toContain(ja[key]);
    }
    expect(form.body).toContain('name="_csrf"');
  });

  it("shows the web form in English", async () => {
    const session = await signIn(app, runtime, cast.users.finder);
    const form = await get(session, "/reports/new?kind=web");
    expect(form.statusCode).toBe(200);
    expect(form.headers["content-language"]).toBe("en");
    expect(text(form.body)).toContain(en["reports.new.webHeading"]);
    expect(text(form.body)).toContain(en["reports.field.siteUrl"]);
    expect(text(form.body)).toContain(en["reports.field.identityToOperator"]);
    expect(form.body).not.toContain('name="productName"');
  });

  it("tells a signed-in user with an unconfirmed address to confirm it", async () => {
    const { id } = await runtime.services.accounts.registerFinder(
      { kind: "anonymous", origin: { ip: "127.0.0.1", userAgent: "vitest" } },
      {
        email: "unverified@example.jp",
        name: "Unverified",
        password: "Bridge-of-trust-2026!",
        language: "en",
      },
    );
    expect(id).toBeTruthy();
    const user = {
      ...cast.users.otherFinder,
      email: "unverified@example.jp",
      password: "Bridge-of-trust-2026!",
    };
    const session = await signIn(app, runtime, user);
    const page = await get(session, "/reports/new");
    expect(page.statusCode).toBe(403);
    expect(text(page.body)).toContain(en["reports.unverified.title"]);
  });

  it("re-renders the form with 422 and the values kept when a field is missing", async () => {
    const response = await post(
      finder,
      "/reports/new/confirm",
      // "79" is taken as CWE-79 (cvss-calculator.browser.test.ts); a name is not an identifier.
      productForm({ description: "", cwe: "XSS" }),
    );
    expect(response.statusCode).toBe(422);
    const body = text(response.body);
    expect(body).toContain(ja["reports.error.summary"]);
    expect(body).toContain(
      ja["reports.error.required"].replace("{field}", ja["reports.field.description"]),
    );
    expect(body).toContain(ja["reports.error.cwe"]);
    expect(fieldValue(response.body, "field-title")).toBe("ルータ管理画面の XSS");
    expect(fieldValue(response.body, "field-reproduction")).toBe(
      "1. 管理画面を開く\n2. 機器名に <script> を入れる",
    );
    expect(fieldValue(response.body, "field-cwe")).toBe("XSS");
    expect(response.body).toMatch(/id="field-credit"[^>]*checked/);
  });

  let reportId = "";
  let receiptNumber = "";

  it("confirms, then sends the report and shows the receipt", async () => {
    const confirm = await post(finder, "/reports/new/confirm", productForm());
    expect(confirm.statusCode).toBe(200);
    const body = text(confirm.body);
    expect(body).toContain(ja["reports.confirm.title"]);
    expect(body).toContain(ja["reports.legal.notJudgement"]);
    expect(body).toContain(ja["reports.legal.noAccess"]);
    expect(body).toContain("alert(1) が出ることを確認");
    expect(confirm.body).toContain('type="hidden" name="verificationMethod"');
    expect(confirm.body).not.toContain("<textarea");

    const edit = await post(finder, "/reports/new", productForm());
    expect(edit.statusCode).toBe(200);
    expect(fieldValue(edit.body, "field-title")).toBe("ルータ管理画面の XSS");

    const sent = await post(finder, "/reports/new/send", productForm());
    expect(sent.statusCode).toBe(200);
    expect(text(sent.body)).toContain(ja["reports.receipt.title"]);
    receiptNumber = /id="receipt-number">([^<]+)</.exec(sent.body)?.[1] ?? "";
    expect(receiptNumber).toMatch(/^R-\d{4}-\d{6}$/);
    expect(sent.body).toMatch(/<time datetime="[^"]+">[^<]*(JST|GMT\+9)/);
    expect(text(sent.body)).toContain(ja["reports.receipt.notJudgement"]);
    reportId =
      /href="\/reports\/([^"]+)"/.exec(sent.body.split("receipt-number")[1] ?? "")?.[1] ?? "";
    expect(reportId, sent.body).toMatch(/^[\w-]+$/);

    const api = await app.inject({
      method: "GET",
      url: "/api/v1/reports",
      headers: finderJa.bearer,
      remoteAddress: finderJa.ip,
    });
    expect(api.json().items).toEqual([
      expect.objectContaining({ id: reportId, receiptNumber, status: "submitted" }),
    ]);
    const report = await app.inject({
      method: "GET",
      url: `/api/v1/reports/${reportId}`,
      headers: finderJa.bearer,
      remoteAddress: finderJa.ip,
    });
    expect(report.json()).toMatchObject({
      title: "ルータ管理画面の XSS",
      cwe: "CWE-79",
      verificationMethod: "alert(1) が出ることを確認",
      attackMethod: null,
      alsoReportedDirectly: true,
      consent: expect.objectContaining({ identityToCoordinator: true, credit: "Finder One" }),
    });
  });

  it("lists it in the finder's own reports and shows its page", async () => {
    const list = await get(finder, "/reports");
    expect(list.statusCode).toBe(200);
    expect(text(list.body)).toContain(ja["reports.list.mineTitle"]);
    expect(list.body).toContain(receiptNumber);
    expect(text(list.body)).toContain(ja["reports.status.submitted"]);
    expect(text(list.body)).toContain(ja["reports.nav.mine"]);

    const page = await get(finder, `/reports/${reportId}`);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain("管理画面に格納型 XSS があります。");
    expect(text(page.body)).not.toContain(ja["reports.actions.heading"]);

    const message = await post(finder, `/reports/${reportId}/messages`, { body: "進捗は？" });
    expect(message.statusCode).toBe(303);
    const after = await get(finder, `/reports/${reportId}`);
    expect(text(after.body)).toContain("進捗は？");
  });

  it("gives another finder a 404 for the report page", async () => {
    const page = await get(otherFinder, `/reports/${reportId}`);
    expect(page.statusCode).toBe(404);
    expect((await get(otherFinder, "/reports")).body).not.toContain(receiptNumber);
  });

  it("shows an unassigned desk member the metadata only, with a hint to assign", async () => {
    const page = await get(intakeMember, `/reports/${reportId}`);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain(en["reports.detail.metadataOnly"]);
    expect(text(page.body)).not.toContain("管理画面に格納型 XSS があります。");
    expect(text(page.body)).toContain(en["reports.actions.assignMe"]);
  });

  it("puts it in the intake admin's queue, with filters, and lets the admin accept it", async () => {
    const queue = await get(intakeAdmin, "/reports");
    expect(queue.statusCode).toBe(200);
    expect(text(queue.body)).toContain(en["reports.list.queueTitle"]);
    expect(text(queue.body)).toContain(en["reports.nav.queue"]);
    expect(queue.body).toContain(receiptNumber);

    const webOnly = await get(intakeAdmin, "/reports?kind=web");
    expect(webOnly.body).not.toContain(receiptNumber);
    const mine = await get(intakeAdmin, "/reports?assignee=me");
    expect(mine.body).not.toContain(receiptNumber);
    const submitted = await get(intakeAdmin, "/reports?status=submitted&kind=product");
    expect(submitted.body).toContain(receiptNumber);

    const rejectEmpty = await post(intakeAdmin, `/reports/${reportId}/reject`, {
      rejectReason: " ",
    });
    expect(rejectEmpty.statusCode).toBe(422);

    const accepted = await post(intakeAdmin, `/reports/${reportId}/accept`, {});
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/reports/${reportId}?done=1`);
    const page = await get(intakeAdmin, `/reports/${reportId}?done=1`);
    expect(text(page.body)).toContain(en["reports.notice.done"]);
    expect(text(page.body)).toContain(en["reports.status.accepted"]);

    const again = await post(intakeAdmin, `/reports/${reportId}/accept`, {});
    expect(again.statusCode).toBe(409);
    expect(text(again.body)).toContain(en["reports.error.transition"]);

    const api = await app.inject({
      method: "GET",
      url: `/api/v1/reports/${reportId}`,
      headers: finderJa.bearer,
      remoteAddress: finderJa.ip,
    });
    expect(api.json().status).toBe("accepted");
  });

  it("lets the desk ask for more and the finder resubmit through the pages", async () => {
    const filed = await runtime.services.reports.submit(await cast.actorOf(finderJa), {
      kind: "web",
      title: "Shop search XSS",
      siteUrl: "https://shop.example/search",
      description: "Reflected XSS.",
      reproduction: "Search for <script>.",
      consent: { identityToOperator: false, directContact: false },
    });
    const asked = await post(intakeAdmin, `/reports/${filed.id}/request-info`, {
      infoMessage: "Which browser?",
    });
    expect(asked.statusCode).toBe(303);
    const page = await get(finder, `/reports/${filed.id}`);
    expect(text(page.body)).toContain(ja["reports.detail.resubmit"]);
    expect(text(page.body)).toContain("Which browser?");
    // What the finder must do leads the page, above the report, and leads to the request and
    // the form that answers it.
    const pending = page.body.indexOf('id="report-pending-action"');
    expect(pending).toBeGreaterThan(-1);
    expect(pending).toBeLessThan(page.body.indexOf('id="report-summary"'));
    expect(text(page.body)).toContain(ja["reports.pending.needsInfo.title"]);
    for (const anchor of ["report-messages", "report-resubmit"]) {
      expect(page.body).toContain(`href="#${anchor}"`);
      expect(page.body).toContain(`id="${anchor}"`);
    }
    // The answer's CWE box has the same picker as the new report's form.
    expect(page.body).toMatch(/<div data-cwe-picker><div class="field"><label for="field-cwe">/);
    expect(page.body).toContain('<script type="module" src="/static/cwe-picker.js">');
    const resubmitted = await post(finder, `/reports/${filed.id}/resubmit`, {
      title: "Shop search XSS",
      siteUrl: "https://shop.example/search",
      description: "Reflected XSS.",
      reproduction: "Search for <script> in Firefox 140.",
    });
    expect(resubmitted.statusCode).toBe(303);
    const answered = await get(finder, `/reports/${filed.id}`);
    expect(answered.body).not.toContain('id="report-pending-action"');
    const report = await runtime.services.reports.get(await cast.actorOf(finderJa), filed.id);
    expect(report).toMatchObject({
      status: "submitted",
      reproduction: "Search for <script> in Firefox 140.",
    });
  });

  it("sends an anonymous visitor to sign in", async () => {
    const response = await app.inject({ method: "GET", url: "/reports/new", headers: HTML });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/signin?next=${encodeURIComponent("/reports/new")}`);
  });
});
