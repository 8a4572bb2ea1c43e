/** SQL of the analysis tasks, findings and relays (migration 0025); this module owns the tables. */
import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type {
  AnalysisFindingsTable,
  AnalysisTasksTable,
} from "../../platform/db/schema/analysis-tasks.ts";

export type TaskRow = Selectable<AnalysisTasksTable>;
export type FindingRow = Selectable<AnalysisFindingsTable>;
export interface Subject {
  type: "report" | "case";
  id: string;
}
export type TaskListRow = TaskRow & { assignee_name: string; finding_count: number };

export async function insertTask(tx: Executor, row: Insertable<AnalysisTasksTable>) {
  await tx.insertInto("analysis_tasks").values(row).execute();
}

export function findTask(executor: Executor, id: string): Promise<TaskRow | undefined> {
  return executor.selectFrom("analysis_tasks").selectAll().where("id", "=", id).executeTakeFirst();
}

function taskList(executor: Executor) {
  return executor
    .selectFrom("analysis_tasks")
    .innerJoin("users", "users.id", "analysis_tasks.assignee_user_id")
    .selectAll("analysis_tasks")
    .select((eb) => [
      "users.name as assignee_name",
      eb
        .selectFrom("analysis_findings")
        .select((inner) => inner.fn.countAll<number | string>().as("n"))
        .whereRef("analysis_findings.task_id", "=", "analysis_tasks.id")
        .as("finding_count"),
    ]);
}

const counted = (rows: (TaskRow & { assignee_name: string; finding_count: unknown })[]) =>
  rows.map((row) => ({ ...row, finding_count: Number(row.finding_count ?? 0) }));

/** The tasks on these subjects, open first, then by due date. */
export async function tasksOfSubjects(
  executor: Executor,
  subjects: readonly Subject[],
): Promise<TaskListRow[]> {
  if (subjects.length === 0) return [];
  const rows = await taskList(executor)
    .where((eb) =>
      eb.or(
        subjects.map((s) =>
          eb.and([
            eb("analysis_tasks.subject_type", "=", s.type),
            eb("analysis_tasks.subject_id", "=", s.id),
          ]),
        ),
      ),
    )
    .orderBy("analysis_tasks.status", "desc")
    .orderBy("analysis_tasks.due_at")
    .orderBy("analysis_tasks.id")
    .execute();
  return counted(rows);
}

/** An analyst's own tasks: the open ones first, each group by due date (earliest first). */
export async function queueOf(executor: Executor, userId: string): Promise<TaskListRow[]> {
  const rows = await taskList(executor)
    .where("analysis_tasks.assignee_user_id", "=", userId)
    // "open" sorts after "completed": descending puts the open ones first.
    .orderBy("analysis_tasks.status", "desc")
    .orderBy("analysis_tasks.due_at")
    .orderBy("analysis_tasks.id")
    .execute();
  return counted(rows);
}

/** Marks a task completed, once: false when it was no longer open. */
export async function markCompleted(tx: Executor, id: string, at: string): Promise<boolean> {
  const result = await tx
    .updateTable("analysis_tasks")
    .set({ status: "completed", completed_at: at })
    .where("id", "=", id)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertFinding(tx: Executor, row: Insertable<AnalysisFindingsTable>) {
  await tx.insertInto("analysis_findings").values(row).execute();
}

export async function countFindings(executor: Executor, taskId: string): Promise<number> {
  const row = await executor
    .selectFrom("analysis_findings")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("task_id", "=", taskId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type FindingWithKind = FindingRow & { kind: AnalysisTasksTable["kind"] };

function findingsWithKind(executor: Executor) {
  return executor
    .selectFrom("analysis_findings")
    .innerJoin("analysis_tasks", "analysis_tasks.id", "analysis_findings.task_id")
    .selectAll("analysis_findings")
    .select("analysis_tasks.kind");
}

export function findingsOfTask(executor: Executor, taskId: string): Promise<FindingWithKind[]> {
  return findingsWithKind(executor)
    .where("analysis_findings.task_id", "=", taskId)
    .orderBy("analysis_findings.created_at")
    .orderBy("analysis_findings.id")
    .execute();
}

/** The findings on these subjects, oldest first. */
export function findingsOfSubjects(
  executor: Executor,
  subjects: readonly Subject[],
): Promise<FindingWithKind[]> {
  if (subjects.length === 0) return Promise.resolve([]);
  return findingsWithKind(executor)
    .where((eb) =>
      eb.or(
        subjects.map((s) =>
          eb.and([
            eb("analysis_findings.subject_type", "=", s.type),
            eb("analysis_findings.subject_id", "=", s.id),
          ]),
        ),
      ),
    )
    .orderBy("analysis_findings.created_at")
    .orderBy("analysis_findings.id")
    .execute();
}

export function findFinding(executor: Executor, id: string): Promise<FindingRow | undefined> {
  return executor
    .selectFrom("analysis_findings")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Records a relay of a finding to a case's vendors, once: false when it was relayed already. */
export async function insertRelay(
  tx: Executor,
  row: { finding_id: string; case_id: string; relayed_by: string; relayed_at: string },
): Promise<boolean> {
  const result = await tx
    .insertInto("analysis_finding_relays")
    .values(row)
    .onConflict((c) => c.columns(["finding_id", "case_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Finding id → when it was relayed to this case's vendors. */
export async function relaysOfCase(
  executor: Executor,
  caseId: string,
): Promise<Map<string, string>> {
  const rows = await executor
    .selectFrom("analysis_finding_relays")
    .select(["finding_id", "relayed_at"])
    .where("case_id", "=", caseId)
    .execute();
  return new Map(rows.map((row) => [row.finding_id, row.relayed_at]));
}

/** The findings relayed to one case's vendors, with the relay's time. */
export function relayedFindingsOfCase(executor: Executor, caseId: string) {
  return (
    executor
      .selectFrom("analysis_finding_relays")
      .innerJoin("analysis_findings", "analysis_findings.id", "analysis_finding_relays.finding_id")
      .innerJoin("analysis_tasks", "analysis_tasks.id", "analysis_findings.task_id")
      .select([
        "analysis_findings.id",
        "analysis_findings.body_sealed",
        "analysis_tasks.kind",
        "analysis_finding_relays.relayed_at",
      ])
      .where("analysis_finding_relays.case_id", "=", caseId)
      // Never a finding withdrawn from sharing (the mark is checked at relay and at read).
      .where("analysis_findings.share_with_vendors", "=", 1)
      .orderBy("analysis_finding_relays.relayed_at")
      .orderBy("analysis_findings.id")
      .execute()
  );
}

/** The intake desk's analysts, for the desk's chooser. */
export function intakeAnalysts(executor: Executor): Promise<{ id: string; name: string }[]> {
  return executor
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.id", "memberships.organization_id")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name"])
    .where("organizations.type", "=", "intake")
    .where("memberships.role", "=", "analyst")
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
}

export async function isIntakeAnalyst(executor: Executor, userId: string): Promise<boolean> {
  const row = await executor
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.id", "memberships.organization_id")
    .select("memberships.user_id")
    .where("organizations.type", "=", "intake")
    .where("memberships.role", "=", "analyst")
    .where("memberships.user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}
