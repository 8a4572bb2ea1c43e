/** SQL of the notifications module: preferences and digest items (it owns both tables). */
import type { Executor } from "../../platform/db/database.ts";
import type { OrganizationType } from "../../platform/db/schema.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import type { Delivery, NotificationKind } from "./kinds.ts";

export interface Person {
  userId: string;
  email: string;
  name: string;
  language: Language;
  organizationType: OrganizationType | null;
}

const personColumns = [
  "users.id as userId",
  "users.email as email",
  "users.name as name",
  "users.language as language",
  "organizations.type as organizationType",
] as const;

function people(executor: Executor) {
  return executor
    .selectFrom("users")
    .leftJoin("memberships", "memberships.user_id", "users.id")
    .leftJoin("organizations", "organizations.id", "memberships.organization_id")
    .select(personColumns);
}

/** The account behind an address, if there is one (users.email is stored lower-cased). */
export async function personByEmail(executor: Executor, email: string): Promise<Person | null> {
  return (
    (await people(executor).where("users.email", "=", email.toLowerCase()).executeTakeFirst()) ??
    null
  );
}

export async function personById(executor: Executor, userId: string): Promise<Person | null> {
  return (await people(executor).where("users.id", "=", userId).executeTakeFirst()) ?? null;
}

/** The members of the intake desk or the coordinator (every role), in a stable order. */
export async function membersOf(
  executor: Executor,
  type: "intake" | "coordinator",
): Promise<Person[]> {
  return people(executor).where("organizations.type", "=", type).orderBy("users.id").execute();
}

export async function preferencesOf(
  executor: Executor,
  userId: string,
): Promise<Map<string, Delivery>> {
  const rows = await executor
    .selectFrom("notification_preferences")
    .select(["kind", "delivery"])
    .where("user_id", "=", userId)
    .execute();
  return new Map(rows.map((row) => [row.kind, row.delivery]));
}

export async function preferenceOf(
  executor: Executor,
  userId: string,
  kind: NotificationKind,
): Promise<Delivery | null> {
  const row = await executor
    .selectFrom("notification_preferences")
    .select("delivery")
    .where("user_id", "=", userId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return row?.delivery ?? null;
}

export async function savePreference(
  executor: Executor,
  row: { user_id: string; kind: NotificationKind; delivery: Delivery; updated_at: string },
): Promise<void> {
  await executor
    .insertInto("notification_preferences")
    .values(row)
    .onConflict((conflict) =>
      conflict
        .columns(["user_id", "kind"])
        .doUpdateSet({ delivery: row.delivery, updated_at: row.updated_at }),
    )
    .execute();
}

export interface DigestItemRow {
  id: string;
  user_id: string;
  kind: string;
  what: string;
  params: string;
  reference: string;
  link: string;
  occurred_at: string;
}

export async function insertDigestItem(executor: Executor, row: DigestItemRow): Promise<void> {
  await executor
    .insertInto("notification_digest_items")
    .values({ ...row, sent_at: null, mail_id: null })
    .execute();
}

/** The users with items not yet sent, as of an instant. */
export async function usersWithPendingItems(executor: Executor, until: string): Promise<string[]> {
  const rows = await executor
    .selectFrom("notification_digest_items")
    .select("user_id")
    .distinct()
    .where("sent_at", "is", null)
    .where("occurred_at", "<=", until)
    .orderBy("user_id")
    .execute();
  return rows.map((row) => row.user_id);
}

export async function pendingItemsOf(
  executor: Executor,
  userId: string,
  until: string,
): Promise<DigestItemRow[]> {
  return executor
    .selectFrom("notification_digest_items")
    .select(["id", "user_id", "kind", "what", "params", "reference", "link", "occurred_at"])
    .where("user_id", "=", userId)
    .where("sent_at", "is", null)
    .where("occurred_at", "<=", until)
    .orderBy("occurred_at")
    .orderBy("id")
    .execute();
}

/** Marks the items sent with a mail; answers how many were still pending (another run's are not). */
export async function markItemsSent(
  executor: Executor,
  ids: readonly string[],
  mailId: string,
  at: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await executor
    .updateTable("notification_digest_items")
    .set({ sent_at: at, mail_id: mailId })
    .where("id", "in", ids)
    .where("sent_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
