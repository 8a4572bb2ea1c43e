import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, testDatabaseTargets } from "../../test/support/databases.ts";
import { silentLogger } from "../../test/support/runtime.ts";
import { type ManualClock, manualClock } from "../platform/jobs/clock.ts";
import { createJobRunner } from "../platform/jobs/jobs.ts";
import type { Instant, WorkflowActor } from "./common.ts";
import { DEFAULT_POLICY } from "./policy.ts";
import {
  type AppliedChange,
  createWorkflowStore,
  createWorkflowTimerHandler,
  WORKFLOW_TIMER_JOB,
  type WorkflowStore,
} from "./store.ts";
import { actors, OPERATOR, T0, webConsent } from "./testing/fixtures.ts";

let seq = 0;
function command(
  type: string,
  actor: WorkflowActor,
  at: Instant,
  fields: Record<string, unknown> = {},
): never {
  seq += 1;
  return { type, commandId: `listener-${seq}`, at, actor, ...fields } as never;
}

describe.each(testDatabaseTargets())("workflow store observers on $name", (target) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let clock: ManualClock;
  let store: WorkflowStore;
  let seen: { aggregate: string; id: string; types: string[]; inTransaction: boolean }[];

  beforeEach(async () => {
    database = await openTestDatabase(target);
    clock = manualClock(new Date(T0));
    seen = [];
    store = createWorkflowStore({
      db: database.db,
      clock,
      policy: DEFAULT_POLICY,
      observers: [
        async (tx, change: AppliedChange) => {
          seen.push({
            aggregate: change.aggregate,
            id: change.id,
            types: change.events.map((event) => event.type),
            inTransaction: tx.isTransaction,
          });
        },
      ],
    });
  });
  afterEach(async () => {
    await database.close();
  });

  async function forwardedWebReport() {
    for (const [type, actor, fields] of [
      ["submit", actors.finder, { kind: "web", consent: webConsent() }],
      ["accept", actors.intake, {}],
      [
        "forward",
        actors.intake,
        { target: { kind: "site_case", siteCaseId: "site-1", operator: { orgId: OPERATOR } } },
      ],
    ] as const) {
      const result = await store.execute(
        database.db,
        "report",
        "report-1",
        command(type, actor, T0, fields),
      );
      expect(result.ok).toBe(true);
    }
  }

  it("tells an observer each aggregate's events once, in the command's transaction, follow-ups included", async () => {
    await forwardedWebReport();
    expect(seen.map((entry) => [entry.aggregate, entry.id, entry.types[0]])).toEqual([
      ["report", "report-1", "report_submitted"],
      ["report", "report-1", "report_accepted"],
      ["report", "report-1", "report_forwarded"],
      ["site_case", "site-1", "site_case_opened"],
    ]);
    expect(seen.every((entry) => entry.inTransaction)).toBe(true);
    // A repeated command changes nothing and tells nobody (W-1).
    const acknowledge = {
      ...(command("acknowledge", actors.operator(), T0) as object),
      commandId: "ack-once",
    };
    await store.execute(database.db, "site_case", "site-1", acknowledge as never);
    const after = seen.length;
    const again = await store.execute(database.db, "site_case", "site-1", acknowledge as never);
    expect(again.ok && again.duplicate).toBe(true);
    expect(seen.length).toBe(after);
  });

  it("tells an observer what a timer job fired, and nothing of a refused command", async () => {
    await forwardedWebReport();
    const before = seen.length;
    const refused = await store.execute(
      database.db,
      "site_case",
      "site-1",
      command("close", actors.intake, T0, { reason: "fixed", message: "not yet" }),
    );
    expect(refused.ok).toBe(false);
    expect(seen.length).toBe(before);
    const count = seen.length;
    const runner = createJobRunner({
      db: database.db,
      dialect: database.dialect,
      clock,
      logger: silentLogger,
      handlers: {
        [WORKFLOW_TIMER_JOB]: createWorkflowTimerHandler({ store, db: database.db, clock }),
      },
    });
    clock.advance(30 * 24 * 60 * 60 * 1000);
    await runner.runDue();
    const fired = seen.slice(count).flatMap((entry) => entry.types);
    expect(fired).toContain("operator_reminder_due");
    expect(fired.filter((type) => type === "operator_reminder_due").length).toBe(
      DEFAULT_POLICY.operatorReminders.count,
    );
  });

  it("rolls back what an observer wrote when the command's transaction fails", async () => {
    await forwardedWebReport();
    const failing = createWorkflowStore({
      db: database.db,
      clock,
      policy: DEFAULT_POLICY,
      observers: [
        async () => {
          throw new Error("the observer failed");
        },
      ],
    });
    await expect(
      failing.execute(
        database.db,
        "site_case",
        "site-1",
        command("acknowledge", actors.operator(), T0),
      ),
    ).rejects.toThrow("the observer failed");
    const state = await store.load(database.db, "site_case", "site-1");
    expect(state?.state.status).toBe("operator_notified");
  });
});
