import { describe, expect, it } from "vitest";
import { signIn } from "../../../test/support/actors.ts";
import { advisoryTestbed } from "../../../test/support/advisory-testbed.ts";
import { sqliteTarget } from "../../../test/support/databases.ts";
import { decodedHtml } from "../../../test/support/html.ts";
import { en } from "../../platform/i18n/en.ts";
import type { Catalog } from "../../platform/i18n/i18n.ts";
import { ja } from "../../platform/i18n/ja.ts";

const CVSS_V31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N";
const PURL = "pkg:generic/vendor-a/router-a100-firmware";

/** The value of the input or textarea named so, as the page gives it. */
function fieldValue(html: string, name: string): string | null {
  const page = decodedHtml(html);
  const escaped = name.replaceAll(".", "\\.");
  const textarea = new RegExp(`<textarea[^>]*name="${escaped}"[^>]*>([\\s\\S]*?)</textarea>`).exec(
    page,
  );
  if (textarea) return textarea[1] ?? "";
  const input = new RegExp(`<input[^>]*name="${escaped}"[^>]*value="([^"]*)"`).exec(page);
  return input ? (input[1] ?? "") : null;
}

describe("the coordinator's draft form", () => {
  const bed = advisoryTestbed(sqliteTarget);

  it("starts from the case, shows the finder's credit, and keeps what was typed with each error in the coordinator's language", async () => {
    const { reports, cases } = bed.runtime.services;
    const title = "Stored XSS in the Router A100 console";
    const { id } = await reports.submit(bed.people.finder, {
      kind: "product",
      title,
      productName: "Router A100",
      productVersion: "2.3",
      cwe: "CWE-79",
      cvssVector: CVSS_V31,
      description: "The device name is not escaped.",
      reproduction: "Name a device <script> and open the list.",
      consent: {
        identityToCoordinator: true,
        identityToVendor: false,
        directContact: false,
        credit: "Finder One",
      },
    });
    await reports.accept(bed.people.desk, id);
    const { caseId } = await reports.forward(bed.people.desk, id, {});
    if (!caseId) throw new Error("no case");
    await cases.assign(bed.people.coordinator, caseId, { userId: bed.people.coordinator.userId });
    await bed.notifyVendors(caseId, ["vendorA"]);
    await cases.reportStatus(bed.people.vendorA, caseId, { status: "affected" });
    await cases.addCountermeasure(bed.people.vendorA, caseId, {
      type: "fix",
      description: "Update to 2.4.",
      product: "Router A100",
      purl: PURL,
      ranges: [{ introduced: "2.0", fixed: "2.4" }],
      fixedVersions: ["2.4"],
    });

    const coordinator = await signIn(bed.app, bed.runtime, bed.cast.users.coordinatorMember);
    const url = `/cases/${caseId}/advisory`;
    const get = () => coordinator.inject({ method: "GET", url, headers: { accept: "text/html" } });
    const post = (fields: Record<string, string>) =>
      coordinator.inject({
        method: "POST",
        url,
        headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(fields).toString(),
      });

    const prefilled = await get();
    expect(prefilled.statusCode).toBe(200);
    const page = decodedHtml(prefilled.body);
    expect(page).toContain(en["advisories.draft.prefilled"]);
    expect(page).toContain(en["advisories.draft.credit"].replace("{credit}", "Finder One"));
    expect(fieldValue(prefilled.body, "title")).toBe(title);
    expect(fieldValue(prefilled.body, "cwe")).toBe("CWE-79");
    expect(fieldValue(prefilled.body, "cvssV3")).toBe(CVSS_V31);
    expect(fieldValue(prefilled.body, "affected.0.product")).toBe("Router A100");
    expect(fieldValue(prefilled.body, "affected.0.purl")).toBe(PURL);
    expect(fieldValue(prefilled.body, "affected.0.ranges")).toBe(">=2.0 <2.4");
    expect(page).toMatch(
      new RegExp(`<option value="${bed.cast.organizations.vendorA}" selected>Vendor A Corporation`),
    );
    // Nothing is saved by opening the form.
    expect((await cases.get(bed.people.coordinator, caseId)).advisory.status).toBe("none");

    const form: Record<string, string> = {
      language: "en",
      title,
      overview: "Router A100 has a stored XSS.",
      description: "The device name is not escaped.",
      impact: "Script runs in an administrator's browser.",
      "translation.title": "Router A100 における格納型 XSS",
      "translation.overview": "",
      "translation.description": "",
      "translation.impact": "",
      cwe: "CWE-79",
      cvssV3: CVSS_V31,
      cvssV4: "",
      cveIds: "",
      references: "",
      "affected.0.vendorOrgId": bed.cast.organizations.vendorA,
      "affected.0.product": "Router A100",
      "affected.0.versions": "2.0 to 2.3",
      "affected.0.cpe": "",
      "affected.0.purl": "router-a100",
      "affected.0.ranges": ">=2.0 <2.4\nup to 1.9",
    };
    const expectRefused = async (catalog: Catalog) => {
      const refused = await post(form);
      expect(refused.statusCode).toBe(422);
      const body = decodedHtml(refused.body);
      expect(body).toContain(catalog["advisories.draft.error.purl"].replace("{row}", "1"));
      expect(body).toContain(
        catalog["advisories.draft.error.ranges"].replace("{row}", "1").replace("{line}", "2"),
      );
      expect(body).toContain(catalog["advisories.draft.error.translation"]);
      expect(body).toContain('href="#field-affected.0.ranges"');
      for (const name of ["affected.0.ranges", "affected.0.purl", "translation.title"]) {
        expect(fieldValue(refused.body, name), name).toBe(form[name]);
      }
      expect(body).toMatch(/<option value="en" lang="en" selected>/);
    };
    await expectRefused(en);
    await bed.runtime.services.accounts.updateProfile(bed.people.coordinator, { language: "ja" });
    await expectRefused(ja);

    const saved = await post({
      ...form,
      "translation.title": "",
      "affected.0.purl": PURL,
      "affected.0.ranges": ">=2.0 <2.4",
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const view = await cases.get(bed.people.coordinator, caseId);
    expect(view.advisory).toMatchObject({
      language: "en",
      translation: null,
      affected: [{ purl: PURL, ranges: [{ introduced: "2.0", fixed: "2.4" }] }],
    });
    const reopened = decodedHtml((await get()).body);
    expect(reopened).not.toContain(ja["advisories.draft.prefilled"]);
    expect(reopened).toContain(ja["advisories.draft.differencesHeading"]);
    // The vendor gave no affected versions as text; the draft's ranges are the vendor's.
    expect(reopened).toContain(ja["advisories.draft.differencesNone"]);
  });
});
