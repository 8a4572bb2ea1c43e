import type { Kysely } from "kysely";

/**
 * The intake desk's OpenPGP key pair (R-SEC-3): finders may encrypt a report to its public
 * key. The private key is sealed with the FieldCipher. Exactly one key is current: its
 * `current_slot` is "current" and the column is unique, so two processes creating the first
 * key at once cannot both succeed (INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL
 * alike). Retired keys keep a NULL slot (NULLs never collide) and still decrypt old messages.
 *
 * A report's decrypted PGP message is sealed in its own column, apart from the other text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("desk_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("fingerprint", "text", (c) => c.notNull().unique())
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("private_key_sealed", "text", (c) => c.notNull())
    .addColumn("current_slot", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .execute();

  await db.schema.alterTable("reports").addColumn("pgp_message_sealed", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("reports").dropColumn("pgp_message_sealed").execute();
  await db.schema.dropTable("desk_keys").execute();
}
