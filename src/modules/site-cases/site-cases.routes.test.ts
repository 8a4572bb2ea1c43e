import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  createTestUser,
  deliveredMail,
  linksIn,
  type ReceivedMail,
  TEST_PASSWORD,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";

const SECRET_DESCRIPTION = "Blind SQL injection in the order search of the shop";
const SECRET_REPRODUCTION = "Search for ' OR SLEEP(5)-- and watch the response time";
const SECRET_VERIFICATION = "Compare the timing of two searches with and without the sleep";
const SECRET_ATTACK = "sqlmap -u https://shop.example/search?q=1 --dump";
const SECRET_HOW_FOUND = "While ordering a birthday present";
const SITE_URL = "https://shop.example/search";
const SECRETS = [SECRET_DESCRIPTION, SECRET_REPRODUCTION, SECRET_VERIFICATION, SECRET_ATTACK];

function webReport(consent = { identityToOperator: false, directContact: false }) {
  return {
    kind: "web",
    title: "SQL injection on the shop's search page",
    siteUrl: SITE_URL,
    description: SECRET_DESCRIPTION,
    reproduction: SECRET_REPRODUCTION,
    verificationMethod: SECRET_VERIFICATION,
    attackMethod: SECRET_ATTACK,
    howFound: SECRET_HOW_FOUND,
    cwe: "CWE-89",
    consent,
  };
}

/** Mail must say what happened and link to the case: never report text, the site or the finder. */
function expectNoReportText(mails: ReceivedMail[]) {
  for (const mail of mails) {
    for (const secret of [...SECRETS, SITE_URL, "shop.example", SECRET_HOW_FOUND]) {
      expect(mail.text).not.toContain(secret);
      expect(mail.subject).not.toContain(secret);
    }
  }
}

