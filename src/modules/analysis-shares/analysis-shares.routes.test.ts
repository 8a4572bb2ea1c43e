import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  createTestUser,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp.ts";
import { buildApp } from "../../app.ts";
import { createMailTransport } from "../../platform/mail/transport.ts";

type Method = "GET" | "POST" | "PUT" | "DELETE";

/** Markers in every text of the report, so a leak of any of them shows in a body or a mail. */
const DESCRIPTION = "SHAREMARK-DESCRIPTION stored XSS in the device list";
const REPRODUCTION = "SHAREMARK-REPRODUCTION add a device named <script>";
const POC = "SHAREMARK-POC curl -d 'name=<script>alert(1)</script>' http://router/devices";
const STATEMENT = "SHAREMARK-STATEMENT we fixed it in 2.0";
const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabaseTargets())("outside analysis shares on $name", (target) => {
  let smtp: SmtpPeer;
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let users: Cast["users"];
  let labA = "";
  let labAdmin: TestUser;
  let labMember: TestUser;
  let labOther: TestUser;
  let labBAdmin: TestUser;
  let counter = 0;

  function api(user: TestUser, method: Method, url: string, payload?: unknown) {
    return app.inject({
      method,
      url,
      headers: user.bearer,
      remoteAddress: user.ip,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  }
  const expectStatus = (response: LightMyRequestResponse, status: number) =>
    expect(response.statusCode, response.body).toBe(status);
  const inDays = (days: number) =>
    new Date(runtime.clock.now().getTime() + days * DAY).toISOString();

  /** An analysis organization (the desk adds it) with an admin, and its NDA accepted in the app. */
  async function analysisOrganization(name: string, acceptNda: boolean) {
    const desk = await cast.actorOf(users.intakeMember);
    const { id } = await runtime.services.organizations.create(desk, {
      type: "analysis_org",
      name,
      contactEmail: `lab@${name.toLowerCase().replace(/\W+/g, "-")}.example`,
    });
    counter += 1;
    const admin = await createTestUser(runtime, {
      email: `admin${counter}@lab.example`,
      organizationId: id,
      role: "admin",
    });
    if (acceptNda) {
      const text = await runtime.services.nda.current(await cast.actorOf(users.coordinatorMember));
      expectStatus(
        await api(admin, "POST", `/api/v1/organizations/${id}/nda/accept`, {
          version: text?.version,
        }),
        200,
      );
    }
    return { id, admin };
  }

  /** A fresh case from a report with a PoC; vendor A notified and its statement given. */
  async function notifiedCase(): Promise<string> {
    const { reports, cases } = runtime.services;
    const finder = await cast.actorOf(users.finder);
    counter += 1;
    const { id: reportId } = await reports.submit(finder, {
      kind: "product",
      title: `Share test report ${counter}`,
      productName: "Router A100",
      productVersion: "1.0",
      description: DESCRIPTION,
      reproduction: REPRODUCTION,
      attackMethod: POC,
      consent: {
        identityToCoordinator: false,
        identityToVendor: false,
        directContact: false,
        credit: null,
      },
    });
    const desk = await cast.actorOf(users.intakeAdmin);
    await reports.accept(desk, reportId);
    const { caseId } = await reports.forward(desk, reportId, {});
    if (!caseId) throw new Error("the forward made no case");
    const coordinator = await cast.actorOf(users.coordinatorMember);
    await cases.addVendor(coordinator, caseId, { organizationId: cast.organizations.vendorA });
    await cases.notifyVendor(coordinator, caseId, { orgId: cast.organizations.vendorA });
    await cases.setStatement(await cast.actorOf(users.vendorAAdmin), caseId, { text: STATEMENT });
    return caseId;
  }

  const agreed = () => [
    { party: "coordinator", answer: "agree", note: "Agreed by phone" },
    { party: "vendor", organizationId: cast.organizations.vendorA, answer: "agree" },
  ];

  async function share(caseId: string, body: Record<string, unknown> = {}): Promise<string> {
    const response = await api(
      users.intakeMember,
      "POST",
      `/api/v1/cases/${caseId}/analysis-shares`,
      {
        organizationId: labA,
        classes: ["summary", "technical_details", "vendor_statements"],
        until: inDays(30),
        consultation: agreed(),
        ...body,
      },
    );
    expectStatus(response, 201);
    return response.json().id;
  }

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    runtime = await createTestRuntime(target, {
      mailTransport: createMailTransport({ kind: "smtp", url: smtp.url }),
    });
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    users = cast.users;
    const coordinator = await cast.actorOf(users.coordinatorMember);
    await runtime.services.nda.publish(coordinator, {
      version: "2026",
      bodyJa: "受領者は脆弱性情報を秘密として保持する。",
      bodyEn: "The recipient keeps vulnerability information secret.",
    });
    await runtime.services.organizations.recordNda(coordinator, cast.organizations.vendorA, {
      signedAt: "2026-01-15T00:00:00.000Z",
      version: "2026-01",
    });
    const a = await analysisOrganization("University Lab", true);
    labA = a.id;
    labAdmin = a.admin;
    labMember = await createTestUser(runtime, {
      email: "member@lab.example",
      organizationId: labA,
      role: "member",
    });
    labOther = await createTestUser(runtime, {
      email: "other@lab.example",
      organizationId: labA,
      role: "member",
    });
    const b = await analysisOrganization("Security Firm", true);
    labBAdmin = b.admin;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await smtp?.close();
  });

  it("answers each member of the analysis organizations as its table says", async () => {
    const caseId = await notifiedCase();
    const id = await share(caseId);
    expectStatus(
      await api(labAdmin, "PUT", `/api/v1/analysis-shares/${id}/members`, {
        userIds: [labMember.userId],
      }),
      200,
    );
    const shareBody = {
      organizationId: labA,
      classes: ["summary"],
      until: inDays(30),
      consultation: agreed(),
    };
    // Columns: the organization's admin, an assigned member, a member not assigned, another
    // analysis organization's admin.
    const table: [Method, string, unknown, number[]][] = [
      ["POST", `/api/v1/cases/${caseId}/analysis-shares`, shareBody, [404, 404, 404, 404]],
      ["GET", `/api/v1/cases/${caseId}/analysis-shares`, undefined, [404, 404, 404, 404]],
      ["GET", "/api/v1/analysis-shares", undefined, [200, 200, 200, 200]],
      ["GET", `/api/v1/analysis-shares/${id}`, undefined, [200, 200, 404, 404]],
      [
        "PUT",
        `/api/v1/analysis-shares/${id}/members`,
        { userIds: [labMember.userId] },
        [200, 403, 404, 404],
      ],
      ["DELETE", `/api/v1/cases/${caseId}/analysis-shares/${id}`, undefined, [404, 404, 404, 404]],
    ];
    for (const [method, url, body, expected] of table) {
      const actual = [];
      for (const user of [labAdmin, labMember, labOther, labBAdmin]) {
        actual.push((await api(user, method, url, body)).statusCode);
      }
      expect({ route: `${method} ${url}`, statuses: actual }).toEqual({
        route: `${method} ${url}`,
        statuses: expected,
      });
    }
  });

  it("shows an assigned member only the classes chosen, read from the case now", async () => {
    const caseId = await notifiedCase();
    const id = await share(caseId);
    expectStatus(
      await api(labAdmin, "PUT", `/api/v1/analysis-shares/${id}/members`, {
        userIds: [labMember.userId],
      }),
      200,
    );
    const response = await api(labMember, "GET", `/api/v1/analysis-shares/${id}`);
    expectStatus(response, 200);
    const view = response.json();
    expect(view.classes).toEqual(["summary", "technical_details", "vendor_statements"]);
    expect(view.content.technicalDetails.description).toBe(DESCRIPTION);
    expect(view.content.technicalDetails.reproduction).toBe(REPRODUCTION);
    expect(view.content.vendorStatements).toEqual([
      expect.objectContaining({ vendor: "Vendor A Corporation", text: STATEMENT }),
    ]);
    expect(view.content.summary.title).toMatch(/^Share test report/);
    // Classes not chosen are absent, and the PoC is nowhere in the answer (a leak test).
    expect(Object.keys(view.content).sort()).toEqual([
      "summary",
      "technicalDetails",
      "vendorStatements",
    ]);
    expect(response.body).not.toContain("SHAREMARK-POC");
    expect(response.body).not.toContain(users.finder.email);
    const list = await api(labMember, "GET", "/api/v1/analysis-shares");
    expectStatus(list, 200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(id);
    expect(list.body).not.toContain("SHAREMARK");
  });

  it("shows the proof of concept only when that class is chosen", async () => {
    const caseId = await notifiedCase();
    const id = await share(caseId, { classes: ["proof_of_concept"] });
    const response = await api(labAdmin, "GET", `/api/v1/analysis-shares/${id}`);
    expectStatus(response, 200);
    expect(response.json().content).toEqual({ proofOfConcept: { attackMethod: POC } });
    expect(response.body).not.toContain("SHAREMARK-DESCRIPTION");
    expect(response.json().title).toBeNull();
  });

  it("gives the summary the case's CVSS from the desk's risk with its score, and never the risk's reason", async () => {
    const caseId = await notifiedCase();
    const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    const reason = "SHAREMARK-RISK-REASON exploited against power utilities";
    expectStatus(
      await api(users.intakeMember, "PUT", `/api/v1/cases/${caseId}/risk`, {
        cvssV3: vector,
        urgency: "critical",
        reason,
      }),
      200,
    );
    const id = await share(caseId, { classes: ["summary"] });
    const response = await api(labAdmin, "GET", `/api/v1/analysis-shares/${id}`);
    expectStatus(response, 200);
    const summary = response.json().content.summary;
    expect(summary.cvssVector).toBe(vector);
    expect(summary.cvss).toEqual([{ vector, baseScore: 9.8, severity: "critical" }]);
    expect(response.body).not.toContain("SHAREMARK-RISK-REASON");
    expect(response.body).not.toContain("urgency");
  });

  it("answers 404 to a member not assigned, another analysis organization, a vendor and the finder", async () => {
    const caseId = await notifiedCase();
    const id = await share(caseId);
    for (const user of [labOther, labBAdmin, users.vendorAAdmin, users.finder, users.csirt]) {
      expectStatus(await api(user, "GET", `/api/v1/analysis-shares/${id}`), 404);
    }
    // The admin sees it by default; a member only once assigned.
    expectStatus(await api(labAdmin, "GET", `/api/v1/analysis-shares/${id}`), 200);
    expectStatus(await api(labMember, "GET", `/api/v1/analysis-shares/${id}`), 404);
    const otherList = await api(labBAdmin, "GET", "/api/v1/analysis-shares");
    expect(otherList.json().items.map((item: { id: string }) => item.id)).not.toContain(id);
    // Only the organization's admin assigns, and only its own members.
    expectStatus(
      await api(labMember, "PUT", `/api/v1/analysis-shares/${id}/members`, { userIds: [] }),
      404,
    );
    expectStatus(
      await api(labAdmin, "PUT", `/api/v1/analysis-shares/${id}/members`, {
        userIds: [users.vendorAAdmin.userId],
      }),
      422,
    );
  });

  it("shows nothing to an organization that has not accepted its NDA in the application", async () => {
    const late = await analysisOrganization("Late Lab", false);
    const caseId = await notifiedCase();
    const id = await share(caseId, { organizationId: late.id });
    expectStatus(await api(late.admin, "GET", `/api/v1/analysis-shares/${id}`), 404);
    const text = await runtime.services.nda.current(await cast.actorOf(users.coordinatorMember));
    expectStatus(
      await api(late.admin, "POST", `/api/v1/organizations/${late.id}/nda/accept`, {
        version: text?.version,
      }),
      200,
    );
    expectStatus(await api(late.admin, "GET", `/api/v1/analysis-shares/${id}`), 200);
  });

  it("ends access by itself at the end date and at once when revoked", async () => {
    const caseId = await notifiedCase();
    const expiring = await share(caseId, { until: inDays(2) });
    const revoked = await share(caseId);
    expectStatus(await api(labAdmin, "GET", `/api/v1/analysis-shares/${expiring}`), 200);
    expectStatus(
      await api(users.intakeMember, "DELETE", `/api/v1/cases/${caseId}/analysis-shares/${revoked}`),
      204,
    );
    expectStatus(await api(labAdmin, "GET", `/api/v1/analysis-shares/${revoked}`), 404);
    const start = runtime.clock.now();
    try {
      runtime.clock.advance(3 * DAY);
      expectStatus(await api(labAdmin, "GET", `/api/v1/analysis-shares/${expiring}`), 404);
      const staff = await api(
        users.coordinatorMember,
        "GET",
        `/api/v1/cases/${caseId}/analysis-shares`,
      );
      expectStatus(staff, 200);
      const states = Object.fromEntries(
        staff.json().items.map((item: { id: string; status: string }) => [item.id, item.status]),
      );
      expect(states).toEqual({ [expiring]: "expired", [revoked]: "revoked" });
    } finally {
      runtime.clock.set(start);
    }
  });

  it("refuses a consultation without every vendor, with an objection, or an end date out of bounds", async () => {
    const caseId = await notifiedCase();
    const url = `/api/v1/cases/${caseId}/analysis-shares`;
    const base = {
      organizationId: labA,
      classes: ["summary"],
      until: inDays(30),
      consultation: agreed(),
    };
    const missingVendor = await api(users.intakeMember, "POST", url, {
      ...base,
      consultation: [{ party: "coordinator", answer: "agree" }],
    });
    expectStatus(missingVendor, 422);
    expect(missingVendor.json().errors.map((e: { path: string }) => e.path)).toContain(
      "consultation",
    );
    const missingCoordinator = await api(users.intakeMember, "POST", url, {
      ...base,
      consultation: [
        { party: "vendor", organizationId: cast.organizations.vendorA, answer: "agree" },
      ],
    });
    expectStatus(missingCoordinator, 422);
    const objected = await api(users.intakeMember, "POST", url, {
      ...base,
      consultation: [
        { party: "coordinator", answer: "agree" },
        {
          party: "vendor",
          organizationId: cast.organizations.vendorA,
          answer: "object",
          note: "Not yet",
        },
      ],
    });
    expectStatus(objected, 409);
    expect(objected.json().code).toBe("consultation_objected");
    for (const until of [inDays(-1), inDays(181)]) {
      const refused = await api(users.intakeMember, "POST", url, { ...base, until });
      expectStatus(refused, 422);
      expect(refused.json().errors[0].path).toBe("until");
    }
    const notAnalysis = await api(users.intakeMember, "POST", url, {
      ...base,
      organizationId: cast.organizations.vendorB,
    });
    expectStatus(notAnalysis, 422);
    // Only the desk shares: the coordinator may not, nor the vendor.
    expectStatus(await api(users.coordinatorMember, "POST", url, base), 403);
    expectStatus(await api(users.vendorAAdmin, "POST", url, base), 403);
    expectStatus(await api(users.finder, "POST", url, base), 404);
    const staff = await api(users.intakeMember, "GET", url);
    expect(staff.json().items).toEqual([]);
  });

  it("logs every read for the staff and audits who read which classes", async () => {
    const caseId = await notifiedCase();
    const id = await share(caseId, { classes: ["countermeasures"] });
    expectStatus(await api(labAdmin, "GET", `/api/v1/analysis-shares/${id}`), 200);
    const staff = await api(users.intakeMember, "GET", `/api/v1/cases/${caseId}/analysis-shares`);
    expectStatus(staff, 200);
    const [item] = staff.json().items;
    expect(item.reads).toEqual([
      expect.objectContaining({
        reader: { id: labAdmin.userId, name: expect.any(String) },
        classes: ["countermeasures"],
      }),
    ]);
    expect(item.consultation).toEqual([
      expect.objectContaining({ party: "coordinator", answer: "agree", note: "Agreed by phone" }),
      expect.objectContaining({
        party: "vendor",
        organizationId: cast.organizations.vendorA,
        name: "Vendor A Corporation",
        answer: "agree",
      }),
    ]);
    const audit = await runtime.database.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "details"])
      .where("type", "=", "analysis_share.read")
      .where("subject_id", "=", id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBe(labAdmin.userId);
    expect(JSON.parse(audit[0]?.details ?? "{}").classes).toEqual(["countermeasures"]);
    // The consultation is sealed at rest.
    const row = await runtime.database.db
      .selectFrom("analysis_shares")
      .select("consultation_sealed")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.consultation_sealed).not.toContain("Agreed by phone");
  });

  it("mails the organization's members and the coordinator a notice without content", async () => {
    const caseId = await notifiedCase();
    const id = await share(caseId, { classes: ["technical_details", "proof_of_concept"] });
    expectStatus(
      await api(labAdmin, "PUT", `/api/v1/analysis-shares/${id}/members`, {
        userIds: [labOther.userId],
      }),
      200,
    );
    expectStatus(
      await api(users.intakeMember, "DELETE", `/api/v1/cases/${caseId}/analysis-shares/${id}`),
      204,
    );
    await runtime.jobRunner.runDue();
    const messages = await smtp.messages();
    const to = (address: string) =>
      messages.filter((m) => m.to.includes(address)).map((m) => m.mail.text ?? "");
    const reference = `AS-${id.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
    expect(to(labAdmin.email).filter((text) => text.includes(reference))).toHaveLength(2);
    expect(to(labOther.email).filter((text) => text.includes(reference))).toHaveLength(2);
    expect(to(labMember.email).filter((text) => text.includes(reference))).toHaveLength(0);
    expect(
      messages.some(
        (m) =>
          m.to.includes(users.coordinatorMember.email) &&
          (m.mail.text ?? "").includes(`/cases/${caseId}/analysis-shares`),
      ),
    ).toBe(true);
    for (const message of messages) {
      expect(`${message.mail.subject}\n${message.mail.text}`).not.toContain("SHAREMARK");
    }
  });
});
