import { describe, expect, it } from "vitest";
import { type BrowserSession, signIn } from "../../../test/support/actors.ts";
import { advisoryTestbed } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { translator } from "../../platform/i18n/i18n.ts";

const HTML = { accept: "text/html" };
const V3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const REASON = "Reachable from the internet on most installations";

const get = (session: BrowserSession, url: string) =>
  session.inject({ method: "GET", url, headers: HTML });
const post = (session: BrowserSession, url: string, fields: Record<string, string>) =>
  session.inject({
    method: "POST",
    url,
    headers: { ...HTML, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams(fields).toString(),
  });
const languageOf = (body: string) =>
  translator(/<html lang="(\w+)"/.exec(body)?.[1] === "ja" ? "ja" : "en");

const FORM = {
  cvssV3: V3,
  cvssV4: "",
  ssvcExploitation: "active",
  ssvcAutomatable: "yes",
  ssvcTechnicalImpact: "total",
  ssvcMissionWellbeing: "high",
  urgency: "critical",
  reason: REASON,
};

describe.each(testDatabaseTargets())(
  "the risk section of the report and case pages on $name",
  (target) => {
    const bed = advisoryTestbed(target);

    async function filed() {
      const { id } = await bed.runtime.services.reports.submit(bed.people.finder, {
        kind: "product",
        title: "XSS in Router A100 admin console",
        productName: "Router A100",
        productVersion: "1.0.3",
        description: "Stored XSS in the device name field.",
        reproduction: "Add a device named <script> and open the list.",
        consent: {
          identityToCoordinator: true,
          identityToVendor: false,
          directContact: false,
          credit: null,
        },
      });
      return id;
    }

    /** The desk member who takes the report, and so may read its content and risk reason. */
    async function takenBy(reportId: string, userId: string) {
      const assigned = await bed.call(
        bed.cast.users.intakeAdmin,
        "POST",
        `/api/v1/reports/${reportId}/assign`,
        { userId },
      );
      expect(assigned.statusCode, assigned.body).toBe(200);
    }

    it("lets the desk set a report's risk with the form (no script) and shows the decision, the breakdown and the history", async () => {
      const reportId = await filed();
      await takenBy(reportId, bed.cast.users.intakeMember.userId);
      const desk = await signIn(bed.app, bed.runtime, bed.cast.users.intakeMember);
      const before = await get(desk, `/reports/${reportId}`);
      expect(before.statusCode).toBe(200);
      const t = languageOf(before.body);
      expect(before.body).toContain(t("risk.heading"));
      expect(before.body).toContain(t("risk.none"));

      const sent = await post(desk, `/reports/${reportId}/risk`, FORM);
      expect(sent.statusCode, sent.body).toBe(303);
      expect(sent.headers.location).toBe(`/reports/${reportId}#risk`);
      const after = await get(desk, `/reports/${reportId}`);
      expect(after.body).toContain(t("risk.decision.act"));
      expect(after.body).toContain(t("risk.urgency.critical"));
      expect(after.body).toContain(REASON);
      expect(after.body).toContain(t("scoring.score.breakdown"));
      expect(after.body).toContain(t("risk.history.heading"));
      // The history row names the change and the time with its zone.
      expect(after.body).toMatch(/JST|日本時間|\+09:00|Asia\/Tokyo/);

      // Another desk member, not assigned: the decision and the urgency, not the reason.
      const analyst = await signIn(bed.app, bed.runtime, bed.cast.users.analyst);
      const withheld = await get(analyst, `/reports/${reportId}`);
      expect(withheld.statusCode).toBe(200);
      const ta = languageOf(withheld.body);
      expect(withheld.body).toContain(ta("risk.decision.act"));
      expect(withheld.body).toContain(ta("risk.reasonWithheld"));
      expect(withheld.body).toContain(ta("risk.history.reasonWithheld"));
      expect(withheld.body).not.toContain(REASON);

      const finder = await signIn(bed.app, bed.runtime, bed.cast.users.finder);
      const finderPage = await get(finder, `/reports/${reportId}`);
      expect(finderPage.statusCode).toBe(200);
      expect(finderPage.body).not.toContain(t("risk.heading"));
      expect(finderPage.body).not.toContain(REASON);
    }, 120_000);

    it("draws the page again with the errors beside the fields for a v3 vector in the v4 box or half the SSVC inputs", async () => {
      const reportId = await filed();
      const desk = await signIn(bed.app, bed.runtime, bed.cast.users.intakeMember);
      const wrong = await post(desk, `/reports/${reportId}/risk`, { ...FORM, cvssV4: V3 });
      expect(wrong.statusCode).toBe(422);
      const t = languageOf(wrong.body);
      expect(wrong.body).toContain('id="field-cvssV4-error"');
      const half = await post(desk, `/reports/${reportId}/risk`, {
        ...FORM,
        ssvcAutomatable: "",
      });
      expect(half.statusCode).toBe(422);
      expect(half.body).toContain(t("risk.ssvcIncomplete").replaceAll('"', "&quot;"));
    }, 120_000);

    it("shows the case's risk (its report's until changed) to the coordinator, who changes it, and none to a vendor", async () => {
      const { reports, cases, organizations } = bed.runtime.services;
      const reportId = await filed();
      const deskSession = await signIn(bed.app, bed.runtime, bed.cast.users.intakeMember);
      expect((await post(deskSession, `/reports/${reportId}/risk`, FORM)).statusCode).toBe(303);
      await reports.accept(bed.people.desk, reportId);
      const { caseId } = await reports.forward(bed.people.desk, reportId, {});
      if (!caseId) throw new Error("no case");
      const coordinator = await signIn(bed.app, bed.runtime, bed.cast.users.coordinatorMember);
      const page = await get(coordinator, `/cases/${caseId}`);
      expect(page.statusCode).toBe(200);
      const t = languageOf(page.body);
      expect(page.body).toContain(t("risk.inherited"));
      const changed = await post(coordinator, `/cases/${caseId}/risk`, {
        ...FORM,
        urgency: "high",
        reason: "The vendor has a fix ready",
      });
      expect(changed.statusCode, changed.body).toBe(303);
      const after = await get(coordinator, `/cases/${caseId}`);
      expect(after.body).not.toContain(t("risk.inherited"));
      expect(after.body).toContain(t("risk.history.onCase"));
      // The state box at the top says it in one line, linking to the section.
      const inShort = after.body.match(/<dd id="case-state-risk"><a href="#case-risk">([^<]*)</);
      expect(inShort?.[1]).toContain(`${t("risk.list.urgency")} ${t("risk.urgency.high")}`);

      const vendorA = bed.cast.organizations.vendorA;
      await organizations.recordNda(bed.people.coordinator, vendorA, {
        signedAt: "2026-01-15T00:00:00.000Z",
        version: "2026-01",
      });
      await cases.addVendor(bed.people.coordinator, caseId, { organizationId: vendorA });
      await cases.notifyVendor(bed.people.coordinator, caseId, { orgId: vendorA });
      const vendor = await signIn(bed.app, bed.runtime, bed.cast.users.vendorAAdmin);
      const vendorPage = await get(vendor, `/cases/${caseId}`);
      expect(vendorPage.statusCode).toBe(200);
      expect(vendorPage.body).not.toContain(t("risk.heading"));
      expect(vendorPage.body).not.toContain("The vendor has a fix ready");
      const refused = await post(vendor, `/cases/${caseId}/risk`, FORM);
      expect(refused.statusCode).toBe(403);
    }, 120_000);

    it("shows the queue and the case list with risk columns, sorted and filtered by the query", async () => {
      const low = await filed();
      const critical = await filed();
      const desk = await signIn(bed.app, bed.runtime, bed.cast.users.intakeMember);
      await post(desk, `/reports/${low}/risk`, {
        ...FORM,
        urgency: "low",
        cvssV3: "",
        ssvcExploitation: "",
        ssvcAutomatable: "",
        ssvcTechnicalImpact: "",
        ssvcMissionWellbeing: "",
      });
      await post(desk, `/reports/${critical}/risk`, FORM);
      const queue = await get(desk, "/reports?sort=urgency&urgency=critical");
      expect(queue.statusCode).toBe(200);
      const t = languageOf(queue.body);
      expect(queue.body).toContain(t("risk.list.ssvc"));
      expect(queue.body).toContain(`/reports/${critical}`);
      expect(queue.body).not.toContain(`/reports/${low}"`);
      const sorted = await get(desk, "/reports?sort=urgency");
      expect(sorted.body.indexOf(`/reports/${critical}"`)).toBeLessThan(
        sorted.body.indexOf(`/reports/${low}"`),
      );
      const odd = await get(desk, "/reports?sort=loudest&urgency=extreme&minCvss=11");
      expect(odd.statusCode).toBe(200);

      const { reports } = bed.runtime.services;
      for (const id of [low, critical]) {
        await reports.accept(bed.people.desk, id);
        await reports.forward(bed.people.desk, id, {});
      }
      const coordinator = await signIn(bed.app, bed.runtime, bed.cast.users.coordinatorMember);
      const list = await get(coordinator, "/cases?sort=cvss&ssvcDecision=act");
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(t("risk.decision.act"));
      expect(list.body).toContain("9.8");
    }, 120_000);
  },
);
