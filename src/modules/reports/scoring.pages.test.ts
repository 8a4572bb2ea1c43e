import { describe, expect, it } from "vitest";
import { signIn } from "../../../test/support/actors.ts";
import { advisoryTestbed } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import { scoreCvss } from "./cvss.ts";

const VECTOR = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N";

/** A text as Preact writes it into the page (it escapes &, < and "). */
const html = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;");

describe.each(testDatabaseTargets())(
  "the CVSS score on the desk's and the case's pages on $name",
  (target) => {
    const bed = advisoryTestbed(target);

    it("shows the base score, severity, version and each metric to the desk admin and the coordinator admin (who read the content)", async () => {
      const { reports } = bed.runtime.services;
      const { people, cast } = bed;
      const { id: reportId } = await reports.submit(people.finder, {
        kind: "product",
        title: "XSS in Router A100 admin console",
        productName: "Router A100",
        productVersion: "1.0.3",
        description: "Stored XSS in the device name field.",
        reproduction: "Add a device named <script> and open the list.",
        cvssVector: VECTOR,
        cwe: "CWE-79",
        consent: {
          identityToCoordinator: true,
          identityToVendor: true,
          directContact: false,
          credit: null,
        },
      });
      await reports.accept(people.desk, reportId);
      const { caseId } = await reports.forward(people.desk, reportId, {});
      const scored = scoreCvss(VECTOR);
      if (!scored.ok) throw new Error(scored.message);
      for (const [user, url] of [
        [cast.users.intakeAdmin, `/reports/${reportId}`],
        [cast.users.coordinatorAdmin, `/cases/${caseId}`],
      ] as const) {
        const session = await signIn(bed.app, bed.runtime, user);
        const page = await session.inject({
          method: "GET",
          url,
          headers: { accept: "text/html" },
        });
        expect(page.statusCode, url).toBe(200);
        const language = /<html lang="(\w+)"/.exec(page.body)?.[1] === "ja" ? "ja" : "en";
        const words = translator(language);
        const shown = words("scoring.score.summary", {
          score: scored.score.baseScore.toFixed(1),
          severity: words(`advisories.severity.${scored.score.severity}`),
          version: "3.1",
        });
        expect(page.body, url).toContain(html(shown));
        expect(page.body, url).toContain(html(words("scoring.cvss31.AV")));
        expect(page.body, url).toContain(html(words("scoring.cvss31.S.C")));
        expect(page.body, url).toContain("CWE-79");
      }
    }, 120_000);
  },
);