describe.each(testDatabaseTargets())("the site-cases API on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let operatorAdmin: TestUser;
  let otherOperator: TestUser;
  const seenMail = new Set<string>();

  const call = (
    user: TestUser | null,
    method: "GET" | "POST" | "PUT",
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      ...(user ? { headers: user.bearer, remoteAddress: user.ip } : {}),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const ok = (response: LightMyRequestResponse, status = 200) => {
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };
  const expectProblem = (response: LightMyRequestResponse, status: number, code?: string) => {
    expect(response.statusCode, response.body).toBe(status);
    if (code) expect(response.json().code).toBe(code);
  };
  /** Mail delivered since the last call. */
  const newMail = async (to?: string) => {
    // Files of one second sort by random id: remember which were read, not how many.
    const fresh = (await deliveredMail(runtime)).filter((mail) => !seenMail.has(mail.file));
    for (const mail of fresh) seenMail.add(mail.file);
    return to ? fresh.filter((mail) => mail.to.toLowerCase() === to.toLowerCase()) : fresh;
  };

  /** A web report of the finder's, accepted and forwarded by the intake admin. */
  const forward = async (
    operator: Record<string, string>,
    consent?: { identityToOperator: boolean; directContact: boolean },
  ) => {
    const filed = ok(
      await call(cast.users.finder, "POST", "/api/v1/reports", webReport(consent)),
      201,
    );
    ok(await call(cast.users.intakeAdmin, "POST", `/api/v1/reports/${filed.id}/accept`));
    const forwarded = ok(
      await call(cast.users.intakeAdmin, "POST", `/api/v1/reports/${filed.id}/forward`, operator),
    );
    return { reportId: filed.id as string, siteCaseId: forwarded.siteCaseId as string };
  };
  const toDirectoryOperator = () => ({ operatorOrganizationId: cast.organizations.siteOperator });
  const claimTokenFrom = (mails: ReceivedMail[]) => {
    for (const mail of [...mails].reverse()) {
      for (const link of linksIn(mail.text)) {
        if (link.pathname === "/site-cases/claim" && link.searchParams.get("token"))
          return link.searchParams.get("token") as string;
      }
    }
    throw new Error("no claim link in the mail");
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    operatorAdmin = await createTestUser(runtime, {
      email: "admin@site-operator.example",
      name: "Site Operator Admin",
      organizationId: cast.organizations.siteOperator,
      role: "admin",
    });
    const intake = await cast.actorOf(cast.users.intakeMember);
    const other = await runtime.services.organizations.create(intake, {
      type: "site_operator",
      name: "Another Shop Operator",
      contactEmail: "web@another-shop.example",
    });
    otherOperator = await createTestUser(runtime, {
      email: "admin@another-shop.example",
      organizationId: other.id,
      role: "admin",
    });
    await newMail();
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it("notifies a directory operator's contacts and people on forward, in their language, with a sign-in link and no report text", async () => {
    const { siteCaseId } = await forward(toDirectoryOperator());
    const mails = await newMail();
    const toOperator = mails.filter((mail) =>
      [
        "webmaster@site-operator.example",
        cast.users.siteOperator.email,
        operatorAdmin.email,
      ].includes(mail.to),
    );
    expect(toOperator.map((mail) => mail.to).sort()).toEqual(
      [
        "webmaster@site-operator.example",
        cast.users.siteOperator.email,
        operatorAdmin.email,
      ].sort(),
    );
    for (const mail of toOperator) {
      expect(linksIn(mail.text).map((link) => link.pathname)).toContain(
        `/site-cases/${siteCaseId}`,
      );
      expect(mail.text).toMatch(/JST|GMT\+9|日本標準時/);
    }
    // The contact address has no account: Japanese; the accounts chose English.
    expect(
      toOperator.find((mail) => mail.to === "webmaster@site-operator.example")?.subject,
    ).toContain("［架け橋］");
    expect(toOperator.find((mail) => mail.to === operatorAdmin.email)?.subject).toContain(
      "[Kakehashi]",
    );
    expect(mails.some((mail) => mail.to === otherOperator.email)).toBe(false);
    expectNoReportText(mails);
  });

  it("shows the case to the desk and to the operator, and to nobody else (404), with the text the operator needs but never the attack method", async () => {
    const { siteCaseId, reportId } = await forward(toDirectoryOperator());
    const url = `/api/v1/site-cases/${siteCaseId}`;

    const operatorView = ok(await call(cast.users.siteOperator, "GET", url));
    expect(operatorView).toMatchObject({
      id: siteCaseId,
      status: "operator_notified",
      siteUrl: SITE_URL,
      cwe: "CWE-89",
      operator: { organizationId: cast.organizations.siteOperator, name: "Example Shop Operator" },
      details: {
        description: SECRET_DESCRIPTION,
        reproduction: SECRET_REPRODUCTION,
        verificationMethod: SECRET_VERIFICATION,
      },
      finder: null,
    });
    expect(operatorView.acknowledgementDueAt).toEqual(expect.any(String));
    expect(operatorView.reportId).toBeUndefined();
    expect(JSON.stringify(operatorView)).not.toContain(SECRET_ATTACK);
    expect(JSON.stringify(operatorView)).not.toContain(SECRET_HOW_FOUND);
    expect(JSON.stringify(operatorView)).not.toContain(cast.users.finder.email);

    // Desk members see the case; its text and the finder only the report's assignee or an admin.
    const member = ok(await call(cast.users.intakeMember, "GET", url));
    expect(member).toMatchObject({ reportId, details: null, finder: null });
    const admin = ok(await call(cast.users.intakeAdmin, "GET", url));
    expect(admin.details.description).toBe(SECRET_DESCRIPTION);
    expect(admin.finder).toEqual({ name: cast.users.finder.name, email: cast.users.finder.email });

    for (const user of [
      cast.users.finder,
      cast.users.otherFinder,
      cast.users.vendorAAdmin,
      cast.users.vendorBMember,
      cast.users.coordinatorAdmin,
      cast.users.csirt,
      cast.users.priorityRecipient,
      otherOperator,
    ]) {
      expectProblem(await call(user, "GET", url), 404, "not_found");
      expectProblem(await call(user, "POST", `${url}/acknowledge`), 404, "not_found");
      expectProblem(await call(user, "GET", `${url}/messages`), 404, "not_found");
    }
    expectProblem(await call(null, "GET", url), 401);
    expectProblem(await call(cast.users.intakeAdmin, "GET", "/api/v1/site-cases/nope"), 404);

    // R-SEC-2: the operator's reading of the report text is in the audit log.
    const reads = await runtime.database.db
      .selectFrom("audit_log")
      .select(["type", "actor_user_id", "details"])
      .where("subject_id", "=", siteCaseId)
      .where("type", "=", "site_case.viewed")
      .execute();
    expect(reads.map((entry) => entry.actor_user_id)).toEqual(
      expect.arrayContaining([cast.users.siteOperator.userId, cast.users.intakeAdmin.userId]),
    );
    expect(reads.map((entry) => entry.actor_user_id)).not.toContain(cast.users.intakeMember.userId);
  });

  it("shows the finder's identity to the operator only when the finder consented", async () => {
    const { siteCaseId } = await forward(toDirectoryOperator(), {
      identityToOperator: true,
      directContact: false,
    });
    const view = ok(await call(cast.users.siteOperator, "GET", `/api/v1/site-cases/${siteCaseId}`));
    expect(view.finder).toEqual({ name: cast.users.finder.name, email: cast.users.finder.email });
    expect(view.finderConsent).toEqual({ identityToOperator: true, directContact: false });
  });

  it("answers 403 to a party that sees the case but may not take the action, and 409 when the workflow forbids it", async () => {
    const { siteCaseId } = await forward(toDirectoryOperator());
    const url = `/api/v1/site-cases/${siteCaseId}`;
    const operator = cast.users.siteOperator;
    const desk = cast.users.intakeMember;
    expectProblem(await call(desk, "POST", `${url}/acknowledge`), 403, "forbidden");
    expectProblem(
      await call(desk, "POST", `${url}/result`, { result: "not_vulnerable", details: "x" }),
      403,
    );
    expectProblem(
      await call(desk, "POST", `${url}/leak-notice`, {
        summary: "s",
        period: "p",
        affectedCount: 1,
        dataKinds: ["names"],
        cause: "c",
        contact: "c",
      }),
      403,
    );
    expectProblem(await call(operator, "POST", `${url}/mark-unreachable`), 403, "forbidden");
    expectProblem(
      await call(operator, "POST", `${url}/close`, { reason: "fixed", message: "done" }),
      403,
    );
    expectProblem(await call(operator, "POST", `${url}/analysis-requests`, {}), 403);
    // An unassigned desk member may not write to the operator (R-SEC-1).
    expectProblem(await call(desk, "POST", `${url}/messages`, { body: "Hello" }), 403);
    expectProblem(await call(desk, "GET", `${url}/messages`), 403);
    expectProblem(await call(operator, "PUT", `${url}/members`, { userIds: [] }), 403);

    expectProblem(
      await call(desk, "POST", `${url}/close`, { reason: "fixed", message: "Fixed." }),
      409,
      "transition_not_allowed",
    );
    ok(await call(operator, "POST", `${url}/acknowledge`));
    expectProblem(
      await call(operator, "POST", `${url}/acknowledge`),
      409,
      "transition_not_allowed",
    );
    expectProblem(
      await call(operator, "POST", `${url}/result`, { result: "fixed", details: "Patched." }),
      422,
    );
  });

  it("follows a case to its end: acknowledge, fixed, closed by the desk; the report closes with it and the finder is mailed without text", async () => {
    const { siteCaseId, reportId } = await forward(toDirectoryOperator());
    await newMail();
    const url = `/api/v1/site-cases/${siteCaseId}`;
    const operator = cast.users.siteOperator;
    const acknowledged = ok(await call(operator, "POST", `${url}/acknowledge`));
    expect(acknowledged).toMatchObject({
      status: "operator_acknowledged",
      acknowledgedAt: runtime.clock.now().toISOString(),
      acknowledgementDueAt: null,
    });
    const fixed = ok(
      await call(operator, "POST", `${url}/result`, {
        result: "fixed",
        fixMethod: "app_fixed",
        details: "Parameterised the search query on 2026-11-26.",
      }),
    );
    expect(fixed.result).toMatchObject({
      result: "fixed",
      fixMethod: "app_fixed",
      details: "Parameterised the search query on 2026-11-26.",
    });
    const deskMail = await newMail(cast.users.intakeAdmin.email);
    expect(deskMail.length).toBe(2);
    expectNoReportText(deskMail);

    const closed = ok(
      await call(cast.users.intakeMember, "POST", `${url}/close`, {
        reason: "fixed",
        message: "The operator fixed the search page.",
      }),
    );
    expect(closed).toMatchObject({
      status: "closed",
      closure: { reason: "fixed", message: "The operator fixed the search page." },
    });
    expect(closed.result.details).toBeNull();
    expect(closed.history.map((entry: { status: string }) => entry.status)).toEqual([
      "operator_notified",
      "operator_acknowledged",
      "fixed",
      "closed",
    ]);

    const report = ok(await call(cast.users.finder, "GET", `/api/v1/reports/${reportId}`));
    expect(report).toMatchObject({ status: "closed", closeReason: "fixed", siteCaseId });
    const mails = await newMail();
    const toFinder = mails.filter((mail) => mail.to === cast.users.finder.email);
    expect(toFinder.length).toBe(1);
    expect(linksIn(toFinder[0]?.text ?? "").map((link) => link.pathname)).toContain(
      `/reports/${reportId}`,
    );
    expect(mails.some((mail) => mail.to === operator.email)).toBe(true);
    expectNoReportText(mails);
    // Closed: no more messages, and the operator still sees its case.
    expectProblem(
      await call(operator, "POST", `${url}/messages`, { body: "One more thing" }),
      409,
      "transition_not_allowed",
    );
    ok(await call(operator, "GET", url));
  });

  it("keeps desk ⇄ operator messages sealed at rest and tells the other side by mail", async () => {
    const { siteCaseId } = await forward(toDirectoryOperator());
    await newMail();
    const url = `/api/v1/site-cases/${siteCaseId}`;
    const question = "Which version of the search page is deployed?";
    const answer = "Version 3.2, deployed last Monday.";
    ok(await call(cast.users.intakeAdmin, "POST", `${url}/messages`, { body: question }), 201);
    expect((await newMail(cast.users.siteOperator.email)).length).toBe(1);
    ok(await call(cast.users.siteOperator, "POST", `${url}/messages`, { body: answer }), 201);
    const toDesk = await newMail(cast.users.intakeAdmin.email);
    expect(toDesk.length).toBe(1);
    expect(toDesk[0]?.text).not.toContain(answer);
    const thread = ok(await call(cast.users.siteOperator, "GET", `${url}/messages`));
    expect(
      thread.items.map((message: { from: string; body: string }) => [message.from, message.body]),
    ).toEqual([
      ["intake", question],
      ["operator", answer],
    ]);
    const stored = await runtime.database.db
      .selectFrom("site_case_messages")
      .select("body_sealed")
      .where("site_case_id", "=", siteCaseId)
      .execute();
    expect(stored.length).toBe(2);
    for (const row of stored) {
      expect(row.body_sealed).not.toContain("version");
      expect(row.body_sealed).not.toContain("Version");
    }
  });

  it("asks the operator's permission to analyse (R-WEB-3); an answer is given once", async () => {
    const { siteCaseId } = await forward(toDirectoryOperator());
    const url = `/api/v1/site-cases/${siteCaseId}`;
    const { id } = ok(
      await call(cast.users.intakeMember, "POST", `${url}/analysis-requests`, {
        reason: "To check whether other pages share the query code.",
      }),
      201,
    );
    // Before the operator's permission the desk's analyst does not read the report (R-WEB-3).
    expect(ok(await call(cast.users.analyst, "GET", url)).details).toBeNull();
    expectProblem(
      await call(cast.users.intakeMember, "POST", `${url}/analysis-requests/${id}/grant`),
      403,
    );
    const granted = ok(
      await call(cast.users.siteOperator, "POST", `${url}/analysis-requests/${id}/grant`),
    );
    expect(granted.analysisRequests).toEqual([
      expect.objectContaining({
        id,
        status: "granted",
        reason: "To check whether other pages share the query code.",
      }),
    ]);
    expectProblem(
      await call(cast.users.siteOperator, "POST", `${url}/analysis-requests/${id}/deny`),
      409,
      "transition_not_allowed",
    );
    // With it, the analyst reads the report's text; not the finder, not the messages.
    const analystView = ok(await call(cast.users.analyst, "GET", url));
    expect(analystView.details.description).toBe(SECRET_DESCRIPTION);
    expect(analystView.finder).toBeNull();
    expectProblem(await call(cast.users.analyst, "GET", `${url}/messages`), 403);
    expectProblem(
      await call(cast.users.siteOperator, "POST", `${url}/analysis-requests/nope/deny`),
      404,
    );
  });

  it("publishes a leak notice that is public, and nothing else of the case (R-WEB-4, R-CLS-3)", async () => {
    const { siteCaseId, reportId } = await forward(toDirectoryOperator());
    const url = `/api/v1/site-cases/${siteCaseId}`;
    const notice = {
      summary: "Customer records could be read through a flaw in our shop.",
      period: "2026-10-01 to 2026-11-20",
      affectedCount: 1200,
      dataKinds: ["names", "e-mail addresses"],
      cause: "A flaw in the shop software, now fixed.",
      contact: "privacy@shop.example.jp",
    };
    const { id } = ok(
      await call(cast.users.siteOperator, "POST", `${url}/leak-notice`, notice),
      201,
    );
    const one = ok(await call(null, "GET", `/api/v1/leak-notices/${id}`));
    expect(one).toEqual({
      id,
      operatorName: "Example Shop Operator",
      ...notice,
      publishedAt: runtime.clock.now().toISOString(),
    });
    const list = ok(await call(null, "GET", "/api/v1/leak-notices"));
    expect(list.items.map((item: { id: string }) => item.id)).toContain(id);
    const everything = JSON.stringify(list);
    for (const secret of [...SECRETS, SITE_URL, siteCaseId, reportId, "SQL injection", "CWE-89"]) {
      expect(everything).not.toContain(secret);
    }
    expectProblem(await call(null, "GET", "/api/v1/leak-notices/unknown"), 404);
    const view = ok(await call(cast.users.intakeMember, "GET", url));
    expect(view.leakNotices).toEqual([{ id, publishedAt: one.publishedAt }]);
    // A single kind of data may be given as one text.
    ok(
      await call(cast.users.siteOperator, "POST", `${url}/leak-notice`, {
        ...notice,
        dataKinds: "names",
      }),
      201,
    );
  });

  it("lists every case to the desk and its own to an operator, scoped in the query; others are refused", async () => {
    const mine = await forward(toDirectoryOperator());
    const theirs = await forward({
      operatorOrganizationId: otherOperator.organizationId as string,
    });
    const ids = (response: LightMyRequestResponse) =>
      ok(response).items.map((item: { id: string }) => item.id) as string[];
    const desk = ids(await call(cast.users.intakeMember, "GET", "/api/v1/site-cases?limit=200"));
    expect(desk).toEqual(expect.arrayContaining([mine.siteCaseId, theirs.siteCaseId]));
    const operator = ids(
      await call(cast.users.siteOperator, "GET", "/api/v1/site-cases?limit=200"),
    );
    expect(operator).toContain(mine.siteCaseId);
    expect(operator).not.toContain(theirs.siteCaseId);
    expect(ids(await call(otherOperator, "GET", "/api/v1/site-cases"))).toEqual([
      theirs.siteCaseId,
    ]);
    const page = ok(await call(cast.users.intakeMember, "GET", "/api/v1/site-cases?limit=1"));
    expect(page.items.length).toBe(1);
    expect(page.nextCursor).toEqual(expect.any(String));
    for (const user of [
      cast.users.finder,
      cast.users.vendorAMember,
      cast.users.coordinatorMember,
    ]) {
      expectProblem(await call(user, "GET", "/api/v1/site-cases"), 403);
    }
  });

  it("lets the operator's admin choose which members see a case (R-SEC-6)", async () => {
    const { siteCaseId } = await forward(toDirectoryOperator());
    const url = `/api/v1/site-cases/${siteCaseId}`;
    ok(await call(cast.users.siteOperator, "GET", url));
    ok(await call(operatorAdmin, "PUT", `${url}/members`, { userIds: [] }));
    expectProblem(await call(cast.users.siteOperator, "GET", url), 404);
    const list = ok(await call(cast.users.siteOperator, "GET", "/api/v1/site-cases?limit=200"));
    expect(list.items.map((item: { id: string }) => item.id)).not.toContain(siteCaseId);
    expectProblem(
      await call(operatorAdmin, "PUT", `${url}/members`, {
        userIds: [cast.users.vendorAMember.userId],
      }),
      422,
    );
    ok(
      await call(operatorAdmin, "PUT", `${url}/members`, {
        userIds: [cast.users.siteOperator.userId],
      }),
    );
    ok(await call(cast.users.siteOperator, "GET", url));
  });

  it("mails an operator not in the directory a one-time claim link that creates its account and organization", async () => {
    const { siteCaseId } = await forward({
      operatorName: "Corner Bakery",
      operatorContactEmail: "owner@corner-bakery.example",
    });
    const mails = await newMail("owner@corner-bakery.example");
    expect(mails.length).toBe(1);
    expectNoReportText(mails);
    const token = claimTokenFrom(mails);
    // Only the hash is kept.
    const stored = await runtime.database.db.selectFrom("site_case_claims").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const unclaimed = ok(
      await call(cast.users.intakeMember, "GET", `/api/v1/site-cases/${siteCaseId}`),
    );
    expect(unclaimed.operator).toEqual({
      organizationId: null,
      name: "Corner Bakery",
      contactEmail: "owner@corner-bakery.example",
    });

    expectProblem(
      await call(null, "POST", "/api/v1/site-cases/claim", {
        token,
        name: "Baker",
        password: "short",
      }),
      422,
      "weak_password",
    );
    expectProblem(
      await call(null, "POST", "/api/v1/site-cases/claim", { token }),
      422,
      "invalid_input",
    );
    expectProblem(
      await call(cast.users.finder, "POST", "/api/v1/site-cases/claim", { token }),
      403,
      "forbidden",
    );
    const claimed = ok(
      await call(null, "POST", "/api/v1/site-cases/claim", {
        token,
        name: "Hanako Baker",
        password: TEST_PASSWORD,
        language: "en",
      }),
    );
    expect(claimed.siteCaseId).toBe(siteCaseId);
    expectProblem(
      await call(null, "POST", "/api/v1/site-cases/claim", {
        token,
        name: "Someone Else",
        password: TEST_PASSWORD,
      }),
      422,
      "invalid_token",
    );

    const organization = await runtime.database.db
      .selectFrom("organizations")
      .innerJoin("memberships", "memberships.organization_id", "organizations.id")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select([
        "organizations.type",
        "organizations.name",
        "memberships.role",
        "users.email_verified_at",
        "users.language",
      ])
      .where("organizations.id", "=", claimed.organizationId)
      .executeTakeFirstOrThrow();
    expect(organization).toMatchObject({
      type: "site_operator",
      name: "Corner Bakery",
      role: "admin",
      language: "en",
    });
    expect(organization.email_verified_at).not.toBeNull();

    // Like every organization member, the new admin enrols a second factor at sign-in.
    const login = ok(
      await call(null, "POST", "/api/v1/auth/login", {
        email: "owner@corner-bakery.example",
        password: TEST_PASSWORD,
      }),
    );
    expect(login.secondFactor).toBe("enrolment_required");
    const baker = await createTestUserToken("owner@corner-bakery.example");
    const view = ok(await call(baker, "GET", `/api/v1/site-cases/${siteCaseId}`));
    expect(view.operator).toEqual({
      organizationId: claimed.organizationId,
      name: "Corner Bakery",
    });
    ok(await call(baker, "POST", `/api/v1/site-cases/${siteCaseId}/acknowledge`));
    // The desk heard that the operator claimed it.
    expect((await newMail(cast.users.intakeAdmin.email)).length).toBeGreaterThan(0);
  });

  it("lets a signed-in site operator admin claim a mailed case for its organization", async () => {
    const { siteCaseId } = await forward({
      operatorName: "Example Shop (old contact)",
      operatorContactEmail: "old-contact@shop.example.jp",
    });
    const token = claimTokenFrom(await newMail("old-contact@shop.example.jp"));
    expectProblem(
      await call(cast.users.siteOperator, "POST", "/api/v1/site-cases/claim", { token }),
      403,
    );
    const claimed = ok(await call(operatorAdmin, "POST", "/api/v1/site-cases/claim", { token }));
    expect(claimed).toEqual({
      siteCaseId,
      organizationId: cast.organizations.siteOperator,
      userId: operatorAdmin.userId,
    });
    // Its members existing now are assigned by default.
    ok(await call(cast.users.siteOperator, "GET", `/api/v1/site-cases/${siteCaseId}`));
    expectProblem(await call(operatorAdmin, "POST", "/api/v1/site-cases/claim", { token }), 422);
  });

  it("lets a claim link expire, and answers the same for one never issued", async () => {
    await forward({ operatorName: "Late Shop", operatorContactEmail: "late@late-shop.example" });
    const token = claimTokenFrom(await newMail("late@late-shop.example"));
    runtime.clock.advance(14 * 24 * 60 * 60 * 1000 + 1);
    expectProblem(
      await call(null, "POST", "/api/v1/site-cases/claim", {
        token,
        name: "Late",
        password: TEST_PASSWORD,
      }),
      422,
      "invalid_token",
    );
    expectProblem(
      await call(operatorAdmin, "POST", "/api/v1/site-cases/claim", { token: "kkc_never-issued" }),
      422,
      "invalid_token",
    );
  });

  it("reminds a silent operator once per step when the clock passes each deadline, then marks it unreachable and tells the desk (R-WEB-6)", async () => {
    const { siteCaseId } = await forward(toDirectoryOperator());
    const url = `/api/v1/site-cases/${siteCaseId}`;
    const contact = "webmaster@site-operator.example";
    // Other cases of this file run their own ladders meanwhile: count this case's mail only.
    const about = (mails: ReceivedMail[]) =>
      mails.filter((mail) => mail.text.includes(`/site-cases/${siteCaseId}`));
    await newMail();

    for (const step of [1, 2]) {
      const due = ok(await call(cast.users.intakeMember, "GET", url))
        .acknowledgementDueAt as string;
      runtime.clock.set(new Date(Date.parse(due) - 1000));
      await runtime.jobRunner.runDue();
      expect(about(await newMail(contact))).toEqual([]);
      runtime.clock.set(new Date(Date.parse(due) + 1000));
      await runtime.jobRunner.runDue();
      const all = about(await newMail());
      const reminders = all.filter((mail) => mail.to === contact);
      expect(reminders.length, `reminder ${step}`).toBe(1);
      expect(reminders[0]?.subject).toContain(String(step));
      expect(all.filter((mail) => mail.to === cast.users.intakeAdmin.email).length).toBe(1);
      expectNoReportText(all);
      // Running the jobs again sends nothing more about it.
      await runtime.jobRunner.runDue();
      expect(about(await newMail())).toEqual([]);
      const view = ok(await call(cast.users.intakeMember, "GET", url));
      expect(view.remindersSent).toBe(step);
      expect(view.status).toBe("operator_notified");
    }
    const due = ok(await call(cast.users.intakeMember, "GET", url)).acknowledgementDueAt as string;
    runtime.clock.set(new Date(Date.parse(due) + 1000));
    await runtime.jobRunner.runDue();
    const last = about(await newMail());
    expect(last.filter((mail) => mail.to === contact)).toEqual([]);
    expect(last.filter((mail) => mail.to === cast.users.intakeAdmin.email).length).toBe(1);
    const unreachable = ok(await call(cast.users.intakeMember, "GET", url));
    expect(unreachable).toMatchObject({
      status: "operator_unreachable",
      acknowledgementDueAt: null,
    });
    // The operator may still answer.
    ok(await call(cast.users.siteOperator, "POST", `${url}/acknowledge`));
  });

  async function createTestUserToken(email: string): Promise<TestUser> {
    const token = await runtime.services.accounts.createApiTokenForEmail(
      { kind: "system", origin: { ip: null, userAgent: "test" } },
      email,
      "test",
    );
    return {
      kind: "extra",
      userId: "",
      email,
      password: TEST_PASSWORD,
      name: "",
      organizationId: null,
      role: null,
      token,
      bearer: { authorization: `Bearer ${token}` },
      ip: "10.200.0.1",
    };
  }
});
