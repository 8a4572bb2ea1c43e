import type { Executor } from "../../platform/db/database.ts";
import { DEFAULT_LANGUAGE, type Language } from "../../platform/i18n/i18n.ts";
import { inspectPublicKey } from "./pgp.ts";

export interface OrganizationMailRecipients {
  /** The organization's contact e-mails (its 窓口), in the order it registered them. */
  to: string[];
  /**
   * Its armored public key when it registered one that can encrypt at the given time; null
   * when there is none (or it expired or was revoked since): such mail then carries no case
   * content, only a notice to sign in (R-SEC-3).
   */
  encryptTo: string[] | null;
  language: Language;
}

/**
 * Who receives an organization's mail and how (for the outbox's `to` and `encryptTo`).
 * Organizations have no language of their own: the language of the person behind the first
 * contact address that is an account here, else of its first admin, else Japanese.
 */
export async function organizationMailRecipients(
  executor: Executor,
  organizationId: string,
  at: Date,
): Promise<OrganizationMailRecipients> {
  const organization = await executor
    .selectFrom("organizations")
    .select(["contact_emails", "pgp_public_key"])
    .where("id", "=", organizationId)
    .executeTakeFirst();
  if (!organization) throw new Error(`No organization ${organizationId}.`);
  const to = JSON.parse(organization.contact_emails) as string[];

  let encryptTo: string[] | null = null;
  if (organization.pgp_public_key) {
    try {
      const key = await inspectPublicKey(organization.pgp_public_key, at);
      encryptTo = [key.armored];
    } catch {
      // Usable when registered but not now: mail without content rather than no mail.
      encryptTo = null;
    }
  }

  return { to, encryptTo, language: await languageOf(executor, organizationId, to) };
}

async function languageOf(
  executor: Executor,
  organizationId: string,
  contacts: string[],
): Promise<Language> {
  const lowered = contacts.map((address) => address.toLowerCase());
  if (lowered.length > 0) {
    const people = await executor
      .selectFrom("users")
      .select(["email", "language"])
      // Both sides lower-cased: users.email is stored so.
      .where("email", "in", lowered)
      .execute();
    const byAddress = new Map(people.map((person) => [person.email, person.language]));
    for (const address of lowered) {
      const language = byAddress.get(address);
      if (language) return language;
    }
  }
  const admin = await executor
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.language")
    .where("memberships.organization_id", "=", organizationId)
    .where("memberships.role", "=", "admin")
    .orderBy("memberships.created_at")
    .orderBy("users.id")
    .executeTakeFirst();
  return admin?.language ?? DEFAULT_LANGUAGE;
}
