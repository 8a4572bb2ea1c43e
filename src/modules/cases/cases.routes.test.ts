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
import { buildApp } from "../../app.ts";

const DESCRIPTION = "Stored XSS in the device name field of the admin console";
const ATTACK = "curl -d 'name=<script>steal()</script>' http://router/admin/devices";
const VERIFICATION = "Checked on firmware 1.0.3 with a lab router";

const report = (consent: Record<string, unknown> = {}) => ({
  kind: "product",
  title: "XSS in Router A100 admin console",
  productName: "Router A100",
  productVersion: "1.0.3",
  description: DESCRIPTION,
  reproduction: "Add a device named <img src=x onerror=alert(1)> and open the list",
  attackMethod: ATTACK,
  verificationMethod: VERIFICATION,
  consent: {
    identityToCoordinator: true,
    identityToVendor: false,
    directContact: false,
    credit: "Finder One",
    ...consent,
  },
});

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabaseTargets())("the product cases API on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;

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
  const problem = (response: LightMyRequestResponse, status: number, code?: string) => {
    expect(response.statusCode, response.body).toBe(status);
    if (code) expect(response.json().code).toBe(code);
  };

  /** A product report filed, accepted and forwarded: the case the coordinator starts from. */
  async function forwardedCase(consent: Record<string, unknown> = {}): Promise<string> {
    const filed = ok(
      await call(cast.users.finder, "POST", "/api/v1/reports", report(consent)),
      201,
    );
    const desk = cast.users.intakeMember;
    ok(await call(desk, "POST", `/api/v1/reports/${filed.id}/accept`));
    const forwarded = ok(await call(desk, "POST", `/api/v1/reports/${filed.id}/forward`, {}));
    // The coordinator member takes the case: its content is for the assigned handler (R-SEC-1).
    const coordinator = cast.users.coordinatorMember;
    ok(
      await call(coordinator, "POST", `/api/v1/cases/${forwarded.caseId}/assign`, {
        userId: coordinator.userId,
      }),
    );
    return forwarded.caseId;
  }

  async function recordNda(orgId: string) {
    ok(
      await call(cast.users.coordinatorMember, "POST", `/api/v1/organizations/${orgId}/nda`, {
        signedAt: "2026-01-15T00:00:00.000Z",
        version: "2026-01",
      }),
    );
  }

  /** A case with both vendors notified under their NDAs. */
  async function caseWithTwoVendors(consent: Record<string, unknown> = {}) {
    const caseId = await forwardedCase(consent);
    const coordinator = cast.users.coordinatorMember;
    for (const orgId of [cast.organizations.vendorA, cast.organizations.vendorB]) {
      ok(
        await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors`, {
          organizationId: orgId,
        }),
        201,
      );
      ok(await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${orgId}/notify`));
    }
    return caseId;
  }

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

  it("removes a vendor the coordinator added by mistake, only for the coordinator and only while it is on the case", async () => {
    const caseId = await forwardedCase();
    const coordinator = cast.users.coordinatorMember;
    const vendorB = cast.organizations.vendorB;
    ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors`, {
        organizationId: vendorB,
      }),
      201,
    );
    problem(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${vendorB}/remove`, {}),
      422,
      "invalid_input",
    );
    problem(
      await call(
        cast.users.intakeMember,
        "POST",
        `/api/v1/cases/${caseId}/vendors/${vendorB}/remove`,
        {
          reason: "not ours to decide",
        },
      ),
      403,
    );
    const view = ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${vendorB}/remove`, {
        reason: "Not their product",
      }),
    );
    expect(
      view.participants.map((p: { organizationId: string }) => p.organizationId),
    ).not.toContain(vendorB);
    // Removed, it is no participant any more: removing it again names the field.
    problem(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${vendorB}/remove`, {
        reason: "Not their product",
      }),
      422,
      "invalid_input",
    );
  });

  it("gives the coordinator a forwarded report's case with its content and the finder as consented", async () => {
    const caseId = await forwardedCase();
    const view = ok(await call(cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`));
    expect(view).toMatchObject({
      id: caseId,
      status: "triage",
      source: "report",
      title: "XSS in Router A100 admin console",
      schedule: null,
      participants: [],
      finder: { email: cast.users.finder.email },
      report: { description: DESCRIPTION, attackMethod: ATTACK, verificationMethod: VERIFICATION },
    });

    const anonymousCase = await forwardedCase({ identityToCoordinator: false, credit: null });
    const hidden = ok(
      await call(cast.users.coordinatorMember, "GET", `/api/v1/cases/${anonymousCase}`),
    );
    expect(hidden.finder).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain(cast.users.finder.email);
    expect(JSON.stringify(hidden)).not.toContain(cast.users.finder.name);
  });

  it("shows an unassigned coordinator member the case's metadata but not the report's content, the finder or the messages (R-SEC-1)", async () => {
    const filed = ok(await call(cast.users.finder, "POST", "/api/v1/reports", report()), 201);
    ok(await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/accept`));
    const { caseId } = ok(
      await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/forward`, {}),
    );
    const unassigned = ok(
      await call(cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`),
    );
    expect(unassigned).toMatchObject({ id: caseId, status: "triage", contentWithheld: true });
    const text = JSON.stringify(unassigned);
    for (const secret of [DESCRIPTION, ATTACK, VERIFICATION, cast.users.finder.email]) {
      expect(text).not.toContain(secret);
    }
    problem(
      await call(cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}/messages`),
      403,
      "assignment_required",
    );
    const admin = ok(await call(cast.users.coordinatorAdmin, "GET", `/api/v1/cases/${caseId}`));
    expect(admin.report).toMatchObject({ attackMethod: ATTACK });
  });

  it("refuses to notify a vendor without an NDA (409 nda_required); the first notification fixes firstContactAt and publishAt 45 days later", async () => {
    const caseId = await forwardedCase();
    const coordinator = cast.users.coordinatorMember;
    const vendorA = cast.organizations.vendorA;
    const added = ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors`, {
        organizationId: vendorA,
      }),
      201,
    );
    expect(added.participants).toMatchObject([{ organizationId: vendorA, status: "identified" }]);
    problem(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${vendorA}/notify`),
      409,
      "nda_required",
    );

    await recordNda(vendorA);
    const notified = ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${vendorA}/notify`),
    );
    const now = runtime.clock.now().toISOString();
    expect(notified.status).toBe("coordinating");
    expect(notified.participants[0]).toMatchObject({ status: "notified", firstContactAt: now });
    expect(notified.schedule.publishAt).toBe(
      new Date(runtime.clock.now().getTime() + 45 * DAY).toISOString(),
    );
    problem(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${vendorA}/notify`),
      409,
      "transition_not_allowed",
    );
  });

  it("shows each vendor only its own participation, statements, countermeasures and tracking ID", async () => {
    await recordNda(cast.organizations.vendorA);
    await recordNda(cast.organizations.vendorB);
    const caseId = await caseWithTwoVendors();
    const vendorA = cast.users.vendorAAdmin;
    const vendorB = cast.users.vendorBMember;
    // An unassigned member sees nothing (R-SEC-6).
    problem(await call(vendorB, "GET", `/api/v1/cases/${caseId}`), 404);

    ok(await call(vendorA, "POST", `/api/v1/cases/${caseId}/acknowledge`));
    ok(
      await call(vendorA, "POST", `/api/v1/cases/${caseId}/status`, {
        status: "affected",
        statement: "SECRET-A-STATEMENT",
      }),
    );
    ok(
      await call(vendorA, "PUT", `/api/v1/cases/${caseId}/tracking-id`, {
        trackingId: "SECRET-A-TRACKING",
      }),
    );
    ok(
      await call(vendorA, "POST", `/api/v1/cases/${caseId}/others-affected`, {
        vendorName: "Camera Maker",
        reason: "SECRET-A-SHARED-LIBRARY",
      }),
    );
    const coordinatorView = ok(
      await call(cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`),
    );
    expect(coordinatorView.othersAffected).toMatchObject([
      { organizationId: cast.organizations.vendorA, vendorName: "Camera Maker" },
    ]);
    const added = ok(
      await call(vendorA, "POST", `/api/v1/cases/${caseId}/countermeasures`, {
        type: "fix",
        description: "SECRET-A-FIX",
        fixedVersions: ["1.0.4"],
        url: "https://vendor-a.example/advisories/1",
      }),
      201,
    );
    expect(added.id).toEqual(expect.any(String));

    const ownView = ok(await call(vendorA, "GET", `/api/v1/cases/${caseId}`));
    expect(ownView.participants).toHaveLength(1);
    expect(ownView.participants[0]).toMatchObject({
      organizationId: cast.organizations.vendorA,
      status: "affected",
      trackingId: "SECRET-A-TRACKING",
      statement: { text: "SECRET-A-STATEMENT" },
      countermeasures: [{ type: "fix", description: "SECRET-A-FIX", fixedVersions: ["1.0.4"] }],
    });
    expect(ownView.report).toMatchObject({ verificationMethod: VERIFICATION });
    expect(JSON.stringify(ownView)).not.toContain(ATTACK);
    expect(ownView.finder).toBeNull();

    // Vendor B's admin assigns its member; then the member sees B's participation only.
    const vendorBAdmin = await vendorBAdminUser();
    ok(
      await call(vendorBAdmin, "PUT", `/api/v1/cases/${caseId}/members`, {
        userIds: [vendorB.userId],
      }),
    );
    const other = ok(await call(vendorB, "GET", `/api/v1/cases/${caseId}`));
    expect(other.participants).toHaveLength(1);
    expect(other.participants[0].organizationId).toBe(cast.organizations.vendorB);
    const text = JSON.stringify(other);
    for (const secret of [
      "SECRET-A-STATEMENT",
      "SECRET-A-TRACKING",
      "SECRET-A-FIX",
      "SECRET-A-SHARED-LIBRARY",
      "Vendor A",
    ]) {
      expect(text).not.toContain(secret);
    }
    const list = ok(await call(vendorB, "GET", "/api/v1/cases"));
    expect(list.items.map((item: { id: string }) => item.id)).toContain(caseId);
    expect(JSON.stringify(list)).not.toContain("Vendor A");
  });

  it("shows a notified vendor's case to its contact-point members by default, not to its other members (R-SEC-6)", async () => {
    const contactPoint = await createTestUser(runtime, {
      kind: "extra",
      email: "psirt@vendor-a.example",
      name: "Vendor A PSIRT desk",
      organizationId: cast.organizations.vendorA,
      role: "member",
    });
    const caseId = await caseWithTwoVendors();
    ok(await call(contactPoint, "GET", `/api/v1/cases/${caseId}`));
    problem(await call(cast.users.vendorAMember, "GET", `/api/v1/cases/${caseId}`), 404);
  });

  it("keeps vendor threads apart: a vendor reads its own thread and the coordinator's broadcasts only", async () => {
    const caseId = await caseWithTwoVendors();
    const vendorA = cast.users.vendorAAdmin;
    const vendorBAdmin = await vendorBAdminUser();
    const coordinator = cast.users.coordinatorMember;
    ok(
      await call(vendorA, "POST", `/api/v1/cases/${caseId}/messages`, { body: "A-TO-COORD" }),
      201,
    );
    ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/messages`, {
        body: "COORD-TO-A",
        to: cast.organizations.vendorA,
      }),
      201,
    );
    ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/messages`, {
        body: "COORD-TO-ALL",
        to: "vendors",
      }),
      201,
    );
    problem(
      await call(vendorA, "POST", `/api/v1/cases/${caseId}/messages`, {
        body: "A-TO-B",
        to: cast.organizations.vendorB,
      }),
      403,
    );

    const bodies = async (user: TestUser) =>
      ok(await call(user, "GET", `/api/v1/cases/${caseId}/messages`)).items.map(
        (m: { body: string }) => m.body,
      );
    expect(await bodies(vendorA)).toEqual(["A-TO-COORD", "COORD-TO-A", "COORD-TO-ALL"]);
    expect(await bodies(vendorBAdmin)).toEqual(["COORD-TO-ALL"]);
    expect(await bodies(coordinator)).toEqual(["A-TO-COORD", "COORD-TO-A", "COORD-TO-ALL"]);
    const intakeView = ok(await call(cast.users.intakeAdmin, "GET", `/api/v1/cases/${caseId}`));
    expect(intakeView.status).toBe("coordinating");
    expect(await bodies(cast.users.intakeAdmin)).toEqual([]);
  });

  it("flags on the coordinator's case a finder's talk planned before the publication date, and tells no vendor (R-INT-6)", async () => {
    await recordNda(cast.organizations.vendorA);
    await recordNda(cast.organizations.vendorB);
    const caseId = await caseWithTwoVendors();
    const coordinator = cast.users.coordinatorMember;
    const view = ok(await call(coordinator, "GET", `/api/v1/cases/${caseId}`));
    const early = new Date(Date.parse(view.schedule.publishAt) - 5 * DAY).toISOString();
    const late = new Date(Date.parse(view.schedule.publishAt) + 5 * DAY).toISOString();
    for (const [plannedAt, venue] of [
      [early, "SECRET-VENUE-EARLY"],
      [late, "Conference after publication"],
    ]) {
      ok(
        await call(
          cast.users.finder,
          "POST",
          `/api/v1/reports/${view.reportId}/disclosure-consultations`,
          {
            plannedAt,
            venue,
            scope: "The bug class and the vendor's name",
          },
        ),
        201,
      );
    }
    const flagged = ok(await call(coordinator, "GET", `/api/v1/cases/${caseId}`)).disclosurePlans;
    expect(flagged).toMatchObject([
      { venue: "SECRET-VENUE-EARLY", beforePublication: true },
      { venue: "Conference after publication", beforePublication: false },
    ]);
    const vendorView = JSON.stringify(
      ok(await call(cast.users.vendorAAdmin, "GET", `/api/v1/cases/${caseId}`)),
    );
    expect(vendorView).not.toContain("SECRET-VENUE-EARLY");
  });

  it("lets only the coordinator revise the schedule; a vendor's request changes nothing until decided", async () => {
    const caseId = await caseWithTwoVendors();
    const vendorA = cast.users.vendorAAdmin;
    const coordinator = cast.users.coordinatorMember;
    const before = ok(await call(coordinator, "GET", `/api/v1/cases/${caseId}`)).schedule;
    const later = new Date(Date.parse(before.publishAt) + 10 * DAY).toISOString();

    problem(
      await call(vendorA, "POST", `/api/v1/cases/${caseId}/schedule`, {
        publishAt: later,
        reason: "we need longer",
      }),
      403,
    );
    const request = ok(
      await call(vendorA, "POST", `/api/v1/cases/${caseId}/schedule-requests`, {
        publishAt: later,
        reason: "the fix needs a longer test cycle",
      }),
      201,
    );
    expect(ok(await call(coordinator, "GET", `/api/v1/cases/${caseId}`)).schedule.publishAt).toBe(
      before.publishAt,
    );
    const decided = ok(
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/schedule-requests/${request.id}/decide`,
        {
          decision: "accept",
          reason: "agreed with every vendor",
        },
      ),
    );
    expect(decided.schedule.publishAt).toBe(later);
    expect(decided.schedule.revisions).toHaveLength(2);

    const revised = ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/schedule`, {
        publishAt: before.publishAt,
        reason: "back to the default",
      }),
    );
    expect(revised.schedule.publishAt).toBe(before.publishAt);
    const vendorView = ok(await call(vendorA, "GET", `/api/v1/cases/${caseId}`));
    expect(vendorView.schedule.revisions.map((r: { reason: string }) => r.reason)).toContain(
      "back to the default",
    );
  });

  it("answers 404 to finders, site operators, unrelated CSIRTs and anonymous callers, and 401 without credentials", async () => {
    const caseId = await caseWithTwoVendors();
    for (const user of [
      cast.users.finder,
      cast.users.siteOperator,
      cast.users.csirt,
      cast.users.priorityRecipient,
    ]) {
      problem(await call(user, "GET", `/api/v1/cases/${caseId}`), 404);
      problem(await call(user, "POST", `/api/v1/cases/${caseId}/acknowledge`), 404);
    }
    problem(await call(null, "GET", `/api/v1/cases/${caseId}`), 401);
    problem(await call(cast.users.coordinatorMember, "GET", "/api/v1/cases/no-such-case"), 404);
  });

  it("lists an unresponsive vendor publicly by name, its product no sooner than 90 days later, and delists it when it answers", async () => {
    const caseId = await caseWithTwoVendors();
    const coordinator = cast.users.coordinatorMember;
    const vendorA = cast.organizations.vendorA;
    const publicList = async () =>
      ok(await app.inject({ method: "GET", url: "/api/v1/unreachable-vendors" }));
    problem(
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/vendors/${vendorA}/publish-unreachable`,
        {
          stage: "name",
          decision: "Committee decision 2026-12",
        },
      ),
      409,
      "transition_not_allowed",
    );
    ok(
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/vendors/${vendorA}/mark-unresponsive`,
        {
          note: "No answer to any contact.",
        },
      ),
    );
    ok(
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/vendors/${vendorA}/publish-unreachable`,
        {
          stage: "name",
          decision: "Committee decision 2026-12",
        },
      ),
    );
    const listed = await publicList();
    if (listed.nextCursor) {
      expect(Buffer.from(listed.nextCursor, "base64url").toString()).not.toContain(caseId);
    }
    const entry = listed.items.find(
      (item: { vendorName: string }) => item.vendorName === "Vendor A Corporation",
    );
    expect(entry).toMatchObject({ productName: null, listedAt: runtime.clock.now().toISOString() });
    const text = JSON.stringify(listed);
    for (const secret of [DESCRIPTION, ATTACK, VERIFICATION, "Router A100", "Committee decision"]) {
      expect(text).not.toContain(secret);
    }
    const productStage = {
      stage: "product",
      decision: "Committee decision 2027-03",
    };
    problem(
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/vendors/${vendorA}/publish-unreachable`,
        productStage,
      ),
      409,
    );
    runtime.clock.advance(90 * DAY);
    ok(
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/vendors/${vendorA}/publish-unreachable`,
        productStage,
      ),
    );
    const withProduct = (await publicList()).items.find(
      (item: { vendorName: string }) => item.vendorName === "Vendor A Corporation",
    );
    expect(withProduct.productName).toBe("Router A100");

    ok(await call(cast.users.vendorAAdmin, "POST", `/api/v1/cases/${caseId}/acknowledge`));
    const after = await publicList();
    expect(JSON.stringify(after)).not.toContain("Vendor A Corporation");
  });

  it("opens finder ⇄ vendor contact only after the finder's consent and both approvals, for that vendor alone (R-COO-6)", async () => {
    const caseId = await caseWithTwoVendors({ directContact: true });
    const reportId = ok(
      await call(cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`),
    ).reportId;
    const vendorA = cast.users.vendorAAdmin;
    const finder = cast.users.finder;
    const { id: requestId } = ok(
      await call(vendorA, "POST", `/api/v1/cases/${caseId}/direct-contact-requests`, {
        reason: "We need the finder's test setup.",
      }),
      201,
    );
    const toFinder = () =>
      call(vendorA, "POST", `/api/v1/cases/${caseId}/messages`, {
        body: "HELLO-FINDER",
        to: "finder",
      });
    problem(await toFinder(), 403);
    ok(
      await call(
        cast.users.coordinatorMember,
        "POST",
        `/api/v1/cases/${caseId}/direct-contact-requests/${requestId}/approve`,
      ),
    );
    problem(await toFinder(), 403);
    ok(
      await call(
        cast.users.intakeAdmin,
        "POST",
        `/api/v1/cases/${caseId}/direct-contact-requests/${requestId}/approve`,
      ),
    );
    ok(await toFinder(), 201);

    const contacts = ok(await call(finder, "GET", `/api/v1/reports/${reportId}/direct-contacts`));
    expect(contacts.items).toMatchObject([
      {
        organizationId: cast.organizations.vendorA,
        vendorName: "Vendor A Corporation",
        status: "open",
        messages: [{ from: "vendor", body: "HELLO-FINDER" }],
      },
    ]);
    ok(
      await call(
        finder,
        "POST",
        `/api/v1/reports/${reportId}/direct-contacts/${cast.organizations.vendorA}/messages`,
        {
          body: "HELLO-VENDOR-A",
        },
      ),
      201,
    );
    problem(
      await call(
        finder,
        "POST",
        `/api/v1/reports/${reportId}/direct-contacts/${cast.organizations.vendorB}/messages`,
        {
          body: "not open",
        },
      ),
      403,
    );
    const aThread = ok(await call(vendorA, "GET", `/api/v1/cases/${caseId}/messages`)).items.map(
      (m: { body: string }) => m.body,
    );
    expect(aThread).toEqual(expect.arrayContaining(["HELLO-FINDER", "HELLO-VENDOR-A"]));
    const bThread = JSON.stringify(
      ok(await call(await vendorBAdminUser(), "GET", `/api/v1/cases/${caseId}/messages`)),
    );
    expect(bThread).not.toContain("HELLO-");
    problem(
      await call(cast.users.otherFinder, "GET", `/api/v1/reports/${reportId}/direct-contacts`),
      404,
    );
  });

  it("closes a case with no_action and the finder's report closes with the same outcome (R-INT-9)", async () => {
    const filed = ok(await call(cast.users.finder, "POST", "/api/v1/reports", report()), 201);
    ok(await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/accept`));
    const { caseId } = ok(
      await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/forward`, {}),
    );
    const closed = ok(
      await call(cast.users.coordinatorMember, "POST", `/api/v1/cases/${caseId}/close`, {
        reason: "no_action",
        message: "Works as designed.",
      }),
    );
    expect(closed.status).toBe("closed_no_action");
    const after = ok(await call(cast.users.finder, "GET", `/api/v1/reports/${filed.id}`));
    expect(after.status).toBe("closed");
  });

  it("opens a CSIRT's case with its binding date, shown to that CSIRT and not to the desk unless shared", async () => {
    const publishAt = new Date(runtime.clock.now().getTime() + 30 * DAY).toISOString();
    const created = ok(
      await call(cast.users.csirt, "POST", "/api/v1/cases", {
        title: "Overseas router issue",
        description: "CSIRT-SECRET-DESCRIPTION",
        vendorNames: ["Vendor A"],
        publishAt,
        conditions: "Publish together with the US advisory",
      }),
      201,
    );
    const view = ok(await call(cast.users.csirt, "GET", `/api/v1/cases/${created.id}`));
    expect(view).toMatchObject({
      source: "csirt",
      status: "triage",
      schedule: { publishAt },
      description: "CSIRT-SECRET-DESCRIPTION",
    });
    problem(await call(cast.users.intakeAdmin, "GET", `/api/v1/cases/${created.id}`), 404);
    const coordinatorList = ok(await call(cast.users.coordinatorMember, "GET", "/api/v1/cases"));
    expect(coordinatorList.items.map((i: { id: string }) => i.id)).toContain(created.id);
    problem(
      await call(cast.users.csirt, "POST", "/api/v1/cases", { title: "no date" }),
      422,
      "invalid_input",
    );
  });

  it("changes a CSIRT's date only with the CSIRT's agreement to a proposal (W-5)", async () => {
    const publishAt = new Date(runtime.clock.now().getTime() + 30 * DAY).toISOString();
    const later = new Date(runtime.clock.now().getTime() + 40 * DAY).toISOString();
    const { id } = ok(
      await call(cast.users.csirt, "POST", "/api/v1/cases", {
        title: "Overseas camera issue",
        description: "A camera flaw reported abroad",
        vendorNames: ["Vendor B"],
        publishAt,
      }),
      201,
    );
    const coordinator = cast.users.coordinatorMember;
    const revise = (extra: Record<string, unknown> = {}) =>
      call(coordinator, "POST", `/api/v1/cases/${id}/schedule`, {
        publishAt: later,
        reason: "the vendor needs ten more days",
        ...extra,
      });
    problem(await revise(), 409, "transition_not_allowed");
    const proposal = ok(
      await call(coordinator, "POST", `/api/v1/cases/${id}/schedule-proposals`, {
        publishAt: later,
        reason: "the vendor needs ten more days",
      }),
      201,
    );
    const seen = ok(await call(cast.users.csirt, "GET", `/api/v1/cases/${id}`));
    expect(seen.csirtProposals).toMatchObject([{ id: proposal.id, status: "pending" }]);
    problem(
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${id}/schedule-proposals/${proposal.id}/answer`,
        {
          decision: "agree",
        },
      ),
      403,
    );
    ok(
      await call(
        cast.users.csirt,
        "POST",
        `/api/v1/cases/${id}/schedule-proposals/${proposal.id}/answer`,
        {
          decision: "agree",
          note: "Agreed with our partners",
        },
      ),
    );
    const revised = ok(await revise({ csirtProposalId: proposal.id }));
    expect(revised.schedule.publishAt).toBe(later);
  });

  it("opens a vendor's self-report with its countermeasure and the proposed date as a request", async () => {
    await recordNda(cast.organizations.vendorA);
    const proposed = new Date(runtime.clock.now().getTime() + 20 * DAY).toISOString();
    const created = ok(
      await call(cast.users.vendorAAdmin, "POST", "/api/v1/cases", {
        title: "Self-reported flaw",
        description: "We found it ourselves",
        countermeasures: [{ type: "fix", description: "Update to 2.0", fixedVersions: ["2.0"] }],
        proposedPublishAt: proposed,
      }),
      201,
    );
    const view = ok(await call(cast.users.coordinatorMember, "GET", `/api/v1/cases/${created.id}`));
    expect(view).toMatchObject({ source: "self_report", status: "countermeasure_ready" });
    expect(view.scheduleRequests).toMatchObject([{ publishAt: proposed, status: "pending" }]);
    expect(view.participants[0].countermeasures[0]).toMatchObject({ description: "Update to 2.0" });
    problem(await call(cast.users.finder, "POST", "/api/v1/cases", { title: "x" }), 403);
  });

  /** Vendor B's admin: the cast has only a member, so one is invited for these tests. */
  let bAdmin: TestUser | undefined;
  async function vendorBAdminUser(): Promise<TestUser> {
    if (bAdmin) return bAdmin;
    bAdmin = await createTestUser(runtime, {
      kind: "extra",
      email: "admin@vendor-b.example",
      name: "Vendor B Admin",
      organizationId: cast.organizations.vendorB,
      role: "admin",
    });
    return bAdmin;
  }
});
