import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { createMessage, encrypt, enums, generateKey, readKey } from "openpgp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  createTestUser,
  deliveredMail,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { requireInCi } from "../../../test/support/suites.ts";
import { buildApp } from "../../app.ts";
import { SYSTEM_ACTOR } from "../access/actor.ts";
import { deskUserId, groupFingerprint } from "./desk-key.service.ts";

function gpgAvailable(): boolean {
  try {
    execFileSync("/usr/bin/gpg", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Runs GnuPG on its own home directory, trusting the keys it imports; returns stdout. */
function gpg(home: string, args: string[], input?: string): string {
  return execFileSync(
    "/usr/bin/gpg",
    [
      "--batch",
      "--homedir",
      home,
      "--trust-model",
      "always",
      // The application's clock, not the machine's, dates the desk key.
      "--ignore-time-conflict",
      "--passphrase",
      "",
      "--pinentry-mode",
      "loopback",
      ...args,
    ],
    { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] },
  );
}

/** A fresh GnuPG home, removed (its agent stopped) when the work is done. */
async function withGnupgHome<T>(work: (home: string) => Promise<T>): Promise<T> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-gpg-"));
  try {
    return await work(home);
  } finally {
    try {
      execFileSync("gpgconf", ["--homedir", home, "--kill", "all"], { stdio: "ignore" });
    } catch {
      // No agent was started.
    }
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const PLAINTEXT = [
  "ルータ A100 の管理画面に格納型 XSS があります。",
  "Steps: open /admin/devices, name a device <script>alert(document.cookie)</script>.",
  "Secret marker: kk-pgp-marker-7f3a",
].join("\n");

describe.each(testDatabaseTargets())("the desk key on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let finderJa: TestUser;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    finderJa = await createTestUser(runtime, {
      email: "pgp-hakken@example.jp",
      name: "暗号 花子",
      language: "ja",
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  function api(
    user: TestUser | null,
    method: "GET" | "POST",
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

  /** A product report whose details are only in the encrypted message. */
  const encryptedReport = (encryptedMessage: string, title = "Encrypted report") => ({
    kind: "product",
    title,
    productName: "Router A100",
    productVersion: "1.0",
    encryptedMessage,
    consent: {
      identityToCoordinator: false,
      identityToVendor: false,
      directContact: false,
      credit: null,
    },
  });

  const countReports = async () =>
    Number(
      (
        await runtime.database.db
          .selectFrom("reports")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function encryptTo(armoredKey: string, text: string): Promise<string> {
    return encrypt({
      message: await createMessage({ text }),
      encryptionKeys: await readKey({ armoredKey }),
      date: runtime.clock.now(),
    });
  }

  // First, while no key exists: concurrent first uses must still make exactly one.
  it("creates exactly one key when its first uses come at once, and records the creation once", async () => {
    const keys = await Promise.all(
      Array.from({ length: 5 }, () => runtime.services.deskKey.current(SYSTEM_ACTOR)),
    );
    expect(new Set(keys.map((key) => key.fingerprint)).size).toBe(1);
    const rows = await runtime.database.db.selectFrom("desk_keys").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.current_slot).toBe("current");
    expect(rows[0]?.retired_at).toBeNull();
    const created = await runtime.database.db
      .selectFrom("audit_log")
      .select("subject_id")
      .where("type", "=", "desk_key.created")
      .execute();
    expect(created).toEqual([{ subject_id: rows[0]?.id }]);
  });

  it("keeps the private key sealed: the column holds no armored key", async () => {
    const row = await runtime.database.db
      .selectFrom("desk_keys")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.private_key_sealed).toMatch(/^kk1\./);
    expect(row.private_key_sealed).not.toContain("PGP");
    const publicKey = await readKey({ armoredKey: row.public_key });
    expect(publicKey.isPrivate()).toBe(false);
  });

  it("publishes the same key at /desk-key.asc and /api/v1/desk-key, to anyone, cacheable for a short time", async () => {
    const json = await api(null, "GET", "/api/v1/desk-key");
    expect(json.statusCode, json.body).toBe(200);
    const body = json.json();
    expect(Object.keys(body).sort()).toEqual(["createdAt", "fingerprint", "publicKey"]);
    expect(body.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(body.createdAt).toBe(runtime.clock.now().toISOString());
    expect(json.headers["cache-control"]).toBe("public, max-age=300");

    const asc = await app.inject({ method: "GET", url: "/desk-key.asc" });
    expect(asc.statusCode).toBe(200);
    expect(asc.headers["content-type"]).toMatch(/^application\/pgp-keys/);
    expect(asc.headers["cache-control"]).toBe("public, max-age=300");
    expect(asc.body).toBe(body.publicKey);
    expect(asc.body).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);

    // A v4 key with a Curve25519 ECDH subkey (what GnuPG 2.2 encrypts to), named for the desk.
    const key = await readKey({ armoredKey: asc.body });
    expect(key.getFingerprint().toUpperCase()).toBe(body.fingerprint);
    expect(key.keyPacket.version).toBe(4);
    expect(key.getUserIDs()).toEqual(["Kakehashi intake desk <desk@127.0.0.1>"]);
    const encryptionKey = await key.getEncryptionKey(undefined, runtime.clock.now());
    expect(encryptionKey.getAlgorithmInfo()).toMatchObject({
      algorithm: enums.read(enums.publicKey, enums.publicKey.ecdh),
      curve: "curve25519Legacy",
    });

    // The same key for a signed-in caller.
    const signedIn = await api(cast.users.finder, "GET", "/api/v1/desk-key");
    expect(signedIn.json().fingerprint).toBe(body.fingerprint);
  });

  it("names the desk at the public URL's host, and leaves out an address that is not one", () => {
    expect(deskUserId("https://kakehashi.example.jp")).toEqual({
      name: "Kakehashi intake desk",
      email: "desk@kakehashi.example.jp",
    });
    expect(deskUserId("http://[::1]:3000")).toEqual({ name: "Kakehashi intake desk" });
    expect(groupFingerprint("0123456789ABCDEF0123456789ABCDEF01234567")).toBe(
      "0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567",
    );
  });

  it("keeps the rules for a report without an encrypted message: description and reproduction are required", async () => {
    const before = await countReports();
    const { encryptedMessage: _none, ...plain } = encryptedReport("unused");
    const response = await api(cast.users.finder, "POST", "/api/v1/reports", plain);
    expect(response.statusCode).toBe(422);
    expect(
      response
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
    ).toEqual(["description", "reproduction"]);
    // Every missing field is named at once, as before.
    const { title: _title, ...untitled } = plain;
    const again = await api(cast.users.finder, "POST", "/api/v1/reports", untitled);
    expect(
      again
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
    ).toEqual(["description", "reproduction", "title"]);
    expect(await countReports()).toBe(before);
  });

  it("refuses, in the finder's language and storing nothing, a message that is not armored PGP, or not to the desk's key", async () => {
    const before = await countReports();
    const notArmored = await api(
      finderJa,
      "POST",
      "/api/v1/reports",
      encryptedReport("just some text, not a PGP message"),
    );
    expect(notArmored.statusCode).toBe(422);
    expect(notArmored.headers["content-type"]).toMatch(/problem\+json/);
    expect(notArmored.json()).toMatchObject({
      code: "encrypted_message_invalid",
      errors: [{ path: "encryptedMessage" }],
    });
    expect(notArmored.json().detail).toContain("OpenPGP メッセージ");

    const other = await generateKey({
      userIDs: [{ name: "Someone else", email: "else@example.org" }],
      date: runtime.clock.now(),
    });
    const toOther = await encryptTo(other.publicKey, PLAINTEXT);
    const wrongKey = await api(finderJa, "POST", "/api/v1/reports", encryptedReport(toOther));
    expect(wrongKey.statusCode).toBe(422);
    expect(wrongKey.json().code).toBe("encrypted_message_wrong_key");
    expect(wrongKey.json().detail).toContain("受付機関の公開鍵");

    const inEnglish = await api(
      cast.users.finder,
      "POST",
      "/api/v1/reports",
      encryptedReport(toOther),
    );
    expect(inEnglish.json().detail).toMatch(/not encrypted to the intake desk's public key/);

    // A message sealed with a password only is not for the desk either.
    const symmetric = await encrypt({
      message: await createMessage({ text: PLAINTEXT }),
      passwords: "hunter2",
      date: runtime.clock.now(),
    });
    const passwordOnly = await api(finderJa, "POST", "/api/v1/reports", encryptedReport(symmetric));
    expect(passwordOnly.json().code).toBe("encrypted_message_wrong_key");

    expect(await countReports()).toBe(before);
  });

  it("refuses a message whose content is not text", async () => {
    const { publicKey } = (await api(null, "GET", "/api/v1/desk-key")).json();
    const binary = await encrypt({
      message: await createMessage({ binary: new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28]) }),
      encryptionKeys: await readKey({ armoredKey: publicKey }),
      date: runtime.clock.now(),
    });
    const response = await api(
      cast.users.finder,
      "POST",
      "/api/v1/reports",
      encryptedReport(binary),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe("encrypted_message_not_text");
  });

  const hasGpg = requireInCi("GnuPG interoperability", gpgAvailable(), "/usr/bin/gpg is missing");
  if (hasGpg) {
    it("decrypts a message GnuPG encrypted to the key from /desk-key.asc; the desk and the finder read it, the database and the mail do not hold it", async () => {
      await withGnupgHome(async (home) => {
        const asc = await app.inject({ method: "GET", url: "/desk-key.asc" });
        const keyFile = path.join(home, "desk.asc");
        fs.writeFileSync(keyFile, asc.body);
        gpg(home, ["--import", keyFile]);
        const fingerprint = (await api(null, "GET", "/api/v1/desk-key")).json().fingerprint;
        const listed = gpg(home, ["--with-colons", "--fingerprint", fingerprint]);
        expect(listed).toContain(`fpr:::::::::${fingerprint}:`);

        const armored = gpg(home, ["--encrypt", "--armor", "-r", fingerprint], PLAINTEXT);
        expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);

        const submitted = await api(
          cast.users.finder,
          "POST",
          "/api/v1/reports",
          encryptedReport(armored, "Stored XSS, details encrypted"),
        );
        expect(submitted.statusCode, submitted.body).toBe(201);
        const { id } = submitted.json();

        for (const reader of [cast.users.intakeAdmin, cast.users.finder]) {
          const report = await api(reader, "GET", `/api/v1/reports/${id}`);
          expect(report.statusCode).toBe(200);
          expect(report.json().decryptedMessage).toEqual({
            text: PLAINTEXT,
            deskKeyFingerprint: fingerprint,
            signed: false,
            signerKeyIds: [],
          });
        }
        // Queue metadata only for a desk member who is not assigned to it.
        const unassigned = await api(cast.users.intakeMember, "GET", `/api/v1/reports/${id}`);
        expect(unassigned.json()).not.toHaveProperty("decryptedMessage");

        const row = await runtime.database.db
          .selectFrom("reports")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        expect(row.pgp_message_sealed).toMatch(/^kk1\./);
        const marker = "kk-pgp-marker-7f3a";
        expect(JSON.stringify(row)).not.toContain(marker);
        const audit = await runtime.database.db.selectFrom("audit_log").selectAll().execute();
        expect(JSON.stringify(audit)).not.toContain(marker);
        const outbox = await runtime.database.db.selectFrom("mail_outbox").selectAll().execute();
        expect(JSON.stringify(outbox)).not.toContain(marker);
        const mails = await deliveredMail(runtime);
        expect(mails.length).toBeGreaterThan(0);
        expect(JSON.stringify(mails)).not.toContain(marker);
      });
    });

    it("decrypts a message GnuPG also signed, noting the signature as not verified", async () => {
      await withGnupgHome(async (home) => {
        const asc = await app.inject({ method: "GET", url: "/desk-key.asc" });
        const keyFile = path.join(home, "desk.asc");
        fs.writeFileSync(keyFile, asc.body);
        gpg(home, ["--import", keyFile]);
        gpg(home, [
          "--quick-generate-key",
          "Finder <finder@example.org>",
          "future-default",
          "default",
          "never",
        ]);
        const fingerprint = (await api(null, "GET", "/api/v1/desk-key")).json().fingerprint;
        const armored = gpg(
          home,
          ["--sign", "--encrypt", "--armor", "-u", "finder@example.org", "-r", fingerprint],
          PLAINTEXT,
        );
        const submitted = await api(
          cast.users.finder,
          "POST",
          "/api/v1/reports",
          encryptedReport(armored, "Signed and encrypted"),
        );
        expect(submitted.statusCode, submitted.body).toBe(201);
        const report = await api(
          cast.users.intakeAdmin,
          "GET",
          `/api/v1/reports/${submitted.json().id}`,
        );
        const message = report.json().decryptedMessage;
        expect(message.text).toBe(PLAINTEXT);
        expect(message.signed).toBe(true);
        expect(message.signerKeyIds).toHaveLength(1);
        expect(message.signerKeyIds[0]).toMatch(/^[0-9A-F]{16}$/);
      });
    });

    it("refuses a message GnuPG encrypted to another key (422), storing nothing", async () => {
      await withGnupgHome(async (home) => {
        const other = await generateKey({
          userIDs: [{ name: "Not the desk", email: "other@example.org" }],
          date: new Date(runtime.clock.now().getTime() - 60_000),
        });
        const keyFile = path.join(home, "other.asc");
        fs.writeFileSync(keyFile, other.publicKey);
        gpg(home, ["--import", keyFile]);
        const armored = gpg(home, ["--encrypt", "--armor", "-r", "other@example.org"], PLAINTEXT);
        const before = await countReports();
        const response = await api(
          cast.users.finder,
          "POST",
          "/api/v1/reports",
          encryptedReport(armored),
        );
        expect(response.statusCode).toBe(422);
        expect(response.json().code).toBe("encrypted_message_wrong_key");
        expect(await countReports()).toBe(before);
      });
    });
  }

  it("rotates: the new key is published, the old one retired and still decrypting messages sent to it", async () => {
    const old = (await api(null, "GET", "/api/v1/desk-key")).json();
    const toOld = await encryptTo(old.publicKey, "Sent before the rotation.");
    runtime.clock.advance(60_000);
    const rotated = await runtime.services.deskKey.rotate(SYSTEM_ACTOR);
    expect(rotated.fingerprint).not.toBe(old.fingerprint);
    expect(rotated.retired).toEqual({
      fingerprint: old.fingerprint,
      retiredAt: runtime.clock.now().toISOString(),
    });

    const published = await app.inject({ method: "GET", url: "/desk-key.asc" });
    expect((await readKey({ armoredKey: published.body })).getFingerprint().toUpperCase()).toBe(
      rotated.fingerprint,
    );
    const rows = await runtime.database.db
      .selectFrom("desk_keys")
      .select(["fingerprint", "current_slot", "retired_at"])
      .execute();
    expect(rows.filter((row) => row.current_slot === "current")).toEqual([
      { fingerprint: rotated.fingerprint, current_slot: "current", retired_at: null },
    ]);

    for (const [message, expected] of [
      [toOld, old.fingerprint],
      [await encryptTo(published.body, "Sent after the rotation."), rotated.fingerprint],
    ] as const) {
      const submitted = await api(
        cast.users.finder,
        "POST",
        "/api/v1/reports",
        encryptedReport(message),
      );
      expect(submitted.statusCode, submitted.body).toBe(201);
      const report = await api(cast.users.finder, "GET", `/api/v1/reports/${submitted.json().id}`);
      expect(report.json().decryptedMessage.deskKeyFingerprint).toBe(expected);
    }
    const rotations = await runtime.database.db
      .selectFrom("audit_log")
      .select("details")
      .where("type", "=", "desk_key.rotated")
      .execute();
    expect(rotations.map((entry) => JSON.parse(entry.details))).toEqual([
      { fingerprint: rotated.fingerprint, retired: old.fingerprint },
    ]);
  });
});
