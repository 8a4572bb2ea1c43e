import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, linksIn } from "../../../test/support/actors.ts";
import { approvedCase } from "../../../test/support/advisories.ts";
import { advisoryTestbed } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import { createMailTransport } from "../../platform/mail/transport.ts";

const REPORT_TITLE = "FINDERMAIL stored XSS in the device list";

/**
 * R-PUB-5: when the advisory is published, the finder is told which one it is and where to read
 * it — it is public by then — in the finder's language, delivered over SMTP like any mail.
 */
describe.each(testDatabaseTargets())("the finder's publication mail on $name", (target) => {
  let smtp: SmtpPeer;
  beforeAll(async () => {
    smtp = await startSmtpPeer();
  });
  // Registered before the testbed, so it runs after the runtime is closed.
  afterAll(async () => {
    await smtp.close();
  });
  const bed = advisoryTestbed(target, () => ({
    mailTransport: createMailTransport({ kind: "smtp", url: smtp.url }),
  }));

  it.each(["ja", "en"] as const)(
    "tells a finder reading %s which advisory was published, with its public page",
    async (language) => {
      const finderUser = await createTestUser(bed.runtime, {
        email: `finder-${language}@mail-test.example`,
        name: `Finder ${language.toUpperCase()}`,
        language,
      });
      const finder = await bed.cast.actorOf(finderUser);
      const publishAt = bed.inDays(7);
      const { caseId, reportId } = await approvedCase(
        bed.runtime,
        bed.cast,
        { ...bed.people, finder },
        { publishAt, text: { title: REPORT_TITLE } },
      );
      await bed.runtime.jobRunner.runDue();
      const toFinder = async () =>
        (await smtp.messages()).filter(({ to }) => to.includes(finderUser.email));
      const before = (await toFinder()).length;

      await bed.runDueAt(publishAt);
      await bed.runtime.jobRunner.runDue();
      const advisoryId = (await bed.runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
      expect(advisoryId).not.toBe("");
      const report = await bed.runtime.services.reports.get(finder, reportId);

      // One mail at the publication, and it is this one (not "there is an update").
      const atPublication = (await toFinder()).slice(before).map(({ mail }) => mail);
      expect(atPublication).toHaveLength(1);
      const [mail] = atPublication;
      const t = translator(language);
      const params = {
        advisoryId,
        receiptNumber: report.receiptNumber,
        name: finderUser.name,
      };
      expect(mail?.subject).toBe(t("mail.reportAdvisoryPublished.subject", params));
      expect(mail?.subject).toContain(advisoryId);
      expect(mail?.headers.get("content-language")).toBe(language);
      const text = mail?.text ?? "";
      expect(text).toContain(advisoryId);
      expect(text).toContain(finderUser.name);
      expect(text).not.toContain(REPORT_TITLE);

      // It links the advisory's public page, which opens without signing in, and the report.
      const publicUrl = new URL(bed.runtime.config.publicUrl);
      const paths = linksIn(text)
        .filter((link) => link.origin === publicUrl.origin)
        .map((link) => `${link.pathname}${link.search}`);
      const advisoryPath = `/advisories/${encodeURIComponent(advisoryId)}`;
      expect(paths).toContain(advisoryPath);
      expect(paths).toContain(`/reports/${reportId}`);
      const page = await bed.app.inject({
        url: advisoryPath,
        headers: { accept: "text/html", "accept-language": language },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(advisoryId);
    },
  );
});
