import type { Kysely } from "kysely";

/**
 * Issue 15 point 1 (R-STA-1): what IPA's quarterly report counts and the workflow does not
 * capture — a report's or case's product type, OSS or not and impact category, and a web case's
 * operator type. One row per classified subject; a subject without a row, or a null value, is
 * "unknown" (existing rows start that way).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("classifications")
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("product_type", "text")
    .addColumn("oss", "integer")
    .addColumn("impact", "text")
    .addColumn("operator_type", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("classifications_pk", ["subject_type", "subject_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("classifications").execute();
}
