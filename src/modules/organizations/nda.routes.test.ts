import { createHash } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  createTestUser,
  linksIn,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp.ts";
import { buildApp } from "../../app.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import { createMailTransport } from "../../platform/mail/transport.ts";

type Method = "GET" | "POST";

const TEXT_2026 = {
  version: "2026",
  bodyJa: "第1条 受領者は、調整機関から受けた脆弱性情報を秘密として保持する。",
  bodyEn: "Article 1. The recipient keeps vulnerability information from the coordinator secret.",
};
const TEXT_2027 = {
  version: "2027",
  bodyJa: "第1条 受領者は、脆弱性情報を公表日まで秘密として保持する。",
  bodyEn: "Article 1. The recipient keeps vulnerability information secret until publication.",
};
const CASE_TITLE = "NDAMAILTEST stored XSS in the router's device list";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe.each(testDatabaseTargets())("NDAs in the application on $name", (target) => {
  let smtp: SmtpPeer;
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let users: Cast["users"];
  let vendorA: string;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    runtime = await createTestRuntime(target, {
      mailTransport: createMailTransport({ kind: "smtp", url: smtp.url }),
    });
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    users = cast.users;
    vendorA = cast.organizations.vendorA;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await smtp?.close();
  });

  function api(
    user: TestUser | null,
    method: Method,
    url: string,
    payload?: Record<string, unknown>,
  ): Promise<LightMyRequestResponse> {
    return app.inject({
      method,
      url,
      ...(user ? { headers: user.bearer, remoteAddress: user.ip } : {}),
      ...(payload ? { payload } : {}),
    });
  }

  function expectStatus(response: LightMyRequestResponse, status: number, code?: string) {
    expect(response.statusCode, response.body).toBe(status);
    if (code) expect(response.json().code).toBe(code);
  }

  async function auditEntries(type: string, subjectId: string) {
    return runtime.database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("type", "=", type)
      .where("subject_id", "=", subjectId)
      .orderBy("seq")
      .execute();
  }

  /** A finder's report forwarded to the coordinator, assigned to its member: the case id. */
  async function forwardedCase(): Promise<string> {
    const { reports, cases } = runtime.services;
    const finder = await cast.actorOf(users.finder);
    const desk = await cast.actorOf(users.intakeMember);
    const coordinator = await cast.actorOf(users.coordinatorMember);
    const { id } = await reports.submit(finder, {
      kind: "product",
      title: CASE_TITLE,
      productName: "Router A100",
      productVersion: "1.0",
      description: "The device list shows device names without escaping.",
      reproduction: "Name a device <script>alert(1)</script> and open the list.",
      consent: {
        identityToCoordinator: true,
        identityToVendor: false,
        directContact: false,
        credit: null,
      },
    });
    await reports.accept(desk, id);
    const { caseId } = await reports.forward(desk, id, {});
    if (!caseId) throw new Error("the forward made no case");
    await cases.assign(coordinator, caseId, { userId: users.coordinatorMember.userId });
    return caseId;
  }

  it("offers no acceptance while no NDA text is published: the current text is null and accepting or asking is refused (409 nda_text_missing)", async () => {
    const current = await api(users.vendorAAdmin, "GET", "/api/v1/nda-texts/current");
    expectStatus(current, 200);
    expect(current.json()).toEqual({ current: null });
    expectStatus(
      await api(users.vendorAAdmin, "POST", `/api/v1/organizations/${vendorA}/nda/accept`, {
        version: "2026",
      }),
      409,
      "nda_text_missing",
    );
    expectStatus(
      await api(users.coordinatorMember, "POST", `/api/v1/organizations/${vendorA}/nda/request`),
      409,
      "nda_text_missing",
    );
    const records = await api(users.vendorAAdmin, "GET", `/api/v1/organizations/${vendorA}/nda`);
    expectStatus(records, 200);
    expect(records.json()).toMatchObject({ onFile: null, items: [], offered: null });
  });

  it("lets only the coordinator publish NDA texts; the newest is offered and a version is published once (409 version_exists)", async () => {
    for (const user of [users.intakeAdmin, users.vendorAAdmin, users.finder]) {
      expectStatus(await api(user, "POST", "/api/v1/nda-texts", TEXT_2026), 403);
    }
    const first = await api(users.coordinatorMember, "POST", "/api/v1/nda-texts", TEXT_2026);
    expectStatus(first, 201);
    expectStatus(
      await api(users.coordinatorAdmin, "POST", "/api/v1/nda-texts", TEXT_2026),
      409,
      "version_exists",
    );
    const current = (await api(users.vendorBMember, "GET", "/api/v1/nda-texts/current")).json();
    expect(current.current).toMatchObject({
      id: first.json().id,
      ...TEXT_2026,
      publishedBy: { id: users.coordinatorMember.userId, name: users.coordinatorMember.name },
    });
    const published = await auditEntries("nda.text_published", first.json().id);
    expect(published).toHaveLength(1);
    expect(JSON.parse(published[0]?.details ?? "{}")).toMatchObject({
      version: "2026",
      sha256Ja: sha256(TEXT_2026.bodyJa),
    });
    expectStatus(await api(users.vendorAAdmin, "GET", "/api/v1/nda-texts"), 403);
    const list = await api(users.coordinatorAdmin, "GET", "/api/v1/nda-texts");
    expect(list.json().items.map((item: { version: string }) => item.version)).toEqual(["2026"]);
  });

  it("refuses acceptance by a member who is not the admin (403), the coordinator (403), another vendor (404) and for a version not offered (409 nda_outdated)", async () => {
    const url = `/api/v1/organizations/${vendorA}/nda/accept`;
    expectStatus(await api(users.vendorAMember, "POST", url, { version: "2026" }), 403);
    expectStatus(await api(users.coordinatorMember, "POST", url, { version: "2026" }), 403);
    expectStatus(await api(users.vendorBMember, "POST", url, { version: "2026" }), 404);
    expectStatus(await api(null, "POST", url, { version: "2026" }), 401);
    expectStatus(
      await api(users.vendorAAdmin, "POST", url, { version: "2025" }),
      409,
      "nda_outdated",
    );
    expect((await auditEntries("organization.nda_accepted", vendorA)).length).toBe(0);
    const organization = await api(users.vendorAAdmin, "GET", `/api/v1/organizations/${vendorA}`);
    expect(organization.json().nda).toBeNull();
  });

  it("keeps vendor A's in-app acceptance (version, text id, SHA-256 of the text read, who, when), puts it on file and audits it", async () => {
    const current = (await api(users.vendorAAdmin, "GET", "/api/v1/nda-texts/current")).json()
      .current;
    const accepted = await api(
      users.vendorAAdmin,
      "POST",
      `/api/v1/organizations/${vendorA}/nda/accept`,
      { version: "2026", textId: current.id, language: "ja" },
    );
    expectStatus(accepted, 200);
    const now = runtime.clock.now().toISOString();
    expect(accepted.json()).toEqual({
      id: expect.any(String),
      organizationId: vendorA,
      method: "in_app",
      version: "2026",
      textId: current.id,
      textSha256: sha256(TEXT_2026.bodyJa),
      language: "ja",
      signedAt: now,
      acceptedAt: now,
      acceptedBy: { id: users.vendorAAdmin.userId, name: users.vendorAAdmin.name },
    });
    // What the workflow reads: the organization's NDA on file.
    const organization = (
      await api(users.coordinatorMember, "GET", `/api/v1/organizations/${vendorA}`)
    ).json();
    expect(organization.nda).toMatchObject({ version: "2026", signedAt: now });
    const audited = await auditEntries("organization.nda_accepted", vendorA);
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actor_user_id).toBe(users.vendorAAdmin.userId);
    expect(JSON.parse(audited[0]?.details ?? "{}")).toEqual({
      version: "2026",
      textId: current.id,
      language: "ja",
      sha256: sha256(TEXT_2026.bodyJa),
    });
    // Accepting the same text again changes nothing.
    const again = await api(
      users.vendorAAdmin,
      "POST",
      `/api/v1/organizations/${vendorA}/nda/accept`,
      {
        version: "2026",
      },
    );
    expectStatus(again, 200);
    expect(again.json().id).toBe(accepted.json().id);
    expect(await auditEntries("organization.nda_accepted", vendorA)).toHaveLength(1);
  });

  it("shows an organization's NDA records to the coordinator and the organization's members, not to the desk (403) or another vendor (404)", async () => {
    const url = `/api/v1/organizations/${vendorA}/nda`;
    for (const user of [users.coordinatorMember, users.vendorAAdmin, users.vendorAMember]) {
      const response = await api(user, "GET", url);
      expectStatus(response, 200);
      expect(response.json()).toMatchObject({
        onFile: { version: "2026" },
        acceptedOffered: true,
        offered: { version: "2026" },
      });
      expect(response.json().items).toHaveLength(1);
    }
    expectStatus(await api(users.intakeMember, "GET", url), 403);
    expectStatus(await api(users.vendorBMember, "GET", url), 404);
    expectStatus(await api(users.finder, "GET", url), 404);

    // A newer version is offered: vendor A has not accepted that one yet.
    expectStatus(await api(users.coordinatorMember, "POST", "/api/v1/nda-texts", TEXT_2027), 201);
    const after = (await api(users.vendorAAdmin, "GET", url)).json();
    expect(after).toMatchObject({ acceptedOffered: false, offered: { version: "2027" } });
    expect(after.onFile.version).toBe("2026");
    expectStatus(
      await api(users.vendorAAdmin, "POST", `${url}/accept`, { version: "2026" }),
      409,
      "nda_outdated",
    );
  });

  it("keeps the coordinator's signed paper NDA as a record with method paper and who recorded it", async () => {
    const vendorB = cast.organizations.vendorB;
    const recorded = await api(
      users.coordinatorAdmin,
      "POST",
      `/api/v1/organizations/${vendorB}/nda`,
      { signedAt: "2026-11-20T10:00:00+09:00", version: "2027" },
    );
    expectStatus(recorded, 200);
    const records = (
      await api(users.coordinatorMember, "GET", `/api/v1/organizations/${vendorB}/nda`)
    ).json();
    const current = (await api(users.vendorBMember, "GET", "/api/v1/nda-texts/current")).json();
    expect(records.items).toEqual([
      {
        id: expect.any(String),
        organizationId: vendorB,
        method: "paper",
        version: "2027",
        // The paper names a published version: its text is linked, but nothing was read here.
        textId: current.current.id,
        textSha256: null,
        language: null,
        signedAt: "2026-11-20T01:00:00.000Z",
        acceptedAt: runtime.clock.now().toISOString(),
        acceptedBy: { id: users.coordinatorAdmin.userId, name: users.coordinatorAdmin.name },
      },
    ]);
    expect(records.onFile).toEqual({ version: "2027", signedAt: "2026-11-20T01:00:00.000Z" });
    expect(await auditEntries("organization.nda_recorded", vendorB)).toHaveLength(1);
  });

  it("notifies a vendor once its admin accepted the NDA in the application, where the same notify was refused with 409 nda_required before; the vendor then sees the case", async () => {
    const coordinator = await cast.actorOf(users.coordinatorMember);
    const vendorC = await runtime.services.organizations.create(coordinator, {
      type: "vendor",
      name: "Vendor C KK",
      contactEmail: "psirt@vendor-c.example",
    });
    const vendorCAdmin = await createTestUser(runtime, {
      email: "admin@vendor-c.example",
      name: "Vendor C Admin",
      organizationId: vendorC.id,
      role: "admin",
      language: "ja",
    });
    const caseId = await forwardedCase();
    const base = `/api/v1/cases/${caseId}`;
    expectStatus(
      await api(users.coordinatorMember, "POST", `${base}/vendors`, {
        organizationId: vendorC.id,
      }),
      201,
    );
    expectStatus(
      await api(users.coordinatorMember, "POST", `${base}/vendors/${vendorC.id}/notify`),
      409,
      "nda_required",
    );
    expectStatus(await api(vendorCAdmin, "GET", base), 404);
    const ndaOnFile = async () =>
      (await api(users.coordinatorMember, "GET", base))
        .json()
        .participants.find((p: { organizationId: string }) => p.organizationId === vendorC.id)
        .ndaOnFile;
    expect(await ndaOnFile()).toBe(false);

    expectStatus(
      await api(vendorCAdmin, "POST", `/api/v1/organizations/${vendorC.id}/nda/accept`, {
        version: "2027",
      }),
      200,
    );
    // The case tells the coordinator at once that the vendor can be notified (its next step).
    expect(await ndaOnFile()).toBe(true);
    expectStatus(
      await api(users.coordinatorMember, "POST", `${base}/vendors/${vendorC.id}/notify`),
      200,
    );
    const seen = await api(vendorCAdmin, "GET", base);
    expectStatus(seen, 200);
    expect(seen.json().participants[0]).toMatchObject({ status: "notified" });
  });

  it.each(["en", "ja"] as const)(
    "mails the NDA request to the organization's contacts over SMTP in its language (%s), with the link to the NDA page and nothing of the case",
    async (language) => {
      const coordinator = await cast.actorOf(users.coordinatorMember);
      let orgId = vendorA;
      let contact = "psirt@vendor-a.example";
      if (language === "ja") {
        contact = "psirt@vendor-d.example";
        orgId = (
          await runtime.services.organizations.create(coordinator, {
            type: "vendor",
            name: "ベンダーD株式会社",
            contactEmail: contact,
          })
        ).id;
        await createTestUser(runtime, {
          email: "admin@vendor-d.example",
          name: "ベンダーD 管理者",
          organizationId: orgId,
          role: "admin",
          language: "ja",
        });
      }
      const sent = await api(
        users.coordinatorMember,
        "POST",
        `/api/v1/organizations/${orgId}/nda/request`,
      );
      expectStatus(sent, 200);
      expect(sent.json()).toEqual({ recipients: 1 });
      expectStatus(
        await api(users.vendorAAdmin, "POST", `/api/v1/organizations/${orgId}/nda/request`),
        403,
      );
      await runtime.jobRunner.runDue();
      const mails = (await smtp.messages()).filter(({ to }) => to.includes(contact));
      expect(mails).toHaveLength(1);
      const mail = mails[0]?.mail;
      const t = translator(language);
      expect(mail?.subject).toBe(t("nda.mail.requested.subject"));
      const text = mail?.text ?? "";
      expect(linksIn(text).map((link) => link.pathname)).toContain("/organization/nda");
      expect(text).toContain("2027");
      expect(text).not.toContain("NDAMAILTEST");
      expect(text).not.toMatch(/\/cases\//);
      expect(await auditEntries("organization.nda_requested", orgId)).toHaveLength(1);
    },
  );

  it("publishes two texts sent at the same moment by two coordinators, one after the other", async () => {
    const texts = ["2026-race-a", "2026-race-b"].map((version) => ({ ...TEXT_2026, version }));
    const answers = await Promise.all([
      api(users.coordinatorMember, "POST", "/api/v1/nda-texts", texts[0]),
      api(users.coordinatorAdmin, "POST", "/api/v1/nda-texts", texts[1]),
    ]);
    for (const answer of answers) expectStatus(answer, 201);
    const list = await api(users.coordinatorAdmin, "GET", "/api/v1/nda-texts");
    const versions = list.json().items.map((item: { version: string }) => item.version);
    expect(versions.slice(0, 2).sort()).toEqual(["2026-race-a", "2026-race-b"]);
    // The same version sent twice at once: one is published, the other is told it exists.
    const same = { ...TEXT_2026, version: "2026-race-same" };
    const twice = await Promise.all([
      api(users.coordinatorMember, "POST", "/api/v1/nda-texts", same),
      api(users.coordinatorAdmin, "POST", "/api/v1/nda-texts", same),
    ]);
    expect(twice.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
  });
});
