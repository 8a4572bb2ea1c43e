import { beforeAll, describe, expect, it } from "vitest";
import { draftFor } from "../../../test/support/advisories.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { cweName } from "./cwe.ts";

/** Words that stand only in the report's sealed text: none may come out of a suggestion. */
const SECRETS = {
  description: "SECRET-DESCRIPTION-7f3a",
  reproduction: "SECRET-REPRODUCTION-91bc",
  verificationMethod: "SECRET-VERIFICATION-22de",
  attackMethod: "SECRET-ATTACK-0c4e",
};
const CVSS_V31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N";
const CPE_A100 = "cpe:2.3:o:vendor-a:router_a100_firmware:*:*:*:*:*:*:*:*";
const PURL_A100 = "pkg:generic/vendor-a/router-a100-firmware";

describe.each(testDatabaseTargets())(
  "the advisory draft's inputs, suggestion and differences on $name",
  (target) => {
    const bed = advisoryTestbed(target);

    beforeAll(async () => {
      // The directory knows vendor A's firmware by its CPE name.
      await bed.runtime.services.organizations.update(
        bed.people.coordinator,
        bed.cast.organizations.vendorA,
        {
          products: [{ name: "Router A100", cpe: CPE_A100 }],
        },
      );
    });

    /** A finder's report with a CWE and a CVSS 3.1 vector, forwarded, both vendors notified. */
    async function reportedCase(title: string): Promise<string> {
      const { reports } = bed.runtime.services;
      const { id } = await reports.submit(bed.people.finder, {
        kind: "product",
        title,
        productName: "Router A100",
        productVersion: "2.3",
        cwe: "CWE-79",
        cvssVector: CVSS_V31,
        ...SECRETS,
        consent: {
          identityToCoordinator: true,
          identityToVendor: false,
          directContact: false,
          credit: "Finder One (Example Lab)",
        },
      });
      await reports.accept(bed.people.desk, id);
      const { caseId } = await reports.forward(bed.people.desk, id, {});
      if (!caseId) throw new Error("the forward made no case");
      // The report is read by the coordinator who handles the case (R-SEC-1).
      await bed.runtime.services.cases.assign(bed.people.coordinator, caseId, {
        userId: bed.people.coordinator.userId,
      });
      await bed.notifyVendors(caseId);
      return caseId;
    }

    it("stores the draft's language, translation and each product's CPE name, package URL and ranges, and shows a vendor only its own", async () => {
      const { caseId } = await bed.forwardedCase();
      await bed.notifyVendors(caseId);
      const translation = {
        title: "Stored cross-site scripting in Router A100",
        overview: "The admin console of Router A100 has a stored cross-site scripting flaw.",
        description: "The device name field is rendered without escaping.",
        impact: "A script may run in the browser of an administrator.",
      };
      const affected = [
        {
          vendorOrgId: bed.cast.organizations.vendorA,
          product: "Router A100",
          versions: ["2.0 to 2.3"],
          cpe: CPE_A100,
          purl: PURL_A100,
          ranges: [{ introduced: "2.0", fixed: "2.4" }],
        },
        {
          vendorOrgId: bed.cast.organizations.vendorB,
          product: "Camera B7",
          versions: ["1.1 and earlier"],
          cpe: null,
          purl: "pkg:npm/%40vendor-b/camera-ui",
          ranges: [{ lastAffected: "1.1" }],
        },
      ];
      const body = draftFor(bed.cast, { language: "ja", translation, affected });
      const saved = okJson(
        await bed.call(
          bed.cast.users.coordinatorMember,
          "PUT",
          `/api/v1/cases/${caseId}/advisory`,
          body,
        ),
      );
      expect(saved.advisory).toMatchObject({ language: "ja", translation, affected });

      const seenByB = okJson(
        await bed.call(bed.people.vendorBAdmin, "GET", `/api/v1/cases/${caseId}`),
      );
      expect(seenByB.advisory.affected).toEqual([affected[1]]);
      expect(seenByB.advisory).not.toHaveProperty("differences");
      const preview = okJson(
        await bed.call(
          bed.cast.users.coordinatorMember,
          "GET",
          `/api/v1/cases/${caseId}/advisory/preview`,
        ),
      );
      expect(preview.translation).toEqual(translation);
      expect(preview.affected[0]).toMatchObject({ cpe: CPE_A100, purl: PURL_A100 });
    });

    it("refuses a bad CPE name, package URL, version range, language or half a translation with 422 naming the field", async () => {
      const { caseId } = await bed.forwardedCase();
      await bed.notifyVendors(caseId, ["vendorA"]);
      const url = `/api/v1/cases/${caseId}/advisory`;
      const product = (extra: Record<string, unknown>) => ({
        affected: [
          {
            vendorOrgId: bed.cast.organizations.vendorA,
            product: "Router A100",
            versions: ["2.3"],
            ...extra,
          },
        ],
      });
      const cases: [Record<string, unknown>, string][] = [
        [product({ cpe: "cpe:2.3:o:vendor-a" }), "affected.0.cpe"],
        [product({ purl: "vendor-a/router" }), "affected.0.purl"],
        [product({ ranges: [{ fixed: "2.4", lastAffected: "2.3" }] }), "affected.0.ranges.0"],
        [product({ ranges: [{}] }), "affected.0.ranges.0"],
        [{ language: "fr" }, "language"],
        [
          { translation: { title: "Stored XSS", overview: "", description: "x", impact: "y" } },
          "translation.overview",
        ],
      ];
      for (const [change, path] of cases) {
        const response = await bed.call(bed.cast.users.coordinatorMember, "PUT", url, {
          ...draftFor(bed.cast),
          ...change,
        });
        expect(response.statusCode, path).toBe(422);
        const problem = response.json() as { code: string; errors: { path: string }[] };
        expect(problem.code).toBe("invalid_input");
        expect(problem.errors.map((error) => error.path)).toContain(path);
      }
      const view = okJson(
        await bed.call(bed.cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`),
      );
      expect(view.advisory.status).toBe("none");
    });

    it("suggests a draft from the report's title, CWE and CVSS and the vendors' products, ranges and links, for the coordinator alone", async () => {
      const title = "Stored XSS in the Router A100 admin console";
      const caseId = await reportedCase(title);
      const { cases } = bed.runtime.services;
      await cases.reportStatus(bed.people.vendorA, caseId, { status: "affected" });
      const fix = {
        type: "fix" as const,
        description: "Update the firmware to 2.4.",
        translation: "ファームウェアを 2.4 に更新してください。",
        product: "Router A100",
        purl: PURL_A100,
        ranges: [{ introduced: "2.0", fixed: "2.4" }],
        affectedVersions: ["2.0 to 2.3"],
        fixedVersions: ["2.4"],
        url: "https://vendor-a.example/download/2.4",
      };
      await cases.addCountermeasure(bed.people.vendorA, caseId, fix);
      const advisoryUrl = "https://vendor-a.example/security/VA-2026-02";
      await cases.setStatement(bed.people.vendorA, caseId, { text: "Fixed in 2.4.", advisoryUrl });
      await cases.reportStatus(bed.people.vendorB, caseId, { status: "not_affected" });

      const url = `/api/v1/cases/${caseId}/advisory/suggestion`;
      const suggestion = okJson(await bed.call(bed.cast.users.coordinatorMember, "GET", url));
      expect(suggestion).toMatchObject({
        title,
        language: "en",
        translation: null,
        cwe: "CWE-79",
        cvssV3: CVSS_V31,
        cvssV4: null,
        acknowledgement: "Finder One (Example Lab)",
        affected: [
          {
            vendorOrgId: bed.cast.organizations.vendorA,
            product: fix.product,
            versions: fix.affectedVersions,
            // The CPE name from the directory, the package URL and ranges from the vendor's fix.
            cpe: CPE_A100,
            purl: fix.purl,
            ranges: fix.ranges,
          },
        ],
      });
      expect(suggestion.references.map((r: { url: string }) => r.url).sort()).toEqual(
        [advisoryUrl, fix.url].sort(),
      );
      expect(suggestion.overview).toContain("Router A100");
      expect(suggestion.overview).toContain("Vendor A Corporation");
      expect(suggestion.description).toContain(cweName("CWE-79"));
      const text = JSON.stringify(suggestion);
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);

      // The suggestion is a body the PUT takes as it is.
      const saved = okJson(
        await bed.call(
          bed.cast.users.coordinatorMember,
          "PUT",
          `/api/v1/cases/${caseId}/advisory`,
          suggestion,
        ),
      );
      expect(saved.advisory.affected).toEqual(suggestion.affected);
      expect(saved.advisory.references).toEqual(suggestion.references);

      for (const user of [
        bed.cast.users.vendorAAdmin,
        bed.people.vendorBAdmin,
        bed.cast.users.intakeMember,
        bed.cast.users.finder,
      ]) {
        expect((await bed.call(user, "GET", url)).statusCode, user.email).toBe(404);
      }
      expect((await bed.call(null, "GET", url)).statusCode).toBe(401);
    });

    it("suggests the report's product for a fix that names none, with the range its only fixed version gives", async () => {
      const caseId = await reportedCase("ルーター A100 の格納型 XSS");
      const { cases } = bed.runtime.services;
      await cases.reportStatus(bed.people.vendorA, caseId, { status: "affected" });
      await cases.addCountermeasure(bed.people.vendorA, caseId, {
        type: "fix",
        description: "ファームウェアを 1.0.4 に更新してください。",
        fixedVersions: ["1.0.4"],
      });
      const suggestion = await bed.runtime.services.advisories.suggestion(
        bed.people.coordinator,
        caseId,
      );
      expect(suggestion.language).toBe("ja");
      expect(suggestion.affected).toEqual([
        {
          vendorOrgId: bed.cast.organizations.vendorA,
          product: "Router A100",
          versions: ["1.0.4 より前のバージョン"],
          cpe: CPE_A100,
          purl: null,
          ranges: [{ fixed: "1.0.4" }],
        },
      ]);
    });

    it("lists what the draft says differently from the vendors, to the coordinator and the desk only, and lets the coordinator approve anyway", async () => {
      const caseId = await reportedCase("Router A100 console XSS");
      const { cases, advisories } = bed.runtime.services;
      const vendorA = bed.cast.organizations.vendorA;
      const vendorB = bed.cast.organizations.vendorB;
      await cases.reportStatus(bed.people.vendorA, caseId, { status: "affected" });
      await cases.addCountermeasure(bed.people.vendorA, caseId, {
        type: "fix",
        description: "Update to 2.4.",
        product: "Router A100",
        ranges: [{ introduced: "2.0", fixed: "2.4" }],
        affectedVersions: ["2.0 to 2.3"],
        fixedVersions: ["2.4"],
      });
      await cases.addCountermeasure(bed.people.vendorA, caseId, {
        type: "workaround",
        description: "Turn off the remote console.",
        product: "Router A200",
      });
      await cases.reportStatus(bed.people.vendorB, caseId, { status: "not_affected" });
      await advisories.saveDraft(
        bed.people.coordinator,
        caseId,
        draftFor(bed.cast, {
          affected: [
            {
              vendorOrgId: vendorA,
              product: "Router A100",
              versions: ["2.5 and earlier"],
              ranges: [{ lastAffected: "2.5" }],
            },
            { vendorOrgId: vendorB, product: "Camera B7", versions: ["1.0"] },
          ],
        }),
      );

      const view = okJson(
        await bed.call(bed.cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`),
      );
      const differences = view.advisory.differences as Record<string, unknown>[];
      expect(differences).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: "not_affected_but_listed",
            vendorOrgId: vendorB,
            product: "Camera B7",
            vendorStatus: "not_affected",
          }),
          expect.objectContaining({
            kind: "product_missing",
            vendorOrgId: vendorA,
            product: "Router A200",
          }),
          expect.objectContaining({
            kind: "fixed_version_in_affected_range",
            vendorOrgId: vendorA,
            product: "Router A100",
            version: "2.4",
          }),
          expect.objectContaining({ kind: "ranges_differ", product: "Router A100" }),
          expect.objectContaining({ kind: "versions_differ", product: "Router A100" }),
        ]),
      );
      expect(differences).toHaveLength(5);
      const desk = okJson(
        await bed.call(bed.cast.users.intakeMember, "GET", `/api/v1/cases/${caseId}`),
      );
      expect(desk.advisory.differences).toEqual(differences);
      // A vendor is told of no difference (they name the other vendor's entries).
      for (const user of [bed.cast.users.vendorAAdmin, bed.people.vendorBAdmin]) {
        const seen = okJson(await bed.call(user, "GET", `/api/v1/cases/${caseId}`));
        expect(seen.advisory).not.toHaveProperty("differences");
        expect(JSON.stringify(seen)).not.toContain("not_affected_but_listed");
      }

      // Differences do not block approval: the coordinator decides.
      const approved = okJson(
        await bed.call(
          bed.cast.users.coordinatorMember,
          "POST",
          `/api/v1/cases/${caseId}/advisory/approve`,
        ),
      );
      expect(approved.advisory.status).toBe("approved");

      // The draft made to agree: no difference left, and the approval is withdrawn by the change.
      const agreed = okJson(
        await bed.call(
          bed.cast.users.coordinatorMember,
          "PUT",
          `/api/v1/cases/${caseId}/advisory`,
          draftFor(bed.cast, {
            affected: [
              {
                vendorOrgId: vendorA,
                product: "Router A100",
                versions: ["2.0 to 2.3"],
                ranges: [{ introduced: "2.0", fixed: "2.4" }],
              },
              { vendorOrgId: vendorA, product: "Router A200", versions: ["all versions"] },
            ],
          }),
        ),
      );
      expect(agreed.advisory.differences).toEqual([]);
      expect(agreed.advisory.status).toBe("draft");
    });
  },
);
