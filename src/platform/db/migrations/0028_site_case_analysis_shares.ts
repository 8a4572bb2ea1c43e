import { type Kysely, sql } from "kysely";

/**
 * Outside analysis of a web-application case (R-ANA-2, docs/analysis-shares.md): a share names
 * either a product case (`case_id`) or a site case (`site_case_id`), exactly one of them.
 *
 * `case_id` was NOT NULL in 0027 and SQLite cannot drop a NOT NULL, so the three tables are
 * rebuilt on both databases alike: their rows are read, the tables dropped (children first, so
 * no foreign key is left dangling) and created again with the new column, and the rows put back.
 * The tables are small (a share is a deliberate act of the desk).
 */
type Row = Record<string, unknown>;
type Untyped = Kysely<Record<string, Row>>;

const TABLES = ["analysis_share_reads", "analysis_share_members", "analysis_shares"] as const;

async function rowsOf(db: Untyped): Promise<Record<(typeof TABLES)[number], Row[]>> {
  return {
    analysis_shares: await db.selectFrom("analysis_shares").selectAll().execute(),
    analysis_share_members: await db.selectFrom("analysis_share_members").selectAll().execute(),
    analysis_share_reads: await db.selectFrom("analysis_share_reads").selectAll().execute(),
  };
}

async function dropAll(db: Kysely<unknown>) {
  for (const table of TABLES) await db.schema.dropTable(table).execute();
}

async function createAll(db: Kysely<unknown>, withSiteCases: boolean) {
  let shares = db.schema
    .createTable("analysis_shares")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) =>
      withSiteCases ? c.references("cases.id") : c.notNull().references("cases.id"),
    );
  if (withSiteCases) {
    shares = shares.addColumn("site_case_id", "text", (c) => c.references("site_cases.id"));
  }
  shares = shares
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("classes", "text", (c) => c.notNull())
    .addColumn("until", "text", (c) => c.notNull())
    .addColumn("consultation_sealed", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text");
  if (withSiteCases) {
    shares = shares.addCheckConstraint(
      "analysis_shares_one_subject",
      sql`(case_id is null) <> (site_case_id is null)`,
    );
  }
  await shares.execute();
  await db.schema
    .createIndex("analysis_shares_case")
    .on("analysis_shares")
    .columns(["case_id", "created_at"])
    .execute();
  if (withSiteCases) {
    await db.schema
      .createIndex("analysis_shares_site_case")
      .on("analysis_shares")
      .columns(["site_case_id", "created_at"])
      .execute();
  }
  await db.schema
    .createIndex("analysis_shares_organization")
    .on("analysis_shares")
    .columns(["organization_id", "until"])
    .execute();
  await db.schema
    .createTable("analysis_share_members")
    .addColumn("share_id", "text", (c) => c.notNull().references("analysis_shares.id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("assigned_by", "text", (c) => c.notNull())
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("analysis_share_members_pk", ["share_id", "user_id"])
    .execute();
  await db.schema
    .createTable("analysis_share_reads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("share_id", "text", (c) => c.notNull().references("analysis_shares.id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("classes", "text", (c) => c.notNull())
    .addColumn("read_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("analysis_share_reads_share")
    .on("analysis_share_reads")
    .columns(["share_id", "read_at"])
    .execute();
}

async function putBack(db: Untyped, rows: Record<(typeof TABLES)[number], Row[]>) {
  for (const table of [...TABLES].reverse()) {
    for (const row of rows[table]) await db.insertInto(table).values(row).execute();
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const untyped = db as unknown as Untyped;
  const rows = await rowsOf(untyped);
  await dropAll(db);
  await createAll(db, true);
  await putBack(untyped, rows);
}

/** Back to 0027: the shares of site cases (and their members and reads) cannot be kept. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const untyped = db as unknown as Untyped;
  const rows = await rowsOf(untyped);
  const siteShares = new Set(
    rows.analysis_shares.filter((row) => row.site_case_id != null).map((row) => row.id),
  );
  await dropAll(db);
  await createAll(db, false);
  await putBack(untyped, {
    analysis_shares: rows.analysis_shares
      .filter((row) => !siteShares.has(row.id))
      .map(({ site_case_id: _dropped, ...row }) => row),
    analysis_share_members: rows.analysis_share_members.filter(
      (row) => !siteShares.has(row.share_id),
    ),
    analysis_share_reads: rows.analysis_share_reads.filter((row) => !siteShares.has(row.share_id)),
  });
}
