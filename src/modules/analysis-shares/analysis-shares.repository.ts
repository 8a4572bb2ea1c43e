/** SQL of the analysis-shares module: it alone writes its three tables (ADR 007). */
import type { Expression, ExpressionBuilder, Selectable, SqlBool } from "kysely";
import type { Executor, Tx } from "../../platform/db/database.ts";
import type { AnalysisSharesTable } from "../../platform/db/schema/analysis-shares.ts";
import type { Database } from "../../platform/db/schema.ts";

export type ShareRow = Selectable<AnalysisSharesTable> & {
  organization_name: string;
  created_by_name: string | null;
  revoked_by_name: string | null;
};

/** Who reads a share: a member of an analysis organization. */
export interface ShareReader {
  userId: string;
  organizationId: string;
  isAdmin: boolean;
}

function shares(executor: Executor) {
  return executor
    .selectFrom("analysis_shares")
    .innerJoin("organizations", "organizations.id", "analysis_shares.organization_id")
    .leftJoin("users as creator", "creator.id", "analysis_shares.created_by")
    .leftJoin("users as revoker", "revoker.id", "analysis_shares.revoked_by")
    .selectAll("analysis_shares")
    .select([
      "organizations.name as organization_name",
      "creator.name as created_by_name",
      "revoker.name as revoked_by_name",
    ]);
}

/**
 * The shares a member of an analysis organization may read now, as one SQL condition (R-ANA-2,
 * R-SEC-6): its own organization's, not revoked, before `until`, once the organization accepted
 * its NDA in the application; its admins see every such share, another member only those it is
 * assigned to. The list and the single read both select with it, so a share is listed exactly
 * when it can be opened.
 */
export function shareReadableBy(
  eb: ExpressionBuilder<Database, "analysis_shares">,
  reader: ShareReader,
  now: string,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    eb("analysis_shares.organization_id", "=", reader.organizationId),
    eb("analysis_shares.revoked_at", "is", null),
    eb("analysis_shares.until", ">", now),
    // The organizations module keeps the NDA records; reading them here is a join (ADR 007).
    eb.exists(
      eb
        .selectFrom("nda_acceptances")
        .select("nda_acceptances.id")
        .whereRef("nda_acceptances.organization_id", "=", "analysis_shares.organization_id")
        .where("nda_acceptances.method", "=", "in_app"),
    ),
  ];
  if (!reader.isAdmin) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom("analysis_share_members")
          .select("analysis_share_members.share_id")
          .whereRef("analysis_share_members.share_id", "=", "analysis_shares.id")
          .where("analysis_share_members.user_id", "=", reader.userId),
      ),
    );
  }
  return eb.and(conditions);
}

export function findShare(executor: Executor, id: string): Promise<ShareRow | undefined> {
  return shares(executor).where("analysis_shares.id", "=", id).executeTakeFirst();
}

export function sharesOfCase(executor: Executor, caseId: string): Promise<ShareRow[]> {
  return shares(executor)
    .where("analysis_shares.case_id", "=", caseId)
    .orderBy("analysis_shares.created_at", "desc")
    .orderBy("analysis_shares.id", "desc")
    .execute();
}

export function sharesOfSiteCase(executor: Executor, siteCaseId: string): Promise<ShareRow[]> {
  return shares(executor)
    .where("analysis_shares.site_case_id", "=", siteCaseId)
    .orderBy("analysis_shares.created_at", "desc")
    .orderBy("analysis_shares.id", "desc")
    .execute();
}

/** Stored instants are ISO strings in UTC: compared as text, they order as time does. */
export function readableShares(
  executor: Executor,
  reader: ShareReader,
  now: string,
): Promise<ShareRow[]> {
  return shares(executor)
    .where((eb) => shareReadableBy(eb, reader, now))
    .orderBy("analysis_shares.created_at", "desc")
    .orderBy("analysis_shares.id", "desc")
    .execute();
}

export function readableShare(
  executor: Executor,
  reader: ShareReader,
  id: string,
  now: string,
): Promise<ShareRow | undefined> {
  return shares(executor)
    .where("analysis_shares.id", "=", id)
    .where((eb) => shareReadableBy(eb, reader, now))
    .executeTakeFirst();
}

export async function insertShare(tx: Tx, row: Selectable<AnalysisSharesTable>): Promise<void> {
  await tx.insertInto("analysis_shares").values(row).execute();
}

export async function revokeShare(tx: Tx, id: string, by: string, at: string): Promise<void> {
  await tx
    .updateTable("analysis_shares")
    .set({ revoked_at: at, revoked_by: by })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

export async function assignedUserIds(executor: Executor, shareId: string): Promise<string[]> {
  const rows = await executor
    .selectFrom("analysis_share_members")
    .select("user_id")
    .where("share_id", "=", shareId)
    .orderBy("user_id")
    .execute();
  return rows.map((row) => row.user_id);
}

/** The share's assigned members become exactly these. */
export async function setAssignedMembers(
  tx: Tx,
  shareId: string,
  userIds: readonly string[],
  by: string,
  at: string,
): Promise<void> {
  await tx.deleteFrom("analysis_share_members").where("share_id", "=", shareId).execute();
  if (userIds.length === 0) return;
  await tx
    .insertInto("analysis_share_members")
    .values(
      userIds.map((userId) => ({
        share_id: shareId,
        user_id: userId,
        assigned_by: by,
        assigned_at: at,
      })),
    )
    .execute();
}

export async function insertRead(
  tx: Tx,
  row: { id: string; shareId: string; userId: string; classes: string[]; at: string },
): Promise<void> {
  await tx
    .insertInto("analysis_share_reads")
    .values({
      id: row.id,
      share_id: row.shareId,
      user_id: row.userId,
      classes: JSON.stringify(row.classes),
      read_at: row.at,
    })
    .execute();
}

/** The reads of these shares, newest first, with the reader's name. */
export function readsOf(executor: Executor, shareIds: readonly string[]) {
  if (shareIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom("analysis_share_reads")
    .leftJoin("users", "users.id", "analysis_share_reads.user_id")
    .select([
      "analysis_share_reads.share_id",
      "analysis_share_reads.user_id",
      "analysis_share_reads.classes",
      "analysis_share_reads.read_at",
      "users.name as user_name",
    ])
    .where("analysis_share_reads.share_id", "in", [...shareIds])
    .orderBy("analysis_share_reads.read_at", "desc")
    .orderBy("analysis_share_reads.id", "desc")
    .execute();
}

/** Whether the organization accepted an NDA in the application (the organizations module's record). */
export async function ndaAcceptedInApp(
  executor: Executor,
  organizationIds: readonly string[],
): Promise<Set<string>> {
  if (organizationIds.length === 0) return new Set();
  const rows = await executor
    .selectFrom("nda_acceptances")
    .select("organization_id")
    .where("organization_id", "in", [...organizationIds])
    .where("method", "=", "in_app")
    .groupBy("organization_id")
    .execute();
  return new Set(rows.map((row) => row.organization_id));
}
