import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * Workflow events and current states (src/workflow). Events are append-only (triggers on both
 * databases) and numbered per aggregate: the primary key (aggregate_id, version) is what makes a
 * concurrent second writer fail cleanly (optimistic concurrency). The current-state row is
 * written in the same transaction; `kakehashi replay --check` rebuilds it from the events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("workflow_events")
    .addColumn("aggregate_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("aggregate_type", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("command_id", "text", (c) => c.notNull())
    .addColumn("actor_kind", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("workflow_events_pk", ["aggregate_id", "version"])
    .execute();
  await db.schema
    .createIndex("workflow_events_command")
    .on("workflow_events")
    .column("command_id")
    .execute();
  await db.schema
    .createIndex("workflow_events_type_at")
    .on("workflow_events")
    .columns(["aggregate_type", "type", "at"])
    .execute();

  await db.schema
    .createTable("workflow_states")
    .addColumn("aggregate_id", "text", (c) => c.primaryKey())
    .addColumn("aggregate_type", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("workflow_states_type_status")
    .on("workflow_states")
    .columns(["aggregate_type", "status"])
    .execute();

  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const operation of ["UPDATE", "DELETE"]) {
      await sql
        .raw(
          `CREATE TRIGGER workflow_events_no_${operation.toLowerCase()} BEFORE ${operation} ON workflow_events
           BEGIN SELECT RAISE(ABORT, 'workflow_events is append-only'); END`,
        )
        .execute(db);
    }
  } else {
    await sql
      .raw(
        `CREATE FUNCTION workflow_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'workflow_events is append-only'; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER workflow_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON workflow_events
         FOR EACH STATEMENT EXECUTE FUNCTION workflow_events_append_only()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("workflow_states").execute();
  await db.schema.dropTable("workflow_events").execute();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql.raw("DROP FUNCTION IF EXISTS workflow_events_append_only()").execute(db);
  }
}
