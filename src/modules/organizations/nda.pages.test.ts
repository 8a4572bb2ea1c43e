import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  type Cast,
  createCast,
  signIn,
} from "../../../test/support/actors.ts";
import { sqliteTarget } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { en } from "../../platform/i18n/en.ts";

/** The NDA pages' forms: the page again with its errors, or the redirect (R-COO-2). */
describe("the NDA pages", () => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let coordinator: BrowserSession;
  let vendorAdmin: BrowserSession;

  beforeAll(async () => {
    runtime = await createTestRuntime(sqliteTarget);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    coordinator = await signIn(app, runtime, cast.users.coordinatorMember);
    vendorAdmin = await signIn(app, runtime, cast.users.vendorAAdmin);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  const page = (session: BrowserSession, url: string) =>
    session.inject({ method: "GET", url, headers: { accept: "text/html" } });
  const post = (session: BrowserSession, url: string, form: Record<string, string>) =>
    session.inject({
      method: "POST",
      url,
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(form).toString(),
    });

  it("says no text is published and that acceptance in the app is not offered, to the coordinator and to the vendor", async () => {
    expect((await page(coordinator, "/nda-texts")).body).toContain(en["nda.texts.none"]);
    const own = await page(vendorAdmin, "/organization/nda");
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(en["nda.org.offered.none"]);
    expect(own.body).not.toContain('action="/organization/nda/accept"');
  });

  it("shows the publish form again with the missing texts named (422), then publishes and offers the version to the vendor's admin", async () => {
    const refused = await post(coordinator, "/nda-texts", {
      version: "2027",
      bodyJa: "",
      bodyEn: "",
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(en["nda.error.bodyJa"]);
    expect(refused.body).toContain(en["nda.error.bodyEn"]);
    expect(refused.body).toContain('value="2027"');

    const published = await post(coordinator, "/nda-texts", {
      version: "2027",
      bodyJa: "受領者は脆弱性情報を秘密として保持する。",
      bodyEn: "The recipient keeps vulnerability information secret.",
    });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe("/nda-texts?published=1");
    const again = await post(coordinator, "/nda-texts", {
      version: "2027",
      bodyJa: "別の文面",
      bodyEn: "Another text",
    });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain(en["nda.error.versionExists"]);

    const own = await page(vendorAdmin, "/organization/nda");
    expect(own.body).toContain("The recipient keeps vulnerability information secret.");
    expect(own.body).toContain('action="/organization/nda/accept"');
  });

  it("records a signed NDA from the case page's form, and shows the form again with the errors for a bad date", async () => {
    const { reports, cases } = runtime.services;
    const finder = await cast.actorOf(cast.users.finder);
    const desk = await cast.actorOf(cast.users.intakeMember);
    const coordinatorActor = await cast.actorOf(cast.users.coordinatorMember);
    const { id } = await reports.submit(finder, {
      kind: "product",
      title: "XSS in the router",
      productName: "Router B7",
      productVersion: "1.0",
      description: "Device names are shown without escaping.",
      reproduction: "Name a device <script>.",
      consent: {
        identityToCoordinator: true,
        identityToVendor: false,
        directContact: false,
        credit: null,
      },
    });
    await reports.accept(desk, id);
    const caseId = (await reports.forward(desk, id, {})).caseId ?? "";
    await cases.assign(coordinatorActor, caseId, {
      userId: cast.users.coordinatorMember.userId,
    });
    const vendorB = cast.organizations.vendorB;
    await cases.addVendor(coordinatorActor, caseId, { organizationId: vendorB });
    const form = `/cases/${caseId}/vendors/${vendorB}/nda`;
    expect((await page(coordinator, `/cases/${caseId}`)).body).toContain(`action="${form}"`);

    const bad = await post(coordinator, form, { signedAt: "2026-02-30", version: "" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain(en["nda.record.error.signedAt"]);
    expect(bad.body).toContain(en["nda.record.error.version"]);

    const recorded = await post(coordinator, form, { signedAt: "2026-11-20", version: "2027" });
    expect(recorded.statusCode).toBe(303);
    expect(recorded.headers.location).toBe(`/cases/${caseId}#participant-${vendorB}`);
    const after = await page(coordinator, `/cases/${caseId}`);
    expect(after.body).not.toContain(`action="${form}"`);
    expect(after.body).toContain(`action="/cases/${caseId}/vendors/${vendorB}/notify"`);
    // A paper NDA is shown by the day it was signed, with no time of day.
    expect(after.body).toContain(
      en["nda.case.onFile"]
        .replace("{version}", "2027")
        .replace("{method}", en["nda.method.paper"])
        .replace("{date}", "20 November 2026"),
    );
    const records = await runtime.services.nda.ofOrganization(coordinatorActor, vendorB);
    expect(records.items.map((record) => [record.method, record.version])).toEqual([
      ["paper", "2027"],
    ]);
  });
});
