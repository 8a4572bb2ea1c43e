import { decrypt, type Message, type PrivateKey, readKey, readMessage } from "openpgp";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import {
  CURRENT_KEY_SLOT,
  type KeyUserId,
  newKeyPairRow,
  platformKeyUserId,
  privateKeyOpener,
} from "../../platform/crypto/openpgp-key-pairs.ts";
import { sealedText } from "../../platform/crypto/sealed.ts";
import type { Db, Executor } from "../../platform/db/database.ts";
import type { DeskKeysTable } from "../../platform/db/schema.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import { type Language, type MessageKey, translator } from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { Actor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import type { DecryptedMessage } from "./desk-key.schemas.ts";

/** Largest plaintext a finder's message may hold, in bytes (also the decompression bound). */
export const MAX_PLAINTEXT_BYTES = 1024 * 1024;
/** The desk's private key, sealed at rest; only this module opens it. */
const privateKeyColumn = sealedText("desk_keys.private_key_sealed");

/** What the public sees of the current desk key. */
export interface DeskKeyView {
  fingerprint: string;
  publicKey: string;
  userId: string;
  createdAt: string;
}

type Refusal = "invalid" | "wrongKey" | "unreadable" | "notText" | "tooLarge" | "empty";
const REFUSALS: Record<Refusal, { code: string; key: MessageKey }> = {
  invalid: { code: "encrypted_message_invalid", key: "deskKey.error.invalid" },
  wrongKey: { code: "encrypted_message_wrong_key", key: "deskKey.error.wrongKey" },
  unreadable: { code: "encrypted_message_unreadable", key: "deskKey.error.unreadable" },
  notText: { code: "encrypted_message_not_text", key: "deskKey.error.notText" },
  tooLarge: { code: "encrypted_message_too_large", key: "deskKey.error.tooLarge" },
  empty: { code: "encrypted_message_empty", key: "deskKey.error.empty" },
};

/** The codes a refused message answers with (422), for pages that show their own text. */
export const ENCRYPTED_MESSAGE_ERRORS: Record<string, MessageKey> = Object.fromEntries(
  Object.values(REFUSALS).map((refusal) => [refusal.code, refusal.key]),
);

/** A refused message: 422 on the field, in the finder's language (API clients read it too). */
function refuse(language: Language, why: Refusal): ProblemError {
  const { code, key } = REFUSALS[why];
  const message = translator(language)(key);
  return new ProblemError(422, code, message, [{ path: "encryptedMessage", message }]);
}

/** "Kakehashi intake desk <desk@host>"; without the address when the host is not a domain. */
export function deskUserId(publicUrl: string): KeyUserId {
  return platformKeyUserId(publicUrl, "Kakehashi intake desk", "desk");
}

/** Upper-case hex in groups of four, a double space in the middle, as GnuPG prints it. */
export function groupFingerprint(fingerprint: string): string {
  const groups = fingerprint.match(/.{1,4}/g) ?? [];
  const half = Math.ceil(groups.length / 2);
  return `${groups.slice(0, half).join(" ")}  ${groups.slice(half).join(" ")}`.trim();
}

