import type { Kysely } from "kysely";

/**
 * Human case numbers (issue 13 item 7): `C-<year>-<six digits>`, counted per year in Tokyo time
 * like receipt numbers, so that people can say and search "C-2026-000012" instead of a UUID.
 * Cases opened before this migration are numbered in the order they were opened, and the year's
 * counter continues after them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("cases").addColumn("case_number", "text").execute();
  const typed = db as unknown as Kysely<{
    cases: { id: string; opened_at: string; case_number: string | null };
    counters: { name: string; value: number };
  }>;
  const rows = await typed
    .selectFrom("cases")
    .select(["id", "opened_at"])
    .orderBy("opened_at")
    .orderBy("id")
    .execute();
  const perYear = new Map<string, number>();
  for (const row of rows) {
    const year = tokyoYear(new Date(row.opened_at));
    const value = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, value);
    await typed
      .updateTable("cases")
      .set({ case_number: `C-${year}-${String(value).padStart(6, "0")}` })
      .where("id", "=", row.id)
      .execute();
  }
  for (const [year, value] of perYear) {
    await typed
      .insertInto("counters")
      .values({ name: `case:${year}`, value })
      .onConflict((c) => c.column("name").doUpdateSet({ value }))
      .execute();
  }
  await db.schema
    .createIndex("cases_case_number")
    .unique()
    .on("cases")
    .column("case_number")
    .execute();
}

/** Written out here rather than imported: a migration must not change when the code does. */
function tokyoYear(at: Date): string {
  return new Intl.DateTimeFormat("en", { timeZone: "Asia/Tokyo", year: "numeric" }).format(at);
}
