import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cast, createCast, createTestUser, linksIn } from "../../../test/support/actors.ts";
import {
  type AdvisoryPeople,
  advisoryPeople,
  approvedCase,
  DAY,
} from "../../../test/support/advisories.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp.ts";
import { buildApp } from "../../app.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import { createMailTransport } from "../../platform/mail/transport.ts";

const REPORT_TITLE = "FINDERMAIL stored XSS in the device list";

/**
 * R-PUB-5: when the advisory is published, the finder is told which one it is and where to read
 * it — it is public by then — in the finder's language, delivered over SMTP like any mail.
 */
describe.each(testDatabaseTargets())("the finder's publication mail on $name", (target) => {
  let smtp: SmtpPeer;
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let people: AdvisoryPeople;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    runtime = await createTestRuntime(target, {
      mailTransport: createMailTransport({ kind: "smtp", url: smtp.url }),
    });
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    people = await advisoryPeople(runtime, cast);
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
    await smtp.close();
  });

  it.each(["ja", "en"] as const)(
    "tells a finder reading %s which advisory was published, with its public page",
    async (language) => {
      const finderUser = await createTestUser(runtime, {
        email: `finder-${language}@mail-test.example`,
        name: `Finder ${language.toUpperCase()}`,
        language,
      });
      const finder = await cast.actorOf(finderUser);
      const publishAt = new Date(runtime.clock.now().getTime() + 7 * DAY).toISOString();
      const { caseId, reportId } = await approvedCase(
        runtime,
        cast,
        { ...people, finder },
        { publishAt, text: { title: REPORT_TITLE } },
      );
      await runtime.jobRunner.runDue();
      const toFinder = async () =>
        (await smtp.messages()).filter(({ to }) => to.includes(finderUser.email));
      const before = (await toFinder()).length;

      runtime.clock.set(new Date(publishAt));
      await runtime.jobRunner.runDue();
      await runtime.jobRunner.runDue();
      const advisoryId = (await runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
      expect(advisoryId).not.toBe("");
      const report = await runtime.services.reports.get(finder, reportId);

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
      const publicUrl = new URL(runtime.config.publicUrl);
      const paths = linksIn(text)
        .filter((link) => link.origin === publicUrl.origin)
        .map((link) => `${link.pathname}${link.search}`);
      const advisoryPath = `/advisories/${encodeURIComponent(advisoryId)}`;
      expect(paths).toContain(advisoryPath);
      expect(paths).toContain(`/reports/${reportId}`);
      const page = await app.inject({
        url: advisoryPath,
        headers: { accept: "text/html", "accept-language": language },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(advisoryId);
    },
  );
});
