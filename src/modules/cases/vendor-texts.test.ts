import { describe, expect, it } from "vitest";
import { signIn } from "../../../test/support/actors.ts";
import { draftFor } from "../../../test/support/advisories.ts";
import { advisoryTestbed, okJson } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { decodedHtml } from "../../../test/support/html.ts";
import { en } from "../../platform/i18n/en.ts";
import { insertCountermeasure } from "./cases.repository.ts";

const CPE = "cpe:2.3:o:vendor-a:router_a100_firmware:*:*:*:*:*:*:*:*";
const PURL = "pkg:generic/vendor-a/router-a100-firmware";

describe.each(testDatabaseTargets())(
  "a vendor's countermeasures and statement in two languages, with product identities, on $name",
  (target) => {
    const bed = advisoryTestbed(target);

    /** A case with both vendors notified and vendor A affected. */
    async function affectedCase(): Promise<string> {
      const { caseId } = await bed.forwardedCase();
      await bed.notifyVendors(caseId);
      await bed.runtime.services.cases.reportStatus(bed.people.vendorA, caseId, {
        status: "affected",
      });
      return caseId;
    }
    const ownCountermeasures = (view: {
      participants: { organizationId: string; countermeasures?: unknown[] }[];
    }) =>
      view.participants.find((p) => p.organizationId === bed.cast.organizations.vendorA)
        ?.countermeasures ?? [];

    it("stores a countermeasure's product, CPE name, package URL, ranges, language and translation and shows them to the vendor and the coordinator only", async () => {
      const caseId = await affectedCase();
      const body = {
        type: "fix",
        description: "ファームウェアを 2.4 に更新してください。",
        language: "ja",
        translation: "Update the firmware to 2.4.",
        product: "Router A100",
        cpe: CPE,
        purl: PURL,
        ranges: [{ introduced: "2.0", fixed: "2.4" }],
        affectedVersions: ["2.0 to 2.3"],
        fixedVersions: ["2.4"],
        url: "https://vendor-a.example/download/2.4",
      };
      const created = okJson(
        await bed.call(
          bed.cast.users.vendorAAdmin,
          "POST",
          `/api/v1/cases/${caseId}/countermeasures`,
          body,
        ),
        201,
      );
      const { type: _type, ...fields } = body;
      expect(ownCountermeasures(created.case)).toEqual([
        expect.objectContaining({ id: created.id, type: "fix", ...fields }),
      ]);
      const coordinator = okJson(
        await bed.call(bed.cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`),
      );
      expect(ownCountermeasures(coordinator)).toEqual([expect.objectContaining(fields)]);
      const other = okJson(
        await bed.call(bed.people.vendorBAdmin, "GET", `/api/v1/cases/${caseId}`),
      );
      expect(JSON.stringify(other)).not.toContain(PURL);
      expect(JSON.stringify(other)).not.toContain(body.translation);
    });

    it("refuses a bad CPE name, package URL, range or language of a countermeasure with 422 naming the field", async () => {
      const caseId = await affectedCase();
      const base = { type: "workaround", description: "Turn off the remote console." };
      const cases: [Record<string, unknown>, string][] = [
        [{ cpe: "cpe:/x:" }, "cpe"],
        [{ purl: "router-a100" }, "purl"],
        [{ ranges: [{ fixed: "2.4", lastAffected: "2.3" }] }, "ranges.0"],
        [{ ranges: [{}] }, "ranges.0"],
        [{ language: "de" }, "language"],
      ];
      for (const [change, path] of cases) {
        const response = await bed.call(
          bed.cast.users.vendorAAdmin,
          "POST",
          `/api/v1/cases/${caseId}/countermeasures`,
          { ...base, ...change },
        );
        expect(response.statusCode, path).toBe(422);
        expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      const view = okJson(
        await bed.call(bed.cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`),
      );
      expect(ownCountermeasures(view)).toEqual([]);
    });

    it("stores a statement's language and translation, refuses another language, and publishes both texts", async () => {
      const caseId = await affectedCase();
      const statement = {
        text: "Vendor A fixed this in firmware 2.4.",
        language: "en",
        translation: "ベンダーAはファームウェア 2.4 で修正しました。",
        advisoryUrl: "https://vendor-a.example/security/VA-2026-03",
      };
      const url = `/api/v1/cases/${caseId}/statement`;
      const refused = await bed.call(bed.cast.users.vendorAAdmin, "PUT", url, {
        ...statement,
        language: "fr",
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors.map((e: { path: string }) => e.path)).toContain("language");
      const saved = okJson(await bed.call(bed.cast.users.vendorAAdmin, "PUT", url, statement));
      const own = saved.participants.find(
        (p: { organizationId: string }) => p.organizationId === bed.cast.organizations.vendorA,
      );
      expect(own.statement).toMatchObject({
        text: statement.text,
        language: "en",
        translation: statement.translation,
      });
      const fix = {
        type: "fix" as const,
        description: "Update the firmware to 2.4.",
        language: "en" as const,
        translation: "ファームウェアを 2.4 に更新してください。",
      };
      await bed.runtime.services.cases.addCountermeasure(bed.people.vendorA, caseId, fix);

      const { advisories } = bed.runtime.services;
      await advisories.saveDraft(bed.people.coordinator, caseId, draftFor(bed.cast));
      await advisories.approve(bed.people.coordinator, caseId);
      await advisories.terminateEmbargo(bed.people.coordinator, caseId, {
        reason: "exploit_public",
        note: "",
      });
      const advisoryId = (await advisories.advisoryIdOfCase(caseId)) ?? "";
      const published = await advisories.get(advisoryId);
      const vendor = published.vendors.find((v) => v.name === "Vendor A Corporation");
      expect(vendor).toMatchObject({
        statement: statement.text,
        statementLanguage: "en",
        statementTranslation: statement.translation,
      });
      expect(vendor?.countermeasures).toEqual([
        expect.objectContaining({
          description: fix.description,
          language: "en",
          translation: fix.translation,
        }),
      ]);
    });

    it("opens a countermeasure stored before products and languages existed", async () => {
      const caseId = await affectedCase();
      await bed.runtime.database.db.transaction().execute((tx) =>
        insertCountermeasure(tx, bed.runtime.cipher, {
          caseId,
          orgId: bed.cast.organizations.vendorA,
          userId: bed.cast.users.vendorAAdmin.userId,
          type: "fix",
          content: {
            description: "ファームウェアを更新してください。",
            affectedVersions: [],
            fixedVersions: ["1.0.4"],
            url: null,
          },
          at: bed.runtime.clock.now().toISOString(),
        }),
      );
      const view = okJson(
        await bed.call(bed.cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`),
      );
      expect(ownCountermeasures(view)).toEqual([
        expect.objectContaining({
          language: "ja",
          translation: null,
          product: null,
          cpe: null,
          purl: null,
          ranges: [],
        }),
      ]);
    });

    it("takes the vendor's form with product, identifiers, ranges one per line and a translation, and keeps what was typed when a range line is wrong", async () => {
      const caseId = await affectedCase();
      const vendor = await signIn(bed.app, bed.runtime, bed.cast.users.vendorAAdmin);
      const form = {
        countermeasureType: "fix",
        countermeasureLanguage: "en",
        countermeasureDescription: "Update the firmware to 2.4 or 1.9.7.",
        countermeasureTranslation: "ファームウェアを 2.4 または 1.9.7 に更新してください。",
        countermeasureProduct: "Router A100",
        countermeasureCpe: CPE,
        countermeasurePurl: PURL,
        affectedVersions: "2.0 to 2.3, 1.9.6 and earlier",
        countermeasureRanges: ">=2.0 <2.4\nthrough 1.9.6",
        fixedVersions: "2.4, 1.9.7",
        countermeasureUrl: "",
      };
      const send = (fields: Record<string, string>) =>
        vendor.inject({
          method: "POST",
          url: `/cases/${caseId}/countermeasures`,
          headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams(fields).toString(),
        });
      const refused = await send(form);
      expect(refused.statusCode).toBe(422);
      expect(decodedHtml(refused.body)).toContain(
        en["casePages.countermeasure.rangesError"].replace("{line}", "2"),
      );
      expect(decodedHtml(refused.body)).toContain(`>${form.countermeasureRanges}</textarea>`);
      expect(refused.body).toContain(form.countermeasureTranslation);

      const saved = await send({ ...form, countermeasureRanges: ">=2.0 <2.4\n<=1.9.6" });
      expect(saved.statusCode, saved.body).toBe(303);
      const view = okJson(
        await bed.call(bed.cast.users.vendorAAdmin, "GET", `/api/v1/cases/${caseId}`),
      );
      expect(ownCountermeasures(view)).toEqual([
        expect.objectContaining({
          language: "en",
          translation: form.countermeasureTranslation,
          product: "Router A100",
          cpe: CPE,
          purl: PURL,
          ranges: [{ introduced: "2.0", fixed: "2.4" }, { lastAffected: "1.9.6" }],
          affectedVersions: ["2.0 to 2.3", "1.9.6 and earlier"],
          fixedVersions: ["2.4", "1.9.7"],
        }),
      ]);
      // The case page shows the product, its identifiers, the ranges and the translation.
      const page = await vendor.inject({
        method: "GET",
        url: `/cases/${caseId}`,
        headers: { accept: "text/html" },
      });
      expect(page.body).toContain(
        en["casePages.countermeasure.for"].replace("{product}", "Router A100"),
      );
      expect(decodedHtml(page.body)).toContain(">=2.0 <2.4");
      expect(page.body).toContain(form.countermeasureTranslation);
    });
  },
);
