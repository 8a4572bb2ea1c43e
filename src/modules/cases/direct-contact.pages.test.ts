import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  browserSession,
  type Cast,
  createCast,
  signIn,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { en } from "../../platform/i18n/en.ts";
import { ja } from "../../platform/i18n/ja.ts";
import type { UserActor } from "../access/actor.ts";

const HTML = { accept: "text/html" };
const NDA = { signedAt: "2026-11-01T00:00:00.000Z", version: "NDA-2026" };

/** The page's text as a reader gets it (tags dropped, entities decoded). */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ");
}

describe.each(testDatabaseTargets())(
  "direct contact and unreachable vendor pages on $name",
  (target) => {
    let runtime: TestRuntime;
    let app: FastifyInstance;
    let cast: Cast;
    let coordinatorActor: UserActor;
    let coordinator: BrowserSession;
    let intake: BrowserSession;
    let finder: BrowserSession;

    const get = (session: BrowserSession, url: string) =>
      session.inject({ method: "GET", url, headers: HTML });
    const post = (session: BrowserSession, url: string, fields: Record<string, string>) =>
      session.inject({
        method: "POST",
        url,
        headers: { ...HTML, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(fields).toString(),
      });

    /** The finder's product report, forwarded, with these vendors notified: report and case. */
    async function notifiedCase(
      title: string,
      vendors: string[],
      directContact: boolean,
    ): Promise<{ reportId: string; caseId: string }> {
      const { reports, cases } = runtime.services;
      const finderActor = await cast.actorOf(cast.users.finder);
      const desk = await cast.actorOf(cast.users.intakeAdmin);
      const { id: reportId } = await reports.submit(finderActor, {
        kind: "product",
        title,
        productName: "Router A100",
        productVersion: "1.0.3",
        description: "CASE-SECRET-DESCRIPTION: stored XSS in the admin console.",
        reproduction: "Add a device named <img src=x onerror=alert(1)>.",
        consent: {
          identityToCoordinator: true,
          identityToVendor: false,
          directContact,
          credit: null,
        },
      });
      await reports.accept(desk, reportId);
      const { caseId } = await reports.forward(desk, reportId, {});
      if (!caseId) throw new Error("no case");
      await cases.assign(coordinatorActor, caseId, { userId: cast.users.coordinatorMember.userId });
      for (const orgId of vendors) {
        await cases.addVendor(coordinatorActor, caseId, { organizationId: orgId });
        await cases.notifyVendor(coordinatorActor, caseId, { orgId: orgId });
      }
      return { reportId, caseId };
    }

    beforeAll(async () => {
      runtime = await createTestRuntime(target);
      app = await buildApp(runtime);
      await app.ready();
      cast = await createCast(runtime);
      coordinatorActor = await cast.actorOf(cast.users.coordinatorMember);
      for (const orgId of [cast.organizations.vendorA, cast.organizations.vendorB]) {
        await runtime.services.organizations.recordNda(coordinatorActor, orgId, NDA);
      }
      coordinator = await signIn(app, runtime, cast.users.coordinatorMember);
      intake = await signIn(app, runtime, cast.users.intakeMember);
      finder = await signIn(app, runtime, cast.users.finder);
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      await runtime?.close();
    });

    it("opens a vendor's direct contact through the coordinator's and the desk's approve buttons, and the finder reads the vendor's message and answers it on the report page", async () => {
      const { cases } = runtime.services;
      const { reportId, caseId } = await notifiedCase(
        "Direct contact case",
        [cast.organizations.vendorA],
        true,
      );
      const vendorAActor = await cast.actorOf(cast.users.vendorAAdmin);
      const { id: requestId } = await cases.requestDirectContact(vendorAActor, caseId, {
        reason: "We need the finder's test setup.",
      });
      const approveUrl = `/cases/${caseId}/direct-contact-requests/${requestId}/approve`;

      // Before any approval the finder's page names no vendor.
      const before = await get(finder, `/reports/${reportId}`);
      expect(before.statusCode).toBe(200);
      expect(text(before.body)).not.toContain("Vendor A Corporation");
      expect(text(before.body)).not.toContain(en["contactPages.finder.heading"]);

      const coordinatorPage = await get(coordinator, `/cases/${caseId}`);
      expect(text(coordinatorPage.body)).toContain(en["contactPages.approve.heading"]);
      expect(coordinatorPage.body).toContain(`action="${approveUrl}"`);
      const byCoordinator = await post(coordinator, approveUrl, {});
      expect(byCoordinator.statusCode).toBe(303);
      expect(byCoordinator.headers.location).toBe(`/cases/${caseId}?done=contactApproved`);
      const afterCoordinator = await get(coordinator, `/cases/${caseId}?done=contactApproved`);
      expect(text(afterCoordinator.body)).toContain(en["contactPages.approve.notice"]);
      // Approved once: no second button for the coordinator.
      expect(afterCoordinator.body).not.toContain(`action="${approveUrl}"`);

      // Still closed to the finder until the desk approves too.
      expect(text((await get(finder, `/reports/${reportId}`)).body)).not.toContain(
        "Vendor A Corporation",
      );

      const deskPage = await get(intake, `/cases/${caseId}`);
      expect(deskPage.statusCode).toBe(200);
      expect(deskPage.body).toContain(`action="${approveUrl}"`);
      const byDesk = await post(intake, approveUrl, {});
      expect(byDesk.statusCode).toBe(303);
      const deskAfter = await get(intake, `/cases/${caseId}`);
      expect(text(deskAfter.body)).toContain(en["contactPages.approve.status.open"]);
      expect(deskAfter.body).not.toContain(`action="${approveUrl}"`);

      await cases.postMessage(vendorAActor, caseId, { body: "HELLO-FINDER-FROM-A", to: "finder" });
      const page = await get(finder, `/reports/${reportId}`);
      const body = text(page.body);
      expect(body).toContain(en["contactPages.finder.heading"]);
      expect(body).toContain("Vendor A Corporation");
      expect(body).toContain("HELLO-FINDER-FROM-A");
      const orgId = cast.organizations.vendorA;
      const action = `/reports/${reportId}/direct-contacts/${orgId}/messages`;
      expect(page.body).toContain(`action="${action}"`);

      // An empty answer comes back beside its form, in the finder's language.
      const empty = await post(finder, action, { [`contactBody-${orgId}`]: " " });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain(`id="field-contactBody-${orgId}-error"`);

      const answered = await post(finder, action, {
        [`contactBody-${orgId}`]: "HELLO-VENDOR-A-FROM-FINDER",
      });
      expect(answered.statusCode).toBe(303);
      expect(answered.headers.location).toBe(`/reports/${reportId}?contacted=1`);
      const after = text((await get(finder, `/reports/${reportId}?contacted=1`)).body);
      expect(after).toContain(en["contactPages.finder.notice"]);
      expect(after).toContain("HELLO-VENDOR-A-FROM-FINDER");
      const thread = await cases.messages(vendorAActor, caseId);
      expect(thread.items.map((m) => m.body)).toContain("HELLO-VENDOR-A-FROM-FINDER");
    });

    it("shows a finder whose direct contact was never approved no vendor name, and refuses a message to that vendor", async () => {
      const { cases } = runtime.services;
      const { reportId, caseId } = await notifiedCase(
        "Unapproved contact case",
        [cast.organizations.vendorA],
        true,
      );
      const vendorA = await cast.actorOf(cast.users.vendorAAdmin);
      await cases.requestDirectContact(vendorA, caseId, {
        reason: "We would like to talk to the finder.",
      });
      // Only the coordinator approves: the contact stays pending.
      const view = await cases.get(coordinatorActor, caseId);
      const requestId = (view as { directContacts: { id: string }[] }).directContacts[0]?.id ?? "";
      expect(
        (
          await post(
            coordinator,
            `/cases/${caseId}/direct-contact-requests/${requestId}/approve`,
            {},
          )
        ).statusCode,
      ).toBe(303);

      const page = await get(finder, `/reports/${reportId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain("Vendor A Corporation");
      expect(page.body).not.toContain("/direct-contacts/");
      const refused = await post(
        finder,
        `/reports/${reportId}/direct-contacts/${cast.organizations.vendorA}/messages`,
        { [`contactBody-${cast.organizations.vendorA}`]: "Hello?" },
      );
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain("Vendor A Corporation");
    });

    it("lists an unresponsive vendor through the coordinator's form on the public page, in Japanese and English, with nothing of the case", async () => {
      const { cases } = runtime.services;
      const { caseId } = await notifiedCase(
        "UNREACHABLE-CASE-TITLE",
        [cast.organizations.vendorB],
        false,
      );
      await cases.markUnresponsive(coordinatorActor, caseId, {
        orgId: cast.organizations.vendorB,
        note: "No answer to any contact.",
      });
      const casePage = await get(coordinator, `/cases/${caseId}`);
      expect(casePage.body).toContain(`action="/cases/${caseId}/publish-unreachable"`);

      const missing = await post(coordinator, `/cases/${caseId}/publish-unreachable`, {
        unreachableOrgId: cast.organizations.vendorB,
        unreachableStage: "name",
        unreachableDecision: "",
      });
      expect(missing.statusCode).toBe(422);
      expect(text(missing.body)).toContain(
        en["casePages.error.required"].replace("{field}", en["contactPages.unreachable.decision"]),
      );

      const listed = await post(coordinator, `/cases/${caseId}/publish-unreachable`, {
        unreachableOrgId: cast.organizations.vendorB,
        unreachableStage: "name",
        unreachableDecision: "UNREACHABLE-DECISION-TEXT",
      });
      expect(listed.statusCode).toBe(303);
      expect(listed.headers.location).toBe(`/cases/${caseId}?done=unreachable`);

      for (const [language, catalog] of [
        ["ja", ja],
        ["en", en],
      ] as const) {
        const anonymous = browserSession(app);
        const page = await anonymous.inject({
          method: "GET",
          url: "/unreachable-vendors",
          headers: { ...HTML, "accept-language": language },
        });
        expect(page.statusCode).toBe(200);
        const body = text(page.body);
        expect(body).toContain(catalog["contactPages.list.title"]);
        expect(body).toContain(catalog["contactPages.list.lead"]);
        expect(body).toContain("Vendor B Inc.");
        expect(body).toContain(catalog["contactPages.list.productPending"]);
        expect(page.body).toMatch(/<time datetime="[^"]+">[^<]*(JST|GMT\+9|日本標準時)/);
        expect(page.body).toContain('href="/unreachable-vendors"');
        for (const secret of [
          "UNREACHABLE-CASE-TITLE",
          "UNREACHABLE-DECISION-TEXT",
          "CASE-SECRET-DESCRIPTION",
          "Router A100",
          caseId,
        ]) {
          expect(page.body).not.toContain(secret);
        }
      }
    });
  },
);
