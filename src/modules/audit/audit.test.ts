import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  createTestUser,
  signIn,
  type TestUser,
  type UserKind,
} from "../../../test/support/actors.ts";
import { type TestDatabaseTarget, testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import type { DatabaseConfig } from "../../config/config.ts";
import type { AuditLogTable } from "../../platform/db/schema.ts";
import { SYSTEM_ACTOR } from "../access/actor.ts";
import { createOrganizationsService } from "../organizations/organizations.service.ts";
import { type Audit, entryHash, verifyAuditLog } from "./audit.ts";
import type { AuditType } from "./audit-types.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const CLI_TIMEOUT = 60_000;

type Db = TestRuntime["database"]["db"];

async function entryCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function head(db: Db) {
  return db.selectFrom("audit_head").select(["seq", "hash"]).executeTakeFirstOrThrow();
}

async function entry(db: Db, seq: number) {
  return db.selectFrom("audit_log").selectAll().where("seq", "=", seq).executeTakeFirstOrThrow();
}

/** Removes the append-only triggers, as someone with direct database access could. */
async function dropAppendOnlyTriggers(runtime: TestRuntime): Promise<void> {
  const { db, dialect } = runtime.database;
  if (dialect === "sqlite") {
    await sql.raw("DROP TRIGGER audit_log_no_update").execute(db);
    await sql.raw("DROP TRIGGER audit_log_no_delete").execute(db);
  } else {
    await sql.raw("DROP TRIGGER audit_log_append_only ON audit_log").execute(db);
  }
}

/** A few entries through the real services: the desks, then some events. */
async function writeHistory(runtime: TestRuntime): Promise<number> {
  await runtime.services.organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
    intake: "Intake",
    coordinator: "Coordinator",
  });
  for (const type of ["test.one", "test.two", "test.three", "test.four", "test.five"]) {
    await runtime.database.db.transaction().execute((tx) =>
      runtime.services.audit.record(tx, SYSTEM_ACTOR, {
        // The chain does not care which type an entry has: test types stand in for real ones.
        type: type as AuditType,
        subjectType: "test",
        subjectId: type,
        details: { n: type.length },
      }),
    );
  }
  return entryCount(runtime.database.db);
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function databaseUrl(config: DatabaseConfig): string {
  return config.dialect === "sqlite" ? `sqlite:${config.file}` : config.url;
}

