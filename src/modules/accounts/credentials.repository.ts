import type { Executor } from "../../platform/db/database.ts";

/**
 * Browser sessions and API tokens: the accounts module is the only writer of these tables.
 * Other modules end a user's sessions with `revokeSessionsOf`.
 */

// --- Sessions ---------------------------------------------------------------------------------

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

export async function insertSession(
  tx: Executor,
  session: {
    id: string;
    tokenHash: string;
    userId: string;
    secondFactorDone: boolean;
    at: string;
    expiresAt: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await tx
    .insertInto("sessions")
    .values({
      id: session.id,
      token_hash: session.tokenHash,
      user_id: session.userId,
      second_factor_done: session.secondFactorDone ? 1 : 0,
      created_at: session.at,
      last_seen_at: session.at,
      expires_at: session.expiresAt,
      revoked_at: null,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

export async function touchSession(db: Executor, sessionId: string, at: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", sessionId).execute();
}

export async function markSecondFactorDone(tx: Executor, sessionId: string): Promise<void> {
  await tx
    .updateTable("sessions")
    .set({ second_factor_done: 1 })
    .where("id", "=", sessionId)
    .execute();
}

export async function revokeSession(tx: Executor, sessionId: string, at: string): Promise<void> {
  await tx.updateTable("sessions").set({ revoked_at: at }).where("id", "=", sessionId).execute();
}

export async function revokeSessionByTokenHash(
  tx: Executor,
  tokenHash: string,
  at: string,
): Promise<void> {
  await tx
    .updateTable("sessions")
    .set({ revoked_at: at })
    .where("token_hash", "=", tokenHash)
    .execute();
}

/** Ends every open session of the user, but the one named (the session changing a password). */
export async function revokeSessionsOf(
  tx: Executor,
  userId: string,
  at: string,
  exceptSessionId?: string,
): Promise<void> {
  let query = tx
    .updateTable("sessions")
    .set({ revoked_at: at })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  await query.execute();
}

// --- API tokens -------------------------------------------------------------------------------

export function findApiToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "user_id", "last_used_at", "revoked_at"])
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export function apiTokensOf(db: Executor, userId: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}

export async function insertApiToken(
  tx: Executor,
  token: { id: string; tokenHash: string; userId: string; name: string; at: string },
): Promise<void> {
  await tx
    .insertInto("api_tokens")
    .values({
      id: token.id,
      token_hash: token.tokenHash,
      user_id: token.userId,
      name: token.name,
      created_at: token.at,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

export async function touchApiToken(tx: Executor, tokenId: string, at: string): Promise<void> {
  await tx.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", tokenId).execute();
}

/** Revokes one open token of the user; false when there is none with this id. */
export async function revokeApiToken(
  tx: Executor,
  userId: string,
  tokenId: string,
  at: string,
): Promise<boolean> {
  const revoked = await tx
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("id", "=", tokenId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return revoked !== undefined;
}

export async function revokeApiTokensOf(tx: Executor, userId: string, at: string): Promise<void> {
  await tx
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}
