import { generateKey, type PrivateKey, readKey, readPrivateKey } from "openpgp";
import { newId } from "../ids.ts";
import type { FieldCipher } from "./cipher.ts";
import type { SealedColumn } from "./sealed.ts";

/**
 * The platform's own OpenPGP key pairs (the intake desk's, the CSAF signing key): how one is
 * made, named and opened. Each is stored in its owning module's table (ADR 007), so nothing
 * here reads or writes a table: the module passes its sealed-column declaration and keeps its
 * queries.
 */

/** The value of `current_slot` for the one current key of a table (unique); null once retired. */
export const CURRENT_KEY_SLOT = "current" as const;

/**
 * What a key pair is for. `signAndEncrypt`: a primary key that certifies and signs plus an
 * encryption subkey (finders encrypt to it). `signOnly`: the primary key alone, so nobody can
 * encrypt to a key that only vouches for what the platform publishes.
 */
export type KeyPairPurpose = "signAndEncrypt" | "signOnly";

/** The columns every key-pair table shares, as a new current key's row. */
export interface KeyPairRow {
  id: string;
  /** Upper-case hex, as GnuPG prints it. */
  fingerprint: string;
  public_key: string;
  private_key_sealed: string;
  current_slot: typeof CURRENT_KEY_SLOT;
  created_at: string;
  retired_at: null;
}

/** An OpenPGP user ID: a name, and an address when there is one. */
export interface KeyUserId {
  name: string;
  email?: string;
}

/**
 * The user ID of a platform key: `name <mailbox@host>` at the public URL's host. A host that is
 * not a plausible mail domain (an IPv6 literal, say) is left out rather than making key
 * generation fail.
 */
export function platformKeyUserId(publicUrl: string, name: string, mailbox: string): KeyUserId {
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, "");
  return /^[A-Za-z0-9.-]+$/.test(host) && /[A-Za-z0-9]$/.test(host)
    ? { name, email: `${mailbox}@${host}` }
    : { name };
}

/**
 * A new current key's row, not yet stored: a v4 key over Curve25519 (EdDSA, and ECDH for the
 * encryption subkey), what GnuPG 2.2 reads, with its private part sealed under the owning
 * module's column declaration (so its context stays `table.private_key_sealed:id`).
 */
export async function newKeyPairRow(options: {
  purpose: KeyPairPurpose;
  userId: KeyUserId;
  createdAt: Date;
  cipher: FieldCipher;
  privateKeyColumn: SealedColumn<string>;
}): Promise<KeyPairRow> {
  const { purpose, userId, createdAt, cipher, privateKeyColumn } = options;
  const { privateKey, publicKey } = await generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [userId],
    ...(purpose === "signOnly" ? { subkeys: [] } : {}),
    date: createdAt,
    format: "armored",
  });
  const key = await readKey({ armoredKey: publicKey });
  const id = newId();
  return {
    id,
    fingerprint: key.getFingerprint().toUpperCase(),
    public_key: publicKey,
    private_key_sealed: privateKeyColumn.seal(cipher, id, privateKey),
    current_slot: CURRENT_KEY_SLOT,
    created_at: createdAt.toISOString(),
    retired_at: null,
  };
}

/** A stored key's sealed private part, as read from its row. */
export interface SealedPrivateKey {
  id: string;
  private_key_sealed: string;
}

/**
 * Opens stored private keys, each parsed once per process: opening and parsing on every
 * signature or message is wasted work. A key's row never changes its private part, so the
 * cache (by row id, a handful of keys) needs no invalidation.
 */
export function privateKeyOpener(
  cipher: FieldCipher,
  privateKeyColumn: SealedColumn<string>,
): (row: SealedPrivateKey) => Promise<PrivateKey> {
  const opened = new Map<string, Promise<PrivateKey>>();
  const open = async (row: SealedPrivateKey) =>
    readPrivateKey({ armoredKey: privateKeyColumn.open(cipher, row.id, row.private_key_sealed) });
  return (row) => {
    let key = opened.get(row.id);
    if (!key) {
      key = open(row);
      // A failed open is not remembered: the next call tries again and fails loudly again.
      key.catch(() => opened.delete(row.id));
      opened.set(row.id, key);
    }
    return key;
  };
}
