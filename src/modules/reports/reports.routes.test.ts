import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  deliveredMail,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { SYSTEM_ACTOR } from "../access/actor.ts";

const SECRET_DESCRIPTION = "Stored XSS in the device name field of the admin console";
const SECRET_REPRODUCTION = "Add a device named <img src=x onerror=alert(1)> and open the list";
const SECRET_ATTACK = "curl -d 'name=<script>steal()</script>' http://router/admin/devices";
const SECRET_VERIFICATION = "Checked on firmware 1.0.3 with a lab router";

function productReport(overrides: Record<string, unknown> = {}) {
  return {
    kind: "product",
    title: "XSS in Router A100 admin console",
    productName: "Router A100",
    productVersion: "1.0.3",
    vendorName: "Vendor A",
    description: SECRET_DESCRIPTION,
    reproduction: SECRET_REPRODUCTION,
    attackMethod: SECRET_ATTACK,
    verificationMethod: SECRET_VERIFICATION,
    cvssVector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N",
    cwe: "CWE-79",
    consent: {
      identityToCoordinator: true,
      identityToVendor: false,
      directContact: false,
      credit: "Finder One",
    },
    ...overrides,
  };
}

const webReport = {
  kind: "web",
  title: "SQL injection on a shop's search page",
  siteUrl: "https://shop.example.jp/search",
  description: SECRET_DESCRIPTION,
  reproduction: SECRET_REPRODUCTION,
  cwe: "CWE-89",
  consent: { identityToOperator: false, directContact: false },
};