/** Runs `kakehashi audit verify` (bin/kakehashi.js, as an operator would). */
function auditVerify(dataDir: string, database?: DatabaseConfig): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    "NODE_ENV",
    "PORT",
    "DATABASE_URL",
    "MAIL_URL",
    "PUBLIC_URL",
    "KAKEHASHI_MASTER_KEY",
    "KAKEHASHI_DATA_DIR",
  ]) {
    delete env[name];
  }
  env.KAKEHASHI_DATA_DIR = dataDir;
  if (database) env.DATABASE_URL = databaseUrl(database);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/kakehashi.js", "audit", "verify"], {
      cwd: root,
      env,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(testDatabaseTargets())("the audit log on $name", (target: TestDatabaseTarget) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  /** A fresh runtime whose log has a short history and no append-only triggers. */
  async function tamperable(work: (runtime: TestRuntime, entries: number) => Promise<void>) {
    const scratch = await createTestRuntime(target);
    try {
      const entries = await writeHistory(scratch);
      expect(await verifyAuditLog(scratch.database.db)).toEqual({ ok: true, entries });
      await dropAppendOnlyTriggers(scratch);
      await work(scratch, entries);
    } finally {
      await scratch.close();
    }
  }

  describe("writing", () => {
    it("writes no entry when the transaction that recorded it rolls back", async () => {
      const { db } = runtime.database;
      const countBefore = await entryCount(db);
      const headBefore = await head(db);
      await expect(
        db.transaction().execute(async (tx) => {
          await runtime.services.audit.record(tx, SYSTEM_ACTOR, {
            type: "test.rolled_back" as AuditType,
          });
          throw new Error("the change failed after its entry was written");
        }),
      ).rejects.toThrow(/the change failed/);
      expect(await entryCount(db)).toBe(countBefore);
      expect(await head(db)).toEqual(headBefore);
      const found = await db
        .selectFrom("audit_log")
        .select("seq")
        .where("type", "=", "test.rolled_back" as AuditType)
        .execute();
      expect(found).toEqual([]);
      expect((await verifyAuditLog(db)).ok).toBe(true);
    });

    it("commits a service's change and its entry together: when the transaction fails, neither is kept", async () => {
      const { db } = runtime.database;
      const coordinator = await cast.actorOf(cast.users.coordinatorMember);
      const realAudit = runtime.services.audit;
      // The entry is written, then the transaction fails (as a crash right after would).
      const failingAudit: Audit = {
        async record(tx, actor, event) {
          await realAudit.record(tx, actor, event);
          throw new Error("failure after the audit entry");
        },
      };
      const organizations = createOrganizationsService({
        db,
        audit: failingAudit,
        clock: runtime.clock,
        accounts: runtime.services.accounts,
      });
      const countBefore = await entryCount(db);
      const headBefore = await head(db);
      await expect(
        organizations.create(coordinator, {
          type: "vendor",
          name: "Never Created Vendor",
          contactEmail: "never@vendor.example",
        }),
      ).rejects.toThrow(/failure after the audit entry/);
      const stored = await db
        .selectFrom("organizations")
        .select("id")
        .where("name", "=", "Never Created Vendor")
        .execute();
      expect(stored).toEqual([]);
      expect(await entryCount(db)).toBe(countBefore);
      expect(await head(db)).toEqual(headBefore);

      // The same call through the real services keeps both, with the entry naming the change.
      const { id } = await runtime.services.organizations.create(coordinator, {
        type: "vendor",
        name: "Created Vendor",
        contactEmail: "created@vendor.example",
      });
      const entries = await db
        .selectFrom("audit_log")
        .selectAll()
        .where("subject_id", "=", id)
        .execute();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        type: "organization.created",
        outcome: "ok",
        actor_user_id: cast.users.coordinatorMember.userId,
        actor_organization_id: cast.organizations.coordinator,
        subject_type: "organization",
      });
    });

    it("verifies a real history: every entry in order, linked and matching its hash", async () => {
      // Some traffic of every kind first: a failed sign-in, a session, a token, a change.
      const finder = cast.users.finder;
      await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        remoteAddress: finder.ip,
        payload: { email: finder.email, password: "wrong-password-audit" },
      });
      const session = await signIn(app, runtime, cast.users.vendorAAdmin);
      await session.inject({ method: "POST", url: "/api/v1/tokens", payload: { name: "audit" } });
      await app.inject({
        method: "PATCH",
        url: `/api/v1/organizations/${cast.organizations.vendorA}`,
        headers: cast.users.vendorAAdmin.bearer,
        payload: { keywords: ["audited"] },
      });
      const { db } = runtime.database;
      const entries = await entryCount(db);
      expect(entries).toBeGreaterThan(20);
      expect(await verifyAuditLog(db)).toEqual({ ok: true, entries });
      const rows = await db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
      expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_row, index) => index + 1));
      expect(await head(db)).toEqual({ seq: entries, hash: rows.at(-1)?.hash });
    });
  });

  describe("append-only", () => {
    it("is enforced by the database itself: UPDATE and DELETE on audit_log are refused", async () => {
      const { db, dialect } = runtime.database;
      const before = await entry(db, 1);
      await expect(
        sql`UPDATE audit_log SET type = 'forged' WHERE seq = 1`.execute(db),
      ).rejects.toThrow(/append-only/);
      await expect(sql`UPDATE audit_log SET details = '{}'`.execute(db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
      if (dialect === "postgres") {
        await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
      }
      expect(await entry(db, 1)).toEqual(before);
      expect((await verifyAuditLog(db)).ok).toBe(true);
    });

    it("detects a modified column in any entry and names the entry", async () => {
      await tamperable(async (scratch, entries) => {
        const { db } = scratch.database;
        const target = 3;
        expect(entries).toBeGreaterThan(target);
        const original = await entry(db, target);
        const columns = [
          "at",
          "type",
          "outcome",
          "actor_user_id",
          "actor_organization_id",
          "ip",
          "user_agent",
          "subject_type",
          "subject_id",
          "details",
          "prev_hash",
          "hash",
        ] as const;
        for (const column of columns) {
          const forged = column === "details" ? '{"n":1}' : `forged-${column}`;
          await db
            .updateTable("audit_log")
            .set({ [column]: forged })
            .where("seq", "=", target)
            .execute();
          const result = await verifyAuditLog(db);
          expect(result, column).toMatchObject({ ok: false, seq: target });
          await db
            .updateTable("audit_log")
            .set({ [column]: original[column] })
            .where("seq", "=", target)
            .execute();
        }
        expect(await verifyAuditLog(db)).toEqual({ ok: true, entries });
      });
    });

    it("detects a deleted entry and names it", async () => {
      await tamperable(async (scratch) => {
        const { db } = scratch.database;
        await db.deleteFrom("audit_log").where("seq", "=", 4).execute();
        const result = await verifyAuditLog(db);
        expect(result).toMatchObject({ ok: false, seq: 4 });
        expect(result.ok === false && result.reason).toMatch(/missing/);
      });
    });

    it("detects a removed last entry and names it", async () => {
      await tamperable(async (scratch, entries) => {
        const { db } = scratch.database;
        await db.deleteFrom("audit_log").where("seq", "=", entries).execute();
        const result = await verifyAuditLog(db);
        expect(result).toMatchObject({ ok: false, seq: entries });
        expect(result.ok === false && result.reason).toMatch(/removed/);
      });
    });

    it("detects a forged entry inserted after the last one, even with a correctly chained hash, and names it", async () => {
      await tamperable(async (scratch, entries) => {
        const { db } = scratch.database;
        const last = await entry(db, entries);
        const forged: Omit<AuditLogTable, "hash"> = {
          ...last,
          seq: entries + 1,
          type: "organization.nda_recorded",
          details: JSON.stringify({ version: "forged" }),
          prev_hash: last.hash,
        };
        await db
          .insertInto("audit_log")
          .values({ ...forged, hash: entryHash(forged) })
          .execute();
        const result = await verifyAuditLog(db);
        expect(result).toMatchObject({ ok: false, seq: entries + 1 });
      });
    });

    it("detects a forged entry inserted before the first one and names it", async () => {
      await tamperable(async (scratch) => {
        const { db } = scratch.database;
        const first = await entry(db, 1);
        const forged: Omit<AuditLogTable, "hash"> = {
          ...first,
          seq: 0,
          type: "user.created",
        };
        await db
          .insertInto("audit_log")
          .values({ ...forged, hash: entryHash(forged) })
          .execute();
        const result = await verifyAuditLog(db);
        expect(result).toMatchObject({ ok: false, seq: 0 });
      });
    });

    it("kakehashi audit verify exits 0 on a fresh data directory and non-zero naming the entry after tampering", {
      timeout: CLI_TIMEOUT,
    }, async () => {
      const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-audit-cli-"));
      try {
        let freshDatabase: { config: DatabaseConfig; drop(): Promise<void> } | undefined;
        if (target.name === "postgres") freshDatabase = await target.create();
        try {
          const clean = await auditVerify(fresh, freshDatabase?.config);
          expect(clean.code, clean.stderr).toBe(0);
          expect(JSON.parse(clean.stdout)).toEqual({ ok: true, entries: 0 });
        } finally {
          await freshDatabase?.drop();
        }

        await tamperable(async (scratch, entries) => {
          const intact = await auditVerify(fresh, scratch.config.database);
          expect(intact.code, intact.stderr).toBe(0);
          expect(JSON.parse(intact.stdout)).toEqual({ ok: true, entries });

          await scratch.database.db
            .updateTable("audit_log")
            .set({ subject_id: "someone-else" })
            .where("seq", "=", 5)
            .execute();
          const broken = await auditVerify(fresh, scratch.config.database);
          expect(broken.code).not.toBe(0);
          expect(broken.code).not.toBeNull();
          expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, seq: 5 });
          expect(broken.stderr).toMatch(/audit log broken at entry 5\b/);
        });
      } finally {
        fs.rmSync(fresh, { recursive: true, force: true });
      }
    });

    if (target.name === "postgres") {
      it("never forks the chain when transactions append concurrently", async () => {
        const { db } = runtime.database;
        const before = await entryCount(db);
        const appenders = 24;
        await Promise.all(
          Array.from({ length: appenders }, (_unused, index) =>
            db.transaction().execute(async (tx) => {
              await runtime.services.audit.record(tx, SYSTEM_ACTOR, {
                type: "test.concurrent" as AuditType,
                details: { index, step: 1 },
              });
              // Keep the transaction open so the others queue behind it.
              await sql`SELECT pg_sleep(0.005)`.execute(tx);
              await runtime.services.audit.record(tx, SYSTEM_ACTOR, {
                type: "test.concurrent" as AuditType,
                details: { index, step: 2 },
              });
            }),
          ),
        );
        expect(await verifyAuditLog(db)).toEqual({ ok: true, entries: before + 2 * appenders });
        const rows = await db.selectFrom("audit_log").select(["seq", "prev_hash"]).execute();
        expect(new Set(rows.map((row) => row.prev_hash)).size).toBe(rows.length);
        // Each transaction's two entries are adjacent: appenders took turns, whole.
        const concurrent = await db
          .selectFrom("audit_log")
          .select(["seq", "details"])
          .where("type", "=", "test.concurrent" as AuditType)
          .orderBy("seq")
          .execute();
        for (let index = 0; index < concurrent.length; index += 2) {
          const first = JSON.parse(concurrent[index]?.details ?? "{}");
          const second = JSON.parse(concurrent[index + 1]?.details ?? "{}");
          expect(second).toEqual({ index: first.index, step: 2 });
          expect(Number(concurrent[index + 1]?.seq)).toBe(Number(concurrent[index]?.seq) + 1);
        }
      });
    }
  });

  describe("reading it over the API", () => {
    function readAudit(user: TestUser | null, query = ""): Promise<LightMyRequestResponse> {
      return app.inject({
        method: "GET",
        url: `/api/v1/audit${query}`,
        ...(user ? { headers: user.bearer, remoteAddress: user.ip } : {}),
      });
    }

    it("is allowed to intake and coordinator admins and refused (403) to members, analysts, vendors and finders", async () => {
      for (const kind of ["intakeAdmin", "coordinatorAdmin"] as const) {
        const response = await readAudit(cast.users[kind]);
        expect(response.statusCode, kind).toBe(200);
        expect(response.json().items.length).toBeGreaterThan(0);
      }
      const refused: UserKind[] = [
        "intakeMember",
        "analyst",
        "coordinatorMember",
        "vendorAAdmin",
        "vendorAMember",
        "siteOperator",
        "csirt",
        "priorityRecipient",
        "finder",
      ];
      for (const kind of refused) {
        const response = await readAudit(cast.users[kind]);
        expect(response.statusCode, kind).toBe(403);
      }
      expect((await readAudit(null)).statusCode).toBe(401);
      // Reading the log is itself recorded.
      const viewed = await readAudit(cast.users.intakeAdmin, "?type=audit.viewed&limit=200");
      expect(
        viewed
          .json()
          .items.filter(
            (item: { actor: { userId: string } | null }) =>
              item.actor?.userId === cast.users.coordinatorAdmin.userId,
          ).length,
      ).toBeGreaterThan(0);
    });

    it("records an action refused with 403 as access.denied, with the route and the actor", async () => {
      const member = cast.users.vendorAMember;
      const refused = await app.inject({
        method: "PATCH",
        url: `/api/v1/organizations/${cast.organizations.vendorA}`,
        headers: member.bearer,
        remoteAddress: member.ip,
        payload: { name: "Renamed by a member" },
      });
      expect(refused.statusCode).toBe(403);
      const response = await readAudit(
        cast.users.coordinatorAdmin,
        "?type=access.denied&limit=200",
      );
      const entries = response.json().items as {
        outcome: string;
        actor: { userId: string } | null;
        ip: string | null;
        details: Record<string, unknown>;
      }[];
      expect(entries.find((entry) => entry.actor?.userId === member.userId)).toMatchObject({
        outcome: "denied",
        ip: member.ip,
        details: { method: "PATCH", route: "/api/v1/organizations/:id", code: "forbidden" },
      });
    });

    it("shows sign-in failures, denied sign-ins, token creation and organization changes", async () => {
      const admin = cast.users.coordinatorAdmin;
      const finder = cast.users.otherFinder;
      const login = (user: TestUser, password: string) =>
        app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          remoteAddress: user.ip,
          headers: { "user-agent": "audit-test-agent" },
          payload: { email: user.email, password },
        });
      expect((await login(finder, "wrong-password-shown")).statusCode).toBe(401);
      const locked = await createTestUser(runtime, { email: "locked@audit.example" });
      for (let attempt = 0; attempt < 10; attempt += 1) await login(locked, "wrong-password-lock");
      expect((await login(locked, locked.password)).statusCode).toBe(429);
      const session = await signIn(app, runtime, finder);
      const token = await session.inject({
        method: "POST",
        url: "/api/v1/tokens",
        payload: { name: "shown" },
      });
      expect(token.statusCode).toBe(201);
      const patch = await app.inject({
        method: "PATCH",
        url: `/api/v1/organizations/${cast.organizations.vendorB}`,
        headers: cast.users.coordinatorMember.bearer,
        payload: { keywords: ["camera", "nvr"] },
      });
      expect(patch.statusCode).toBe(200);

      type Item = {
        type: string;
        outcome: string;
        actor: { userId: string } | null;
        ip: string | null;
        userAgent: string | null;
        subjectType: string | null;
        subjectId: string | null;
        details: Record<string, unknown>;
      };
      const items = async (query: string): Promise<Item[]> => {
        const response = await readAudit(admin, query);
        expect(response.statusCode, response.body).toBe(200);
        return response.json().items;
      };

      const failures = await items(`?type=signin.failed&subjectId=${finder.userId}`);
      expect(failures[0]).toMatchObject({
        type: "signin.failed",
        outcome: "denied",
        ip: finder.ip,
        userAgent: "audit-test-agent",
        subjectType: "user",
        subjectId: finder.userId,
        details: { reason: "wrong_password" },
      });

      const denied = await items(`?outcome=denied&subjectId=${locked.userId}&limit=200`);
      expect(denied.filter((item) => item.type === "signin.failed")).toHaveLength(9);
      expect(denied.filter((item) => item.type === "signin.locked").length).toBeGreaterThan(0);
      const refusedWhileLocked = await items(`?type=signin.locked&outcome=denied&limit=200`);
      expect(
        refusedWhileLocked.some(
          (item) => item.actor?.userId === locked.userId && item.ip === locked.ip,
        ),
      ).toBe(true);

      const tokens = await items(`?type=token.created&subjectId=${token.json().id}`);
      expect(tokens).toHaveLength(1);
      expect(tokens[0]).toMatchObject({
        actor: { userId: finder.userId },
        subjectType: "api_token",
        details: { userId: finder.userId },
      });

      const changes = await items(
        `?type=organization.updated&subjectId=${cast.organizations.vendorB}`,
      );
      expect(changes[0]).toMatchObject({
        actor: { userId: cast.users.coordinatorMember.userId },
        details: { fields: ["keywords"] },
      });

      // The type filter is a prefix: signin.* but nothing else.
      const signins = await items("?type=signin.&limit=200");
      expect(signins.length).toBeGreaterThan(0);
      expect(signins.every((item) => item.type.startsWith("signin."))).toBe(true);
    });
  });
});
