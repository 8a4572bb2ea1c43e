import type { Kysely } from "kysely";

/**
 * Issue 14 point 4 (R-ANA-1): the intake desk gives its analysts tasks on a report or a case
 * (reproduce, impact, affected versions, exploitability in Japanese environments, detection),
 * each with a due date. An analyst's findings attach to the task's report or case; their text is
 * sealed. A finding marked shareable may be relayed by the coordinator to a case's vendors; each
 * relay is a row, so what a vendor sees is exactly what was relayed to its case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("analysis_tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("assignee_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_by", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("note_sealed", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .execute();
  await db.schema
    .createIndex("analysis_tasks_subject")
    .on("analysis_tasks")
    .columns(["subject_type", "subject_id"])
    .execute();
  await db.schema
    .createIndex("analysis_tasks_assignee")
    .on("analysis_tasks")
    .columns(["assignee_user_id", "status", "due_at"])
    .execute();

  await db.schema
    .createTable("analysis_findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("analysis_tasks.id"))
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("author_user_id", "text", (c) => c.notNull())
    .addColumn("body_sealed", "text", (c) => c.notNull())
    .addColumn("share_with_vendors", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("analysis_findings_subject")
    .on("analysis_findings")
    .columns(["subject_type", "subject_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("analysis_findings_task")
    .on("analysis_findings")
    .column("task_id")
    .execute();

  await db.schema
    .createTable("analysis_finding_relays")
    .addColumn("finding_id", "text", (c) => c.notNull().references("analysis_findings.id"))
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("relayed_by", "text", (c) => c.notNull())
    .addColumn("relayed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("analysis_finding_relays_pk", ["finding_id", "case_id"])
    .execute();
  await db.schema
    .createIndex("analysis_finding_relays_case")
    .on("analysis_finding_relays")
    .column("case_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("analysis_finding_relays").execute();
  await db.schema.dropTable("analysis_findings").execute();
  await db.schema.dropTable("analysis_tasks").execute();
}
