import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  type Cast,
  createCast,
  createTestUser,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { caseResponses } from "./cases.views.ts";

/**
 * The output schemas of cases.views.ts are exact: every answer of the case routes, for every
 * audience and in the states a case goes through, is what its schema makes of it — nothing
 * stripped, nothing refused. Each answer is checked twice: through fastify-type-provider-zod's
 * own serializer, as the route will send it once the schema is its `schema.response` (from the
 * handler's raw answer, caught before serialization), and as a client's parse of the body.
 */

const DAY = 24 * 60 * 60 * 1000;
const NDA = { signedAt: "2026-01-15T00:00:00.000Z", version: "2026-01" };

const {
  caseView,
  caseListPage,
  created,
  countermeasureAdded,
  messages,
  vendorSuggestions,
  unreachableVendors,
  finderContacts,
} = caseResponses;

/** The answer schema of each route and status, as `schema.response` will declare it. */
const ANSWERS: Record<string, z.ZodType> = {
  "GET /api/v1/unreachable-vendors 200": unreachableVendors,
  "GET /api/v1/cases 200": caseListPage,
  "POST /api/v1/cases 201": created,
  "GET /api/v1/cases/:id 200": caseView,
  "GET /api/v1/cases/:id/vendor-suggestions 200": vendorSuggestions,
  "POST /api/v1/cases/:id/vendors 201": caseView,
  "POST /api/v1/cases/:id/vendors/:orgId/notify 200": caseView,
  "POST /api/v1/cases/:id/vendors/:orgId/remove 200": caseView,
  "POST /api/v1/cases/:id/schedule 200": caseView,
  "POST /api/v1/cases/:id/schedule-requests/:rid/decide 200": caseView,
  "POST /api/v1/cases/:id/schedule-proposals 201": created,
  "POST /api/v1/cases/:id/schedule-proposals/:pid/answer 200": caseView,
  "POST /api/v1/cases/:id/assign 200": caseView,
  "POST /api/v1/cases/:id/close 200": caseView,
  "POST /api/v1/cases/:id/vendors/:orgId/mark-unresponsive 200": caseView,
  "POST /api/v1/cases/:id/vendors/:orgId/publish-unreachable 200": caseView,
  "POST /api/v1/cases/:id/committee-decision 200": caseView,
  "POST /api/v1/cases/:id/refer-to-csirt 200": caseView,
  "POST /api/v1/cases/:id/direct-contact-requests/:rid/approve 200": caseView,
  "POST /api/v1/cases/:id/acknowledge 200": caseView,
  "POST /api/v1/cases/:id/status 200": caseView,
  "POST /api/v1/cases/:id/countermeasures 201": countermeasureAdded,
  "POST /api/v1/cases/:id/others-affected 200": caseView,
  "POST /api/v1/cases/:id/schedule-requests 201": created,
  "PUT /api/v1/cases/:id/statement 200": caseView,
  "PUT /api/v1/cases/:id/tracking-id 200": caseView,
  "PUT /api/v1/cases/:id/members 200": caseView,
  "POST /api/v1/cases/:id/direct-contact-requests 201": created,
  "GET /api/v1/reports/:id/direct-contacts 200": finderContacts,
  "POST /api/v1/reports/:id/direct-contacts/:orgId/messages 201": created,
  "POST /api/v1/cases/:id/messages 201": created,
  "GET /api/v1/cases/:id/messages 200": messages,
  // The advisories module answers its actions on a case with the case view too.
  "PUT /api/v1/cases/:id/advisory 200": caseView,
  "POST /api/v1/cases/:id/advisory/approve 200": caseView,
  "POST /api/v1/cases/:id/terminate-embargo 200": caseView,
};

/** The routes of the case module, whose every success answer must have a schema above. */
const CASE_ROUTE =
  /^(\/api\/v1\/cases|\/api\/v1\/unreachable-vendors|\/api\/v1\/reports\/:id\/direct-contacts)/;

