import type { Executor } from "../../platform/db/database.ts";
import type { MemberRole, OrganizationType } from "../../platform/db/schema.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Actor, Origin, UserActor } from "../access/actor.ts";
import { type AccountsContext, auditUser, HOUR, MINUTE, recordDenied } from "./accounts.context.ts";
import {
  clearFailedSignIns,
  findUserByEmail,
  findUserById,
  type UserWithMembership,
} from "./accounts.repository.ts";
import type { SecondFactorState } from "./accounts.schemas.ts";
import {
  findApiToken,
  findSessionUser,
  insertSession,
  revokeSession,
  revokeSessionByTokenHash,
  touchApiToken,
  touchSession,
} from "./credentials.repository.ts";
import { accountLocked, countFailedSignIn, isLocked, wrongCode } from "./lockout.ts";
import { decoyPasswordHash, hashSecret, newSecret, verifyPassword } from "./secrets.ts";
import { checkUserTotp } from "./two-factor.ts";

export const SESSION_IDLE_MS = HOUR;
export const SESSION_ABSOLUTE_MS = 12 * HOUR;
/** Writes to last_seen_at / last_used_at at most this often. */
const TOUCH_INTERVAL_MS = MINUTE;
/** Token use is audited at most once per token in this interval. */
const TOKEN_USE_AUDIT_INTERVAL_MS = 10 * MINUTE;

export interface SignInResult {
  userId: string;
  sessionToken: string;
  secondFactor: SecondFactorState;
}

/** Whether the user must give a second factor: every organization member, and finders who enabled it. */
function secondFactorOwed(user: UserWithMembership): SecondFactorState {
  if (user.totp_enabled_at) return "required";
  return user.organization_id ? "enrolment_required" : "done";
}

export function toUserActor(
  user: UserWithMembership,
  via: UserActor["via"],
  secondFactorDone: boolean,
  origin: Origin,
): UserActor {
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    language: user.language,
    emailVerified: user.email_verified_at !== null,
    organization:
      user.organization_id && user.organization_type && user.organization_name
        ? {
            id: user.organization_id,
            type: user.organization_type as OrganizationType,
            name: user.organization_name,
          }
        : null,
    role: (user.role as MemberRole | null) ?? null,
    secondFactorDone,
    via,
    origin,
  };
}

const invalidCredentials = () =>
  new ProblemError(401, "invalid_credentials", "The e-mail address or password is wrong.");

