import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../../../test/support/actors.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp.ts";
import { createMailTransport } from "../../platform/mail/transport.ts";

/**
 * The analysis tasks' mail over a real SMTP peer: the notice to a case's vendors when the
 * coordinator relays a finding to them (only vendors notified under an NDA, only their people
 * assigned to the case, never the finding's text), and the analyst's daily reminder of overdue
 * tasks (once a day, metadata only, until the tasks are completed).
 */
const REPORT_TEXT = "ANA-MAIL-REPORT-TEXT-3f0a";
const SHARED = "ANA-MAIL-SHARED-FINDING-c41d";
const NOTE = "ANA-MAIL-NOTE-9e27";

describe.each(testDatabaseTargets())("analysis task mail on $name", (target) => {
  let smtp: SmtpPeer;
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    return () => smtp.close();
  });
  const bed = advisoryTestbed(target, () => ({
    mailTransport: createMailTransport({ kind: "smtp", url: smtp.url }),
  }));
  const users = () => bed.cast.users;

  /** Delivers what is queued, then returns a function that reads only what comes after. */
  async function mailFromNow() {
    await bed.runtime.jobRunner.runDue();
    const before = (await smtp.messages()).length;
    return async () => {
      await bed.runtime.jobRunner.runDue();
      return (await smtp.messages()).slice(before);
    };
  }
  const textOf = (m: { mail: { subject?: string; text?: string; html?: string | false } }) =>
    `${m.mail.subject} ${m.mail.text} ${m.mail.html || ""}`;

  /** A forwarded case, vendor A notified, its coordinator member assigned. */
  async function forwarded() {
    const ids = await bed.forwardedCase({ description: `Stored XSS ${REPORT_TEXT}` });
    await bed.runtime.services.cases.assign(bed.people.coordinator, ids.caseId, {
      userId: bed.people.coordinator.userId,
    });
    await bed.notifyVendors(ids.caseId, ["vendorA"]);
    return ids;
  }

  async function assign(
    caseId: string,
    analyst: TestUser,
    days: number,
    kind = "reproduce",
  ): Promise<string> {
    return okJson(
      await bed.call(users().intakeMember, "POST", `/api/v1/cases/${caseId}/analysis-tasks`, {
        kind,
        assigneeId: analyst.userId,
        due: bed.inDays(days),
        note: NOTE,
      }),
      201,
    ).id;
  }

  async function finish(analyst: TestUser, taskId: string, shareWithVendors = false) {
    const finding = okJson(
      await bed.call(analyst, "POST", `/api/v1/analysis-tasks/${taskId}/findings`, {
        body: `Reproduced. ${SHARED}`,
        shareWithVendors,
      }),
      201,
    );
    okJson(await bed.call(analyst, "POST", `/api/v1/analysis-tasks/${taskId}/complete`));
    return finding.id as string;
  }

  it("tells the case's informed vendors' assigned people that findings were relayed, never the text, and no vendor without an NDA", async () => {
    const { runtime } = bed;
    const { caseId } = await forwarded();
    // Vendor A's member is assigned to the case by its admin; another member of A is not.
    await runtime.services.cases.setMembers(bed.people.vendorA, caseId, {
      userIds: [users().vendorAMember.userId],
    });
    const unassigned = await createTestUser(runtime, {
      email: "unassigned@vendor-a.example",
      organizationId: bed.cast.organizations.vendorA,
      role: "member",
    });
    // Vendor C is on the case but has no NDA, so it was never notified; vendor B has an NDA
    // but was only added, not notified.
    const vendorC = await runtime.services.organizations.create(bed.people.coordinator, {
      type: "vendor",
      name: "Vendor C Without NDA",
      contactEmail: "psirt@vendor-c.example",
      products: [{ name: "Switch C3" }],
    });
    const vendorCAdmin = await createTestUser(runtime, {
      email: "admin@vendor-c.example",
      organizationId: vendorC.id,
      role: "admin",
    });
    const { cases } = runtime.services;
    await cases.addVendor(bed.people.coordinator, caseId, { organizationId: vendorC.id });
    await cases.addVendor(bed.people.coordinator, caseId, {
      organizationId: bed.cast.organizations.vendorB,
    });

    const taskId = await assign(caseId, users().analyst, 7);
    const findingId = await finish(users().analyst, taskId, true);
    const mailed = await mailFromNow();
    okJson(
      await bed.call(
        users().coordinatorMember,
        "POST",
        `/api/v1/cases/${caseId}/analysis-findings/${findingId}/relay`,
      ),
    );
    const mails = await mailed();
    const to = (address: string) => mails.filter((m) => m.to.includes(address));
    expect(to(users().vendorAAdmin.email)).toHaveLength(1);
    expect(to(users().vendorAMember.email)).toHaveLength(1);
    for (const address of [
      unassigned.email,
      vendorCAdmin.email,
      "psirt@vendor-c.example",
      bed.people.vendorBAdmin.email,
      users().vendorBMember.email,
      users().finder.email,
    ]) {
      expect(to(address), address).toEqual([]);
    }
    const notice = to(users().vendorAAdmin.email)[0];
    expect(notice?.mail.text).toContain(`/cases/${caseId}`);
    for (const mail of mails) {
      for (const secret of [SHARED, REPORT_TEXT, NOTE]) expect(textOf(mail)).not.toContain(secret);
    }
  });

  it("reminds each analyst once a day of their overdue open tasks, without content, until they are completed", async () => {
    const { runtime } = bed;
    const analyst = await createTestUser(runtime, {
      email: "analyst-overdue@intake.example",
      name: "Overdue Analyst",
      language: "ja",
      organizationId: bed.cast.organizations.intake,
      role: "analyst",
    });
    const punctual = await createTestUser(runtime, {
      email: "analyst-punctual@intake.example",
      organizationId: bed.cast.organizations.intake,
      role: "analyst",
    });
    const { caseId } = await forwarded();
    const start = runtime.clock.now().getTime();
    const at = (days: number) => new Date(start + days * 86_400_000).toISOString();
    const first = await assign(caseId, analyst, 1);
    const second = await assign(caseId, analyst, 3, "impact");
    await assign(caseId, punctual, 30);
    const caseNumber = okJson(
      await bed.call(users().intakeMember, "GET", `/api/v1/cases/${caseId}`),
    ).caseNumber as string;

    // Nothing before a deadline has passed.
    let mailed = await mailFromNow();
    await bed.runDueAt(at(0.5));
    expect((await mailed()).filter((m) => m.to.includes(analyst.email))).toEqual([]);

    // Two days on: one task overdue, one mail, in the analyst's language, with no content.
    mailed = await mailFromNow();
    await bed.runDueAt(at(2));
    let mails = (await mailed()).filter((m) => m.to.includes(analyst.email));
    expect(mails).toHaveLength(1);
    const [reminder] = mails;
    expect(reminder?.mail.subject).toContain("期限を過ぎた分析タスク（1件）");
    expect(reminder?.mail.text).toContain(caseNumber);
    expect(reminder?.mail.text).toContain("/analysis-tasks");
    expect(reminder?.mail.text).toContain("JST");
    for (const secret of [REPORT_TEXT, NOTE])
      expect(textOf(mails[0] ?? { mail: {} })).not.toContain(secret);

    // The same day again, and an hour later: no second mail.
    mailed = await mailFromNow();
    await runtime.jobRunner.runDue();
    await bed.runDueAt(new Date(Date.parse(at(2)) + 3_600_000).toISOString());
    expect((await mailed()).filter((m) => m.to.includes(analyst.email))).toEqual([]);

    // The next day both are overdue: one mail naming two tasks.
    mailed = await mailFromNow();
    await bed.runDueAt(at(3.5));
    mails = (await mailed()).filter((m) => m.to.includes(analyst.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.mail.subject).toContain("（2件）");

    // Completed, the tasks are no longer told of; the analyst with no overdue task never was.
    await finish(analyst, first);
    await finish(analyst, second);
    mailed = await mailFromNow();
    await bed.runDueAt(at(5));
    const after = await mailed();
    expect(after.filter((m) => m.to.includes(analyst.email))).toEqual([]);
    expect(
      (await smtp.messages()).filter(
        (m) => m.to.includes(punctual.email) && /overdue|past their deadline/i.test(textOf(m)),
      ),
    ).toEqual([]);
  });
});
