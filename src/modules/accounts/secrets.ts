import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { generateSecret, generateURI, verify as verifyOtp } from "otplib";

/**
 * A bearer secret (session, API token, e-mail link): 256 random bits. Only its SHA-256 is
 * stored; the secret is high-entropy, so a fast hash is enough to make a stolen table useless.
 */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  // No password yet (an invitation not accepted): spend the same time as a real check.
  if (!passwordHash) {
    await verify(await decoyPasswordHash(), password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to compare against when the account does not exist, so timing does not tell. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash(randomBytes(16).toString("hex"));
  return decoyHash;
}

const commonPasswords = new Set(dictionary["passwords-common"].map((word) => word.toLowerCase()));

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = "too_short" | "too_long" | "too_common" | "contains_email";

/** At least 12 characters, not a common password, not the e-mail address. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return "too_common";
  // A common password padded with repeats or digits ("password1234") is as weak.
  const stripped = lower.replace(/[\d\W_]+$/u, "").replace(/^[\d\W_]+/u, "");
  if (stripped.length > 0 && commonPasswords.has(stripped)) return "too_common";
  if (new Set(lower).size < 4) return "too_common";
  if (lower.includes(email.toLowerCase()) || lower === email.split("@")[0]?.toLowerCase())
    return "contains_email";
  return null;
}

export const TOTP_ISSUER = "Kakehashi";

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/**
 * Checks a TOTP code at the given instant, allowing one 30-second step of clock drift either
 * way. Returns the accepted time step, or null; a step at or before `lastStep` is a replay.
 */
export async function checkTotp(
  secret: string,
  code: string,
  at: Date,
  lastStep: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verifyOtp({
    secret,
    token: code,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  if (!result.valid) return null;
  return "timeStep" in result && typeof result.timeStep === "number"
    ? result.timeStep
    : Math.floor(at.getTime() / 30_000);
}

/** Ten single-use recovery codes, e.g. "k7qd-m2xp-9fhw". */
export function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12);
    const characters = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join("");
    return `${characters.slice(0, 4)}-${characters.slice(4, 8)}-${characters.slice(8, 12)}`;
  });
}

export function normalizeRecoveryCode(code: string): string {
  return code.trim().toLowerCase().replace(/\s+/g, "");
}
