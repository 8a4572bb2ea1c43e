import type { Selectable } from "kysely";
import { nextCounterValue } from "../../platform/db/counters.ts";
import type { Executor, Tx } from "../../platform/db/database.ts";
import type { NdaAcceptancesTable, NdaTextsTable } from "../../platform/db/schema.ts";

/** NDA texts and NDA records: only the organizations module writes these tables. */

export type NdaTextRow = Selectable<NdaTextsTable> & { published_by_name: string | null };
export type NdaAcceptanceRow = Selectable<NdaAcceptancesTable> & {
  accepted_by_name: string | null;
};

function texts(executor: Executor) {
  return executor
    .selectFrom("nda_texts")
    .leftJoin("users", "users.id", "nda_texts.published_by")
    .selectAll("nda_texts")
    .select("users.name as published_by_name");
}

/** Every published text, newest first. */
export function listNdaTexts(executor: Executor): Promise<NdaTextRow[]> {
  return texts(executor).orderBy("nda_texts.position", "desc").execute();
}

/** The text offered now: the newest published. */
export function newestNdaText(executor: Executor): Promise<NdaTextRow | undefined> {
  return texts(executor).orderBy("nda_texts.position", "desc").limit(1).executeTakeFirst();
}

export function ndaTextOfVersion(
  executor: Executor,
  version: string,
): Promise<NdaTextRow | undefined> {
  return texts(executor).where("nda_texts.version", "=", version).executeTakeFirst();
}

/**
 * Publishes a text after every other. Its position comes from a counter, which two coordinators
 * publishing at the same moment cannot both get (a max()+1 could, and the second would fail).
 */
export async function insertNdaText(
  tx: Tx,
  row: Omit<Selectable<NdaTextsTable>, "position">,
): Promise<void> {
  const position = await nextCounterValue(tx, "nda_text");
  await tx
    .insertInto("nda_texts")
    .values({ ...row, position })
    .execute();
}

/** An organization's NDA records, newest first. */
export function ndaAcceptancesOf(
  executor: Executor,
  organizationId: string,
): Promise<NdaAcceptanceRow[]> {
  return executor
    .selectFrom("nda_acceptances")
    .leftJoin("users", "users.id", "nda_acceptances.accepted_by")
    .selectAll("nda_acceptances")
    .select("users.name as accepted_by_name")
    .where("nda_acceptances.organization_id", "=", organizationId)
    .orderBy("nda_acceptances.accepted_at", "desc")
    .orderBy("nda_acceptances.id", "desc")
    .execute();
}

/** The newest record of each of these organizations. */
export async function latestNdaAcceptances(
  executor: Executor,
  organizationIds: readonly string[],
): Promise<Map<string, NdaAcceptanceRow>> {
  const latest = new Map<string, NdaAcceptanceRow>();
  if (organizationIds.length === 0) return latest;
  const rows = await executor
    .selectFrom("nda_acceptances")
    .leftJoin("users", "users.id", "nda_acceptances.accepted_by")
    .selectAll("nda_acceptances")
    .select("users.name as accepted_by_name")
    .where("nda_acceptances.organization_id", "in", [...organizationIds])
    .orderBy("nda_acceptances.accepted_at", "desc")
    .orderBy("nda_acceptances.id", "desc")
    .execute();
  for (const row of rows)
    if (!latest.has(row.organization_id)) latest.set(row.organization_id, row);
  return latest;
}

export async function insertNdaAcceptance(
  tx: Executor,
  row: Selectable<NdaAcceptancesTable>,
): Promise<void> {
  await tx.insertInto("nda_acceptances").values(row).execute();
}
