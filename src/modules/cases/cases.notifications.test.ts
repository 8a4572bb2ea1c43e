import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  deliveredMail,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { gpgAvailable, gpgKeyPair } from "../../../test/support/gpg.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { requireInCi } from "../../../test/support/suites.ts";
import { buildApp } from "../../app.ts";

const DESCRIPTION = "NOTIFY-MARKER stored XSS in the device list";
const VERIFICATION = "NOTIFY-VERIFICATION-MARKER";
const DAY = 24 * 60 * 60 * 1000;
const VENDOR_A_CONTACT = "psirt@vendor-a.example";
const VENDOR_B_CONTACT = "security@vendor-b.example";

const hasGpg = requireInCi("GnuPG interoperability", gpgAvailable(), "gpg is not installed");

describe.each(testDatabaseTargets())("case notifications on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let vendorBKey: ReturnType<typeof gpgKeyPair> | null = null;
  let caseId = "";

  const call = (user: TestUser, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: user.bearer,
      remoteAddress: user.ip,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const ok = (response: LightMyRequestResponse, status = 200) => {
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };
  const rawMailTo = (address: string) => {
    const folder = path.join(runtime.dataDir, "outbox-mail");
    return fs
      .readdirSync(folder)
      .filter((name) => name.endsWith(".eml"))
      .sort()
      .map((name) => fs.readFileSync(path.join(folder, name), "utf8"))
      .filter((raw) => raw.includes(`To: ${address}`));
  };
  const subjects = async (address: string) =>
    (await deliveredMail(runtime, address)).map((mail) => mail.subject);

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    const coordinator = cast.users.coordinatorMember;
    for (const orgId of [cast.organizations.vendorA, cast.organizations.vendorB]) {
      ok(
        await call(coordinator, "POST", `/api/v1/organizations/${orgId}/nda`, {
          signedAt: "2026-01-15T00:00:00.000Z",
          version: "2026-01",
        }),
      );
    }
    if (hasGpg) {
      vendorBKey = gpgKeyPair(`Vendor B PSIRT <${VENDOR_B_CONTACT}>`);
      ok(
        await call(coordinator, "PATCH", `/api/v1/organizations/${cast.organizations.vendorB}`, {
          pgpPublicKey: vendorBKey.publicKey,
        }),
      );
    }
    const filed = ok(
      await call(cast.users.finder, "POST", "/api/v1/reports", {
        kind: "product",
        title: "XSS in Router A100",
        productName: "Router A100",
        productVersion: "1.0.3",
        description: DESCRIPTION,
        reproduction: "Add a device with a script name",
        verificationMethod: VERIFICATION,
        consent: {
          identityToCoordinator: false,
          identityToVendor: false,
          directContact: false,
          credit: null,
        },
      }),
      201,
    );
    ok(await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/accept`));
    caseId = ok(
      await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/forward`, {}),
    ).caseId;
    for (const orgId of [cast.organizations.vendorA, cast.organizations.vendorB]) {
      ok(
        await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors`, {
          organizationId: orgId,
        }),
        201,
      );
      ok(await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors/${orgId}/notify`));
    }
  });
  afterAll(async () => {
    vendorBKey?.dispose();
    await app.close();
    await runtime.close();
  });

  it("tells a vendor without a PGP key to sign in, with the case's number, a link and none of the case's content", async () => {
    const mails = await deliveredMail(runtime, VENDOR_A_CONTACT);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`/cases/${caseId}`);
    const { caseNumber } = ok(
      await call(cast.users.coordinatorMember, "GET", `/api/v1/cases/${caseId}`),
    );
    expect(caseNumber).toMatch(/^C-\d{4}-\d{6}$/);
    expect(mails[0]?.subject).toContain(caseNumber);
    for (const raw of rawMailTo(VENDOR_A_CONTACT)) {
      expect(raw).not.toContain("NOTIFY-");
      expect(raw).not.toContain("Router A100");
    }
  });

  if (hasGpg) {
    it("encrypts the notification to a vendor's registered key as PGP/MIME, and GnuPG decrypts it to the case summary", async () => {
      await deliveredMail(runtime);
      const [raw] = rawMailTo(VENDOR_B_CONTACT);
      expect(raw).toBeDefined();
      expect(raw).toMatch(/Content-Type: multipart\/encrypted;[\s\S]*application\/pgp-encrypted/);
      expect(raw).not.toContain("NOTIFY-MARKER");
      const parsed = await simpleParser(raw ?? "");
      const armored = parsed.attachments
        .map((part) => part.content.toString("utf8"))
        .find((text) => text.includes("-----BEGIN PGP MESSAGE-----"));
      expect(armored).toBeDefined();
      const entity = await simpleParser(
        (vendorBKey as ReturnType<typeof gpgKeyPair>).decrypt(armored ?? ""),
      );
      expect(entity.text).toContain(DESCRIPTION);
      expect(entity.text).toContain(`/cases/${caseId}`);
      // The verification method stays on the platform, behind sign-in.
      expect(entity.text).not.toContain(VERIFICATION);
    });
  }

  it("mails each reminder and the escalation once when the clock passes their time, however often the runner runs", async () => {
    const reminderSubjects = async () =>
      (await subjects(VENDOR_A_CONTACT)).filter((subject) => /督促|Reminder/.test(subject));
    const escalations = async () =>
      (await subjects(cast.users.coordinatorMember.email)).filter((subject) =>
        /応答がありません|does not respond/.test(subject),
      );
    expect(await reminderSubjects()).toHaveLength(0);

    runtime.clock.advance(7 * DAY + 60_000);
    await runtime.jobRunner.runDue();
    expect(await reminderSubjects()).toHaveLength(1);
    await runtime.jobRunner.runDue();
    expect(await reminderSubjects()).toHaveLength(1);
    expect(await escalations()).toHaveLength(0);

    runtime.clock.advance(20 * DAY);
    await runtime.jobRunner.runDue();
    await runtime.jobRunner.runDue();
    expect(await reminderSubjects()).toHaveLength(2);
    // One escalation for each of the two silent vendors.
    expect(await escalations()).toHaveLength(2);
    await runtime.jobRunner.runDue();
    expect(await escalations()).toHaveLength(2);
  });

  it("tells the other side of a message that one is waiting, without its text", async () => {
    ok(
      await call(cast.users.coordinatorMember, "POST", `/api/v1/cases/${caseId}/messages`, {
        body: "MESSAGE-MARKER please check build 1.0.4",
        to: cast.organizations.vendorA,
      }),
      201,
    );
    const mails = await deliveredMail(runtime, VENDOR_A_CONTACT);
    expect(mails.some((mail) => /メッセージ|message/i.test(mail.subject))).toBe(true);
    for (const raw of rawMailTo(VENDOR_A_CONTACT)) expect(raw).not.toContain("MESSAGE-MARKER");
    // Vendor B is not told of a message that is not for it.
    const toB = await deliveredMail(runtime, VENDOR_B_CONTACT);
    expect(toB.some((mail) => /メッセージ|message/i.test(mail.subject))).toBe(false);
  });
});
