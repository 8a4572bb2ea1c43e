import type { Kysely } from "kysely";
import { textLanguage } from "../../text/language.ts";

/**
 * Bilingual advisories (R-PUB-3): the language of an advisory's own texts, and the same texts
 * in the other language (JSON, null when there is none). Advisories published before this are
 * in the language their text is in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("advisories")
    .addColumn("language", "text", (c) => c.notNull().defaultTo("ja"))
    .execute();
  await db.schema.alterTable("advisories").addColumn("translation", "text").execute();
  const typed = db as unknown as Kysely<{
    advisories: { advisory_id: string; title: string; overview: string; language: string };
  }>;
  const rows = await typed
    .selectFrom("advisories")
    .select(["advisory_id", "title", "overview"])
    .execute();
  for (const row of rows) {
    if (textLanguage(`${row.title}${row.overview}`) === "en") {
      await typed
        .updateTable("advisories")
        .set({ language: "en" })
        .where("advisory_id", "=", row.advisory_id)
        .execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("advisories").dropColumn("translation").execute();
  await db.schema.alterTable("advisories").dropColumn("language").execute();
}
