import type { Kysely } from "kysely";

/**
 * Notification preferences and the daily digest (issue 13 item 1):
 * - `notification_preferences`: a user's choice per kind of event (immediate, digest, none);
 *   a kind without a row follows the default of the user's role (modules/notifications/kinds.ts);
 * - `notification_digest_items`: what a user who chose the digest has yet to hear of — what
 *   happened (a catalog key and its parameters, never report text), the receipt or case number
 *   and the link. The digest job mails each user one message and marks the items sent with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_preferences_pk", ["user_id", "kind"])
    .execute();
  await db.schema
    .createTable("notification_digest_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("what", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("mail_id", "text")
    .execute();
  await db.schema
    .createIndex("notification_digest_items_pending")
    .on("notification_digest_items")
    .columns(["sent_at", "user_id", "occurred_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("notification_digest_items_pending").execute();
  await db.schema.dropTable("notification_digest_items").execute();
  await db.schema.dropTable("notification_preferences").execute();
}
