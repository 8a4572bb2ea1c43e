/** SQL of `draft_comments` (migration 0023); the reports module owns the table. */
import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { DraftCommentsTable } from "../../platform/db/schema.ts";

export type DraftCommentRow = Selectable<DraftCommentsTable>;

export async function insertDraftComment(
  tx: Executor,
  row: Insertable<DraftCommentsTable>,
): Promise<void> {
  await tx.insertInto("draft_comments").values(row).execute();
}

/** A report's entries, oldest first. */
export function draftCommentsOfReport(
  executor: Executor,
  reportId: string,
): Promise<DraftCommentRow[]> {
  return executor
    .selectFrom("draft_comments")
    .selectAll()
    .where("report_id", "=", reportId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** A case's entries, oldest first. */
export function draftCommentsOfCase(
  executor: Executor,
  caseId: string,
): Promise<DraftCommentRow[]> {
  return executor
    .selectFrom("draft_comments")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function findDraftComment(
  executor: Executor,
  reportId: string,
  id: string,
): Promise<DraftCommentRow | undefined> {
  return executor
    .selectFrom("draft_comments")
    .selectAll()
    .where("report_id", "=", reportId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Marks an entry relayed, once: false when it was relayed already. */
export async function markRelayed(
  tx: Executor,
  id: string,
  relay: {
    relayed_body_sealed: string;
    relayed_by: string;
    relayed_message_id: string;
    relayed_at: string;
  },
): Promise<boolean> {
  const result = await tx
    .updateTable("draft_comments")
    .set(relay)
    .where("id", "=", id)
    .where("relayed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The coordinator's messages for the finder on a case that the desk has not relayed yet. */
export async function unrelayedFinderMessages(
  executor: Executor,
  caseId: string,
): Promise<{ reportId: string; count: number } | null> {
  const row = await executor
    .selectFrom("draft_comments")
    .select(["report_id", (eb) => eb.fn.countAll<number | string>().as("count")])
    .where("case_id", "=", caseId)
    .where("direction", "=", "to_finder")
    .where("relayed_at", "is", null)
    .groupBy("report_id")
    .executeTakeFirst();
  return row ? { reportId: row.report_id, count: Number(row.count) } : null;
}
