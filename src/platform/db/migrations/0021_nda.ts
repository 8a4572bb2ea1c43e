import type { Kysely } from "kysely";

/**
 * NDAs in the application (issue 13 point 6, R-COO-2):
 * - `nda_texts`: the texts the coordinator publishes, one row per version, in Japanese and
 *   English; the newest is the one offered. A published text is never changed: what an
 *   organization accepted stays readable as it was.
 * - `nda_acceptances`: every NDA of an organization, accepted in the application by its admin
 *   (the text's id, the language read and the SHA-256 of that exact text) or signed on paper and
 *   recorded by the coordinator. `organizations.nda_*` keep the one the workflow reads.
 * Organizations whose NDA was recorded before get their paper record here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("nda_texts")
    .addColumn("id", "text", (c) => c.primaryKey())
    // 1, 2, …: the order of publication, whatever the clock says; the highest is offered.
    .addColumn("position", "integer", (c) => c.notNull().unique())
    .addColumn("version", "text", (c) => c.notNull().unique())
    .addColumn("body_ja", "text", (c) => c.notNull())
    .addColumn("body_en", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("nda_acceptances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("nda_text_id", "text")
    .addColumn("text_sha256", "text")
    .addColumn("language", "text")
    .addColumn("signed_at", "text", (c) => c.notNull())
    .addColumn("accepted_by", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("nda_acceptances_organization")
    .on("nda_acceptances")
    .columns(["organization_id", "accepted_at"])
    .execute();

  const typed = db as unknown as Kysely<{
    organizations: {
      id: string;
      nda_signed_at: string | null;
      nda_version: string | null;
      nda_recorded_by: string | null;
      nda_recorded_at: string | null;
    };
    nda_acceptances: {
      id: string;
      organization_id: string;
      method: string;
      version: string;
      nda_text_id: string | null;
      text_sha256: string | null;
      language: string | null;
      signed_at: string;
      accepted_by: string;
      accepted_at: string;
    };
  }>;
  const recorded = await typed
    .selectFrom("organizations")
    .select(["id", "nda_signed_at", "nda_version", "nda_recorded_by", "nda_recorded_at"])
    .where("nda_signed_at", "is not", null)
    .execute();
  for (const row of recorded) {
    if (!row.nda_signed_at || !row.nda_version) continue;
    await typed
      .insertInto("nda_acceptances")
      .values({
        // The organization's id names its one earlier record: no random id in a migration.
        id: `paper-${row.id}`,
        organization_id: row.id,
        method: "paper",
        version: row.nda_version,
        nda_text_id: null,
        text_sha256: null,
        language: null,
        signed_at: row.nda_signed_at,
        accepted_by: row.nda_recorded_by ?? "system",
        accepted_at: row.nda_recorded_at ?? row.nda_signed_at,
      })
      .execute();
  }
}
