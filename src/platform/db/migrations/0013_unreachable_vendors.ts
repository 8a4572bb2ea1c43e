import type { Kysely } from "kysely";

/**
 * R-COO-8: the public list of vendors the coordinator could not reach — the name first, the
 * product later — kept from the case events in their transaction. Only what is listed is here:
 * no vulnerability detail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("unreachable_vendors")
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("vendor_name", "text", (c) => c.notNull())
    .addColumn("product_name", "text")
    .addColumn("name_listed_at", "text", (c) => c.notNull())
    .addColumn("product_listed_at", "text")
    .addColumn("delisted_at", "text")
    .addPrimaryKeyConstraint("unreachable_vendors_pk", ["case_id", "organization_id"])
    .execute();
  await db.schema
    .createIndex("unreachable_vendors_listed")
    .on("unreachable_vendors")
    .columns(["delisted_at", "name_listed_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("unreachable_vendors").execute();
}
