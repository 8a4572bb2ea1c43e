import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  browserSession,
  type Cast,
  createCast,
  createTestUser,
  deliveredMail,
  linksIn,
  signIn,
  TEST_PASSWORD,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { en } from "../../platform/i18n/en.ts";
import { ja } from "../../platform/i18n/ja.ts";

const HTML = { accept: "text/html" };
const SECRET_DESCRIPTION = "The order search builds its SQL from the query text";
const SECRET_ATTACK = "sqlmap --dump against the search";

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ");
}

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? "");
}

describe.each(testDatabaseTargets())("the site-case pages on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let operatorJa: TestUser;
  let operator: BrowserSession;
  let operatorAdmin: BrowserSession;
  let desk: BrowserSession;
  let deskMember: BrowserSession;
  let vendor: BrowserSession;
  let finder: BrowserSession;

  const get = (session: BrowserSession, url: string) =>
    session.inject({ method: "GET", url, headers: HTML });
  const post = (session: BrowserSession, url: string, fields: Record<string, string> = {}) =>
    session.inject({
      method: "POST",
      url,
      headers: { ...HTML, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(fields).toString(),
    });
  const api = (user: TestUser, method: "GET" | "POST", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: user.bearer,
      remoteAddress: user.ip,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });

  /** A web report of the finder's, accepted and forwarded to this operator. */
  const forward = async (operatorBody: Record<string, string>) => {
    const filed = await api(cast.users.finder, "POST", "/api/v1/reports", {
      kind: "web",
      title: "SQL injection in the order search",
      siteUrl: "https://shop.example/orders",
      description: SECRET_DESCRIPTION,
      reproduction: "Search for a quote and watch the error",
      verificationMethod: "A single quote gives a database error",
      attackMethod: SECRET_ATTACK,
      consent: { identityToOperator: false, directContact: false },
    });
    const { id } = filed.json();
    await api(cast.users.intakeAdmin, "POST", `/api/v1/reports/${id}/accept`);
    const forwarded = await api(
      cast.users.intakeAdmin,
      "POST",
      `/api/v1/reports/${id}/forward`,
      operatorBody,
    );
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    return { reportId: id as string, siteCaseId: forwarded.json().siteCaseId as string };
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    operatorJa = await createTestUser(runtime, {
      email: "kanri@site-operator.example",
      name: "運営 管理者",
      language: "ja",
      organizationId: cast.organizations.siteOperator,
      role: "admin",
    });
    operator = await signIn(app, runtime, cast.users.siteOperator);
    operatorAdmin = await signIn(app, runtime, operatorJa);
    desk = await signIn(app, runtime, cast.users.intakeAdmin);
    deskMember = await signIn(app, runtime, cast.users.intakeMember);
    vendor = await signIn(app, runtime, cast.users.vendorAAdmin);
    finder = await signIn(app, runtime, cast.users.finder);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it("names the web case on its report by the receipt number, a link for the desk and words for the finder, never its internal id", async () => {
    const { reportId, siteCaseId } = await forward({
      operatorOrganizationId: cast.organizations.siteOperator,
    });
    const receiptNumber = (
      await api(cast.users.finder, "GET", `/api/v1/reports/${reportId}`)
    ).json().receiptNumber as string;
    const deskPage = await get(desk, `/reports/${reportId}`);
    expect(deskPage.body).toContain(
      `href="/site-cases/${siteCaseId}">${en["reports.detail.siteCaseLink"].replace("{receiptNumber}", receiptNumber)}</a>`,
    );
    const finderPage = await get(finder, `/reports/${reportId}`);
    expect(text(finderPage.body)).toContain(en["reports.detail.siteCaseForwarded"]);
    expect(finderPage.body).not.toContain(siteCaseId);
  });

  it("lists the operator's cases as 'My site cases' (ja and en) with a navigation entry; the desk sees its list; others are refused", async () => {
    const { siteCaseId } = await forward({
      operatorOrganizationId: cast.organizations.siteOperator,
    });
    const english = await get(operator, "/site-cases");
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain(en["siteCases.list.mineTitle"]);
    expect(english.body).toContain(`href="/site-cases/${siteCaseId}"`);
    expect(english.body).toContain(`href="/site-cases" aria-current="page"`);
    expect(text(english.body)).toContain(en["siteCases.status.operator_notified"]);

    const japanese = await get(operatorAdmin, "/site-cases");
    expect(japanese.headers["content-language"]).toBe("ja");
    expect(japanese.body).toContain(ja["siteCases.list.mineTitle"]);
    expect(japanese.body).toContain(ja["siteCases.nav.mine"]);
    expect(text(japanese.body)).toMatch(/JST|日本標準時|GMT\+9/);

    const deskList = await get(deskMember, "/site-cases");
    expect(deskList.body).toContain(en["siteCases.list.deskTitle"]);
    expect(deskList.body).toContain(`href="/site-cases/${siteCaseId}"`);
    expect((await get(finder, "/site-cases")).statusCode).toBe(403);
    expect((await get(vendor, "/site-cases")).statusCode).toBe(403);
    const anonymous = await app.inject({ method: "GET", url: "/site-cases", headers: HTML });
    expect(anonymous.statusCode).toBe(303);
    expect(location(anonymous)).toContain("/signin?next=");
  });

  it("shows the operator its case with dates in Japan time, what is expected and the report it needs (not the attack method), and takes its answers through CSRF forms", async () => {
    const { siteCaseId } = await forward({
      operatorOrganizationId: cast.organizations.siteOperator,
    });
    const url = `/site-cases/${siteCaseId}`;
    const page = await get(operator, url);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain(SECRET_DESCRIPTION);
    expect(body).not.toContain(SECRET_ATTACK);
    expect(body).toContain(en["siteCases.detail.finderNotShared"]);
    expect(body).toMatch(/JST|GMT\+9/);
    expect(page.body).toContain('id="site-case-expected-text"');
    expect(body).toContain("Read the report and acknowledge it by");
    for (const action of ["acknowledge", "result", "leak-notice", "messages"]) {
      const form = new RegExp(`<form[^>]*action="${url}/${action}"[\\s\\S]*?</form>`).exec(
        page.body,
      )?.[0];
      expect(form, action).toBeDefined();
      expect(form).toContain('name="_csrf"');
    }
    expect(page.body).not.toContain(`action="${url}/close"`);
    // No inline script or style (the CSP forbids them): scripts only from files of the site.
    expect(page.body).not.toMatch(/<script(?![^>]*\ssrc="\/static\/)|style="/);

    // A form without its CSRF token is refused and changes nothing.
    const forged = await operator.inject({
      method: "POST",
      url: `${url}/acknowledge`,
      csrf: false,
      headers: { ...HTML, "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(forged.statusCode).toBe(403);

    const acknowledged = await post(operator, `${url}/acknowledge`);
    expect(acknowledged.statusCode).toBe(303);
    expect(location(acknowledged)).toBe(`${url}?done=1`);
    const after = text((await get(operator, `${url}?done=1`)).body);
    expect(after).toContain(en["siteCases.notice.done"]);
    expect(after).toContain(en["siteCases.status.operator_acknowledged"]);

    const missing = await post(operator, `${url}/result`, {
      result: "fixed",
      fixMethod: "",
      details: "",
    });
    expect(missing.statusCode).toBe(422);
    expect(text(missing.body)).toContain(en["siteCases.error.fixMethod"]);
    expect(text(missing.body)).toContain(
      en["siteCases.error.required"].replace("{field}", en["siteCases.actions.detailsField"]),
    );

    const again = await post(operator, `${url}/acknowledge`);
    expect(again.statusCode).toBe(409);
    expect(text(again.body)).toContain(en["siteCases.error.transition"]);

    const fixed = await post(operator, `${url}/result`, {
      result: "fixed",
      fixMethod: "page_removed",
      details: "The search page was taken down.",
    });
    expect(fixed.statusCode).toBe(303);
    const done = text((await get(operator, url)).body);
    expect(done).toContain(en["siteCases.fixMethod.page_removed"]);
    expect(done).toContain(en["siteCases.expected.fixed"]);
  });

  it("gives the desk its actions, hides the report's text from an unassigned member, and closes the case and its report", async () => {
    const { siteCaseId, reportId } = await forward({
      operatorOrganizationId: cast.organizations.siteOperator,
    });
    const url = `/site-cases/${siteCaseId}`;
    const member = text((await get(deskMember, url)).body);
    expect(member).toContain(en["siteCases.detail.reportHidden"]);
    expect(member).toContain(en["siteCases.messages.hidden"]);
    expect(member).not.toContain(SECRET_DESCRIPTION);

    const page = await get(desk, url);
    expect(text(page.body)).toContain(SECRET_DESCRIPTION);
    expect(page.body).toContain(`href="/reports/${reportId}"`);
    for (const action of ["close", "mark-unreachable", "analysis-requests", "messages"])
      expect(page.body).toContain(`action="${url}/${action}"`);
    expect(page.body).not.toContain(`action="${url}/acknowledge"`);

    const sent = await post(desk, `${url}/messages`, {
      body: "Please confirm the deployed version.",
    });
    expect(location(sent)).toBe(`${url}?sent=1`);
    expect(text((await get(operator, url)).body)).toContain("Please confirm the deployed version.");

    const asked = await post(desk, `${url}/analysis-requests`, {
      analysisReason: "To check other pages.",
    });
    expect(asked.statusCode).toBe(303);
    const operatorPage = await get(operator, url);
    expect(text(operatorPage.body)).toContain("To check other pages.");
    const grant = /action="([^"]+\/grant)"/.exec(operatorPage.body)?.[1] ?? "";
    expect(grant).toContain(`${url}/analysis-requests/`);
    expect((await post(operator, grant)).statusCode).toBe(303);
    expect(text((await get(desk, url)).body)).toContain(en["siteCases.analysis.granted"]);

    expect(
      (await post(desk, `${url}/close`, { reason: "closed_after_warning", message: "" }))
        .statusCode,
    ).toBe(422);
    const closed = await post(desk, `${url}/close`, {
      reason: "closed_after_warning",
      message: "The operator was warned.",
    });
    expect(closed.statusCode).toBe(303);
    const report = text((await get(finder, `/reports/${reportId}`)).body);
    expect(report).toContain(en["reports.status.closed"]);
    expect(report).toContain(en["siteCases.closeReason.closed_after_warning"]);
  });

  it("gives every field of the desk's and the operator's case page its own id, so each label names its own field", async () => {
    const { siteCaseId } = await forward({
      operatorOrganizationId: cast.organizations.siteOperator,
    });
    const url = `/site-cases/${siteCaseId}`;
    for (const session of [desk, operator]) {
      const page = await get(session, url);
      expect(page.statusCode).toBe(200);
      const ids = [...page.body.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
      expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    }
    // The close form's reason and the analysis request's reason are two fields.
    const deskPage = (await get(desk, url)).body;
    const control = (tag: string, id: string) =>
      new RegExp(`<${tag}\\b[^>]*\\bid="${id}"[^>]*>`).exec(deskPage)?.[0] ?? "";
    expect(control("select", "field-reason")).toContain('name="reason"');
    expect(control("textarea", "field-analysisReason")).toContain('name="analysisReason"');
    expect(deskPage).toContain('for="field-analysisReason"');
  });

  it("answers 404 with a page to anyone who may not see the case", async () => {
    const { siteCaseId } = await forward({
      operatorOrganizationId: cast.organizations.siteOperator,
    });
    for (const session of [vendor, finder]) {
      expect((await get(session, `/site-cases/${siteCaseId}`)).statusCode).toBe(404);
      expect((await post(session, `/site-cases/${siteCaseId}/acknowledge`)).statusCode).toBe(404);
    }
    expect((await get(desk, "/site-cases/unknown")).statusCode).toBe(404);
  });

  it("lets the person at a mailed claim link create the operator account and organization, then enrol the second factor", async () => {
    const { siteCaseId } = await forward({
      operatorName: "Tea House Kyoto",
      operatorContactEmail: "owner@tea-house.example",
    });
    const mails = await deliveredMail(runtime, "owner@tea-house.example");
    const link = linksIn(mails.at(-1)?.text ?? "").find(
      (url) => url.pathname === "/site-cases/claim",
    );
    const token = link?.searchParams.get("token") ?? "";
    expect(token).not.toBe("");

    const visitor = browserSession(app);
    await visitor.inject({ method: "GET", url: "/api/v1/auth/csrf" });
    const bogus = await get(visitor, "/site-cases/claim?token=kkc_bogus");
    expect(bogus.statusCode).toBe(404);
    expect(bogus.body).toContain(ja["siteCases.claim.invalidTitle"]);

    const claimUrl = `/site-cases/claim?token=${encodeURIComponent(token)}`;
    const form = await get(visitor, claimUrl);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(ja["siteCases.claim.title"]);
    expect(form.body).toContain('value="Tea House Kyoto"');
    expect(text(form.body)).toContain("owner@tea-house.example");
    expect(form.body).toContain('name="_csrf"');

    const weak = await post(visitor, "/site-cases/claim", {
      token,
      organizationName: "Tea House Kyoto",
      name: "Owner",
      password: "password",
      language: "en",
    });
    expect(weak.statusCode).toBe(422);
    expect(text(weak.body)).toContain(ja["siteCases.claim.passwordWeak"]);

    const created = await post(visitor, "/site-cases/claim", {
      token,
      organizationName: "Tea House Kyoto Ltd.",
      name: "Owner",
      password: TEST_PASSWORD,
      language: "en",
    });
    expect(created.statusCode).toBe(303);
    expect(location(created)).toBe(
      `/account/two-factor?next=${encodeURIComponent(`/site-cases/${siteCaseId}?claimed=1`)}`,
    );
    // Signed in, owing the second factor: the enrolment page of every organization member.
    const enrol = await get(visitor, location(created));
    expect(enrol.statusCode).toBe(200);
    expect(enrol.body).toContain('name="code"');
    expect((await get(visitor, `/site-cases/${siteCaseId}`)).statusCode).toBe(303);

    // The link worked once.
    const anew = browserSession(app);
    expect((await get(anew, claimUrl)).statusCode).toBe(404);
  });

  it("lets a signed-in site operator admin receive a mailed case for its organization", async () => {
    const { siteCaseId } = await forward({
      operatorName: "Example Shop",
      operatorContactEmail: "shop-owner@shop.example.jp",
    });
    const mails = await deliveredMail(runtime, "shop-owner@shop.example.jp");
    const token =
      linksIn(mails.at(-1)?.text ?? "")
        .find((url) => url.pathname === "/site-cases/claim")
        ?.searchParams.get("token") ?? "";
    const claimUrl = `/site-cases/claim?token=${encodeURIComponent(token)}`;
    const asMember = await get(operator, claimUrl);
    expect(text(asMember.body)).toContain(en["siteCases.claim.notAdmin"]);
    const page = await get(operatorAdmin, claimUrl);
    expect(text(page.body)).toContain(
      ja["siteCases.claim.asAdminSubmit"].replace("{organization}", "Example Shop Operator"),
    );
    const claimed = await post(operatorAdmin, "/site-cases/claim", { token });
    expect(claimed.statusCode).toBe(303);
    expect(location(claimed)).toBe(`/site-cases/${siteCaseId}?claimed=1`);
    const view = await get(operatorAdmin, location(claimed));
    expect(view.body).toContain(ja["siteCases.notice.claimed"]);
  });

  it("publishes the operator's leak notice on public pages that show nothing else of the case", async () => {
    const { siteCaseId } = await forward({
      operatorOrganizationId: cast.organizations.siteOperator,
    });
    const url = `/site-cases/${siteCaseId}`;
    const bad = await post(operator, `${url}/leak-notice`, {
      summary: "Customer names could be read.",
      period: "October 2026",
      affectedCount: "many",
      dataKinds: "names",
      cause: "A flaw in the order search.",
      contact: "privacy@shop.example.jp",
    });
    expect(bad.statusCode).toBe(422);
    expect(text(bad.body)).toContain(en["siteCases.error.count"]);
    const published = await post(operator, `${url}/leak-notice`, {
      summary: "Customer names could be read.",
      period: "October 2026",
      affectedCount: "340",
      dataKinds: "names\ne-mail addresses",
      cause: "A flaw in the order search.",
      contact: "privacy@shop.example.jp",
    });
    expect(published.statusCode).toBe(303);
    expect(location(published)).toBe(`${url}?published=1`);

    const list = await app.inject({ method: "GET", url: "/leak-notices", headers: HTML });
    expect(list.statusCode).toBe(200);
    const id = /href="\/leak-notices\/([\w-]+)"/.exec(list.body)?.[1] ?? "";
    const one = await app.inject({ method: "GET", url: `/leak-notices/${id}`, headers: HTML });
    expect(one.statusCode).toBe(200);
    const shown = text(one.body);
    for (const expected of [
      "Example Shop Operator",
      "Customer names could be read.",
      "October 2026",
      "e-mail addresses",
      "privacy@shop.example.jp",
    ])
      expect(shown).toContain(expected);
    for (const page of [list.body, one.body]) {
      expect(page).not.toContain(SECRET_DESCRIPTION);
      expect(page).not.toContain("shop.example/orders");
      expect(page).not.toContain(siteCaseId);
      expect(page).not.toContain("SQL injection");
    }
    expect(
      (await app.inject({ method: "GET", url: "/leak-notices/unknown", headers: HTML })).statusCode,
    ).toBe(404);
  });
});