export function createDeskKeyService(deps: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  audit: Audit;
  publicUrl: string;
}) {
  const { db, cipher, clock, audit, publicUrl } = deps;
  const privateKeyOf = privateKeyOpener(cipher, privateKeyColumn);

  /** A new key pair that signs and receives finders' messages (encryption subkey), not stored. */
  function newKeyRow(): Promise<DeskKeysTable> {
    return newKeyPairRow({
      purpose: "signAndEncrypt",
      userId: deskUserId(publicUrl),
      createdAt: clock.now(),
      cipher,
      privateKeyColumn,
    });
  }

  async function loadCurrent(executor: Executor) {
    return executor
      .selectFrom("desk_keys")
      .select(["id", "fingerprint", "public_key", "created_at"])
      .where("current_slot", "=", CURRENT_KEY_SLOT)
      .executeTakeFirst();
  }

  async function view(row: { fingerprint: string; public_key: string; created_at: string }) {
    const key = await readKey({ armoredKey: row.public_key });
    return {
      fingerprint: row.fingerprint,
      publicKey: row.public_key,
      userId: key.getUserIDs()[0] ?? "",
      createdAt: row.created_at,
    };
  }

  /** The stored keys that may open a message: the current one first, then the newest retired. */
  async function decryptionKeys(): Promise<{ fingerprint: string; key: PrivateKey }[]> {
    const rows = await db
      .selectFrom("desk_keys")
      .select(["id", "fingerprint", "private_key_sealed", "current_slot", "retired_at"])
      .execute();
    rows.sort((a, b) =>
      a.current_slot !== b.current_slot
        ? a.current_slot === CURRENT_KEY_SLOT
          ? -1
          : 1
        : (b.retired_at ?? "").localeCompare(a.retired_at ?? ""),
    );
    return Promise.all(
      rows.map(async (row) => ({ fingerprint: row.fingerprint, key: await privateKeyOf(row) })),
    );
  }

  /** Whether a stored key is among the message's recipients (a hidden recipient matches any). */
  function addressedTo(message: Message<string>, key: PrivateKey): boolean {
    const recipients = message.getEncryptionKeyIDs();
    return key
      .getKeyIDs()
      .some((keyId) => recipients.some((recipient) => keyId.equals(recipient, true)));
  }

  /** One attempt with one key; a fresh parse each time, as decryption changes the packets. */
  async function open(armoredMessage: string, key: PrivateKey) {
    try {
      return await decrypt({
        message: await readMessage({ armoredMessage }),
        decryptionKeys: key,
        format: "binary",
        date: clock.now(),
        config: { maxDecompressedMessageSize: MAX_PLAINTEXT_BYTES },
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : "";
      if (/decompressed message size/i.test(reason)) return "tooLarge" as const;
      // A hidden recipient matches every key: only a failed session key means "not ours".
      return /session key/i.test(reason) ? ("wrongKey" as const) : ("unreadable" as const);
    }
  }

  return {
    /**
     * The current key, created on first use. Race-safe on both databases: a key is generated
     * outside any transaction, then inserted with ON CONFLICT (current_slot) DO NOTHING, so of
     * two first uses at once exactly one insert wins (the unique slot) and both read it back.
     */
    async current(actor: Actor): Promise<DeskKeyView> {
      const existing = await loadCurrent(db);
      if (existing) return view(existing);
      const candidate = await newKeyRow();
      const row = await db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto("desk_keys")
          .values(candidate)
          .onConflict((conflict) => conflict.column("current_slot").doNothing())
          .returning("id")
          .executeTakeFirst();
        if (inserted) {
          await audit.record(tx, actor, {
            type: "desk_key.created",
            subjectType: "desk_key",
            subjectId: candidate.id,
            details: { fingerprint: candidate.fingerprint },
          });
        }
        return loadCurrent(tx);
      });
      if (!row) throw new Error("the desk key could not be created");
      return view(row);
    },

    /**
     * Replaces the current key (the operator's command). The old key is kept, retired, so
     * messages encrypted to it still decrypt. Two rotations at once: the slot is unique, so
     * the later one fails rather than leaving two current keys.
     */
    async rotate(actor: Actor) {
      const candidate = await newKeyRow();
      const retired = await db.transaction().execute(async (tx) => {
        const old = await tx
          .updateTable("desk_keys")
          .set({ current_slot: null, retired_at: clock.now().toISOString() })
          .where("current_slot", "=", CURRENT_KEY_SLOT)
          .returning(["fingerprint", "retired_at"])
          .executeTakeFirst();
        await tx.insertInto("desk_keys").values(candidate).execute();
        await audit.record(tx, actor, {
          type: "desk_key.rotated",
          subjectType: "desk_key",
          subjectId: candidate.id,
          details: { fingerprint: candidate.fingerprint, retired: old?.fingerprint ?? null },
        });
        return old ?? null;
      });
      return {
        fingerprint: candidate.fingerprint,
        createdAt: candidate.created_at,
        retired: retired
          ? { fingerprint: retired.fingerprint, retiredAt: retired.retired_at }
          : null,
      };
    },

    /**
     * Opens a finder's ASCII-armored message with the desk's keys (current, then retired).
     * Refusals are 422 on `encryptedMessage`, worded in the finder's language; the plaintext
     * is only returned, never logged. Signatures are noted, not verified: the finder's key
     * is unknown to the platform.
     */
    async decrypt(armoredMessage: string, language: Language): Promise<DecryptedMessage> {
      let message: Message<string>;
      try {
        message = await readMessage({ armoredMessage });
      } catch {
        throw refuse(language, "invalid");
      }
      if (message.getEncryptionKeyIDs().length === 0) throw refuse(language, "wrongKey");
      const candidates = (await decryptionKeys()).filter(({ key }) => addressedTo(message, key));
      if (candidates.length === 0) throw refuse(language, "wrongKey");
      let failure: Refusal = "wrongKey";
      for (const candidate of candidates) {
        const opened = await open(armoredMessage, candidate.key);
        if (typeof opened === "string") {
          if (opened === "tooLarge") throw refuse(language, opened);
          if (opened === "unreadable") failure = opened;
          continue;
        }
        if (opened.data.byteLength > MAX_PLAINTEXT_BYTES) throw refuse(language, "tooLarge");
        let text: string;
        try {
          text = new TextDecoder("utf-8", { fatal: true }).decode(opened.data);
        } catch {
          throw refuse(language, "notText");
        }
        text = text.replace(/\r\n/g, "\n");
        if (text.trim() === "") throw refuse(language, "empty");
        return {
          text,
          deskKeyFingerprint: candidate.fingerprint,
          signed: opened.signatures.length > 0,
          signerKeyIds: opened.signatures.map((signature) => signature.keyID.toHex().toUpperCase()),
        };
      }
      throw refuse(language, failure);
    },
  };
}

export type DeskKeyService = ReturnType<typeof createDeskKeyService>;