type Audience = "coordinator" | "vendor" | "csirt" | "intake";
type ContentForm = "withheld" | "opened" | "report" | "none";
const AUDIENCE_VIEWS = {
  coordinator: caseResponses.coordinatorCaseView,
  vendor: caseResponses.vendorCaseView,
  csirt: caseResponses.csirtCaseView,
  intake: caseResponses.intakeCaseView,
} as const;

function contentForm(view: Record<string, unknown>): ContentForm {
  if ("contentWithheld" in view) return "withheld";
  if ("report" in view) return "report";
  if ("description" in view) return "opened";
  return "none";
}

describe.each(testDatabaseTargets())("the case answers' schemas on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let vendorBAdmin: TestUser;
  /** The handler's raw answer of the request in flight, before serialization. */
  let served: { route: string; payload: unknown } | null = null;
  const checkedRoutes = new Set<string>();
  const seenForms = new Set<string>();

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    app.addHook("preSerialization", async (request, reply, payload) => {
      served = {
        route: `${request.method} ${request.routeOptions.url} ${reply.statusCode}`,
        payload,
      };
      return payload;
    });
    await app.ready();
    cast = await createCast(runtime);
    vendorBAdmin = await createTestUser(runtime, {
      kind: "extra",
      email: "admin@vendor-b.example",
      name: "Vendor B Admin",
      organizationId: cast.organizations.vendorB,
      role: "admin",
    });
    for (const orgId of [cast.organizations.vendorA, cast.organizations.vendorB]) {
      await call(cast.users.coordinatorAdmin, "POST", `/api/v1/organizations/${orgId}/nda`, NDA);
    }
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  /**
   * A request that must succeed with `status`; a case route's answer is checked against its
   * schema both ways (see above). Returns the body.
   */
  async function call(
    user: TestUser | null,
    method: "GET" | "POST" | "PUT",
    url: string,
    payload?: unknown,
    status = 200,
  ) {
    served = null;
    const response = await app.inject({
      method,
      url,
      ...(user ? { headers: user.bearer, remoteAddress: user.ip } : {}),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
    expect(response.statusCode, response.body).toBe(status);
    const body = response.json();
    const answer = served as { route: string; payload: unknown } | null;
    if (!answer) throw new Error(`${method} ${url}: no answer was caught`);
    const schema = ANSWERS[answer.route];
    if (!schema) {
      expect(CASE_ROUTE.test(answer.route.split(" ")[1] ?? ""), answer.route).toBe(false);
      return body;
    }
    const serialize = serializerCompiler({ schema, method, url, httpStatus: String(status) });
    expect(JSON.parse(serialize(answer.payload)), answer.route).toStrictEqual(body);
    expect(schema.parse(body), answer.route).toStrictEqual(body);
    checkedRoutes.add(answer.route);
    return body;
  }

  /** The case as `user` sees it, exact under its audience's schema, in the expected form. */
  async function viewAs(user: TestUser, caseId: string, audience: Audience, form: ContentForm) {
    const view = await call(user, "GET", `/api/v1/cases/${caseId}`);
    expect(AUDIENCE_VIEWS[audience].parse(view)).toStrictEqual(view);
    expect(contentForm(view)).toBe(form);
    seenForms.add(`${audience}:${form}`);
    return view;
  }

  /** A product report filed, accepted and forwarded. */
  async function forwardedCase(consent: Record<string, unknown> = {}) {
    const filed = await call(
      cast.users.finder,
      "POST",
      "/api/v1/reports",
      {
        kind: "product",
        title: "XSS in Router A100 admin console",
        productName: "Router A100",
        productVersion: "1.0.3",
        vendorName: "Vendor A",
        cwe: "CWE-79",
        description: "Stored XSS in the device name field of the admin console",
        reproduction: "Add a device named <img src=x onerror=alert(1)> and open the list",
        attackMethod: "curl -d 'name=<script>steal()</script>' http://router/admin/devices",
        verificationMethod: "Checked on firmware 1.0.3 with a lab router",
        consent: {
          identityToCoordinator: true,
          identityToVendor: false,
          directContact: false,
          credit: "Finder One",
          ...consent,
        },
      },
      201,
    );
    await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/accept`);
    const forwarded = await call(
      cast.users.intakeMember,
      "POST",
      `/api/v1/reports/${filed.id}/forward`,
      {},
    );
    return { reportId: filed.id as string, caseId: forwarded.caseId as string };
  }

  async function assignAndNotify(caseId: string, vendors: ("vendorA" | "vendorB")[]) {
    const coordinator = cast.users.coordinatorMember;
    await call(coordinator, "POST", `/api/v1/cases/${caseId}/assign`, {
      userId: coordinator.userId,
    });
    for (const key of vendors) {
      const orgId = cast.organizations[key];
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/vendors`,
        { organizationId: orgId, reason: "makes the product" },
        201,
      );
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${orgId}/notify`);
    }
  }

  const inDays = (days: number) =>
    new Date(runtime.clock.now().getTime() + days * DAY).toISOString();

  it("answers a report's case to every audience, from triage through coordination to publication", async () => {
    const coordinator = cast.users.coordinatorMember;
    const vendorA = cast.users.vendorAAdmin;
    const desk = cast.users.intakeAdmin;
    const { reportId, caseId } = await forwardedCase({ directContact: true });
    const url = `/api/v1/cases/${caseId}`;

    // Triage: the unassigned coordinator member sees the metadata only (R-SEC-1).
    const withheld = await viewAs(coordinator, caseId, "coordinator", "withheld");
    expect(withheld).toMatchObject({ status: "triage", schedule: null, participants: [] });
    await viewAs(desk, caseId, "intake", "none");
    await call(coordinator, "POST", `${url}/assign`, { userId: coordinator.userId });
    const triage = await viewAs(coordinator, caseId, "coordinator", "report");
    expect(triage.report.attackMethod).toEqual(expect.any(String));
    expect(triage.finder).toMatchObject({ email: cast.users.finder.email });
    const suggested = await call(coordinator, "GET", `${url}/vendor-suggestions`);
    expect(suggested.items[0]).toMatchObject({ organizationId: cast.organizations.vendorA });
    expect(suggested.items[0].reasons.length).toBeGreaterThan(0);

    // Coordinating: both vendors notified, vendor A answers in every way it can.
    await assignAndNotify(caseId, ["vendorA", "vendorB"]);
    await call(vendorA, "POST", `${url}/acknowledge`);
    await call(vendorA, "POST", `${url}/status`, {
      status: "affected",
      statement: "Vendor A fixes this in firmware 1.0.4.",
    });
    await call(vendorA, "PUT", `${url}/tracking-id`, { trackingId: "VA-2026-17" });
    await call(vendorA, "POST", `${url}/others-affected`, {
      vendorName: "Camera Maker",
      reason: "The same web console library",
    });
    await call(
      vendorA,
      "POST",
      `${url}/countermeasures`,
      {
        type: "workaround",
        description: "Restrict the admin console to the LAN.",
        affectedVersions: ["1.0.3", "1.0.2"],
      },
      201,
    );
    const added = await call(
      vendorA,
      "POST",
      `${url}/countermeasures`,
      {
        type: "fix",
        description: "Update the firmware to 1.0.4.",
        fixedVersions: ["1.0.4"],
        url: "https://vendor-a.example/download/1.0.4",
      },
      201,
    );
    expect(caseResponses.vendorCaseView.parse(added.case)).toStrictEqual(added.case);
    expect(added.case.participants[0].countermeasures).toHaveLength(2);
    await call(vendorA, "PUT", `${url}/statement`, {
      text: "Vendor A fixed this in firmware 1.0.4.",
      advisoryUrl: "https://vendor-a.example/security/VA-2026-17",
      contact: "psirt@vendor-a.example",
    });
    const later = inDays(50);
    const request = await call(
      vendorA,
      "POST",
      `${url}/schedule-requests`,
      { publishAt: later, reason: "A longer test cycle" },
      201,
    );
    const contact = await call(
      vendorA,
      "POST",
      `${url}/direct-contact-requests`,
      { reason: "We need the finder's test setup." },
      201,
    );
    await call(vendorBAdmin, "PUT", `${url}/members`, {
      userIds: [cast.users.vendorBMember.userId],
    });
    await call(cast.users.vendorBMember, "POST", `${url}/acknowledge`);
    await call(cast.users.vendorBMember, "POST", `${url}/status`, { status: "not_affected" });

    // The coordinator decides; the desk approves the direct contact too.
    await call(coordinator, "POST", `${url}/schedule-requests/${request.id}/decide`, {
      decision: "decline",
      reason: "The other vendor is ready sooner",
    });
    await call(coordinator, "POST", `${url}/schedule`, {
      publishAt: inDays(20),
      countermeasureDue: inDays(10),
      reason: "Agreed with both vendors",
    });
    await call(coordinator, "POST", `${url}/direct-contact-requests/${contact.id}/approve`);
    await call(desk, "POST", `${url}/direct-contact-requests/${contact.id}/approve`);

    // The messages of each side, and the finder's direct contact.
    await call(vendorA, "POST", `${url}/messages`, { body: "A to the coordinator" }, 201);
    await call(coordinator, "POST", `${url}/messages`, { body: "To all", to: "vendors" }, 201);
    await call(coordinator, "POST", `${url}/messages`, { body: "To the desk", to: "intake" }, 201);
    await call(vendorA, "POST", `${url}/messages`, { body: "Hello finder", to: "finder" }, 201);
    await call(
      cast.users.finder,
      "POST",
      `/api/v1/reports/${reportId}/direct-contacts/${cast.organizations.vendorA}/messages`,
      { body: "Hello Vendor A" },
      201,
    );
    const coordinatorThread = await call(coordinator, "GET", `${url}/messages`);
    expect(coordinatorThread.items[0]).toMatchObject({
      from: "vendor",
      fromOrganizationId: cast.organizations.vendorA,
    });
    const vendorThread = await call(vendorA, "GET", `${url}/messages`);
    expect(vendorThread.items.map((m: { body: string }) => m.body)).toContain("Hello Vendor A");
    expect((await call(desk, "GET", `${url}/messages`)).items).toHaveLength(1);
    const contacts = await call(
      cast.users.finder,
      "GET",
      `/api/v1/reports/${reportId}/direct-contacts`,
    );
    expect(contacts.items[0].messages).toHaveLength(2);

    // The finder's disclosure plans, one answered by the desk (R-INT-6).
    const plan = await call(
      cast.users.finder,
      "POST",
      `/api/v1/reports/${reportId}/disclosure-consultations`,
      { plannedAt: inDays(15), venue: "A security conference", scope: "The bug class" },
      201,
    );
    await call(
      cast.users.finder,
      "POST",
      `/api/v1/reports/${reportId}/disclosure-consultations`,
      { plannedAt: inDays(40), venue: "A journal", scope: "The whole paper" },
      201,
    );
    await call(
      desk,
      "POST",
      `/api/v1/reports/${reportId}/disclosure-consultations/${plan.id}/answer`,
      { decision: "defer_until", until: inDays(21), reason: "After publication" },
    );

    const ready = await viewAs(coordinator, caseId, "coordinator", "report");
    expect(ready).toMatchObject({
      status: "countermeasure_ready",
      scheduleRequests: [{ status: "declined" }],
      directContacts: [{ status: "open" }],
      othersAffected: [{ vendorName: "Camera Maker" }],
      disclosurePlans: [{ decision: "defer_until", beforePublication: true }, { decision: null }],
    });
    expect(ready.schedule.revisions.length).toBeGreaterThan(1);
    // Vendor A may know the finder once their direct contact is open (W-8); vendor B may not.
    const ownView = await viewAs(vendorA, caseId, "vendor", "report");
    expect(ownView.finder).toMatchObject({ email: cast.users.finder.email });
    expect(ownView.participants[0].statement).toMatchObject({ contact: "psirt@vendor-a.example" });
    const otherView = await viewAs(cast.users.vendorBMember, caseId, "vendor", "report");
    expect(otherView.finder).toBeNull();
    const deskView = await viewAs(desk, caseId, "intake", "none");
    expect(deskView.participants).toHaveLength(2);

    // The advisory: drafted, approved; vendors see their own products only; a CSIRT no draft.
    const draft = {
      title: "Stored XSS in Router A100",
      overview: "Router A100 has a stored XSS in its admin console.",
      description: "The device name field is rendered without escaping.",
      impact: "Script runs in the administrator's browser.",
      cwe: "CWE-79",
      cvssV3: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
      affected: [
        { vendorOrgId: cast.organizations.vendorA, product: "Router A100", versions: ["1.0.3"] },
      ],
      references: [{ url: "https://www.cve.org/CVERecord?id=CVE-2026-10001" }],
    };
    await call(coordinator, "PUT", `${url}/advisory`, draft);
    await call(coordinator, "POST", `${url}/advisory/approve`);
    const drafted = await viewAs(coordinator, caseId, "coordinator", "report");
    expect(drafted.advisory).toMatchObject({
      status: "approved",
      cvssV4: null,
      cweName: expect.any(String),
    });
    expect((await viewAs(vendorA, caseId, "vendor", "report")).advisory.affected).toHaveLength(1);
    expect(
      (await viewAs(cast.users.vendorBMember, caseId, "vendor", "report")).advisory.affected,
    ).toEqual([]);
    expect((await viewAs(desk, caseId, "intake", "none")).advisory.advisoryId).toEqual(
      expect.any(String),
    );

    // Referred to an overseas CSIRT (R-COO-12): the report without the finder or the draft.
    await call(coordinator, "POST", `${url}/refer-to-csirt`, {
      csirtOrganizationId: cast.organizations.csirt,
      note: "The vendor's parent is in their constituency",
    });
    const csirtView = await viewAs(cast.users.csirt, caseId, "csirt", "report");
    expect(csirtView).toMatchObject({ finder: null, credit: null });
    expect(csirtView.advisory).toStrictEqual({ status: "approved", revision: expect.any(Number) });

    // Published at the date.
    runtime.clock.set(new Date(drafted.schedule.publishAt));
    await runtime.jobRunner.runDue();
    for (const [user, audience] of [
      [coordinator, "coordinator"],
      [vendorA, "vendor"],
      [cast.users.csirt, "csirt"],
      [desk, "intake"],
    ] as const) {
      const view = await viewAs(user, caseId, audience, audience === "intake" ? "none" : "report");
      expect(view).toMatchObject({ status: "published", publishedAt: drafted.schedule.publishAt });
    }
  });

  it("answers a vendor removed, an embargo ended early, the committee's decision and a closed case", async () => {
    const coordinator = cast.users.coordinatorMember;
    const { caseId } = await forwardedCase();
    await assignAndNotify(caseId, ["vendorA"]);
    const vendorB = cast.organizations.vendorB;
    await call(
      coordinator,
      "POST",
      `/api/v1/cases/${caseId}/vendors`,
      { organizationId: vendorB },
      201,
    );
    const removed = await call(
      coordinator,
      "POST",
      `/api/v1/cases/${caseId}/vendors/${vendorB}/remove`,
      { reason: "Added by mistake" },
    );
    expect(removed.participants).toHaveLength(1);
    await call(coordinator, "POST", `/api/v1/cases/${caseId}/committee-decision`, {
      decision: "publish",
      summary: "Publish even without every vendor",
    });
    await call(coordinator, "PUT", `/api/v1/cases/${caseId}/advisory`, {
      title: "Ended early",
      overview: "Overview",
      description: "Description",
      impact: "Impact",
      affected: [],
      references: [],
    });
    await call(coordinator, "POST", `/api/v1/cases/${caseId}/advisory/approve`);
    const ended = await call(coordinator, "POST", `/api/v1/cases/${caseId}/terminate-embargo`, {
      reason: "exploited",
      note: "Seen in the wild",
    });
    expect(ended).toMatchObject({
      status: "published",
      committee: { decision: "publish" },
      termination: { reason: "exploited" },
    });
    await viewAs(cast.users.vendorAAdmin, caseId, "vendor", "report");

    const duplicate = await forwardedCase({ identityToCoordinator: false, credit: null });
    await assignAndNotify(duplicate.caseId, ["vendorA"]);
    const closed = await call(coordinator, "POST", `/api/v1/cases/${duplicate.caseId}/close`, {
      reason: "duplicate",
      message: "Already handled in another case.",
      duplicateOf: caseId,
    });
    expect(closed).toMatchObject({
      status: "closed_duplicate",
      closure: { reason: "duplicate", duplicateOf: caseId },
      finder: null,
      credit: null,
    });
    await viewAs(cast.users.vendorAAdmin, duplicate.caseId, "vendor", "report");
    await viewAs(cast.users.intakeAdmin, duplicate.caseId, "intake", "none");
  });

  it("answers a CSIRT's case and a vendor's self-report to each audience", async () => {
    const coordinator = cast.users.coordinatorMember;
    const csirt = cast.users.csirt;
    const opened = await call(
      csirt,
      "POST",
      "/api/v1/cases",
      {
        title: "Overseas router issue",
        description: "A flaw reported abroad",
        vendorNames: ["Vendor A"],
        publishAt: inDays(30),
        conditions: "Publish together with the US advisory",
        shareWithIntake: true,
      },
      201,
    );
    const caseId = opened.id as string;
    const url = `/api/v1/cases/${caseId}`;
    const own = await viewAs(csirt, caseId, "csirt", "opened");
    expect(own).toMatchObject({ vendorNames: ["Vendor A"], conditions: expect.any(String) });
    await viewAs(coordinator, caseId, "coordinator", "withheld");
    expect(
      (await viewAs(cast.users.coordinatorAdmin, caseId, "coordinator", "opened")).vendorNames,
    ).toEqual(["Vendor A"]);
    await assignAndNotify(caseId, ["vendorA"]);
    const vendorView = await viewAs(cast.users.vendorAAdmin, caseId, "vendor", "opened");
    expect(vendorView).not.toHaveProperty("vendorNames");
    await viewAs(cast.users.intakeAdmin, caseId, "intake", "none");

    const proposal = await call(
      coordinator,
      "POST",
      `${url}/schedule-proposals`,
      { publishAt: inDays(40), countermeasureDue: inDays(35), reason: "The vendor needs longer" },
      201,
    );
    const answered = await call(csirt, "POST", `${url}/schedule-proposals/${proposal.id}/answer`, {
      decision: "agree",
      note: "Agreed with our partners",
    });
    expect(answered.csirtProposals).toMatchObject([{ status: "agreed" }]);
    await call(coordinator, "POST", `${url}/schedule`, {
      publishAt: inDays(40),
      countermeasureDue: inDays(35),
      reason: "As the CSIRT agreed",
      csirtProposalId: proposal.id,
    });
    await call(csirt, "POST", `${url}/messages`, { body: "Any news?" }, 201);
    await call(coordinator, "POST", `${url}/messages`, { body: "Soon", to: "csirt" }, 201);
    expect((await call(csirt, "GET", `${url}/messages`)).items).toHaveLength(2);
    await viewAs(coordinator, caseId, "coordinator", "opened");
    await viewAs(csirt, caseId, "csirt", "opened");

    const selfReport = await call(
      cast.users.vendorAAdmin,
      "POST",
      "/api/v1/cases",
      {
        title: "Self-reported flaw",
        description: "We found it ourselves",
        countermeasures: [{ type: "fix", description: "Update to 2.0", fixedVersions: ["2.0"] }],
        proposedPublishAt: inDays(20),
      },
      201,
    );
    const vendorsOwn = await viewAs(cast.users.vendorAAdmin, selfReport.id, "vendor", "opened");
    expect(vendorsOwn).toMatchObject({ source: "self_report", conditions: null });
    const reviewed = await viewAs(
      cast.users.coordinatorAdmin,
      selfReport.id,
      "coordinator",
      "opened",
    );
    expect(reviewed).not.toHaveProperty("vendorNames");
    expect(reviewed.scheduleRequests).toMatchObject([{ status: "pending" }]);
    await viewAs(cast.users.intakeAdmin, selfReport.id, "intake", "none");
  });

  it("answers the lists: cases for each caller, page by page, and the unreachable vendors", async () => {
    const coordinator = cast.users.coordinatorMember;
    const { caseId } = await forwardedCase();
    await assignAndNotify(caseId, ["vendorA", "vendorB"]);
    for (const key of ["vendorA", "vendorB"] as const) {
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/vendors/${cast.organizations[key]}/mark-unresponsive`,
        { note: "No answer to any contact." },
      );
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/vendors/${cast.organizations[key]}/publish-unreachable`,
        { stage: "name", decision: "Committee decision 2026-12" },
      );
    }
    runtime.clock.advance(90 * DAY);
    await call(
      coordinator,
      "POST",
      `/api/v1/cases/${caseId}/vendors/${cast.organizations.vendorA}/publish-unreachable`,
      { stage: "product", decision: "Committee decision 2027-03" },
    );
    const firstListing = await call(null, "GET", "/api/v1/unreachable-vendors?limit=1");
    expect(firstListing.nextCursor).toEqual(expect.any(String));
    const listed = await call(null, "GET", "/api/v1/unreachable-vendors");
    expect(listed.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ productName: "Router A100" })]),
    );

    const firstPage = await call(coordinator, "GET", "/api/v1/cases?limit=2");
    expect(firstPage.items[0]).toHaveProperty("assigneeUserId");
    const next = await call(
      coordinator,
      "GET",
      `/api/v1/cases?limit=2&cursor=${encodeURIComponent(firstPage.nextCursor)}`,
    );
    expect(next.items).toHaveLength(2);
    const vendorList = await call(cast.users.vendorAAdmin, "GET", "/api/v1/cases");
    expect(vendorList.items[0]).toHaveProperty("participantStatus");
    const deskList = await call(cast.users.intakeAdmin, "GET", "/api/v1/cases?status=coordinating");
    expect(deskList.items[0]).not.toHaveProperty("assigneeUserId");
    expect((await call(cast.users.csirt, "GET", "/api/v1/cases")).items.length).toBeGreaterThan(0);
    expect((await call(cast.users.finder, "GET", "/api/v1/cases")).items).toEqual([]);
  });

  it("checked every case route's answer and every form of the view an audience is given", () => {
    expect([...checkedRoutes].sort()).toEqual(Object.keys(ANSWERS).sort());
    // A vendor's or a CSIRT's content is never withheld (mayReadCaseContent), so those two of
    // the schemas' forms are not reached.
    expect([...seenForms].sort()).toEqual(
      [
        "coordinator:withheld",
        "coordinator:opened",
        "coordinator:report",
        "vendor:opened",
        "vendor:report",
        "csirt:opened",
        "csirt:report",
        "intake:none",
      ].sort(),
    );
  });
});

describe("the case answers' schemas in the API description", () => {
  it("turn into OpenAPI response schemas", async () => {
    const app = Fastify();
    app.setSerializerCompiler(serializerCompiler);
    await app.register(swagger, {
      openapi: { info: { title: "t", version: "1" } },
      transform: jsonSchemaTransform,
    });
    const api = app.withTypeProvider<ZodTypeProvider>();
    for (const [name, schema] of Object.entries(caseResponses)) {
      api.get(`/${name}`, { schema: { response: { 200: schema } } }, async () => {
        throw new Error("not called");
      });
    }
    await app.ready();
    const document = app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toHaveLength(Object.keys(caseResponses).length);
    expect(JSON.stringify(document.paths["/caseView"])).toContain("contentWithheld");
    await app.close();
  });
});
