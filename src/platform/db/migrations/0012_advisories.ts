import type { Kysely } from "kysely";

/**
 * Advisories (SPEC §7). `advisory_drafts` holds the coordinator's draft, sealed like any case
 * content until publication, and the advisory's identifier from its first save. `advisories`
 * and `advisory_vendors` are the public database: written in plain text in the transaction
 * of the case's `case_published` event (R-COO-4), then updated by later events (R-PUB-6).
 * Public renderers read only these two tables (R-CLS-1).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("advisory_drafts")
    .addColumn("case_id", "text", (c) => c.primaryKey())
    .addColumn("advisory_id", "text", (c) => c.notNull().unique())
    /** The workflow's advisory revision this draft is. */
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("content_sealed", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("advisories")
    .addColumn("advisory_id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("overview", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("impact", "text", (c) => c.notNull())
    .addColumn("cwe", "text")
    /** JSON { v3, v4 }: each { vector, baseScore, baseSeverity } or null. */
    .addColumn("cvss", "text", (c) => c.notNull())
    .addColumn("severity", "text")
    /** JSON [{ vendorOrgId, vendor, product, versions }]. */
    .addColumn("affected", "text", (c) => c.notNull())
    /** JSON [{ url, title }]. */
    .addColumn("reference_list", "text", (c) => c.notNull())
    /** JSON string[] */
    .addColumn("cve_ids", "text", (c) => c.notNull())
    .addColumn("acknowledgement", "text")
    .addColumn("termination_reason", "text")
    /** JSON { name, email } of the coordinator at publication. */
    .addColumn("contact", "text", (c) => c.notNull())
    /** JSON [{ at, kind, vendor?, note? }], oldest first. */
    .addColumn("history", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    /** Search keys, each "|a|b|…|": word tokens of the text, vendor and product names, CVE IDs. */
    .addColumn("search_tokens", "text", (c) => c.notNull())
    .addColumn("search_vendors", "text", (c) => c.notNull())
    .addColumn("search_products", "text", (c) => c.notNull())
    .addColumn("search_cves", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("advisories_published")
    .on("advisories")
    .columns(["published_at", "advisory_id"])
    .execute();

  await db.schema
    .createTable("advisory_vendors")
    .addColumn("advisory_id", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    /** The vendor's public statement { text, advisoryUrl, contact } as JSON, or null. */
    .addColumn("statement", "text")
    /** JSON [{ id, type, description, affectedVersions, fixedVersions, url, publishedAt }]. */
    .addColumn("countermeasures", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("advisory_vendors_pk", ["advisory_id", "organization_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["advisory_vendors", "advisories", "advisory_drafts"]) {
    await db.schema.dropTable(table).execute();
  }
}
