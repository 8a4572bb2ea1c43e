import type { Kysely } from "kysely";

/** R-INT-6: a finder's plan to disclose (talk, paper) and the desk's answer. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("disclosure_consultations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("reports.id"))
    .addColumn("planned_at", "text", (c) => c.notNull())
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("scope_sealed", "text", (c) => c.notNull())
    .addColumn("decision", "text")
    .addColumn("until", "text")
    .addColumn("reason", "text")
    .addColumn("answered_by", "text")
    .addColumn("answered_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("disclosure_consultations_report")
    .on("disclosure_consultations")
    .column("report_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("disclosure_consultations").execute();
}
