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

/** The site, named in every text of the report, so a leak of it shows in a body or a mail. */
const SITE_URL = "https://shop.sitemark-example.jp/search";
const HOST = "shop.sitemark-example.jp";
const DESCRIPTION = `WEBMARK-DESCRIPTION SQL injection in the search of ${HOST}`;
const REPRODUCTION = `WEBMARK-REPRODUCTION open ${SITE_URL}?q=' and watch the error`;
const POC = `WEBMARK-POC curl '${SITE_URL}?q=1%27%20union%20select%20password%20from%20users'`;
const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabaseTargets())("outside analysis shares of web cases on $name", (target) => {
  let smtp: SmtpPeer;
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let users: Cast["users"];
  let labA = "";
  let labAdmin: TestUser;
  let labMember: TestUser;
  let labBAdmin: TestUser;
  let operatorAdmin: TestUser;
  let otherOperator: TestUser;
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

  /** An analysis organization (the desk adds it) with an admin who accepted its NDA in the app. */
  async function analysisOrganization(name: string) {
    const desk = await cast.actorOf(users.intakeMember);
    const { id } = await runtime.services.organizations.create(desk, {
      type: "analysis_org",
      name,
      contactEmail: `lab@${name.toLowerCase().replace(/\W+/g, "-")}.example`,
    });
    counter += 1;
    const admin = await createTestUser(runtime, {
      email: `webadmin${counter}@lab.example`,
      organizationId: id,
      role: "admin",
    });
    const text = await runtime.services.nda.current(await cast.actorOf(users.coordinatorMember));
    expectStatus(
      await api(admin, "POST", `/api/v1/organizations/${id}/nda/accept`, {
        version: text?.version,
      }),
      200,
    );
    return { id, admin };
  }

  /** A fresh web case forwarded to the cast's site operator, its report naming the site. */
  async function siteCase(): Promise<string> {
    const { reports } = runtime.services;
    counter += 1;
    const { id } = await reports.submit(await cast.actorOf(users.finder), {
      kind: "web",
      title: `Injection on ${HOST} ${counter}`,
      siteUrl: SITE_URL,
      description: DESCRIPTION,
      reproduction: REPRODUCTION,
      attackMethod: POC,
      consent: { identityToOperator: false, directContact: false },
    });
    const desk = await cast.actorOf(users.intakeAdmin);
    await reports.accept(desk, id);
    const forwarded = await reports.forward(desk, id, {
      operatorOrganizationId: cast.organizations.siteOperator,
    });
    return forwarded.siteCaseId as string;
  }

  const agreed = () => [{ party: "operator", answer: "agree", note: "WEBMARK-NOTE by phone" }];

  async function share(siteCaseId: string, body: Record<string, unknown> = {}): Promise<string> {
    const response = await api(
      users.intakeMember,
      "POST",
      `/api/v1/site-cases/${siteCaseId}/analysis-shares`,
      {
        organizationId: labA,
        classes: ["summary", "technical_details"],
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
    const a = await analysisOrganization("Web Lab");
    labA = a.id;
    labAdmin = a.admin;
    labMember = await createTestUser(runtime, {
      email: "webmember@lab.example",
      organizationId: labA,
      role: "member",
    });
    labBAdmin = (await analysisOrganization("Other Web Firm")).admin;
    operatorAdmin = await createTestUser(runtime, {
      email: "admin@site-operator.example",
      organizationId: cast.organizations.siteOperator,
      role: "admin",
    });
    const desk = await cast.actorOf(users.intakeMember);
    const other = await runtime.services.organizations.create(desk, {
      type: "site_operator",
      name: "Another Shop",
      contactEmail: "security@another-shop.example",
    });
    otherOperator = await createTestUser(runtime, {
      email: "admin@another-shop.example",
      organizationId: other.id,
      role: "admin",
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await smtp?.close();
  });

  it("shows the organization the chosen classes of a web case with the site replaced", async () => {
    const siteCaseId = await siteCase();
    const id = await share(siteCaseId);
    const list = await api(labAdmin, "GET", "/api/v1/analysis-shares");
    expectStatus(list, 200);
    const item = list.json().items.find((entry: { id: string }) => entry.id === id);
    expect(item).toMatchObject({ subject: "site_case", classes: ["summary", "technical_details"] });
    expect(item.title).toContain("[site]");
    const read = await api(labAdmin, "GET", `/api/v1/analysis-shares/${id}`);
    expectStatus(read, 200);
    const body = read.json();
    expect(body.subject).toBe("site_case");
    expect(body.content.technicalDetails.description).toContain("WEBMARK-DESCRIPTION");
    expect(body.content.technicalDetails.reproduction).toContain("[site]");
    expect(Object.keys(body.content).sort()).toEqual(["summary", "technicalDetails"]);
    // R-CLS-3: neither the URL nor the host, anywhere in what the organization is given.
    for (const response of [list, read]) {
      expect(response.body).not.toContain(HOST);
      expect(response.body).not.toContain("sitemark-example");
      expect(response.body).not.toContain("WEBMARK-POC");
      expect(response.body).not.toContain("WEBMARK-NOTE");
      expect(response.body).not.toContain(users.finder.email);
    }
  });

  it("shows the proof of concept and the site only when their classes are chosen", async () => {
    const siteCaseId = await siteCase();
    const operator = await cast.actorOf(users.siteOperator);
    await runtime.services.siteCases.acknowledge(operator, siteCaseId, {});
    await runtime.services.siteCases.reportResult(operator, siteCaseId, {
      result: "fixed",
      fixMethod: "app_fixed",
      details: "WEBMARK-RESULT escaped the query",
    });
    const id = await share(siteCaseId, {
      classes: ["proof_of_concept", "countermeasures", "site_identity"],
    });
    const read = await api(labAdmin, "GET", `/api/v1/analysis-shares/${id}`);
    expectStatus(read, 200);
    const { content } = read.json();
    expect(content.proofOfConcept.attackMethod).toBe(POC);
    expect(content.siteIdentity).toEqual({ siteUrl: SITE_URL, operatorName: expect.any(String) });
    expect(content.operatorResult).toMatchObject({ result: "fixed", fixMethod: "app_fixed" });
    expect(content.summary).toBeUndefined();
    expect(content.technicalDetails).toBeUndefined();
  });

  it("refuses the product classes, a missing or objecting operator and a lab that is not one", async () => {
    const siteCaseId = await siteCase();
    const url = `/api/v1/site-cases/${siteCaseId}/analysis-shares`;
    const base = {
      organizationId: labA,
      classes: ["summary"],
      until: inDays(30),
      consultation: agreed(),
    };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ classes: ["vendor_statements"] }, 422, "classes"],
      [{ consultation: [] }, 422, "consultation"],
      [{ consultation: [{ party: "coordinator", answer: "agree" }] }, 422, "consultation"],
      [{ consultation: [...agreed(), ...agreed()] }, 422, "consultation"],
      [{ organizationId: cast.organizations.vendorA }, 422, "organizationId"],
      [{ until: inDays(181) }, 422, "until"],
    ];
    for (const [change, status, field] of cases) {
      const response = await api(users.intakeMember, "POST", url, { ...base, ...change });
      expectStatus(response, status);
      expect(JSON.stringify(response.json())).toContain(field);
    }
    const objected = await api(users.intakeMember, "POST", url, {
      ...base,
      consultation: [{ party: "operator", answer: "object" }],
    });
    expectStatus(objected, 409);
    expect(objected.json().code ?? objected.json().type).toContain("consultation_objected");
    const listed = await api(users.intakeMember, "GET", url);
    expect(listed.json().items).toEqual([]);
  });

  it("answers 404 to a vendor, another operator, the finder, another lab and a member not assigned", async () => {
    const siteCaseId = await siteCase();
    const id = await share(siteCaseId);
    for (const user of [users.vendorAAdmin, otherOperator, users.finder, users.coordinatorMember]) {
      expectStatus(await api(user, "GET", `/api/v1/site-cases/${siteCaseId}/analysis-shares`), 404);
      expectStatus(
        await api(user, "POST", `/api/v1/site-cases/${siteCaseId}/analysis-shares`, {
          organizationId: labA,
          classes: ["summary"],
          until: inDays(30),
          consultation: agreed(),
        }),
        404,
      );
      expectStatus(
        await api(user, "DELETE", `/api/v1/site-cases/${siteCaseId}/analysis-shares/${id}`),
        404,
      );
    }
    for (const user of [
      labBAdmin,
      labMember,
      users.vendorAAdmin,
      users.siteOperator,
      users.finder,
      users.intakeAdmin,
    ]) {
      expectStatus(await api(user, "GET", `/api/v1/analysis-shares/${id}`), 404);
    }
    // Assigned by its admin, the member sees it.
    expectStatus(
      await api(labAdmin, "PUT", `/api/v1/analysis-shares/${id}/members`, {
        userIds: [labMember.userId],
      }),
      200,
    );
    expectStatus(await api(labMember, "GET", `/api/v1/analysis-shares/${id}`), 200);
    // A share of a web case is not revoked through a product case's route, nor the reverse.
    expectStatus(
      await api(users.intakeMember, "DELETE", `/api/v1/cases/${siteCaseId}/analysis-shares/${id}`),
      404,
    );
  });

  it("shows the operator with whom, which classes and until when, and not the desk's record", async () => {
    const siteCaseId = await siteCase();
    const id = await share(siteCaseId);
    expectStatus(await api(labAdmin, "GET", `/api/v1/analysis-shares/${id}`), 200);
    const desk = await api(
      users.intakeMember,
      "GET",
      `/api/v1/site-cases/${siteCaseId}/analysis-shares`,
    );
    expectStatus(desk, 200);
    expect(desk.json().items[0]).toMatchObject({
      id,
      siteCaseId,
      caseId: null,
      status: "active",
      consultation: [{ party: "operator", answer: "agree", note: "WEBMARK-NOTE by phone" }],
    });
    expect(desk.json().items[0].reads).toHaveLength(1);
    for (const user of [users.siteOperator, operatorAdmin]) {
      const response = await api(user, "GET", `/api/v1/site-cases/${siteCaseId}/analysis-shares`);
      expectStatus(response, 200);
      const [item] = response.json().items;
      expect(item).toEqual({
        id,
        siteCaseId,
        organization: { id: labA, name: "Web Lab" },
        classes: ["summary", "technical_details"],
        until: expect.any(String),
        status: "active",
        createdAt: expect.any(String),
        revokedAt: null,
      });
    }
    // The operator takes no part in sharing: 403 on the desk's writes.
    expectStatus(
      await api(operatorAdmin, "DELETE", `/api/v1/site-cases/${siteCaseId}/analysis-shares/${id}`),
      403,
    );
  });

  it("ends access by itself at the end date and at once when revoked", async () => {
    const siteCaseId = await siteCase();
    const short = await share(siteCaseId, { until: inDays(2) });
    const long = await share(siteCaseId);
    const start = runtime.clock.now();
    try {
      runtime.clock.advance(3 * DAY);
      expectStatus(await api(labAdmin, "GET", `/api/v1/analysis-shares/${short}`), 404);
      expectStatus(await api(labAdmin, "GET", `/api/v1/analysis-shares/${long}`), 200);
    } finally {
      runtime.clock.set(start);
    }
    const url = `/api/v1/site-cases/${siteCaseId}/analysis-shares/${long}`;
    expectStatus(await api(users.intakeMember, "DELETE", url), 204);
    expectStatus(await api(users.intakeMember, "DELETE", url), 204);
    expectStatus(await api(labAdmin, "GET", `/api/v1/analysis-shares/${long}`), 404);
    const list = await api(labAdmin, "GET", "/api/v1/analysis-shares");
    expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(long);
    const operatorView = await api(
      users.siteOperator,
      "GET",
      `/api/v1/site-cases/${siteCaseId}/analysis-shares`,
    );
    const states = Object.fromEntries(
      operatorView
        .json()
        .items.map((item: { id: string; status: string }) => [item.id, item.status]),
    );
    expect(states[long]).toBe("revoked");
    // Reads are audited with the site case they opened.
    const audit = await runtime.database.db
      .selectFrom("audit_log")
      .select(["type", "details"])
      .where("type", "=", "analysis_share.read")
      .where("subject_id", "=", long)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.parse(audit[0]?.details ?? "{}").siteCaseId).toBe(siteCaseId);
  });

  it("mails the organization and the site's operator a notice without content", async () => {
    const siteCaseId = await siteCase();
    const id = await share(siteCaseId, { classes: ["technical_details", "proof_of_concept"] });
    await runtime.jobRunner.runDue();
    const messages = await smtp.messages();
    const to = (address: string) =>
      messages.filter((m) => m.to.includes(address)).map((m) => m.mail.text ?? "");
    const reference = `AS-${id.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
    expect(to(labAdmin.email).some((text) => text.includes(reference))).toBe(true);
    for (const operator of [operatorAdmin, users.siteOperator]) {
      expect(
        to(operator.email).some((text) =>
          text.includes(`/site-cases/${siteCaseId}/analysis-shares`),
        ),
      ).toBe(true);
    }
    expect(to(otherOperator.email)).toHaveLength(0);
    for (const message of messages) {
      const text = `${message.mail.subject}\n${message.mail.text}`;
      expect(text).not.toContain("WEBMARK");
      if (message.to.includes(labAdmin.email)) expect(text).not.toContain(HOST);
    }
  });
});
