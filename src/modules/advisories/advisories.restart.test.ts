import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCast, deliveredMail } from "../../../test/support/actors.ts";
import { advisoryPeople, approvedCase, DAY } from "../../../test/support/advisories.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { silentLogger, type TestRuntime, testMasterKey } from "../../../test/support/runtime.ts";
import type { Config } from "../../config/config.ts";
import { manualClock } from "../../platform/jobs/clock.ts";
import { openRuntime } from "../../runtime.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import { WORKFLOW_TIMER_JOB } from "../../workflow/store.ts";

/**
 * R-COO-4, R-PUB-2, W-9: the publication survives the server stopping around its instant —
 * a runner that died holding the job, and one that died after the publication committed but
 * before it marked the job done — and happens exactly once. Each phase is a new runtime on the
 * same database files, as a restarted server would be.
 */
describe.each(testDatabaseTargets())("publication across restarts on $name", (target) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("publishes once although the runners die before and after the publication", async () => {
    const database = await target.create();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-restart-"));
    cleanups.push(async () => {
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const config: Config = {
      production: false,
      port: 0,
      dataDir,
      database: database.config,
      mail: { kind: "dir", directory: path.join(dataDir, "outbox-mail") },
      publicUrl: "http://127.0.0.1:3000",
      masterKey: testMasterKey(),
      trustProxy: [],
      advisoryPrefix: "KKH",
      advisorySecondApprover: false,
    };
    /** A server started at `at` on the same database (its clock then moves only when told). */
    const start = async (at: number) => {
      const clock = manualClock(new Date(at));
      const runtime = await openRuntime({ config, logger: silentLogger, clock });
      return Object.assign(runtime, { clock, dataDir }) as TestRuntime;
    };

    const t0 = Date.parse("2026-11-25T00:00:00.000Z");
    const first = await start(t0);
    const cast = await createCast(first);
    const people = await advisoryPeople(first, cast);
    const publishAt = new Date(t0 + 10 * DAY).toISOString();
    const T = Date.parse(publishAt);
    const { caseId } = await approvedCase(first, cast, people, { publishAt });
    const state = (await first.services.workflow.load(first.database.db, "case", caseId))
      ?.state as CaseState;
    const timerId = state.timers.find(
      (timer) => timer.kind === "publication_due" && timer.dueAt === publishAt,
    )?.id;
    expect(timerId).toBeTruthy();
    await first.close();

    const publicationJob = async (runtime: TestRuntime) => {
      const jobs = await runtime.database.db
        .selectFrom("jobs")
        .selectAll()
        .where("type", "=", WORKFLOW_TIMER_JOB)
        .execute();
      const job = jobs.find((row) => JSON.parse(row.payload).timerId === timerId);
      if (!job) throw new Error("no publication job");
      return job;
    };
    /** Leaves the job as a runner that died while holding it would (lease until `until`). */
    const dieHolding = async (runtime: TestRuntime, until: number) => {
      const job = await publicationJob(runtime);
      await runtime.database.db
        .updateTable("jobs")
        .set({
          status: "running",
          lease_owner: "runner-that-died",
          lease_expires_at: new Date(until).toISOString(),
        })
        .where("id", "=", job.id)
        .execute();
    };
    const published = async (runtime: TestRuntime) => {
      const events = await runtime.services.workflow.events(runtime.database.db, "case", caseId);
      return events.filter((e) => e.event.type === "case_published").length;
    };

    // Just before the instant: the runner finds nothing to publish, then dies holding the job
    // it claimed at the instant.
    const second = await start(T - 1000);
    await second.jobRunner.runDue();
    expect(await second.services.advisories.advisoryIdOfCase(caseId)).toBeNull();
    await dieHolding(second, T + 5 * 60_000);
    await second.close();

    // Restarted a minute later: the dead runner's lease still holds the job.
    const third = await start(T + 60_000);
    await third.jobRunner.runDue();
    expect(await published(third)).toBe(0);
    // Once the lease has expired, the job runs: published, dated at the agreed instant.
    third.clock.set(new Date(T + 6 * 60_000));
    await third.jobRunner.runDue();
    expect(await published(third)).toBe(1);
    const advisoryId = await third.services.advisories.advisoryIdOfCase(caseId);
    expect(advisoryId).toMatch(/^KKH#\d{8}$/);
    // Then it dies after the publication committed, before the job was marked done.
    await dieHolding(third, T + 7 * 60_000);
    await third.close();

    const fourth = await start(T + 20 * 60_000);
    await fourth.jobRunner.runDue();
    expect((await publicationJob(fourth)).status).toBe("done");
    expect(await published(fourth)).toBe(1);
    const advisory = await fourth.services.advisories.get(advisoryId ?? "");
    expect(advisory.publishedAt).toBe(publishAt);
    expect(advisory.history).toEqual([{ at: publishAt, kind: "published" }]);
    expect(advisory.vendors.map((v) => v.name)).toEqual(["Vendor A Corporation", "Vendor B Inc."]);
    const announcements = (await deliveredMail(fourth)).filter((m) =>
      m.subject.includes(`Advisory ${advisoryId}`),
    );
    expect(announcements.filter((m) => m.to === "psirt@vendor-a.example")).toHaveLength(1);
    expect(announcements.filter((m) => m.to === "security@vendor-b.example")).toHaveLength(1);
    await fourth.close();
  });
});
