import { beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  createTestUser,
  deliveredMail,
  signIn,
  type TestUser,
} from "../../../test/support/actors.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { translator } from "../../platform/i18n/i18n.ts";

const ja = translator("ja");

/** A form post from the signed-in session, as a browser sends it. */
function postForm(session: BrowserSession, url: string, form: [string, string][]) {
  return session.inject({
    method: "POST",
    url,
    payload: new URLSearchParams(form).toString(),
    headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
  });
}

describe.each(testDatabaseTargets())("the priority provision pages on $name", (target) => {
  const bed = advisoryTestbed(target);
  let deskJa: TestUser;
  let vendorJa: TestUser;
  let telecom: string;

  beforeAll(async () => {
    const { runtime, cast } = bed;
    telecom = cast.organizations.priorityRecipient;
    deskJa = await createTestUser(runtime, {
      email: "desk-ja@intake.example",
      name: "受付 太郎",
      organizationId: cast.organizations.intake,
      role: "member",
      language: "ja",
    });
    vendorJa = await createTestUser(runtime, {
      email: "psirt-ja@vendor-a.example",
      name: "開発 花子",
      organizationId: cast.organizations.vendorA,
      role: "admin",
      language: "ja",
    });
  }, 120_000);

  async function started() {
    const { caseId } = await bed.approvedCase({ publishAt: bed.inDays(10) });
    const { id: pid } = okJson(
      await bed.call(deskJa, "POST", `/api/v1/cases/${caseId}/priority-provisions`, {
        reason: "Substation routers run this firmware.",
        sectors: ["telecom"],
        recipientOrganizationIds: [telecom],
      }),
      201,
    );
    return { caseId, pid: pid as string };
  }

  it("shows a refused start form again in Japanese, each problem beside its field and in a summary, with what was typed", async () => {
    const { caseId } = await bed.approvedCase({ publishAt: bed.inDays(10) });
    const desk = await signIn(bed.app, bed.runtime, deskJa);
    const refused = await postForm(desk, `/cases/${caseId}/priority/start`, [
      ["reason", "変電所のルーターが使っている"],
      ["recipientOrganizationIds", telecom],
    ]);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(ja("priority.error.sectors"));
    expect(refused.body).toContain('href="#field-sectors"');
    expect(refused.body).toContain("変電所のルーターが使っている");
    expect(refused.body).toMatch(new RegExp(`value="${telecom}"[^>]*checked`));
    expect(refused.body).not.toContain("recipientOrganizationIds,");
    // A recipient outside the chosen sectors: the service's refusal, in Japanese too.
    const wrongSector = await postForm(desk, `/cases/${caseId}/priority/start`, [
      ["reason", "深刻"],
      ["sectors", "electricity"],
      ["recipientOrganizationIds", telecom],
    ]);
    expect(wrongSector.statusCode).toBe(422);
    expect(wrongSector.body).toContain(ja("priority.error.recipientOrganizationIds"));
    expect(wrongSector.body).not.toContain("belongs to a sector");
  });

  it("refuses to send before the agreements in the page's language, hides the start form while a provision is open, and lets the desk re-read its packages", async () => {
    const { caseId, pid } = await started();
    okJson(
      await bed.call(deskJa, "POST", `/api/v1/priority-provisions/${pid}/packages`, {
        kind: "summary",
        title: "概要",
        body: "管理画面の格納型 XSS",
      }),
      201,
    );
    const desk = await signIn(bed.app, bed.runtime, deskJa);
    const refused = await postForm(desk, `/priority-provisions/${pid}/send`, []);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain(ja("priority.error.notReady"));
    expect(refused.body).not.toContain("before sending");
    const page = await desk.inject({ method: "GET", url: `/cases/${caseId}/priority` });
    expect(page.body).not.toContain('id="priority-start"');
    expect(page.body).toContain(ja("priority.case.startHidden"));
    expect(page.body).toMatch(/<details[^>]*>.*管理画面の格納型 XSS/s);
    expect(page.body).toContain('href="/priority-copies/trace"');
    const unconfirmed = await postForm(desk, `/priority-provisions/${pid}/revoke`, []);
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain(ja("priority.error.confirm"));
    const view = okJson(await bed.call(deskJa, "GET", `/api/v1/priority-provisions/${pid}`));
    expect(view.status).toBe("consulting");
  });

  it("offers a party no preselected answer, says to whom and what kinds, and keeps an objection without reason with its message", async () => {
    const { caseId, pid } = await started();
    okJson(
      await bed.call(deskJa, "POST", `/api/v1/priority-provisions/${pid}/packages`, {
        kind: "preparation_request",
        title: "準備",
        body: "公表は10日後です。",
      }),
      201,
    );
    const vendor = await signIn(bed.app, bed.runtime, vendorJa);
    const page = await vendor.inject({ method: "GET", url: `/cases/${caseId}/priority` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/name="decision"[^>]*checked/);
    expect(page.body).toContain(
      ja("priority.sector.label", {
        name: "Telecom ISAC",
        sector: ja("directory.sector.telecom"),
      }),
    );
    expect(page.body).toContain(ja("priority.kind.preparation_request"));
    expect(page.body).not.toContain("公表は10日後です。");
    const refused = await postForm(vendor, `/priority-provisions/${pid}/agreement`, [
      ["decision", "object"],
      ["reason", ""],
    ]);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(ja("priority.error.objectionReason"));
    expect(refused.body).not.toContain("an objection needs a reason");
    expect(refused.body).toMatch(/value="object"[^>]*checked/);
  });

  it("tells the desk member who started which party answered what, and no analyst", async () => {
    const { pid, caseId } = await started();
    const before = new Set((await deliveredMail(bed.runtime)).map((m) => m.file));
    okJson(
      await bed.call(
        bed.cast.users.vendorAAdmin,
        "POST",
        `/api/v1/priority-provisions/${pid}/agreements`,
        {
          decision: "agree",
        },
      ),
    );
    const mails = (await deliveredMail(bed.runtime)).filter((m) => !before.has(m.file));
    const answered = mails.filter((m) => m.subject.includes("Vendor A Corporation"));
    expect(answered.map((m) => m.to)).toEqual([deskJa.email]);
    const reference = await bed.runtime.services.priority.caseReference(caseId);
    expect(answered[0]?.subject).toContain(
      ja("priority.notice.agreed", { party: "Vendor A Corporation", reference }),
    );
    for (const user of [bed.cast.users.analyst, bed.cast.users.intakeMember])
      expect(mails.some((m) => m.to === user.email)).toBe(false);
  });

  it("mails the finder the explanation under the report's receipt number, never the case number", async () => {
    const { pid, caseId } = await started();
    okJson(await bed.call(deskJa, "POST", `/api/v1/priority-provisions/${pid}/finder-notice`));
    const mails = await deliveredMail(bed.runtime, bed.cast.users.finder.email);
    const told = mails.filter((m) => m.text.includes("/priority-provision"));
    expect(told.length).toBeGreaterThan(0);
    const last = told.at(-1);
    const caseNumber = await bed.runtime.services.priority.caseReference(caseId);
    expect(last?.subject).toMatch(/[A-Z]+-\d{4}-\d+/);
    expect(`${last?.subject}${last?.text}`).not.toContain(caseNumber);
    expect(last?.text).toContain("non-disclosure agreement");
    expect(last?.text).toContain("government bodies and infrastructure operators");
  });
});
