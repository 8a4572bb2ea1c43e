import { type ExpressionBuilder, sql } from "kysely";
import { z } from "zod";
import type { Executor, Tx } from "../../platform/db/database.ts";
import type { Database } from "../../platform/db/schema.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import { invalidInput } from "../../platform/http/problem.ts";
import { wordTokens } from "../../platform/text/tokens.ts";
import {
  ADVISORY_LANGUAGES,
  type AdvisoryLanguage,
  type AdvisoryList,
  type AdvisoryListQuery,
  type AdvisoryProductList,
  type AdvisoryProductListQuery,
  type AdvisoryVendorList,
  type AdvisoryVendorListQuery,
  type PublicAdvisory,
  type PublicVendorStatus,
  SEVERITIES,
  translatedTextsView,
} from "./advisories.schemas.ts";
import { advisoryLanguages, advisoryTextsIn } from "./advisory-texts.ts";
import { cweFromQuery } from "./cwe.ts";

/**
 * The public database's search (R-PUB-3), over the published advisories only: the tables hold
 * nothing else (an advisory is written in the transaction that publishes it). The list with its
 * filters and two orders, the vendor and product lists, and the dates a sync client asks about.
 */

/** A name as searches compare it: NFKC (full-width letters, half-width kana), lower case. */
export const searchKey = (text: string) => text.normalize("NFKC").toLowerCase();

/** The advisory's affected products with their identifiers, for the product list. */
export async function writeAdvisoryProducts(tx: Tx, advisory: PublicAdvisory): Promise<void> {
  await tx.deleteFrom("advisory_products").where("advisory_id", "=", advisory.advisoryId).execute();
  if (advisory.affected.length === 0) return;
  await tx
    .insertInto("advisory_products")
    .values(
      advisory.affected.map((a, position) => ({
        advisory_id: advisory.advisoryId,
        position,
        vendor: a.vendor,
        vendor_key: searchKey(a.vendor),
        product: a.product,
        product_key: searchKey(a.product),
        cpe: a.cpe,
        purl: a.purl,
      })),
    )
    .execute();
}

/** A LIKE pattern's literal part: %, _ and the escape character itself match only themselves. */
function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
const like = (column: string, pattern: string) =>
  sql<boolean>`${sql.ref(column)} like ${pattern} escape ${"\\"}`;
const containing = (text: string) => `%${likeLiteral(searchKey(text))}%`;

