import type { Executor } from "../../platform/db/database.ts";
import type { Actor } from "./actor.ts";
import { isSignedIn } from "./actor.ts";

/**
 * Need-to-know inside an organization (R-SEC-6): a member of a participating organization sees
 * a case only when assigned to it; the organization's admins are assigned to every case of it.
 * The case modules decide which organizations take part; this decides which of their people.
 */
export async function isAssignedToCase(
  executor: Executor,
  actor: Actor,
  caseId: string,
  participatingOrganizationIds: readonly string[],
): Promise<boolean> {
  if (!isSignedIn(actor) || !actor.organization) return false;
  // Only an organization that takes part in the case has anyone assigned to it.
  if (!participatingOrganizationIds.includes(actor.organization.id)) return false;
  if (actor.role === "admin") return true;
  const row = await executor
    .selectFrom("case_members")
    .select("user_id")
    .where("case_id", "=", caseId)
    .where("organization_id", "=", actor.organization.id)
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The ids, among these cases, to which the actor is assigned within its organization. The
 * caller passes only cases its organization takes part in.
 */
export async function assignedCaseIds(
  executor: Executor,
  actor: Actor,
  caseIds: string[],
): Promise<Set<string>> {
  if (!isSignedIn(actor) || !actor.organization || caseIds.length === 0) return new Set();
  if (actor.role === "admin") return new Set(caseIds);
  const rows = await executor
    .selectFrom("case_members")
    .select("case_id")
    .where("organization_id", "=", actor.organization.id)
    .where("user_id", "=", actor.userId)
    .where("case_id", "in", caseIds)
    .execute();
  return new Set(rows.map((row) => row.case_id));
}

/**
 * Replaces the members of an organization assigned to a case. Only members of that
 * organization can be assigned; the caller checks who may assign (the organization's admin,
 * or the coordinator) and records the change in the audit log.
 */
export async function setCaseMembers(
  tx: Executor,
  input: {
    caseId: string;
    organizationId: string;
    userIds: string[];
    assignedBy: string;
    at: string;
  },
): Promise<{ unknownUserIds: string[] }> {
  const members = await tx
    .selectFrom("memberships")
    .select("user_id")
    .where("organization_id", "=", input.organizationId)
    .execute();
  const memberIds = new Set(members.map((member) => member.user_id));
  const unknownUserIds = input.userIds.filter((id) => !memberIds.has(id));
  if (unknownUserIds.length > 0) return { unknownUserIds };
  await tx
    .deleteFrom("case_members")
    .where("case_id", "=", input.caseId)
    .where("organization_id", "=", input.organizationId)
    .execute();
  const unique = [...new Set(input.userIds)];
  if (unique.length > 0) {
    await tx
      .insertInto("case_members")
      .values(
        unique.map((userId) => ({
          case_id: input.caseId,
          organization_id: input.organizationId,
          user_id: userId,
          assigned_by: input.assignedBy,
          assigned_at: input.at,
        })),
      )
      .execute();
  }
  return { unknownUserIds: [] };
}

/**
 * R-SEC-6: by default a case reaches the organization's contact points — its members whose
 * address is one of its registered contact e-mails (its admins see every case anyway). Adds
 * them to the case; assignments already made stay.
 */
export async function assignContactPoints(
  tx: Executor,
  input: { caseId: string; organizationId: string; at: string },
): Promise<void> {
  const organization = await tx
    .selectFrom("organizations")
    .select("contact_emails")
    .where("id", "=", input.organizationId)
    .executeTakeFirst();
  const contacts = new Set(
    (JSON.parse(organization?.contact_emails ?? "[]") as string[]).map((e) => e.toLowerCase()),
  );
  if (contacts.size === 0) return;
  const members = await tx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .leftJoin("case_members", (join) =>
      join
        .onRef("case_members.user_id", "=", "memberships.user_id")
        .on("case_members.case_id", "=", input.caseId),
    )
    .select(["memberships.user_id", "users.email", "case_members.case_id"])
    .where("memberships.organization_id", "=", input.organizationId)
    .where("memberships.role", "!=", "admin")
    .execute();
  const missing = members.filter(
    (member) => member.case_id === null && contacts.has(member.email.toLowerCase()),
  );
  if (missing.length === 0) return;
  await tx
    .insertInto("case_members")
    .values(
      missing.map((member) => ({
        case_id: input.caseId,
        organization_id: input.organizationId,
        user_id: member.user_id,
        assigned_by: "system",
        assigned_at: input.at,
      })),
    )
    .execute();
}

/** A member who leaves the organization is no longer assigned to any of its cases. */
export async function removeCaseAssignmentsOf(
  tx: Executor,
  member: { userId: string; organizationId: string },
): Promise<void> {
  await tx
    .deleteFrom("case_members")
    .where("user_id", "=", member.userId)
    .where("organization_id", "=", member.organizationId)
    .execute();
}

/** Assigns one member of an organization to a case (kept if already assigned). */
export async function addCaseMember(
  tx: Executor,
  input: { caseId: string; organizationId: string; userId: string; assignedBy: string; at: string },
): Promise<void> {
  await tx
    .insertInto("case_members")
    .values({
      case_id: input.caseId,
      organization_id: input.organizationId,
      user_id: input.userId,
      assigned_by: input.assignedBy,
      assigned_at: input.at,
    })
    .onConflict((c) => c.doNothing())
    .execute();
}
