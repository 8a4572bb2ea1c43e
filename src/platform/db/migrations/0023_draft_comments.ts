import type { Kysely } from "kysely";

/**
 * Issue 13 point 10: what passes between the finder and the coordinator about a case's draft
 * advisory, always through the desk. A finder's comment (on the credit, the accuracy or another
 * part) waits for the desk to relay it to the coordinator; a coordinator's message for the
 * finder waits for the desk to relay it to the finder. Both texts are sealed; `relayed_*` say
 * what the desk passed on (possibly edited), who did and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("draft_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("reports.id"))
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("part", "text")
    .addColumn("author_user_id", "text", (c) => c.notNull())
    .addColumn("body_sealed", "text", (c) => c.notNull())
    .addColumn("case_message_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("relayed_body_sealed", "text")
    .addColumn("relayed_by", "text")
    .addColumn("relayed_message_id", "text")
    .addColumn("relayed_at", "text")
    .execute();
  await db.schema
    .createIndex("draft_comments_report")
    .on("draft_comments")
    .columns(["report_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("draft_comments_case")
    .on("draft_comments")
    .columns(["case_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("draft_comments").execute();
}
