import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFieldCipher, DecryptionError, masterKeyId, parseMasterKeys } from "./cipher.ts";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");
const context = "reports.attack_method:r1";

/** Flips one bit in one base64url character of the given part of a sealed value. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const text = parts[part] as string;
  const bytes = Buffer.from(text, "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("field cipher", () => {
  it("returns the plaintext it sealed, for any text, Japanese included", () => {
    const cipher = createFieldCipher(parseMasterKeys(keyA));
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(cipher.decrypt(cipher.encrypt(text, context), context)).toBe(text);
      }),
      { numRuns: 200 },
    );
    expect(cipher.decrypt(cipher.encrypt("認証回避の攻撃手順", context), context)).toBe(
      "認証回避の攻撃手順",
    );
  });

  it("never shows the plaintext and seals the same text differently each time", () => {
    const cipher = createFieldCipher(parseMasterKeys(keyA));
    const first = cipher.encrypt("SELECT * FROM users", context);
    const second = cipher.encrypt("SELECT * FROM users", context);
    expect(first).not.toContain("SELECT");
    expect(first).not.toBe(second);
    expect(first.split(".")[1]).toBe(masterKeyId(Buffer.from(keyA, "base64")));
  });

  it.each([
    [2, "the wrapped data key"],
    [3, "the nonce"],
    [4, "the ciphertext"],
    [5, "the authentication tag"],
  ])("detects tampering with %s (%s)", (part) => {
    const cipher = createFieldCipher(parseMasterKeys(keyA));
    const sealed = cipher.encrypt("exploit details", context);
    expect(() => cipher.decrypt(tamper(sealed, part), context)).toThrowError(DecryptionError);
  });

  it("refuses a value moved to another row or column", () => {
    const cipher = createFieldCipher(parseMasterKeys(keyA));
    const sealed = cipher.encrypt("exploit details", "reports.attack_method:r1");
    expect(() => cipher.decrypt(sealed, "reports.attack_method:r2")).toThrowError(DecryptionError);
    expect(() => cipher.decrypt(sealed, "reports.description:r1")).toThrowError(DecryptionError);
  });

  it("refuses values sealed under a key it does not hold, and malformed values", () => {
    const sealed = createFieldCipher(parseMasterKeys(keyA)).encrypt("x", context);
    const other = createFieldCipher(parseMasterKeys(keyB));
    expect(() => other.decrypt(sealed, context)).toThrowError(/not in the keyring/);
    expect(() => other.decrypt("plain text", context)).toThrowError(DecryptionError);
    expect(() => other.decrypt(sealed.replace(/^kk1/, "kk0"), context)).toThrowError(
      DecryptionError,
    );
  });

  it("keeps old values readable after rotation and re-wraps them to the new key", () => {
    const before = createFieldCipher(parseMasterKeys(keyA));
    const sealed = before.encrypt("verification steps", context);

    // Rotation: the new key first, the old one kept for reading.
    const rotated = createFieldCipher(parseMasterKeys(`${keyB},${keyA}`));
    expect(rotated.decrypt(sealed, context)).toBe("verification steps");
    expect(rotated.keyIdOf(rotated.encrypt("new", context))).toBe(
      masterKeyId(Buffer.from(keyB, "base64")),
    );

    const rewrapped = rotated.rewrap(sealed, context);
    expect(rotated.keyIdOf(rewrapped)).toBe(masterKeyId(Buffer.from(keyB, "base64")));
    // The content part is untouched: only the data key was re-wrapped.
    expect(rewrapped.split(".").slice(3)).toEqual(sealed.split(".").slice(3));

    // Once every value is re-wrapped, the old key can be dropped.
    const newOnly = createFieldCipher(parseMasterKeys(keyB));
    expect(newOnly.decrypt(rewrapped, context)).toBe("verification steps");
    expect(() => newOnly.decrypt(sealed, context)).toThrowError(DecryptionError);
  });

  it.each([
    ["", /no key given/],
    ["c2hvcnQ=", /key 1 must be 32 bytes/],
    [`${keyA},not base64!`, /key 2 must be 32 bytes/],
  ])("rejects the master key setting %j", (value, message) => {
    expect(() => parseMasterKeys(value)).toThrowError(message);
  });
});
