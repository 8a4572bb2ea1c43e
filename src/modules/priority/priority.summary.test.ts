import { beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, createTestUser, signIn } from "../../../test/support/actors.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { decodedHtml } from "../../../test/support/html.ts";
import { translator } from "../../platform/i18n/i18n.ts";

const HTML = { accept: "text/html" };
const t = translator("en");
const REASON = "Substation routers run this firmware.";
const PACKAGE_TEXT = "Keep staff ready to deploy firmware 1.0.4 on the substation routers.";

async function page(session: BrowserSession, url: string) {
  const response = await session.inject({ method: "GET", url, headers: HTML });
  return { status: response.statusCode, html: decodedHtml(response.body) };
}

/** The case page's priority section, or null when the page has none. */
const casePrioritySection = (html: string) =>
  /<section id="case-priority"[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;
const reportPrioritySection = (html: string) =>
  /<section id="priority-provision"[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;

describe.each(testDatabaseTargets())(
  "priority provision shown on the case and report pages on $name (R-PRI-5)",
  (target) => {
    const bed = advisoryTestbed(target);
    let electricity: string;

    beforeAll(async () => {
      const intake = await bed.cast.actorOf(bed.cast.users.intakeMember);
      ({ id: electricity } = await bed.runtime.services.organizations.create(intake, {
        type: "priority_recipient",
        name: "Grid Power Co",
        contactEmail: "soc@grid-power.example",
        sector: "electricity",
      }));
    }, 120_000);

    it("shows the staff each provision's state, asks the vendor for its agreement, and after publication tells the finder and the vendors when and to which sectors — and nothing before, nor to another case's vendor", async () => {
      const { runtime, cast } = bed;
      const desk = cast.users.intakeMember;
      const publishAt = bed.inDays(10);
      const { caseId, reportId } = await bed.approvedCase({ publishAt });

      // Another case, published without any provision, with a vendor of its own.
      const coordinatorActor = await cast.actorOf(cast.users.coordinatorMember);
      const { id: vendorC } = await runtime.services.organizations.create(coordinatorActor, {
        type: "vendor",
        name: "Vendor C GmbH",
        contactEmail: "psirt@vendor-c.example",
      });
      const vendorCAdmin = await createTestUser(runtime, {
        email: "admin@vendor-c.example",
        name: "Vendor C Admin",
        organizationId: vendorC,
        role: "admin",
      });
      await runtime.services.organizations.recordNda(bed.people.coordinator, vendorC, {
        signedAt: "2026-01-15T00:00:00.000Z",
        version: "2026-01",
      });
      const other = await bed.forwardedCase();
      await runtime.services.cases.addVendor(bed.people.coordinator, other.caseId, {
        organizationId: vendorC,
      });
      await runtime.services.cases.notifyVendor(bed.people.coordinator, other.caseId, {
        orgId: vendorC,
      });

      // No provision yet: the desk's section says so and leads to the tools.
      let deskSession = await signIn(bed.app, runtime, desk);
      const empty = casePrioritySection((await page(deskSession, `/cases/${caseId}`)).html);
      expect(empty).toContain(t("priority.case.none"));
      expect(empty).toContain(`href="/cases/${caseId}/priority"`);
      expect(empty).toContain(t("priority.summary.toolsLink"));

      const started = okJson(
        await bed.call(desk, "POST", `/api/v1/cases/${caseId}/priority-provisions`, {
          reason: REASON,
          sectors: ["electricity", "telecom"],
          recipientOrganizationIds: [electricity, cast.organizations.priorityRecipient],
        }),
        201,
      );
      const pid = started.id as string;
      okJson(
        await bed.call(desk, "POST", `/api/v1/priority-provisions/${pid}/packages`, {
          kind: "preparation_request",
          title: "Keep staff ready",
          body: PACKAGE_TEXT,
        }),
        201,
      );

      // Consulting: the desk and the coordinator see the state; vendor A is asked.
      const consulting = casePrioritySection((await page(deskSession, `/cases/${caseId}`)).html);
      expect(consulting).toContain(t("priority.status.consulting"));
      expect(consulting).toContain(t("priority.summary.agreements", { answered: 0, parties: 2 }));
      expect(consulting).toContain(t("priority.summary.no"));
      expect(consulting).not.toContain(REASON);
      const vendorA = await signIn(bed.app, runtime, cast.users.vendorAAdmin);
      const asked = casePrioritySection((await page(vendorA, `/cases/${caseId}`)).html);
      expect(asked).toContain(t("priority.summary.asked"));
      expect(asked).toContain(`href="/cases/${caseId}/priority"`);
      expect(asked).not.toContain(t("directory.sector.electricity"));
      // Vendor B is not affected: it is not asked, and sees nothing before publication.
      const vendorB = await signIn(bed.app, runtime, bed.people.vendorBAdmin);
      expect(casePrioritySection((await page(vendorB, `/cases/${caseId}`)).html)).toBeNull();

      for (const party of [cast.users.coordinatorMember, cast.users.vendorAAdmin]) {
        okJson(
          await bed.call(party, "POST", `/api/v1/priority-provisions/${pid}/agreements`, {
            decision: "agree",
          }),
        );
      }
      okJson(await bed.call(desk, "POST", `/api/v1/priority-provisions/${pid}/finder-notice`));
      const sent = okJson(await bed.call(desk, "POST", `/api/v1/priority-provisions/${pid}/send`));
      const coordinator = await signIn(bed.app, runtime, cast.users.coordinatorMember);
      const sentState = casePrioritySection((await page(coordinator, `/cases/${caseId}`)).html);
      expect(sentState).toContain(t("priority.status.sent"));
      expect(sentState).toContain(t("priority.summary.agreements", { answered: 2, parties: 2 }));
      expect(sentState).toContain(t("priority.summary.yes"));
      expect(sentState).toContain(t("priority.summary.link"));

      // Sent but not published: the vendors and the finder see nothing of it.
      expect(casePrioritySection((await page(vendorA, `/cases/${caseId}`)).html)).toBeNull();
      const finderBefore = await signIn(bed.app, runtime, cast.users.finder);
      const reportBefore = await page(finderBefore, `/reports/${reportId}`);
      expect(reportBefore.status).toBe(200);
      expect(reportPrioritySection(reportBefore.html)).toBeNull();
      expect(reportBefore.html).not.toContain(`/cases/${caseId}/priority`);

      // At publication (sessions opened before have expired: sign in again).
      await bed.runDueAt(publishAt);
      const sectors = `${t("directory.sector.electricity")}, ${t("directory.sector.telecom")}`;
      const finder = await signIn(bed.app, runtime, cast.users.finder);
      const told = reportPrioritySection((await page(finder, `/reports/${reportId}`)).html);
      const [before, after] = t("priority.summary.sent", { date: "|", sectors }).split("|");
      expect(told).toContain(`${before}<time`);
      expect(told).toContain(`</time>${after}`);
      expect(told).toContain(sectors);
      expect(told).toContain(`<time datetime="${sent.sentAt}">`);
      expect(told).toMatch(/JST|GMT\+9/);
      expect(told).not.toContain("Grid Power Co");
      for (const user of [cast.users.vendorAAdmin, bed.people.vendorBAdmin]) {
        const session = await signIn(bed.app, runtime, user);
        const vendorTold = casePrioritySection((await page(session, `/cases/${caseId}`)).html);
        expect(vendorTold).toContain(sectors);
        expect(vendorTold).toContain(`<time datetime="${sent.sentAt}">`);
        expect(vendorTold).not.toContain("Grid Power Co");
        expect(vendorTold).not.toContain(REASON);
        expect(vendorTold).not.toContain(t("priority.summary.asked"));
      }
      deskSession = await signIn(bed.app, runtime, desk);
      const ended = casePrioritySection((await page(deskSession, `/cases/${caseId}`)).html);
      expect(ended).toContain(t("priority.status.ended"));

      // Another case's vendor: this case is not found, its own case shows nothing.
      const vendorCSession = await signIn(bed.app, runtime, vendorCAdmin);
      const foreign = await page(vendorCSession, `/cases/${caseId}`);
      expect(foreign.status).toBe(404);
      expect(foreign.html).not.toContain(t("directory.sector.electricity"));
      const own = await page(vendorCSession, `/cases/${other.caseId}`);
      expect(own.status).toBe(200);
      expect(casePrioritySection(own.html)).toBeNull();
    }, 180_000);

    it("shows the finder and the vendors nothing after a publication without priority provision", async () => {
      const { caseId, reportId } = await bed.publishedCase();
      const finder = await signIn(bed.app, bed.runtime, bed.cast.users.finder);
      const report = await page(finder, `/reports/${reportId}`);
      expect(report.status).toBe(200);
      expect(reportPrioritySection(report.html)).toBeNull();
      expect(report.html).not.toContain(`/cases/${caseId}/priority`);
      const vendorA = await signIn(bed.app, bed.runtime, bed.cast.users.vendorAAdmin);
      const casePage = await page(vendorA, `/cases/${caseId}`);
      expect(casePage.status).toBe(200);
      expect(casePrioritySection(casePage.html)).toBeNull();
    }, 120_000);
  },
);
