import type { Selectable } from "kysely";
import { sql } from "kysely";
import type { Logger } from "pino";
import type { Db, Dialect, Executor } from "../db/database.ts";
import type { JobsTable } from "../db/schema.ts";

type JobRow = Selectable<JobsTable>;

import { newId } from "../ids.ts";
import type { Clock } from "./clock.ts";

export interface NewJob {
  type: string;
  payload: unknown;
  /** Defaults to now. */
  dueAt?: Date;
  /** A second job with the same key is not created (enqueue returns null). */
  idempotencyKey?: string;
  maxAttempts?: number;
}

export interface ClaimedJob {
  id: string;
  type: string;
  payload: unknown;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  dueAt: Date;
}

export type JobHandler = (job: ClaimedJob) => Promise<void>;

const DEFAULT_MAX_ATTEMPTS = 8;
const LEASE_MS = 5 * 60_000;

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min, … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** (attempt - 1), 60 * 60_000);
}

/**
 * Writes a job in the caller's transaction, so the job exists exactly when the change that
 * caused it is committed.
 */
export async function enqueueJob(
  executor: Executor,
  clock: Clock,
  job: NewJob,
): Promise<string | null> {
  const now = clock.now().toISOString();
  const id = newId();
  const inserted = await executor
    .insertInto("jobs")
    .values({
      id,
      type: job.type,
      payload: JSON.stringify(job.payload ?? null),
      due_at: (job.dueAt ?? clock.now()).toISOString(),
      status: "pending",
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      idempotency_key: job.idempotencyKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted ? id : null;
}

export interface JobRunner {
  /** Claims and runs one due job; false when none was due. */
  runOne(): Promise<boolean>;
  /** Runs due jobs (also those the run creates) until none is left; returns how many ran. */
  runDue(): Promise<number>;
  /** Polls in the background until stop(). */
  start(pollIntervalMs?: number): void;
  stop(): Promise<void>;
}

export interface JobRunnerDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  logger: Logger;
  handlers: Readonly<Record<string, JobHandler>>;
  /** Names this runner in leases; unique per process. */
  owner?: string;
}

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const { db, dialect, clock, logger, handlers } = deps;
  const owner = deps.owner ?? `runner-${newId()}`;

  /**
   * One statement claims one job: pending and due, or running with an expired lease (its
   * runner died). On PostgreSQL the candidate row is locked with SKIP LOCKED so concurrent
   * runners take different jobs; SQLite runs one writer at a time. The outer conditions are
   * repeated so a row that changed meanwhile is not claimed twice.
   */
  async function claim(): Promise<JobRow | undefined> {
    const now = clock.now().toISOString();
    const leaseUntil = new Date(clock.now().getTime() + LEASE_MS).toISOString();
    const claimable = (builder: typeof db) =>
      builder
        .selectFrom("jobs")
        .select("id")
        .where((eb) =>
          eb.or([
            eb.and([eb("status", "=", "pending"), eb("due_at", "<=", now)]),
            eb.and([eb("status", "=", "running"), eb("lease_expires_at", "<", now)]),
          ]),
        )
        .orderBy("due_at")
        .orderBy("id")
        .limit(1);
    const candidate =
      dialect === "postgres" ? claimable(db).forUpdate().skipLocked() : claimable(db);
    return db
      .updateTable("jobs")
      .set({
        status: "running",
        lease_owner: owner,
        lease_expires_at: leaseUntil,
        attempts: sql<number>`attempts + 1`,
        updated_at: now,
      })
      .where("id", "=", candidate)
      .where((eb) =>
        eb.or([
          eb.and([eb("status", "=", "pending"), eb("due_at", "<=", now)]),
          eb.and([eb("status", "=", "running"), eb("lease_expires_at", "<", now)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
  }

  async function finish(job: JobRow, outcome: { error?: unknown }): Promise<void> {
    const now = clock.now();
    const mine = (query: ReturnType<typeof db.updateTable<"jobs">>) =>
      query
        .where("id", "=", job.id)
        .where("lease_owner", "=", owner)
        .where("status", "=", "running");
    if (outcome.error === undefined) {
      await mine(db.updateTable("jobs"))
        .set({
          status: "done",
          lease_owner: null,
          lease_expires_at: null,
          finished_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .execute();
      return;
    }
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    const exhausted = job.attempts >= job.max_attempts;
    await mine(db.updateTable("jobs"))
      .set(
        exhausted
          ? {
              status: "failed",
              last_error: message,
              lease_owner: null,
              lease_expires_at: null,
              finished_at: now.toISOString(),
              updated_at: now.toISOString(),
            }
          : {
              status: "pending",
              last_error: message,
              lease_owner: null,
              lease_expires_at: null,
              due_at: new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString(),
              updated_at: now.toISOString(),
            },
      )
      .execute();
    // The message is the error's, never the payload: payloads may reference confidential data.
    logger[exhausted ? "error" : "warn"](
      { jobId: job.id, jobType: job.type, attempt: job.attempts, err: message },
      exhausted ? "job failed for good" : "job failed; will retry",
    );
  }

  async function runOne(): Promise<boolean> {
    const job = await claim();
    if (!job) return false;
    const handler = handlers[job.type];
    try {
      if (!handler) throw new Error(`no handler for job type ${job.type}`);
      await handler({
        id: job.id,
        type: job.type,
        payload: JSON.parse(job.payload),
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
        dueAt: new Date(job.due_at),
      });
      await finish(job, {});
    } catch (error) {
      await finish(job, { error });
    }
    return true;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  return {
    runOne,
    async runDue() {
      let count = 0;
      while (await runOne()) count += 1;
      return count;
    },
    start(pollIntervalMs = 500) {
      stopped = false;
      const poll = () => {
        running = drain();
      };
      const drain = async () => {
        try {
          while (!stopped && (await runOne())) {}
        } catch (error) {
          logger.error({ err: error }, "job runner poll failed");
        }
        if (!stopped) timer = setTimeout(poll, pollIntervalMs);
      };
      poll();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
