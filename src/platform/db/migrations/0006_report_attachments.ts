import { type Kysely, SqliteAdapter } from "kysely";

/**
 * Files a finder attaches to a report (SPEC §3, R-SEC-3). Each carries the class the finder
 * chose (attack_method or verification_method, SPEC §2). The content is sealed bytes (the
 * field cipher's binary envelope) in a blob column, the file name is sealed text; size and
 * sniffed type are plain metadata the desk lists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The one column type the two databases spell differently.
  const bytes = db.getExecutor().adapter instanceof SqliteAdapter ? "blob" : "bytea";
  await db.schema
    .createTable("report_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("reports.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("class", "text", (c) => c.notNull())
    .addColumn("name_sealed", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("content_sealed", bytes, (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();
  // The order the finder added them; unique, so two uploads at once cannot take one place.
  await db.schema
    .createIndex("report_attachments_position")
    .on("report_attachments")
    .columns(["report_id", "position"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("report_attachments").execute();
}
