import fs from "node:fs";
import path from "node:path";
import { generateKey } from "openpgp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveredMail } from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import type { MemberRole, OrganizationType } from "../../platform/db/schema.ts";
import { newId } from "../../platform/ids.ts";
import { organizationMailRecipients } from "./mail-recipients.ts";
import { inspectPublicKey } from "./pgp.ts";

const DAY_MS = 24 * 60 * 60_000;

describe.each(testDatabaseTargets())("an organization's mail recipients on $name", (target) => {
  let runtime: TestRuntime;
  /** A key valid from a day before the test clock's start, for 30 days. */
  let expiringKey: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    const { publicKey } = await generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ name: "PSIRT", email: "psirt@vendor.example" }],
      date: new Date(runtime.clock.now().getTime() - DAY_MS),
      keyExpirationTime: 30 * 24 * 60 * 60,
      format: "armored",
    });
    expiringKey = publicKey;
  });
  afterAll(async () => {
    await runtime.close();
  });

  async function organization(input: {
    contactEmails: string[];
    pgpPublicKey?: string;
    type?: OrganizationType;
  }) {
    const id = newId();
    const at = runtime.clock.now().toISOString();
    const key = input.pgpPublicKey
      ? await inspectPublicKey(input.pgpPublicKey, runtime.clock.now())
      : null;
    await runtime.database.db
      .insertInto("organizations")
      .values({
        id,
        type: input.type ?? "vendor",
        name: `Vendor ${id}`,
        contact_emails: JSON.stringify(input.contactEmails),
        pgp_public_key: key?.armored ?? null,
        pgp_fingerprint: key?.fingerprint ?? null,
        products: "[]",
        keywords: "[]",
        domains: "[]",
        sector: null,
        nda_signed_at: null,
        nda_version: null,
        nda_recorded_by: null,
        nda_recorded_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return { id, armored: key?.armored ?? null };
  }

  let userCount = 0;
  async function user(input: {
    email?: string;
    language: "ja" | "en";
    member?: { organizationId: string; role: MemberRole };
  }) {
    userCount += 1;
    const id = newId();
    // Memberships in the order they were made.
    const at = new Date(runtime.clock.now().getTime() + userCount * 1000).toISOString();
    await runtime.database.db
      .insertInto("users")
      .values({
        id,
        email: input.email ?? `person-${id}@example.org`,
        name: "Person",
        language: input.language,
        password_hash: null,
        email_verified_at: at,
        totp_secret_sealed: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    if (input.member) {
      await runtime.database.db
        .insertInto("memberships")
        .values({
          user_id: id,
          organization_id: input.member.organizationId,
          role: input.member.role,
          created_at: at,
        })
        .execute();
    }
    return id;
  }

  it("gives the contact e-mails in the order registered and the key while it can encrypt", async () => {
    const vendor = await organization({
      contactEmails: ["psirt@vendor.example", "cto@vendor.example", "backup@vendor.example"],
      pgpPublicKey: expiringKey,
    });
    const now = await organizationMailRecipients(
      runtime.database.db,
      vendor.id,
      runtime.clock.now(),
    );
    expect(now.to).toEqual(["psirt@vendor.example", "cto@vendor.example", "backup@vendor.example"]);
    expect(now.encryptTo).toEqual([vendor.armored]);

    // Expired since it was registered: no key to encrypt to, so mail carries no content.
    const later = await organizationMailRecipients(
      runtime.database.db,
      vendor.id,
      new Date(runtime.clock.now().getTime() + 60 * DAY_MS),
    );
    expect(later.to).toEqual(now.to);
    expect(later.encryptTo).toBeNull();
  });

  it("has no key to encrypt to for an organization that registered none", async () => {
    const vendor = await organization({ contactEmails: ["desk@plain-vendor.example"] });
    expect(
      await organizationMailRecipients(runtime.database.db, vendor.id, runtime.clock.now()),
    ).toEqual({ to: ["desk@plain-vendor.example"], encryptTo: null, language: "ja" });
  });

  it("writes in the language of the first contact with an account, else of the first admin, else Japanese", async () => {
    const vendor = await organization({
      contactEmails: ["shared-box@lang-vendor.example", "lead@lang-vendor.example"],
    });
    const recipients = () =>
      organizationMailRecipients(runtime.database.db, vendor.id, runtime.clock.now());
    expect((await recipients()).language).toBe("ja");

    await user({ language: "ja", member: { organizationId: vendor.id, role: "member" } });
    await user({ language: "en", member: { organizationId: vendor.id, role: "admin" } });
    await user({ language: "ja", member: { organizationId: vendor.id, role: "admin" } });
    expect((await recipients()).language).toBe("en");

    await user({
      email: "lead@lang-vendor.example",
      language: "ja",
      member: { organizationId: vendor.id, role: "member" },
    });
    expect((await recipients()).language).toBe("ja");
  });

  it("refuses an organization that does not exist", async () => {
    await expect(
      organizationMailRecipients(runtime.database.db, "no-such-organization", runtime.clock.now()),
    ).rejects.toThrow();
  });

  it("feeds the outbox: each contact gets the message encrypted to the organization's key", async () => {
    const vendor = await organization({
      contactEmails: ["first@feed-vendor.example", "second@feed-vendor.example"],
      pgpPublicKey: expiringKey,
    });
    await runtime.database.db.transaction().execute(async (tx) => {
      const { to, encryptTo, language } = await organizationMailRecipients(
        tx,
        vendor.id,
        runtime.clock.now(),
      );
      for (const address of to) {
        await runtime.mail.enqueue(tx, {
          to: address,
          language,
          template: "test",
          params: { sentAt: "FEED-MARKER-2291" },
          ...(encryptTo ? { encryptTo } : {}),
        });
      }
    });
    for (const address of ["first@feed-vendor.example", "second@feed-vendor.example"]) {
      const [mail, ...more] = await deliveredMail(runtime, address);
      expect(more).toEqual([]);
      expect(mail?.to).toBe(address);
      const raw = fs.readFileSync(path.join(runtime.dataDir, "outbox-mail", mail?.file ?? ""));
      expect(raw.toString("utf8")).toMatch(/^Content-Type: multipart\/encrypted;/m);
      expect(raw.toString("utf8")).not.toContain("FEED-MARKER-2291");
      expect(mail?.text).toBe("");
    }
  });
});
