import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, signIn, type TestUser } from "../../../test/support/actors.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp.ts";
import { en } from "../../platform/i18n/en.ts";
import { createMailTransport } from "../../platform/mail/transport.ts";

/**
 * R-ANA-1 through the API: the desk assigns analysis tasks to its analysts, the task's analyst
 * reads what it is about and adds findings, the coordinator relays the shared ones to the case's
 * vendors. Unique markers sit in the report's text and in each finding, so that every place that
 * must not show them can be searched for them.
 */
const REPORT_TEXT = "ANA-REPORT-TEXT-91c2";
const SHARED = "ANA-SHARED-FINDING-5d1e";
const PRIVATE = "ANA-PRIVATE-FINDING-77ab";
const HTML = { accept: "text/html" };
/** The page's text with the entities the renderer writes turned back into characters. */
const decodeHtml = (html: string) =>
  html
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

describe.each(testDatabaseTargets())("analysis tasks on $name", (target) => {
  let smtp: SmtpPeer;
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    return () => smtp.close();
  });
  const bed = advisoryTestbed(target, () => ({
    mailTransport: createMailTransport({ kind: "smtp", url: smtp.url }),
  }));
  /** A second analyst of the desk, made once. */
  let otherAnalystMade: Promise<TestUser> | null = null;
  const otherAnalystOf = () => {
    otherAnalystMade ??= createTestUser(bed.runtime, {
      email: "analyst-two@intake.example",
      name: "Analyst Two",
      organizationId: bed.cast.organizations.intake,
      role: "analyst",
    });
    return otherAnalystMade;
  };

  const users = () => bed.cast.users;

  /** A forwarded case, its coordinator and desk member assigned, both vendors notified. */
  async function forwarded(notify: ("vendorA" | "vendorB")[] = ["vendorA"]) {
    const ids = await bed.forwardedCase({ description: `Stored XSS ${REPORT_TEXT}` });
    const { cases, reports } = bed.runtime.services;
    await cases.assign(bed.people.coordinator, ids.caseId, {
      userId: bed.people.coordinator.userId,
    });
    await reports.assign(bed.people.desk, ids.reportId, { userId: bed.people.desk.userId });
    await bed.notifyVendors(ids.caseId, notify);
    return ids;
  }

  async function assign(
    path: string,
    body: Record<string, unknown> = {},
    user: TestUser = users().intakeMember,
  ) {
    return bed.call(user, "POST", `${path}/analysis-tasks`, {
      kind: "reproduce",
      assigneeId: users().analyst.userId,
      due: bed.inDays(7),
      ...body,
    });
  }

  it("gives the task's analyst the report's content, and another analyst nothing (404)", async () => {
    const otherAnalyst = await otherAnalystOf();
    const { reportId } = await forwarded();
    const { id } = okJson(await assign(`/api/v1/reports/${reportId}`), 201);

    const queue = okJson(await bed.call(users().analyst, "GET", "/api/v1/analysis-tasks"));
    expect(queue.items.map((t: { id: string }) => t.id)).toContain(id);
    expect(JSON.stringify(queue)).not.toContain(REPORT_TEXT);

    const task = okJson(await bed.call(users().analyst, "GET", `/api/v1/analysis-tasks/${id}`));
    expect(JSON.stringify(task.content)).toContain(REPORT_TEXT);
    // The report itself stays metadata only for an analyst: the task page is where it is read.
    const report = await bed.call(users().analyst, "GET", `/api/v1/reports/${reportId}`);
    expect(report.body).not.toContain(REPORT_TEXT);

    for (const user of [otherAnalyst, users().vendorAAdmin, users().finder]) {
      expect((await bed.call(user, "GET", `/api/v1/analysis-tasks/${id}`)).statusCode).toBe(404);
      const finding = await bed.call(user, "POST", `/api/v1/analysis-tasks/${id}/findings`, {
        body: "mine",
        shareWithVendors: false,
      });
      expect(finding.statusCode).toBe(404);
      expect(
        (await bed.call(user, "POST", `/api/v1/analysis-tasks/${id}/complete`)).statusCode,
      ).toBe(404);
    }
    const others = okJson(await bed.call(otherAnalyst, "GET", "/api/v1/analysis-tasks"));
    expect(others.items).toEqual([]);
    const page = await (await signIn(bed.app, bed.runtime, otherAnalyst)).inject({
      method: "GET",
      url: `/analysis-tasks/${id}`,
      headers: HTML,
    });
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain(REPORT_TEXT);
  });

  it("lets only the desk assign, and only to an analyst (422 on assigneeId)", async () => {
    const { reportId, caseId } = await forwarded();
    const notAnalyst = await assign(`/api/v1/reports/${reportId}`, {
      assigneeId: users().intakeMember.userId,
    });
    expect(notAnalyst.statusCode).toBe(422);
    expect(notAnalyst.json().errors).toEqual([expect.objectContaining({ path: "assigneeId" })]);
    expect((await assign(`/api/v1/reports/${reportId}`, { due: "soon" })).statusCode).toBe(422);
    expect((await assign(`/api/v1/reports/${reportId}`, {}, users().analyst)).statusCode).toBe(403);
    expect(
      (await assign(`/api/v1/cases/${caseId}`, {}, users().coordinatorMember)).statusCode,
    ).toBe(403);
    // The finder may see their own report, but assigns nothing on it.
    expect((await assign(`/api/v1/reports/${reportId}`, {}, users().finder)).statusCode).toBe(403);
    expect((await assign(`/api/v1/reports/${reportId}`, {}, users().otherFinder)).statusCode).toBe(
      404,
    );
    expect((await assign(`/api/v1/cases/${caseId}`, {}, users().vendorAAdmin)).statusCode).toBe(
      403,
    );
    okJson(await assign(`/api/v1/cases/${caseId}`, { kind: "exploitability" }), 201);
  });

  it("refuses to complete a task without a finding (409 no_finding), and ends the grant when completed", async () => {
    const { caseId } = await forwarded();
    const { id } = okJson(await assign(`/api/v1/cases/${caseId}`, { kind: "impact" }), 201);
    const early = await bed.call(users().analyst, "POST", `/api/v1/analysis-tasks/${id}/complete`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("no_finding");
    okJson(
      await bed.call(users().analyst, "POST", `/api/v1/analysis-tasks/${id}/findings`, {
        body: "Impact: full admin takeover.",
        shareWithVendors: false,
      }),
      201,
    );
    const done = okJson(
      await bed.call(users().analyst, "POST", `/api/v1/analysis-tasks/${id}/complete`),
    );
    expect(done.status).toBe("completed");
    const after = okJson(await bed.call(users().analyst, "GET", `/api/v1/analysis-tasks/${id}`));
    expect(after.content).toBeNull();
    expect(after.findings).toHaveLength(1);
    const late = await bed.call(users().analyst, "POST", `/api/v1/analysis-tasks/${id}/findings`, {
      body: "more",
      shareWithVendors: false,
    });
    expect(late.statusCode).toBe(409);
  });

  it("relays only shared findings, only to that case's vendors; the finder never sees findings", async () => {
    const { reportId, caseId } = await forwarded(["vendorA"]);
    const other = await forwarded(["vendorA", "vendorB"]);
    const { id } = okJson(await assign(`/api/v1/reports/${reportId}`), 201);
    const analyst = users().analyst;
    const shared = okJson(
      await bed.call(analyst, "POST", `/api/v1/analysis-tasks/${id}/findings`, {
        body: `Reproduced. ${SHARED}`,
        shareWithVendors: true,
      }),
      201,
    );
    const unshared = okJson(
      await bed.call(analyst, "POST", `/api/v1/analysis-tasks/${id}/findings`, {
        body: `Exploit chain ${PRIVATE}`,
        shareWithVendors: false,
      }),
      201,
    );
    const vendorA = users().vendorAAdmin;
    const coordinator = users().coordinatorMember;
    // The report's findings carry over to its case, for the coordinator.
    const staffView = okJson(
      await bed.call(coordinator, "GET", `/api/v1/cases/${caseId}/analysis-findings`),
    );
    expect(staffView.items.map((f: { id: string }) => f.id).sort()).toEqual(
      [shared.id, unshared.id].sort(),
    );
    // Nothing reaches the vendor before the coordinator relays it.
    expect(
      okJson(await bed.call(vendorA, "GET", `/api/v1/cases/${caseId}/analysis-findings`)).items,
    ).toEqual([]);

    const notShared = await bed.call(
      coordinator,
      "POST",
      `/api/v1/cases/${caseId}/analysis-findings/${unshared.id}/relay`,
    );
    expect(notShared.statusCode).toBe(409);
    expect(notShared.json().code).toBe("finding_not_shared");
    expect(
      (
        await bed.call(
          vendorA,
          "POST",
          `/api/v1/cases/${caseId}/analysis-findings/${shared.id}/relay`,
        )
      ).statusCode,
    ).toBe(404);
    // A finding of another case's report cannot be relayed through this one.
    expect(
      (
        await bed.call(
          coordinator,
          "POST",
          `/api/v1/cases/${other.caseId}/analysis-findings/${shared.id}/relay`,
        )
      ).statusCode,
    ).toBe(404);
    okJson(
      await bed.call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/analysis-findings/${shared.id}/relay`,
      ),
    );
    const again = await bed.call(
      coordinator,
      "POST",
      `/api/v1/cases/${caseId}/analysis-findings/${shared.id}/relay`,
    );
    expect(again.json().code).toBe("already_relayed");

    const vendorView = await bed.call(vendorA, "GET", `/api/v1/cases/${caseId}/analysis-findings`);
    expect(vendorView.body).toContain(SHARED);
    expect(vendorView.body).not.toContain(PRIVATE);
    const vendorPage = await (await signIn(bed.app, bed.runtime, vendorA)).inject({
      method: "GET",
      url: `/cases/${caseId}`,
      headers: HTML,
    });
    expect(vendorPage.statusCode).toBe(200);
    expect(vendorPage.body).toContain(SHARED);
    expect(vendorPage.body).not.toContain(PRIVATE);

    // The other case's vendors (vendor B is only there) see nothing of it.
    const vendorB = await bed.call(
      bed.people.vendorBAdmin,
      "GET",
      `/api/v1/cases/${other.caseId}/analysis-findings`,
    );
    expect(vendorB.body).not.toContain(SHARED);
    const vendorAOther = await bed.call(
      vendorA,
      "GET",
      `/api/v1/cases/${other.caseId}/analysis-findings`,
    );
    expect(vendorAOther.body).not.toContain(SHARED);
    expect(
      (await bed.call(bed.people.vendorBAdmin, "GET", `/api/v1/cases/${caseId}/analysis-findings`))
        .statusCode,
    ).toBe(404);

    // The finder: 404 for the findings, and nothing of them on the report's page.
    const finder = users().finder;
    expect(
      (await bed.call(finder, "GET", `/api/v1/reports/${reportId}/analysis-findings`)).statusCode,
    ).toBe(404);
    const finderPage = await (await signIn(bed.app, bed.runtime, finder)).inject({
      method: "GET",
      url: `/reports/${reportId}`,
      headers: HTML,
    });
    expect(finderPage.statusCode).toBe(200);
    for (const marker of [SHARED, PRIVATE]) expect(finderPage.body).not.toContain(marker);

    // The desk's report page shows both, each with its mark.
    const deskPage = await (await signIn(bed.app, bed.runtime, users().intakeMember)).inject({
      method: "GET",
      url: `/reports/${reportId}`,
      headers: HTML,
    });
    expect(deskPage.body).toContain(SHARED);
    expect(deskPage.body).toContain(PRIVATE);
  });

  it("tells a coordinator not assigned to the case why it sees how many findings there are but not them", async () => {
    const { reportId, caseId } = await forwarded(["vendorA"]);
    const { id } = okJson(await assign(`/api/v1/reports/${reportId}`), 201);
    okJson(
      await bed.call(users().analyst, "POST", `/api/v1/analysis-tasks/${id}/findings`, {
        body: `Reproduced. ${SHARED}`,
        shareWithVendors: true,
      }),
      201,
    );
    const bystander = await createTestUser(bed.runtime, {
      email: "coordinator-bystander@coordinator.example",
      name: "Coordinator Bystander",
      organizationId: bed.cast.organizations.coordinator,
      role: "member",
    });
    const hint = en["analysisTasks.findings.awaitAssignment"];
    const pageOf = async (user: TestUser) =>
      (await signIn(bed.app, bed.runtime, user)).inject({
        method: "GET",
        url: `/cases/${caseId}`,
        headers: HTML,
      });
    const unassigned = await pageOf(bystander);
    expect(unassigned.statusCode).toBe(200);
    const section = unassigned.body.split('id="analysis-tasks"')[1] ?? "";
    expect(section).not.toBe("");
    expect(decodeHtml(section)).toContain(hint);
    expect(unassigned.body).not.toContain(SHARED);
    expect(unassigned.body).not.toContain(en["analysisTasks.relay.submit"]);
    // The handling coordinator reads the finding and may relay it: no hint for it.
    const handling = await pageOf(users().coordinatorMember);
    expect(handling.body).toContain(SHARED);
    expect(decodeHtml(handling.body)).not.toContain(hint);
    expect(handling.body).toContain(en["analysisTasks.relay.submit"]);
  });

  it("lists the analyst's open tasks first by due date, overdue marked, completed last", async () => {
    const analyst = await createTestUser(bed.runtime, {
      email: "analyst-queue@intake.example",
      name: "Queue Analyst",
      organizationId: bed.cast.organizations.intake,
      role: "analyst",
    });
    const { caseId } = await forwarded();
    const make = async (days: number) =>
      okJson(
        await assign(`/api/v1/cases/${caseId}`, {
          assigneeId: analyst.userId,
          due: bed.inDays(days),
        }),
        201,
      ).id as string;
    const later = await make(10);
    const done = await make(2);
    const overdue = await make(-1);
    const soon = await make(3);
    okJson(
      await bed.call(analyst, "POST", `/api/v1/analysis-tasks/${done}/findings`, {
        body: "ok",
        shareWithVendors: false,
      }),
      201,
    );
    okJson(await bed.call(analyst, "POST", `/api/v1/analysis-tasks/${done}/complete`));
    const queue = okJson(await bed.call(analyst, "GET", "/api/v1/analysis-tasks"));
    expect(queue.items.map((t: { id: string }) => t.id)).toEqual([overdue, soon, later, done]);
    expect(queue.items.map((t: { overdue: boolean }) => t.overdue)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it("mails the analyst a notice to sign in and the desk the results, never the text", async () => {
    const { reportId } = await forwarded();
    // What the forward itself mailed is sent first, so that only this test's mail is counted.
    await bed.runtime.jobRunner.runDue();
    const before = (await smtp.messages()).length;
    const { id } = okJson(
      await assign(`/api/v1/reports/${reportId}`, { note: `Check ${REPORT_TEXT}` }),
      201,
    );
    okJson(
      await bed.call(users().analyst, "POST", `/api/v1/analysis-tasks/${id}/findings`, {
        body: `Found ${PRIVATE}`,
        shareWithVendors: false,
      }),
      201,
    );
    okJson(await bed.call(users().analyst, "POST", `/api/v1/analysis-tasks/${id}/complete`));
    await bed.runtime.jobRunner.runDue();
    const mails = (await smtp.messages()).slice(before);
    const to = (address: string) => mails.filter((m) => m.to.includes(address));
    expect(to(users().analyst.email)).toHaveLength(1);
    expect(to(users().intakeMember.email).length).toBeGreaterThanOrEqual(2);
    for (const { mail } of mails) {
      const text = `${mail.subject} ${mail.text} ${mail.html || ""}`;
      expect(text).not.toContain(REPORT_TEXT);
      expect(text).not.toContain(PRIVATE);
    }
    expect(to(users().analyst.email)[0]?.mail.text).toContain(`/analysis-tasks/${id}`);
  });
});
