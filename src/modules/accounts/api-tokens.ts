import type { Executor } from "../../platform/db/database.ts";
import { notFound } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Actor } from "../access/actor.ts";
import { type AccountsContext, requireUser } from "./accounts.context.ts";
import { findUserByEmail } from "./accounts.repository.ts";
import type { ApiTokenView, CreatedApiToken } from "./accounts.schemas.ts";
import { apiTokensOf, insertApiToken, revokeApiToken } from "./credentials.repository.ts";
import { hashSecret, newSecret } from "./secrets.ts";

/** API tokens: made by their user (or by the operator for any user), listed, revoked. */
export function createApiTokensService(ctx: AccountsContext) {
  const { db, audit } = ctx;

  async function issueApiToken(
    tx: Executor,
    actor: Actor,
    userId: string,
    name: string,
  ): Promise<CreatedApiToken> {
    const token = newSecret("kkt");
    const id = newId();
    await insertApiToken(tx, {
      id,
      tokenHash: hashSecret(token),
      userId,
      name: name.trim(),
      at: ctx.iso(),
    });
    await audit.record(tx, actor, {
      type: "token.created",
      subjectType: "api_token",
      subjectId: id,
      details: { userId },
    });
    return { id, token };
  }

  return {
    async createApiToken(actor: Actor, name: string): Promise<CreatedApiToken> {
      const user = requireUser(actor);
      return db.transaction().execute((tx) => issueApiToken(tx, user, user.userId, name));
    },

    async listApiTokens(actor: Actor): Promise<ApiTokenView[]> {
      const user = requireUser(actor);
      const rows = await apiTokensOf(db, user.userId);
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
        revokedAt: row.revoked_at,
      }));
    },

    async revokeApiToken(actor: Actor, tokenId: string): Promise<void> {
      const user = requireUser(actor);
      await db.transaction().execute(async (tx) => {
        if (!(await revokeApiToken(tx, user.userId, tokenId, ctx.iso()))) throw notFound();
        await audit.record(tx, user, {
          type: "token.revoked",
          subjectType: "api_token",
          subjectId: tokenId,
        });
      });
    },

    /** Operator command: a token for any existing user (also one invited or not yet verified). */
    async createApiTokenForEmail(actor: Actor, email: string, name: string): Promise<string> {
      const user = await findUserByEmail(db, email.trim().toLowerCase());
      if (!user) throw notFound(`No user with the e-mail address ${email}.`);
      const issued = await db
        .transaction()
        .execute((tx) => issueApiToken(tx, actor, user.id, name));
      return issued.token;
    },
  };
}
