import type { Executor } from "../../platform/db/database.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import type { Actor } from "../access/actor.ts";
import { type AccountsContext, MINUTE } from "./accounts.context.ts";
import { setFailedSignIns, type UserRow } from "./accounts.repository.ts";

/** Ten wrong passwords or codes in a row lock the account for a quarter of an hour. */
export const MAX_FAILED_SIGNINS = 10;
export const LOCKOUT_MS = 15 * MINUTE;

const LOCKED_DETAIL =
  "Too many failed sign-ins; the account is locked for a while. Try again later or reset the password.";

export const accountLocked = (detail = LOCKED_DETAIL) =>
  new ProblemError(429, "account_locked", detail);

export const wrongCode = () =>
  new ProblemError(401, "invalid_totp", "The authentication code is wrong.");

export function isLocked(user: Pick<UserRow, "locked_until">, nowIso: string): boolean {
  return user.locked_until !== null && user.locked_until > nowIso;
}

/**
 * Counts one more failed password or code and audits it; the tenth in a row locks the account
 * (and starts the count again). Returns whether this attempt locked it.
 */
export async function countFailedSignIn(
  ctx: AccountsContext,
  tx: Executor,
  actor: Actor,
  user: Pick<UserRow, "id" | "failed_signins" | "locked_until">,
  reason: string,
): Promise<boolean> {
  const failures = user.failed_signins + 1;
  const locks = failures >= MAX_FAILED_SIGNINS;
  await setFailedSignIns(
    tx,
    user.id,
    locks ? 0 : failures,
    locks ? ctx.iso(LOCKOUT_MS) : user.locked_until,
  );
  await ctx.audit.record(tx, actor, {
    type: locks ? "signin.locked" : "signin.failed",
    outcome: "denied",
    subjectType: "user",
    subjectId: user.id,
    details: { reason, consecutiveFailures: failures },
  });
  return locks;
}
