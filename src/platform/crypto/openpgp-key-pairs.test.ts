import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMessage, readKey, readSignature, sign, verify } from "openpgp";
import { afterAll, describe, expect, it } from "vitest";
import { gpg, gpgAvailable } from "../../../test/support/gpg.ts";
import { requireInCi } from "../../../test/support/suites.ts";
import { createFieldCipher, parseMasterKeys } from "./cipher.ts";
import {
  CURRENT_KEY_SLOT,
  type KeyPairPurpose,
  newKeyPairRow,
  platformKeyUserId,
  privateKeyOpener,
} from "./openpgp-key-pairs.ts";
import { sealedText } from "./sealed.ts";

const cipher = createFieldCipher(parseMasterKeys(randomBytes(32).toString("base64")));
const privateKeyColumn = sealedText("test_keys.private_key_sealed");
const createdAt = new Date("2026-01-01T00:00:00.000Z");
const userId = platformKeyUserId("https://kakehashi.example.jp", "Kakehashi test key", "test");

function keyPair(purpose: KeyPairPurpose) {
  return newKeyPairRow({ purpose, userId, createdAt, cipher, privateKeyColumn });
}

describe("the platform's OpenPGP key pairs", () => {
  it("names a key after the platform's host, and leaves the address out when the host is not a mail domain", () => {
    expect(platformKeyUserId("https://kakehashi.example.jp:8443/base", "Desk", "desk")).toEqual({
      name: "Desk",
      email: "desk@kakehashi.example.jp",
    });
    expect(platformKeyUserId("http://[::1]:3000", "Desk", "desk")).toEqual({ name: "Desk" });
    expect(platformKeyUserId("http://127.0.0.1:3000", "Desk", "desk")).toEqual({
      name: "Desk",
      email: "desk@127.0.0.1",
    });
  });

  it("makes a current key whose row holds its public part, GnuPG's fingerprint form and its private part sealed to that row", async () => {
    const row = await keyPair("signAndEncrypt");
    const publicKey = await readKey({ armoredKey: row.public_key });
    expect(row.fingerprint).toBe(publicKey.getFingerprint().toUpperCase());
    expect(row.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(row.current_slot).toBe(CURRENT_KEY_SLOT);
    expect(row.created_at).toBe(createdAt.toISOString());
    expect(row.retired_at).toBeNull();
    expect(publicKey.getCreationTime().toISOString()).toBe(createdAt.toISOString());
    expect(publicKey.getUserIDs()).toEqual(["Kakehashi test key <test@kakehashi.example.jp>"]);
    expect(row.private_key_sealed).not.toContain("PGP");
    // The context is the column's `table.column:id`, as keys stored before were sealed.
    const opened = cipher.decrypt(row.private_key_sealed, `test_keys.private_key_sealed:${row.id}`);
    expect(opened).toMatch(/^-----BEGIN PGP PRIVATE KEY BLOCK-----/);
    expect(() =>
      cipher.decrypt(row.private_key_sealed, "test_keys.private_key_sealed:other"),
    ).toThrow();
  });

  it("gives a sign-and-encrypt key an encryption subkey, and a sign-only key none that anyone could encrypt to", async () => {
    const desk = await readKey({ armoredKey: (await keyPair("signAndEncrypt")).public_key });
    expect(desk.getSubkeys()).toHaveLength(1);
    await expect(desk.getEncryptionKey()).resolves.toBeDefined();

    const signing = await readKey({ armoredKey: (await keyPair("signOnly")).public_key });
    expect(signing.getSubkeys()).toHaveLength(0);
    await expect(signing.getEncryptionKey()).rejects.toThrow();
    await expect(signing.getSigningKey()).resolves.toBeDefined();
  });

  it("opens a stored private key that signs for its public part, parsing it once however often it is asked", async () => {
    const row = await keyPair("signOnly");
    const open = privateKeyOpener(cipher, privateKeyColumn);
    const first = await open(row);
    expect(await open(row)).toBe(first);
    expect(first.getFingerprint().toUpperCase()).toBe(row.fingerprint);

    const bytes = new TextEncoder().encode("a CSAF document");
    const signature = await sign({
      message: await createMessage({ binary: bytes }),
      signingKeys: first,
      detached: true,
      format: "armored",
      date: new Date(createdAt.getTime() + 1000),
    });
    const result = await verify({
      message: await createMessage({ binary: bytes }),
      signature: await readSignature({ armoredSignature: signature }),
      verificationKeys: await readKey({ armoredKey: row.public_key }),
      date: new Date(createdAt.getTime() + 2000),
    });
    await expect(result.signatures[0]?.verified).resolves.toBe(true);
  });

  it("refuses a private key sealed for another row, and opens the right one for that row afterwards", async () => {
    const row = await keyPair("signOnly");
    const other = await keyPair("signOnly");
    const open = privateKeyOpener(cipher, privateKeyColumn);
    await expect(
      open({ id: row.id, private_key_sealed: other.private_key_sealed }),
    ).rejects.toThrow();
    expect((await open(row)).getFingerprint().toUpperCase()).toBe(row.fingerprint);
  });

  const hasGpg = requireInCi("GnuPG interoperability", gpgAvailable(), "/usr/bin/gpg is missing");
  if (hasGpg) {
    const homes: string[] = [];
    afterAll(() => {
      for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
    });

    it("is read by GnuPG with the capabilities its purpose gives it", async () => {
      const capabilities = async (purpose: KeyPairPurpose) => {
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-key-pairs-gpg-"));
        homes.push(home);
        const row = await keyPair(purpose);
        gpg(home, ["--import"], Buffer.from(row.public_key));
        const listed = gpg(home, ["--with-colons", "--list-keys", row.fingerprint]).toString();
        expect(listed).toContain(`fpr:::::::::${row.fingerprint}:`);
        expect(listed).toContain("Kakehashi test key <test@kakehashi.example.jp>");
        // Field 12 of the primary key's line: its own and (upper case) the whole key's usages.
        const primary = listed.split("\n").find((line) => line.startsWith("pub:"));
        return primary?.split(":")[11];
      };
      expect(await capabilities("signAndEncrypt")).toBe("scESC");
      expect(await capabilities("signOnly")).toBe("scSC");
    });
  }
});
