import { createMessage, enums, revokeKey, sign } from "openpgp";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import {
  CURRENT_KEY_SLOT,
  type KeyUserId,
  newKeyPairRow,
  platformKeyUserId,
  privateKeyOpener,
} from "../../platform/crypto/openpgp-key-pairs.ts";
import { sealedText } from "../../platform/crypto/sealed.ts";
import type { Db, Executor, Tx } from "../../platform/db/database.ts";
import type { CsafSigningKeysTable } from "../../platform/db/schema.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { Actor } from "../access/actor.ts";
import { SYSTEM_ACTOR } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";

/**
 * The platform's OpenPGP signing key for CSAF documents (CSAF 2.0 requirements 19 and 20). It
 * is not the desk's key: that one receives finders' secrets, this one vouches for what the
 * platform publishes, and each can be rotated without touching the other.
 */

/** Only this module opens the signing key. */
const privateKeyColumn = sealedText("csaf_signing_keys.private_key_sealed");

/** A signing key as the operator and the public see it. */
export interface SigningKeyView {
  fingerprint: string;
  publicKey: string;
  createdAt: string;
}

/** What a detached signature was made with. */
export interface Signed {
  signature: string;
  fingerprint: string;
}

/** Signs documents inside one transaction, with the key current in it. */
export interface Signer {
  fingerprint: string;
  sign(bytes: Uint8Array): Promise<string>;
}

/** "Kakehashi CSAF signing key <csaf@host>"; without the address when the host is not a domain. */
export function signingUserId(publicUrl: string): KeyUserId {
  return platformKeyUserId(publicUrl, "Kakehashi CSAF signing key", "csaf");
}

export function createSigningKeys(deps: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  audit: Audit;
  publicUrl: string;
}) {
  const { db, cipher, clock, audit, publicUrl } = deps;
  const privateKeyOf = privateKeyOpener(cipher, privateKeyColumn);

  /**
   * A new key pair, not yet stored: an EdDSA (Ed25519) primary key that only certifies and
   * signs, with no encryption subkey (nobody should encrypt to it).
   */
  async function newKeyRow(): Promise<CsafSigningKeysTable> {
    const row = await newKeyPairRow({
      purpose: "signOnly",
      userId: signingUserId(publicUrl),
      createdAt: clock.now(),
      cipher,
      privateKeyColumn,
    });
    return { ...row, last_signed_at: null };
  }

  const view = (row: { fingerprint: string; public_key: string; created_at: string }) => ({
    fingerprint: row.fingerprint,
    publicKey: row.public_key,
    createdAt: row.created_at,
  });

  async function loadCurrent(executor: Executor) {
    return executor
      .selectFrom("csaf_signing_keys")
      .select(["id", "fingerprint", "public_key", "created_at"])
      .where("current_slot", "=", CURRENT_KEY_SLOT)
      .executeTakeFirst();
  }

  /** Inserts a first key unless another transaction made one; audits only the one it made. */
  async function insertFirst(tx: Tx, actor: Actor): Promise<void> {
    const candidate = await newKeyRow();
    const inserted = await tx
      .insertInto("csaf_signing_keys")
      .values(candidate)
      .onConflict((conflict) => conflict.column("current_slot").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) {
      await audit.record(tx, actor, {
        type: "csaf_signing_key.created",
        subjectType: "csaf_signing_key",
        subjectId: candidate.id,
        details: { fingerprint: candidate.fingerprint },
      });
    }
  }

  /**
   * Claims the current key for signing in this transaction. The UPDATE takes the row's lock, so
   * a rotation waits for the signing transaction (and a signing after a rotation sees the new
   * key): no document is ever stored signed with a key that was retired before it committed.
   */
  async function claimCurrent(tx: Tx) {
    return tx
      .updateTable("csaf_signing_keys")
      .set({ last_signed_at: clock.now().toISOString() })
      .where("current_slot", "=", CURRENT_KEY_SLOT)
      .returning(["id", "fingerprint", "private_key_sealed", "created_at"])
      .executeTakeFirst();
  }

  async function signerFrom(row: {
    id: string;
    fingerprint: string;
    private_key_sealed: string;
    created_at: string;
  }): Promise<Signer> {
    const key = await privateKeyOf(row);
    const notBefore = Date.parse(row.created_at);
    return {
      fingerprint: row.fingerprint,
      async sign(bytes) {
        // A signature never predates its key (a clock set back in a test, say).
        const date = new Date(Math.max(clock.now().getTime(), notBefore));
        return sign({
          message: await createMessage({ binary: bytes }),
          signingKeys: key,
          detached: true,
          format: "armored",
          date,
        });
      },
    };
  }

  return {
    /**
     * The current key, created on first use (race-safe as the desk key: the unique slot lets
     * exactly one of two first uses insert).
     */
    async current(actor: Actor): Promise<SigningKeyView> {
      const existing = await loadCurrent(db);
      if (existing) return view(existing);
      const row = await db.transaction().execute(async (tx) => {
        await insertFirst(tx, actor);
        return loadCurrent(tx);
      });
      if (!row) throw new Error("the CSAF signing key could not be created");
      return view(row);
    },

    /** The signer of a transaction that stores documents: the current key, made if none. */
    async signerIn(tx: Tx): Promise<Signer> {
      let row = await claimCurrent(tx);
      if (!row) {
        await insertFirst(tx, SYSTEM_ACTOR);
        row = await claimCurrent(tx);
      }
      if (!row) throw new Error("the CSAF signing key could not be created");
      return signerFrom(row);
    },

    /**
     * Makes a new current key inside the caller's transaction, which must re-sign every
     * document with the returned signer before it commits. The retired key is revoked as
     * superseded (so GnuPG says so), and stays downloadable by its fingerprint.
     */
    async rotateIn(tx: Tx, actor: Actor) {
      const candidate = await newKeyRow();
      const retiredAt = clock.now().toISOString();
      const old = await tx
        .updateTable("csaf_signing_keys")
        .set({ current_slot: null, retired_at: retiredAt })
        .where("current_slot", "=", CURRENT_KEY_SLOT)
        .returning(["id", "fingerprint", "private_key_sealed"])
        .executeTakeFirst();
      if (old) {
        const { publicKey } = await revokeKey({
          key: await privateKeyOf(old),
          reasonForRevocation: {
            flag: enums.reasonForRevocation.keySuperseded,
            string: `Superseded by ${candidate.fingerprint}`,
          },
          date: new Date(retiredAt),
          format: "armored",
        });
        await tx
          .updateTable("csaf_signing_keys")
          .set({ public_key: publicKey })
          .where("id", "=", old.id)
          .execute();
      }
      await tx.insertInto("csaf_signing_keys").values(candidate).execute();
      await audit.record(tx, actor, {
        type: "csaf_signing_key.rotated",
        subjectType: "csaf_signing_key",
        subjectId: candidate.id,
        details: { fingerprint: candidate.fingerprint, retired: old?.fingerprint ?? null },
      });
      return {
        key: view(candidate),
        retired: old ? { fingerprint: old.fingerprint, retiredAt } : null,
        signer: await signerFrom(candidate),
      };
    },

    /** A key by its fingerprint, current or retired (its public part only). */
    async byFingerprint(fingerprint: string): Promise<SigningKeyView | null> {
      const row = await db
        .selectFrom("csaf_signing_keys")
        .select(["fingerprint", "public_key", "created_at"])
        .where("fingerprint", "=", fingerprint)
        .executeTakeFirst();
      return row ? view(row) : null;
    },
  };
}

export type SigningKeys = ReturnType<typeof createSigningKeys>;
