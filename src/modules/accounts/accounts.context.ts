import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor } from "../../platform/db/database.ts";
import { invalidInput, ProblemError, unauthenticated } from "../../platform/http/problem.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import type { Actor, UserActor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import type { AuditType } from "../audit/audit-types.ts";
import { passwordProblem } from "./secrets.ts";

export interface AccountsDeps {
  db: Db;
  audit: Audit;
  mail: MailOutbox;
  cipher: FieldCipher;
  clock: Clock;
  publicUrl: string;
}

/** What every part of the accounts service works with: its dependencies and the time. */
export interface AccountsContext extends AccountsDeps {
  now(): Date;
  /** The current instant, or one `offsetMs` from it, as an ISO string. */
  iso(offsetMs?: number): string;
}

export function accountsContext(deps: AccountsDeps): AccountsContext {
  const now = () => deps.clock.now();
  return {
    ...deps,
    now,
    iso: (offsetMs = 0) => new Date(now().getTime() + offsetMs).toISOString(),
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** The signed-in user; `allowPendingSecondFactor` also accepts a session that still owes it. */
export function requireUser(actor: Actor, allowPendingSecondFactor = false): UserActor {
  if (actor.kind !== "user") throw unauthenticated();
  if (!allowPendingSecondFactor && !actor.secondFactorDone) {
    throw new ProblemError(
      401,
      "second_factor_required",
      "Complete two-factor authentication first.",
    );
  }
  return actor;
}

/** 422 on one field. */
export function fieldProblem(path: string, message: string, code = "invalid_input"): ProblemError {
  return invalidInput([{ path, message }], message, code);
}

/** A mailed link that was used, has expired or never existed. */
export const invalidLink = () =>
  fieldProblem("token", "This link is not valid or has expired.", "invalid_token");

const PASSWORD_MESSAGES = {
  too_short: "The password must have at least 12 characters.",
  too_long: "The password is too long.",
  too_common: "This password is too common; choose another.",
  contains_email: "The password must not contain the e-mail address.",
} as const;

/** Refuses a password the rules do not accept for this address. */
export function checkPasswordStrength(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw fieldProblem("password", PASSWORD_MESSAGES[problem], "weak_password");
}

/** The audit entry of something done to a user account. */
export async function auditUser(
  ctx: AccountsContext,
  tx: Executor,
  actor: Actor,
  type: AuditType,
  userId: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await ctx.audit.record(tx, actor, {
    type,
    subjectType: "user",
    subjectId: userId,
    ...(details ? { details } : {}),
  });
}

/** A refused attempt, audited in a transaction of its own (nothing else is written). */
export async function recordDenied(
  ctx: AccountsContext,
  actor: Actor,
  type: AuditType,
  details: Record<string, unknown>,
): Promise<void> {
  await ctx.db
    .transaction()
    .execute((tx) => ctx.audit.record(tx, actor, { type, outcome: "denied", details }));
}