/** Who a request is (session or API token), signing in and out. */
export function createSignInService(ctx: AccountsContext) {
  const { db, audit } = ctx;

  async function createSession(
    tx: Executor,
    userId: string,
    secondFactorDone: boolean,
    origin: Origin,
  ): Promise<string> {
    const token = newSecret("kks");
    await insertSession(tx, {
      id: newId(),
      tokenHash: hashSecret(token),
      userId,
      secondFactorDone,
      at: ctx.iso(),
      expiresAt: ctx.iso(SESSION_ABSOLUTE_MS),
      ip: origin.ip,
      userAgent: origin.userAgent,
    });
    return token;
  }

  async function actorOfToken(bearer: string, origin: Origin, at: Date): Promise<Actor> {
    const token = await findApiToken(db, hashSecret(bearer));
    if (!token || token.revoked_at) return { kind: "anonymous", origin };
    const user = await findUserById(db, token.user_id);
    if (!user) return { kind: "anonymous", origin };
    const actor = toUserActor(user, { kind: "token", tokenId: token.id }, true, origin);
    const lastUsed = token.last_used_at ? new Date(token.last_used_at).getTime() : 0;
    if (at.getTime() - lastUsed >= TOUCH_INTERVAL_MS) {
      await db.transaction().execute(async (tx) => {
        await touchApiToken(tx, token.id, at.toISOString());
        if (at.getTime() - lastUsed >= TOKEN_USE_AUDIT_INTERVAL_MS) {
          await audit.record(tx, actor, {
            type: "token.used",
            subjectType: "api_token",
            subjectId: token.id,
          });
        }
      });
    }
    return actor;
  }

  async function actorOfSession(sessionToken: string, origin: Origin, at: Date): Promise<Actor> {
    const session = await findSessionUser(db, hashSecret(sessionToken));
    if (!session || session.revoked_at) return { kind: "anonymous", origin };
    const idleUntil = new Date(session.last_seen_at).getTime() + SESSION_IDLE_MS;
    if (at.toISOString() >= session.expires_at || at.getTime() >= idleUntil)
      return { kind: "anonymous", origin };
    const user = await findUserById(db, session.session_user_id);
    if (!user) return { kind: "anonymous", origin };
    if (at.getTime() - new Date(session.last_seen_at).getTime() >= TOUCH_INTERVAL_MS)
      await touchSession(db, session.session_id, at.toISOString());
    return toUserActor(
      user,
      { kind: "session", sessionId: session.session_id },
      session.second_factor_done === 1,
      origin,
    );
  }

  return {
    /** Resolves the credentials a request carries to an Actor; unknown or expired ones are anonymous. */
    async authenticate(
      credentials: { bearer?: string; sessionToken?: string },
      origin: Origin,
    ): Promise<Actor> {
      const at = ctx.now();
      if (credentials.bearer) return actorOfToken(credentials.bearer, origin, at);
      if (credentials.sessionToken) return actorOfSession(credentials.sessionToken, origin, at);
      return { kind: "anonymous", origin };
    },

    async signIn(
      origin: Origin,
      input: { email: string; password: string; totp?: string | undefined },
      previousSessionToken?: string,
    ): Promise<SignInResult> {
      const email = input.email.trim().toLowerCase();
      const user = await findUserByEmail(db, email);
      if (!user) {
        await verifyPassword(await decoyPasswordHash(), input.password);
        await recordDenied(ctx, { kind: "anonymous", origin }, "signin.failed", {
          reason: "unknown_account",
        });
        throw invalidCredentials();
      }
      const actorFor = (secondFactorDone: boolean) =>
        toUserActor(user, { kind: "session", sessionId: "" }, secondFactorDone, origin);
      if (isLocked(user, ctx.iso())) {
        await recordDenied(ctx, actorFor(false), "signin.locked", {});
        throw accountLocked();
      }
      const passwordOk = await verifyPassword(user.password_hash, input.password);
      let owed = secondFactorOwed(user);
      let totpStep: number | null = null;
      let totpOk = true;
      if (passwordOk && owed === "required" && input.totp !== undefined) {
        totpStep = await checkUserTotp(ctx, user, input.totp, user.totp_last_step);
        totpOk = totpStep !== null;
        if (totpOk) owed = "done";
      }
      if (!passwordOk || !totpOk) {
        const locks = await db
          .transaction()
          .execute((tx) =>
            countFailedSignIn(
              ctx,
              tx,
              actorFor(false),
              user,
              passwordOk ? "wrong_totp" : "wrong_password",
            ),
          );
        if (locks) throw accountLocked();
        throw passwordOk ? wrongCode() : invalidCredentials();
      }
      return db.transaction().execute(async (tx) => {
        // A new session at every sign-in: a session id planted before sign-in is worthless.
        if (previousSessionToken)
          await revokeSessionByTokenHash(tx, hashSecret(previousSessionToken), ctx.iso());
        // Only a complete sign-in clears the failure count: a password alone must not reset
        // the lockout that guards the second factor.
        if (owed === "done") {
          // Two requests racing with one code: only the first takes the step.
          if (!(await clearFailedSignIns(tx, user.id, { totpStep, unlock: true })))
            throw wrongCode();
        }
        const sessionToken = await createSession(tx, user.id, owed === "done", origin);
        await auditUser(
          ctx,
          tx,
          actorFor(owed === "done"),
          owed === "done" ? "signin.succeeded" : "signin.password_accepted",
          user.id,
          { secondFactor: owed },
        );
        return { userId: user.id, sessionToken, secondFactor: owed };
      });
    },

    async signOut(actor: Actor): Promise<void> {
      if (actor.kind !== "user" || actor.via.kind !== "session") return;
      const sessionId = actor.via.sessionId;
      await db.transaction().execute(async (tx) => {
        await revokeSession(tx, sessionId, ctx.iso());
        await auditUser(ctx, tx, actor, "signout", actor.userId);
      });
    },
  };
}
