import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor } from "../../platform/db/database.ts";
import type { MemberRole, OrganizationType } from "../../platform/db/schema.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import { formatInstant } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { type Actor, isSignedIn, type Origin, type UserActor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import type { AuditType } from "../audit/audit-types.ts";
import {
  findApiToken,
  findSessionUser,
  findUserByEmail,
  findUserById,
  revokeSessions,
  takeEmailToken,
  type UserWithMembership,
} from "./accounts.repository.ts";
import {
  checkTotp,
  decoyPasswordHash,
  hashPassword,
  hashSecret,
  newRecoveryCodes,
  newSecret,
  newTotpSecret,
  normalizeRecoveryCode,
  passwordProblem,
  totpUri,
  verifyPassword,
} from "./secrets.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const SESSION_IDLE_MS = 60 * MINUTE;
export const SESSION_ABSOLUTE_MS = 12 * HOUR;
export const MAX_FAILED_SIGNINS = 10;
export const LOCKOUT_MS = 15 * MINUTE;
const VERIFY_EMAIL_MS = 24 * HOUR;
const INVITATION_MS = 7 * 24 * HOUR;
const PASSWORD_RESET_MS = 60 * MINUTE;
/** Writes to last_seen_at / last_used_at at most this often. */
const TOUCH_INTERVAL_MS = MINUTE;
/** Token use is audited at most once per token in this interval. */
const TOKEN_USE_AUDIT_INTERVAL_MS = 10 * MINUTE;

export type SecondFactorState = "done" | "required" | "enrolment_required";

export interface SignInResult {
  userId: string;
  sessionToken: string;
  secondFactor: SecondFactorState;
}

export interface MeView {
  id: string;
  email: string;
  name: string;
  language: Language;
  emailVerified: boolean;
  organization: { id: string; type: OrganizationType; name: string } | null;
  role: MemberRole | null;
  twoFactorEnabled: boolean;
}

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AccountsDeps {
  db: Db;
  audit: Audit;
  mail: MailOutbox;
  cipher: FieldCipher;
  clock: Clock;
  publicUrl: string;
}

const totpContext = (userId: string) => `users.totp_secret_sealed:${userId}`;

function invalidInput(path: string, message: string, code = "invalid_input"): ProblemError {
  return new ProblemError(422, code, message, [{ path, message }]);
}

