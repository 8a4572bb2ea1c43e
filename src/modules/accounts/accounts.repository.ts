import type { Selectable, Updateable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { EmailTokensTable, UsersTable } from "../../platform/db/schema.ts";
import type { Language } from "../../platform/i18n/i18n.ts";

/**
 * The users, their mailed links and their recovery codes: the accounts module is the only
 * writer of these tables. Other modules create users with `createUser`.
 */

export type UserRow = Selectable<UsersTable>;

export interface UserWithMembership extends UserRow {
  organization_id: string | null;
  organization_type: string | null;
  organization_name: string | null;
  role: string | null;
}

function userWithMembership(db: Executor) {
  return db
    .selectFrom("users")
    .leftJoin("memberships", "memberships.user_id", "users.id")
    .leftJoin("organizations", "organizations.id", "memberships.organization_id")
    .selectAll("users")
    .select([
      "memberships.organization_id as organization_id",
      "organizations.type as organization_type",
      "organizations.name as organization_name",
      "memberships.role as role",
    ]);
}

export function findUserByEmail(
  db: Executor,
  email: string,
): Promise<UserWithMembership | undefined> {
  return userWithMembership(db).where("users.email", "=", email.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Executor, id: string): Promise<UserWithMembership | undefined> {
  return userWithMembership(db).where("users.id", "=", id).executeTakeFirst();
}

export interface NewUser {
  id: string;
  /** Stored lower-cased. */
  email: string;
  name: string;
  language: Language;
  /** Null for an invited member until they set a password. */
  passwordHash: string | null;
  /** When the address counts as confirmed; null until the mailed link is used. */
  emailVerifiedAt: string | null;
  at: string;
}

/** A new user, without a second factor. The caller checks that the address is free. */
export async function createUser(tx: Executor, user: NewUser): Promise<void> {
  await tx
    .insertInto("users")
    .values({
      id: user.id,
      email: user.email.toLowerCase(),
      name: user.name,
      language: user.language,
      password_hash: user.passwordHash,
      email_verified_at: user.emailVerifiedAt,
      totp_secret_sealed: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locked_until: null,
      created_at: user.at,
      updated_at: user.at,
    })
    .execute();
}

/** The one UPDATE of a user row the functions below share. */
function updateUser(tx: Executor, userId: string, set: Updateable<UsersTable>) {
  return tx.updateTable("users").set(set).where("id", "=", userId);
}

export async function markEmailVerified(tx: Executor, userId: string, at: string): Promise<void> {
  await updateUser(tx, userId, { email_verified_at: at, updated_at: at })
    .where("email_verified_at", "is", null)
    .execute();
}

export async function updateProfile(
  tx: Executor,
  userId: string,
  profile: { name?: string | undefined; language?: Language | undefined },
  at: string,
): Promise<void> {
  await updateUser(tx, userId, {
    ...(profile.name !== undefined ? { name: profile.name } : {}),
    ...(profile.language !== undefined ? { language: profile.language } : {}),
    updated_at: at,
  }).execute();
}

export async function setPasswordHash(
  tx: Executor,
  userId: string,
  passwordHash: string,
  at: string,
): Promise<void> {
  await updateUser(tx, userId, { password_hash: passwordHash, updated_at: at }).execute();
}

/** A password set through a mailed link: the link proves the address, and the lock ends. */
export async function setPasswordFromLink(
  tx: Executor,
  user: Pick<UserRow, "id" | "email_verified_at">,
  passwordHash: string,
  at: string,
): Promise<void> {
  await updateUser(tx, user.id, {
    password_hash: passwordHash,
    email_verified_at: user.email_verified_at ?? at,
    failed_signins: 0,
    locked_until: null,
    updated_at: at,
  }).execute();
}

/** The count of failed sign-ins in a row, and the lock it may have set. */
export async function setFailedSignIns(
  tx: Executor,
  userId: string,
  failedSignIns: number,
  lockedUntil: string | null,
): Promise<void> {
  await updateUser(tx, userId, {
    failed_signins: failedSignIns,
    locked_until: lockedUntil,
  }).execute();
}

/**
 * A completed sign-in: the failure count (and, with `unlock`, the lock) is cleared and the TOTP
 * step taken, if one was used. False when a request racing with the same code took the step
 * first.
 */
export async function clearFailedSignIns(
  tx: Executor,
  userId: string,
  options: { totpStep: number | null; unlock: boolean },
): Promise<boolean> {
  const step = options.totpStep;
  const cleared = await updateUser(tx, userId, {
    failed_signins: 0,
    ...(options.unlock ? { locked_until: null } : {}),
    ...(step !== null ? { totp_last_step: step } : {}),
  })
    .$if(step !== null, (query) =>
      query.where((eb) =>
        eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step as number)]),
      ),
    )
    .executeTakeFirst();
  return Number(cleared.numUpdatedRows) > 0;
}

/** A new TOTP secret, not yet in force. */
export async function setTotpSecret(
  tx: Executor,
  userId: string,
  sealedSecret: string,
  at: string,
): Promise<void> {
  await updateUser(tx, userId, { totp_secret_sealed: sealedSecret, updated_at: at }).execute();
}

export async function enableTotp(
  tx: Executor,
  userId: string,
  firstStep: number,
  at: string,
): Promise<void> {
  await updateUser(tx, userId, {
    totp_enabled_at: at,
    totp_last_step: firstStep,
    updated_at: at,
  }).execute();
}

// --- Recovery codes ---------------------------------------------------------------------------

/** The user's recovery codes, replaced by new ones (stored as hashes). */
export async function replaceRecoveryCodes(
  tx: Executor,
  userId: string,
  codeHashes: string[],
  at: string,
): Promise<void> {
  await tx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await tx
    .insertInto("recovery_codes")
    .values(
      codeHashes.map((codeHash) => ({
        code_hash: codeHash,
        user_id: userId,
        used_at: null,
        created_at: at,
      })),
    )
    .execute();
}

/** Spends an unused recovery code of the user; false when there is none with this hash. */
export async function useRecoveryCode(
  db: Executor,
  userId: string,
  codeHash: string,
  at: string,
): Promise<boolean> {
  const used = await db
    .updateTable("recovery_codes")
    .set({ used_at: at })
    .where("code_hash", "=", codeHash)
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .returning("code_hash")
    .executeTakeFirst();
  return used !== undefined;
}

// --- Mailed links -----------------------------------------------------------------------------

export async function insertEmailToken(
  tx: Executor,
  token: {
    tokenHash: string;
    userId: string;
    purpose: EmailTokensTable["purpose"];
    expiresAt: string;
    at: string;
  },
): Promise<void> {
  await tx
    .insertInto("email_tokens")
    .values({
      token_hash: token.tokenHash,
      user_id: token.userId,
      purpose: token.purpose,
      expires_at: token.expiresAt,
      used_at: null,
      created_at: token.at,
    })
    .execute();
}

/** Whose link this is (used or not), to check a new password against their address. */
export function findEmailTokenOwner(
  db: Executor,
  tokenHash: string,
): Promise<{ id: string; email: string } | undefined> {
  return db
    .selectFrom("email_tokens")
    .innerJoin("users", "users.id", "email_tokens.user_id")
    .select(["users.id", "users.email"])
    .where("email_tokens.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function takeEmailToken(
  db: Executor,
  tokenHash: string,
  purpose: EmailTokensTable["purpose"],
  now: string,
): Promise<{ user_id: string } | undefined> {
  // One statement marks it used: a link works once, even when opened twice at once.
  return db
    .updateTable("email_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", tokenHash)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("user_id")
    .executeTakeFirst();
}
