import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  type Cast,
  createCast,
  createTestUser,
  signIn,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { en } from "../../platform/i18n/en.ts";
import { ja } from "../../platform/i18n/ja.ts";
import type { UserActor } from "../access/actor.ts";

const HTML = { accept: "text/html" };
const NDA = { signedAt: "2026-11-01T00:00:00.000Z", version: "NDA-2026" };
const DAY = 24 * 60 * 60 * 1000;

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

/** Every POST form of a page, as its HTML. */
function postForms(html: string): string[] {
  return [...html.matchAll(/<form[^>]*method="post"[\s\S]*?<\/form>/g)].map((m) => m[0]);
}

describe.each(testDatabaseTargets())("the product case pages on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let coordinatorActor: UserActor;
  let coordinator: BrowserSession;
  let vendorA: BrowserSession;
  let vendorBAdminUser: TestUser;
  let vendorBAdmin: BrowserSession;
  let vendorBMember: BrowserSession;
  let intake: BrowserSession;

  const get = (session: BrowserSession, url: string) =>
    session.inject({ method: "GET", url, headers: HTML });
  const post = (
    session: BrowserSession,
    url: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: boolean } = {},
  ) => {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      for (const entry of Array.isArray(value) ? value : [value]) form.append(key, entry);
    }
    return session.inject({
      method: "POST",
      url,
      headers: { ...HTML, "content-type": "application/x-www-form-urlencoded" },
      payload: form.toString(),
      ...(options.csrf === false ? { csrf: false } : {}),
    });
  };

  /** A product report filed by the finder, accepted and forwarded: the case it opened. */
  async function forwardedCase(title: string): Promise<string> {
    const { reports } = runtime.services;
    const finder = await cast.actorOf(cast.users.finder);
    const desk = await cast.actorOf(cast.users.intakeAdmin);
    const { id } = await reports.submit(finder, {
      kind: "product",
      title,
      productName: "Router A100",
      productVersion: "1.0.3",
      vendorName: "Vendor A",
      description: "Stored XSS in the device list of the admin console.",
      reproduction: "Add a device named <img src=x onerror=alert(1)>.",
      verificationMethod: "VERIFY-ON-LAB-ROUTER",
      attackMethod: "ATTACK-CURL-POC",
      consent: {
        identityToCoordinator: true,
        identityToVendor: false,
        directContact: false,
        credit: "Finder One",
      },
    });
    await reports.accept(desk, id);
    const { caseId } = await reports.forward(desk, id, {});
    if (!caseId) throw new Error("no case");
    // The coordinator member takes the case: its content is for the assigned handler (R-SEC-1).
    await runtime.services.cases.assign(coordinatorActor, caseId, {
      userId: cast.users.coordinatorMember.userId,
    });
    return caseId;
  }

  /** A case with these vendors added and notified (their NDAs are on file). */
  async function notifiedCase(title: string, vendors: string[]): Promise<string> {
    const caseId = await forwardedCase(title);
    for (const orgId of vendors) {
      await runtime.services.cases.addVendor(coordinatorActor, caseId, { organizationId: orgId });
      await runtime.services.cases.notifyVendor(coordinatorActor, caseId, { orgId: orgId });
    }
    return caseId;
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
    vendorBAdminUser = await createTestUser(runtime, {
      email: "admin@vendor-b.example",
      name: "ベンダーB 管理者",
      language: "ja",
      organizationId: cast.organizations.vendorB,
      role: "admin",
    });
    coordinator = await signIn(app, runtime, cast.users.coordinatorMember);
    vendorA = await signIn(app, runtime, cast.users.vendorAAdmin);
    vendorBAdmin = await signIn(app, runtime, vendorBAdminUser);
    vendorBMember = await signIn(app, runtime, cast.users.vendorBMember);
    intake = await signIn(app, runtime, cast.users.intakeMember);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it("lists the coordinator's cases by status, each with its next deadline in words and the vendor it waits for", async () => {
    const caseId = await notifiedCase("Desk case: router XSS", [cast.organizations.vendorA]);
    const desk = await get(coordinator, "/cases");
    expect(desk.statusCode).toBe(200);
    const body = text(desk.body);
    expect(body).toContain(en["casePages.list.coordinatorTitle"]);
    expect(body).toContain(en["casePages.nav"]);
    expect(desk.body).toContain(`href="/cases/${caseId}"`);
    expect(body).toContain(`${en["casePages.status.coordinating"]} (1), newest first`);
    // The caption names the order the staff chose (R-RISK-1 sorts), in the viewer's language.
    const byUrgency = text((await get(coordinator, "/cases?sort=urgency")).body);
    expect(byUrgency).toContain(`${en["casePages.status.coordinating"]} (1), most urgent first`);
    const intakeList = text((await get(intake, "/cases?sort=cvss")).body);
    expect(intakeList).toContain("Cases, highest CVSS score first");
    // The deadline says what it is, how it counts and for whom — in words.
    expect(body).toContain(en["casePages.deadline.upcoming"]);
    expect(body).toContain(
      en["casePages.deadline.withSpan"]
        .replace("{name}", en["casePages.deadline.acknowledgement"])
        .replace("{span}", en["casePages.span.calendarDays"].replace("{n}", "7")),
    );
    expect(body).toContain(en["casePages.deadline.from"].replace("{name}", "Vendor A Corporation"));
    expect(desk.body).toMatch(/<time datetime="[^"]+">[^<]*(JST|GMT\+9)/);

    const triageOnly = await get(coordinator, "/cases?status=triage");
    expect(triageOnly.body).not.toContain(`href="/cases/${caseId}"`);
    const coordinating = await get(coordinator, "/cases?status=coordinating");
    expect(coordinating.body).toContain(`href="/cases/${caseId}"`);
  });

  it("shows vendor A its case in My cases with its status, what is expected and by when", async () => {
    const caseId = await notifiedCase("Vendor list case", [cast.organizations.vendorA]);
    const list = await get(vendorA, "/cases");
    expect(list.statusCode).toBe(200);
    const body = text(list.body);
    expect(body).toContain(en["casePages.list.vendorTitle"]);
    expect(list.body).toContain(`href="/cases/${caseId}"`);
    expect(body).toContain(en["casePages.participant.notified"]);
    expect(body).toContain(en["casePages.expected.notified"]);
    expect(body).toContain(en["casePages.list.column.dueFromYou"]);
    expect(body).toContain(
      en["casePages.deadline.withSpan"]
        .replace("{name}", en["casePages.deadline.acknowledgement"])
        .replace("{span}", en["casePages.span.calendarDays"].replace("{n}", "7")),
    );
  });

  it("lets vendor A answer through the forms and never shows vendor B anything of vendor A", async () => {
    const caseId = await notifiedCase("Two vendor case", [
      cast.organizations.vendorA,
      cast.organizations.vendorB,
    ]);
    const base = `/cases/${caseId}`;
    const acknowledged = await post(vendorA, `${base}/acknowledge`, {});
    expect(acknowledged.statusCode).toBe(303);
    expect(acknowledged.headers.location).toBe(`${base}?done=acknowledged`);
    const after = await get(vendorA, `${base}?done=acknowledged`);
    expect(text(after.body)).toContain(en["casePages.notice.acknowledged"]);

    for (const [path, fields] of [
      ["status", { status: "affected", statement: "SECRET-A-STATEMENT" }],
      ["tracking-id", { trackingId: "SECRET-A-TRACKING" }],
      [
        "countermeasures",
        {
          countermeasureType: "fix",
          countermeasureDescription: "SECRET-A-FIX",
          affectedVersions: "1.0.0, 1.0.3",
          fixedVersions: "1.0.4",
          countermeasureUrl: "https://vendor-a.example/advisories/1",
        },
      ],
      ["messages", { body: "SECRET-A-MESSAGE" }],
      ["others-affected", { otherVendorName: "Camera Maker", otherReason: "SECRET-A-OTHERS" }],
    ] as const) {
      const response = await post(vendorA, `${base}/${path}`, fields);
      expect(response.statusCode, `${path}: ${text(response.body).slice(0, 400)}`).toBe(303);
    }
    const coordinatorToA = await post(coordinator, `${base}/messages`, {
      to: cast.organizations.vendorA,
      body: "SECRET-COORD-TO-A",
    });
    expect(coordinatorToA.statusCode).toBe(303);
    const broadcast = await post(coordinator, `${base}/messages`, {
      to: "vendors",
      body: "BROADCAST-TO-ALL",
    });
    expect(broadcast.statusCode).toBe(303);

    // Vendor A's own page: its statement, tracking ID, countermeasure and thread.
    const own = text((await get(vendorA, base)).body);
    for (const secret of [
      "SECRET-A-STATEMENT",
      "SECRET-A-TRACKING",
      "SECRET-A-FIX",
      "1.0.0, 1.0.3",
      "SECRET-A-MESSAGE",
      "SECRET-COORD-TO-A",
      "BROADCAST-TO-ALL",
      "VERIFY-ON-LAB-ROUTER",
    ]) {
      expect(own).toContain(secret);
    }
    expect(own).not.toContain("ATTACK-CURL-POC");
    expect(own).not.toContain("Vendor B Inc.");

    // The coordinator sees every vendor, with vendor A's thread under its name.
    const desk = await get(coordinator, base);
    const deskText = text(desk.body);
    expect(deskText).toContain("Vendor B Inc.");
    expect(deskText).toContain("SECRET-A-STATEMENT");
    expect(deskText).toContain("ATTACK-CURL-POC");
    expect(deskText).toContain("SECRET-A-OTHERS");
    expect(deskText).toContain("Vendor A Corporation → Coordinator");
    expect(desk.body).toMatch(
      new RegExp(`id="case-status">${en["casePages.status.countermeasure_ready"]}<`),
    );

    // Vendor B's admin assigns its member through the picker; the member sees B's part only.
    const assigned = await post(vendorBAdmin, `${base}/members`, {
      userIds: [cast.users.vendorBMember.userId],
    });
    expect(assigned.statusCode).toBe(303);
    for (const session of [vendorBAdmin, vendorBMember]) {
      const page = await get(session, base);
      expect(page.statusCode).toBe(200);
      const seen = text(page.body);
      expect(seen).toContain("BROADCAST-TO-ALL");
      for (const secret of [
        "Vendor A Corporation",
        "Vendor A Admin",
        cast.organizations.vendorA,
        "SECRET-A-STATEMENT",
        "SECRET-A-TRACKING",
        "SECRET-A-FIX",
        "SECRET-A-MESSAGE",
        "SECRET-COORD-TO-A",
        "SECRET-A-OTHERS",
        "ATTACK-CURL-POC",
      ]) {
        expect(page.body).not.toContain(secret);
      }
      const list = await get(session, "/cases");
      expect(list.body).toContain(`href="${base}"`);
      expect(list.body).not.toContain("Vendor A");
    }
  });

  it("flags for the coordinator a finder's talk planned before the publication date (R-INT-6)", async () => {
    const caseId = await notifiedCase("Case with a planned talk", [cast.organizations.vendorA]);
    const view = (await runtime.services.cases.get(coordinatorActor, caseId)) as {
      reportId: string;
      schedule: { publishAt: string };
    };
    await runtime.services.reports.fileConsultation(
      await cast.actorOf(cast.users.finder),
      view.reportId,
      {
        plannedAt: new Date(
          Date.parse(view.schedule.publishAt) - 3 * 24 * 60 * 60 * 1000,
        ).toISOString(),
        venue: "Security conference talk",
        scope: "The bug class",
      },
    );
    const page = text((await get(coordinator, `/cases/${caseId}`)).body);
    expect(page).toContain(en["casePages.disclosurePlans.heading"]);
    expect(page).toContain("Security conference talk");
    expect(page).toContain(en["casePages.disclosurePlans.beforePublication"]);
  });

  it("lets the coordinator remove a vendor added by mistake through the form the action table generates, and only before notification", async () => {
    const caseId = await forwardedCase("Remove a mistaken vendor");
    await runtime.services.cases.addVendor(coordinatorActor, caseId, {
      organizationId: cast.organizations.vendorB,
    });
    const before = await get(coordinator, `/cases/${caseId}`);
    const form = postForms(before.body).find((f) => f.includes(`/cases/${caseId}/remove-vendor`));
    expect(form).toBeDefined();
    // The select offers the vendor that was only identified, by name.
    expect(form).toContain(`<option value="${cast.organizations.vendorB}"`);

    const empty = await post(coordinator, `/cases/${caseId}/remove-vendor`, {
      removeOrgId: cast.organizations.vendorB,
      removeReason: "",
    });
    expect(empty.statusCode).toBe(422);
    expect(text(empty.body)).toContain("Reason: this is required.");

    const removed = await post(coordinator, `/cases/${caseId}/remove-vendor`, {
      removeOrgId: cast.organizations.vendorB,
      removeReason: "Not their product: the router is vendor A's.",
    });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`/cases/${caseId}?done=vendorRemoved`);
    const after = await get(coordinator, `/cases/${caseId}?done=vendorRemoved`);
    expect(text(after.body)).toContain("The vendor was removed from the case.");
    const view = (await runtime.services.cases.get(coordinatorActor, caseId)) as {
      participants: { organizationId: string }[];
    };
    expect(view.participants.map((p) => p.organizationId)).not.toContain(
      cast.organizations.vendorB,
    );
    // With no vendor left to remove, the page offers no such form.
    expect(postForms(after.body).some((f) => f.includes("/remove-vendor"))).toBe(false);

    // A notified vendor knows of the case: it can no longer be removed.
    const notified = await notifiedCase("Remove after notification", [cast.organizations.vendorA]);
    const refused = await post(coordinator, `/cases/${notified}/remove-vendor`, {
      removeOrgId: cast.organizations.vendorA,
      removeReason: "Too late",
    });
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain("This is not possible in the case's current state.");
  });

  it("puts a CSRF token in every form of the case pages and refuses a post without one", async () => {
    const caseId = await notifiedCase("CSRF case", [cast.organizations.vendorA]);
    await runtime.services.cases.requestSchedule(
      await cast.actorOf(cast.users.vendorAAdmin),
      caseId,
      { publishAt: "2027-01-20T00:00:00.000Z", reason: "A longer test cycle." },
    );
    for (const session of [coordinator, vendorA]) {
      const page = await get(session, `/cases/${caseId}`);
      const forms = postForms(page.body);
      // The coordinator's forms include notify, decide, close and the rest; the vendor's its own.
      expect(forms.length).toBeGreaterThan(session === coordinator ? 8 : 5);
      for (const form of forms) expect(form).toContain('name="_csrf"');
    }
    const refused = await post(vendorA, `/cases/${caseId}/acknowledge`, {}, { csrf: false });
    expect(refused.statusCode).toBe(403);
    const state = await runtime.services.cases.get(coordinatorActor, caseId);
    expect(state.participants[0]?.status).toBe("notified");
  });

  it("tells the coordinator in words, in English and Japanese, why a vendor without an NDA cannot be notified (409 nda_required)", async () => {
    const caseId = await forwardedCase("NDA case");
    const vendorC = await runtime.services.organizations.create(coordinatorActor, {
      type: "vendor",
      name: "Vendor C GmbH",
      contactEmail: "psirt@vendor-c.example",
    });
    const added = await post(coordinator, `/cases/${caseId}/vendors`, {
      organizationId: vendorC.id,
      addReason: "Same firmware base.",
    });
    expect(added.statusCode).toBe(303);
    const html = (await get(coordinator, `/cases/${caseId}?done=vendorAdded`)).body;
    const page = text(html);
    expect(page).toContain(en["casePages.notice.vendorAdded"]);
    // Notify is shown disabled with the reason, beside the two ways to get the NDA.
    expect(page).toContain(en["nda.case.notifyDisabled"].replace("{name}", "Vendor C GmbH"));
    expect(page).toContain(en["nda.case.notifyDisabledReason"]);
    expect(page).toContain(en["nda.case.missing"]);
    expect(html).not.toContain(`action="/cases/${caseId}/vendors/${vendorC.id}/notify"`);
    expect(html).toContain(`action="/cases/${caseId}/vendors/${vendorC.id}/nda"`);

    const refused = await post(coordinator, `/cases/${caseId}/vendors/${vendorC.id}/notify`, {});
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain(en["casePages.error.ndaRequired"]);

    const japanese = await createTestUser(runtime, {
      email: "chosei@coordinator.example",
      name: "調整 花子",
      language: "ja",
      organizationId: cast.organizations.coordinator,
      role: "member",
    });
    const session = await signIn(app, runtime, japanese);
    const again = await post(session, `/cases/${caseId}/vendors/${vendorC.id}/notify`, {});
    expect(again.statusCode).toBe(409);
    expect(again.headers["content-language"]).toBe("ja");
    expect(text(again.body)).toContain(ja["casePages.error.ndaRequired"]);
    expect(text(again.body)).toContain(ja["casePages.error.summary"]);
  });

  it("shows vendor B's admin the case page and its forms in Japanese", async () => {
    const caseId = await notifiedCase("日本語の案件", [cast.organizations.vendorB]);
    const page = await get(vendorBAdmin, `/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-language"]).toBe("ja");
    const body = text(page.body);
    for (const key of [
      "casePages.participants.own",
      "casePages.participant.notified",
      "casePages.acknowledge.submit",
      "casePages.deadlines.heading",
      "casePages.deadlines.businessDaysNote",
      "casePages.members.heading",
      "casePages.messages.toCoordinator",
      "casePages.nav",
    ] as const) {
      expect(body).toContain(ja[key]);
    }
    expect(body).toContain(
      ja["casePages.deadlines.acknowledgement"].replace(
        "{span}",
        ja["casePages.span.calendarDays"].replace("{n}", "7"),
      ),
    );
    expect(body).toContain(
      ja["casePages.deadlines.reminders"]
        .replace("{span}", ja["casePages.span.businessDays"].replace("{n}", "3"))
        .replace("{count}", "2"),
    );
    expect(page.body).toMatch(/<time datetime="[^"]+">[^<]*(JST|GMT\+9)/);
  });

  it("folds the rarely used schedule revision until its form comes back refused, and leads with the next step", async () => {
    const caseId = await notifiedCase("Folded form case", [cast.organizations.vendorA]);
    await runtime.services.cases.addVendor(coordinatorActor, caseId, {
      organizationId: cast.organizations.vendorB,
    });
    const folded = /<details id="action-schedule"[^>]*>/;
    const page = await get(coordinator, `/cases/${caseId}`);
    expect(page.body.match(folded)?.[0]).not.toMatch(/\sopen/);
    // The next step names vendor B, identified and not yet notified, and leads to its block.
    expect(page.body).toContain(
      `<a href="#participant-${cast.organizations.vendorB}">${en["casePages.next.notify"].replace("{name}", "Vendor B Inc.")}</a>`,
    );
    const refused = await post(coordinator, `/cases/${caseId}/schedule`, {
      publishAt: "2027-01-10T09:00",
      scheduleReason: " ",
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body.match(folded)?.[0]).toMatch(/\sopen/);
  });

  it("re-renders a refused form with 422, its field errors and what was typed", async () => {
    const caseId = await notifiedCase("Form errors case", [cast.organizations.vendorA]);
    const response = await post(coordinator, `/cases/${caseId}/schedule`, {
      publishAt: "2027-01-10T09:00",
      countermeasureDue: "",
      scheduleReason: " ",
      exceedReason: "",
    });
    expect(response.statusCode).toBe(422);
    const body = text(response.body);
    expect(body).toContain(en["casePages.error.summary"]);
    expect(body).toContain(
      en["casePages.error.required"].replace("{field}", en["casePages.revise.reason"]),
    );
    expect(response.body).toContain('href="#field-scheduleReason"');
    expect(response.body).toMatch(/id="field-publishAt"[^>]*value="2027-01-10T09:00"/);

    // A date in the past is the workflow's refusal, said in the page's words.
    const past = await post(coordinator, `/cases/${caseId}/schedule`, {
      publishAt: "2026-01-10T09:00",
      scheduleReason: "Earlier",
    });
    expect(past.statusCode).toBe(422);
    expect(text(past.body)).toContain(en["casePages.error.past"]);

    const revised = await post(coordinator, `/cases/${caseId}/schedule`, {
      publishAt: "2027-01-10T09:00",
      countermeasureDue: "2026-12-25T18:00",
      scheduleReason: "Agreed with the vendor",
    });
    expect(revised.statusCode).toBe(303);
    const view = await runtime.services.cases.get(coordinatorActor, caseId);
    expect(view.schedule).toMatchObject({
      publishAt: "2027-01-10T00:00:00.000Z",
      countermeasureDue: "2026-12-25T09:00:00.000Z",
    });
    const page = text((await get(vendorA, `/cases/${caseId}`)).body);
    expect(page).toContain("Agreed with the vendor");
    expect(page).toContain(en["casePages.schedule.setBy.coordinator"]);
  });

  it("answers a vendor's coordinator action with a readable 403 and hides the case from vendors not on it (404)", async () => {
    const caseId = await notifiedCase("Refusals case", [cast.organizations.vendorA]);
    const refused = await post(vendorA, `/cases/${caseId}/close`, {
      closeReason: "no_action",
      closeMessage: "Not ours.",
      duplicateOf: "",
    });
    expect(refused.statusCode).toBe(403);
    expect(text(refused.body)).toContain(en["casePages.error.forbidden"]);
    expect((await get(vendorBMember, `/cases/${caseId}`)).statusCode).toBe(404);
    const hidden = await post(vendorBMember, `/cases/${caseId}/acknowledge`, {});
    expect(hidden.statusCode).toBe(404);
  });

  it("shows the intake desk the case's status and schedule with a link to its report, without the vendors' exchanges", async () => {
    const caseId = await notifiedCase("Intake view case", [cast.organizations.vendorA]);
    await post(vendorA, `/cases/${caseId}/acknowledge`, {});
    await post(vendorA, `/cases/${caseId}/status`, {
      status: "affected",
      statement: "INTAKE-MUST-NOT-SEE",
    });
    const list = await get(intake, "/cases");
    expect(text(list.body)).toContain(en["casePages.list.intakeTitle"]);
    expect(list.body).toContain(`href="/cases/${caseId}"`);
    const page = await get(intake, `/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/href="\/reports\/[^"]+"/);
    expect(text(page.body)).toContain(en["casePages.schedule.publishAt"]);
    expect(page.body).not.toContain("INTAKE-MUST-NOT-SEE");
    expect(page.body).not.toContain("ATTACK-CURL-POC");
  });

  it("shows an overseas CSIRT its own case and lets it write to the coordinator, who can answer it", async () => {
    const csirtActor = await cast.actorOf(cast.users.csirt);
    const { id: caseId } = await runtime.services.cases.open(csirtActor, {
      title: "CSIRT case: camera firmware",
      description: "CSIRT-DESCRIPTION of a camera flaw.",
      vendorNames: ["Vendor B"],
      publishAt: "2027-02-01T00:00:00.000Z",
      conditions: "CSIRT-CONDITIONS: our date binds.",
    });
    const csirt = await signIn(app, runtime, cast.users.csirt);
    const list = await get(csirt, "/cases");
    expect(text(list.body)).toContain(en["casePages.list.csirtTitle"]);
    expect(list.body).toContain(`href="/cases/${caseId}"`);
    const page = await get(csirt, `/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain("CSIRT-DESCRIPTION");
    expect(body).toContain("CSIRT-CONDITIONS");
    expect(body).toContain(en["casePages.source.csirt"]);
    expect(body).toContain(en["casePages.schedule.setBy.csirt"]);
    const sent = await post(csirt, `/cases/${caseId}/messages`, { body: "CSIRT-TO-COORD" });
    expect(sent.statusCode).toBe(303);

    // Unassigned, the coordinator member sees that the content is withheld; assigned, the thread.
    const before = text((await get(coordinator, `/cases/${caseId}`)).body);
    expect(before).toContain(en["casePages.content.withheld"]);
    expect(before).not.toContain("CSIRT-TO-COORD");
    await runtime.services.cases.assign(coordinatorActor, caseId, {
      userId: cast.users.coordinatorMember.userId,
    });
    const desk = await get(coordinator, `/cases/${caseId}`);
    expect(text(desk.body)).toContain("CSIRT-TO-COORD");
    expect(desk.body).toContain('<option value="csirt"');
    // A CSIRT's case has no finder: the page does not offer to write to one.
    expect(desk.body).not.toContain(`action="/cases/${caseId}/finder-messages"`);
    const answer = await post(coordinator, `/cases/${caseId}/messages`, {
      to: "csirt",
      body: "COORD-TO-CSIRT",
    });
    expect(answer.statusCode).toBe(303);
    expect(text((await get(csirt, `/cases/${caseId}`)).body)).toContain("COORD-TO-CSIRT");
    // A CSIRT case its CSIRT did not share is not the intake desk's to see.
    expect((await get(intake, `/cases/${caseId}`)).statusCode).toBe(404);
  });

  it("shows the coordinator vendor suggestions with their reasons, as GET /api/v1/cases/{id}/vendor-suggestions gives them", async () => {
    const caseId = await forwardedCase("Suggestions case");
    const api = await app.inject({
      method: "GET",
      url: `/api/v1/cases/${caseId}/vendor-suggestions`,
      headers: cast.users.coordinatorMember.bearer,
      remoteAddress: cast.users.coordinatorMember.ip,
    });
    expect(api.statusCode, api.body).toBe(200);
    const { items } = api.json();
    expect(items[0]).toMatchObject({
      organizationId: cast.organizations.vendorA,
      name: "Vendor A Corporation",
      reasons: expect.arrayContaining([{ kind: "product_name", detail: "Router A100" }]),
    });
    const page = text((await get(coordinator, `/cases/${caseId}`)).body);
    expect(page).toContain(
      en["casePages.addVendor.addNamed"].replace("{name}", "Vendor A Corporation"),
    );
    expect(page).toContain(
      en["casePages.suggestions.reason.product_name"].replace("{detail}", "Router A100"),
    );

    // Once vendor A is on the case it is no longer suggested.
    await runtime.services.cases.addVendor(coordinatorActor, caseId, {
      organizationId: cast.organizations.vendorA,
    });
    await runtime.services.cases.notifyVendor(coordinatorActor, caseId, {
      orgId: cast.organizations.vendorA,
    });
    const later = await app.inject({
      method: "GET",
      url: `/api/v1/cases/${caseId}/vendor-suggestions`,
      headers: cast.users.coordinatorMember.bearer,
      remoteAddress: cast.users.coordinatorMember.ip,
    });
    expect(
      later.json().items.map((item: { organizationId: string }) => item.organizationId),
    ).not.toContain(cast.organizations.vendorA);
    const vendorCall = await app.inject({
      method: "GET",
      url: `/api/v1/cases/${caseId}/vendor-suggestions`,
      headers: cast.users.vendorAAdmin.bearer,
      remoteAddress: cast.users.vendorAAdmin.ip,
    });
    expect(vendorCall.statusCode).toBe(403);
  });

  it("says in text that an acknowledgement is overdue once its 7 calendar days have passed", async () => {
    const caseId = await notifiedCase("Late case", [cast.organizations.vendorA]);
    runtime.clock.advance(8 * DAY);
    // Sessions idle out while the clock jumps: sign in again.
    const session = await signIn(app, runtime, cast.users.coordinatorMember);
    const desk = await get(session, "/cases?status=coordinating");
    const row = /<tr>(?:(?!<\/tr>)[\s\S])*Late case[\s\S]*?<\/tr>/.exec(desk.body)?.[0] ?? "";
    expect(text(row)).toContain(en["casePages.deadline.late"]);
    expect(text(row)).toContain(
      en["casePages.deadline.from"].replace("{name}", "Vendor A Corporation"),
    );
    const page = text((await get(session, `/cases/${caseId}`)).body);
    expect(page).toContain(en["casePages.deadline.late"]);
    expect(page).toContain(en["casePages.deadline.wasDue"]);
  });
});
