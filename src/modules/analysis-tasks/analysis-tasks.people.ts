/**
 * Who hears of analysis tasks beyond the task's own people, read across the directory (a join,
 * no writes): the members of a case's vendors who see the case (R-SEC-6: its admins and the
 * members assigned to it).
 */
import type { Executor } from "../../platform/db/database.ts";

/**
 * The people of these vendor organizations who are assigned to the case: each one's admins
 * (assigned to every case of theirs) and the members assigned to this one.
 */
export async function assignedVendorPeople(
  executor: Executor,
  caseId: string,
  organizationIds: readonly string[],
): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const rows = await executor
    .selectFrom("memberships")
    .leftJoin("case_members", (join) =>
      join
        .onRef("case_members.user_id", "=", "memberships.user_id")
        .onRef("case_members.organization_id", "=", "memberships.organization_id")
        .on("case_members.case_id", "=", caseId),
    )
    .select(["memberships.user_id", "memberships.role", "case_members.case_id"])
    .where("memberships.organization_id", "in", [...organizationIds])
    .orderBy("memberships.user_id")
    .execute();
  return [
    ...new Set(
      rows.filter((row) => row.role === "admin" || row.case_id !== null).map((row) => row.user_id),
    ),
  ];
}

/** The analysts who hold open tasks past their deadline at this instant. */
export async function analystsWithOverdueTasks(executor: Executor, now: string): Promise<string[]> {
  const rows = await executor
    .selectFrom("analysis_tasks")
    .select("assignee_user_id")
    .distinct()
    .where("status", "=", "open")
    .where("due_at", "<", now)
    .orderBy("assignee_user_id")
    .execute();
  return rows.map((row) => row.assignee_user_id);
}

/** One analyst's open tasks past their deadline, the oldest deadline first (metadata only). */
export function overdueTasksOf(executor: Executor, userId: string, now: string) {
  return executor
    .selectFrom("analysis_tasks")
    .select(["id", "kind", "subject_type", "subject_id", "due_at"])
    .where("assignee_user_id", "=", userId)
    .where("status", "=", "open")
    .where("due_at", "<", now)
    .orderBy("due_at")
    .orderBy("id")
    .execute();
}
