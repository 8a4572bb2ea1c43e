/**
 * The three aggregates behind one interface, and the follow-ups between them: a report that is
 * forwarded opens its case or site case; a case or site case that ends closes its report with
 * the same outcome (R-INT-9); a finder's consent change reaches the linked case. Services never
 * decide these by themselves: the store (and the in-memory world of the tests and simulation)
 * runs the follow-ups in the same transaction as the command that caused them.
 */
import {
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  caseTransitions,
  decideCase,
  evolveCase,
  initialCase,
  participantTransitions,
} from "./case/index.ts";
import { type Decision, type Rejection, SCHEDULER } from "./common.ts";
import type { WorkflowPolicy } from "./policy.ts";
import {
  decidePriorityProvision,
  evolvePriorityProvision,
  initialPriorityProvision,
  type PriorityProvisionCommand,
  type PriorityProvisionEvent,
  type PriorityProvisionState,
  priorityProvisionTransitions,
} from "./priority-provision/index.ts";
import {
  decideReport,
  evolveReport,
  initialReport,
  type ReportCommand,
  type ReportEvent,
  type ReportState,
  reportTransitions,
} from "./report.ts";
import {
  decideSiteCase,
  evolveSiteCase,
  initialSiteCase,
  type SiteCaseCommand,
  type SiteCaseEvent,
  type SiteCaseState,
  siteCaseTransitions,
} from "./site-case/index.ts";
import type { NamedTable } from "./transitions.ts";

export const AGGREGATE_TYPES = ["report", "case", "site_case", "priority_provision"] as const;
export type AggregateType = (typeof AGGREGATE_TYPES)[number];

export interface Aggregates {
  report: { state: ReportState; command: ReportCommand; event: ReportEvent };
  case: { state: CaseState; command: CaseCommand; event: CaseEvent };
  site_case: { state: SiteCaseState; command: SiteCaseCommand; event: SiteCaseEvent };
  priority_provision: {
    state: PriorityProvisionState;
    command: PriorityProvisionCommand;
    event: PriorityProvisionEvent;
  };
}

export type StateOf<A extends AggregateType> = Aggregates[A]["state"];
export type CommandOf<A extends AggregateType> = Aggregates[A]["command"];
export type EventOf<A extends AggregateType> = Aggregates[A]["event"];
export type AnyCommand = CommandOf<AggregateType>;
export type AnyEvent = EventOf<AggregateType>;
export type AnyState = StateOf<AggregateType>;

export interface Machine<A extends AggregateType> {
  aggregate: A;
  initial(id: string): StateOf<A>;
  decide(state: StateOf<A>, command: CommandOf<A>, policy: WorkflowPolicy): Decision<EventOf<A>>;
  evolve(state: StateOf<A>, event: EventOf<A>): StateOf<A>;
  /** The status column of the current-state row. */
  status(state: StateOf<A>): string | null;
  /** The transition tables docs/workflow.md draws. */
  tables: NamedTable[];
}

export const machines: { [A in AggregateType]: Machine<A> } = {
  report: {
    aggregate: "report",
    initial: initialReport,
    decide: decideReport,
    evolve: evolveReport,
    status: (state) => state.status,
    tables: [{ name: "report", table: reportTransitions }],
  },
  case: {
    aggregate: "case",
    initial: initialCase,
    decide: decideCase,
    evolve: evolveCase,
    status: (state) => state.status,
    tables: [
      { name: "case", table: caseTransitions },
      { name: "participant", table: participantTransitions },
    ],
  },
  site_case: {
    aggregate: "site_case",
    initial: initialSiteCase,
    decide: decideSiteCase,
    evolve: evolveSiteCase,
    status: (state) => state.status,
    tables: [{ name: "site_case", table: siteCaseTransitions }],
  },
  priority_provision: {
    aggregate: "priority_provision",
    initial: initialPriorityProvision,
    decide: decidePriorityProvision,
    evolve: evolvePriorityProvision,
    status: (state) => state.status,
    tables: [{ name: "priority_provision", table: priorityProvisionTransitions }],
  },
};

export function machineFor<A extends AggregateType>(aggregate: A): Machine<A> {
  const machine = machines[aggregate];
  if (!machine) throw new Error(`unknown aggregate type ${aggregate}`);
  return machine;
}

export function isAggregateType(value: string): value is AggregateType {
  return (AGGREGATE_TYPES as readonly string[]).includes(value);
}

/** Folds events into a state, from the initial state unless one is given. */
export function replayEvents<A extends AggregateType>(
  aggregate: A,
  id: string,
  events: readonly EventOf<A>[],
  from?: StateOf<A>,
): StateOf<A> {
  const machine = machineFor(aggregate);
  let state = from ?? machine.initial(id);
  for (const event of events) state = machine.evolve(state, event);
  return state;
}

// ---------------------------------------------------------------------------------------------
// Follow-ups between aggregates

/**
 * Commands that only follow-ups send: a case or site case is opened by forwarding its report,
 * a report closes with its case's outcome when the case ends, and the finder's consent reaches
 * a case from the report. The store (and the world) refuse them from anyone else, so no service
 * can open a product case for a web report (W-7) or close a report its case has not closed.
 */
