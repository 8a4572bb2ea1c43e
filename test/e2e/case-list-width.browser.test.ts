import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/platform/http/context.ts";
import { createCast, createTestUser, signIn } from "../support/actors.ts";
import {
  axeViolations,
  browserAvailable,
  browserTestbed,
  expectNoProblems,
  openPage,
  settle,
  visit,
} from "../support/browser.ts";

const available = browserAvailable();
const V3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const TITLES = [
  "Remote code execution in the management console of the Router A100 series firmware",
  "ルーター A100 シリーズの管理画面におけるクロスサイトスクリプティングの脆弱性",
];

describe.skipIf(!available)(
  "the staff's case list with its risk on a laptop screen, in Chromium",
  () => {
    const bed = browserTestbed();

    it("fits the coordinator's and the desk's case lists, risk included, in 1280 px without cutting a column off", async () => {
      const { runtime, app, url } = bed.server;
      const cast = await createCast(runtime);
      const { services } = runtime;
      const finder = await cast.actorOf(cast.users.finder);
      const deskAdmin = await cast.actorOf(cast.users.intakeAdmin);
      const desk = await cast.actorOf(cast.users.intakeMember);
      const coordinator = await cast.actorOf(cast.users.coordinatorMember);
      await services.organizations.recordNda(coordinator, cast.organizations.vendorA, {
        signedAt: "2026-01-15T00:00:00.000Z",
        version: "2026-01",
      });
      for (const [index, title] of TITLES.entries()) {
        const { id: reportId } = await services.reports.submit(finder, {
          kind: "product",
          title,
          productName: "Router A100",
          productVersion: "1.0",
          description: "The device name is shown unescaped.",
          reproduction: "Save <script> as the device name.",
          consent: {
            identityToCoordinator: false,
            identityToVendor: false,
            directContact: false,
            credit: null,
          },
        });
        await services.reports.accept(deskAdmin, reportId);
        const { caseId } = await services.reports.forward(deskAdmin, reportId, {});
        if (!caseId) throw new Error("the forward made no case");
        await services.cases.addVendor(coordinator, caseId, {
          organizationId: cast.organizations.vendorA,
        });
        await services.cases.notifyVendor(coordinator, caseId, {
          orgId: cast.organizations.vendorA,
        });
        if (index === 0) {
          await services.risk.setCaseRisk(desk, caseId, {
            cvssV3: V3,
            ssvc: {
              exploitation: "active",
              automatable: "yes",
              technicalImpact: "total",
              missionWellbeing: "high",
            },
            urgency: "critical",
            reason: "Exploited against exposed consoles",
          });
        }
      }
      const coordinatorJa = await createTestUser(runtime, {
        email: "chousei@coordinator.example",
        name: "調整 花子",
        language: "ja",
        organizationId: cast.organizations.coordinator,
        role: "member",
      });

      for (const [name, user, locale] of [
        ["case-list-width-coordinator-ja", coordinatorJa, "ja-JP"],
        ["case-list-width-coordinator-en", cast.users.coordinatorMember, "en-US"],
        ["case-list-width-desk-en", cast.users.intakeMember, "en-US"],
      ] as const) {
        const session = await signIn(app, runtime, user);
        const opened = await openPage(bed.browser, name, {
          locale,
          viewport: { width: 1280, height: 900 },
        });
        await opened.context.addCookies([
          { name: SESSION_COOKIE, value: session.sessionToken ?? "", url, httpOnly: true },
        ]);
        await visit(opened.page, `${url}/cases?sort=urgency`);
        await settle(opened.page);
        await opened.screenshot(name);
        // Each table fits its scroll region: no column is cut off at the right edge.
        const overflowing = await opened.page.evaluate(() =>
          [...document.querySelectorAll("table.data")].flatMap((table) => {
            const region = table.parentElement;
            return region && region.scrollWidth > region.clientWidth + 1 ? [table.id] : [];
          }),
        );
        expect({ name, overflowing }).toEqual({ name, overflowing: [] });
        expect(await axeViolations(opened.page)).toEqual([]);
        expectNoProblems(opened.problems);
      }
    });
  },
);
