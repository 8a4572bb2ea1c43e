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
import { newId } from "../../platform/ids.ts";
import { parseQueueFilters, queueHref } from "../../web/pages/reports/queue-filters.tsx";

const HTML = { accept: "text/html" };
const DAY = 24 * 60 * 60 * 1000;
/** Wednesday 25 November 2026, 09:00 in Tokyo. */
const T0 = Date.parse("2026-11-25T00:00:00.000Z");

function decode(value: string): string {
  return value
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

function text(html: string): string {
  return decode(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}

/** The value of the text input or textarea with this id, as rendered. */
function fieldValue(html: string, id: string): string | null {
  const textarea = new RegExp(`<textarea[^>]*id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  if (textarea) return decode(textarea[1] ?? "");
  const input = new RegExp(`<input[^<]*id="${id}"[^<]*`).exec(html);
  if (!input) return null;
  return decode(/ value="([^"]*)"/.exec(input[0])?.[1] ?? "");
}

/** The selected option's value of the select with this id. */
function selected(html: string, id: string): string | null {
  const select = new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  return /<option value="([^"]*)" selected/.exec(select?.[1] ?? "")?.[1] ?? null;
}

function isChecked(html: string, id: string): boolean {
  const input = new RegExp(`<input[^<]*id="${id}"[^<]*`).exec(html);
  if (!input) throw new Error(`no input ${id}`);
  return / checked/.test(input[0]);
}

/** The table row (`<tr>…</tr>`) that mentions this text. */
function rowWith(html: string, needle: string): string {
  const row = [...html.matchAll(/<tr>[\s\S]*?<\/tr>/g)].find((match) => match[0].includes(needle));
  if (!row) throw new Error(`no row with ${needle}`);
  return text(row[0]);
}

const template = (body: string, receipt: string) => body.replace("{receipt}", receipt);

describe("the queue's filters in the query string", () => {
  it("keeps what it understands and drops the rest", () => {
    expect(
      parseQueueFilters({
        status: ["submitted", "lost", "needs_info,accepted"],
        kind: "web",
        assignee: "me",
        olderThanDays: "007",
        q: "  shop ",
        sort: "oldest",
      }),
    ).toEqual({
      status: ["submitted", "needs_info", "accepted"],
      kind: "web",
      assignee: "me",
      olderThanDays: "7",
      q: "shop",
      sort: "oldest",
      risk: { urgency: "", ssvcDecision: "", minCvss: "" },
    });
    expect(parseQueueFilters({ kind: "car", olderThanDays: "-3", sort: "up" })).toMatchObject({
      kind: "",
      olderThanDays: "",
      sort: "newest",
    });
  });

  it("builds links that keep every filter, for the pages after the first", () => {
    const href = queueHref(
      parseQueueFilters({ status: ["submitted", "needs_info"], q: "a&b", sort: "oldest" }),
      { cursor: "abc" },
    );
    expect(href).toBe("/reports?status=submitted&status=needs_info&q=a%26b&sort=oldest&cursor=abc");
    expect(queueHref(parseQueueFilters({}))).toBe("/reports");
  });
});

describe.each(testDatabaseTargets())("the desk's pages on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let finderJa: TestUser;
  let deskJaUser: TestUser;
  let admin: BrowserSession;
  let deskJa: BrowserSession;
  let finderJaSession: BrowserSession;
  /** Product report by the Japanese finder (10 days old); web report by the English finder. */
  const router = { id: "", receipt: "" };
  const shop = { id: "", receipt: "" };

  const get = (session: BrowserSession, url: string) =>
    session.inject({ method: "GET", url, headers: HTML });
  const post = (session: BrowserSession, url: string, fields: Record<string, string>) =>
    session.inject({
      method: "POST",
      url,
      headers: { ...HTML, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(fields).toString(),
    });
  const services = () => runtime.services;
  const fileWeb = async (user: TestUser, siteUrl: string) =>
    services().reports.submit(await cast.actorOf(user), {
      kind: "web",
      title: "Search injection",
      siteUrl,
      description: "SQL injection in the search.",
      reproduction: "Search for a quote.",
      consent: { identityToOperator: false, directContact: false },
    });

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    finderJa = await createTestUser(runtime, {
      email: "hakken@example.jp",
      name: "発見 花子",
      language: "ja",
    });
    deskJaUser = await createTestUser(runtime, {
      email: "uketsuke@intake.example",
      name: "受付 次郎",
      language: "ja",
      organizationId: cast.organizations.intake,
      role: "member",
    });
    runtime.clock.set(new Date(T0));
    const filed = await services().reports.submit(await cast.actorOf(finderJa), {
      kind: "product",
      title: "ルータ管理画面の XSS",
      productName: "Router A100",
      productVersion: "1.0",
      vendorName: "Vendor A",
      description: "管理画面に格納型 XSS があります。",
      reproduction: "機器名に <script> を入れる",
      consent: {
        identityToCoordinator: false,
        identityToVendor: false,
        directContact: false,
        credit: null,
      },
    });
    Object.assign(router, { id: filed.id, receipt: filed.receiptNumber });
    runtime.clock.set(new Date(T0 + DAY));
    const web = await fileWeb(cast.users.finder, "https://www.shop.example/search");
    Object.assign(shop, { id: web.id, receipt: web.receiptNumber });
    runtime.clock.set(new Date(T0 + 10 * DAY));
    // Signed in at "now", so that the sessions have not expired.
    admin = await signIn(app, runtime, cast.users.intakeAdmin);
    deskJa = await signIn(app, runtime, deskJaUser);
    finderJaSession = await signIn(app, runtime, finderJa);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it("lists likely duplicates on the desk's report page with the reason for each, in words", async () => {
    const again = await services().reports.submit(await cast.actorOf(cast.users.otherFinder), {
      kind: "product",
      title: "Router A100 admin XSS",
      productName: "Router A100",
      productVersion: "1.1",
      vendorName: "Vendor A",
      description: "Stored XSS in the admin console.",
      reproduction: "Name a device <script>.",
      consent: {
        identityToCoordinator: false,
        identityToVendor: false,
        directContact: false,
        credit: null,
      },
    });
    const page = await get(admin, `/reports/${again.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(en["desk.duplicates.heading"]);
    expect(page.body).toContain(`href="/reports/${router.id}"`);
    expect(page.body).toContain(en["desk.duplicates.same_product"]);
    expect(page.body).toContain(en["desk.duplicates.same_vendor"]);
  });

  it("shows the queue's filters as a GET form that keeps the query string's values", async () => {
    const page = await get(
      admin,
      "/reports?status=submitted&status=accepted&kind=product&q=router&olderThanDays=5&sort=oldest&assignee=unassigned",
    );
    expect(page.statusCode).toBe(200);
    const form = /<form method="get" action="\/reports"[\s\S]*?<\/form>/.exec(page.body)?.[0] ?? "";
    expect(form).not.toBe("");
    expect(form).not.toContain('name="_csrf"');
    expect(isChecked(form, "filter-status-submitted")).toBe(true);
    expect(isChecked(form, "filter-status-accepted")).toBe(true);
    expect(isChecked(form, "filter-status-rejected")).toBe(false);
    expect(selected(form, "field-kind")).toBe("product");
    expect(selected(form, "field-assignee")).toBe("unassigned");
    expect(selected(form, "field-sort")).toBe("oldest");
    expect(fieldValue(form, "field-q")).toBe("router");
    expect(fieldValue(form, "field-olderThanDays")).toBe("5");
    // The desk's other members can be chosen by name.
    expect(form).toContain(`value="${deskJaUser.userId}"`);
    expect(text(form)).toContain("受付 次郎");
    expect(page.body).toContain(router.receipt);
    expect(page.body).not.toContain(shop.receipt);
    expect(text(page.body)).toContain("Reports, oldest first");
    expect(text(page.body)).toContain(en["reports.filter.clear"]);

    // Each filter narrows the page as it does the API.
    expect((await get(admin, "/reports?q=shop.example")).body).toContain(shop.receipt);
    expect((await get(admin, "/reports?q=shop.example")).body).not.toContain(router.receipt);
    expect((await get(admin, "/reports?olderThanDays=9")).body).not.toContain(shop.receipt);
    expect((await get(admin, "/reports?status=needs_info")).body).not.toContain(router.receipt);

    // Nonsense is ignored, not refused: the whole queue.
    const odd = await get(admin, "/reports?status=lost&olderThanDays=abc&sort=x&kind=car");
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain(router.receipt);
    expect(odd.body).toContain(shop.receipt);
  });

  it("names the order the queue is shown in, in its caption, in English and Japanese", async () => {
    const caption = (body: string) =>
      decode(/<caption id="reports-caption">([^<]*)<\/caption>/.exec(body)?.[1] ?? "");
    const expected = {
      en: {
        newest: "Reports, newest first",
        oldest: "Reports, oldest first",
        urgency: "Reports, most urgent first",
        ssvc: "Reports, most serious SSVC decision first",
        cvss: "Reports, highest CVSS score first",
      },
      ja: {
        newest: "届出（受付日時の新しい順）",
        oldest: "届出（受付日時の古い順）",
        urgency: "届出（緊急度の高い順）",
        ssvc: "届出（SSVC の判断の重い順）",
        cvss: "届出（CVSS 基本値の高い順）",
      },
    };
    for (const [language, session] of [
      ["en", admin],
      ["ja", deskJa],
    ] as const) {
      for (const [sort, text] of Object.entries(expected[language])) {
        const page = await get(session, `/reports?sort=${sort}`);
        expect(page.statusCode).toBe(200);
        expect({ language, sort, caption: caption(page.body) }).toEqual({
          language,
          sort,
          caption: text,
        });
      }
    }
  });

  it("shows each open report's age and its standing against the response target in words, in English and Japanese", async () => {
    const fresh = await fileWeb(cast.users.otherFinder, "https://fresh.example/");
    const page = await get(admin, "/reports");
    expect(text(page.body)).toContain(en["desk.list.column.age"]);
    expect(text(page.body)).toContain(
      en["desk.ack.explain"].replace("{target}", "3 business days"),
    );
    const old = rowWith(page.body, router.receipt);
    expect(old).toContain("10 days");
    expect(old).toContain(en["desk.ack.past"]);
    // The due time is shown with its zone: 3 business days after Wednesday 25 November 09:00.
    expect(old).toMatch(/30 November 2026.*(JST|GMT\+9)/);
    const now = rowWith(page.body, fresh.receiptNumber);
    expect(now).toContain("0 days");
    expect(now).toContain(en["desk.ack.within"]);
    expect(now).toContain("fresh.example");

    const japanese = await get(deskJa, "/reports?sort=oldest");
    expect(japanese.headers["content-language"]).toBe("ja");
    expect(text(japanese.body)).toContain(ja["desk.list.column.acknowledgement"]);
    expect(text(japanese.body)).toContain(ja["desk.ack.explain"].replace("{target}", "3営業日"));
    const row = rowWith(japanese.body, router.receipt);
    expect(row).toContain("10日");
    expect(row).toContain(ja["desk.ack.past"]);
    expect(row).toContain("Router A100 (Vendor A)");
    // Oldest first: the router report comes before the fresh one.
    expect(japanese.body.indexOf(router.receipt)).toBeLessThan(
      japanese.body.indexOf(fresh.receiptNumber),
    );

    // Once answered, the report no longer awaits the desk.
    await services().reports.accept(await cast.actorOf(cast.users.intakeAdmin), fresh.id);
    const after = rowWith((await get(admin, "/reports")).body, fresh.receiptNumber);
    expect(after).toContain(en["desk.ack.notAwaiting"]);
  });

  it("fills a request-info template into the form, in the finder's language (Japanese), to edit before sending", async () => {
    const plain = await get(admin, `/reports/${router.id}`);
    expect(fieldValue(plain.body, "field-infoMessage")).toBe("");
    expect(plain.body).toContain(
      `<form method="get" action="/reports/${router.id}#action-request-info"`,
    );
    expect(text(plain.body)).toContain(
      en["desk.template.hint"].replace("{language}", en["desk.template.language.ja"]),
    );

    const page = await get(admin, `/reports/${router.id}?template=request_info.details`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-language"]).toBe("en");
    expect(fieldValue(page.body, "field-infoMessage")).toBe(
      template(ja["desk.template.request_info.details.body"], router.receipt),
    );
    expect(selected(page.body, "template-requestInfo")).toBe("request_info.details");
    // Only the chosen action's form is filled.
    expect(fieldValue(page.body, "field-rejectReason")).toBe("");

    const reject = await get(admin, `/reports/${router.id}?template=reject.unreachable`);
    expect(fieldValue(reject.body, "field-rejectReason")).toBe(
      template(ja["desk.template.reject.unreachable.body"], router.receipt),
    );
    const unknown = await get(admin, `/reports/${router.id}?template=nothing.like.this`);
    expect(unknown.statusCode).toBe(200);
    expect(fieldValue(unknown.body, "field-infoMessage")).toBe("");

    // Edited before sending: what is sent is what the desk wrote.
    const sent = await post(admin, `/reports/${router.id}/request-info`, {
      infoMessage: `${template(ja["desk.template.request_info.details.body"], router.receipt)}\n追記: OS も教えてください。`,
    });
    expect(sent.statusCode).toBe(303);
    const thread = await services().reports.messages(await cast.actorOf(finderJa), router.id);
    expect(thread.at(-1)?.body).toContain("追記: OS も教えてください。");
    expect(thread.at(-1)?.body).toContain(router.receipt);
  });

  it("fills a close template with its reason (out_of_scope), and the finder reads the reason and the history", async () => {
    await services().reports.resubmit(await cast.actorOf(finderJa), router.id, {
      productVersion: "1.0.1",
    });
    await services().reports.accept(await cast.actorOf(cast.users.intakeAdmin), router.id);
    const page = await get(deskJa, `/reports/${router.id}?template=close.out_of_scope`);
    expect(page.headers["content-language"]).toBe("ja");
    expect(selected(page.body, "field-closeReason")).toBe("out_of_scope");
    const body = template(ja["desk.template.close.out_of_scope.body"], router.receipt);
    expect(fieldValue(page.body, "field-closeMessage")).toBe(body);
    expect(text(page.body)).toContain(
      ja["desk.template.hint"].replace("{language}", ja["desk.template.language.ja"]),
    );

    const closed = await post(admin, `/reports/${router.id}/close`, {
      closeReason: "out_of_scope",
      closeMessage: body,
    });
    expect(closed.statusCode).toBe(303);

    const finderPage = await get(finderJaSession, `/reports/${router.id}`);
    const history = /<table[^>]*>[\s\S]*?<\/table>/.exec(
      finderPage.body.split('id="report-history"')[1] ?? "",
    )?.[0];
    expect(history).toBeDefined();
    const rows = [...(history ?? "").matchAll(/<tr>[\s\S]*?<\/tr>/g)].map((row) => text(row[0]));
    expect(rows.slice(1).map((row) => row.trim())).toEqual([
      expect.stringContaining(ja["reports.status.submitted"]),
      expect.stringContaining(ja["desk.history.needsInfo"]),
      expect.stringContaining(ja["reports.status.submitted"]),
      expect.stringContaining(ja["reports.status.accepted"]),
      expect.stringContaining(ja["reports.closeReason.out_of_scope"]),
    ]);
    expect(rows.at(-1)).toContain(ja["reports.status.closed"]);
    expect(history).toMatch(/<time datetime="[^"]+">[^<]*(JST|GMT\+9)/);
    expect(text(finderPage.body)).toContain(body);
  });

  it("offers templates in English for an English-speaking finder, also to a Japanese desk member", async () => {
    const page = await get(deskJa, `/reports/${shop.id}?template=reject.insufficient`);
    expect(fieldValue(page.body, "field-rejectReason")).toBe(
      template(en["desk.template.reject.insufficient.body"], shop.receipt),
    );
    expect(text(page.body)).toContain(
      ja["desk.template.hint"].replace("{language}", ja["desk.template.language.en"]),
    );
    // Picker labels are in the desk member's language.
    expect(text(page.body)).toContain(ja["desk.template.reject.unreachable.label"]);
  });

  it("picks the web report's operator from the directory by its domain, or by a search, and forwards with a templated message", async () => {
    const intake = await cast.actorOf(cast.users.intakeAdmin);
    const other = await services().organizations.create(intake, {
      type: "site_operator",
      name: "Other Hosting Operator",
      contactEmail: "ops@other.example",
      domains: ["other.example"],
    });
    await services().reports.accept(intake, shop.id);

    const page = await get(admin, `/reports/${shop.id}?template=forward.web`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain(en["desk.forward.matches"].replace("{host}", "www.shop.example"));
    expect(page.body).toContain(
      `name="operatorOrganizationId" value="${cast.organizations.siteOperator}"`,
    );
    expect(body).toContain("Example Shop Operator");
    expect(body).toContain(en["desk.forward.matchedDomain"].replace("{domain}", "shop.example"));
    expect(page.body).not.toContain(`value="${other.id}"`);
    expect(body).toContain(en["desk.forward.new"]);
    // Forwarding, the next step of an accepted report, comes before closing or changing its kind.
    expect(page.body.indexOf('id="action-forward"')).toBeLessThan(
      page.body.indexOf('id="action-close"'),
    );
    expect(fieldValue(page.body, "field-forwardMessage")).toBe(
      template(en["desk.template.forward.web.body"], shop.receipt),
    );
    // The search is a GET form of its own, which keeps the chosen template.
    expect(page.body).toMatch(
      new RegExp(
        `<form method="get" action="/reports/${shop.id}#action-forward"[^>]*>\\s*<input type="hidden" name="template" value="forward.web"`,
      ),
    );

    const search = await get(admin, `/reports/${shop.id}?operatorQuery=other&template=forward.web`);
    expect(text(search.body)).toContain(en["desk.forward.results"].replace("{query}", "other"));
    expect(search.body).toContain(`name="operatorOrganizationId" value="${other.id}"`);
    expect(text(search.body)).toContain(
      en["desk.forward.domains"].replace("{domains}", "other.example"),
    );
    expect(fieldValue(search.body, "field-operatorQuery")).toBe("other");
    expect(fieldValue(search.body, "field-forwardMessage")).toBe(
      template(en["desk.template.forward.web.body"], shop.receipt),
    );
    const none = await get(admin, `/reports/${shop.id}?operatorQuery=nobody-here`);
    expect(text(none.body)).toContain(
      en["desk.forward.noResults"].replace("{query}", "nobody-here"),
    );

    const nothing = await post(admin, `/reports/${shop.id}/forward`, {
      operatorOrganizationId: "",
      operatorName: "",
      operatorContactEmail: "",
      forwardMessage: "",
    });
    expect(nothing.statusCode).toBe(422);
    expect(nothing.body).toContain('href="#field-operatorOrganizationId"');

    const forwarded = await post(admin, `/reports/${shop.id}/forward`, {
      operatorOrganizationId: cast.organizations.siteOperator,
      operatorName: "",
      operatorContactEmail: "",
      forwardMessage: template(en["desk.template.forward.web.body"], shop.receipt),
    });
    expect(forwarded.statusCode, forwarded.body).toBe(303);
    const report = await services().reports.get(await cast.actorOf(cast.users.finder), shop.id);
    expect(report).toMatchObject({ status: "forwarded", siteCaseId: expect.any(String) });
    const thread = await services().reports.messages(
      await cast.actorOf(cast.users.finder),
      shop.id,
    );
    expect(thread.at(-1)).toMatchObject({
      from: "intake",
      body: template(en["desk.template.forward.web.body"], shop.receipt),
    });
  });

  it("forwards to an operator not in the directory by its name and contact address", async () => {
    const intake = await cast.actorOf(cast.users.intakeAdmin);
    const filed = await fileWeb(cast.users.finder, "https://unlisted.example/login");
    await services().reports.accept(intake, filed.id);
    const page = await get(admin, `/reports/${filed.id}`);
    expect(text(page.body)).toContain(
      en["desk.forward.noMatches"].replace("{host}", "unlisted.example"),
    );
    const forwarded = await post(admin, `/reports/${filed.id}/forward`, {
      operatorOrganizationId: "",
      operatorName: "Unlisted Shop Ltd.",
      operatorContactEmail: "security@unlisted.example",
      forwardMessage: "",
    });
    expect(forwarded.statusCode, forwarded.body).toBe(303);
    const report = await services().reports.get(intake, filed.id);
    expect(report.status).toBe("forwarded");
  });

  it("shows the finder the case's countermeasure and publication dates with their zone, and the kind changes with reasons", async () => {
    const intake = await cast.actorOf(cast.users.intakeAdmin);
    const filed = await services().reports.submit(await cast.actorOf(finderJa), {
      kind: "web",
      title: "配布されている CMS の脆弱性",
      siteUrl: "https://cms.example/",
      description: "配布されている CMS の問題です。",
      reproduction: "管理画面を開く。",
      consent: { identityToOperator: false, directContact: false },
    });
    await services().reports.changeKind(intake, filed.id, {
      kind: "product",
      reason: "配布されている製品のため",
    });
    await services().reports.accept(intake, filed.id);
    const forwarded = await services().reports.forward(intake, filed.id, {});
    const caseId = forwarded.caseId as string;
    expect(caseId).toBeTruthy();
    const coordinator = cast.users.coordinatorAdmin;
    const result = await services().workflow.execute(runtime.database.db, "case", caseId, {
      commandId: newId(),
      at: runtime.clock.now().toISOString(),
      actor: { kind: "coordinator", userId: coordinator.userId },
      type: "revise_schedule",
      publishAt: "2027-01-20T01:00:00.000Z",
      countermeasureDue: "2027-01-10T01:00:00.000Z",
      reason: "Agreed with the vendor",
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);

    const api = await services().reports.get(await cast.actorOf(finderJa), filed.id);
    expect(api).toMatchObject({
      publishAt: "2027-01-20T01:00:00.000Z",
      countermeasureDue: "2027-01-10T01:00:00.000Z",
      publishedAt: null,
      advisoryId: null,
      kindChanges: [{ from: "web", to: "product", reason: "配布されている製品のため" }],
    });
    const page = await get(finderJaSession, `/reports/${filed.id}`);
    const body = text(page.body);
    expect(body).toContain(ja["desk.detail.countermeasureDue"]);
    expect(body).toContain(ja["reports.detail.publishAt"]);
    expect(body).toMatch(/2027年1月20日.*10:00.*(JST|GMT\+9)/);
    expect(body).toMatch(/2027年1月10日.*10:00.*(JST|GMT\+9)/);
    expect(body).toContain(
      ja["desk.history.kindChange"]
        .replace("{from}", ja["reports.kind.web"])
        .replace("{to}", ja["reports.kind.product"]),
    );
    expect(body).toContain("配布されている製品のため");
    // No advisory yet: no link.
    expect(body).not.toContain(ja["desk.detail.advisory"]);
  });
});