/** A date alone is a whole day in Japan; the bound is that day's start (or the next day's). */
function bound(value: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00+09:00`);
    return new Date(end ? start + 24 * 60 * 60 * 1000 : start).toISOString();
  }
  const instant = new Date(Date.parse(value));
  return end ? new Date(instant.getTime() + 1).toISOString() : instant.toISOString();
}

/**
 * The vendor entries a `vendor=` search means: without a status, the vendors the advisory says
 * are affected — by their status, or because it lists their products as affected (a vendor
 * still investigating whose product the coordinator confirmed); with one, that status.
 */
function vendorEntryMatches(
  eb: ExpressionBuilder<Database & { v: Database["advisory_vendors"] }, "v">,
  status: PublicVendorStatus | undefined,
) {
  if (status && status !== "affected") return eb("v.status", "=", status);
  return eb.or([
    eb("v.status", "=", "affected"),
    eb.exists(
      eb
        .selectFrom("advisory_products as p")
        .select(sql`1`.as("one"))
        .whereRef("p.advisory_id", "=", "v.advisory_id")
        .whereRef("p.vendor", "=", "v.name"),
    ),
  ]);
}

/** The cursor of each order: the sort key of the last item (the published one stays as it was). */
function cursorAfter(query: AdvisoryListQuery): [string, string] | null {
  if ((query.sort ?? "published") === "published") {
    return decodeCursor(query.cursor, 2) as [string, string] | null;
  }
  const key = decodeCursor(query.cursor, 3);
  if (!key) return null;
  const [sort, at, advisoryId] = key;
  if (sort !== "updated" || typeof at !== "string" || typeof advisoryId !== "string") {
    // A cursor of the other order would skip or repeat advisories.
    throw invalidInput([{ path: "cursor", message: "invalid cursor" }], "The cursor is not valid.");
  }
  return [String(at), String(advisoryId)];
}

/** The published advisories a search finds, newest first (by publication or latest change). */
export async function searchAdvisories(
  executor: Executor,
  query: AdvisoryListQuery,
): Promise<AdvisoryList> {
  // Imported records (API.md "Linkage") are not kept yet: our own are every source there is.
  if (query.source && query.source !== "kakehashi" && query.source !== "all") {
    return { items: [], nextCursor: null };
  }
  const limit = query.limit ?? 50;
  const order = query.sort === "updated" ? "updated_at" : "published_at";
  const after = cursorAfter(query);
  let select = executor
    .selectFrom("advisories")
    .select([
      "advisory_id",
      "title",
      "overview",
      "language",
      "translation",
      "published_at",
      "updated_at",
      "severity",
      "cwe",
      "cve_ids",
    ]);
  if (query.q) {
    for (const token of new Set(wordTokens(query.q))) {
      select = select.where(like("search_tokens", `%|${likeLiteral(token)}|%`));
    }
  }
  if (query.vendor || query.vendorStatus) {
    const { vendor, vendorStatus } = query;
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom("advisory_vendors as v")
          .select(sql`1`.as("one"))
          .whereRef("v.advisory_id", "=", "advisories.advisory_id")
          .$if(Boolean(vendor), (q) => q.where(like("v.name_key", containing(vendor ?? ""))))
          .where((inner) => vendorEntryMatches(inner, vendorStatus)),
      ),
    );
  }
  if (query.product) select = select.where(like("search_products", containing(query.product)));
  if (query.cve) {
    select = select.where(like("search_cves", `%|${likeLiteral(query.cve.toUpperCase())}|%`));
  }
  if (query.cwe) {
    // Not a CWE identifier at all: nothing has it (a search box, not a form to refuse).
    select = select.where("cwe", "=", cweFromQuery(query.cwe) ?? "-");
  }
  if (query.severity && (SEVERITIES as readonly string[]).includes(query.severity)) {
    select = select.where("severity", "=", query.severity);
  }
  if (query.from) select = select.where("published_at", ">=", bound(query.from, false));
  if (query.to) select = select.where("published_at", "<", bound(query.to, true));
  if (query.updatedFrom) select = select.where("updated_at", ">=", bound(query.updatedFrom, false));
  if (query.updatedTo) select = select.where("updated_at", "<", bound(query.updatedTo, true));
  if (after) {
    const [at, advisoryId] = after;
    select = select.where((eb) =>
      eb.or([eb(order, "<", at), eb.and([eb(order, "=", at), eb("advisory_id", "<", advisoryId)])]),
    );
  }
  const rows = await select
    .orderBy(order, "desc")
    .orderBy("advisory_id", "desc")
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (row) =>
    order === "updated_at"
      ? ["updated", row.updated_at, row.advisory_id]
      : [row.published_at, row.advisory_id],
  );
  const vendorNames = await vendorNamesOf(
    executor,
    result.items.map((row) => row.advisory_id),
  );
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((row) => ({
      advisoryId: row.advisory_id,
      ...listTexts(row, query.lang),
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      severity: z.enum(SEVERITIES).nullable().parse(row.severity),
      cwe: row.cwe,
      cveIds: z.array(z.string()).parse(JSON.parse(row.cve_ids)),
      vendors: vendorNames.get(row.advisory_id) ?? [],
    })),
  };
}

/** Title and overview in the language asked for, where the advisory has it; else its own. */
function listTexts(
  row: { title: string; overview: string; language: string; translation: string | null },
  wanted: AdvisoryLanguage | undefined,
) {
  const advisory = {
    title: row.title,
    overview: row.overview,
    language: z.enum(ADVISORY_LANGUAGES).parse(row.language),
    translation: row.translation ? translatedTextsView.parse(JSON.parse(row.translation)) : null,
  };
  const chosen = advisoryTextsIn(advisory, wanted ?? advisory.language, ["title", "overview"]);
  return { ...chosen.texts, language: chosen.language, languages: advisoryLanguages(advisory) };
}

/** The public vendor names of each advisory, in the table's order. */
async function vendorNamesOf(
  executor: Executor,
  advisoryIds: string[],
): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (advisoryIds.length === 0) return names;
  const rows = await executor
    .selectFrom("advisory_vendors")
    .select(["advisory_id", "name"])
    .where("advisory_id", "in", advisoryIds)
    .orderBy("position")
    .execute();
  for (const row of rows) {
    names.set(row.advisory_id, [...(names.get(row.advisory_id) ?? []), row.name]);
  }
  return names;
}

/**
 * The vendors of the published advisories by name, with how many advisories name them so
 * (MyJVN's getVendorList): by default those affected, as `vendor=` searches them.
 */
export async function listAdvisoryVendors(
  executor: Executor,
  query: AdvisoryVendorListQuery,
): Promise<AdvisoryVendorList> {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 1);
  const rows = await executor
    .selectFrom("advisory_vendors as v")
    .select(["v.name", (eb) => eb.fn.count<string | number>("v.advisory_id").distinct().as("n")])
    .$if(Boolean(query.q), (q) => q.where(like("v.name_key", containing(query.q ?? ""))))
    .where((eb) => vendorEntryMatches(eb, query.vendorStatus))
    .$if(after !== null, (q) => q.where("v.name", ">", String(after?.[0])))
    .groupBy("v.name")
    .orderBy("v.name")
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (row) => [row.name]);
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((row) => ({ name: row.name, advisoryCount: Number(row.n) })),
  };
}

/**
 * The affected products of the published advisories, each with its CPE and package URL and how
 * many advisories list it (MyJVN's getProductList).
 */
export async function listAdvisoryProducts(
  executor: Executor,
  query: AdvisoryProductListQuery,
): Promise<AdvisoryProductList> {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 4);
  const cpeKey = sql<string>`coalesce(p.cpe, '')`;
  const purlKey = sql<string>`coalesce(p.purl, '')`;
  const rows = await executor
    .selectFrom("advisory_products as p")
    .select([
      "p.vendor",
      "p.product",
      "p.cpe",
      "p.purl",
      (eb) => eb.fn.count<string | number>("p.advisory_id").distinct().as("n"),
    ])
    .$if(Boolean(query.vendor), (q) =>
      q.where(like("p.vendor_key", containing(query.vendor ?? ""))),
    )
    .$if(Boolean(query.q), (q) => {
      const pattern = containing(query.q ?? "");
      return q.where((eb) =>
        eb.or([
          like("p.product_key", pattern),
          sql<boolean>`lower(coalesce(p.cpe, '')) like ${pattern} escape ${"\\"}`,
          sql<boolean>`lower(coalesce(p.purl, '')) like ${pattern} escape ${"\\"}`,
        ]),
      );
    })
    .$if(after !== null, (q) =>
      q.where(
        sql<boolean>`(p.vendor, p.product, ${cpeKey}, ${purlKey}) > (${String(after?.[0])}, ${String(after?.[1])}, ${String(after?.[2])}, ${String(after?.[3])})`,
      ),
    )
    .groupBy(["p.vendor", "p.product", "p.cpe", "p.purl"])
    .orderBy("p.vendor")
    .orderBy("p.product")
    .orderBy(cpeKey)
    .orderBy(purlKey)
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (row) => [
    row.vendor,
    row.product,
    row.cpe ?? "",
    row.purl ?? "",
  ]);
  return {
    nextCursor: result.nextCursor,
    items: result.items.map((row) => ({
      vendor: row.vendor,
      product: row.product,
      cpe: row.cpe,
      purl: row.purl,
      advisoryCount: Number(row.n),
    })),
  };
}

/** When the published database last changed (any advisory), or null while it is empty. */
export async function newestAdvisoryUpdate(executor: Executor): Promise<string | null> {
  const row = await executor
    .selectFrom("advisories")
    .select((eb) => eb.fn.max("updated_at").as("newest"))
    .executeTakeFirst();
  return row?.newest ?? null;
}

/** When one published advisory last changed, or null when there is no such advisory. */
export async function advisoryUpdatedAt(
  executor: Executor,
  advisoryId: string,
): Promise<string | null> {
  const row = await executor
    .selectFrom("advisories")
    .select("updated_at")
    .where("advisory_id", "=", advisoryId)
    .executeTakeFirst();
  return row?.updated_at ?? null;
}

/** Every published advisory's ID and latest change, newest publication first (the sitemap). */
export async function publishedAdvisoryDates(
  executor: Executor,
  limit: number,
): Promise<{ advisoryId: string; updatedAt: string }[]> {
  const rows = await executor
    .selectFrom("advisories")
    .select(["advisory_id", "updated_at"])
    .orderBy("published_at", "desc")
    .orderBy("advisory_id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ advisoryId: row.advisory_id, updatedAt: row.updated_at }));
}
