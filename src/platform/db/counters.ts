import type { Tx } from "./database.ts";

/**
 * The next value of a named counter (receipt numbers, advisory identifiers), in the caller's
 * transaction: a number once handed out is never handed out again, even if the caller rolls back
 * and retries. The `counters` table is written here only.
 */
export async function nextCounterValue(tx: Tx, name: string): Promise<number> {
  await tx
    .insertInto("counters")
    .values({ name, value: 0 })
    .onConflict((c) => c.column("name").doNothing())
    .execute();
  const { value } = await tx
    .updateTable("counters")
    .set((eb) => ({ value: eb("value", "+", 1) }))
    .where("name", "=", name)
    .returning("value")
    .executeTakeFirstOrThrow();
  return value;
}

/** The human numbers counted per year, and the letter each starts with. */
const YEARLY_NUMBER_PREFIXES = { receipt: "R", case: "C" } as const;

/**
 * A human number `<letter>-<year>-<six digits>` (receipts `R-2026-000123`, cases
 * `C-2026-000012`), counted per year in Tokyo time, where the desk and the coordinator work.
 */
export async function nextYearlyNumber(
  tx: Tx,
  kind: keyof typeof YEARLY_NUMBER_PREFIXES,
  at: Date,
): Promise<string> {
  const year = new Intl.DateTimeFormat("en", { timeZone: "Asia/Tokyo", year: "numeric" }).format(
    at,
  );
  const value = await nextCounterValue(tx, `${kind}:${year}`);
  return `${YEARLY_NUMBER_PREFIXES[kind]}-${year}-${String(value).padStart(6, "0")}`;
}
