/**
 * The one path every action on a report, case or site case takes: load what the caller may
 * see (404 otherwise), let the action check and run its workflow command, touch the record's
 * `updated_at`, write the audit entry, and answer the record as the caller sees it now — all in
 * one transaction. Services declare their actions; they do not write this sequence again.
 */
import type { Executor, Tx } from "../platform/db/database.ts";
import { forbidden } from "../platform/http/problem.ts";
import { newId } from "../platform/ids.ts";
import type { Clock } from "../platform/jobs/clock.ts";
import type { Instant, WorkflowActor } from "./common.ts";
import type { AggregateType, CommandOf, EventOf } from "./machines.ts";
import { rejectionProblem } from "./problems.ts";
import type { WorkflowStore } from "./store.ts";

/** A command as an action writes it: the pipeline adds its id, time and actor. */
export type CommandBody<A extends AggregateType> =
  CommandOf<A> extends infer C
    ? C extends CommandOf<A>
      ? Omit<C, "commandId" | "at" | "actor">
      : never
    : never;

/** The audit log's writer, as the pipeline needs it (the audit module provides it). */
export interface AuditWriter<Caller, Type extends string = string> {
  record(
    tx: Executor,
    actor: Caller,
    event: {
      type: Type;
      subjectType: string;
      subjectId: string;
      details?: Record<string, unknown> | undefined;
    },
  ): Promise<void>;
}

/** How one kind of record is seen and answered; each service gives one. */
export interface ActionSubject<A extends AggregateType, Caller, Visible, View> {
  aggregate: A;
  /** Marks the record changed now (its `updated_at`), through its module's repository. */
  touch(tx: Tx, id: string, at: Instant): Promise<void>;
  /** The audit log's name for the record (`case`, `report`, `site_case`). */
  subjectType: string;
  /** What the caller may see of the record; throws 404 when it may not know it exists. */
  load(executor: Executor, actor: Caller, id: string): Promise<Visible>;
  /** Who the caller is to the record (`coordinator`, `vendor`, `finder`, `intake`, …). */
  viewerKind(visible: Visible): string;
  /** The workflow actor the caller acts as, or a thrown 403 when it may not act at all. */
  workflowActor(visible: Visible): WorkflowActor;
  /** The record as the caller sees it, after the action. */
  present(tx: Tx, actor: Caller, visible: Visible): Promise<View>;
}

/** What an action's work is given. */
export interface ActionContext<A extends AggregateType, Visible> {
  tx: Tx;
  id: string;
  at: Instant;
  visible: Visible;
  /** Runs a command as the caller; a refusal becomes the problem the caller gets (403, 409, 422). */
  execute(command: CommandBody<A>): Promise<Executed<A>>;
}

/** What a command did: its events and the record's version after them. */
export interface Executed<A extends AggregateType> {
  events: EventOf<A>[];
  version: number;
}

export interface ActionStep<A extends AggregateType, Visible, T, Type extends string = string> {
  /** The kinds of viewer that may take the action; any other gets 403. Absent: every viewer. */
  viewers?: readonly string[] | undefined;
  audit: Type;
  /** References for the audit entry; a function of the work's result when they name what it made. */
  details?: Record<string, unknown> | ((result: T) => Record<string, unknown>) | undefined;
  work(context: ActionContext<A, Visible>): Promise<T>;
}

export interface ActionPipeline<
  A extends AggregateType,
  Caller,
  Visible,
  View,
  Type extends string = string,
> {
  /** Runs one action and answers what its work returned and the record as the caller sees it. */
  run<T>(
    actor: Caller,
    id: string,
    step: ActionStep<A, Visible, T, Type>,
  ): Promise<{ result: T; view: View }>;
  /**
   * Runs a command as this workflow actor within a transaction the caller already holds: for
   * what is not an action on a visible record (opening one, the finder's side of a case).
   */
  execute(tx: Tx, id: string, actor: WorkflowActor, command: CommandBody<A>): Promise<Executed<A>>;
}

export function createActionPipeline<
  A extends AggregateType,
  Caller,
  Visible,
  View,
  Type extends string,
>(
  deps: { workflow: WorkflowStore; audit: AuditWriter<Caller, Type>; clock: Clock },
  subject: ActionSubject<A, Caller, Visible, View>,
): ActionPipeline<A, Caller, Visible, View, Type> {
  const { workflow, audit, clock } = deps;

  async function execute(tx: Tx, id: string, actor: WorkflowActor, command: CommandBody<A>) {
    const result = await workflow.execute(tx, subject.aggregate, id, {
      ...command,
      commandId: newId(),
      at: clock.now().toISOString(),
      actor,
    } as CommandOf<A>);
    if (!result.ok) throw rejectionProblem(result.rejection);
    return { events: result.events, version: result.version };
  }

  return {
    execute,
    run(actor, id, step) {
      return workflow.transaction(async (tx) => {
        const at = clock.now().toISOString();
        const visible = await subject.load(tx, actor, id);
        if (step.viewers && !step.viewers.includes(subject.viewerKind(visible))) {
          throw forbidden("You may not take this action here.");
        }
        const result = await step.work({
          tx,
          id,
          at,
          visible,
          execute: (command) => execute(tx, id, subject.workflowActor(visible), command),
        });
        await subject.touch(tx, id, at);
        await audit.record(tx, actor, {
          type: step.audit,
          subjectType: subject.subjectType,
          subjectId: id,
          details: typeof step.details === "function" ? step.details(result) : step.details,
        });
        const after = await subject.load(tx, actor, id);
        return { result, view: await subject.present(tx, actor, after) };
      });
    },
  };
}