function passwordError(password: string, email: string): ProblemError | null {
  const problem = passwordProblem(password, email);
  if (!problem) return null;
  const messages = {
    too_short: "The password must have at least 12 characters.",
    too_long: "The password is too long.",
    too_common: "This password is too common; choose another.",
    contains_email: "The password must not contain the e-mail address.",
  } as const;
  return invalidInput("password", messages[problem], "weak_password");
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

export function createAccountsService(deps: AccountsDeps) {
  const { db, audit, mail, cipher, clock, publicUrl } = deps;
  const now = () => clock.now();
  const iso = (offsetMs = 0) => new Date(now().getTime() + offsetMs).toISOString();

  async function issueEmailToken(
    tx: Executor,
    userId: string,
    purpose: "verify_email" | "invitation" | "password_reset",
    lifetimeMs: number,
  ): Promise<string> {
    const token = newSecret("kkm");
    await tx
      .insertInto("email_tokens")
      .values({
        token_hash: hashSecret(token),
        user_id: userId,
        purpose,
        expires_at: iso(lifetimeMs),
        used_at: null,
        created_at: iso(),
      })
      .execute();
    return token;
  }

  async function createSession(
    tx: Executor,
    userId: string,
    secondFactorDone: boolean,
    origin: Origin,
  ): Promise<string> {
    const token = newSecret("kks");
    await tx
      .insertInto("sessions")
      .values({
        id: newId(),
        token_hash: hashSecret(token),
        user_id: userId,
        second_factor_done: secondFactorDone ? 1 : 0,
        created_at: iso(),
        last_seen_at: iso(),
        expires_at: iso(SESSION_ABSOLUTE_MS),
        revoked_at: null,
        ip: origin.ip,
        user_agent: origin.userAgent,
      })
      .execute();
    return token;
  }

  async function recordDenied(actor: Actor, type: AuditType, details: Record<string, unknown>) {
    await db
      .transaction()
      .execute((tx) => audit.record(tx, actor, { type, outcome: "denied", details }));
  }

  function requireUser(actor: Actor, allowPendingSecondFactor = false): UserActor {
    if (actor.kind !== "user") throw new ProblemError(401, "unauthenticated", "Sign in first.");
    if (!allowPendingSecondFactor && !actor.secondFactorDone) {
      throw new ProblemError(
        401,
        "second_factor_required",
        "Complete two-factor authentication first.",
      );
    }
    return actor;
  }

  const service = {
    /** Resolves the credentials a request carries to an Actor; unknown or expired ones are anonymous. */
    async authenticate(
      credentials: { bearer?: string; sessionToken?: string },
      origin: Origin,
    ): Promise<Actor> {
      const at = now();
      if (credentials.bearer) {
        const token = await findApiToken(db, hashSecret(credentials.bearer));
        if (!token || token.revoked_at) return { kind: "anonymous", origin };
        const user = await findUserById(db, token.user_id);
        if (!user) return { kind: "anonymous", origin };
        const actor = toUserActor(user, { kind: "token", tokenId: token.id }, true, origin);
        const lastUsed = token.last_used_at ? new Date(token.last_used_at).getTime() : 0;
        if (at.getTime() - lastUsed >= TOUCH_INTERVAL_MS) {
          await db.transaction().execute(async (tx) => {
            await tx
              .updateTable("api_tokens")
              .set({ last_used_at: at.toISOString() })
              .where("id", "=", token.id)
              .execute();
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
      if (credentials.sessionToken) {
        const session = await findSessionUser(db, hashSecret(credentials.sessionToken));
        if (!session || session.revoked_at) return { kind: "anonymous", origin };
        const idleUntil = new Date(session.last_seen_at).getTime() + SESSION_IDLE_MS;
        if (at.toISOString() >= session.expires_at || at.getTime() >= idleUntil)
          return { kind: "anonymous", origin };
        const user = await findUserById(db, session.session_user_id);
        if (!user) return { kind: "anonymous", origin };
        if (at.getTime() - new Date(session.last_seen_at).getTime() >= TOUCH_INTERVAL_MS) {
          await db
            .updateTable("sessions")
            .set({ last_seen_at: at.toISOString() })
            .where("id", "=", session.session_id)
            .execute();
        }
        return toUserActor(
          user,
          { kind: "session", sessionId: session.session_id },
          session.second_factor_done === 1,
          origin,
        );
      }
      return { kind: "anonymous", origin };
    },

    async registerFinder(
      actor: Actor,
      input: { email: string; password: string; name: string; language: Language },
    ): Promise<{ id: string }> {
      const email = input.email.trim().toLowerCase();
      const weak = passwordError(input.password, email);
      if (weak) throw weak;
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (tx) => {
        if (await findUserByEmail(tx, email)) {
          throw new ProblemError(
            409,
            "email_taken",
            "An account with this e-mail address exists; sign in or reset the password.",
          );
        }
        const id = newId();
        await tx
          .insertInto("users")
          .values({
            id,
            email,
            name: input.name.trim(),
            language: input.language,
            password_hash: passwordHash,
            email_verified_at: null,
            totp_secret_sealed: null,
            totp_enabled_at: null,
            totp_last_step: null,
            locked_until: null,
            created_at: iso(),
            updated_at: iso(),
          })
          .execute();
        const token = await issueEmailToken(tx, id, "verify_email", VERIFY_EMAIL_MS);
        await mail.enqueue(tx, {
          to: email,
          language: input.language,
          template: "verifyEmail",
          params: {
            name: input.name.trim(),
            link: `${publicUrl}/verify-email?token=${token}`,
            hours: 24,
          },
        });
        await audit.record(tx, actor, {
          type: "user.registered",
          subjectType: "user",
          subjectId: id,
        });
        return { id };
      });
    },

    async verifyEmail(actor: Actor, token: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const taken = await takeEmailToken(tx, hashSecret(token), "verify_email", iso());
        if (!taken)
          throw invalidInput("token", "This link is not valid or has expired.", "invalid_token");
        await tx
          .updateTable("users")
          .set({ email_verified_at: iso(), updated_at: iso() })
          .where("id", "=", taken.user_id)
          .where("email_verified_at", "is", null)
          .execute();
        await audit.record(tx, actor, {
          type: "user.email_verified",
          subjectType: "user",
          subjectId: taken.user_id,
        });
      });
    },

    /** Sends a new confirmation link to a signed-in user whose address is not yet confirmed. */
    async resendVerification(actor: Actor): Promise<void> {
      const user = requireUser(actor, true);
      if (user.emailVerified) return;
      await db.transaction().execute(async (tx) => {
        const token = await issueEmailToken(tx, user.userId, "verify_email", VERIFY_EMAIL_MS);
        await mail.enqueue(tx, {
          to: user.email,
          language: user.language,
          template: "verifyEmail",
          params: { name: user.name, link: `${publicUrl}/verify-email?token=${token}`, hours: 24 },
        });
      });
    },

    async signIn(
      origin: Origin,
      input: { email: string; password: string; totp?: string | undefined },
      previousSessionToken?: string,
    ): Promise<SignInResult> {
      const email = input.email.trim().toLowerCase();
      const user = await findUserByEmail(db, email);
      const anonymousActor: Actor = { kind: "anonymous", origin };
      if (!user) {
        await verifyPassword(await decoyPasswordHash(), input.password);
        await recordDenied(anonymousActor, "signin.failed", { reason: "unknown_account" });
        throw new ProblemError(
          401,
          "invalid_credentials",
          "The e-mail address or password is wrong.",
        );
      }
      const actorFor = (secondFactorDone: boolean) =>
        toUserActor(user, { kind: "session", sessionId: "" }, secondFactorDone, origin);
      if (user.locked_until && user.locked_until > iso()) {
        await recordDenied(actorFor(false), "signin.locked", {});
        throw new ProblemError(
          429,
          "account_locked",
          "Too many failed sign-ins; the account is locked for a while. Try again later or reset the password.",
        );
      }
      const passwordOk = await verifyPassword(user.password_hash, input.password);
      let owed = secondFactorOwed(user);
      let totpStep: number | null = null;
      let totpOk = true;
      if (passwordOk && owed === "required" && input.totp !== undefined) {
        const secret = cipher.decrypt(user.totp_secret_sealed ?? "", totpContext(user.id));
        totpStep = await checkTotp(secret, input.totp, now(), user.totp_last_step);
        totpOk = totpStep !== null;
        if (totpOk) owed = "done";
      }
      if (!passwordOk || !totpOk) {
        const failures = user.failed_signins + 1;
        const locks = failures >= MAX_FAILED_SIGNINS;
        await db.transaction().execute(async (tx) => {
          await tx
            .updateTable("users")
            .set({
              failed_signins: locks ? 0 : failures,
              locked_until: locks ? iso(LOCKOUT_MS) : user.locked_until,
            })
            .where("id", "=", user.id)
            .execute();
          await audit.record(tx, actorFor(false), {
            type: locks ? "signin.locked" : "signin.failed",
            outcome: "denied",
            subjectType: "user",
            subjectId: user.id,
            details: {
              reason: passwordOk ? "wrong_totp" : "wrong_password",
              consecutiveFailures: failures,
            },
          });
        });
        if (locks)
          throw new ProblemError(
            429,
            "account_locked",
            "Too many failed sign-ins; the account is locked for a while. Try again later or reset the password.",
          );
        throw new ProblemError(
          401,
          passwordOk ? "invalid_totp" : "invalid_credentials",
          passwordOk
            ? "The authentication code is wrong."
            : "The e-mail address or password is wrong.",
        );
      }
      return db.transaction().execute(async (tx) => {
        // A new session at every sign-in: a session id planted before sign-in is worthless.
        if (previousSessionToken) {
          await tx
            .updateTable("sessions")
            .set({ revoked_at: iso() })
            .where("token_hash", "=", hashSecret(previousSessionToken))
            .execute();
        }
        // Only a complete sign-in clears the failure count: a password alone must not reset
        // the lockout that guards the second factor.
        if (owed === "done") {
          const cleared = await tx
            .updateTable("users")
            .set({
              failed_signins: 0,
              locked_until: null,
              ...(totpStep !== null ? { totp_last_step: totpStep } : {}),
            })
            .where("id", "=", user.id)
            .$if(totpStep !== null, (query) =>
              query.where((eb) =>
                eb.or([
                  eb("totp_last_step", "is", null),
                  eb("totp_last_step", "<", totpStep as number),
                ]),
              ),
            )
            .executeTakeFirst();
          // Two requests racing with one code: only the first takes the step.
          if (Number(cleared.numUpdatedRows) === 0) {
            throw new ProblemError(401, "invalid_totp", "The authentication code is wrong.");
          }
        }
        const sessionToken = await createSession(tx, user.id, owed === "done", origin);
        await audit.record(tx, actorFor(owed === "done"), {
          type: owed === "done" ? "signin.succeeded" : "signin.password_accepted",
          subjectType: "user",
          subjectId: user.id,
          details: { secondFactor: owed },
        });
        return { userId: user.id, sessionToken, secondFactor: owed };
      });
    },

    /** Completes a session that owes its second factor, with a TOTP code or a recovery code. */
    async completeSecondFactor(actor: Actor, input: { code: string }): Promise<void> {
      const user = requireUser(actor, true);
      if (user.via.kind !== "session")
        throw new ProblemError(
          409,
          "transition_not_allowed",
          "Only a browser session owes a second factor.",
        );
      const sessionId = user.via.sessionId;
      if (user.secondFactorDone) return;
      const row = await findUserById(db, user.userId);
      if (!row?.totp_enabled_at || !row.totp_secret_sealed) {
        throw new ProblemError(
          409,
          "enrolment_required",
          "Set up two-factor authentication first.",
        );
      }
      if (row.locked_until && row.locked_until > iso()) {
        throw new ProblemError(
          429,
          "account_locked",
          "Too many failed sign-ins; the account is locked for a while.",
        );
      }
      const code = input.code.trim();
      let accepted = false;
      let step: number | null = null;
      if (/^\d{6}$/.test(code)) {
        step = await checkTotp(
          cipher.decrypt(row.totp_secret_sealed, totpContext(row.id)),
          code,
          now(),
          row.totp_last_step,
        );
        accepted = step !== null;
      } else {
        const used = await db
          .updateTable("recovery_codes")
          .set({ used_at: iso() })
          .where("code_hash", "=", hashSecret(normalizeRecoveryCode(code)))
          .where("user_id", "=", row.id)
          .where("used_at", "is", null)
          .returning("code_hash")
          .executeTakeFirst();
        accepted = used !== undefined;
      }
      await db.transaction().execute(async (tx) => {
        if (!accepted) {
          const failures = row.failed_signins + 1;
          const locks = failures >= MAX_FAILED_SIGNINS;
          await tx
            .updateTable("users")
            .set({
              failed_signins: locks ? 0 : failures,
              locked_until: locks ? iso(LOCKOUT_MS) : row.locked_until,
            })
            .where("id", "=", row.id)
            .execute();
          if (locks) await revokeSessions(tx, row.id, iso());
          await audit.record(tx, user, {
            type: locks ? "signin.locked" : "signin.failed",
            outcome: "denied",
            subjectType: "user",
            subjectId: row.id,
            details: { reason: "wrong_second_factor", consecutiveFailures: failures },
          });
          return;
        }
        await tx
          .updateTable("sessions")
          .set({ second_factor_done: 1 })
          .where("id", "=", sessionId)
          .execute();
        const cleared = await tx
          .updateTable("users")
          .set({ failed_signins: 0, ...(step !== null ? { totp_last_step: step } : {}) })
          .where("id", "=", row.id)
          .$if(step !== null, (query) =>
            query.where((eb) =>
              eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step as number)]),
            ),
          )
          .executeTakeFirst();
        // Two requests racing with one code: only the first takes the step.
        if (Number(cleared.numUpdatedRows) === 0) {
          throw new ProblemError(401, "invalid_totp", "The authentication code is wrong.");
        }
        await audit.record(tx, user, {
          type: "signin.succeeded",
          subjectType: "user",
          subjectId: row.id,
          details: { secondFactor: step !== null ? "totp" : "recovery_code" },
        });
      });
      if (!accepted)
        throw new ProblemError(401, "invalid_totp", "The authentication code is wrong.");
    },

    /** Starts (or restarts) TOTP enrolment: a new secret, not yet in force. */
    async startTotpEnrolment(actor: Actor): Promise<{ secret: string; uri: string }> {
      const user = requireUser(actor, true);
      const row = await findUserById(db, user.userId);
      if (row?.totp_enabled_at)
        throw new ProblemError(
          409,
          "already_enrolled",
          "Two-factor authentication is already set up.",
        );
      const secret = newTotpSecret();
      await db
        .updateTable("users")
        .set({
          totp_secret_sealed: cipher.encrypt(secret, totpContext(user.userId)),
          updated_at: iso(),
        })
        .where("id", "=", user.userId)
        .execute();
      return { secret, uri: totpUri(secret, user.email) };
    },

    /** Confirms enrolment with a first code; returns the recovery codes, shown this once. */
    async confirmTotpEnrolment(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
      const user = requireUser(actor, true);
      const row = await findUserById(db, user.userId);
      if (!row?.totp_secret_sealed || row.totp_enabled_at) {
        throw new ProblemError(409, "transition_not_allowed", "Start the set-up first.");
      }
      const step = await checkTotp(
        cipher.decrypt(row.totp_secret_sealed, totpContext(row.id)),
        code.trim(),
        now(),
        null,
      );
      if (step === null)
        throw invalidInput("code", "The authentication code is wrong.", "invalid_totp");
      const recoveryCodes = newRecoveryCodes();
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable("users")
          .set({ totp_enabled_at: iso(), totp_last_step: step, updated_at: iso() })
          .where("id", "=", row.id)
          .execute();
        await tx.deleteFrom("recovery_codes").where("user_id", "=", row.id).execute();
        await tx
          .insertInto("recovery_codes")
          .values(
            recoveryCodes.map((recovery) => ({
              code_hash: hashSecret(normalizeRecoveryCode(recovery)),
              user_id: row.id,
              used_at: null,
              created_at: iso(),
            })),
          )
          .execute();
        if (user.via.kind === "session") {
          await tx
            .updateTable("sessions")
            .set({ second_factor_done: 1 })
            .where("id", "=", user.via.sessionId)
            .execute();
        }
        await audit.record(tx, user, {
          type: "user.totp_enrolled",
          subjectType: "user",
          subjectId: row.id,
        });
      });
      return { recoveryCodes };
    },

    async signOut(actor: Actor): Promise<void> {
      if (actor.kind !== "user" || actor.via.kind !== "session") return;
      const sessionId = actor.via.sessionId;
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable("sessions")
          .set({ revoked_at: iso() })
          .where("id", "=", sessionId)
          .execute();
        await audit.record(tx, actor, {
          type: "signout",
          subjectType: "user",
          subjectId: actor.userId,
        });
      });
    },

    async me(actor: Actor): Promise<MeView> {
      const user = requireUser(actor, true);
      const row = await findUserById(db, user.userId);
      if (!row) throw new ProblemError(401, "unauthenticated", "Sign in first.");
      return {
        id: row.id,
        email: row.email,
        name: row.name,
        language: row.language,
        emailVerified: row.email_verified_at !== null,
        organization: user.organization,
        role: user.role,
        twoFactorEnabled: row.totp_enabled_at !== null,
      };
    },

    async updateProfile(
      actor: Actor,
      input: { name?: string | undefined; language?: Language | undefined },
    ): Promise<void> {
      const user = requireUser(actor);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable("users")
          .set({
            ...(input.name !== undefined ? { name: input.name.trim() } : {}),
            ...(input.language !== undefined ? { language: input.language } : {}),
            updated_at: iso(),
          })
          .where("id", "=", user.userId)
          .execute();
        await audit.record(tx, user, {
          type: "user.profile_updated",
          subjectType: "user",
          subjectId: user.userId,
          details: {
            fields: Object.keys(input).filter(
              (key) => input[key as keyof typeof input] !== undefined,
            ),
          },
        });
      });
    },

    async changePassword(
      actor: Actor,
      input: { currentPassword: string; newPassword: string },
    ): Promise<void> {
      const user = requireUser(actor);
      const row = await findUserById(db, user.userId);
      if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
        throw invalidInput(
          "currentPassword",
          "The current password is wrong.",
          "invalid_credentials",
        );
      }
      const weak = passwordError(input.newPassword, row.email);
      if (weak) throw weak;
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable("users")
          .set({ password_hash: passwordHash, updated_at: iso() })
          .where("id", "=", row.id)
          .execute();
        await revokeSessions(
          tx,
          row.id,
          iso(),
          user.via.kind === "session" ? user.via.sessionId : undefined,
        );
        await mail.enqueue(tx, {
          to: row.email,
          language: row.language,
          template: "passwordChanged",
          params: {
            name: row.name,
            at: formatInstant(now(), row.language),
            link: `${publicUrl}/password-reset`,
          },
        });
        await audit.record(tx, user, {
          type: "user.password_changed",
          subjectType: "user",
          subjectId: row.id,
        });
      });
    },

    /** Always answers the same way, whether or not the address has an account. */
    async requestPasswordReset(actor: Actor, emailInput: string): Promise<void> {
      const email = emailInput.trim().toLowerCase();
      await db.transaction().execute(async (tx) => {
        const user = await findUserByEmail(tx, email);
        if (!user) {
          await audit.record(tx, actor, {
            type: "user.password_reset_requested",
            outcome: "denied",
            details: { reason: "unknown_account" },
          });
          return;
        }
        const token = await issueEmailToken(tx, user.id, "password_reset", PASSWORD_RESET_MS);
        await mail.enqueue(tx, {
          to: user.email,
          language: user.language,
          template: "passwordReset",
          params: {
            name: user.name,
            link: `${publicUrl}/password-reset/complete?token=${token}`,
            minutes: 60,
          },
        });
        await audit.record(tx, actor, {
          type: "user.password_reset_requested",
          subjectType: "user",
          subjectId: user.id,
        });
      });
    },

    async completePasswordReset(
      actor: Actor,
      input: { token: string; password: string },
    ): Promise<void> {
      await setPasswordWithToken(actor, input, "password_reset");
    },

    async acceptInvitation(
      actor: Actor,
      input: { token: string; password: string },
    ): Promise<void> {
      await setPasswordWithToken(actor, input, "invitation");
    },

    async createApiToken(actor: Actor, name: string): Promise<{ id: string; token: string }> {
      const user = requireUser(actor);
      return db.transaction().execute((tx) => issueApiToken(tx, user, user.userId, name));
    },

    async listApiTokens(actor: Actor): Promise<ApiTokenView[]> {
      const user = requireUser(actor);
      const rows = await db
        .selectFrom("api_tokens")
        .select(["id", "name", "created_at", "last_used_at", "revoked_at"])
        .where("user_id", "=", user.userId)
        .orderBy("created_at", "desc")
        .execute();
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
        const revoked = await tx
          .updateTable("api_tokens")
          .set({ revoked_at: iso() })
          .where("id", "=", tokenId)
          .where("user_id", "=", user.userId)
          .where("revoked_at", "is", null)
          .returning("id")
          .executeTakeFirst();
        if (!revoked) throw new ProblemError(404, "not_found", "Not found.");
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
      if (!user)
        throw new ProblemError(404, "not_found", `No user with the e-mail address ${email}.`);
      const issued = await db
        .transaction()
        .execute((tx) => issueApiToken(tx, actor, user.id, name));
      return issued.token;
    },

    /** Operator command: a user with a verified address, optionally in an organization. */
    async createUser(
      actor: Actor,
      input: {
        email: string;
        name: string;
        password: string;
        language?: Language;
        organizationId?: string;
        role?: MemberRole;
      },
    ): Promise<{ userId: string }> {
      const email = input.email.trim().toLowerCase();
      const weak = passwordError(input.password, email);
      if (weak) throw weak;
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (tx) => {
        if (await findUserByEmail(tx, email))
          throw new ProblemError(409, "email_taken", `A user with ${email} exists.`);
        if (input.organizationId) {
          const organization = await tx
            .selectFrom("organizations")
            .select(["id", "type"])
            .where("id", "=", input.organizationId)
            .executeTakeFirst();
          if (!organization)
            throw new ProblemError(404, "not_found", `No organization ${input.organizationId}.`);
          if (
            !input.role ||
            !(await import("../access/capabilities.ts"))
              .rolesOf(organization.type)
              .includes(input.role)
          ) {
            throw invalidInput(
              "role",
              `A ${organization.type} organization has no role ${input.role ?? "(none)"}.`,
            );
          }
        }
        const userId = newId();
        await tx
          .insertInto("users")
          .values({
            id: userId,
            email,
            name: input.name.trim(),
            language: input.language ?? "ja",
            password_hash: passwordHash,
            email_verified_at: iso(),
            totp_secret_sealed: null,
            totp_enabled_at: null,
            totp_last_step: null,
            locked_until: null,
            created_at: iso(),
            updated_at: iso(),
          })
          .execute();
        if (input.organizationId && input.role) {
          await tx
            .insertInto("memberships")
            .values({
              user_id: userId,
              organization_id: input.organizationId,
              role: input.role,
              created_at: iso(),
            })
            .execute();
        }
        await audit.record(tx, actor, {
          type: "user.created",
          subjectType: "user",
          subjectId: userId,
          details: { organizationId: input.organizationId ?? null, role: input.role ?? null },
        });
        return { userId };
      });
    },

    /** For the invitation flow of the organizations module: issue and mail the invitation link. */
    async sendInvitation(
      tx: Executor,
      invitee: { id: string; email: string; name: string; language: Language },
      organizationName: string,
    ): Promise<void> {
      const token = await issueEmailToken(tx, invitee.id, "invitation", INVITATION_MS);
      await mail.enqueue(tx, {
        to: invitee.email,
        language: invitee.language,
        template: "invitation",
        params: {
          name: invitee.name,
          organization: organizationName,
          link: `${publicUrl}/invitation?token=${token}`,
          days: 7,
        },
      });
    },
  };

  async function issueApiToken(tx: Executor, actor: Actor, userId: string, name: string) {
    const token = newSecret("kkt");
    const id = newId();
    await tx
      .insertInto("api_tokens")
      .values({
        id,
        token_hash: hashSecret(token),
        user_id: userId,
        name: name.trim(),
        created_at: iso(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await audit.record(tx, actor, {
      type: "token.created",
      subjectType: "api_token",
      subjectId: id,
      details: { userId },
    });
    return { id, token };
  }

  async function setPasswordWithToken(
    actor: Actor,
    input: { token: string; password: string },
    purpose: "password_reset" | "invitation",
  ): Promise<void> {
    const tokenHash = hashSecret(input.token);
    const pending = await db
      .selectFrom("email_tokens")
      .innerJoin("users", "users.id", "email_tokens.user_id")
      .select(["users.id", "users.email"])
      .where("email_tokens.token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (pending) {
      const weak = passwordError(input.password, pending.email);
      if (weak) throw weak;
    }
    const passwordHash = await hashPassword(input.password);
    await db.transaction().execute(async (tx) => {
      const taken = await takeEmailToken(tx, tokenHash, purpose, iso());
      if (!taken)
        throw invalidInput("token", "This link is not valid or has expired.", "invalid_token");
      const user = await findUserById(tx, taken.user_id);
      if (!user)
        throw invalidInput("token", "This link is not valid or has expired.", "invalid_token");
      await tx
        .updateTable("users")
        .set({
          password_hash: passwordHash,
          // The link arrived by e-mail, so the address is confirmed.
          email_verified_at: user.email_verified_at ?? iso(),
          failed_signins: 0,
          locked_until: null,
          updated_at: iso(),
        })
        .where("id", "=", user.id)
        .execute();
      await revokeSessions(tx, user.id, iso());
      if (purpose === "password_reset") {
        // A reset is how an account is taken back: tokens made meanwhile end with it.
        await tx
          .updateTable("api_tokens")
          .set({ revoked_at: iso() })
          .where("user_id", "=", user.id)
          .where("revoked_at", "is", null)
          .execute();
        await mail.enqueue(tx, {
          to: user.email,
          language: user.language,
          template: "passwordChanged",
          params: {
            name: user.name,
            at: formatInstant(now(), user.language),
            link: `${publicUrl}/password-reset`,
          },
        });
      }
      await audit.record(tx, actor, {
        type: purpose === "password_reset" ? "user.password_reset" : "user.invitation_accepted",
        subjectType: "user",
        subjectId: user.id,
      });
    });
  }

  return service;
}

export type AccountsService = ReturnType<typeof createAccountsService>;
export { isSignedIn };
