import { describe, expect, it } from "vitest";
import { deliveredMail } from "../../../test/support/actors.ts";
import { DAY, draftFor, englishTranslation } from "../../../test/support/advisories.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { csafProblems } from "../../../test/support/csaf.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { cveProblems, osvProblems } from "../../../test/support/standard-schemas.ts";

describe.each(testDatabaseTargets())("advisories and publication on $name", (target) => {
  const bed = advisoryTestbed(target);

  it("lets only the coordinator write, approve and end the embargo, and checks CWE, CVSS and vendors", async () => {
    const { caseId } = await bed.forwardedCase();
    await bed.notifyVendors(caseId, ["vendorA"]);
    const coordinator = bed.cast.users.coordinatorMember;
    const url = `/api/v1/cases/${caseId}/advisory`;

    const saved = okJson(await bed.call(coordinator, "PUT", url, draftFor(bed.cast)));
    expect(saved).toMatchObject({
      id: caseId,
      advisory: {
        status: "draft",
        revision: 1,
        advisoryId: expect.stringMatching(/^KKH#\d{8}$/),
        title: draftFor(bed.cast).title,
        cwe: "CWE-79",
        cweName:
          "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
        cvssV3: { baseScore: 6.1, baseSeverity: "medium" },
        cvssV4: { baseSeverity: expect.any(String) },
      },
    });
    // Saving again keeps the identifier (R-PUB-1: one per advisory, never reused).
    const again = okJson(
      await bed.call(coordinator, "PUT", url, draftFor(bed.cast, { title: "Second title" })),
    );
    expect(again.advisory).toMatchObject({
      advisoryId: saved.advisory.advisoryId,
      revision: 2,
      title: "Second title",
    });

    const invalid = await bed.call(coordinator, "PUT", url, {
      ...draftFor(bed.cast),
      cwe: "CWE-999999",
      cvssV3: "CVSS:3.1/AV:N/AC:L",
      cvssV4: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
      affected: [
        { vendorOrgId: bed.cast.organizations.vendorB, product: "Camera B7", versions: [] },
      ],
    });
    expect(invalid.statusCode, invalid.body).toBe(422);
    expect(
      invalid
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["cvssV3", "cvssV4", "cwe"]);
    const stranger = await bed.call(coordinator, "PUT", url, {
      ...draftFor(bed.cast),
      affected: [
        { vendorOrgId: bed.cast.organizations.vendorB, product: "Camera B7", versions: [] },
      ],
    });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().errors).toEqual([
      { path: "affected.0.vendorOrgId", message: "not a vendor of this case" },
    ]);

    // Those who may see the case but not write its advisory: 403; the others: 404.
    for (const user of [bed.cast.users.intakeMember, bed.cast.users.vendorAAdmin]) {
      expect((await bed.call(user, "PUT", url, draftFor(bed.cast))).statusCode).toBe(403);
      expect((await bed.call(user, "POST", `${url}/approve`)).statusCode).toBe(403);
      expect(
        (
          await bed.call(user, "POST", `/api/v1/cases/${caseId}/terminate-embargo`, {
            reason: "leak",
            note: "x",
          })
        ).statusCode,
      ).toBe(403);
    }
    expect(
      (await bed.call(bed.cast.users.otherFinder, "PUT", url, draftFor(bed.cast))).statusCode,
    ).toBe(404);
    expect((await bed.call(null, "PUT", url, draftFor(bed.cast))).statusCode).toBe(401);

    // A vendor reads the draft for comment, with its own products only (R-COO-5).
    const vendorView = okJson(
      await bed.call(bed.cast.users.vendorAAdmin, "GET", `/api/v1/cases/${caseId}`),
    );
    expect(vendorView.advisory).toMatchObject({ title: "Second title", status: "draft" });
    expect(vendorView.credit).toBe("Finder One");

    const approved = okJson(await bed.call(coordinator, "POST", `${url}/approve`));
    expect(approved.advisory.status).toBe("approved");
    const twice = await bed.call(coordinator, "POST", `${url}/approve`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("transition_not_allowed");
  });

  it("publishes at publishAt, once, with every vendor statement and countermeasure, and tells everyone", async () => {
    const publishAt = bed.inDays(10);
    const { caseId, reportId } = await bed.approvedCase({
      publishAt,
      draft: { translation: englishTranslation },
    });
    const advisoryId = (await bed.runtime.services.cases.get(bed.people.coordinator, caseId))
      .advisory.advisoryId as string;
    const encoded = encodeURIComponent(advisoryId);
    expect(encoded).toContain("%23");

    // W-2: nothing public before the instant, even when the job runner runs just before it.
    await bed.runDueAt(new Date(Date.parse(publishAt) - 1000).toISOString());
    expect((await bed.call(null, "GET", `/api/v1/advisories/${encoded}`)).statusCode).toBe(404);
    expect(
      okJson(await bed.call(null, "GET", "/api/v1/advisories?limit=200")).items.map(
        (i: { advisoryId: string }) => i.advisoryId,
      ),
    ).not.toContain(advisoryId);

    // The job runs late: the advisory is still dated at the agreed instant.
    await bed.runDueAt(new Date(Date.parse(publishAt) + 90_000).toISOString());
    const advisory = okJson(await bed.call(null, "GET", `/api/v1/advisories/${encoded}`));
    expect(advisory).toMatchObject({
      advisoryId,
      title: draftFor(bed.cast).title,
      overview: draftFor(bed.cast).overview,
      description: draftFor(bed.cast).description,
      impact: draftFor(bed.cast).impact,
      cwe: "CWE-79",
      cvss: { v3: { baseScore: 6.1, baseSeverity: "medium" } },
      severity: expect.any(String),
      cveIds: ["CVE-2026-10001"],
      acknowledgement: "Finder One",
      publishedAt: publishAt,
      history: [{ at: publishAt, kind: "published" }],
      references: [
        { url: "https://www.cve.org/CVERecord?id=CVE-2026-10001", title: "CVE-2026-10001" },
      ],
      vendors: [
        {
          name: "Vendor A Corporation",
          status: "affected",
          statement: "Vendor A fixed this in firmware 1.0.4.",
          advisoryUrl: "https://vendor-a.example/security/VA-2026-01",
          contact: "psirt@vendor-a.example",
          countermeasures: [
            {
              type: "fix",
              description: "Update the firmware to 1.0.4.",
              fixedVersions: ["1.0.4"],
              publishedAt: publishAt,
            },
          ],
        },
        {
          name: "Vendor B Inc.",
          status: "not_affected",
          statement: "Vendor B products do not use the affected console.",
          countermeasures: [],
        },
      ],
    });
    expect(advisory.receivedAt).toBeTruthy();

    // Exactly once: running the jobs again changes nothing.
    await bed.runDueAt(new Date(Date.parse(publishAt) + 2 * DAY).toISOString());
    const events = await bed.runtime.services.workflow.events(
      bed.runtime.database.db,
      "case",
      caseId,
    );
    expect(events.filter((e) => e.event.type === "case_published")).toHaveLength(1);
    expect(
      okJson(await bed.call(null, "GET", `/api/v1/advisories/${encoded}`)).history,
    ).toHaveLength(1);

    // The finder's report names the advisory; everyone is told (R-PUB-5).
    const report = okJson(
      await bed.call(bed.cast.users.finder, "GET", `/api/v1/reports/${reportId}`),
    );
    expect(report).toMatchObject({ advisoryId, publishedAt: publishAt });
    const mails = await deliveredMail(bed.runtime);
    const subjectFor = (to: string) => mails.filter((m) => m.to === to).map((m) => m.subject);
    for (const to of [
      "psirt@vendor-a.example",
      "security@vendor-b.example",
      bed.cast.users.intakeAdmin.email,
    ]) {
      expect(subjectFor(to)).toContain(`[Kakehashi] Advisory ${advisoryId} is published`);
    }
    const toVendor = mails.find((m) => m.subject.includes(advisoryId));
    expect(toVendor?.text).toContain(`/advisories/${encoded}`);
    expect(
      subjectFor(bed.cast.users.finder.email).some((s) =>
        s.startsWith(`[Kakehashi] Advisory ${advisoryId} is published for report`),
      ),
    ).toBe(true);

    // The page and the exports.
    const page = await bed.app.inject({ method: "GET", url: `/advisories/${encoded}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Vendor A fixed this in firmware 1.0.4.");
    const csaf = okJson(await bed.call(null, "GET", `/api/v1/advisories/${encoded}/csaf`));
    expect(csaf.document.tracking.id).toBe(advisoryId);
    expect(await csafProblems(csaf)).toEqual([]);
    const cve = okJson(await bed.call(null, "GET", `/api/v1/advisories/${encoded}/cve`));
    expect(cveProblems(cve)).toEqual([]);
    expect(cve).toMatchObject({
      dataType: "CVE_RECORD",
      cveMetadata: { cveId: "CVE-2026-10001", state: "PUBLISHED", datePublished: publishAt },
      containers: { cna: { problemTypes: [{ descriptions: [{ cweId: "CWE-79" }] }] } },
    });
    const osv = okJson(await bed.call(null, "GET", `/api/v1/advisories/${encoded}/osv`));
    expect(osvProblems(osv)).toEqual([]);
    expect(osv).toMatchObject({
      id: `x_${advisoryId.replace("#", "-")}`,
      aliases: ["CVE-2026-10001"],
      published: publishAt,
    });
  });

  it("publishes every advisory due at the same second", async () => {
    const publishAt = new Date(
      Math.ceil((bed.runtime.clock.now().getTime() + 5 * DAY) / 1000) * 1000,
    ).toISOString();
    const first = await bed.approvedCase({
      publishAt,
      draft: { title: "Same second one" },
    });
    const second = await bed.approvedCase({
      publishAt,
      draft: { title: "Same second two" },
    });
    await bed.runDueAt(publishAt);
    for (const { caseId } of [first, second]) {
      const advisoryId = await bed.runtime.services.advisories.advisoryIdOfCase(caseId);
      expect(advisoryId).not.toBeNull();
      const advisory = okJson(
        await bed.call(null, "GET", `/api/v1/advisories/${encodeURIComponent(advisoryId ?? "")}`),
      );
      expect(advisory.publishedAt).toBe(publishAt);
    }
  });

  it("ends an embargo with a reason: published at once with what is ready, the note kept private", async () => {
    const publishAt = bed.inDays(30);
    const { caseId } = await bed.approvedCase({
      publishAt,
      draft: { title: "Published early" },
    });
    const before = bed.runtime.clock.now().toISOString();
    const view = okJson(
      await bed.call(
        bed.cast.users.coordinatorMember,
        "POST",
        `/api/v1/cases/${caseId}/terminate-embargo`,
        {
          reason: "exploited",
          note: "Seen in the wild by a partner CSIRT; do not publish this note.",
        },
      ),
    );
    expect(view).toMatchObject({ status: "published", termination: { reason: "exploited" } });
    const advisoryId = (await bed.runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
    const advisory = okJson(
      await bed.call(null, "GET", `/api/v1/advisories/${encodeURIComponent(advisoryId)}`),
    );
    expect(advisory.publishedAt).toBe(before);
    expect(advisory.terminationReason).toBe("exploited");
    expect(JSON.stringify(advisory)).not.toContain("partner CSIRT");

    const refused = await bed.call(
      bed.cast.users.coordinatorMember,
      "POST",
      `/api/v1/cases/${caseId}/terminate-embargo`,
      { reason: "bogus", note: "" },
    );
    expect(refused.statusCode).toBe(422);
  });

  it("adds a later fix, a changed statement and an edit to the advisory's history (R-PUB-6)", async () => {
    const { caseId, advisoryId, publishAt } = await bed.publishedCase({
      publishAt: bed.inDays(3),
      draft: { title: "Workaround first" },
    });
    const url = `/api/v1/advisories/${encodeURIComponent(advisoryId)}`;

    bed.runtime.clock.advance(DAY);
    const fixAt = bed.runtime.clock.now().toISOString();
    okJson(
      await bed.call(
        bed.cast.users.vendorAAdmin,
        "POST",
        `/api/v1/cases/${caseId}/countermeasures`,
        {
          type: "fix",
          description: "Firmware 1.0.5 removes the console entirely.",
          fixedVersions: ["1.0.5"],
        },
      ),
      201,
    );
    bed.runtime.clock.advance(DAY);
    okJson(
      await bed.call(bed.cast.users.vendorAAdmin, "PUT", `/api/v1/cases/${caseId}/statement`, {
        text: "Vendor A recommends 1.0.5.",
      }),
    );
    bed.runtime.clock.advance(DAY);
    okJson(
      await bed.call(
        bed.cast.users.coordinatorMember,
        "PUT",
        `/api/v1/cases/${caseId}/advisory`,
        draftFor(bed.cast, { title: "Workaround first", changeNote: "Added CVE details." }),
      ),
    );
    const advisory = okJson(await bed.call(null, "GET", url));
    expect(advisory.publishedAt).toBe(publishAt);
    expect(advisory.history.map((h: { kind: string }) => h.kind)).toEqual([
      "published",
      "countermeasure_added",
      "statement_updated",
      "updated",
    ]);
    expect(advisory.history[3].note).toBe("Added CVE details.");
    const vendorA = advisory.vendors[0];
    expect(vendorA.statement).toBe("Vendor A recommends 1.0.5.");
    expect(vendorA.countermeasures.map((c: { publishedAt: string }) => c.publishedAt)).toEqual([
      publishAt,
      fixAt,
    ]);
    expect(advisory.updatedAt > publishAt).toBe(true);
    expect(await csafProblems(okJson(await bed.call(null, "GET", `${url}/csaf`)))).toEqual([]);
    expect(osvProblems(okJson(await bed.call(null, "GET", `${url}/osv`)))).toEqual([]);
  });

  it("searches by Japanese and English words, vendor, product, CVE, CWE, severity and dates", async () => {
    const publishAt = bed.inDays(2);
    const { caseId } = await bed.approvedCase({
      publishAt,
      draft: {
        title: "認証回避の脆弱性 in Camera Manager",
        overview: "管理画面で認証を回避できます。",
        description: "An authentication bypass in the session handling.",
        cwe: "CWE-287",
        cvssV3: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        cvssV4: null,
        cveIds: ["CVE-2026-20002"],
        affected: [
          {
            vendorOrgId: bed.cast.organizations.vendorA,
            product: "Camera Manager",
            versions: ["2.0"],
          },
        ],
        references: [],
      },
    });
    await bed.runDueAt(publishAt);
    const advisoryId = (await bed.runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
    const search = async (query: string) =>
      okJson(await bed.call(null, "GET", `/api/v1/advisories?${query}`)).items.map(
        (i: { advisoryId: string }) => i.advisoryId,
      );
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(
      new Date(publishAt),
    );
    for (const query of [
      `q=${encodeURIComponent("認証")}`,
      `q=${encodeURIComponent("authentication bypass")}`,
      "vendor=vendor%20a",
      "product=camera%20manager",
      "cve=CVE-2026-20002",
      "cwe=CWE-287",
      "severity=critical",
      `from=${day}&to=${day}`,
      `q=${encodeURIComponent("認証")}&severity=critical&cwe=cwe-287`,
    ]) {
      expect(await search(query), query).toContain(advisoryId);
    }
    for (const query of [
      `q=${encodeURIComponent("暗号")}`,
      "vendor=nobody",
      "cve=CVE-2026-99999",
      "cwe=CWE-79&q=authentication",
      "severity=low",
      "to=2026-01-01",
      "vendor=%25",
      "product=_",
    ]) {
      expect(await search(query), query).not.toContain(advisoryId);
    }
    const listed = okJson(await bed.call(null, "GET", "/api/v1/advisories?limit=1"));
    expect(listed.items).toHaveLength(1);
    expect(listed.nextCursor).toEqual(expect.any(String));
    const next = okJson(
      await bed.call(null, "GET", `/api/v1/advisories?limit=1&cursor=${listed.nextCursor}`),
    );
    expect(next.items[0].advisoryId).not.toBe(listed.items[0].advisoryId);
  });

  it("gives CSIRT and self-reported cases the VU identifier", async () => {
    const csirt = await bed.runtime.services.cases.open(
      await bed.cast.actorOf(bed.cast.users.csirt),
      {
        title: "Overseas router flaw",
        description: "A router flaw reported abroad.",
        vendorNames: ["Vendor A"],
        publishAt: bed.inDays(40),
      },
    );
    await bed.notifyVendors(csirt.id, ["vendorA"]);
    const view = okJson(
      await bed.call(
        bed.cast.users.coordinatorMember,
        "PUT",
        `/api/v1/cases/${csirt.id}/advisory`,
        draftFor(bed.cast),
      ),
    );
    expect(view.advisory.advisoryId).toMatch(/^KKHVU#\d{8}$/);
  });

  it("shows the preview as the public will see it, a vendor only its own entry", async () => {
    const publishAt = bed.inDays(20);
    const { caseId } = await bed.approvedCase({
      publishAt,
      draft: { title: "Preview me" },
    });
    const preview = okJson(
      await bed.call(
        bed.cast.users.coordinatorMember,
        "GET",
        `/api/v1/cases/${caseId}/advisory/preview`,
      ),
    );
    expect(preview.vendors.map((v: { name: string }) => v.name)).toEqual([
      "Vendor A Corporation",
      "Vendor B Inc.",
    ]);
    const forVendorB = okJson(
      await bed.call(bed.people.vendorBAdmin, "GET", `/api/v1/cases/${caseId}/advisory/preview`),
    );
    expect(forVendorB.vendors.map((v: { name: string }) => v.name)).toEqual(["Vendor B Inc."]);
    expect(JSON.stringify(forVendorB)).not.toContain("Vendor A fixed");
    expect(
      (
        await bed.call(
          bed.cast.users.otherFinder,
          "GET",
          `/api/v1/cases/${caseId}/advisory/preview`,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await bed.call(null, "GET", `/api/v1/cases/${caseId}/advisory/preview`)).statusCode,
    ).toBe(401);

    await bed.runDueAt(publishAt);
    const advisoryId = (await bed.runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
    const published = okJson(
      await bed.call(null, "GET", `/api/v1/advisories/${encodeURIComponent(advisoryId)}`),
    );
    expect(published).toEqual(preview);
  });

  it("alerts the coordinator ahead of publishAt while the advisory is not approved (R-COO-16)", async () => {
    const { caseId } = await bed.forwardedCase();
    await bed.notifyVendors(caseId, ["vendorA"]);
    const publishAt = bed.inDays(20);
    await bed.runtime.services.cases.reviseSchedule(bed.people.coordinator, caseId, {
      publishAt,
      reason: "agreed",
    });
    await bed.runtime.services.cases.assign(bed.people.coordinator, caseId, {
      userId: bed.people.coordinator.userId,
    });
    const seen = (await deliveredMail(bed.runtime, bed.cast.users.coordinatorMember.email)).length;
    await bed.runDueAt(new Date(Date.parse(publishAt) - 7 * DAY).toISOString());
    const alerts = (await deliveredMail(bed.runtime, bed.cast.users.coordinatorMember.email))
      .slice(seen)
      .filter((m) => m.subject.includes("Publication is near") && m.text.includes(caseId));
    expect(alerts).toHaveLength(1);
    // At the date, nothing is published without approval; the coordinator is told again.
    await bed.runDueAt(publishAt);
    expect(await bed.runtime.services.advisories.advisoryIdOfCase(caseId)).toBeNull();
  });

  it("answers 404 for an advisory that does not exist, however its id is written", async () => {
    for (const url of [
      "/api/v1/advisories/KKH%2399999999",
      "/api/v1/advisories/KKH%2399999999/csaf",
      "/api/v1/advisories/nothing/osv",
    ]) {
      expect((await bed.call(null, "GET", url)).statusCode).toBe(404);
    }
    const feed = await bed.app.inject({ method: "GET", url: "/feeds/advisories.atom" });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toContain("application/atom+xml");
    const rdf = await bed.app.inject({ method: "GET", url: "/feeds/advisories.rdf" });
    expect(rdf.headers["content-type"]).toContain("application/rdf+xml");
    expect(rdf.body).toContain('xmlns="http://purl.org/rss/1.0/"');
  });
});
