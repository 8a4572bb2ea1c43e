import { readKey } from "openpgp";
import { ProblemError } from "../../platform/http/problem.ts";

export interface PublicKeyInfo {
  /** Upper-case hex, as GnuPG prints it. */
  fingerprint: string;
  userIds: string[];
  expiresAt: string | null;
  /** The key normalized to one armored public key (a pasted private key is refused). */
  armored: string;
}

/**
 * Parses an armored OpenPGP public key and checks that mail can be encrypted to it now:
 * not a private key, primary key valid (not revoked or expired), an encryption-capable key.
 */
export async function inspectPublicKey(armoredKey: string, at: Date): Promise<PublicKeyInfo> {
  const refuse = (message: string) =>
    new ProblemError(422, "invalid_pgp_key", message, [{ path: "pgpPublicKey", message }]);
  let key: Awaited<ReturnType<typeof readKey>>;
  try {
    key = await readKey({ armoredKey });
  } catch {
    throw refuse("This is not an armored OpenPGP public key.");
  }
  if (key.isPrivate()) throw refuse("This is a private key; paste the public key only.");
  try {
    await key.verifyPrimaryKey(at);
  } catch {
    throw refuse("The key is revoked, expired or its self-signature is invalid.");
  }
  try {
    await key.getEncryptionKey(undefined, at);
  } catch {
    throw refuse("The key has no subkey that can encrypt.");
  }
  const expiration = await key.getExpirationTime();
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    userIds: key.getUserIDs(),
    expiresAt: expiration instanceof Date ? expiration.toISOString() : null,
    armored: key.armor(),
  };
}
