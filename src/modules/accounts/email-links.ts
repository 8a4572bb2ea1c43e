import type { Executor } from "../../platform/db/database.ts";
import type { EmailTokensTable } from "../../platform/db/schema.ts";
import { formatInstant, type Language } from "../../platform/i18n/i18n.ts";
import type { Actor } from "../access/actor.ts";
import {
  type AccountsContext,
  auditUser,
  checkPasswordStrength,
  HOUR,
  invalidLink,
  requireUser,
} from "./accounts.context.ts";
import {
  findEmailTokenOwner,
  findUserByEmail,
  findUserById,
  insertEmailToken,
  markEmailVerified,
  setPasswordFromLink,
  takeEmailToken,
} from "./accounts.repository.ts";
import { revokeApiTokensOf, revokeSessionsOf } from "./credentials.repository.ts";
import { hashPassword, hashSecret, newSecret } from "./secrets.ts";

const VERIFY_EMAIL_MS = 24 * HOUR;
const INVITATION_MS = 7 * 24 * HOUR;
const PASSWORD_RESET_MS = HOUR;

interface Recipient {
  id: string;
  email: string;
  name: string;
  language: Language;
}

/** A single-use link token for the user; only its hash is stored. */
async function issueEmailToken(
  ctx: AccountsContext,
  tx: Executor,
  userId: string,
  purpose: EmailTokensTable["purpose"],
  lifetimeMs: number,
): Promise<string> {
  const token = newSecret("kkm");
  await insertEmailToken(tx, {
    tokenHash: hashSecret(token),
    userId,
    purpose,
    expiresAt: ctx.iso(lifetimeMs),
    at: ctx.iso(),
  });
  return token;
}

/** Mails the link that confirms the user's address. */
export async function sendVerificationLink(
  ctx: AccountsContext,
  tx: Executor,
  user: Recipient,
): Promise<void> {
  const token = await issueEmailToken(ctx, tx, user.id, "verify_email", VERIFY_EMAIL_MS);
  await ctx.mail.enqueue(tx, {
    to: user.email,
    language: user.language,
    template: "verifyEmail",
    params: {
      name: user.name,
      link: `${ctx.publicUrl}/verify-email?token=${token}`,
      hours: 24,
    },
  });
}

/** Tells the user their password changed, with the way back if it was not them. */
export async function sendPasswordChanged(
  ctx: AccountsContext,
  tx: Executor,
  user: Recipient,
): Promise<void> {
  await ctx.mail.enqueue(tx, {
    to: user.email,
    language: user.language,
    template: "passwordChanged",
    params: {
      name: user.name,
      at: formatInstant(ctx.now(), user.language),
      link: `${ctx.publicUrl}/password-reset`,
    },
  });
}

/** What is done with a mailed link: confirm an address, reset a password, accept an invitation. */
export function createEmailLinksService(ctx: AccountsContext) {
  const { db, mail, publicUrl } = ctx;

  /** The reset link and the invitation link: a new password for the link's user. */
  async function setPasswordWithToken(
    actor: Actor,
    input: { token: string; password: string },
    purpose: "password_reset" | "invitation",
  ): Promise<void> {
    const tokenHash = hashSecret(input.token);
    const pending = await findEmailTokenOwner(db, tokenHash);
    if (pending) checkPasswordStrength(input.password, pending.email);
    const passwordHash = await hashPassword(input.password);
    await db.transaction().execute(async (tx) => {
      const taken = await takeEmailToken(tx, tokenHash, purpose, ctx.iso());
      if (!taken) throw invalidLink();
      const user = await findUserById(tx, taken.user_id);
      if (!user) throw invalidLink();
      await setPasswordFromLink(tx, user, passwordHash, ctx.iso());
      await revokeSessionsOf(tx, user.id, ctx.iso());
      if (purpose === "password_reset") {
        // A reset is how an account is taken back: tokens made meanwhile end with it.
        await revokeApiTokensOf(tx, user.id, ctx.iso());
        await sendPasswordChanged(ctx, tx, user);
      }
      await auditUser(
        ctx,
        tx,
        actor,
        purpose === "password_reset" ? "user.password_reset" : "user.invitation_accepted",
        user.id,
      );
    });
  }

  return {
    async verifyEmail(actor: Actor, token: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const taken = await takeEmailToken(tx, hashSecret(token), "verify_email", ctx.iso());
        if (!taken) throw invalidLink();
        await markEmailVerified(tx, taken.user_id, ctx.iso());
        await auditUser(ctx, tx, actor, "user.email_verified", taken.user_id);
      });
    },

    /** Sends a new confirmation link to a signed-in user whose address is not yet confirmed. */
    async resendVerification(actor: Actor): Promise<void> {
      const user = requireUser(actor, true);
      if (user.emailVerified) return;
      await db
        .transaction()
        .execute((tx) => sendVerificationLink(ctx, tx, { ...user, id: user.userId }));
    },

    /** Always answers the same way, whether or not the address has an account. */
    async requestPasswordReset(actor: Actor, emailInput: string): Promise<void> {
      const email = emailInput.trim().toLowerCase();
      await db.transaction().execute(async (tx) => {
        const user = await findUserByEmail(tx, email);
        if (!user) {
          await ctx.audit.record(tx, actor, {
            type: "user.password_reset_requested",
            outcome: "denied",
            details: { reason: "unknown_account" },
          });
          return;
        }
        const token = await issueEmailToken(ctx, tx, user.id, "password_reset", PASSWORD_RESET_MS);
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
        await auditUser(ctx, tx, actor, "user.password_reset_requested", user.id);
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

    /** For the invitation flow of the organizations module: issue and mail the invitation link. */
    async sendInvitation(
      tx: Executor,
      invitee: Recipient,
      organizationName: string,
    ): Promise<void> {
      const token = await issueEmailToken(ctx, tx, invitee.id, "invitation", INVITATION_MS);
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
}
