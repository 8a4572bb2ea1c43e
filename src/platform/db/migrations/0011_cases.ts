import type { Kysely } from "kysely";

/**
 * Product cases (SPEC §4). The workflow state row is the truth; `cases` and
 * `case_participants` are its projection, written in the same transaction, so lists can be
 * scoped in SQL (a vendor sees only cases it takes part in). The content that vendors and the
 * coordinator write (countermeasures, statements, messages) is sealed here; the workflow events
 * refer to it by id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("report_id", "text")
    .addColumn("opened_by_org_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    /** CSIRT cases and self-reports: description and conditions, sealed. */
    .addColumn("content_sealed", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("publish_at", "text")
    .addColumn("assignee_user_id", "text")
    .addColumn("share_with_intake", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("cases_status")
    .on("cases")
    .columns(["status", "publish_at"])
    .execute();
  await db.schema.createIndex("cases_report").on("cases").column("report_id").execute();

  await db.schema
    .createTable("case_participants")
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("notified_at", "text")
    .addPrimaryKeyConstraint("case_participants_pk", ["case_id", "organization_id"])
    .execute();
  await db.schema
    .createIndex("case_participants_org")
    .on("case_participants")
    .column("organization_id")
    .execute();

  await db.schema
    .createTable("case_countermeasures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    /** JSON { description, affectedVersions, fixedVersions, url }, sealed. */
    .addColumn("content_sealed", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("case_countermeasures_case")
    .on("case_countermeasures")
    .columns(["case_id", "organization_id"])
    .execute();

  await db.schema
    .createTable("case_statements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull())
    /** JSON { text, advisoryUrl, contact }, sealed. */
    .addColumn("content_sealed", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("case_statements_case")
    .on("case_statements")
    .columns(["case_id", "organization_id"])
    .execute();

  await db.schema
    .createTable("case_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("author_user_id", "text", (c) => c.notNull())
    .addColumn("author_kind", "text", (c) => c.notNull())
    .addColumn("author_org_id", "text")
    .addColumn("addressed_to", "text", (c) => c.notNull())
    /** The workflow's audience as "|coordinator|vendor:<id>|…|", so reads are scoped in SQL. */
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("body_sealed", "text", (c) => c.notNull())
    /** The case's event version that posted it: the thread's order. */
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("case_messages_case")
    .on("case_messages")
    .columns(["case_id", "position"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "case_messages",
    "case_statements",
    "case_countermeasures",
    "case_participants",
    "cases",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