export const FOLLOW_UP_ONLY: ReadonlySet<string> = new Set([
  "open_case",
  "open_site_case",
  "close_with_outcome",
  "update_finder_consent",
]);

export function followUpOnlyRejection(command: { type: string }): Rejection | null {
  return FOLLOW_UP_ONLY.has(command.type)
    ? {
        code: "forbidden",
        command: command.type,
        message: `${command.type} happens only as the consequence of another command (forwarding a report, a case ending, a consent change)`,
      }
    : null;
}

export interface FollowUp {
  aggregate: AggregateType;
  id: string;
  command: AnyCommand;
}

/**
 * The commands other aggregates receive because of these events. Each follow-up's id is derived
 * from the causing command's, so running it twice is a no-op (W-1).
 */
export function followUps<A extends AggregateType>(
  aggregate: A,
  id: string,
  stateAfter: StateOf<A>,
  events: readonly EventOf<A>[],
): FollowUp[] {
  const result: FollowUp[] = [];
  for (const event of events as readonly AnyEvent[]) {
    const base = { at: event.at, actor: SCHEDULER };
    if (aggregate === "report") {
      const report = stateAfter as ReportState;
      if (event.type === "report_forwarded") {
        const target = event.target;
        if (target.kind === "case" && report.consent?.kind === "product" && report.finderId) {
          result.push({
            aggregate: "case",
            id: target.caseId,
            command: {
              ...base,
              type: "open_case",
              commandId: `${event.commandId}/open_case`,
              reportId: id,
              reportKind: report.kind ?? "product",
              finderId: report.finderId,
              finderConsent: report.consent,
            },
          });
        } else if (target.kind === "site_case" && report.consent?.kind === "web") {
          result.push({
            aggregate: "site_case",
            id: target.siteCaseId,
            command: {
              ...base,
              type: "open_site_case",
              commandId: `${event.commandId}/open_site_case`,
              reportId: id,
              reportKind: report.kind ?? "web",
              operator: target.operator,
              finderConsent: report.consent,
            },
          });
        }
      } else if (event.type === "report_consent_updated") {
        const consent = event.consent;
        if (report.caseId && consent.kind === "product") {
          result.push({
            aggregate: "case",
            id: report.caseId,
            command: {
              ...base,
              type: "update_finder_consent",
              commandId: `${event.commandId}/consent`,
              consent,
            },
          });
        } else if (report.siteCaseId && consent.kind === "web") {
          result.push({
            aggregate: "site_case",
            id: report.siteCaseId,
            command: {
              ...base,
              type: "update_finder_consent",
              commandId: `${event.commandId}/consent`,
              consent,
            },
          });
        }
      }
    } else if (aggregate === "case") {
      const kase = stateAfter as CaseState;
      if (kase.source?.kind !== "report") continue;
      const outcome =
        event.type === "case_published"
          ? "published"
          : event.type === "case_closed" && event.reason !== "completed"
            ? event.reason
            : null;
      if (outcome) {
        result.push({
          aggregate: "report",
          id: kase.source.reportId,
          command: {
            ...base,
            type: "close_with_outcome",
            commandId: `${event.commandId}/report_outcome`,
            source: "case",
            linkedId: id,
            outcome,
          },
        });
      }
    } else if (aggregate === "site_case") {
      const site = stateAfter as SiteCaseState;
      if (event.type === "site_case_closed" && site.reportId) {
        result.push({
          aggregate: "report",
          id: site.reportId,
          command: {
            ...base,
            type: "close_with_outcome",
            commandId: `${event.commandId}/report_outcome`,
            source: "site_case",
            linkedId: id,
            outcome: event.reason,
          },
        });
      }
    }
  }
  return result;
}

/**
 * A finder's consent change that reaches a case or site case already closed is skipped: there
 * is nothing left to share. Any other refused follow-up (a forward to a case id that exists, an
 * outcome for a report that was not forwarded there) refuses the command that caused it.
 */
export function followUpMayBeSkipped(followUp: FollowUp, rejection: Rejection): boolean {
  return (
    followUp.command.type === "update_finder_consent" && rejection.code === "transition_not_allowed"
  );
}

export class FollowUpRejectedError extends Error {
  constructor(
    readonly followUp: FollowUp,
    readonly rejection: Rejection,
  ) {
    super(
      `follow-up ${followUp.command.type} on ${followUp.aggregate} ${followUp.id} was refused: ${rejection.code}: ${rejection.message}`,
    );
    this.name = "FollowUpRejectedError";
  }

  /** The refusal the command that caused the follow-up answers with. */
  get commandRejection(): Rejection {
    return { ...this.rejection, message: this.message };
  }
}

/**
 * Whether a follow-up was applied (false: skipped, as followUpMayBeSkipped allows). Any other
 * refusal throws FollowUpRejectedError, so that the command that caused it is rolled back.
 */
export function followUpApplied<R extends { ok: true } | { ok: false; rejection: Rejection }>(
  followUp: FollowUp,
  result: R,
): result is Extract<R, { ok: true }> {
  if (result.ok) return true;
  const { rejection } = result as { ok: false; rejection: Rejection };
  if (followUpMayBeSkipped(followUp, rejection)) return false;
  throw new FollowUpRejectedError(followUp, rejection);
}
