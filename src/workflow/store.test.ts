import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, testDatabaseTargets } from "../../test/support/databases.ts";
import { silentLogger } from "../../test/support/runtime.ts";
import { type DatabaseHandle, openDatabase, type Tx } from "../platform/db/database.ts";
import { type ManualClock, manualClock } from "../platform/jobs/clock.ts";
import { createJobRunner } from "../platform/jobs/jobs.ts";
import type { CaseCommand } from "./case/index.ts";
import { addDays, type Instant, type WorkflowActor } from "./common.ts";
import type { AggregateType, CommandOf } from "./machines.ts";
import { DEFAULT_POLICY } from "./policy.ts";
import { checkReplay } from "./replay.ts";
import {
  createWorkflowStore,
  createWorkflowTimerHandler,
  WORKFLOW_TIMER_JOB,
  WorkflowConflictError,
  type WorkflowStore,
} from "./store.ts";
import { actors, NDA, productConsent, T0, VENDOR_A, VENDOR_B } from "./testing/fixtures.ts";

let seq = 0;
/** A command with a fresh id (typed loosely: the machines check every field). */
function command(
  type: string,
  actor: WorkflowActor,
  at: Instant,
  fields: Record<string, unknown> = {},
): never {
  seq += 1;
  return { type, commandId: `store-${seq}`, at, actor, ...fields } as never;
}

