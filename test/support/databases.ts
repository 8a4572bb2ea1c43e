import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseConfig } from "../../src/config/config.ts";
import { type DatabaseHandle, openDatabase } from "../../src/platform/db/database.ts";
import { migrateToLatest } from "../../src/platform/db/migrate.ts";
import { requireInCi } from "./suites.ts";

/**
 * The databases every database test runs against: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL points at a server (CI sets it). Each test database is fresh.
 */
export interface TestDatabaseTarget {
  name: "sqlite" | "postgres";
  /** A new, empty database's configuration (not yet opened or migrated). */
  create(): Promise<{ config: DatabaseConfig; drop(): Promise<void> }>;
}

export const sqliteTarget: TestDatabaseTarget = {
  name: "sqlite",
  async create() {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-test-db-"));
    return {
      config: { dialect: "sqlite", file: path.join(directory, "test.db") },
      drop: async () => fs.rmSync(directory, { recursive: true, force: true }),
    };
  },
};

function postgresTarget(adminUrl: string): TestDatabaseTarget {
  return {
    name: "postgres",
    async create() {
      const name = `kakehashi_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        config: { dialect: "postgres", url: url.toString() },
        drop: async () => {
          const client = new pg.Client({ connectionString: adminUrl });
          await client.connect();
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await client.end();
        },
      };
    },
  };
}

export function testDatabaseTargets(): TestDatabaseTarget[] {
  const url = process.env.TEST_DATABASE_URL;
  const postgres = requireInCi("PostgreSQL suite", Boolean(url), "TEST_DATABASE_URL is not set");
  return postgres && url ? [sqliteTarget, postgresTarget(url)] : [sqliteTarget];
}

export function postgresTargetIfAvailable(suite: string): TestDatabaseTarget | null {
  const url = process.env.TEST_DATABASE_URL;
  return requireInCi(suite, Boolean(url), "TEST_DATABASE_URL is not set") && url
    ? postgresTarget(url)
    : null;
}

/** Opens a fresh, migrated database of the target; close() also drops it. */
export async function openTestDatabase(
  target: TestDatabaseTarget,
): Promise<DatabaseHandle & { config: DatabaseConfig; close(): Promise<void> }> {
  const created = await target.create();
  const handle = openDatabase(created.config);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    config: created.config,
    async close() {
      await handle.destroy();
      await created.drop();
    },
  };
}
