import type { Executor } from "../../platform/db/database.ts";
import type { MemberRole } from "../../platform/db/schema.ts";
import { notFound, ProblemError, unauthenticated } from "../../platform/http/problem.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { Actor } from "../access/actor.ts";
import { rolesOf } from "../access/capabilities.ts";
import { addMembership, findOrganization } from "../organizations/organizations.repository.ts";
import {
  type AccountsContext,
  auditUser,
  checkPasswordStrength,
  fieldProblem,
  requireUser,
} from "./accounts.context.ts";
import {
  createUser,
  findUserByEmail,
  findUserById,
  setPasswordHash,
  updateProfile,
} from "./accounts.repository.ts";
import type { MeView } from "./accounts.schemas.ts";
import { revokeSessionsOf } from "./credentials.repository.ts";
import { sendPasswordChanged, sendVerificationLink } from "./email-links.ts";
import { hashPassword, verifyPassword } from "./secrets.ts";

/** Users: registration, the operator's accounts, the profile and the password. */
export function createUsersService(ctx: AccountsContext) {
  const { db } = ctx;

  return {
    async registerFinder(
      actor: Actor,
      input: { email: string; password: string; name: string; language: Language },
    ): Promise<{ id: string }> {
      const email = input.email.trim().toLowerCase();
      checkPasswordStrength(input.password, email);
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (tx) => {
        if (await findUserByEmail(tx, email)) {
          throw new ProblemError(
            409,
            "email_taken",
            "An account with this e-mail address exists; sign in or reset the password.",
          );
        }
        const user = { id: newId(), email, name: input.name.trim(), language: input.language };
        await createUser(tx, { ...user, passwordHash, emailVerifiedAt: null, at: ctx.iso() });
        await sendVerificationLink(ctx, tx, user);
        await auditUser(ctx, tx, actor, "user.registered", user.id);
        return { id: user.id };
      });
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
      checkPasswordStrength(input.password, email);
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (tx) => {
        if (await findUserByEmail(tx, email))
          throw new ProblemError(409, "email_taken", `A user with ${email} exists.`);
        if (input.organizationId) {
          const organization = await findOrganization(tx, input.organizationId);
          if (!organization) throw notFound(`No organization ${input.organizationId}.`);
          if (!input.role || !rolesOf(organization.type).includes(input.role)) {
            const message = `A ${organization.type} organization has no role ${input.role ?? "(none)"}.`;
            throw fieldProblem("role", message);
          }
        }
        const userId = newId();
        await createUser(tx, {
          id: userId,
          email,
          name: input.name.trim(),
          language: input.language ?? "ja",
          passwordHash,
          emailVerifiedAt: ctx.iso(),
          at: ctx.iso(),
        });
        if (input.organizationId && input.role) {
          await addMembership(tx, {
            userId,
            organizationId: input.organizationId,
            role: input.role,
            at: ctx.iso(),
          });
        }
        await auditUser(ctx, tx, actor, "user.created", userId, {
          organizationId: input.organizationId ?? null,
          role: input.role ?? null,
        });
        return { userId };
      });
    },

    /**
     * For the organizations module's invitation: the invited person's account, without a
     * password until they accept. The caller checks that the address is free.
     */
    async createInvitedUser(
      tx: Executor,
      invitee: { email: string; name: string; language: Language },
    ): Promise<string> {
      const userId = newId();
      await createUser(tx, {
        id: userId,
        ...invitee,
        passwordHash: null,
        emailVerifiedAt: null,
        at: ctx.iso(),
      });
      return userId;
    },

    /** For the organizations module: a member who leaves loses the rights their sessions carried. */
    async endSessionsOf(tx: Executor, userId: string): Promise<void> {
      await revokeSessionsOf(tx, userId, ctx.iso());
    },

    async me(actor: Actor): Promise<MeView> {
      const user = requireUser(actor, true);
      const row = await findUserById(db, user.userId);
      if (!row) throw unauthenticated();
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
        await updateProfile(
          tx,
          user.userId,
          { name: input.name?.trim(), language: input.language },
          ctx.iso(),
        );
        await auditUser(ctx, tx, user, "user.profile_updated", user.userId, {
          fields: Object.keys(input).filter(
            (key) => input[key as keyof typeof input] !== undefined,
          ),
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
        throw fieldProblem(
          "currentPassword",
          "The current password is wrong.",
          "invalid_credentials",
        );
      }
      checkPasswordStrength(input.newPassword, row.email);
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (tx) => {
        await setPasswordHash(tx, row.id, passwordHash, ctx.iso());
        const thisSession = user.via.kind === "session" ? user.via.sessionId : undefined;
        await revokeSessionsOf(tx, row.id, ctx.iso(), thisSession);
        await sendPasswordChanged(ctx, tx, row);
        await auditUser(ctx, tx, user, "user.password_changed", row.id);
      });
    },
  };
}
