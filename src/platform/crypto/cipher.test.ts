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

  describe("bytes (attachments)", () => {
    const fileContext = "report_attachments.content_sealed:a1";

    it("returns the bytes it sealed, for any bytes, and never shows them", () => {
      const cipher = createFieldCipher(parseMasterKeys(keyA));
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
          const sealed = cipher.encryptBytes(bytes, fileContext);
          expect(Buffer.isBuffer(sealed)).toBe(true);
          expect(cipher.decryptBytes(sealed, fileContext).equals(Buffer.from(bytes))).toBe(true);
        }),
        { numRuns: 200 },
      );
      const png = Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), randomBytes(64)]);
      const sealed = cipher.encryptBytes(png, fileContext);
      expect(sealed.includes(png)).toBe(false);
      expect(sealed.includes(png.subarray(8, 40))).toBe(false);
      // Raw ciphertext, not base64: the value is barely larger than the content.
      expect(sealed.length).toBeLessThan(png.length + 200);
      expect(sealed.equals(cipher.encryptBytes(png, fileContext))).toBe(false);
    });

    it("reads bytes handed back as a view into a larger buffer (as drivers return them)", () => {
      const cipher = createFieldCipher(parseMasterKeys(keyA));
      const sealed = cipher.encryptBytes(Buffer.from("pcap bytes"), fileContext);
      const padded = Buffer.concat([Buffer.from("xxxx"), sealed, Buffer.from("yyyy")]);
      const view = new Uint8Array(padded.buffer, padded.byteOffset + 4, sealed.length);
      expect(cipher.decryptBytes(view, fileContext).toString()).toBe("pcap bytes");
    });

    it("detects tampering with the content, the header or the context", () => {
      const cipher = createFieldCipher(parseMasterKeys(keyA));
      const sealed = cipher.encryptBytes(Buffer.from("exploit.py contents"), fileContext);
      const flipped = Buffer.from(sealed);
      flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 0x01;
      expect(() => cipher.decryptBytes(flipped, fileContext)).toThrowError(DecryptionError);
      let end = -1;
      for (let dots = 0; dots < 5; dots += 1) end = sealed.indexOf(".", end + 1);
      const header = sealed.subarray(0, end).toString("latin1");
      const parts = header.split(".");
      expect(parts[0]).toBe("kk1b");
      const tag = Buffer.from(parts[4] as string, "base64url");
      tag[0] = (tag[0] ?? 0) ^ 0x01;
      parts[4] = tag.toString("base64url");
      const badTag = Buffer.concat([
        Buffer.from(parts.join("."), "latin1"),
        sealed.subarray(header.length),
      ]);
      expect(() => cipher.decryptBytes(badTag, fileContext)).toThrowError(DecryptionError);
      expect(() =>
        cipher.decryptBytes(sealed, "report_attachments.content_sealed:a2"),
      ).toThrowError(DecryptionError);
    });

    it("keeps text and byte envelopes apart, and refuses what is not sealed", () => {
      const cipher = createFieldCipher(parseMasterKeys(keyA));
      const text = cipher.encrypt("secret", fileContext);
      expect(() => cipher.decryptBytes(Buffer.from(text), fileContext)).toThrowError(
        DecryptionError,
      );
      expect(() => cipher.decryptBytes(Buffer.from("plain bytes"), fileContext)).toThrowError(
        DecryptionError,
      );
      expect(() => cipher.decryptBytes(Buffer.alloc(0), fileContext)).toThrowError(DecryptionError);
      expect(() => cipher.decryptBytes(Buffer.alloc(5000, 0x2e), fileContext)).toThrowError(
        DecryptionError,
      );
    });

    it("re-wraps sealed bytes to a new master key without touching the content", () => {
      const sealed = createFieldCipher(parseMasterKeys(keyA)).encryptBytes(
        Buffer.from("capture.pcapng"),
        fileContext,
      );
      const rotated = createFieldCipher(parseMasterKeys(`${keyB},${keyA}`));
      const rewrapped = rotated.rewrapBytes(sealed, fileContext);
      const ciphertextOf = (value: Buffer) =>
        value.subarray(value.length - "capture.pcapng".length);
      expect(ciphertextOf(rewrapped).equals(ciphertextOf(sealed))).toBe(true);
      const newOnly = createFieldCipher(parseMasterKeys(keyB));
      expect(newOnly.decryptBytes(rewrapped, fileContext).toString()).toBe("capture.pcapng");
      expect(() => newOnly.decryptBytes(sealed, fileContext)).toThrowError(/not in the keyring/);
    });
  });
});
