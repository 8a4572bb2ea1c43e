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
