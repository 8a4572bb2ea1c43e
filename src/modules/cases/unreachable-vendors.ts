import type { Executor, Tx } from "../../platform/db/database.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import { newId } from "../../platform/ids.ts";
import type { CaseEvent, CaseState } from "../../workflow/case/index.ts";

/**
 * R-COO-8: keeps the public list of unreachable vendors from the case events, in their
 * transaction. The product listed is the one the case is about (the report's product name);
 * a vendor that answers again leaves the list.
 */
export async function projectUnreachableVendors(
  tx: Tx,
  caseId: string,
  state: CaseState,
  events: readonly CaseEvent[],
): Promise<void> {
  for (const event of events) {
    if (event.type === "unreachable_vendor_listed" && event.stage === "name") {
      const org = await tx
        .selectFrom("organizations")
        .select("name")
        .where("id", "=", event.orgId)
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("unreachable_vendors")
        .values({
          listing_id: newId(),
          case_id: caseId,
          organization_id: event.orgId,
          vendor_name: org.name,
          product_name: null,
          name_listed_at: event.at,
          product_listed_at: null,
          delisted_at: null,
        })
        .onConflict((c) =>
          c.columns(["case_id", "organization_id"]).doUpdateSet({
            name_listed_at: event.at,
            product_name: null,
            product_listed_at: null,
            delisted_at: null,
          }),
        )
        .execute();
    } else if (event.type === "unreachable_vendor_listed" && event.stage === "product") {
      const product =
        state.source?.kind === "report"
          ? (
              await tx
                .selectFrom("reports")
                .select("product_name")
                .where("id", "=", state.source.reportId)
                .executeTakeFirst()
            )?.product_name
          : null;
      await tx
        .updateTable("unreachable_vendors")
        .set({ product_name: product ?? null, product_listed_at: event.at })
        .where("case_id", "=", caseId)
        .where("organization_id", "=", event.orgId)
        .execute();
    } else if (event.type === "unreachable_vendor_delisted") {
      await tx
        .updateTable("unreachable_vendors")
        .set({ delisted_at: event.at })
        .where("case_id", "=", caseId)
        .where("organization_id", "=", event.orgId)
        .execute();
    }
  }
}

/** The public list, newest listing first: vendor name, and the product once it is listed. */
export async function listUnreachableVendors(
  executor: Executor,
  query: { limit?: number | undefined; cursor?: string | undefined },
) {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 2);
  let select = executor
    .selectFrom("unreachable_vendors")
    .select(["listing_id", "vendor_name", "product_name", "name_listed_at", "product_listed_at"])
    .where("delisted_at", "is", null);
  if (after) {
    const [listedAt, listingId] = after as [string, string];
    select = select.where((eb) =>
      eb.or([
        eb("name_listed_at", "<", listedAt),
        eb.and([eb("name_listed_at", "=", listedAt), eb("listing_id", "<", listingId)]),
      ]),
    );
  }
  const rows = await select
    .orderBy("name_listed_at", "desc")
    .orderBy("listing_id", "desc")
    .limit(limit + 1)
    .execute();
  // The cursor names the listing's own random id: nothing that ties a listing to its case.
  const result = page(rows, limit, (row) => [row.name_listed_at, row.listing_id]);
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((row) => ({
      vendorName: row.vendor_name,
      listedAt: row.name_listed_at,
      productName: row.product_name,
      productListedAt: row.product_listed_at,
    })),
  };
}
