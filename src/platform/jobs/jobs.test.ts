import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  openTestDatabase,
  postgresTargetIfAvailable,
  testDatabaseTargets,
} from "../../../test/support/databases.ts";
import { silentLogger } from "../../../test/support/runtime.ts";
import type { DatabaseHandle } from "../db/database.ts";
import { openDatabase } from "../db/database.ts";
import { type Clock, fixedClock, type ManualClock, manualClock } from "./clock.ts";
import {
  type ClaimedJob,
  createJobRunner,
  enqueueJob,
  type JobHandler,
  retryDelayMs,
} from "./jobs.ts";

const T0 = new Date("2026-11-25T00:00:00.000Z");
const minutes = (n: number) => n * 60_000;

describe.each(testDatabaseTargets())("jobs on $name", (target) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let clock: ManualClock;

  beforeEach(async () => {
    database = await openTestDatabase(target);
    clock = manualClock(T0);
  });
  afterEach(async () => {
    await database.close();
  });

  function runner(handlers: Record<string, JobHandler>, runnerClock: Clock = clock) {
    return createJobRunner({
      db: database.db,
      dialect: database.dialect,
      clock: runnerClock,
      logger: silentLogger,
      handlers,
    });
  }

  it("creates a job only when the transaction that enqueued it commits", async () => {
    await database.db
      .transaction()
      .execute(async (tx) => {
        await enqueueJob(tx, clock, { type: "noop", payload: { n: 1 } });
        throw new Error("the change failed");
      })
      .catch(() => {});
    expect(await database.db.selectFrom("jobs").selectAll().execute()).toHaveLength(0);

    await database.db
      .transaction()
      .execute((tx) => enqueueJob(tx, clock, { type: "noop", payload: { n: 2 } }));
    const jobs = await database.db.selectFrom("jobs").selectAll().execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]?.payload ?? "null")).toEqual({ n: 2 });
  });

  it("creates one job per idempotency key", async () => {
    const first = await enqueueJob(database.db, clock, {
      type: "noop",
      payload: 1,
      idempotencyKey: "k",
    });
    const second = await enqueueJob(database.db, clock, {
      type: "noop",
      payload: 2,
      idempotencyKey: "k",
    });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(await database.db.selectFrom("jobs").select("payload").execute()).toEqual([
      { payload: "1" },
    ]);
  });

  it("runs what is due at the instant, in due order, including jobs the run creates, and nothing later", async () => {
    const ran: string[] = [];
    const handlers: Record<string, JobHandler> = {
      record: async (job) => {
        ran.push(job.payload as string);
        if (job.payload === "b") {
          await enqueueJob(database.db, runAt, { type: "record", payload: "created by b" });
        }
      },
    };
    await enqueueJob(database.db, clock, {
      type: "record",
      payload: "c",
      dueAt: new Date(T0.getTime() + minutes(30)),
    });
    await enqueueJob(database.db, clock, {
      type: "record",
      payload: "a",
      dueAt: new Date(T0.getTime() + minutes(10)),
    });
    await enqueueJob(database.db, clock, {
      type: "record",
      payload: "b",
      dueAt: new Date(T0.getTime() + minutes(20)),
    });
    await enqueueJob(database.db, clock, {
      type: "record",
      payload: "later",
      dueAt: new Date(T0.getTime() + minutes(90)),
    });

    const runAt = fixedClock(new Date(T0.getTime() + minutes(60)));
    expect(await runner(handlers, runAt).runDue()).toBe(4);
    expect(ran).toEqual(["a", "b", "c", "created by b"]);

    const pending = await database.db
      .selectFrom("jobs")
      .select("payload")
      .where("status", "=", "pending")
      .execute();
    expect(pending).toEqual([{ payload: JSON.stringify("later") }]);
    expect(await runner(handlers, runAt).runDue()).toBe(0);
  });

  it("retries a failing job with growing delays and keeps the final failure visible", async () => {
    let calls = 0;
    const seen: ClaimedJob[] = [];
    const handlers: Record<string, JobHandler> = {
      flaky: async (job) => {
        calls += 1;
        seen.push(job);
        throw new Error(`refused (${calls})`);
      },
    };
    await enqueueJob(database.db, clock, { type: "flaky", payload: null, maxAttempts: 3 });
    const jobs = runner(handlers);

    expect(await jobs.runDue()).toBe(1);
    let row = await database.db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_error: "refused (1)" });
    expect(row.due_at).toBe(new Date(T0.getTime() + retryDelayMs(1)).toISOString());

    // Not yet due: nothing runs.
    clock.advance(retryDelayMs(1) - 1);
    expect(await jobs.runDue()).toBe(0);

    clock.advance(1);
    expect(await jobs.runDue()).toBe(1);
    row = await database.db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(row.due_at).toBe(new Date(clock.now().getTime() + retryDelayMs(2)).toISOString());
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));

    clock.advance(retryDelayMs(2));
    expect(await jobs.runDue()).toBe(1);
    row = await database.db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", attempts: 3, last_error: "refused (3)" });
    expect(row.finished_at).toBe(clock.now().toISOString());
    expect(seen.map((job) => [job.attempt, job.maxAttempts])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);

    clock.advance(minutes(24 * 60));
    expect(await jobs.runDue()).toBe(0);
  });

  it("fails a job of an unknown type visibly instead of dropping it", async () => {
    await enqueueJob(database.db, clock, {
      type: "nobody-handles-this",
      payload: null,
      maxAttempts: 1,
    });
    await runner({}).runDue();
    const row = await database.db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "failed",
      last_error: "no handler for job type nobody-handles-this",
    });
  });

  it("takes over a job whose runner died, once its lease has expired", async () => {
    await enqueueJob(database.db, clock, { type: "work", payload: null });
    let resolveStuck: () => void = () => {};
    const stuck = new Promise<void>((resolve) => {
      resolveStuck = resolve;
    });
    const dying = runner({ work: () => stuck });
    void dying.runOne(); // claims the job, then never finishes
    await expect
      .poll(
        async () =>
          (await database.db.selectFrom("jobs").select("status").executeTakeFirst())?.status,
      )
      .toBe("running");

    const ran: number[] = [];
    const survivor = runner({ work: async (job) => void ran.push(job.attempt) });
    expect(await survivor.runDue()).toBe(0);

    clock.advance(minutes(6));
    expect(await survivor.runDue()).toBe(1);
    expect(ran).toEqual([2]);
    expect((await database.db.selectFrom("jobs").select("status").executeTakeFirst())?.status).toBe(
      "done",
    );

    // The first runner finishing late does not overwrite the outcome.
    resolveStuck();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(
      await database.db.selectFrom("jobs").select(["status", "attempts"]).executeTakeFirst(),
    ).toEqual({
      status: "done",
      attempts: 2,
    });
  });

  it("runs due jobs in the background until stopped", async () => {
    const ran: string[] = [];
    const background = runner({ record: async (job) => void ran.push(job.payload as string) });
    background.start(10);
    await enqueueJob(database.db, clock, { type: "record", payload: "x" });
    await expect.poll(() => ran, { timeout: 5000 }).toEqual(["x"]);
    await background.stop();
    await enqueueJob(database.db, clock, { type: "record", payload: "y" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ran).toEqual(["x"]);
  });
});

