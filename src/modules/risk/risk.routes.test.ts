import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cast, createCast, type TestUser } from "../../../test/support/actors.ts";
import { draftFor } from "../../../test/support/advisories.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";

const V3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const V3_LOW = "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N";
const V4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
const REASON = "The admin console is reachable from the internet on most installations";

const report = {
  kind: "product",
  title: "XSS in Router A100 admin console",
  productName: "Router A100",
  productVersion: "1.0.3",
  description: "Stored XSS in the device name field of the admin console",
  reproduction: "Add a device named <img src=x onerror=alert(1)> and open the list",
  consent: {
    identityToCoordinator: true,
    identityToVendor: false,
    directContact: false,
    credit: "Finder One",
  },
};

describe.each(testDatabaseTargets())("the risk of a report and a case on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;

  const call = (user: TestUser, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: user.bearer,
      remoteAddress: user.ip,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const ok = (response: LightMyRequestResponse, status = 200) => {
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };

  async function filedReport(): Promise<string> {
    return ok(await call(cast.users.finder, "POST", "/api/v1/reports", report), 201).id;
  }

  /** The desk member who takes the report, and so may read its content (R-SEC-1). */
  async function takenBy(reportId: string, user: TestUser): Promise<void> {
    ok(
      await call(cast.users.intakeAdmin, "POST", `/api/v1/reports/${reportId}/assign`, {
        userId: user.userId,
      }),
    );
  }

  async function forward(reportId: string): Promise<string> {
    const desk = cast.users.intakeMember;
    ok(await call(desk, "POST", `/api/v1/reports/${reportId}/accept`));
    return ok(await call(desk, "POST", `/api/v1/reports/${reportId}/forward`, {})).caseId;
  }

  async function notifyVendorA(caseId: string) {
    const coordinator = cast.users.coordinatorMember;
    const vendorA = cast.organizations.vendorA;
    ok(
      await call(coordinator, "POST", `/api/v1/organizations/${vendorA}/nda`, {
        signedAt: "2026-01-15T00:00:00.000Z",
        version: "2026-01",
      }),
    );
    ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors`, {
        organizationId: vendorA,
      }),
      201,
    );
    ok(await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${vendorA}/notify`));
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

  it("sets a report's risk with scores, severities and CISA's decision, and shows it to the desk only", async () => {
    const reportId = await filedReport();
    await takenBy(reportId, cast.users.intakeMember);
    const answer = ok(
      await call(cast.users.intakeMember, "PUT", `/api/v1/reports/${reportId}/risk`, {
        cvssV3: V3,
        cvssV4: V4,
        ssvc: {
          exploitation: "active",
          automatable: "yes",
          technicalImpact: "total",
          missionWellbeing: "medium",
        },
        urgency: "critical",
        reason: REASON,
      }),
    );
    expect(answer.risk).toMatchObject({
      cvssV3: V3,
      cvssV3BaseScore: 9.8,
      cvssV3Severity: "critical",
      cvssV4: V4,
      cvssV4BaseScore: 9.3,
      cvssV4Severity: "critical",
      ssvcDecision: "act",
      urgency: "critical",
      reason: REASON,
      inheritedFromReport: false,
    });
    expect(answer.risk.history).toHaveLength(1);
    expect(answer.risk.history[0].byUserId).toBe(cast.users.intakeMember.userId);

    const desk = ok(await call(cast.users.intakeAdmin, "GET", `/api/v1/reports/${reportId}`));
    expect(desk.risk.ssvcDecision).toBe("act");
    const finder = await call(cast.users.finder, "GET", `/api/v1/reports/${reportId}`);
    expect(finder.statusCode).toBe(200);
    expect(finder.json()).not.toHaveProperty("risk");
    expect(finder.body).not.toContain(REASON);
  });

  it("refuses a vector of the wrong version or a malformed one with 422 naming the field", async () => {
    const reportId = await filedReport();
    const url = `/api/v1/reports/${reportId}/risk`;
    const desk = cast.users.intakeMember;
    const v3InV4 = await call(desk, "PUT", url, { cvssV4: V3, urgency: "high", reason: REASON });
    expect(v3InV4.statusCode).toBe(422);
    expect(v3InV4.json().code).toBe("invalid_input");
    expect(JSON.stringify(v3InV4.json())).toContain("cvssV4");
    const broken = await call(desk, "PUT", url, {
      cvssV3: "CVSS:3.1/AV:N/AC:L",
      urgency: "high",
      reason: REASON,
    });
    expect(broken.statusCode).toBe(422);
    expect(JSON.stringify(broken.json())).toContain("cvssV3");
    const noReason = await call(desk, "PUT", url, { urgency: "high" });
    expect(noReason.statusCode).toBe(422);
    const badSsvc = await call(desk, "PUT", url, {
      ssvc: {
        exploitation: "rumour",
        automatable: "yes",
        technicalImpact: "total",
        missionWellbeing: "low",
      },
      urgency: "high",
      reason: REASON,
    });
    expect(badSsvc.statusCode).toBe(422);
  });

  it("records each change with every changed field's old and new value, and who made it", async () => {
    const reportId = await filedReport();
    await takenBy(reportId, cast.users.analyst);
    const url = `/api/v1/reports/${reportId}/risk`;
    ok(
      await call(cast.users.intakeAdmin, "PUT", url, {
        cvssV3: V3,
        urgency: "normal",
        reason: "First look",
      }),
    );
    const second = ok(
      await call(cast.users.analyst, "PUT", url, {
        cvssV3: V3_LOW,
        urgency: "low",
        reason: "Needs physical access",
      }),
    ).risk;
    expect(second.history).toHaveLength(2);
    const last = second.history[1];
    expect(last.byUserId).toBe(cast.users.analyst.userId);
    expect(last.byName).toBe(cast.users.analyst.name);
    expect(last.changes).toEqual(
      expect.arrayContaining([
        { field: "cvssV3", old: V3, new: V3_LOW },
        { field: "urgency", old: "normal", new: "low" },
        { field: "reason", old: "First look", new: "Needs physical access" },
      ]),
    );
    // A field left out is kept; null clears it.
    const kept = ok(
      await call(cast.users.analyst, "PUT", url, {
        urgency: "low",
        reason: "Needs physical access",
      }),
    ).risk;
    expect(kept.cvssV3).toBe(V3_LOW);
    expect(kept.history).toHaveLength(2);
    const cleared = ok(
      await call(cast.users.analyst, "PUT", url, {
        cvssV3: null,
        urgency: "low",
        reason: "Withdrawn",
      }),
    ).risk;
    expect(cleared.cvssV3).toBeNull();
    expect(cleared.history[2].changes).toEqual(
      expect.arrayContaining([{ field: "cvssV3", old: V3_LOW, new: null }]),
    );
  });

  it("gives the reason and the history's reasons only to staff who may read the content, the queue's metadata to all staff (R-SEC-1)", async () => {
    const QUOTE = "The PoC names a device <img src=x onerror=alert(1)>: exploited in the wild";
    const reportId = await filedReport();
    const url = `/api/v1/reports/${reportId}/risk`;
    const admin = cast.users.intakeAdmin;
    ok(await call(admin, "PUT", url, { cvssV3: V3, urgency: "high", reason: REASON }));
    ok(await call(admin, "PUT", url, { urgency: "critical", reason: QUOTE }));
    const caseId = await forward(reportId);
    await takenBy(reportId, cast.users.intakeMember);

    // The desk's analyst, not assigned to the report: urgency, SSVC and CVSS, not the reason.
    for (const path of [`/api/v1/reports/${reportId}`, `/api/v1/cases/${caseId}`]) {
      const response = await call(cast.users.analyst, "GET", path);
      const risk = ok(response).risk;
      expect(risk).toMatchObject({
        cvssV3: V3,
        cvssV3BaseScore: 9.8,
        urgency: "critical",
        reason: null,
        reasonWithheld: true,
      });
      // That the reason changed is shown; its text is not.
      expect(risk.history[1].changes).toEqual(
        expect.arrayContaining([
          { field: "urgency", old: "high", new: "critical" },
          { field: "reason", old: null, new: null },
        ]),
      );
      expect(response.body).not.toContain(REASON);
      expect(response.body).not.toContain("exploited in the wild");
    }
    // The report's assignee and the desk's admin read it, with the history's pair.
    for (const user of [cast.users.intakeMember, admin]) {
      const risk = ok(await call(user, "GET", `/api/v1/reports/${reportId}`)).risk;
      expect(risk).toMatchObject({ reason: QUOTE, reasonWithheld: false });
      expect(risk.history[1].changes).toEqual(
        expect.arrayContaining([{ field: "reason", old: REASON, new: QUOTE }]),
      );
      const onCase = ok(await call(user, "GET", `/api/v1/cases/${caseId}`)).risk;
      expect(onCase).toMatchObject({ reason: QUOTE, inheritedFromReport: true });
    }

    // The coordinator: a member not assigned to the case sees the metadata only; its admin and,
    // once assigned, the member read the reason. A change's answer follows the same rule.
    const member = cast.users.coordinatorMember;
    const unassigned = await call(member, "GET", `/api/v1/cases/${caseId}`);
    expect(ok(unassigned).risk).toMatchObject({
      urgency: "critical",
      reason: null,
      reasonWithheld: true,
    });
    expect(unassigned.body).not.toContain("exploited in the wild");
    const changed = await call(member, "PUT", `/api/v1/cases/${caseId}/risk`, {
      urgency: "high",
      reason: "Lowered: a fix is out",
    });
    expect(ok(changed).risk).toMatchObject({ urgency: "high", reason: null, reasonWithheld: true });
    expect(changed.body).not.toContain(REASON);
    expect(changed.body).not.toContain("exploited in the wild");
    const byAdmin = ok(await call(cast.users.coordinatorAdmin, "GET", `/api/v1/cases/${caseId}`));
    expect(byAdmin.risk).toMatchObject({ reason: "Lowered: a fix is out", reasonWithheld: false });
    ok(
      await call(cast.users.coordinatorAdmin, "POST", `/api/v1/cases/${caseId}/assign`, {
        userId: member.userId,
      }),
    );
    const assigned = ok(await call(member, "GET", `/api/v1/cases/${caseId}`)).risk;
    expect(assigned.reason).toBe("Lowered: a fix is out");
    expect(assigned.history.at(-1).changes).toEqual(
      expect.arrayContaining([{ field: "reason", old: QUOTE, new: "Lowered: a fix is out" }]),
    );
  });

  it("gives a case its report's risk until the case's first change, which starts from it", async () => {
    const reportId = await filedReport();
    ok(
      await call(cast.users.intakeMember, "PUT", `/api/v1/reports/${reportId}/risk`, {
        cvssV3: V3,
        urgency: "high",
        reason: REASON,
      }),
    );
    const caseId = await forward(reportId);
    const coordinator = cast.users.coordinatorMember;
    const inherited = ok(await call(coordinator, "GET", `/api/v1/cases/${caseId}`)).risk;
    expect(inherited).toMatchObject({ cvssV3: V3, urgency: "high", inheritedFromReport: true });

    const changed = ok(
      await call(coordinator, "PUT", `/api/v1/cases/${caseId}/risk`, {
        ssvc: {
          exploitation: "poc",
          automatable: "no",
          technicalImpact: "total",
          missionWellbeing: "medium",
        },
        urgency: "critical",
        reason: "A proof of concept is circulating",
      }),
    ).risk;
    expect(changed).toMatchObject({
      cvssV3: V3,
      ssvcDecision: "track_star",
      urgency: "critical",
      inheritedFromReport: false,
    });
    const onCase = changed.history.filter((entry: { on: string }) => entry.on === "case");
    expect(onCase).toHaveLength(1);
    expect(onCase[0].changes).toEqual(
      expect.arrayContaining([
        { field: "urgency", old: "high", new: "critical" },
        { field: "ssvcDecision", old: null, new: "track_star" },
      ]),
    );
    expect(onCase[0].changes.map((c: { field: string }) => c.field)).not.toContain("cvssV3");
    // The report keeps its own.
    const reportRisk = ok(
      await call(cast.users.intakeMember, "GET", `/api/v1/reports/${reportId}`),
    ).risk;
    expect(reportRisk.urgency).toBe("high");
    // The desk sets the case's risk too.
    ok(
      await call(cast.users.intakeMember, "PUT", `/api/v1/cases/${caseId}/risk`, {
        urgency: "high",
        reason: "Back to high",
      }),
    );
  });

  it("shows a case's risk to staff only: the vendor's view has none, its PUT is refused", async () => {
    const reportId = await filedReport();
    ok(
      await call(cast.users.intakeMember, "PUT", `/api/v1/reports/${reportId}/risk`, {
        cvssV3: V3,
        urgency: "high",
        reason: REASON,
      }),
    );
    const caseId = await forward(reportId);
    await notifyVendorA(caseId);
    const vendor = await call(cast.users.vendorAAdmin, "GET", `/api/v1/cases/${caseId}`);
    expect(vendor.statusCode).toBe(200);
    expect(vendor.json()).not.toHaveProperty("risk");
    expect(vendor.body).not.toContain(REASON);
    const vendorPut = await call(cast.users.vendorAAdmin, "PUT", `/api/v1/cases/${caseId}/risk`, {
      urgency: "low",
      reason: "Not so bad",
    });
    expect(vendorPut.statusCode).toBe(403);
    const otherVendor = await call(
      cast.users.vendorBMember,
      "PUT",
      `/api/v1/cases/${caseId}/risk`,
      {
        urgency: "low",
        reason: "Not so bad",
      },
    );
    expect(otherVendor.statusCode).toBe(404);
    const finderPut = await call(cast.users.finder, "PUT", `/api/v1/reports/${reportId}/risk`, {
      urgency: "low",
      reason: "Not so bad",
    });
    expect(finderPut.statusCode).toBe(403);
    const strangerPut = await call(
      cast.users.otherFinder,
      "PUT",
      `/api/v1/reports/${reportId}/risk`,
      {
        urgency: "low",
        reason: "Not so bad",
      },
    );
    expect(strangerPut.statusCode).toBe(404);
    const intake = ok(await call(cast.users.intakeMember, "GET", `/api/v1/cases/${caseId}`));
    expect(intake.risk.cvssV3).toBe(V3);
  });

  it("audits each change without its reason and keeps the reason sealed in the database", async () => {
    const reportId = await filedReport();
    ok(
      await call(cast.users.intakeMember, "PUT", `/api/v1/reports/${reportId}/risk`, {
        urgency: "high",
        reason: REASON,
      }),
    );
    const entries = await runtime.database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("type", "=", "report.risk_set")
      .where("subject_id", "=", reportId)
      .execute();
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain(REASON);
    const stored = await runtime.database.db.selectFrom("risk_assessments").selectAll().execute();
    const changes = await runtime.database.db.selectFrom("risk_changes").selectAll().execute();
    expect(JSON.stringify([stored, changes])).not.toContain(REASON);
  });
  it("sorts and filters the desk's queue and the staff's case list by urgency, SSVC decision and CVSS score", async () => {
    const desk = cast.users.intakeMember;
    const set = async (id: string, body: Record<string, unknown>) =>
      ok(await call(desk, "PUT", `/api/v1/reports/${id}/risk`, { reason: REASON, ...body }));
    const low = await filedReport();
    const critical = await filedReport();
    const high = await filedReport();
    await set(low, { urgency: "low", cvssV3: V3_LOW });
    await set(critical, {
      urgency: "critical",
      cvssV3: V3,
      ssvc: {
        exploitation: "active",
        automatable: "yes",
        technicalImpact: "total",
        missionWellbeing: "high",
      },
    });
    await set(high, { urgency: "high" });
    const ids = (items: { id: string }[]) =>
      items.map((item) => item.id).filter((id) => [low, critical, high].includes(id));

    const byUrgency = ok(await call(desk, "GET", "/api/v1/reports?sort=urgency&limit=200"));
    expect(ids(byUrgency.items)).toEqual([critical, high, low]);
    const first = byUrgency.items.find((item: { id: string }) => item.id === critical);
    expect(first).toMatchObject({ urgency: "critical", ssvcDecision: "act", cvssScore: 9.8 });

    const byCvss = ok(await call(desk, "GET", "/api/v1/reports?sort=cvss&limit=200"));
    expect(ids(byCvss.items)).toEqual([critical, low, high]);
    const act = ok(await call(desk, "GET", "/api/v1/reports?ssvcDecision=act&limit=200"));
    expect(ids(act.items)).toEqual([critical]);
    const severe = ok(await call(desk, "GET", "/api/v1/reports?minCvss=7&urgency=critical"));
    expect(ids(severe.items)).toEqual([critical]);
    // Paging through a risk order keeps it.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/reports?sort=urgency&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const pageAnswer = ok(await call(desk, "GET", url));
      paged.push(...pageAnswer.items.map((item: { id: string }) => item.id));
      cursor = pageAnswer.nextCursor;
    } while (cursor);
    expect(paged.filter((id) => [low, critical, high].includes(id))).toEqual([critical, high, low]);
    expect(new Set(paged).size).toBe(paged.length);

    const bad = await call(desk, "GET", "/api/v1/reports?urgency=extreme");
    expect(bad.statusCode).toBe(422);
    // The finder's own list carries no risk and does not filter by it.
    const finderList = ok(await call(cast.users.finder, "GET", "/api/v1/reports?urgency=critical"));
    expect(finderList.items.length).toBeGreaterThan(1);
    expect(JSON.stringify(finderList)).not.toContain("urgency");

    const lowCase = await forward(low);
    const criticalCase = await forward(critical);
    const coordinator = cast.users.coordinatorMember;
    const cases = ok(await call(coordinator, "GET", "/api/v1/cases?sort=urgency&limit=200"));
    const caseIds = cases.items
      .map((item: { id: string }) => item.id)
      .filter((id: string) => [lowCase, criticalCase].includes(id));
    expect(caseIds).toEqual([criticalCase, lowCase]);
    const onlyAct = ok(await call(coordinator, "GET", "/api/v1/cases?ssvcDecision=act&limit=200"));
    expect(onlyAct.items.map((item: { id: string }) => item.id)).toEqual([criticalCase]);
    expect(onlyAct.items[0]).toMatchObject({ urgency: "critical", cvssScore: 9.8 });
    await notifyVendorA(criticalCase);
    const vendorList = ok(
      await call(cast.users.vendorAAdmin, "GET", "/api/v1/cases?ssvcDecision=track&limit=200"),
    );
    expect(vendorList.items.map((item: { id: string }) => item.id)).toContain(criticalCase);
    expect(JSON.stringify(vendorList)).not.toContain("urgency");
  });

  it("starts the case's first advisory draft from its risk when the draft names no CVSS", async () => {
    const reportId = await filedReport();
    ok(
      await call(cast.users.intakeMember, "PUT", `/api/v1/reports/${reportId}/risk`, {
        cvssV3: V3,
        cvssV4: V4,
        urgency: "high",
        reason: REASON,
      }),
    );
    const caseId = await forward(reportId);
    await notifyVendorA(caseId);
    const coordinator = cast.users.coordinatorMember;
    const { cvssV3: _v3, cvssV4: _v4, ...draft } = draftFor(cast);
    const saved = ok(await call(coordinator, "PUT", `/api/v1/cases/${caseId}/advisory`, draft));
    expect(saved.advisory).toMatchObject({ cvssV3: { vector: V3 }, cvssV4: { vector: V4 } });
    // A later save keeps what the coordinator sends.
    const again = ok(
      await call(coordinator, "PUT", `/api/v1/cases/${caseId}/advisory`, {
        ...draft,
        cvssV3: V3_LOW,
      }),
    );
    expect(again.advisory.cvssV3.vector).toBe(V3_LOW);
    expect(again.advisory.cvssV4).toBeNull();
  });
});
