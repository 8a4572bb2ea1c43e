import { sealedText } from "../../platform/crypto/sealed.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import type { Actor } from "../access/actor.ts";
import { type AccountsContext, auditUser, fieldProblem, requireUser } from "./accounts.context.ts";
import {
  clearFailedSignIns,
  enableTotp,
  findUserById,
  replaceRecoveryCodes,
  setTotpSecret,
  type UserRow,
  useRecoveryCode,
} from "./accounts.repository.ts";
import { markSecondFactorDone, revokeSessionsOf } from "./credentials.repository.ts";
import { accountLocked, countFailedSignIn, isLocked, wrongCode } from "./lockout.ts";
import {
  checkTotp,
  hashSecret,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  totpUri,
} from "./secrets.ts";

/** The user's TOTP secret, sealed to its row. */
const totpSecret = sealedText("users.totp_secret_sealed");

/** The TOTP step this code gives for the user, or null (a wrong code, or a step already taken). */
export function checkUserTotp(
  ctx: AccountsContext,
  user: Pick<UserRow, "id" | "totp_secret_sealed">,
  code: string,
  lastStep: number | null,
): Promise<number | null> {
  const secret = totpSecret.open(ctx.cipher, user.id, user.totp_secret_sealed ?? "");
  return checkTotp(secret, code, ctx.now(), lastStep);
}

/** The second factor: TOTP enrolment with its recovery codes, and the code a session owes. */
export function createTwoFactorService(ctx: AccountsContext) {
  const { db } = ctx;

  return {
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
      if (isLocked(row, ctx.iso()))
        throw accountLocked("Too many failed sign-ins; the account is locked for a while.");
      const code = input.code.trim();
      let step: number | null = null;
      let accepted: boolean;
      if (/^\d{6}$/.test(code)) {
        step = await checkUserTotp(ctx, row, code, row.totp_last_step);
        accepted = step !== null;
      } else {
        const codeHash = hashSecret(normalizeRecoveryCode(code));
        accepted = await useRecoveryCode(db, row.id, codeHash, ctx.iso());
      }
      await db.transaction().execute(async (tx) => {
        if (!accepted) {
          const locks = await countFailedSignIn(ctx, tx, user, row, "wrong_second_factor");
          if (locks) await revokeSessionsOf(tx, row.id, ctx.iso());
          return;
        }
        await markSecondFactorDone(tx, sessionId);
        // Two requests racing with one code: only the first takes the step.
        if (!(await clearFailedSignIns(tx, row.id, { totpStep: step, unlock: false })))
          throw wrongCode();
        await auditUser(ctx, tx, user, "signin.succeeded", row.id, {
          secondFactor: step !== null ? "totp" : "recovery_code",
        });
      });
      if (!accepted) throw wrongCode();
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
      const sealed = totpSecret.seal(ctx.cipher, user.userId, secret);
      await setTotpSecret(db, user.userId, sealed, ctx.iso());
      return { secret, uri: totpUri(secret, user.email) };
    },

    /** Confirms enrolment with a first code; returns the recovery codes, shown this once. */
    async confirmTotpEnrolment(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
      const user = requireUser(actor, true);
      const row = await findUserById(db, user.userId);
      if (!row?.totp_secret_sealed || row.totp_enabled_at) {
        throw new ProblemError(409, "transition_not_allowed", "Start the set-up first.");
      }
      const step = await checkUserTotp(ctx, row, code.trim(), null);
      if (step === null)
        throw fieldProblem("code", "The authentication code is wrong.", "invalid_totp");
      const recoveryCodes = newRecoveryCodes();
      await db.transaction().execute(async (tx) => {
        await enableTotp(tx, row.id, step, ctx.iso());
        const codeHashes = recoveryCodes.map((recovery) =>
          hashSecret(normalizeRecoveryCode(recovery)),
        );
        await replaceRecoveryCodes(tx, row.id, codeHashes, ctx.iso());
        if (user.via.kind === "session") await markSecondFactorDone(tx, user.via.sessionId);
        await auditUser(ctx, tx, user, "user.totp_enrolled", row.id);
      });
      return { recoveryCodes };
    },
  };
}
