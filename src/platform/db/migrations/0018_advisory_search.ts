import type { Kysely } from "kysely";
import { cweSearchTerms } from "../../../modules/advisories/cwe.ts";
import { wordTokens } from "../../text/tokens.ts";

/**
 * A database people can sync with (R-PUB-3, issue 12 item 6):
 * - `advisory_vendors.name_key`: the vendor's name as searches compare it (NFKC, lower case), so
 *   `vendor=` can ask for vendors with a given status in the same row;
 * - `advisory_products`: each affected product of a published advisory with its CPE and package
 *   URL, for the product list (MyJVN's getProductList) and the vendors whose products are listed;
 * - an index on `(updated_at, advisory_id)` for the list sorted by its latest change.
 * Advisories already published get their rows here, and their search words gain the names of
 * their weakness (the module's list of CWE names and aliases, as new advisories are indexed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("advisory_vendors")
    .addColumn("name_key", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .createIndex("advisory_vendors_name_key")
    .on("advisory_vendors")
    .columns(["name_key", "advisory_id"])
    .execute();
  await db.schema
    .createTable("advisory_products")
    .addColumn("advisory_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("vendor", "text", (c) => c.notNull())
    .addColumn("vendor_key", "text", (c) => c.notNull())
    .addColumn("product", "text", (c) => c.notNull())
    .addColumn("product_key", "text", (c) => c.notNull())
    .addColumn("cpe", "text")
    .addColumn("purl", "text")
    .addPrimaryKeyConstraint("advisory_products_pk", ["advisory_id", "position"])
    .execute();
  await db.schema
    .createIndex("advisory_products_vendor")
    .on("advisory_products")
    .columns(["vendor_key", "product_key"])
    .execute();
  await db.schema
    .createIndex("advisories_updated")
    .on("advisories")
    .columns(["updated_at", "advisory_id"])
    .execute();

  const typed = db as unknown as Kysely<{
    advisories: {
      advisory_id: string;
      cwe: string | null;
      affected: string;
      search_tokens: string;
    };
    advisory_vendors: {
      advisory_id: string;
      organization_id: string;
      name: string;
      name_key: string;
    };
    advisory_products: {
      advisory_id: string;
      position: number;
      vendor: string;
      vendor_key: string;
      product: string;
      product_key: string;
      cpe: string | null;
      purl: string | null;
    };
  }>;
  const key = (text: string) => text.normalize("NFKC").toLowerCase();
  const vendors = await typed
    .selectFrom("advisory_vendors")
    .select(["advisory_id", "organization_id", "name"])
    .execute();
  for (const vendor of vendors) {
    await typed
      .updateTable("advisory_vendors")
      .set({ name_key: key(vendor.name) })
      .where("advisory_id", "=", vendor.advisory_id)
      .where("organization_id", "=", vendor.organization_id)
      .execute();
  }
  const advisories = await typed
    .selectFrom("advisories")
    .select(["advisory_id", "cwe", "affected", "search_tokens"])
    .execute();
  for (const advisory of advisories) {
    const affected = JSON.parse(advisory.affected) as {
      vendor: string;
      product: string;
      cpe?: string | null;
      purl?: string | null;
    }[];
    if (affected.length > 0) {
      await typed
        .insertInto("advisory_products")
        .values(
          affected.map((a, position) => ({
            advisory_id: advisory.advisory_id,
            position,
            vendor: a.vendor,
            vendor_key: key(a.vendor),
            product: a.product,
            product_key: key(a.product),
            cpe: a.cpe ?? null,
            purl: a.purl ?? null,
          })),
        )
        .execute();
    }
    if (advisory.cwe) {
      const tokens = new Set(advisory.search_tokens.split("|").filter(Boolean));
      for (const token of wordTokens(cweSearchTerms(advisory.cwe).join("\n"))) {
        tokens.add(token.replaceAll("|", ""));
      }
      await typed
        .updateTable("advisories")
        .set({ search_tokens: `|${[...tokens].join("|")}|` })
        .where("advisory_id", "=", advisory.advisory_id)
        .execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("advisories_updated").execute();
  await db.schema.dropTable("advisory_products").execute();
  await db.schema.dropIndex("advisory_vendors_name_key").execute();
  await db.schema.alterTable("advisory_vendors").dropColumn("name_key").execute();
}
