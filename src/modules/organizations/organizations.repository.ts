import { type Selectable, sql, type Updateable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { MemberRole, OrganizationsTable, OrganizationType } from "../../platform/db/schema.ts";
import { newId } from "../../platform/ids.ts";

/**
 * Organizations, their memberships and their change history: the organizations module is the
 * only writer of these tables. Other modules create an organization with `createOrganization`
 * and put a user into one with `addMembership`.
 */

export type OrganizationRow = Selectable<OrganizationsTable>;

export function findOrganization(
  executor: Executor,
  id: string,
): Promise<OrganizationRow | undefined> {
  return executor.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The oldest organization of a type (the one intake desk, the one coordinator). */
export async function firstOrganizationOfType(
  executor: Executor,
  type: OrganizationType,
): Promise<string | undefined> {
  const row = await executor
    .selectFrom("organizations")
    .select("id")
    .where("type", "=", type)
    .orderBy("created_at")
    .executeTakeFirst();
  return row?.id;
}

export interface NewOrganization {
  id: string;
  type: OrganizationType;
  name: string;
  contactEmails: string[];
  pgpPublicKey?: { armored: string; fingerprint: string } | null;
  products?: { name: string; cpe?: string | undefined; purl?: string | undefined }[];
  keywords?: string[];
  domains?: string[];
  sector?: string | null;
  at: string;
}

/** A new organization, without an NDA. */
export async function createOrganization(tx: Executor, organization: NewOrganization) {
  await tx
    .insertInto("organizations")
    .values({
      id: organization.id,
      type: organization.type,
      name: organization.name,
      contact_emails: JSON.stringify(organization.contactEmails),
      pgp_public_key: organization.pgpPublicKey?.armored ?? null,
      pgp_fingerprint: organization.pgpPublicKey?.fingerprint ?? null,
      products: JSON.stringify(organization.products ?? []),
      keywords: JSON.stringify(organization.keywords ?? []),
      domains: JSON.stringify(organization.domains ?? []),
      sector: organization.sector ?? null,
      nda_signed_at: null,
      nda_version: null,
      nda_recorded_by: null,
      nda_recorded_at: null,
      created_at: organization.at,
      updated_at: organization.at,
    })
    .execute();
}

/** Stored columns to change (JSON columns already serialized); `updated_at` is set to `at`. */
export type OrganizationChanges = Omit<
  Updateable<OrganizationsTable>,
  "id" | "type" | "created_at" | "updated_at"
>;

export async function updateOrganization(
  tx: Executor,
  id: string,
  changes: OrganizationChanges,
  at: string,
): Promise<void> {
  await tx
    .updateTable("organizations")
    .set({ ...changes, updated_at: at })
    .where("id", "=", id)
    .execute();
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** A page of the directory in name order, after the (name, id) of the last row shown. */
export function listOrganizations(
  db: Executor,
  query: {
    type?: OrganizationType | undefined;
    q?: string | undefined;
    after?: [string, string] | null;
    limit: number;
  },
): Promise<OrganizationRow[]> {
  let select = db.selectFrom("organizations").selectAll();
  if (query.type) select = select.where("type", "=", query.type);
  if (query.q) {
    const pattern = `%${escapeLike(query.q.toLowerCase())}%`;
    select = select.where((eb) =>
      eb.or([
        // SQLite has no default LIKE escape character: name it, or "\\_" never matches "_".
        ...(["name", "products", "keywords", "domains"] as const).map(
          (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
        ),
      ]),
    );
  }
  if (query.after) {
    const [name, id] = query.after;
    select = select.where((eb) =>
      eb.or([eb("name", ">", name), eb.and([eb("name", "=", name), eb("id", ">", id)])]),
    );
  }
  return select.orderBy("name").orderBy("id").limit(query.limit).execute();
}

// --- Change history ---------------------------------------------------------------------------

export async function insertOrganizationChange(
  tx: Executor,
  change: { organizationId: string; changedBy: string; at: string; changes: unknown },
): Promise<void> {
  await tx
    .insertInto("organization_changes")
    .values({
      id: newId(),
      organization_id: change.organizationId,
      changed_by: change.changedBy,
      changed_at: change.at,
      changes: JSON.stringify(change.changes),
    })
    .execute();
}

export function organizationChanges(db: Executor, organizationId: string) {
  return db
    .selectFrom("organization_changes")
    .leftJoin("users", "users.id", "organization_changes.changed_by")
    .select([
      "organization_changes.id",
      "changed_at",
      "changed_by",
      "changes",
      "users.name as changed_by_name",
    ])
    .where("organization_id", "=", organizationId)
    .orderBy("changed_at", "desc")
    .orderBy("organization_changes.id", "desc")
    .execute();
}

// --- Memberships ------------------------------------------------------------------------------

export function membersOf(db: Executor, organizationId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.password_hash",
      "users.totp_enabled_at",
      "memberships.role",
      "memberships.created_at",
    ])
    .where("memberships.organization_id", "=", organizationId)
    .orderBy("users.name")
    .execute();
}

export function findMembership(tx: Executor, organizationId: string, userId: string) {
  return tx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email", "memberships.role"])
    .where("memberships.user_id", "=", userId)
    .where("memberships.organization_id", "=", organizationId)
    .executeTakeFirst();
}

/** Whether any account, in an organization or not, has this (lower-cased) address. */
export async function accountExists(tx: Executor, email: string): Promise<boolean> {
  const row = await tx
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  return row !== undefined;
}

/** Puts a user into an organization; a user belongs to one organization at most. */
export async function addMembership(
  tx: Executor,
  membership: { userId: string; organizationId: string; role: MemberRole; at: string },
): Promise<void> {
  await tx
    .insertInto("memberships")
    .values({
      user_id: membership.userId,
      organization_id: membership.organizationId,
      role: membership.role,
      created_at: membership.at,
    })
    .execute();
}

export async function removeMembership(tx: Executor, userId: string): Promise<void> {
  await tx.deleteFrom("memberships").where("user_id", "=", userId).execute();
}
