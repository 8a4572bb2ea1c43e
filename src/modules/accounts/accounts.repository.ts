import type { Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { EmailTokensTable, UsersTable } from "../../platform/db/schema.ts";

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

export function findSessionUser(db: Executor, tokenHash: string) {
  return db
    .selectFrom("sessions")
    .select([
      "sessions.id as session_id",
      "sessions.user_id as session_user_id",
      "sessions.second_factor_done",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.revoked_at",
    ])
    .where("sessions.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export function findApiToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "user_id", "last_used_at", "revoked_at"])
    .where("token_hash", "=", tokenHash)
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

export async function revokeSessions(
  db: Executor,
  userId: string,
  now: string,
  exceptSessionId?: string,
): Promise<void> {
  let query = db
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  await query.execute();
}
