import { type Kysely, sql } from "kysely";

/**
 * Outside analysis (issue 14 point 3, R-ANA-2): a case shared with an outside analysis
 * organization (organization type `analysis_org`; `organizations.type` is free text, so the new
 * type needs no change there).
 * - `analysis_shares`: which case (a product case or a web-application case, exactly one), which organization, the information classes chosen, until
 *   when, the consultation with the coordinator and every vendor (sealed: it names the vendors
 *   and what they said), who shared it, and its revocation. No case content is copied here: a
 *   read opens the case's own sealed columns at the time of reading.
 * - `analysis_share_members`: the organization's members its admin assigned (R-SEC-6); its
 *   admins see every share of the organization.
 * - `analysis_share_reads`: every read, with the classes it showed, for the staff's read log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("analysis_shares")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.references("cases.id"))
    .addColumn("site_case_id", "text", (c) => c.references("site_cases.id"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("classes", "text", (c) => c.notNull())
    .addColumn("until", "text", (c) => c.notNull())
    .addColumn("consultation_sealed", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text")
    .addCheckConstraint(
      "analysis_shares_one_subject",
      sql`(case_id is null) <> (site_case_id is null)`,
    )
    .execute();
  await db.schema
    .createIndex("analysis_shares_case")
    .on("analysis_shares")
    .columns(["case_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("analysis_shares_site_case")
    .on("analysis_shares")
    .columns(["site_case_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("analysis_shares_organization")
    .on("analysis_shares")
    .columns(["organization_id", "until"])
    .execute();

  await db.schema
    .createTable("analysis_share_members")
    .addColumn("share_id", "text", (c) => c.notNull().references("analysis_shares.id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("assigned_by", "text", (c) => c.notNull())
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("analysis_share_members_pk", ["share_id", "user_id"])
    .execute();

  await db.schema
    .createTable("analysis_share_reads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("share_id", "text", (c) => c.notNull().references("analysis_shares.id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("classes", "text", (c) => c.notNull())
    .addColumn("read_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("analysis_share_reads_share")
    .on("analysis_share_reads")
    .columns(["share_id", "read_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("analysis_share_reads").execute();
  await db.schema.dropTable("analysis_share_members").execute();
  await db.schema.dropTable("analysis_shares").execute();
}