/** Resolves once both parties arrived: both transactions have read before either writes. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async () => {
    arrived += 1;
    if (arrived >= parties) open();
    await opened;
  };
}

describe.each(testDatabaseTargets())("workflow store on $name", (target) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let clock: ManualClock;
  let store: WorkflowStore;

  beforeEach(async () => {
    database = await openTestDatabase(target);
    clock = manualClock(new Date(T0));
    store = createWorkflowStore({ db: database.db, clock, policy: DEFAULT_POLICY });
  });
  afterEach(async () => {
    await database.close();
  });

  async function ok<A extends AggregateType>(aggregate: A, id: string, cmd: CommandOf<A>) {
    const result = await store.execute(database.db, aggregate, id, cmd);
    if (!result.ok) throw new Error(`${cmd.type} refused: ${result.rejection.message}`);
    return result;
  }

  /** A product report forwarded to case-1, vendor A notified: the case is coordinating. */
  async function coordinatingCase(at: Instant = T0) {
    await ok(
      "report",
      "report-1",
      command("submit", actors.finder, at, { kind: "product", consent: productConsent() }),
    );
    await ok("report", "report-1", command("accept", actors.intake, at));
    await ok(
      "report",
      "report-1",
      command("forward", actors.intake, at, { target: { kind: "case", caseId: "case-1" } }),
    );
    await ok(
      "case",
      "case-1",
      command("add_participant", actors.coordinator, at, { orgId: VENDOR_A, nda: NDA }),
    );
    await ok(
      "case",
      "case-1",
      command("notify_participant", actors.coordinator, at, { orgId: VENDOR_A }),
    );
  }

  it("appends a command's events with consecutive versions and keeps the current-state row in step", async () => {
    const first = await ok(
      "report",
      "r",
      command("submit", actors.finder, T0, {
        kind: "web",
        consent: { kind: "web", identityToOperator: false, directContact: false },
      }),
    );
    const second = await ok("report", "r", command("accept", actors.intake, T0));
    expect([first.version, second.version]).toEqual([1, 2]);
    const rows = await database.db
      .selectFrom("workflow_events")
      .select(["version", "type", "aggregate_type", "command_id", "actor_kind"])
      .where("aggregate_id", "=", "r")
      .orderBy("version")
      .execute();
    expect(rows.map((r) => [Number(r.version), r.type, r.actor_kind])).toEqual([
      [1, "report_submitted", "finder"],
      [2, "report_accepted", "intake"],
    ]);
    const row = await database.db
      .selectFrom("workflow_states")
      .selectAll()
      .where("aggregate_id", "=", "r")
      .executeTakeFirstOrThrow();
    expect({ version: Number(row.version), status: row.status, type: row.aggregate_type }).toEqual({
      version: 2,
      status: "accepted",
      type: "report",
    });
    expect(await store.load(database.db, "report", "r")).toEqual(
      await store.replay(database.db, "report", "r"),
    );
  });

  it("runs follow-ups in the same transaction: forwarding a product report opens its case", async () => {
    await coordinatingCase();
    const kase = await store.load(database.db, "case", "case-1");
    expect(kase?.state).toMatchObject({
      status: "coordinating",
      source: { kind: "report", reportId: "report-1" },
    });
    expect((await store.load(database.db, "report", "report-1"))?.state).toMatchObject({
      status: "forwarded",
      caseId: "case-1",
    });
  });

  it("writes nothing when the caller's transaction fails", async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        await store.execute(
          tx,
          "report",
          "r",
          command("submit", actors.finder, T0, { kind: "product", consent: productConsent() }),
        );
        throw new Error("the service failed afterwards");
      }),
    ).rejects.toThrow("the service failed afterwards");
    expect(await database.db.selectFrom("workflow_events").selectAll().execute()).toEqual([]);
    expect(await database.db.selectFrom("workflow_states").selectAll().execute()).toEqual([]);
  });

  it("answers a refused command with its rejection and writes nothing", async () => {
    await coordinatingCase();
    const before = await database.db.selectFrom("workflow_events").select("version").execute();
    const refused = await store.execute(
      database.db,
      "case",
      "case-1",
      command("add_participant", actors.coordinator, T0, { orgId: VENDOR_B }),
    );
    expect(refused.ok).toBe(true);
    const nda = await store.execute(
      database.db,
      "case",
      "case-1",
      command("notify_participant", actors.coordinator, T0, { orgId: VENDOR_B }),
    );
    expect(nda).toMatchObject({ ok: false, rejection: { code: "nda_required" } });
    const direct = await store.execute(
      database.db,
      "case",
      "case-2",
      command("open_case", actors.system, T0, {
        reportId: "x",
        reportKind: "product",
        finderId: "f",
        finderConsent: productConsent(),
      }),
    );
    expect(direct).toMatchObject({ ok: false, rejection: { code: "forbidden" } });
    const after = await database.db.selectFrom("workflow_events").select("version").execute();
    expect(after.length).toBe(before.length + 1);
  });

  it("treats a repeated command id as a no-op", async () => {
    await coordinatingCase();
    const ack = command("acknowledge", actors.vendor(VENDOR_A), T0);
    const first = await ok("case", "case-1", ack);
    const again = await ok("case", "case-1", ack);
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, events: [], version: first.version });
  });

  it("refuses a forward to a case that exists by rolling the whole forward back", async () => {
    await coordinatingCase();
    await ok(
      "report",
      "report-2",
      command("submit", actors.finder, T0, { kind: "product", consent: productConsent() }),
    );
    await ok("report", "report-2", command("accept", actors.intake, T0));
    const result = await store.execute(
      database.db,
      "report",
      "report-2",
      command("forward", actors.intake, T0, { target: { kind: "case", caseId: "case-1" } }),
    );
    expect(result).toMatchObject({ ok: false, rejection: { code: "transition_not_allowed" } });
    expect((await store.load(database.db, "report", "report-2"))?.state.status).toBe("accepted");
  });

  it("turns each timer into one job due when the timer is, and the job fires it once", async () => {
    await coordinatingCase();
    const jobs = await database.db
      .selectFrom("jobs")
      .select(["type", "due_at", "payload", "idempotency_key"])
      .where("type", "=", WORKFLOW_TIMER_JOB)
      .orderBy("due_at")
      .execute();
    expect(jobs.map((j) => [j.due_at, JSON.parse(j.payload).timerId])).toEqual([
      ["2026-04-08T00:00:00.000Z", "acknowledgement_due#3"],
      ["2026-05-09T00:00:00.000Z", "publication_alert#1"],
      ["2026-05-16T00:00:00.000Z", "publication_due#2"],
    ]);
    const runner = createJobRunner({
      db: database.db,
      dialect: database.dialect,
      clock,
      logger: silentLogger,
      handlers: {
        [WORKFLOW_TIMER_JOB]: createWorkflowTimerHandler({ store, db: database.db, clock }),
      },
    });
    clock.set(new Date("2026-04-08T00:00:01.000Z"));
    expect(await runner.runDue()).toBe(1);
    const events = await store.events(database.db, "case", "case-1");
    expect(events.filter((e) => e.event.type === "participant_reminder_due")).toHaveLength(1);
    // The same timer fired again (a job run twice) changes nothing.
    const again = await store.execute(database.db, "case", "case-1", {
      type: "fire_timer",
      commandId: "timer:acknowledgement_due#3",
      at: "2026-04-08T00:00:02.000Z",
      actor: actors.system,
      timerId: "acknowledgement_due#3",
    } as CaseCommand);
    expect(again).toMatchObject({ ok: true, duplicate: true });
    const reminderJob = await database.db
      .selectFrom("jobs")
      .select("due_at")
      .where("type", "=", WORKFLOW_TIMER_JOB)
      .where("status", "=", "pending")
      .orderBy("due_at")
      .executeTakeFirstOrThrow();
    // Wednesday 8 April + 3 business days (the default ladder) = Monday 13 April.
    expect(reminderJob.due_at).toBe("2026-04-13T00:00:00.000Z");
  });

  it("publishes through the job runner at the scheduled instant and closes the report with the case's outcome", async () => {
    await coordinatingCase();
    const vendor = actors.vendor(VENDOR_A);
    await ok("case", "case-1", command("acknowledge", vendor, T0));
    await ok(
      "case",
      "case-1",
      command("report_status", vendor, T0, { status: "affected", statementId: "st" }),
    );
    await ok(
      "case",
      "case-1",
      command("add_countermeasure", vendor, T0, {
        countermeasureId: "fix",
        countermeasureType: "fix",
      }),
    );
    await ok("case", "case-1", command("update_advisory", actors.coordinator, T0));
    await ok("case", "case-1", command("approve_advisory", actors.coordinator, T0));
    const runner = createJobRunner({
      db: database.db,
      dialect: database.dialect,
      clock,
      logger: silentLogger,
      handlers: {
        [WORKFLOW_TIMER_JOB]: createWorkflowTimerHandler({ store, db: database.db, clock }),
      },
    });
    clock.set(new Date("2026-05-15T23:59:59.000Z"));
    await runner.runDue();
    expect((await store.load(database.db, "case", "case-1"))?.state.publication).toBeNull();
    clock.set(new Date(addDays(T0, 45)));
    await runner.runDue();
    expect((await store.load(database.db, "case", "case-1"))?.state).toMatchObject({
      status: "published",
      publication: {
        publishedAt: "2026-05-16T00:00:00.000Z",
        statements: [{ orgId: VENDOR_A, statementId: "st" }],
      },
    });
    expect((await store.load(database.db, "report", "report-1"))?.state).toMatchObject({
      status: "closed",
      closeReason: "published",
    });
    expect(await checkReplay(database.db)).toMatchObject({ ok: true, aggregates: 2 });
  });

  it("refuses a writer whose version is stale with a WorkflowConflictError", async () => {
    await coordinatingCase();
    const read = await store.load(database.db, "case", "case-1");
    await ok("case", "case-1", command("acknowledge", actors.vendor(VENDOR_A), T0));
    await expect(
      store.execute(
        database.db,
        "case",
        "case-1",
        command("update_advisory", actors.coordinator, T0),
        {
          expectedVersion: read?.version,
        },
      ),
    ).rejects.toBeInstanceOf(WorkflowConflictError);
  });

  describe("with two connections writing one case at once", () => {
    let first: DatabaseHandle;
    let second: DatabaseHandle;
    beforeEach(async () => {
      first = openDatabase(database.config);
      second = openDatabase(database.config);
      if (target.name === "sqlite") {
        // Fail fast instead of waiting for the lock: the store turns SQLITE_BUSY into a conflict.
        for (const handle of [first, second]) await sql`pragma busy_timeout = 0`.execute(handle.db);
      }
    });
    afterEach(async () => {
      await first.destroy();
      await second.destroy();
    });

    /** Both transactions read the case, then both write: one wins, the other conflicts. */
    async function race(attempts: number) {
      await coordinatingCase();
      const wait = barrier(2);
      let tries = 0;
      const write = (handle: DatabaseHandle, cmd: CommandOf<"case">) => {
        const own = createWorkflowStore({ db: handle.db, clock });
        return own.transaction(
          async (tx: Tx) => {
            tries += 1;
            const read = await own.load(tx, "case", "case-1");
            if (tries <= 2) await wait();
            return own.execute(tx, "case", "case-1", cmd, { expectedVersion: read?.version ?? 0 });
          },
          { attempts },
        );
      };
      const results = await Promise.allSettled([
        write(first, command("update_advisory", actors.coordinator, T0)),
        write(
          second,
          command("set_statement", actors.vendor(VENDOR_A), T0, { statementId: "st-1" }),
        ),
      ]);
      return { results, tries };
    }

    it("lets one win and gives the other a clean conflict", async () => {
      const { results } = await race(1);
      const outcomes = results.map((r) => (r.status === "fulfilled" ? "won" : r.reason));
      expect(outcomes.filter((o) => o === "won")).toHaveLength(1);
      const lost = outcomes.find((o) => o !== "won");
      expect(lost).toBeInstanceOf(WorkflowConflictError);
      const versions = await database.db
        .selectFrom("workflow_events")
        .select("version")
        .where("aggregate_id", "=", "case-1")
        .orderBy("version")
        .execute();
      expect(versions.map((v) => Number(v.version))).toEqual(
        [...Array(versions.length).keys()].map((i) => i + 1),
      );
      expect(await checkReplay(database.db)).toMatchObject({ ok: true });
    });

    it("applies both when the loser retries", async () => {
      const { results, tries } = await race(3);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      expect(tries).toBe(3);
      const state = (await store.load(database.db, "case", "case-1"))?.state;
      expect(state?.advisory.status).toBe("draft");
      expect(state?.participants[0]?.statement?.id).toBe("st-1");
      expect(await checkReplay(database.db)).toMatchObject({ ok: true });
    });
  });

  it("applies many concurrent commands on one case exactly once each, with no gap in the versions", async () => {
    await coordinatingCase();
    const messages = Array.from({ length: 8 }, (_, i) =>
      store.execute(
        database.db,
        "case",
        "case-1",
        command("post_message", actors.coordinator, T0, { messageId: `m${i}`, to: "vendors" }),
      ),
    );
    const results = await Promise.all(messages);
    expect(results.every((r) => r.ok)).toBe(true);
    const posted = (await store.events(database.db, "case", "case-1")).filter(
      (e) => e.event.type === "message_posted",
    );
    expect(posted.map((e) => (e.event as { messageId: string }).messageId).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `m${i}`).sort(),
    );
    const replay = await checkReplay(database.db);
    expect(replay).toMatchObject({ ok: true, differences: [] });
  });

  it("keeps the event log append-only", async () => {
    await coordinatingCase();
    await expect(sql`update workflow_events set type = 'x'`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from workflow_events`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it("replays every current-state row from the events and names each difference", async () => {
    await coordinatingCase();
    const events = await database.db.selectFrom("workflow_events").select("version").execute();
    expect(await checkReplay(database.db)).toEqual({
      ok: true,
      aggregates: 2,
      events: events.length,
      differences: [],
    });
    const row = await database.db
      .selectFrom("workflow_states")
      .select("state")
      .where("aggregate_id", "=", "case-1")
      .executeTakeFirstOrThrow();
    const tampered = { ...JSON.parse(row.state), firstContactAt: "2026-01-01T00:00:00.000Z" };
    await database.db
      .updateTable("workflow_states")
      .set({ state: JSON.stringify(tampered), status: "published" })
      .where("aggregate_id", "=", "case-1")
      .execute();
    await database.db
      .deleteFrom("workflow_states")
      .where("aggregate_id", "=", "report-1")
      .execute();
    await database.db
      .insertInto("workflow_states")
      .values({
        aggregate_id: "ghost",
        aggregate_type: "case",
        version: 1,
        status: "triage",
        state: "{}",
        updated_at: T0,
      })
      .execute();
    const report = await checkReplay(database.db);
    expect(report.ok).toBe(false);
    expect(report.differences.map((d) => [d.aggregateId, d.problem])).toEqual([
      ["case-1", "state_differs"],
      ["case-1", "status_differs"],
      ["ghost", "state_row_without_events"],
      ["report-1", "missing_state_row"],
    ]);
    expect(report.differences[0]?.paths).toEqual([
      { path: "firstContactAt", stored: "2026-01-01T00:00:00.000Z", replayed: T0 },
    ]);
  });
});
