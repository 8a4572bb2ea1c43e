import type { Kysely } from "kysely";

/**
 * The CSAF trusted provider (CSAF 2.0 section 7.1).
 *
 * `csaf_signing_keys`: the platform's OpenPGP signing key pairs (requirements 19 and 20), apart
 * from the desk's encryption key. As with `desk_keys`, the one current key holds the unique
 * `current_slot`; retired keys keep a NULL slot and are still served (revoked as superseded) so
 * that copies signed before a rotation can be checked. The private key is sealed.
 *
 * `csaf_documents`: every published CSAF document as served, byte for byte, with its hashes and
 * detached signature, so that what the hash and signature cover never changes under them. A
 * document is rewritten only when its content changes (an update of the advisory) or when the
 * signing key is rotated (the signature alone). Only published advisories ever get a row.
 *
 * Advisories published before this migration get their files when the application starts
 * (signing needs the key, which a migration does not open).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("csaf_signing_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("fingerprint", "text", (c) => c.notNull().unique())
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("private_key_sealed", "text", (c) => c.notNull())
    .addColumn("current_slot", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_signed_at", "text")
    .addColumn("retired_at", "text")
    .execute();

  await db.schema
    .createTable("csaf_documents")
    /** Relative to the TLP:WHITE directory: `<year>/<file name>.json`. */
    .addColumn("path", "text", (c) => c.primaryKey())
    .addColumn("advisory_id", "text", (c) => c.notNull())
    .addColumn("tracking_id", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("categories", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("sha512", "text", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull())
    .addColumn("signed_by", "text", (c) => c.notNull())
    .addColumn("initial_release_date", "text", (c) => c.notNull())
    .addColumn("current_release_date", "text", (c) => c.notNull())
    .addColumn("stored_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("csaf_documents_advisory")
    .on("csaf_documents")
    .column("advisory_id")
    .execute();
  await db.schema
    .createIndex("csaf_documents_changes")
    .on("csaf_documents")
    .columns(["current_release_date", "path"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("csaf_documents").execute();
  await db.schema.dropTable("csaf_signing_keys").execute();
}
