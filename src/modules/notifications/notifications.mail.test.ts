import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  createTestUser,
  type TestUser,
} from "../../../test/support/actors.ts";
import { draftFor } from "../../../test/support/advisories.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp.ts";
import { buildApp } from "../../app.ts";
import {
  formatInstant,
  type Language,
  type MessageKey,
  translator,
} from "../../platform/i18n/i18n.ts";
import { createMailTransport } from "../../platform/mail/transport.ts";
import { NOTIFICATION_DIGEST_JOB, nextDigestAt } from "./digest.ts";

/** In every report's text and every message: no mail may carry it (R-SEC-3). */
const MARKER = "NOTIFY-REPORT-TEXT-7f3a";
const REJECT_REASON = "We could not see a vulnerability in what you describe.";

/**
 * Issue 13 items 1 and 2, over SMTP as in production: the finder's mails say what happened,
 * the desk and the coordinator hear of new work, a user's choice (digest, none) is kept, and no
 * mail carries report text.
 */
describe.each(testDatabaseTargets())("notifications on $name", (target) => {
  let smtp: SmtpPeer;
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    runtime = await createTestRuntime(target, {
      mailTransport: createMailTransport({ kind: "smtp", url: smtp.url }),
    });
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    ok(
      await call(
        cast.users.coordinatorMember,
        "POST",
        `/api/v1/organizations/${cast.organizations.vendorA}/nda`,
        { signedAt: "2026-01-15T00:00:00.000Z", version: "2026-01" },
      ),
    );
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
    await smtp.close();
  });

  const call = (
    user: TestUser,
    method: "GET" | "POST" | "PUT",
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    app.inject({
      method,
      url,
      headers: user.bearer,
      remoteAddress: user.ip,
      ...(payload !== undefined ? { payload } : {}),
    });
  const ok = (response: LightMyRequestResponse, status = 200) => {
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };
  const mailsTo = async (user: TestUser): Promise<ParsedMail[]> => {
    await runtime.jobRunner.runDue();
    return (await smtp.messages())
      .filter(({ to }) => to.includes(user.email))
      .map(({ mail }) => mail);
  };
  const subjectsTo = async (user: TestUser) => (await mailsTo(user)).map((m) => m.subject ?? "");

  const fileProduct = async (finder: TestUser) =>
    ok(
      await call(finder, "POST", "/api/v1/reports", {
        kind: "product",
        title: `${MARKER} title`,
        productName: "Router A100",
        productVersion: "1.0.3",
        description: `${MARKER} description`,
        reproduction: `${MARKER} proof of concept`,
        verificationMethod: `${MARKER} verification`,
        consent: {
          identityToCoordinator: false,
          identityToVendor: false,
          directContact: false,
          credit: null,
        },
      }),
      201,
    ) as { id: string; receiptNumber: string };
  const desk = () => cast.users.intakeMember;
  const take = async (id: string) =>
    ok(
      await call(desk(), "POST", `/api/v1/reports/${id}/assign`, {
        userId: desk().userId,
      }),
    );
  const vendorAName = async () =>
    (
      await runtime.database.db
        .selectFrom("organizations")
        .select("name")
        .where("id", "=", cast.organizations.vendorA)
        .executeTakeFirstOrThrow()
    ).name;
  const caseNumberOf = async (caseId: string) =>
    (
      await runtime.database.db
        .selectFrom("cases")
        .select("case_number")
        .where("id", "=", caseId)
        .executeTakeFirstOrThrow()
    ).case_number;
  /** Forwards an accepted report; the coordinator notifies vendor A (which sets the date). */
  const forwardAndNotify = async (id: string) => {
    const { caseId } = ok(await call(desk(), "POST", `/api/v1/reports/${id}/forward`, {}));
    const coordinator = cast.users.coordinatorMember;
    const vendor = cast.organizations.vendorA;
    ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors`, {
        organizationId: vendor,
      }),
      201,
    );
    ok(await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${vendor}/notify`));
    return caseId as string;
  };
  /** The vendor's answers, each new work for the coordinator. */
  const vendorAnswers = async (caseId: string) => {
    const vendor = cast.users.vendorAAdmin;
    ok(await call(vendor, "POST", `/api/v1/cases/${caseId}/acknowledge`));
    ok(
      await call(vendor, "POST", `/api/v1/cases/${caseId}/status`, {
        status: "affected",
        statement: `${MARKER} statement`,
      }),
    );
    ok(
      await call(vendor, "POST", `/api/v1/cases/${caseId}/countermeasures`, {
        type: "fix",
        description: `${MARKER} fix`,
        fixedVersions: ["1.0.4"],
      }),
      201,
    );
    ok(
      await call(vendor, "POST", `/api/v1/cases/${caseId}/messages`, { body: `${MARKER} message` }),
      201,
    );
  };

  it.each(["ja", "en"] as const)(
    "tells a finder reading %s what happened, one mail per event, the subject saying when to act",
    async (language: Language) => {
      const finder = await createTestUser(runtime, {
        email: `finder-${language}@notify.example`,
        name: `Finder ${language}`,
        language,
      });
      const t = translator(language);
      const first = await fileProduct(finder);
      await take(first.id);
      ok(
        await call(desk(), "POST", `/api/v1/reports/${first.id}/request-info`, {
          message: `${MARKER} which firmware?`,
        }),
      );
      ok(
        await call(desk(), "POST", `/api/v1/reports/${first.id}/messages`, {
          body: `${MARKER} still waiting`,
        }),
        201,
      );
      ok(
        await call(finder, "POST", `/api/v1/reports/${first.id}/resubmit`, {
          productVersion: "1.0.3 build 77",
        }),
      );
      ok(
        await call(desk(), "POST", `/api/v1/reports/${first.id}/messages`, {
          body: `${MARKER} thank you`,
        }),
        201,
      );
      ok(await call(desk(), "POST", `/api/v1/reports/${first.id}/accept`));
      const caseId = await forwardAndNotify(first.id);
      const publishAt = (
        ok(await call(cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`)) as {
          schedule: { publishAt: string };
        }
      ).schedule.publishAt;
      ok(
        await call(cast.users.coordinatorMember, "POST", `/api/v1/cases/${caseId}/close`, {
          reason: "no_action",
          message: `${MARKER} closing`,
        }),
      );

      const second = await fileProduct(finder);
      await take(second.id);
      ok(
        await call(desk(), "POST", `/api/v1/reports/${second.id}/reject`, {
          reason: REJECT_REASON,
        }),
      );

      const web = ok(
        await call(finder, "POST", "/api/v1/reports", {
          kind: "web",
          title: `${MARKER} web title`,
          siteUrl: "https://shop.example/search",
          description: `${MARKER} web description`,
          reproduction: `${MARKER} web proof`,
          consent: { identityToOperator: false, directContact: false },
        }),
        201,
      ) as { id: string; receiptNumber: string };
      await take(web.id);
      ok(await call(desk(), "POST", `/api/v1/reports/${web.id}/accept`));
      ok(
        await call(desk(), "POST", `/api/v1/reports/${web.id}/forward`, {
          operatorOrganizationId: cast.organizations.siteOperator,
        }),
      );

      const subject = (key: MessageKey, receiptNumber: string, extra = {}) =>
        t(key, { receiptNumber, name: finder.name, ...extra });
      const expected = [
        subject("mail.reportReceived.subject", first.receiptNumber),
        subject("mail.reportInfoRequested.subject", first.receiptNumber),
        subject("mail.reportDeskMessageReplyAwaited.subject", first.receiptNumber),
        subject("mail.reportDeskMessage.subject", first.receiptNumber),
        subject("mail.reportAccepted.subject", first.receiptNumber),
        subject("mail.reportForwardedToCoordinator.subject", first.receiptNumber),
        subject("mail.reportPublicationDateSet.subject", first.receiptNumber),
        subject("mail.reportClosed.subject", first.receiptNumber, {
          outcome: t("desk.outcome.no_action"),
        }),
        subject("mail.reportReceived.subject", second.receiptNumber),
        subject("mail.reportRejected.subject", second.receiptNumber),
        subject("mail.reportReceived.subject", web.receiptNumber),
        subject("mail.reportAccepted.subject", web.receiptNumber),
        subject("mail.reportForwardedToOperator.subject", web.receiptNumber),
      ];
      const mails = await mailsTo(finder);
      expect(mails.map((mail) => mail.subject).sort()).toEqual([...expected].sort());
      for (const mail of mails) expect(mail.headers.get("content-language")).toBe(language);
      // The request to act is in the subject.
      expect(expected[1]).toContain(language === "ja" ? "要対応" : "Action needed");
      expect(expected[2]).toContain(language === "ja" ? "返信をお待ちしています" : "Reply needed");
      const textOf = (key: MessageKey, receiptNumber: string) =>
        mails.find((mail) => mail.subject === subject(key, receiptNumber))?.text ?? "";
      // The reason the desk wrote for the finder, and the date with its zone.
      expect(textOf("mail.reportRejected.subject", second.receiptNumber)).toContain(REJECT_REASON);
      expect(textOf("mail.reportPublicationDateSet.subject", first.receiptNumber)).toContain(
        formatInstant(new Date(publishAt), language),
      );
    },
  );

  it("tells the desk of a new report, the finder's answer and message, and the coordinator of the case and the vendor's answers", async () => {
    const t = translator("en");
    const notice = (reference: string, what: MessageKey, params = {}) =>
      t("mail.notice.subject", { reference, what: t(what, params) });
    const finder = cast.users.finder;
    const report = await fileProduct(finder);
    for (const member of [cast.users.intakeMember, cast.users.analyst, cast.users.intakeAdmin]) {
      expect(await subjectsTo(member)).toContain(
        notice(report.receiptNumber, "notifications.what.reportSubmitted"),
      );
    }
    await take(report.id);
    ok(
      await call(desk(), "POST", `/api/v1/reports/${report.id}/request-info`, {
        message: `${MARKER} details please`,
      }),
    );
    ok(
      await call(finder, "POST", `/api/v1/reports/${report.id}/messages`, {
        body: `${MARKER} from the finder`,
      }),
      201,
    );
    ok(
      await call(finder, "POST", `/api/v1/reports/${report.id}/resubmit`, { productVersion: "2" }),
    );
    const toAssignee = await subjectsTo(desk());
    expect(toAssignee).toContain(notice(report.receiptNumber, "notifications.what.finderMessage"));
    expect(toAssignee).toContain(
      notice(report.receiptNumber, "notifications.what.reportResubmitted"),
    );
    // Taken: the rest of the desk is not told of the answer.
    expect(await subjectsTo(cast.users.intakeAdmin)).not.toContain(
      notice(report.receiptNumber, "notifications.what.reportResubmitted"),
    );

    ok(await call(desk(), "POST", `/api/v1/reports/${report.id}/accept`));
    const caseId = await forwardAndNotify(report.id);
    await vendorAnswers(caseId);
    const caseNumber = await caseNumberOf(caseId);
    expect(caseNumber).toMatch(/^C-\d{4}-\d{6}$/);
    const vendor = { vendor: await vendorAName() };
    const openedSubject = notice(caseNumber, "notifications.what.caseOpenedFromReport", {
      receiptNumber: report.receiptNumber,
    });
    // The case says which report it came from; each answer names the vendor that gave it.
    expect(openedSubject).toContain(report.receiptNumber);
    expect(notice(caseNumber, "notifications.what.vendorAcknowledged", vendor)).toContain(
      vendor.vendor,
    );
    for (const coordinator of [cast.users.coordinatorMember, cast.users.coordinatorAdmin]) {
      const subjects = await subjectsTo(coordinator);
      // The one who notified the vendor is not told of it; the case is new work for both.
      expect(subjects).toContain(openedSubject);
      for (const what of [
        "notifications.what.vendorAcknowledged",
        "notifications.what.vendorStatus",
        "notifications.what.vendorCountermeasure",
      ] as const) {
        expect(subjects).toContain(notice(caseNumber, what, vendor));
      }
      expect(subjects).toContain(t("mail.caseMessage.subject", { caseNumber }));
    }
    const opened = (await mailsTo(cast.users.coordinatorAdmin)).find(
      (mail) => mail.subject === openedSubject,
    );
    expect(opened?.text).toContain(`/cases/${caseId}`);
    // The vendor never reads its own name in a mail of this kind, nor another vendor's.
    for (const mail of await mailsTo(cast.users.vendorAAdmin)) {
      expect(mail.subject).not.toContain(vendor.vendor);
    }
  });

  it("keeps the events of a user who chose the digest for one daily mail, and sends nothing to one who chose never", async () => {
    const kinds = [
      "case_opened",
      "vendor_acknowledged",
      "vendor_status",
      "vendor_countermeasure",
      "case_message",
    ];
    const digestReader = await createTestUser(runtime, {
      email: "digest@coordinator.example",
      name: "Digest Reader",
      organizationId: cast.organizations.coordinator,
      role: "member",
      language: "ja",
    });
    const silent = await createTestUser(runtime, {
      email: "silent@coordinator.example",
      name: "Silent Coordinator",
      organizationId: cast.organizations.coordinator,
      role: "member",
      language: "en",
    });
    for (const [user, delivery] of [
      [digestReader, "digest"],
      [silent, "none"],
    ] as const) {
      const saved = ok(
        await call(user, "PUT", "/api/v1/account/notifications", {
          preferences: kinds.map((kind) => ({ kind, delivery })),
        }),
      ) as { preferences: { kind: string; delivery: string; chosen: boolean }[] };
      for (const kind of kinds)
        expect(saved.preferences.find((p) => p.kind === kind)).toMatchObject({
          delivery,
          chosen: true,
        });
    }
    const before = (await mailsTo(digestReader)).length;
    const report = await fileProduct(cast.users.finder);
    await take(report.id);
    ok(await call(desk(), "POST", `/api/v1/reports/${report.id}/accept`));
    const occurredAt = runtime.clock.now();
    const caseId = await forwardAndNotify(report.id);
    await vendorAnswers(caseId);
    const caseNumber = await caseNumberOf(caseId);
    const vendor = { vendor: await vendorAName() };
    expect((await mailsTo(digestReader)).length).toBe(before);
    expect(await mailsTo(silent)).toEqual([]);

    // The digest, at 08:00 in Tokyo: one mail, in the reader's language, run twice.
    runtime.clock.set(nextDigestAt(runtime.clock.now()));
    await runtime.jobRunner.runDue();
    const digest = runtime.jobHandlers[NOTIFICATION_DIGEST_JOB];
    const rerun = { id: "again", type: NOTIFICATION_DIGEST_JOB, payload: null, attempt: 1 };
    await digest?.({ ...rerun, maxAttempts: 1, dueAt: runtime.clock.now() });
    const mails = (await mailsTo(digestReader)).slice(before);
    expect(mails).toHaveLength(1);
    const t = translator("ja");
    expect(mails[0]?.subject).toBe(t("mail.notificationDigest.subject", { count: 5 }));
    const text = mails[0]?.text ?? "";
    for (const [what, params] of [
      ["notifications.what.caseOpenedFromReport", { receiptNumber: report.receiptNumber }],
      ["notifications.what.vendorAcknowledged", vendor],
      ["notifications.what.vendorStatus", vendor],
      ["notifications.what.vendorCountermeasure", vendor],
      ["notifications.what.caseMessage", {}],
    ] as const) {
      expect(text).toContain(`${caseNumber}: ${t(what, params)}`);
    }
    expect(text).toContain(`/cases/${caseId}`);
    expect(text).toContain(formatInstant(occurredAt, "ja"));
    expect(text).toContain("/account/notifications");
    expect(await mailsTo(silent)).toEqual([]);
  });

  it("tells the finder once that a draft advisory is ready, and again after they read it and it changes", async () => {
    const finder = await createTestUser(runtime, {
      email: "finder-draft@notify.example",
      name: "Draft Finder",
      language: "en",
    });
    const t = translator("en");
    const report = await fileProduct(finder);
    await take(report.id);
    ok(await call(desk(), "POST", `/api/v1/reports/${report.id}/accept`));
    const caseId = await forwardAndNotify(report.id);
    const coordinator = cast.users.coordinatorMember;
    const draft = draftFor(cast, {
      title: `${MARKER} draft title`,
      description: `${MARKER} draft description`,
    });
    const readySubject = t("mail.reportDraftReady.subject", {
      receiptNumber: report.receiptNumber,
    });
    const ready = async () =>
      (await mailsTo(finder)).filter((mail) => mail.subject === readySubject);

    ok(await call(coordinator, "PUT", `/api/v1/cases/${caseId}/advisory`, { ...draft }));
    ok(await call(coordinator, "PUT", `/api/v1/cases/${caseId}/advisory`, { ...draft }));
    const first = await ready();
    expect(first).toHaveLength(1);
    expect(first[0]?.text).toContain(`/reports/${report.id}`);
    expect(`${first[0]?.subject}\n${first[0]?.text}`).not.toContain(MARKER);

    ok(await call(finder, "GET", `/api/v1/reports/${report.id}/draft-advisory`));
    ok(
      await call(coordinator, "PUT", `/api/v1/cases/${caseId}/advisory`, {
        ...draft,
        changeNote: "credit corrected",
      }),
    );
    expect(await ready()).toHaveLength(2);
  });

  it("says in staff mail when a message is the finder's relayed comment or the coordinator's message for the finder", async () => {
    const t = translator("en");
    const notice = (reference: string, what: MessageKey, params = {}) =>
      t("mail.notice.subject", { reference, what: t(what, params) });
    const report = await fileProduct(cast.users.finder);
    await take(report.id);
    ok(await call(desk(), "POST", `/api/v1/reports/${report.id}/accept`));
    const caseId = await forwardAndNotify(report.id);
    const caseNumber = await caseNumberOf(caseId);
    const coordinator = cast.users.coordinatorMember;
    ok(await call(coordinator, "PUT", `/api/v1/cases/${caseId}/advisory`, { ...draftFor(cast) }));

    const { id: commentId } = ok(
      await call(cast.users.finder, "POST", `/api/v1/reports/${report.id}/draft-comments`, {
        part: "credit",
        body: `${MARKER} credit me`,
      }),
      201,
    );
    ok(
      await call(
        desk(),
        "POST",
        `/api/v1/reports/${report.id}/draft-comments/${commentId}/relay`,
        {},
      ),
    );
    expect(await subjectsTo(cast.users.coordinatorAdmin)).toContain(
      notice(caseNumber, "notifications.what.finderDraftCommentRelayed"),
    );

    ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/finder-messages`, {
        body: `${MARKER} which version?`,
      }),
      201,
    );
    const forDesk = (await mailsTo(desk())).find(
      (mail) =>
        mail.subject ===
        notice(report.receiptNumber, "notifications.what.coordinatorWroteToFinder", {
          caseNumber,
        }),
    );
    // The relay button is on the report's page.
    expect(forDesk?.text).toContain(`/reports/${report.id}`);
    expect(forDesk?.text).not.toContain(`/cases/${caseId}`);
  });

  it("never mails report text, to anyone", async () => {
    const all = await smtp.messages();
    expect(all.length).toBeGreaterThan(20);
    for (const { mail } of all) {
      expect(`${mail.subject}\n${mail.text ?? ""}\n${mail.html || ""}`).not.toContain(MARKER);
    }
  });
});
