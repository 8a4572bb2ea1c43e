import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cast, createCast, signIn } from "../../../test/support/actors.ts";
import {
  type AdvisoryPeople,
  advisoryPeople,
  approvedCase,
  DAY,
  forwardedCase,
  notifyVendors,
} from "../../../test/support/advisories.ts";
import { sqliteTarget } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { en } from "../../platform/i18n/en.ts";
import { formatInstant } from "../../platform/i18n/i18n.ts";
import { ja } from "../../platform/i18n/ja.ts";

describe("the advisory pages", () => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let people: AdvisoryPeople;

  beforeAll(async () => {
    runtime = await createTestRuntime(sqliteTarget);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    people = await advisoryPeople(runtime, cast);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  const page = (url: string, language: "ja" | "en") =>
    app.inject({
      method: "GET",
      url,
      headers: { "accept-language": language, accept: "text/html" },
    });

  it("shows a published advisory with JVN's sections in Japanese and English, dated with the zone", async () => {
    const publishAt = new Date(runtime.clock.now().getTime() + 5 * DAY).toISOString();
    const { caseId } = await approvedCase(runtime, cast, people, { publishAt });
    runtime.clock.set(new Date(publishAt));
    await runtime.jobRunner.runDue();
    const advisoryId = (await runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
    for (const [language, catalog] of [
      ["ja", ja],
      ["en", en],
    ] as const) {
      const response = await page(`/advisories/${encodeURIComponent(advisoryId)}`, language);
      expect(response.statusCode).toBe(200);
      for (const key of [
        "advisories.detail.overview",
        "advisories.detail.affected",
        "advisories.detail.description",
        "advisories.detail.impact",
        "advisories.detail.countermeasures",
        "advisories.detail.vendorInfo",
        "advisories.detail.references",
        "advisories.detail.acknowledgement",
        "advisories.detail.history",
      ] as const) {
        expect(response.body, key).toContain(`>${catalog[key]}</h2>`);
      }
      expect(response.body).toContain(advisoryId);
      expect(response.body).toContain(formatInstant(new Date(publishAt), language));
      expect(response.body).toContain(catalog["advisories.vendorStatus.affected"]);
      expect(response.body).toContain(
        catalog["advisories.detail.credit"].replace("{credit}", "Finder One"),
      );
      expect(response.body).toContain(
        `href="/api/v1/advisories/${encodeURIComponent(advisoryId)}/csaf"`,
      );
    }
    // The time zone is named: JST in Japanese, GMT+9 in English.
    expect((await page(`/advisories/${encodeURIComponent(advisoryId)}`, "ja")).body).toMatch(/JST/);

    const list = await page("/advisories?cwe=CWE-79", "ja");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/advisories/${encodeURIComponent(advisoryId)}"`);
    expect(list.body).toContain(ja["advisories.nav"]);
    const none = await page("/advisories?q=%E6%9A%97%E5%8F%B7&from=not-a-date", "en");
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain(en["advisories.list.empty"]);
    expect((await page("/advisories/KKH%2399999999", "en")).statusCode).toBe(404);
  });

  it("lets the coordinator draft, preview, approve and end the embargo through the pages", async () => {
    const { caseId } = await forwardedCase(runtime, people);
    await notifyVendors(runtime, cast, people, caseId, ["vendorA"]);
    const coordinator = await signIn(app, runtime, cast.users.coordinatorMember);
    const base = `/cases/${caseId}/advisory`;

    const empty = await coordinator.inject({
      method: "GET",
      url: base,
      headers: { accept: "text/html" },
    });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('name="affected.0.vendorOrgId"');
    expect(empty.body).toContain("Vendor A Corporation");

    const form = {
      title: "Router A100 の XSS",
      overview: "管理画面に XSS があります。",
      description: "The device name is not escaped.",
      impact: "Script runs in the administrator's browser.",
      cwe: "CWE-79999",
      cvssV3: "",
      cvssV4: "",
      cveIds: "CVE-2026-30003",
      "affected.0.vendorOrgId": cast.organizations.vendorA,
      "affected.0.product": "Router A100",
      "affected.0.versions": "1.0.3, 1.0.2",
      "affected.1.vendorOrgId": "",
      "affected.1.product": "",
      "affected.1.versions": "",
      references: "https://vendor-a.example/advisory Vendor A advisory",
    };
    const refused = await coordinator.inject({
      method: "POST",
      url: base,
      payload: new URLSearchParams(form).toString(),
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#field-cwe"');
    const saved = await coordinator.inject({
      method: "POST",
      url: base,
      payload: new URLSearchParams({ ...form, cwe: "CWE-79" }).toString(),
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe(`${base}?saved=1`);
    const view = await runtime.services.cases.get(people.coordinator, caseId);
    expect(view.advisory).toMatchObject({
      title: "Router A100 の XSS",
      cveIds: ["CVE-2026-30003"],
      affected: [{ product: "Router A100", versions: ["1.0.3", "1.0.2"] }],
      references: [{ url: "https://vendor-a.example/advisory", title: "Vendor A advisory" }],
    });
    const reopened = await coordinator.inject({
      method: "GET",
      url: `${base}?saved=1`,
      headers: { accept: "text/html" },
    });
    expect(reopened.body).toContain("Router A100 の XSS");

    // The vendor previews what the public will see; the intake desk may not open the form.
    const vendor = await signIn(app, runtime, cast.users.vendorAAdmin);
    const preview = await vendor.inject({
      method: "GET",
      url: `${base}/preview`,
      headers: { accept: "text/html" },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Router A100 の XSS");
    const desk = await signIn(app, runtime, cast.users.intakeMember);
    expect(
      (await desk.inject({ method: "GET", url: base, headers: { accept: "text/html" } }))
        .statusCode,
    ).toBe(403);

    const approved = await coordinator.inject({
      method: "POST",
      url: `${base}/approve`,
      payload: "",
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(approved.statusCode).toBe(303);
    const terminated = await coordinator.inject({
      method: "POST",
      url: `/cases/${caseId}/terminate-embargo`,
      payload: new URLSearchParams({
        reason: "finder_published",
        note: "The finder blogged about it.",
      }).toString(),
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(terminated.statusCode).toBe(303);
    const advisoryId = (await runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
    expect(advisoryId).toMatch(/^KKH#/);
    const published = await page(`/advisories/${encodeURIComponent(advisoryId)}`, "en");
    expect(published.body).toContain(
      en["advisories.detail.terminated"].replace(
        "{reason}",
        en["advisories.termination.finder_published"],
      ),
    );
    expect(published.body).not.toContain("blogged");
  });
});