describe.each(testDatabaseTargets())("the reports API on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;

  const call = (user: TestUser | null, method: "GET" | "POST", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      ...(user ? { headers: user.bearer, remoteAddress: user.ip } : {}),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const expectProblem = (response: LightMyRequestResponse, status: number, code?: string) => {
    expect(response.statusCode, response.body).toBe(status);
    if (code) expect(response.json().code).toBe(code);
    return response.json() as { errors?: { path: string }[] };
  };
  const file = async (user: TestUser, body: unknown = productReport()) => {
    const response = await call(user, "POST", "/api/v1/reports", body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as {
      id: string;
      receiptNumber: string;
      receivedAt: string;
      status: string;
    };
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it("files a report for a verified finder: 201 with a receipt number and time at once, and a receipt mail without report text", async () => {
    const finder = cast.users.finder;
    const receipt = await file(finder);
    expect(receipt).toMatchObject({
      status: "submitted",
      receivedAt: runtime.clock.now().toISOString(),
    });
    expect(receipt.receiptNumber).toMatch(/^R-2026-\d{6}$/);
    const second = await file(finder);
    expect(Number(second.receiptNumber.slice(-6))).toBe(
      Number(receipt.receiptNumber.slice(-6)) + 1,
    );

    const mails = await deliveredMail(runtime, finder.email);
    const mail = mails.find((entry) => entry.subject.includes(receipt.receiptNumber));
    expect(mail?.text).toContain(receipt.receiptNumber);
    expect(mail?.text).toContain(`/reports/${receipt.id}`);
  });

  it("refuses anonymous callers (401), unverified finders (403) and invalid CWE or CVSS (422 naming the fields)", async () => {
    expectProblem(await call(null, "POST", "/api/v1/reports", productReport()), 401);

    const { accounts } = runtime.services;
    await accounts.registerFinder(SYSTEM_ACTOR, {
      email: "unverified@researcher.example",
      password: "A-long-unverified-pass-1",
      name: "Unverified",
      language: "en",
    });
    const token = await accounts.createApiTokenForEmail(
      SYSTEM_ACTOR,
      "unverified@researcher.example",
      "test",
    );
    const unverified = await app.inject({
      method: "POST",
      url: "/api/v1/reports",
      headers: { authorization: `Bearer ${token}` },
      payload: productReport(),
    });
    expectProblem(unverified, 403, "email_not_verified");

    const invalid = await call(
      cast.users.finder,
      "POST",
      "/api/v1/reports",
      productReport({ cwe: "89", cvssVector: "CVSS:3.1/AV:X" }),
    );
    const body = expectProblem(invalid, 422, "invalid_input");
    expect(body.errors?.map((error) => error.path).sort()).toEqual(["cvssVector", "cwe"]);
  });

  it("stores the text and the attack and verification methods sealed, never in the clear", async () => {
    const { id } = await file(cast.users.finder);
    const row = await runtime.database.db
      .selectFrom("reports")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    for (const secret of [
      SECRET_DESCRIPTION,
      SECRET_REPRODUCTION,
      SECRET_ATTACK,
      SECRET_VERIFICATION,
    ]) {
      expect(stored).not.toContain(secret);
    }
  });

  it("shows the content to its finder and the desk's admin (audited), the queue metadata to other desk members, and nothing to anyone else", async () => {
    const { id } = await file(cast.users.finder);
    const own = (await call(cast.users.finder, "GET", `/api/v1/reports/${id}`)).json();
    expect(own).toMatchObject({
      id,
      status: "submitted",
      description: SECRET_DESCRIPTION,
      attackMethod: SECRET_ATTACK,
    });

    const member = await call(cast.users.intakeMember, "GET", `/api/v1/reports/${id}`);
    expect(member.statusCode).toBe(200);
    expect(member.json().title).toBe("XSS in Router A100 admin console");
    expect(member.body).not.toContain(SECRET_DESCRIPTION);
    expect(member.body).not.toContain(SECRET_ATTACK);

    const admin = (await call(cast.users.intakeAdmin, "GET", `/api/v1/reports/${id}`)).json();
    expect(admin.verificationMethod).toBe(SECRET_VERIFICATION);
    const viewed = await runtime.database.db
      .selectFrom("audit_log")
      .select("actor_user_id")
      .where("type", "=", "report.viewed")
      .where("subject_id", "=", id)
      .execute();
    expect(viewed.map((entry) => entry.actor_user_id)).toContain(cast.users.intakeAdmin.userId);

    for (const outsider of [
      cast.users.otherFinder,
      cast.users.coordinatorMember,
      cast.users.vendorAAdmin,
      cast.users.siteOperator,
    ]) {
      expectProblem(await call(outsider, "GET", `/api/v1/reports/${id}`), 404);
    }
  });

  it("lets an assigned desk member read the content; assignment is only to desk members", async () => {
    const { id } = await file(cast.users.finder);
    expectProblem(
      await call(cast.users.intakeAdmin, "POST", `/api/v1/reports/${id}/assign`, {
        userId: cast.users.vendorAMember.userId,
      }),
      422,
    );
    const assigned = await call(cast.users.intakeAdmin, "POST", `/api/v1/reports/${id}/assign`, {
      userId: cast.users.intakeMember.userId,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const read = (await call(cast.users.intakeMember, "GET", `/api/v1/reports/${id}`)).json();
    expect(read.description).toBe(SECRET_DESCRIPTION);
  });

  it("walks needs_info → submitted → accepted → closed with reasons, refuses what the workflow forbids (409), and tells the finder without report text", async () => {
    const finder = cast.users.finder;
    const desk = cast.users.intakeAdmin;
    const { id } = await file(finder);
    const asked = await call(desk, "POST", `/api/v1/reports/${id}/request-info`, {
      message: "Which firmware build exactly?",
    });
    expect(asked.json().status).toBe("needs_info");
    expectProblem(
      await call(desk, "POST", `/api/v1/reports/${id}/accept`),
      409,
      "transition_not_allowed",
    );
    expectProblem(await call(desk, "POST", `/api/v1/reports/${id}/resubmit`, {}), 403);

    const resubmitted = await call(finder, "POST", `/api/v1/reports/${id}/resubmit`, {
      productVersion: "1.0.3 build 77",
    });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json()).toMatchObject({
      status: "submitted",
      productVersion: "1.0.3 build 77",
    });

    expect((await call(desk, "POST", `/api/v1/reports/${id}/accept`)).json().status).toBe(
      "accepted",
    );
    expectProblem(
      await call(desk, "POST", `/api/v1/reports/${id}/close`, { reason: "duplicate" }),
      422,
    );
    const closed = await call(desk, "POST", `/api/v1/reports/${id}/close`, {
      reason: "duplicate",
      duplicateOf: "CVE-2026-12345",
      message: "Already published.",
    });
    expect(closed.json()).toMatchObject({
      status: "closed",
      closeReason: "duplicate",
      duplicateOf: "CVE-2026-12345",
    });
    expectProblem(
      await call(desk, "POST", `/api/v1/reports/${id}/accept`),
      409,
      "transition_not_allowed",
    );

    const report = (await call(finder, "GET", `/api/v1/reports/${id}`)).json();
    expect(report.history.map((entry: { status: string }) => entry.status)).toEqual([
      "submitted",
      "needs_info",
      "submitted",
      "accepted",
      "closed",
    ]);
    const messages = (await call(finder, "GET", `/api/v1/reports/${id}/messages`)).json().items;
    expect(
      messages.map((message: { from: string; body: string }) => [message.from, message.body]),
    ).toEqual([
      ["intake", "Which firmware build exactly?"],
      ["intake", "Already published."],
    ]);
  });

  it("rejects with a reason the finder is told", async () => {
    const { id } = await file(cast.users.finder);
    expectProblem(
      await call(cast.users.intakeMember, "POST", `/api/v1/reports/${id}/reject`, { reason: "" }),
      422,
    );
    const rejected = await call(cast.users.intakeMember, "POST", `/api/v1/reports/${id}/reject`, {
      reason: "The finder cannot be reached.",
    });
    expect(rejected.json()).toMatchObject({
      status: "rejected",
      rejectReason: "The finder cannot be reached.",
    });
  });

  it("forwards a product report as a case and a web report as a site case for the named operator", async () => {
    const desk = cast.users.intakeMember;
    const product = await file(cast.users.finder);
    await call(desk, "POST", `/api/v1/reports/${product.id}/accept`);
    const forwarded = await call(desk, "POST", `/api/v1/reports/${product.id}/forward`, {});
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect(forwarded.json()).toMatchObject({
      status: "forwarded",
      caseId: expect.any(String),
      siteCaseId: null,
    });

    const web = await file(cast.users.finder, webReport);
    await call(desk, "POST", `/api/v1/reports/${web.id}/accept`);
    expectProblem(await call(desk, "POST", `/api/v1/reports/${web.id}/forward`, {}), 422);
    expectProblem(
      await call(desk, "POST", `/api/v1/reports/${web.id}/forward`, {
        operatorOrganizationId: cast.organizations.vendorA,
      }),
      422,
    );
    const toOperator = await call(desk, "POST", `/api/v1/reports/${web.id}/forward`, {
      operatorOrganizationId: cast.organizations.siteOperator,
    });
    expect(toOperator.json()).toMatchObject({
      status: "forwarded",
      siteCaseId: expect.any(String),
      caseId: null,
    });
  });

  it("changes a report's kind before forwarding, with a reason", async () => {
    const desk = cast.users.intakeMember;
    const { id } = await file(cast.users.finder);
    const changed = await call(desk, "POST", `/api/v1/reports/${id}/kind`, {
      kind: "web",
      reason: "Built for one site and not distributed.",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().kind).toBe("web");
    await call(desk, "POST", `/api/v1/reports/${id}/accept`);
    const forwarded = await call(desk, "POST", `/api/v1/reports/${id}/forward`, {
      operatorName: "Shop Inc.",
      operatorContactEmail: "security@shop.example.jp",
    });
    expect(forwarded.json()).toMatchObject({ status: "forwarded", siteCaseId: expect.any(String) });
  });

  it("lists a finder's own reports only, and the whole queue for the desk", async () => {
    const mine = (await call(cast.users.otherFinder, "GET", "/api/v1/reports")).json().items;
    const { id } = await file(cast.users.otherFinder);
    const after = (await call(cast.users.otherFinder, "GET", "/api/v1/reports")).json().items;
    expect(after.map((item: { id: string }) => item.id)).toEqual([
      id,
      ...mine.map((item: { id: string }) => item.id),
    ]);
    const queue = (
      await call(cast.users.intakeMember, "GET", "/api/v1/reports?status=submitted&limit=200")
    ).json().items;
    expect(queue.map((item: { id: string }) => item.id)).toContain(id);
    expect(JSON.stringify(queue)).not.toContain(SECRET_DESCRIPTION);
    const page = (await call(cast.users.intakeMember, "GET", "/api/v1/reports?limit=1")).json();
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it("shows the desk likely duplicates with the reason for each match, and only the desk", async () => {
    const first = await file(cast.users.finder);
    runtime.clock.advance(60_000);
    const similar = await file(
      cast.users.otherFinder,
      productReport({
        title: "Admin console XSS in Router A100",
        description: "Stored XSS in the device name field of the admin console page",
      }),
    );
    runtime.clock.advance(60_000);
    const unrelated = await file(cast.users.otherFinder, webReport);
    const response = await call(
      cast.users.intakeMember,
      "GET",
      `/api/v1/reports/${similar.id}/duplicates`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const match = response
      .json()
      .items.find((item: { reportId: string }) => item.reportId === first.id);
    expect(match).toMatchObject({ kind: "report", receiptNumber: first.receiptNumber });
    expect(match.reasons).toEqual(
      expect.arrayContaining(["same_product", "same_vendor", "same_cwe", "similar_text"]),
    );
    expect(response.body).not.toContain(SECRET_DESCRIPTION);
    const matched = response.json().items.map((item: { reportId: string }) => item.reportId);
    expect(matched).not.toContain(unrelated.id);

    expectProblem(
      await call(cast.users.otherFinder, "GET", `/api/v1/reports/${similar.id}/duplicates`),
      404,
    );
  });

  it("counts a published advisory about the same product as a likely duplicate, with its reasons (R-INT-3)", async () => {
    const at = runtime.clock.now().toISOString();
    // A published advisory as the publisher leaves it (its public text and search keys).
    await runtime.database.db
      .insertInto("advisories")
      .values({
        advisory_id: "KKH#00000999",
        case_id: "published-case",
        title: "Stored XSS in Router A100 admin console",
        overview: "Router A100 has a stored XSS in the device name field of the admin console.",
        description: "The device name field of the admin console is not escaped.",
        impact: "Script runs in an administrator's browser.",
        language: "ja",
        cwe: "CWE-79",
        cvss: "{}",
        severity: "medium",
        affected: "[]",
        reference_list: "[]",
        cve_ids: "[]",
        acknowledgement: null,
        termination_reason: null,
        contact: "{}",
        history: "[]",
        received_at: at,
        published_at: at,
        updated_at: at,
        search_tokens: "|",
        search_vendors: "|vendor a|",
        search_products: "|router a100|",
        search_cves: "|",
      })
      .execute();
    const report = await file(cast.users.finder);
    const items = (
      await call(cast.users.intakeMember, "GET", `/api/v1/reports/${report.id}/duplicates`)
    ).json().items as { kind: string; advisoryId?: string; reasons: string[] }[];
    const advisory = items.find((item) => item.kind === "advisory");
    expect(advisory).toMatchObject({ advisoryId: "KKH#00000999" });
    expect(advisory?.reasons).toEqual(
      expect.arrayContaining(["same_product", "same_vendor", "same_cwe", "similar_text"]),
    );
  });

  it("takes a finder's disclosure consultation and the desk's answer, told to the finder", async () => {
    const finder = cast.users.finder;
    const { id } = await file(finder);
    const consultation = {
      plannedAt: "2027-02-10T10:00:00+09:00",
      venue: "Security conference in Tokyo",
      scope: "The bug class, without the exploit",
    };
    expectProblem(
      await call(
        cast.users.intakeAdmin,
        "POST",
        `/api/v1/reports/${id}/disclosure-consultations`,
        consultation,
      ),
      403,
    );
    const filed = await call(
      finder,
      "POST",
      `/api/v1/reports/${id}/disclosure-consultations`,
      consultation,
    );
    expect(filed.statusCode, filed.body).toBe(201);
    const { id: cid } = filed.json();

    const answerUrl = `/api/v1/reports/${id}/disclosure-consultations/${cid}/answer`;
    expectProblem(
      await call(finder, "POST", answerUrl, { decision: "no_objection", reason: "fine" }),
      403,
    );
    expectProblem(
      await call(cast.users.intakeAdmin, "POST", answerUrl, {
        decision: "defer_until",
        reason: "after publication",
      }),
      422,
    );
    const answered = await call(cast.users.intakeAdmin, "POST", answerUrl, {
      decision: "defer_until",
      until: "2027-03-01T00:00:00+09:00",
      reason: "The vendor's fix is not out before then.",
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      decision: "defer_until",
      until: "2027-02-28T15:00:00.000Z",
      scope: consultation.scope,
    });
    expectProblem(
      await call(cast.users.intakeAdmin, "POST", answerUrl, {
        decision: "no_objection",
        reason: "again",
      }),
      409,
    );

    const listed = (
      await call(finder, "GET", `/api/v1/reports/${id}/disclosure-consultations`)
    ).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ venue: consultation.venue, decision: "defer_until" });
    expectProblem(
      await call(cast.users.otherFinder, "GET", `/api/v1/reports/${id}/disclosure-consultations`),
      404,
    );
  });

  it("never puts report text, attack or verification details in any e-mail", async () => {
    const mails = await deliveredMail(runtime);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      for (const secret of [
        SECRET_DESCRIPTION,
        SECRET_REPRODUCTION,
        SECRET_ATTACK,
        SECRET_VERIFICATION,
        "Which firmware build",
      ]) {
        expect(`${mail.subject}\n${mail.text}`).not.toContain(secret);
      }
    }
  });
});
