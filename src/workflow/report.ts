/**
 * The report (届出) at the intake desk, SPEC §3:
 * `submitted` → `needs_info` ⇄ `submitted` → `accepted` | `rejected`;
 * `accepted` → `forwarded` | `closed`; `forwarded` → `closed` when its case or site case closes
 * (R-INT-9).
 */
import {
  type CommandBase,
  type Decision,
  type EventMeta,
  FINDER,
  INTAKE,
  type Instant,
  Issues,
  nonEmpty,
  notAllowed,
  type Recipient,
  reject,
  rememberCommand,
  type StateBase,
} from "./common.ts";
import type { WorkflowPolicy } from "./policy.ts";
import { type Check, decideByRules, type RuleTable, rule } from "./rules.ts";
import { allows, type TransitionTable } from "./transitions.ts";

export const REPORT_STATUSES = [
  "submitted",
  "needs_info",
  "accepted",
  "rejected",
  "forwarded",
  "closed",
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportKind = "product" | "web";

/** R-INT-3: the desk's continuation check. */
export const REPORT_CLOSE_REASONS = [
  "not_a_vulnerability",
  "duplicate",
  "not_reproducible",
  "illegally_obtained",
  "out_of_scope",
  "withdrawn",
] as const;
export type ReportCloseReason = (typeof REPORT_CLOSE_REASONS)[number];

/** R-INT-9: how a forwarded report's case or site case ended; the report closes the same way. */
export const CASE_OUTCOMES = ["published", "no_action", "duplicate"] as const;
export const SITE_CASE_OUTCOMES = [
  "fixed",
  "closed_after_warning",
  "not_vulnerable",
  "unreachable",
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export type SiteCaseOutcome = (typeof SITE_CASE_OUTCOMES)[number];
export type LinkedOutcome = CaseOutcome | SiteCaseOutcome;

export interface ProductConsent {
  kind: "product";
  identityToCoordinator: boolean;
  identityToVendor: boolean;
  directContact: boolean;
  /** The public credit the finder chose, or null for none. */
  credit: string | null;
}

export interface WebConsent {
  kind: "web";
  identityToOperator: boolean;
  directContact: boolean;
}

export type FinderConsent = ProductConsent | WebConsent;

/** After a kind change the finder has consented to nothing of the new kind yet (W-8). */
export function noConsent(kind: ReportKind): FinderConsent {
  return kind === "product"
    ? {
        kind: "product",
        identityToCoordinator: false,
        identityToVendor: false,
        directContact: false,
        credit: null,
      }
    : { kind: "web", identityToOperator: false, directContact: false };
}

export type OperatorRef =
  | { orgId: string }
  /** An operator not yet in the directory: it is mailed a link to claim the case (R-WEB-1). */
  | { name: string; contactEmail: string };

export type ForwardTarget =
  | { kind: "case"; caseId: string }
  | { kind: "site_case"; siteCaseId: string; operator: OperatorRef };

export interface ReportHistoryEntry {
  at: Instant;
  status: ReportStatus;
  reason: string | null;
}

export interface ReportState extends StateBase {
  status: ReportStatus | null;
  kind: ReportKind | null;
  finderId: string | null;
  receivedAt: Instant | null;
  consent: FinderConsent | null;
  closeReason: ReportCloseReason | LinkedOutcome | null;
  duplicateOf: string | null;
  rejectReason: string | null;
  caseId: string | null;
  siteCaseId: string | null;
  kindChanges: { at: Instant; from: ReportKind; to: ReportKind; reason: string }[];
  history: ReportHistoryEntry[];
}

// ---------------------------------------------------------------------------------------------
// Commands

type C<T extends string, P = unknown> = CommandBase & { type: T } & P;

export type ReportCommand =
  | C<"submit", { kind: ReportKind; consent: FinderConsent }>
  | C<"request_info", { messageId: string }>
  | C<"resubmit">
  | C<"accept">
  | C<"reject", { reason: string }>
  | C<"close", { reason: ReportCloseReason; duplicateOf?: string | null }>
  | C<"change_kind", { kind: ReportKind; reason: string }>
  | C<"update_consent", { consent: FinderConsent }>
  | C<"forward", { target: ForwardTarget }>
  | C<
      "close_with_outcome",
      { source: "case" | "site_case"; linkedId: string; outcome: LinkedOutcome }
    >;

// ---------------------------------------------------------------------------------------------
// Events

type E<T extends string, P = unknown> = EventMeta & { type: T } & P;

export type ReportEvent =
  | E<"report_submitted", { kind: ReportKind; finderId: string; consent: FinderConsent }>
  | E<"report_info_requested", { messageId: string }>
  | E<"report_resubmitted">
  | E<"report_accepted">
  | E<"report_rejected", { reason: string }>
  | E<
      "report_closed",
      {
        reason: ReportCloseReason | LinkedOutcome;
        duplicateOf: string | null;
        linked: { source: "case" | "site_case"; id: string } | null;
      }
    >
  | E<"report_kind_changed", { from: ReportKind; to: ReportKind; reason: string }>
  | E<"report_consent_updated", { consent: FinderConsent }>
  | E<"report_forwarded", { target: ForwardTarget }>;

// ---------------------------------------------------------------------------------------------
// Transition table

export const reportTransitions: TransitionTable<ReportStatus> = [
  { from: null, to: "submitted", on: "submit" },
  { from: "submitted", to: "needs_info", on: "request_info" },
  { from: "needs_info", to: "submitted", on: "resubmit" },
  { from: "submitted", to: "accepted", on: "accept" },
  { from: "submitted", to: "rejected", on: "reject" },
  { from: "needs_info", to: "rejected", on: "reject" },
  { from: "accepted", to: "closed", on: "close" },
  { from: "accepted", to: "forwarded", on: "forward" },
  { from: "forwarded", to: "closed", on: "close_with_outcome" },
];

/** The status each event moves the report to. */
const STATUS_BY_EVENT: Partial<Record<ReportEvent["type"], ReportStatus>> = {
  report_submitted: "submitted",
  report_info_requested: "needs_info",
  report_resubmitted: "submitted",
  report_accepted: "accepted",
  report_rejected: "rejected",
  report_closed: "closed",
  report_forwarded: "forwarded",
};

export function initialReport(id: string): ReportState {
  return {
    id,
    commandIds: [],
    status: null,
    kind: null,
    finderId: null,
    receivedAt: null,
    consent: null,
    closeReason: null,
    duplicateOf: null,
    rejectReason: null,
    caseId: null,
    siteCaseId: null,
    kindChanges: [],
    history: [],
  };
}

// ---------------------------------------------------------------------------------------------
// evolve

export function evolveReport(state: ReportState, event: ReportEvent): ReportState {
  let next = rememberCommand(state, event.commandId);
  const status = STATUS_BY_EVENT[event.type];
  if (status) {
    const reason =
      event.type === "report_rejected"
        ? event.reason
        : event.type === "report_closed"
          ? event.reason
          : null;
    next = { ...next, status, history: [...next.history, { at: event.at, status, reason }] };
  }
  switch (event.type) {
    case "report_submitted":
      return {
        ...next,
        kind: event.kind,
        finderId: event.finderId,
        receivedAt: event.at,
        consent: event.consent,
      };
    case "report_rejected":
      return { ...next, rejectReason: event.reason };
    case "report_closed":
      return { ...next, closeReason: event.reason, duplicateOf: event.duplicateOf };
    case "report_kind_changed":
      return {
        ...next,
        kind: event.to,
        consent: noConsent(event.to),
        kindChanges: [
          ...next.kindChanges,
          { at: event.at, from: event.from, to: event.to, reason: event.reason },
        ],
      };
    case "report_consent_updated":
      return { ...next, consent: event.consent };
    case "report_forwarded":
      return event.target.kind === "case"
        ? { ...next, caseId: event.target.caseId }
        : { ...next, siteCaseId: event.target.siteCaseId };
    default:
      return next;
  }
}

// ---------------------------------------------------------------------------------------------
// decide

const OPEN_FOR_CONSENT: readonly ReportStatus[] = [
  "submitted",
  "needs_info",
  "accepted",
  "forwarded",
];
const BEFORE_FORWARDING: readonly ReportStatus[] = ["submitted", "needs_info", "accepted"];

type ReportRules = RuleTable<ReportState, ReportCommand, ReportEvent>;

function audience(state: ReportState): Recipient[] {
  return state.finderId ? [INTAKE, FINDER] : [INTAKE];
}

function checkConsent(issues: Issues, consent: unknown, kind: ReportKind | null): void {
  const c = consent as Record<string, unknown> | null | undefined;
  if (!c || typeof c !== "object") {
    issues.add("consent", "is required");
    return;
  }
  if (c.kind !== kind) {
    issues.add("consent.kind", `must be ${kind ?? "product or web"} (the report's kind)`);
    return;
  }
  const flags =
    kind === "product"
      ? (["identityToCoordinator", "identityToVendor", "directContact"] as const)
      : (["identityToOperator", "directContact"] as const);
  for (const flag of flags) {
    if (typeof c[flag] !== "boolean") issues.add(`consent.${flag}`, "must be true or false");
  }
  if (kind === "product" && !(c.credit === null || nonEmpty(c.credit))) {
    issues.add("consent.credit", "must be null or a non-empty string");
  }
}

/** The report's status may move on this command to that status (reportTransitions). */
function moves(on: string, to: ReportStatus): Check<ReportState, ReportCommand> {
  return (command, state) =>
    allows(reportTransitions, state.status, on, to)
      ? null
      : notAllowed(
          command,
          state.status === null
            ? `the report does not exist (${on})`
            : `a ${state.status} report cannot ${on.replaceAll("_", " ")}`,
          state.status,
        );
}

const ownFinder: Check<ReportState, ReportCommand> = (command, state) =>
  command.actor.kind === "finder" && command.actor.userId === state.finderId
    ? null
    : reject(command, "forbidden", "only the report's finder may do this");

const reportRules: ReportRules = {
  submit: rule({
    by: "finder",
    check: (command) => {
      const issues = new Issues().oneOf("kind", command.kind, ["product", "web"]);
      checkConsent(issues, command.consent, command.kind);
      return issues;
    },
    when: moves("submit", "submitted"),
    decide: ({ command, out }) => {
      out.emit({
        type: "report_submitted",
        kind: command.kind,
        finderId: command.actor.kind === "finder" ? command.actor.userId : "",
        consent: command.consent,
        audience: [INTAKE, FINDER],
      });
      return out.done();
    },
  }),

  request_info: rule({
    by: "intake",
    check: (command) => new Issues().text("messageId", command.messageId),
    when: moves("request_info", "needs_info"),
    decide: ({ command, state, out }) => {
      out.emit({
        type: "report_info_requested",
        messageId: command.messageId,
        audience: audience(state),
      });
      return out.done();
    },
  }),

  resubmit: rule({
    by: ownFinder,
    when: moves("resubmit", "submitted"),
    decide: ({ state, out }) => {
      out.emit({ type: "report_resubmitted", audience: audience(state) });
      return out.done();
    },
  }),

  accept: rule({
    by: "intake",
    when: moves("accept", "accepted"),
    decide: ({ state, out }) => {
      out.emit({ type: "report_accepted", audience: audience(state) });
      return out.done();
    },
  }),

  reject: rule({
    by: "intake",
    // R-INT-2: a rejection needs a reason the finder is told.
    check: (command) => new Issues().text("reason", command.reason),
    when: moves("reject", "rejected"),
    decide: ({ command, state, out }) => {
      out.emit({ type: "report_rejected", reason: command.reason, audience: audience(state) });
      return out.done();
    },
  }),

  close: rule({
    by: "intake",
    check: (command) => {
      const issues = new Issues().oneOf("reason", command.reason, REPORT_CLOSE_REASONS);
      if (command.reason === "duplicate") issues.text("duplicateOf", command.duplicateOf);
      else if (command.duplicateOf != null) {
        issues.add("duplicateOf", "is only for the reason duplicate");
      }
      return issues;
    },
    when: moves("close", "closed"),
    decide: ({ command, state, out }) => {
      out.emit({
        type: "report_closed",
        reason: command.reason,
        duplicateOf: command.duplicateOf ?? null,
        linked: null,
        audience: audience(state),
      });
      return out.done();
    },
  }),

  change_kind: rule({
    by: "intake",
    check: (command, state) => {
      const issues = new Issues()
        .oneOf("kind", command.kind, ["product", "web"])
        .text("reason", command.reason);
      if (state.kind !== null && command.kind === state.kind) {
        issues.add("kind", `the report is already a ${state.kind} report`);
      }
      return issues;
    },
    // R-INT-8: only before forwarding.
    when: (command, state) =>
      state.status !== null && BEFORE_FORWARDING.includes(state.status)
        ? null
        : notAllowed(command, "the kind changes only before forwarding", state.status),
    decide: ({ command, state, out }) => {
      out.emit({
        type: "report_kind_changed",
        from: state.kind ?? "product",
        to: command.kind,
        reason: command.reason,
        audience: audience(state),
      });
      return out.done();
    },
  }),

  update_consent: rule({
    by: ownFinder,
    check: (command, state) => {
      const issues = new Issues();
      checkConsent(issues, command.consent, state.kind);
      return issues;
    },
    when: (command, state) =>
      state.status !== null && OPEN_FOR_CONSENT.includes(state.status)
        ? null
        : notAllowed(command, "the report is no longer open", state.status),
    decide: ({ command, state, out }) => {
      out.emit({
        type: "report_consent_updated",
        consent: command.consent,
        audience: audience(state),
      });
      return out.done();
    },
  }),

  forward: rule({
    by: "intake",
    check: (command, state) => {
      const target = command.target as Partial<ForwardTarget> | undefined;
      const issues = new Issues();
      // W-7: a web report only ever becomes a site case; a product report only a case.
      if (state.kind === "product") {
        if (target?.kind !== "case") issues.add("target.kind", "a product report becomes a case");
        else issues.text("target.caseId", target.caseId);
      } else if (state.kind === "web") {
        if (target?.kind !== "site_case") {
          issues.add("target.kind", "a web report becomes a site case");
        } else {
          issues.text("target.siteCaseId", target.siteCaseId);
          const operator = target.operator as Partial<
            { orgId: string } & { name: string; contactEmail: string }
          >;
          if (!operator || typeof operator !== "object")
            issues.add("target.operator", "is required");
          else if ("orgId" in operator) issues.text("target.operator.orgId", operator.orgId);
          else
            issues
              .text("target.operator.name", operator.name)
              .text("target.operator.contactEmail", operator.contactEmail);
        }
      }
      return issues;
    },
    when: moves("forward", "forwarded"),
    decide: ({ command, state, out }) => {
      out.emit({
        type: "report_forwarded",
        target: command.target,
        audience:
          command.target.kind === "case"
            ? [...audience(state), { kind: "coordinator" }]
            : audience(state),
      });
      return out.done();
    },
  }),

  close_with_outcome: rule({
    by: "system",
    // The status first: an outcome for a report that is not forwarded is refused as such.
    when: moves("close_with_outcome", "closed"),
    decide: ({ command, state, out }) => {
      const issues = new Issues().oneOf("source", command.source, ["case", "site_case"]);
      const linked = command.source === "case" ? state.caseId : state.siteCaseId;
      if (command.linkedId !== linked) {
        issues.add("linkedId", "is not the case or site case this report was forwarded to");
      }
      issues.oneOf(
        "outcome",
        command.outcome,
        command.source === "case" ? CASE_OUTCOMES : SITE_CASE_OUTCOMES,
      );
      const bad = issues.refusal(command);
      if (bad) return bad;
      out.emit({
        type: "report_closed",
        reason: command.outcome,
        duplicateOf: null,
        linked: { source: command.source, id: command.linkedId },
        audience: audience(state),
      });
      return out.done();
    },
  }),
};

export function decideReport(
  state: ReportState,
  command: ReportCommand,
  policy: WorkflowPolicy,
): Decision<ReportEvent> {
  return decideByRules(
    { noun: "report", opening: ["submit"], evolve: evolveReport, rules: reportRules },
    state,
    command,
    policy,
  );
}
