import type { Kysely } from "kysely";

/**
 * Reports (届出). The workflow state lives in workflow_states; this row holds what the desk
 * queries (kind, finder, product or site, assignee) and the report's content, sealed: the
 * description and reproduction in one column, the verification and attack methods each in
 * their own (SPEC §2 classes), so no query or presenter reaches them by accident.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("counters")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("receipt_number", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("finder_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("product_name", "text")
    .addColumn("product_version", "text")
    .addColumn("vendor_name", "text")
    .addColumn("site_url", "text")
    .addColumn("cwe", "text")
    .addColumn("cvss_vector", "text")
    .addColumn("assignee_user_id", "text")
    .addColumn("content_sealed", "text", (c) => c.notNull())
    .addColumn("verification_method_sealed", "text")
    .addColumn("attack_method_sealed", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reports_finder").on("reports").column("finder_user_id").execute();
  await db.schema.createIndex("reports_received").on("reports").column("received_at").execute();

  await db.schema
    .createTable("report_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("reports.id"))
    .addColumn("author_user_id", "text", (c) => c.notNull())
    .addColumn("author_side", "text", (c) => c.notNull())
    .addColumn("body_sealed", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("report_messages_report")
    .on("report_messages")
    .columns(["report_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("report_messages").execute();
  await db.schema.dropTable("reports").execute();
  await db.schema.dropTable("counters").execute();
}
