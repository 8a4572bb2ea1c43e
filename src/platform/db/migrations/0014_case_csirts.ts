import type { Kysely } from "kysely";

/**
 * The CSIRTs a case involves — the one that opened it and those it was referred to (R-COO-9) —
 * projected from the case's state, so that "the cases a CSIRT may see" is one SQL filter for
 * its list and for opening one case (they disagreed before: a referred CSIRT could open the
 * case by URL but did not see it in its list). Filled here from the states already stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("case_csirts")
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_csirts_pk", ["case_id", "organization_id"])
    .execute();
  await db.schema
    .createIndex("case_csirts_organization")
    .on("case_csirts")
    .column("organization_id")
    .execute();
  const typed = db as unknown as Kysely<{
    workflow_states: { aggregate_type: string; aggregate_id: string; state: string };
    case_csirts: { case_id: string; organization_id: string };
  }>;
  const states = await typed
    .selectFrom("workflow_states")
    .select(["aggregate_id", "state"])
    .where("aggregate_type", "=", "case")
    .execute();
  for (const row of states) {
    const state = JSON.parse(row.state) as {
      source?: { kind?: string; csirtOrgId?: string } | null;
      referrals?: { csirtOrgId: string }[];
    };
    const ids = new Set<string>(
      [
        state.source?.kind === "csirt" ? state.source.csirtOrgId : undefined,
        ...(state.referrals ?? []).map((r) => r.csirtOrgId),
      ].filter((id): id is string => typeof id === "string"),
    );
    for (const organizationId of ids) {
      await typed
        .insertInto("case_csirts")
        .values({ case_id: row.aggregate_id, organization_id: organizationId })
        .execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("case_csirts").execute();
}
