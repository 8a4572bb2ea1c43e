import type { Kysely } from "kysely";

/**
 * Issue 14 point 1 (R-RISK-1): the current risk of a report and of a case — CVSS 3.1 and 4.0
 * base vectors, the SSVC inputs and CISA's decision, the desk's urgency and its sealed reason —
 * and every change to it, one row each with who, when (and its place among the subject's changes, the clock may not
 * move between two) and each field's old and new value. The
 * ranks and the higher CVSS score are kept beside the values so that the lists sort in SQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("risk_assessments")
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("cvss_v3", "text")
    .addColumn("cvss_v4", "text")
    .addColumn("cvss_score", "double precision")
    .addColumn("ssvc_exploitation", "text")
    .addColumn("ssvc_automatable", "text")
    .addColumn("ssvc_technical_impact", "text")
    .addColumn("ssvc_mission_wellbeing", "text")
    .addColumn("ssvc_decision", "text")
    .addColumn("ssvc_rank", "integer", (c) => c.notNull())
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("urgency_rank", "integer", (c) => c.notNull())
    .addColumn("reason_sealed", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("risk_assessments_pk", ["subject_type", "subject_id"])
    .execute();
  await db.schema
    .createTable("risk_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("changed_at", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("changes", "text", (c) => c.notNull())
    .addColumn("reason_sealed", "text")
    .execute();
  await db.schema
    .createIndex("risk_changes_subject")
    .on("risk_changes")
    .columns(["subject_type", "subject_id", "changed_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("risk_changes").execute();
  await db.schema.dropTable("risk_assessments").execute();
}
