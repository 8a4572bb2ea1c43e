/**
 * Persistence of the workflow: append-only events numbered per aggregate, the current-state row
 * written in the same transaction, timers turned into jobs, follow-ups between aggregates run in
 * the same transaction, and optimistic concurrency.
 *
 * Concurrency: a command reads the current-state row (version n), decides, and appends events
 * n+1…; the primary key (aggregate_id, version) and the guarded update of the state row
 * (`where version = n`) make a concurrent second writer fail with a WorkflowConflictError. On
 * PostgreSQL the failed statement aborts the transaction: the caller retries the whole
 * transaction (`store.transaction(work)` does so), reloading the state.
 */
import { type Db, type Executor, isUniqueViolation, type Tx } from "../platform/db/database.ts";
import type { Clock } from "../platform/jobs/clock.ts";
import { enqueueJob, type JobHandler } from "../platform/jobs/jobs.ts";
import { type Rejection, SCHEDULER, type Timer } from "./common.ts";
import {
  type AggregateType,
  type AnyEvent,
  type AnyState,
  type CommandOf,
  type EventOf,
  FollowUpRejectedError,
  followUpApplied,
  followUpOnlyRejection,
  followUps,
  isAggregateType,
  machineFor,
  replayEvents,
  type StateOf,
} from "./machines.ts";
import { DEFAULT_POLICY, type WorkflowPolicy } from "./policy.ts";

/** The job type of workflow timers; its payload is { aggregate, id, timerId }. */
export const WORKFLOW_TIMER_JOB = "workflow.timer";

/** Another writer changed the aggregate since it was read: reload and retry. */
export class WorkflowConflictError extends Error {
  readonly code = "workflow_conflict";
  constructor(
    readonly aggregate: AggregateType,
    readonly id: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`workflow conflict on ${aggregate} ${id}: ${detail}`, options);
    this.name = "WorkflowConflictError";
  }
}

export interface Loaded<A extends AggregateType> {
  state: StateOf<A>;
  /** How many events the aggregate has (0: it does not exist yet). */
  version: number;
}

export interface AppliedEvents {
  aggregate: AggregateType;
  id: string;
  events: AnyEvent[];
}

export type ExecuteResult<A extends AggregateType> =
  | {
      ok: true;
      state: StateOf<A>;
      version: number;
      events: EventOf<A>[];
      /** The command id had been applied before: nothing happened (W-1). */
      duplicate: boolean;
      /** What the follow-ups changed in other aggregates, in order. */
      followUps: AppliedEvents[];
    }
  | { ok: false; rejection: Rejection; state: StateOf<A>; version: number };

export interface StoredEvent<A extends AggregateType> {
  version: number;
  recordedAt: string;
  event: EventOf<A>;
}

/**
 * What a listener learns after an aggregate's events were appended: the aggregate, its state
 * after them and the events, in the transaction that wrote them.
 */
export interface AppliedChange {
  aggregate: AggregateType;
  id: string;
  state: AnyState;
  events: AnyEvent[];
}

export interface ExecuteOptions {
  /** Refuse with a conflict unless the aggregate is at this version (a reader's If-Match). */
  expectedVersion?: number;
}

export interface WorkflowStore {
  readonly policy: WorkflowPolicy;
  load<A extends AggregateType>(
    executor: Executor,
    aggregate: A,
    id: string,
  ): Promise<Loaded<A> | null>;
  /** The aggregate's events, oldest first. */
  events<A extends AggregateType>(
    executor: Executor,
    aggregate: A,
    id: string,
  ): Promise<StoredEvent<A>[]>;
  /** The state rebuilt from the events alone. */
  replay<A extends AggregateType>(executor: Executor, aggregate: A, id: string): Promise<Loaded<A>>;
  /**
   * Decides a command on the aggregate and, when accepted, appends its events, updates the
   * current-state row, enqueues its timers as jobs and runs its follow-ups — all in the caller's
   * transaction, or in one of its own (retried on conflict) when given the database. In the
   * caller's transaction a refused follow-up throws FollowUpRejectedError (roll back); in its
   * own, the store rolls back and answers with the refusal.
   */
  execute<A extends AggregateType>(
    executor: Executor,
    aggregate: A,
    id: string,
    command: CommandOf<A>,
    options?: ExecuteOptions,
  ): Promise<ExecuteResult<A>>;
  /** Runs work in a transaction, again (from the start) when it hits a workflow conflict. */
  transaction<T>(work: (tx: Tx) => Promise<T>, options?: { attempts?: number }): Promise<T>;
}

/**
 * Told of every accepted change, inside its transaction, after the state row is written: the
 * place for projections (list tables) and notifications, so that changes made by follow-ups and
 * timers are seen as well as those made by services.
 */
