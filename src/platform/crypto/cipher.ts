import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Envelope encryption of confidential fields with AES-256-GCM.
 *
 * Each value gets its own random data key; the data key is wrapped with a master key that
 * lives outside the database and is named by a key id. Rotating the master key only
 * re-wraps data keys (rewrap), and retired master keys stay in the keyring so old values
 * remain readable. The caller's context string (table, column, row id) is bound as
 * additional authenticated data: a value copied to another row or column fails to decrypt.
 *
 * Sealed format: kk1.<keyId>.<wrapped data key>.<iv>.<ciphertext>.<tag>, base64url parts.
 * Binary values (attachments) use the same envelope and context binding, stored as bytes:
 * the ASCII header kk1b.<keyId>.<wrapped data key>.<iv>.<tag>. followed by the raw ciphertext,
 * so a 20 MB file is not inflated by base64.
 */

const FORMAT = "kk1";
const BYTES_FORMAT = "kk1b";
/** The binary header is short (five base64url parts); a longer one is not a sealed value. */
const BYTES_HEADER_MAX = 256;
const DOT = 0x2e;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  override name = "DecryptionError";
}

export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** The key new values are wrapped with. */
  current: MasterKey;
  /** Every key that can unwrap, the current one included. */
  byId: ReadonlyMap<string, MasterKey>;
}

export interface FieldCipher {
  encrypt(plaintext: string, context: string): string;
  decrypt(sealed: string, context: string): string;
  /** The id of the master key that wrapped a sealed value. */
  keyIdOf(sealed: string): string;
  /** Re-wraps the value's data key with the current master key; the content is untouched. */
  rewrap(sealed: string, context: string): string;
  /** Seals bytes (an attachment); the result is bytes too. */
  encryptBytes(plaintext: Uint8Array, context: string): Buffer;
  decryptBytes(sealed: Uint8Array, context: string): Buffer;
  /** As rewrap, for sealed bytes: only the header changes. */
  rewrapBytes(sealed: Uint8Array, context: string): Buffer;
}

/** The key id: a fingerprint of the key, so ids never need to be assigned by hand. */
export function masterKeyId(key: Buffer): string {
  return createHash("sha256")
    .update("kakehashi master key id\0")
    .update(key)
    .digest("hex")
    .slice(0, 16);
}

/**
 * Parses KAKEHASHI_MASTER_KEY: one or more base64 keys of 32 bytes, separated by commas.
 * The first is current; the others are retired keys kept for reading old values.
 */
export function parseMasterKeys(value: string): Keyring {
  const keys = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part, index) => {
      const key = Buffer.from(part, "base64");
      if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(part)) {
        throw new Error(
          `KAKEHASHI_MASTER_KEY: key ${index + 1} must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`,
        );
      }
      return { id: masterKeyId(key), key };
    });
  const current = keys[0];
  if (!current) throw new Error("KAKEHASHI_MASTER_KEY: no key given");
  return { current, byId: new Map(keys.map((entry) => [entry.id, entry])) };
}

function seal(
  key: Buffer,
  plaintext: Buffer,
  aad: Buffer,
): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function open(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
    throw new DecryptionError("malformed sealed value");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new DecryptionError(
      "sealed value failed authentication (tampered, or wrong context or key)",
    );
  }
}

const b64 = (buffer: Buffer) => buffer.toString("base64url");

