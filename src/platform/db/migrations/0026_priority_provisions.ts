import { type Kysely, SqliteAdapter } from "kysely";

/**
 * Priority provision (R-PRI-1…5). `priority_provisions` is the list projection of the
 * workflow aggregate (the state itself is in workflow_states); packages keep their title, body
 * and files sealed; a copy is one package as one recipient organization received it, with the
 * code that marks it; members are the people a recipient's admin assigned to a delivery
 * (R-SEC-6); reads are every time a member opened a copy or one of its files.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof SqliteAdapter ? "blob" : "bytea";
  await db.schema
    .createTable("priority_provisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("sectors", "text", (c) => c.notNull())
    .addColumn("recipient_org_ids", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("ended_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("priority_provisions_case")
    .on("priority_provisions")
    .columns(["case_id", "started_at"])
    .execute();
  await db.schema
    .createTable("priority_packages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("provision_id", "text", (c) => c.notNull().references("priority_provisions.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title_sealed", "text", (c) => c.notNull())
    .addColumn("body_sealed", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("priority_package_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("package_id", "text", (c) => c.notNull().references("priority_packages.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name_sealed", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("content_sealed", bytes, (c) => c.notNull())
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("priority_copies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("package_id", "text", (c) => c.notNull().references("priority_packages.id"))
    .addColumn("provision_id", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("priority_copies_package_org")
    .on("priority_copies")
    .columns(["package_id", "organization_id"])
    .unique()
    .execute();
  await db.schema
    .createTable("priority_delivery_members")
    .addColumn("provision_id", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("assigned_by", "text", (c) => c.notNull())
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("priority_delivery_members_pk", [
      "provision_id",
      "organization_id",
      "user_id",
    ])
    .execute();
  await db.schema
    .createTable("priority_reads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("copy_id", "text", (c) => c.notNull().references("priority_copies.id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("file_id", "text")
    .addColumn("read_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("priority_reads_copy")
    .on("priority_reads")
    .columns(["copy_id", "read_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "priority_reads",
    "priority_delivery_members",
    "priority_copies",
    "priority_package_files",
    "priority_packages",
    "priority_provisions",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