export type WorkflowObserver = (tx: Tx, change: AppliedChange) => Promise<void>;

export interface WorkflowStoreDeps {
  db: Db;
  observers?: readonly WorkflowObserver[];
  /** Only for bookkeeping (recorded_at, job rows): decisions use each command's `at`. */
  clock: Clock;
  policy?: WorkflowPolicy;
}

const DEFAULT_ATTEMPTS = 8;

/**
 * Another writer got there first: a unique violation (it took the version), PostgreSQL's
 * serialization failures, or SQLite's busy database (another connection holds the write lock,
 * or committed after this transaction's snapshot).
 */
function isConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    isUniqueViolation(error) ||
    code === "40001" ||
    code === "40P01" ||
    (typeof code === "string" && code.startsWith("SQLITE_BUSY"))
  );
}

export function createWorkflowStore(deps: WorkflowStoreDeps): WorkflowStore {
  const { db, clock } = deps;
  const policy = deps.policy ?? DEFAULT_POLICY;

  async function load<A extends AggregateType>(
    executor: Executor,
    aggregate: A,
    id: string,
  ): Promise<Loaded<A> | null> {
    const row = await executor
      .selectFrom("workflow_states")
      .select(["aggregate_type", "version", "state"])
      .where("aggregate_id", "=", id)
      .executeTakeFirst();
    if (!row) return null;
    if (row.aggregate_type !== aggregate) {
      throw new Error(`aggregate ${id} is a ${row.aggregate_type}, not a ${aggregate}`);
    }
    return { state: JSON.parse(row.state) as StateOf<A>, version: Number(row.version) };
  }

  async function events<A extends AggregateType>(
    executor: Executor,
    aggregate: A,
    id: string,
  ): Promise<StoredEvent<A>[]> {
    const rows = await executor
      .selectFrom("workflow_events")
      .select(["version", "data", "recorded_at"])
      .where("aggregate_id", "=", id)
      .where("aggregate_type", "=", aggregate)
      .orderBy("version")
      .execute();
    return rows.map((row) => ({
      version: Number(row.version),
      recordedAt: row.recorded_at,
      event: JSON.parse(row.data) as EventOf<A>,
    }));
  }

  async function replay<A extends AggregateType>(
    executor: Executor,
    aggregate: A,
    id: string,
  ): Promise<Loaded<A>> {
    const stored = await events(executor, aggregate, id);
    const state = replayEvents(
      aggregate,
      id,
      stored.map((s) => s.event),
    );
    return { state, version: stored.length };
  }

  async function append<A extends AggregateType>(
    tx: Tx,
    aggregate: A,
    id: string,
    version: number,
    newEvents: EventOf<A>[],
    state: StateOf<A>,
  ): Promise<void> {
    const machine = machineFor(aggregate);
    const now = clock.now().toISOString();
    try {
      await tx
        .insertInto("workflow_events")
        .values(
          newEvents.map((event, index) => ({
            aggregate_id: id,
            version: version + index + 1,
            aggregate_type: aggregate,
            type: event.type,
            at: event.at,
            command_id: event.commandId,
            actor_kind: event.actor.kind,
            data: JSON.stringify(event),
            recorded_at: now,
          })),
        )
        .execute();
      const row = {
        aggregate_type: aggregate,
        version: version + newEvents.length,
        status: machine.status(state),
        state: JSON.stringify(state),
        updated_at: now,
      };
      if (version === 0) {
        await tx
          .insertInto("workflow_states")
          .values({ aggregate_id: id, ...row })
          .execute();
      } else {
        const updated = await tx
          .updateTable("workflow_states")
          .set(row)
          .where("aggregate_id", "=", id)
          .where("version", "=", version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) {
          throw new WorkflowConflictError(
            aggregate,
            id,
            `the state is no longer at version ${version}`,
          );
        }
      }
    } catch (error) {
      if (error instanceof WorkflowConflictError) throw error;
      if (isConflict(error)) {
        throw new WorkflowConflictError(
          aggregate,
          id,
          `another writer appended version ${version + 1}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
    for (const observe of deps.observers ?? []) {
      await observe(tx, {
        aggregate,
        id,
        state: state as AnyState,
        events: newEvents as AnyEvent[],
      });
    }
    // W-9: each timer becomes one job (the idempotency key keeps it one), due when the timer is.
    for (const event of newEvents as AnyEvent[]) {
      if (event.type !== "timer_set") continue;
      const timer: Timer = event.timer;
      await enqueueJob(tx, clock, {
        type: WORKFLOW_TIMER_JOB,
        payload: { aggregate, id, timerId: timer.id },
        dueAt: new Date(timer.dueAt),
        idempotencyKey: `${WORKFLOW_TIMER_JOB}:${aggregate}:${id}:${timer.id}`,
      });
    }
  }

  async function executeIn<A extends AggregateType>(
    tx: Tx,
    aggregate: A,
    id: string,
    command: CommandOf<A>,
    options: ExecuteOptions,
  ): Promise<ExecuteResult<A>> {
    const machine = machineFor(aggregate);
    const loaded = await load(tx, aggregate, id);
    const version = loaded?.version ?? 0;
    const state = loaded?.state ?? machine.initial(id);
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new WorkflowConflictError(
        aggregate,
        id,
        `expected version ${options.expectedVersion}, found ${version}`,
      );
    }
    const decision = machine.decide(state, command, policy);
    if (!decision.ok) return { ok: false, rejection: decision.rejection, state, version };
    if (decision.events.length === 0) {
      return {
        ok: true,
        state,
        version,
        events: [],
        duplicate: state.commandIds.includes(command.commandId),
        followUps: [],
      };
    }
    const next = replayEvents(aggregate, id, decision.events, state);
    await append(tx, aggregate, id, version, decision.events, next);
    const applied: AppliedEvents[] = [];
    for (const followUp of followUps(aggregate, id, next, decision.events)) {
      const result = await executeIn(
        tx,
        followUp.aggregate,
        followUp.id,
        followUp.command as CommandOf<AggregateType>,
        {},
      );
      if (!followUpApplied(followUp, result)) continue;
      applied.push(
        { aggregate: followUp.aggregate, id: followUp.id, events: result.events as AnyEvent[] },
        ...result.followUps,
      );
    }
    return {
      ok: true,
      state: next,
      version: version + decision.events.length,
      events: decision.events,
      duplicate: false,
      followUps: applied,
    };
  }

  async function transaction<T>(
    work: (tx: Tx) => Promise<T>,
    options: { attempts?: number } = {},
  ): Promise<T> {
    const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await db.transaction().execute(work);
      } catch (error) {
        if (!(error instanceof WorkflowConflictError) || attempt >= attempts) throw error;
        // Let the winner commit before reading again.
        await new Promise((resolve) =>
          setTimeout(resolve, 10 * attempt + Math.random() * 10 * attempt),
        );
      }
    }
  }

  return {
    policy,
    load,
    events,
    replay,
    transaction,
    async execute(executor, aggregate, id, command, options = {}) {
      const followUpOnly = followUpOnlyRejection(command);
      if (followUpOnly) {
        const current = await load(executor, aggregate, id);
        return {
          ok: false,
          rejection: followUpOnly,
          state: current?.state ?? machineFor(aggregate).initial(id),
          version: current?.version ?? 0,
        };
      }
      if (executor.isTransaction) return executeIn(executor as Tx, aggregate, id, command, options);
      // A caller's expected version would never match again: no retries then. A refused
      // follow-up rolls the transaction back and refuses the command.
      return transaction((tx) => executeIn(tx, aggregate, id, command, options), {
        attempts: options.expectedVersion === undefined ? DEFAULT_ATTEMPTS : 1,
      }).catch(async (error: unknown) => {
        if (!(error instanceof FollowUpRejectedError)) throw error;
        const current = await load(db, aggregate, id);
        return {
          ok: false as const,
          rejection: error.commandRejection,
          state: current?.state ?? machineFor(aggregate).initial(id),
          version: current?.version ?? 0,
        };
      });
    },
  };
}

/**
 * Runs due workflow timers: the job fires the timer with the clock's time and a command id
 * derived from the timer, so a job run twice fires it once (W-9). A timer already fired (or
 * gone with its aggregate's end) finishes the job; one not yet due makes the job retry.
 */
export function createWorkflowTimerHandler(deps: {
  store: WorkflowStore;
  db: Db;
  clock: Clock;
}): JobHandler {
  return async (job) => {
    const payload = job.payload as { aggregate?: string; id?: string; timerId?: string } | null;
    if (
      !payload?.aggregate ||
      !isAggregateType(payload.aggregate) ||
      !payload.id ||
      !payload.timerId
    ) {
      throw new Error("workflow timer job without aggregate, id and timerId");
    }
    const { aggregate, id, timerId } = payload;
    const result = await deps.store.execute(deps.db, aggregate, id, {
      type: "fire_timer",
      commandId: `timer:${timerId}`,
      at: deps.clock.now().toISOString(),
      actor: SCHEDULER,
      timerId,
    } as CommandOf<typeof aggregate>);
    if (!result.ok) {
      const pending = (result.state as { timers?: Timer[] }).timers?.some((t) => t.id === timerId);
      if (pending) throw new Error(`timer ${timerId} refused: ${result.rejection.message}`);
    }
  };
}
