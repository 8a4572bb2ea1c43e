import type { Db, Executor, Tx } from "../../platform/db/database.ts";
import { forbidden, notFound, ProblemError } from "../../platform/http/problem.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { rejectionProblem } from "../../workflow/problems.ts";
import type { SiteCaseCommand } from "../../workflow/site-case/index.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import { type Actor, isSignedIn, type UserActor } from "../access/actor.ts";
import { createUser } from "../accounts/accounts.repository.ts";
import { hashPassword, hashSecret, passwordProblem } from "../accounts/secrets.ts";
import type { Audit } from "../audit/audit.ts";
import { addMembership, createOrganization } from "../organizations/organizations.repository.ts";
import { canClaimForOrganization } from "./site-cases.policy.ts";
import { findUsableClaim, spendClaimLink } from "./site-cases.repository.ts";
import type { ClaimInput } from "./site-cases.schemas.ts";

const invalidToken = () =>
  new ProblemError(422, "invalid_token", "This link is not valid or has expired.", [
    { path: "token", message: "This link is not valid or has expired." },
  ]);

/** The mailed claim link (R-WEB-1): its preview, and the claim that spends it. */
export function createSiteCaseClaims(deps: {
  db: Db;
  audit: Audit;
  clock: Clock;
  workflow: WorkflowStore;
}) {
  const { db, audit, clock, workflow } = deps;
  const iso = () => clock.now().toISOString();

  async function decide(tx: Tx, id: string, command: SiteCaseCommand) {
    const result = await workflow.execute(tx, "site_case", id, command);
    if (!result.ok) throw rejectionProblem(result.rejection);
    return result;
  }

  const claims = {
    /**
     * What the claim page shows before anything is spent: the operator's name as the desk gave
     * it and the address the link went to. An unknown, used or expired link is a 404.
     */
    async claimPreview(token: string) {
      const claim = await usableClaim(db, token);
      if (!claim) throw notFound();
      return {
        siteCaseId: claim.site_case_id,
        operatorName: claim.operator_name,
        email: claim.email,
      };
    },

    /**
     * R-WEB-1: the mailed link. Signed out, it creates the person's account (the address the
     * link went to counts as confirmed) and a new site_operator organization with them as its
     * admin; they then sign in and enrol their second factor as every organization member
     * does. Signed in as a site operator's admin, the case goes to that organization. Either
     * way the workflow's claim runs and every link of the case is spent, in one transaction.
     */
    async claim(actor: Actor, input: ClaimInput) {
      const pending = await usableClaim(db, input.token);
      if (!pending) throw invalidToken();
      if (actor.kind === "user") {
        if (!isSignedIn(actor))
          throw new ProblemError(
            401,
            "second_factor_required",
            "Complete two-factor authentication first.",
          );
        if (!canClaimForOrganization(actor))
          throw forbidden(
            "Only a site operator's admin claims a case for an organization; open the link signed out to create a new operator account.",
          );
        const organization = actor.organization as NonNullable<UserActor["organization"]>;
        return workflow.transaction(async (tx) => {
          const siteCaseId = await takeClaim(tx, input.token);
          await decide(tx, siteCaseId, {
            type: "claim_site_case",
            commandId: newId(),
            at: iso(),
            actor: { kind: "site_operator", userId: actor.userId, orgId: organization.id },
          });
          await audit.record(tx, actor, {
            type: "site_case.claimed",
            subjectType: "site_case",
            subjectId: siteCaseId,
            details: { organizationId: organization.id },
          });
          return { siteCaseId, organizationId: organization.id, userId: actor.userId };
        });
      }
      const email = pending.email.toLowerCase();
      const errors: { path: string; message: string }[] = [];
      if (!input.name) errors.push({ path: "name", message: "required" });
      if (!input.password) errors.push({ path: "password", message: "required" });
      if (errors.length > 0)
        throw new ProblemError(422, "invalid_input", "Give your name and a password.", errors);
      const password = input.password as string;
      const weak = passwordProblem(password, email);
      if (weak)
        throw new ProblemError(422, "weak_password", `The password is not acceptable: ${weak}.`, [
          { path: "password", message: weak },
        ]);
      if (await emailTaken(db, email)) throw emailTakenProblem();
      const passwordHash = await hashPassword(password);
      const language: Language = input.language ?? "ja";
      const organizationName = input.organizationName ?? pending.operator_name ?? email;
      return workflow.transaction(async (tx) => {
        const siteCaseId = await takeClaim(tx, input.token);
        if (await emailTaken(tx, email)) throw emailTakenProblem();
        const userId = newId();
        const organizationId = newId();
        // The link reached this address: it is confirmed.
        await createUser(tx, {
          id: userId,
          email,
          name: (input.name as string).trim(),
          language,
          passwordHash,
          emailVerifiedAt: iso(),
          at: iso(),
        });
        await createOrganization(tx, {
          id: organizationId,
          type: "site_operator",
          name: organizationName,
          contactEmails: [email],
          at: iso(),
        });
        await addMembership(tx, { userId, organizationId, role: "admin", at: iso() });
        await audit.record(tx, actor, {
          type: "user.created",
          subjectType: "user",
          subjectId: userId,
          details: { organizationId, role: "admin", via: "site_case_claim" },
        });
        await audit.record(tx, actor, {
          type: "organization.created",
          subjectType: "organization",
          subjectId: organizationId,
          details: { type: "site_operator", via: "site_case_claim" },
        });
        await decide(tx, siteCaseId, {
          type: "claim_site_case",
          commandId: newId(),
          at: iso(),
          actor: { kind: "site_operator", userId, orgId: organizationId },
        });
        await audit.record(tx, actor, {
          type: "site_case.claimed",
          subjectType: "site_case",
          subjectId: siteCaseId,
          details: { organizationId, userId },
        });
        return { siteCaseId, organizationId, userId };
      });
    },
  };

  async function usableClaim(executor: Executor, token: string) {
    return findUsableClaim(executor, hashSecret(token), iso());
  }

  /** Spends the link in one statement, so two requests with it cannot both claim. */
  async function takeClaim(tx: Tx, token: string): Promise<string> {
    const siteCaseId = await spendClaimLink(tx, hashSecret(token), iso());
    if (!siteCaseId) throw invalidToken();
    return siteCaseId;
  }

  return claims;
}

async function emailTaken(executor: Executor, email: string): Promise<boolean> {
  const row = await executor
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  return row !== undefined;
}

function emailTakenProblem() {
  return new ProblemError(
    409,
    "email_taken",
    "An account with this address exists: sign in with it; an admin of a site operator organization can claim the case for it.",
  );
}
