import type { Executor } from "../../platform/db/database.ts";
import { isLanguage, type Language } from "../../platform/i18n/i18n.ts";
import type { ReportRow } from "./site-cases.repository.ts";

/**
 * Who hears of a site case, read from the directory (users, memberships, organizations): the
 * operator's people and the desk, each in their language.
 */

/** Someone a notification goes to, in their language. */
export interface Recipient {
  email: string;
  language: Language;
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
