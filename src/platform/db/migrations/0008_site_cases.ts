import type { Kysely } from "kysely";

/**
 * Web-application cases (SPEC §5). The workflow state lives in workflow_states; `site_cases`
 * is the read model the lists query (which operator organization, which report), kept from the
 * workflow's events in the same transaction. Around it: the one-time claim links mailed to an
 * operator not yet in the directory (only their hash is kept), desk ⇄ operator messages and the
 * operator's result details (sealed), the desk's analysis requests, and the leak notices, the
 * only public output of a web case (R-WEB-4).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("site_cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().unique().references("reports.id"))
    .addColumn("operator_organization_id", "text", (c) => c.references("organizations.id"))
    .addColumn("operator_name", "text")
    .addColumn("operator_contact_email", "text")
    .addColumn("result_details_sealed", "text")
    .addColumn("notified_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("site_cases_operator")
    .on("site_cases")
    .columns(["operator_organization_id", "notified_at"])
    .execute();
  await db.schema
    .createIndex("site_cases_notified")
    .on("site_cases")
    .column("notified_at")
    .execute();

  await db.schema
    .createTable("site_case_claims")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("site_case_id", "text", (c) => c.notNull().references("site_cases.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("site_case_claims_case")
    .on("site_case_claims")
    .column("site_case_id")
    .execute();

  await db.schema
    .createTable("site_case_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_case_id", "text", (c) => c.notNull().references("site_cases.id"))
    .addColumn("author_user_id", "text", (c) => c.notNull())
    .addColumn("author_side", "text", (c) => c.notNull())
    .addColumn("body_sealed", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("site_case_messages_case")
    .on("site_case_messages")
    .columns(["site_case_id", "created_at"])
    .execute();

  await db.schema
    .createTable("site_case_analysis_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_case_id", "text", (c) => c.notNull().references("site_cases.id"))
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("reason_sealed", "text")
    .addColumn("decision", "text")
    .addColumn("answered_by", "text")
    .addColumn("answered_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("site_case_analysis_requests_case")
    .on("site_case_analysis_requests")
    .column("site_case_id")
    .execute();

  await db.schema
    .createTable("leak_notices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_case_id", "text", (c) => c.notNull().references("site_cases.id"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("affected_count", "integer", (c) => c.notNull())
    .addColumn("data_kinds", "text", (c) => c.notNull())
    .addColumn("cause", "text", (c) => c.notNull())
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("leak_notices_published")
    .on("leak_notices")
    .columns(["published_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "leak_notices",
    "site_case_analysis_requests",
    "site_case_messages",
    "site_case_claims",
    "site_cases",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
