import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type {
  LeakNoticesTable,
  ReportsTable,
  SiteCaseAnalysisRequestsTable,
  SiteCaseClaimsTable,
  SiteCaseMessagesTable,
  SiteCasesTable,
} from "../../platform/db/schema.ts";
import type { SiteCaseStatus } from "../../workflow/site-case/index.ts";
import { type SiteCaseScope, siteCaseVisibleIn } from "./site-cases.visibility.ts";

/** The SQL of the site-cases module: the only writer of its tables. */

export type SiteCaseRow = Selectable<SiteCasesTable>;
export type ReportRow = Selectable<ReportsTable>;
export type MessageRow = Selectable<SiteCaseMessagesTable>;
export type AnalysisRequestRow = Selectable<SiteCaseAnalysisRequestsTable>;
export type LeakNoticeRow = Selectable<LeakNoticesTable>;

/** A page's position: the sort key (an instant, then the id) of the last row shown. */
type After = readonly [at: string, id: string] | null;

// --- Site cases -------------------------------------------------------------------------------

export function findSiteCase(executor: Executor, id: string): Promise<SiteCaseRow | undefined> {
  return executor.selectFrom("site_cases").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The site case if it is in the caller's scope (the same condition the list filters with). */
export function findVisibleSiteCase(
  executor: Executor,
  scope: SiteCaseScope,
  id: string,
): Promise<SiteCaseRow | undefined> {
  return executor
    .selectFrom("site_cases")
    .selectAll()
    .where("id", "=", id)
    .where(siteCaseVisibleIn(scope))
    .executeTakeFirst();
}

export function findReport(executor: Executor, id: string): Promise<ReportRow | undefined> {
  return executor.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The cases in the caller's scope, newest notice first, one row past the page. */
export function siteCasesIn(
  executor: Executor,
  scope: SiteCaseScope,
  query: { status?: SiteCaseStatus | undefined; after: After; limit: number },
) {
  let select = executor
    .selectFrom("site_cases")
    .innerJoin("reports", "reports.id", "site_cases.report_id")
    .innerJoin("workflow_states", "workflow_states.aggregate_id", "site_cases.id")
    .leftJoin("organizations", "organizations.id", "site_cases.operator_organization_id")
    .selectAll("site_cases")
    .select([
      "workflow_states.status",
      "reports.receipt_number",
      "reports.title",
      "reports.site_url",
      "organizations.name as organization_name",
    ])
    .where(siteCaseVisibleIn(scope));
  if (query.status) select = select.where("workflow_states.status", "=", query.status);
  const after = query.after;
  if (after) {
    select = select.where((eb) =>
      eb.or([
        eb("site_cases.notified_at", "<", after[0]),
        eb.and([eb("site_cases.notified_at", "=", after[0]), eb("site_cases.id", "<", after[1])]),
      ]),
    );
  }
  return select
    .orderBy("site_cases.notified_at", "desc")
    .orderBy("site_cases.id", "desc")
    .limit(query.limit + 1)
    .execute();
}

export type SiteCaseListRow = Awaited<ReturnType<typeof siteCasesIn>>[number];

/** The operator's name: its organization's once known, else as the desk gave it. */
export async function operatorNameOf(executor: Executor, row: SiteCaseRow): Promise<string | null> {
  if (!row.operator_organization_id) return row.operator_name;
  const organization = await executor
    .selectFrom("organizations")
    .select("name")
    .where("id", "=", row.operator_organization_id)
    .executeTakeFirst();
  return organization?.name ?? row.operator_name;
}

export async function insertSiteCase(tx: Executor, row: Insertable<SiteCasesTable>) {
  await tx.insertInto("site_cases").values(row).execute();
}

export async function updateSiteCase(
  tx: Executor,
  id: string,
  changes: Partial<Pick<SiteCasesTable, "operator_organization_id" | "result_details_sealed">> & {
    updated_at: string;
  },
) {
  await tx.updateTable("site_cases").set(changes).where("id", "=", id).execute();
}

// --- Claim links ------------------------------------------------------------------------------

export async function insertClaimLink(tx: Executor, row: SiteCaseClaimsTable) {
  await tx.insertInto("site_case_claims").values(row).execute();
}

/** An unspent, unexpired link with the case's operator as the desk named it. */
export function findUsableClaim(executor: Executor, tokenHash: string, at: string) {
  return executor
    .selectFrom("site_case_claims")
    .innerJoin("site_cases", "site_cases.id", "site_case_claims.site_case_id")
    .select(["site_case_claims.site_case_id", "site_case_claims.email", "site_cases.operator_name"])
    .where("site_case_claims.token_hash", "=", tokenHash)
    .where("site_case_claims.used_at", "is", null)
    .where("site_case_claims.expires_at", ">", at)
    .executeTakeFirst();
}

/** Spends the link in one statement, so two requests with it cannot both claim. */
export async function spendClaimLink(
  tx: Executor,
  tokenHash: string,
  at: string,
): Promise<string | null> {
  const taken = await tx
    .updateTable("site_case_claims")
    .set({ used_at: at })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .returning("site_case_id")
    .executeTakeFirst();
  return taken?.site_case_id ?? null;
}

/** Every link of the case still open. */
export async function spendClaimLinksOf(tx: Executor, siteCaseId: string, at: string) {
  await tx
    .updateTable("site_case_claims")
    .set({ used_at: at })
    .where("site_case_id", "=", siteCaseId)
    .where("used_at", "is", null)
    .execute();
}

// --- Messages ---------------------------------------------------------------------------------

export function messagesOf(executor: Executor, siteCaseId: string): Promise<MessageRow[]> {
  return executor
    .selectFrom("site_case_messages")
    .selectAll()
    .where("site_case_id", "=", siteCaseId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The instant of the thread's newest message, or null for an empty thread. */
export async function lastMessageAt(executor: Executor, siteCaseId: string) {
  const last = await executor
    .selectFrom("site_case_messages")
    .select((eb) => eb.fn.max("created_at").as("at"))
    .where("site_case_id", "=", siteCaseId)
    .executeTakeFirst();
  return last?.at ?? null;
}

export async function insertMessage(tx: Executor, row: SiteCaseMessagesTable) {
  await tx.insertInto("site_case_messages").values(row).execute();
}

// --- Analysis requests ------------------------------------------------------------------------

export function analysisRequestsOf(
  executor: Executor,
  siteCaseId: string,
): Promise<AnalysisRequestRow[]> {
  return executor
    .selectFrom("site_case_analysis_requests")
    .selectAll()
    .where("site_case_id", "=", siteCaseId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function insertAnalysisRequest(tx: Executor, row: SiteCaseAnalysisRequestsTable) {
  await tx.insertInto("site_case_analysis_requests").values(row).execute();
}

export async function analysisRequestExists(
  executor: Executor,
  siteCaseId: string,
  requestId: string,
): Promise<boolean> {
  const row = await executor
    .selectFrom("site_case_analysis_requests")
    .select("id")
    .where("id", "=", requestId)
    .where("site_case_id", "=", siteCaseId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the operator's answer; an answered request keeps its first answer. */
export async function answerAnalysisRequest(
  tx: Executor,
  requestId: string,
  answer: { decision: "grant" | "deny"; answered_by: string; answered_at: string },
) {
  await tx
    .updateTable("site_case_analysis_requests")
    .set(answer)
    .where("id", "=", requestId)
    .where("decision", "is", null)
    .execute();
}

// --- Leak notices -----------------------------------------------------------------------------

export function leakNoticesOf(executor: Executor, siteCaseId: string): Promise<LeakNoticeRow[]> {
  return executor
    .selectFrom("leak_notices")
    .selectAll()
    .where("site_case_id", "=", siteCaseId)
    .orderBy("published_at")
    .orderBy("id")
    .execute();
}

export async function insertLeakNotice(tx: Executor, row: LeakNoticesTable) {
  await tx.insertInto("leak_notices").values(row).execute();
}

/** A public leak notice with the name of the organization that published it. */
function publicLeakNotices(executor: Executor) {
  return executor
    .selectFrom("leak_notices")
    .innerJoin("organizations", "organizations.id", "leak_notices.organization_id")
    .select([
      "leak_notices.id",
      "leak_notices.summary",
      "leak_notices.period",
      "leak_notices.affected_count",
      "leak_notices.data_kinds",
      "leak_notices.cause",
      "leak_notices.contact",
      "leak_notices.published_at",
      "organizations.name as organization_name",
    ]);
}

export type PublicLeakNoticeRow = NonNullable<Awaited<ReturnType<typeof findPublicLeakNotice>>>;

export function findPublicLeakNotice(executor: Executor, id: string) {
  return publicLeakNotices(executor).where("leak_notices.id", "=", id).executeTakeFirst();
}

/** Every public notice, newest first, one row past the page. */
export function publicLeakNoticePage(executor: Executor, query: { after: After; limit: number }) {
  let select = publicLeakNotices(executor);
  const after = query.after;
  if (after) {
    select = select.where((eb) =>
      eb.or([
        eb("leak_notices.published_at", "<", after[0]),
        eb.and([
          eb("leak_notices.published_at", "=", after[0]),
          eb("leak_notices.id", "<", after[1]),
        ]),
      ]),
    );
  }
  return select
    .orderBy("leak_notices.published_at", "desc")
    .orderBy("leak_notices.id", "desc")
    .limit(query.limit + 1)
    .execute();
}

/** Marks the record changed at this instant (what every action on it does). */
export async function touchSiteCase(tx: Executor, id: string, at: string): Promise<void> {
  await tx.updateTable("site_cases").set({ updated_at: at }).where("id", "=", id).execute();
}
