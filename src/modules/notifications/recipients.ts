/** Whom new work reaches at the desks: the one handling it, else every member of the desk. */
import type { Executor } from "../../platform/db/database.ts";
import { membersOf } from "./notifications.repository.ts";

/** A report's assignee at the intake desk, or, while nobody has taken it, every desk member. */
export async function deskPeople(
  executor: Executor,
  assigneeUserId: string | null,
): Promise<string[]> {
  if (assigneeUserId) return [assigneeUserId];
  return [...new Set((await membersOf(executor, "intake")).map((person) => person.userId))];
}

/** A case's handling coordinator, or, while nobody is assigned, every coordinator member. */
export async function coordinatorPeople(
  executor: Executor,
  assigneeUserId: string | null,
): Promise<string[]> {
  if (assigneeUserId) return [assigneeUserId];
  return [...new Set((await membersOf(executor, "coordinator")).map((person) => person.userId))];
}
