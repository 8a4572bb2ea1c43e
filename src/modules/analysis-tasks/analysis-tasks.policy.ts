/**
 * Who may do what with analysis tasks (R-ANA-1), as pure rules; deny by default.
 *
 * - The desk (intake admins and members) assigns tasks and sees every task's metadata.
 * - An analyst sees only their own tasks. The task is their grant to read the content of its
 *   report or case, and it lasts as long as the task is open: an analyst without an open task on
 *   a subject reads no more of it than the desk's queue shows (metadata), and the report's and
 *   case's own pages stay as they were — the content is read on the task's page.
 * - Findings are confidential analysis: the desk reads them where it may read the report's
 *   content (its assignee, the desk's admins) or, on a case, as the desk; the coordinator where
 *   it may read the case's content; a vendor only those relayed to its own case; the finder never.
 */
import type { Actor } from "../access/actor.ts";
import { isDeskStaff, isIntakeAnalyst } from "../reports/reports.policy.ts";

export interface TaskRef {
  assignee_user_id: string;
  status: "open" | "completed";
}

/** The task's own analyst. */
export function isTaskAssignee(actor: Actor, task: TaskRef): boolean {
  return isIntakeAnalyst(actor) && task.assignee_user_id === actor.userId;
}

/** The analyst's read grant on the task's report or case: their own task, while it is open. */
export function analystMayReadSubject(actor: Actor, task: TaskRef): boolean {
  return isTaskAssignee(actor, task) && task.status === "open";
}

/** Who may know a task exists: its analyst and the desk. */
export function mayViewTask(actor: Actor, task: TaskRef): boolean {
  return isTaskAssignee(actor, task) || isDeskStaff(actor);
}

/** Only the task's analyst adds findings and completes it, and only while it is open. */
export function mayWorkOnTask(actor: Actor, task: TaskRef): boolean {
  return analystMayReadSubject(actor, task);
}
