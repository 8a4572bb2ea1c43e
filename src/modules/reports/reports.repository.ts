/**
 * The SQL of the reports module, the only writer of `reports`, `report_messages` and
 * `disclosure_consultations` (attachments.service.ts keeps the attachments table to itself). No
 * rules here; callers check access first.
 */
import type { Insertable, Selectable, Updateable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type {
  DisclosureConsultationsTable,
  ReportMessagesTable,
  ReportsTable,
} from "../../platform/db/schema.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import type { UserActor } from "../access/actor.ts";
import { whereVisible } from "./reports.visibility.ts";

export type ReportRow = Selectable<ReportsTable>;

/** A report's receipt number (the finder's reference), as mail and other modules name it. */
export async function receiptNumberOf(
  executor: Executor,
  reportId: string,
): Promise<string | null> {
  const row = await executor
    .selectFrom("reports")
    .select("receipt_number")
    .where("id", "=", reportId)
    .executeTakeFirst();
  return row?.receipt_number ?? null;
}
export type ReportMessageRow = Selectable<ReportMessagesTable>;
export type ConsultationRow = Selectable<DisclosureConsultationsTable>;

// --- Reports --------------------------------------------------------------------------------

/** The report, if the caller may know it exists (reports.visibility.ts). */
export function findVisibleReport(
  executor: Executor,
  actor: UserActor,
  id: string,
): Promise<ReportRow | undefined> {
  return executor
    .selectFrom("reports")
    .selectAll()
    .where("id", "=", id)
    .where((eb) => whereVisible(eb, actor))
    .executeTakeFirst();
}

export async function insertReport(tx: Executor, row: Insertable<ReportsTable>): Promise<void> {
  await tx.insertInto("reports").values(row).execute();
}

/** Changes a report's own columns (not `updated_at`: the action pipeline touches that). */
export async function updateReport(
  tx: Executor,
  id: string,
  changes: Omit<Updateable<ReportsTable>, "id" | "updated_at">,
): Promise<void> {
  await tx.updateTable("reports").set(changes).where("id", "=", id).execute();
}

/** Whether the user is a member of the intake desk (an assignee must be). */
export async function isIntakeMember(executor: Executor, userId: string): Promise<boolean> {
  const member = await executor
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.id", "memberships.organization_id")
    .select("memberships.user_id")
    .where("memberships.user_id", "=", userId)
    .where("organizations.type", "=", "intake")
    .executeTakeFirst();
  return member !== undefined;
}

/** The directory's type of an organization, or undefined when there is none by that id. */
export async function organizationType(executor: Executor, organizationId: string) {
  const org = await executor
    .selectFrom("organizations")
    .select(["id", "type"])
    .where("id", "=", organizationId)
    .executeTakeFirst();
  return org?.type;
}

/** Where and how the finder is written to. */
export async function finderAddress(executor: Executor, finderUserId: string) {
  const finder = await executor
    .selectFrom("users")
    .select(["email", "name", "language"])
    .where("id", "=", finderUserId)
    .executeTakeFirstOrThrow();
  return { email: finder.email, name: finder.name, language: finder.language as Language };
}

/** The finder's language (the desk writes to the finder in it); Japanese when unknown. */
export async function finderLanguage(executor: Executor, finderUserId: string): Promise<Language> {
  const finder = await executor
    .selectFrom("users")
    .select("language")
    .where("id", "=", finderUserId)
    .executeTakeFirst();
  return finder?.language === "en" ? "en" : "ja";
}

/** R-PUB-5: the advisory published for a case, if any. */
export async function advisoryIdOfCase(executor: Executor, caseId: string) {
  const advisory = await executor
    .selectFrom("advisories")
    .select("advisory_id")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return advisory?.advisory_id ?? null;
}

// --- Messages -------------------------------------------------------------------------------

/** The instant of a thread's newest message, or null for an empty thread. */
export async function lastMessageAt(executor: Executor, reportId: string): Promise<string | null> {
  const last = await executor
    .selectFrom("report_messages")
    .select((eb) => eb.fn.max("created_at").as("at"))
    .where("report_id", "=", reportId)
    .executeTakeFirst();
  return last?.at ?? null;
}

export async function insertMessage(
  tx: Executor,
  row: Insertable<ReportMessagesTable>,
): Promise<void> {
  await tx.insertInto("report_messages").values(row).execute();
}

/** The thread, oldest first. */
export function listMessages(executor: Executor, reportId: string): Promise<ReportMessageRow[]> {
  return executor
    .selectFrom("report_messages")
    .selectAll()
    .where("report_id", "=", reportId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

// --- Disclosure consultations ---------------------------------------------------------------

export async function insertConsultation(
  tx: Executor,
  row: Insertable<DisclosureConsultationsTable>,
): Promise<void> {
  await tx.insertInto("disclosure_consultations").values(row).execute();
}

/** Records the desk's answer unless one was given already; whether it was recorded. */
export async function answerConsultation(
  tx: Executor,
  reportId: string,
  consultationId: string,
  answer: Pick<
    Updateable<DisclosureConsultationsTable>,
    "decision" | "until" | "reason" | "answered_by" | "answered_at"
  >,
): Promise<boolean> {
  const answered = await tx
    .updateTable("disclosure_consultations")
    .set(answer)
    .where("id", "=", consultationId)
    .where("report_id", "=", reportId)
    .where("decision", "is", null)
    .returning("id")
    .executeTakeFirst();
  return answered !== undefined;
}

export async function consultationExists(
  executor: Executor,
  reportId: string,
  consultationId: string,
): Promise<boolean> {
  const row = await executor
    .selectFrom("disclosure_consultations")
    .select("id")
    .where("id", "=", consultationId)
    .where("report_id", "=", reportId)
    .executeTakeFirst();
  return row !== undefined;
}

export function listConsultations(executor: Executor, reportId: string) {
  return executor
    .selectFrom("disclosure_consultations")
    .selectAll()
    .where("report_id", "=", reportId)
    .orderBy("created_at")
    .execute();
}

// --- Duplicates -----------------------------------------------------------------------------

/** Reports received up to the given one (itself left out), newest first. */
export function earlierReports(
  executor: Executor,
  report: Pick<ReportRow, "id" | "received_at">,
  limit: number,
): Promise<ReportRow[]> {
  return executor
    .selectFrom("reports")
    .selectAll()
    .where("id", "!=", report.id)
    .where("received_at", "<=", report.received_at)
    .orderBy("received_at", "desc")
    .limit(limit)
    .execute();
}

/** Published advisories, newest first: their public text and search keys. */
export function recentAdvisories(executor: Executor, limit: number) {
  return executor
    .selectFrom("advisories")
    .select([
      "advisory_id",
      "title",
      "overview",
      "description",
      "cwe",
      "published_at",
      "search_products",
      "search_vendors",
    ])
    .orderBy("published_at", "desc")
    .limit(limit)
    .execute();
}

/** The report with its status, if the caller may know it exists. */
export function findVisibleReportStatus(executor: Executor, actor: UserActor, id: string) {
  return executor
    .selectFrom("reports")
    .leftJoin("workflow_states", "workflow_states.aggregate_id", "reports.id")
    .select([
      "reports.id",
      "reports.finder_user_id",
      "reports.assignee_user_id",
      "workflow_states.status",
    ])
    .where("reports.id", "=", id)
    .where((eb) => whereVisible(eb, actor))
    .executeTakeFirst();
}

/**
 * Sets the report's `updated_at`. Writing the row first also locks it (PostgreSQL) for the rest
 * of the transaction, so two uploads at once cannot both pass the count that follows.
 */
export async function touchReport(tx: Executor, id: string, at: string): Promise<void> {
  await tx.updateTable("reports").set({ updated_at: at }).where("id", "=", id).execute();
}