async function twoRunnersRunEachJobOnce(databaseA: DatabaseHandle, databaseB: DatabaseHandle) {
  const clock = fixedClock(T0);
  const total = 150;
  for (let index = 0; index < total; index += 1) {
    await enqueueJob(databaseA.db, clock, { type: "count", payload: index });
  }
  const runs: { job: number; runner: string }[] = [];
  const handler =
    (name: string): JobHandler =>
    async (job) => {
      runs.push({ job: job.payload as number, runner: name });
      // Yield so the two runners interleave.
      await new Promise((resolve) => setTimeout(resolve, 1));
    };
  const make = (handle: DatabaseHandle, name: string) =>
    createJobRunner({
      db: handle.db,
      dialect: handle.dialect,
      clock,
      logger: silentLogger,
      handlers: { count: handler(name) },
      owner: name,
    });
  await Promise.all([make(databaseA, "A").runDue(), make(databaseB, "B").runDue()]);
  return { runs, total };
}

describe("two job runners", () => {
  it("never run the same job twice on SQLite (two connections to one file)", async () => {
    const [sqlite] = testDatabaseTargets();
    if (!sqlite) throw new Error("no SQLite target");
    const database = await openTestDatabase(sqlite);
    const second = openDatabase(database.config);
    try {
      const { runs, total } = await twoRunnersRunEachJobOnce(database, second);
      expect(runs.map((run) => run.job).sort((a, b) => a - b)).toEqual([...Array(total).keys()]);
    } finally {
      await second.destroy();
      await database.close();
    }
  });

  const postgres = postgresTargetIfAvailable("PostgreSQL two-runner test");
  it.runIf(postgres)("never run the same job twice on PostgreSQL, and both take work", async () => {
    if (!postgres) return;
    const database = await openTestDatabase(postgres);
    const second = openDatabase(database.config);
    try {
      const { runs, total } = await twoRunnersRunEachJobOnce(database, second);
      expect(runs.map((run) => run.job).sort((a, b) => a - b)).toEqual([...Array(total).keys()]);
      expect(new Set(runs.map((run) => run.runner))).toEqual(new Set(["A", "B"]));
    } finally {
      await second.destroy();
      await database.close();
    }
  });
});