export function createFieldCipher(keyring: Keyring): FieldCipher {
  // The wrapped data key is bound to the key id and the context, as the content is.
  const wrapAad = (keyId: string, context: string) =>
    Buffer.from(`${FORMAT}\0wrap\0${keyId}\0${context}`);
  const dataAad = (context: string) => Buffer.from(`${FORMAT}\0data\0${context}`);

  function parse(sealed: string) {
    const parts = sealed.split(".");
    if (parts.length !== 6 || parts[0] !== FORMAT) throw new DecryptionError("not a sealed value");
    const [, keyId, wrapped, iv, ciphertext, tag] = parts as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return {
      keyId,
      wrapped: Buffer.from(wrapped, "base64url"),
      iv: Buffer.from(iv, "base64url"),
      ciphertext: Buffer.from(ciphertext, "base64url"),
      tag: Buffer.from(tag, "base64url"),
    };
  }

  function parseBytes(sealed: Uint8Array) {
    const buffer = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    // The header's five parts end at the fifth dot; base64url never contains one.
    let end = -1;
    for (let dots = 0; dots < 5; dots += 1) {
      end = buffer.indexOf(DOT, end + 1);
      if (end < 0 || end > BYTES_HEADER_MAX) throw new DecryptionError("not a sealed value");
    }
    const parts = buffer.subarray(0, end).toString("latin1").split(".");
    if (parts[0] !== BYTES_FORMAT) throw new DecryptionError("not a sealed value");
    const [, keyId, wrapped, iv, tag] = parts as [string, string, string, string, string];
    return {
      keyId,
      wrapped: Buffer.from(wrapped, "base64url"),
      iv: Buffer.from(iv, "base64url"),
      tag: Buffer.from(tag, "base64url"),
      ciphertext: buffer.subarray(end + 1),
    };
  }

  function bytesHeader(keyId: string, wrapped: string, iv: Buffer, tag: Buffer): Buffer {
    return Buffer.from(`${BYTES_FORMAT}.${keyId}.${wrapped}.${b64(iv)}.${b64(tag)}.`, "latin1");
  }

  function unwrapDataKey(keyId: string, wrapped: Buffer, context: string): Buffer {
    const master = keyring.byId.get(keyId);
    if (!master) throw new DecryptionError(`master key ${keyId} is not in the keyring`);
    const iv = wrapped.subarray(0, IV_BYTES);
    const tag = wrapped.subarray(wrapped.length - TAG_BYTES);
    const body = wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES);
    return open(master.key, iv, body, tag, wrapAad(keyId, context));
  }

  function wrapDataKey(dataKey: Buffer, context: string): string {
    const { id, key } = keyring.current;
    const wrapped = seal(key, dataKey, wrapAad(id, context));
    return b64(Buffer.concat([wrapped.iv, wrapped.ciphertext, wrapped.tag]));
  }

  return {
    encrypt(plaintext, context) {
      const dataKey = randomBytes(KEY_BYTES);
      const sealed = seal(dataKey, Buffer.from(plaintext, "utf8"), dataAad(context));
      return [
        FORMAT,
        keyring.current.id,
        wrapDataKey(dataKey, context),
        b64(sealed.iv),
        b64(sealed.ciphertext),
        b64(sealed.tag),
      ].join(".");
    },
    decrypt(sealedValue, context) {
      const parts = parse(sealedValue);
      const dataKey = unwrapDataKey(parts.keyId, parts.wrapped, context);
      return open(dataKey, parts.iv, parts.ciphertext, parts.tag, dataAad(context)).toString(
        "utf8",
      );
    },
    keyIdOf(sealedValue) {
      return parse(sealedValue).keyId;
    },
    rewrap(sealedValue, context) {
      const parts = parse(sealedValue);
      const dataKey = unwrapDataKey(parts.keyId, parts.wrapped, context);
      return [
        FORMAT,
        keyring.current.id,
        wrapDataKey(dataKey, context),
        b64(parts.iv),
        b64(parts.ciphertext),
        b64(parts.tag),
      ].join(".");
    },
    encryptBytes(plaintext, context) {
      const dataKey = randomBytes(KEY_BYTES);
      const bytes = Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
      const sealed = seal(dataKey, bytes, dataAad(context));
      return Buffer.concat([
        bytesHeader(keyring.current.id, wrapDataKey(dataKey, context), sealed.iv, sealed.tag),
        sealed.ciphertext,
      ]);
    },
    decryptBytes(sealedValue, context) {
      const parts = parseBytes(sealedValue);
      const dataKey = unwrapDataKey(parts.keyId, parts.wrapped, context);
      return open(dataKey, parts.iv, parts.ciphertext, parts.tag, dataAad(context));
    },
    rewrapBytes(sealedValue, context) {
      const parts = parseBytes(sealedValue);
      const dataKey = unwrapDataKey(parts.keyId, parts.wrapped, context);
      return Buffer.concat([
        bytesHeader(keyring.current.id, wrapDataKey(dataKey, context), parts.iv, parts.tag),
        parts.ciphertext,
      ]);
    },
  };
}
