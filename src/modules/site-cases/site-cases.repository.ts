import type { Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type {
  LeakNoticesTable,
  ReportsTable,
  SiteCaseAnalysisRequestsTable,
  SiteCaseMessagesTable,
  SiteCasesTable,
} from "../../platform/db/schema.ts";
import { isLanguage, type Language } from "../../platform/i18n/i18n.ts";

export type SiteCaseRow = Selectable<SiteCasesTable>;
export type ReportRow = Selectable<ReportsTable>;
export type MessageRow = Selectable<SiteCaseMessagesTable>;
export type AnalysisRequestRow = Selectable<SiteCaseAnalysisRequestsTable>;
export type LeakNoticeRow = Selectable<LeakNoticesTable>;

/** Someone a notification goes to, in their language. */
export interface Recipient {
  email: string;
  language: Language;
}

export function findSiteCase(executor: Executor, id: string): Promise<SiteCaseRow | undefined> {
  return executor.selectFrom("site_cases").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findReport(executor: Executor, id: string): Promise<ReportRow | undefined> {
  return executor.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
}

function dedupe(recipients: Recipient[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const recipient of recipients) {
    const key = recipient.email.toLowerCase();
    if (!seen.has(key)) seen.set(key, recipient);
  }
  return [...seen.values()];
}

/**
 * Who hears for the operator organization: its contact addresses (in the language of the
 * account with that address, Japanese otherwise), its admins and the members assigned to the
 * case.
 */
export async function operatorRecipients(
  executor: Executor,
  organizationId: string,
  siteCaseId: string,
): Promise<Recipient[]> {
  const organization = await executor
    .selectFrom("organizations")
    .select("contact_emails")
    .where("id", "=", organizationId)
    .executeTakeFirst();
  const contacts = organization ? (JSON.parse(organization.contact_emails) as string[]) : [];
  const members = await executor
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .leftJoin("case_members", (join) =>
      join
        .onRef("case_members.user_id", "=", "memberships.user_id")
        .on("case_members.case_id", "=", siteCaseId),
    )
    .select(["users.email", "users.language", "memberships.role", "case_members.case_id"])
    .where("memberships.organization_id", "=", organizationId)
    .execute();
  const languageOf = new Map(
    members.map((member) => [member.email.toLowerCase(), member.language]),
  );
  const people = members
    .filter((member) => member.role === "admin" || member.case_id !== null)
    .map((member) => ({ email: member.email, language: member.language }));
  const addresses = contacts.map((email) => ({
    email,
    language: languageOf.get(email.toLowerCase()) ?? ("ja" as Language),
  }));
  return dedupe([...addresses, ...people]);
}

/** The language of the account with this address, Japanese (the deployment's) when there is none. */
export async function languageOfAddress(executor: Executor, email: string): Promise<Language> {
  const row = await executor
    .selectFrom("users")
    .select("language")
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return row && isLanguage(row.language) ? row.language : "ja";
}

/** The desk member handling the report, or, while nobody is, the desk's admins. */
export async function deskRecipients(executor: Executor, report: ReportRow): Promise<Recipient[]> {
  let query = executor
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .innerJoin("organizations", "organizations.id", "memberships.organization_id")
    .select(["users.email", "users.language"])
    .where("organizations.type", "=", "intake");
  query = report.assignee_user_id
    ? query.where("users.id", "=", report.assignee_user_id)
    : query.where("memberships.role", "=", "admin");
  const rows = await query.execute();
  return dedupe(
    rows.map((row) => ({
      email: row.email,
      language: isLanguage(row.language) ? row.language : "ja",
    })),
  );
}

export async function userContact(
  executor: Executor,
  userId: string,
): Promise<{ email: string; name: string; language: Language } | undefined> {
  return executor
    .selectFrom("users")
    .select(["email", "name", "language"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

/**
 * R-SEC-6: the members an operator organization has when a case reaches it see the case by
 * default (its admins always do); the admin may change that afterwards.
 */
export async function assignCurrentMembers(
  executor: Executor,
  input: { siteCaseId: string; organizationId: string; at: string },
): Promise<void> {
  const members = await executor
    .selectFrom("memberships")
    .leftJoin("case_members", (join) =>
      join
        .onRef("case_members.user_id", "=", "memberships.user_id")
        .on("case_members.case_id", "=", input.siteCaseId),
    )
    .select(["memberships.user_id", "case_members.case_id"])
    .where("memberships.organization_id", "=", input.organizationId)
    .where("memberships.role", "!=", "admin")
    .execute();
  const missing = members.filter((member) => member.case_id === null);
  if (missing.length === 0) return;
  await executor
    .insertInto("case_members")
    .values(
      missing.map((member) => ({
        case_id: input.siteCaseId,
        organization_id: input.organizationId,
        user_id: member.user_id,
        assigned_by: "system",
        assigned_at: input.at,
      })),
    )
    .execute();
}

export async function isAssigned(
  executor: Executor,
  siteCaseId: string,
  userId: string,
): Promise<boolean> {
  const row = await executor
    .selectFrom("case_members")
    .select("user_id")
    .where("case_id", "=", siteCaseId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

export function messagesOf(executor: Executor, siteCaseId: string): Promise<MessageRow[]> {
  return executor
    .selectFrom("site_case_messages")
    .selectAll()
    .where("site_case_id", "=", siteCaseId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

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

export function leakNoticesOf(executor: Executor, siteCaseId: string): Promise<LeakNoticeRow[]> {
  return executor
    .selectFrom("leak_notices")
    .selectAll()
    .where("site_case_id", "=", siteCaseId)
    .orderBy("published_at")
    .orderBy("id")
    .execute();
}

/** A public leak notice with the name of the organization that published it. */
export function publicLeakNotices(executor: Executor) {
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
