import { sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openTestDatabase, postgresTargetIfAvailable } from "../../../test/support/databases.ts";

describe("the PostgreSQL connection pool", () => {
  const postgres = postgresTargetIfAvailable("PostgreSQL pool test");
  it.runIf(postgres)(
    "survives the server ending an idle connection, and the next query reconnects",
    async () => {
      if (!postgres) return;
      const database = await openTestDatabase(postgres);
      try {
        const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(
          database.db,
        );
        const pid = before.rows[0]?.pid;
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        await admin.query("select pg_terminate_backend($1)", [pid]);
        await admin.end();
        // The idle client's error arrives asynchronously; without a pool error listener it
        // would be an uncaught exception here.
        await new Promise((resolve) => setTimeout(resolve, 200));
        const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(
          database.db,
        );
        expect(after.rows[0]?.pid).not.toBe(pid);
      } finally {
        await database.close();
      }
    },
  );
});
