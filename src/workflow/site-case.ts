/**
 * The web-application case, SPEC §5: `operator_notified` → `operator_acknowledged` → `fixed` |
 * `not_vulnerable`; `operator_unreachable` when nobody answers (the acknowledgement deadline and
 * its reminders, R-WEB-6, or the desk's decision); `closed` with a reason. A web case has no
 * advisory and no public output but the operator's leak notice (R-WEB-4, W-7).
 */
import {
  type CommandBase,
  checkEnvelope,
  type Decision,
  dedupeRecipients,
  Emitter,
  type EventMeta,
  FINDER,
  INTAKE,
  type Instant,
  Issues,
  type Recipient,
  type Refusal,
  reject,
  rememberCommand,
  requireActor,
  type StateBase,
  type Timer,
} from "./common.ts";
import { deadlineAfter, type WorkflowPolicy } from "./policy.ts";
import type { OperatorRef, WebConsent } from "./report.ts";
import { allows, edges, type TransitionTable } from "./transitions.ts";

export const SITE_CASE_STATUSES = [
  "operator_notified",
  "operator_acknowledged",
  "fixed",
  "not_vulnerable",
  "operator_unreachable",
  "closed",
] as const;
export type SiteCaseStatus = (typeof SITE_CASE_STATUSES)[number];

export const SITE_CLOSE_REASONS = [
  "fixed",
  "closed_after_warning",
  "not_vulnerable",
  "unreachable",
] as const;
export type SiteCloseReason = (typeof SITE_CLOSE_REASONS)[number];

export const FIX_METHODS = ["app_fixed", "page_removed", "operational_workaround"] as const;
export type FixMethod = (typeof FIX_METHODS)[number];

export interface SiteCaseState extends StateBase {
  status: SiteCaseStatus | null;
  reportId: string | null;
  operator: { orgId: string | null; name: string | null; contactEmail: string | null } | null;
  notifiedAt: Instant | null;
  acknowledgedAt: Instant | null;
  result: { result: "fixed" | "not_vulnerable"; fixMethod: FixMethod | null; at: Instant } | null;
  closure: { reason: SiteCloseReason; at: Instant } | null;
  finderConsent: WebConsent | null;
  ladder: { generation: number; reminders: number } | null;
  analysisRequests: { id: string; status: "pending" | "granted" | "denied" }[];
  leakNotices: { id: string; at: Instant }[];
  directContacts: { id: string; intakeApproved: boolean; status: "pending" | "open" | "closed" }[];
  timers: Timer[];
  timerSeq: number;
}

type C<T extends string, P = unknown> = CommandBase & { type: T } & P;

export type SiteCaseCommand =
  | C<
      "open_site_case",
      {
        reportId: string;
        reportKind: "product" | "web";
        operator: OperatorRef;
        finderConsent: WebConsent;
      }
    >
  | C<"claim_site_case">
  | C<"acknowledge">
  | C<"report_result", { result: "fixed" | "not_vulnerable"; fixMethod?: FixMethod | null }>
  | C<"mark_unreachable">
  | C<"close", { reason: SiteCloseReason; message: string }>
  | C<"publish_leak_notice", { noticeId: string }>
  | C<"request_analysis", { requestId: string }>
  | C<"answer_analysis", { requestId: string; decision: "grant" | "deny" }>
  | C<"post_message", { messageId: string; to?: string | null }>
  | C<"update_finder_consent", { consent: WebConsent }>
  | C<"share_finder_identity">
  | C<"request_direct_contact", { requestId: string }>
  | C<"approve_direct_contact", { requestId: string }>
  | C<"fire_timer", { timerId: string }>;

type E<T extends string, P = unknown> = EventMeta & { type: T } & P;

export type SiteCaseEvent =
  | E<"site_case_opened", { reportId: string; operator: OperatorRef; finderConsent: WebConsent }>
  | E<"site_case_status_changed", { from: SiteCaseStatus | null; to: SiteCaseStatus; on: string }>
  | E<"site_case_claimed", { orgId: string }>
  | E<"operator_acknowledged">
  | E<
      "operator_result_reported",
      { result: "fixed" | "not_vulnerable"; fixMethod: FixMethod | null }
    >
  | E<"site_case_closed", { reason: SiteCloseReason; message: string }>
  | E<"leak_notice_published", { noticeId: string }>
  | E<"analysis_requested", { requestId: string }>
  | E<"analysis_answered", { requestId: string; decision: "grant" | "deny" }>
  | E<"message_posted", { messageId: string; to: string }>
  | E<"finder_consent_updated", { consent: WebConsent }>
  | E<"finder_identity_shared", { to: Recipient[] }>
  | E<"direct_contact_requested", { requestId: string }>
  | E<"direct_contact_approved", { requestId: string }>
  | E<"direct_contact_opened", { requestId: string }>
  | E<"direct_contact_closed", { requestId: string; reason: string }>
  | E<"operator_ladder_started", { generation: number }>
  | E<"operator_ladder_stopped">
  | E<"operator_reminder_due", { generation: number; step: number }>
  | E<"timer_set", { timer: Timer }>
  | E<"timer_fired", { timerId: string }>;

const ANSWERABLE: SiteCaseStatus[] = [
  "operator_notified",
  "operator_acknowledged",
  "operator_unreachable",
];

export const siteCaseTransitions: TransitionTable<SiteCaseStatus> = [
  { from: null, to: "operator_notified", on: "open_site_case" },
  { from: "operator_notified", to: "operator_acknowledged", on: "acknowledge" },
  { from: "operator_unreachable", to: "operator_acknowledged", on: "acknowledge" },
  ...edges<SiteCaseStatus>(ANSWERABLE, "report_result (fixed)", ["fixed"]),
  ...edges<SiteCaseStatus>(ANSWERABLE, "report_result (not_vulnerable)", ["not_vulnerable"]),
  { from: "operator_notified", to: "operator_unreachable", on: "mark_unreachable" },
  { from: "operator_notified", to: "operator_unreachable", on: "unreachable_after_reminders" },
  { from: "fixed", to: "closed", on: "close (fixed)" },
  { from: "not_vulnerable", to: "closed", on: "close (not_vulnerable)" },
  { from: "operator_unreachable", to: "closed", on: "close (unreachable)" },
  ...edges<SiteCaseStatus>(ANSWERABLE, "close (closed_after_warning)", ["closed"]),
];

export function initialSiteCase(id: string): SiteCaseState {
  return {
    id,
    commandIds: [],
    status: null,
    reportId: null,
    operator: null,
    notifiedAt: null,
    acknowledgedAt: null,
    result: null,
    closure: null,
    finderConsent: null,
    ladder: null,
    analysisRequests: [],
    leakNotices: [],
    directContacts: [],
    timers: [],
    timerSeq: 0,
  };
}

function operatorRecipient(state: SiteCaseState): Recipient {
  return { kind: "site_operator", orgId: state.operator?.orgId ?? null };
}

function parties(state: SiteCaseState): Recipient[] {
  return dedupeRecipients([INTAKE, operatorRecipient(state)]);
}

/** W-8: whether the finder's identity may reach a party under the consent recorded now. */
export function finderIdentityMayReachSite(state: SiteCaseState, recipient: Recipient): boolean {
  if (recipient.kind === "intake" || recipient.kind === "finder") return true;
  if (recipient.kind !== "site_operator" || !state.finderConsent || !state.operator) return false;
  if (recipient.orgId !== state.operator.orgId) return false;
  return (
    state.finderConsent.identityToOperator ||
    (state.finderConsent.directContact && state.directContacts.some((d) => d.status === "open"))
  );
}

export function evolveSiteCase(state: SiteCaseState, event: SiteCaseEvent): SiteCaseState {
  const s = rememberCommand(state, event.commandId);
  switch (event.type) {
    case "site_case_opened":
      return {
        ...s,
        reportId: event.reportId,
        operator:
          "orgId" in event.operator
            ? { orgId: event.operator.orgId, name: null, contactEmail: null }
            : { orgId: null, name: event.operator.name, contactEmail: event.operator.contactEmail },
        notifiedAt: event.at,
        finderConsent: event.finderConsent,
      };
    case "site_case_status_changed":
      return { ...s, status: event.to };
    case "site_case_claimed":
      return {
        ...s,
        operator: s.operator
          ? { ...s.operator, orgId: event.orgId }
          : { orgId: event.orgId, name: null, contactEmail: null },
      };
    case "operator_acknowledged":
      return { ...s, acknowledgedAt: s.acknowledgedAt ?? event.at };
    case "operator_result_reported":
      return { ...s, result: { result: event.result, fixMethod: event.fixMethod, at: event.at } };
    case "site_case_closed":
      return { ...s, closure: { reason: event.reason, at: event.at } };
    case "leak_notice_published":
      return { ...s, leakNotices: [...s.leakNotices, { id: event.noticeId, at: event.at }] };
    case "analysis_requested":
      return {
        ...s,
        analysisRequests: [...s.analysisRequests, { id: event.requestId, status: "pending" }],
      };
    case "analysis_answered":
      return {
        ...s,
        analysisRequests: s.analysisRequests.map((r) =>
          r.id === event.requestId
            ? { ...r, status: event.decision === "grant" ? "granted" : "denied" }
            : r,
        ),
      };
    case "finder_consent_updated":
      return { ...s, finderConsent: event.consent };
    case "direct_contact_requested":
      return {
        ...s,
        directContacts: [
          ...s.directContacts,
          { id: event.requestId, intakeApproved: false, status: "pending" },
        ],
      };
    case "direct_contact_approved":
      return {
        ...s,
        directContacts: s.directContacts.map((d) =>
          d.id === event.requestId ? { ...d, intakeApproved: true } : d,
        ),
      };
    case "direct_contact_opened":
      return {
        ...s,
        directContacts: s.directContacts.map((d) =>
          d.id === event.requestId ? { ...d, status: "open" } : d,
        ),
      };
    case "direct_contact_closed":
      return {
        ...s,
        directContacts: s.directContacts.map((d) =>
          d.id === event.requestId ? { ...d, status: "closed" } : d,
        ),
      };
    case "operator_ladder_started":
      return { ...s, ladder: { generation: event.generation, reminders: 0 } };
    case "operator_ladder_stopped":
      return { ...s, ladder: null };
    case "operator_reminder_due":
      return s.ladder ? { ...s, ladder: { ...s.ladder, reminders: event.step } } : s;
    case "timer_set":
      return { ...s, timers: [...s.timers, event.timer], timerSeq: s.timerSeq + 1 };
    case "timer_fired":
      return { ...s, timers: s.timers.filter((t) => t.id !== event.timerId) };
    default:
      return s;
  }
}

type Out = Emitter<SiteCaseState, SiteCaseEvent>;

function statusChange(out: Out, on: string, to: SiteCaseStatus): void {
  out.emit({
    type: "site_case_status_changed",
    from: out.state.status,
    to,
    on,
    audience: parties(out.state),
  });
}

function transitionRefusal(command: SiteCaseCommand, state: SiteCaseState, on: string): Refusal {
  return reject(
    command,
    "transition_not_allowed",
    state.status === null
      ? "the site case does not exist"
      : `a site case in ${state.status} does not allow ${on}`,
    { state: state.status },
  );
}

function needOpen(command: SiteCaseCommand, state: SiteCaseState): Refusal | null {
  return state.status !== null && state.status !== "closed"
    ? null
    : transitionRefusal(command, state, command.type);
}

function ownOperator(command: SiteCaseCommand, state: SiteCaseState): Refusal | null {
  const actor = command.actor;
  if (actor.kind !== "site_operator")
    return reject(command, "forbidden", `${command.type} is the site operator's action`);
  if (!state.operator?.orgId || state.operator.orgId !== actor.orgId) {
    return reject(command, "forbidden", "the organization is not this site's operator");
  }
  return null;
}

function stopLadder(out: Out): void {
  if (out.state.ladder) out.emit({ type: "operator_ladder_stopped", audience: [] });
}

function setTimer(out: Out, kind: string, dueAt: Instant, generation: number): void {
  out.emit({
    type: "timer_set",
    timer: {
      id: `${kind}#${out.state.timerSeq + 1}`,
      kind,
      dueAt,
      orgId: null,
      generation,
      revision: null,
    },
    audience: [],
  });
}

function shareIdentityIfConsented(out: Out): void {
  const operator = operatorRecipient(out.state);
  if (
    operator.kind === "site_operator" &&
    operator.orgId &&
    out.state.finderConsent?.identityToOperator
  ) {
    out.emit({ type: "finder_identity_shared", to: [operator], audience: [operator] });
  }
}

export function decideSiteCase(
  state: SiteCaseState,
  command: SiteCaseCommand,
  policy: WorkflowPolicy,
): Decision<SiteCaseEvent> {
  const envelope = checkEnvelope(command);
  if (envelope) return envelope;
  if (state.commandIds.includes(command.commandId)) return { ok: true, events: [] };
  if (state.status === null && !["open_site_case"].includes(command.type)) {
    return reject(command, "transition_not_allowed", "the site case does not exist", {
      state: null,
    });
  }
  const out: Out = new Emitter<SiteCaseState, SiteCaseEvent>(state, command, evolveSiteCase);
  const at = command.at;
  const actor = command.actor;
  switch (command.type) {
    case "open_site_case": {
      // A follow-up of forwarding a web report (machines.ts).
      const refusal = requireActor(command, "system");
      if (refusal) return refusal;
      const issues = new Issues().text("reportId", command.reportId);
      // W-7: only a web report becomes a site case.
      if (command.reportKind !== "web")
        issues.add("reportKind", "only a web report becomes a site case");
      const operator = command.operator as
        | Partial<{ orgId: string; name: string; contactEmail: string }>
        | undefined;
      if (!operator || typeof operator !== "object") issues.add("operator", "is required");
      else if ("orgId" in operator) issues.text("operator.orgId", operator.orgId);
      else
        issues
          .text("operator.name", operator.name)
          .text("operator.contactEmail", operator.contactEmail);
      const consent = command.finderConsent as Partial<WebConsent> | undefined;
      if (consent?.kind !== "web") issues.add("finderConsent", "must be a web report's consent");
      const bad = issues.refusal(command);
      if (bad) return bad;
      if (!allows(siteCaseTransitions, state.status, "open_site_case", "operator_notified")) {
        return transitionRefusal(command, state, "open_site_case");
      }
      out.emit({
        type: "site_case_opened",
        reportId: command.reportId,
        operator: command.operator,
        finderConsent: command.finderConsent,
        audience: [],
      });
      statusChange(out, "open_site_case", "operator_notified");
      shareIdentityIfConsented(out);
      out.emit({ type: "operator_ladder_started", generation: 1, audience: [] });
      setTimer(
        out,
        "operator_acknowledgement_due",
        deadlineAfter(at, policy.operatorAcknowledgement, policy.calendar),
        1,
      );
      return out.done();
    }
    case "claim_site_case": {
      const refusal = requireActor(command, "site_operator");
      if (refusal) return refusal;
      const open = needOpen(command, state);
      if (open) return open;
      if (state.operator?.orgId) {
        return reject(command, "transition_not_allowed", "the site case has its operator already", {
          state: state.status,
        });
      }
      out.emit({
        type: "site_case_claimed",
        orgId: actor.kind === "site_operator" ? actor.orgId : "",
        audience: [INTAKE],
      });
      shareIdentityIfConsented(out);
      return out.done();
    }
    case "acknowledge": {
      const refusal = ownOperator(command, state);
      if (refusal) return refusal;
      if (!allows(siteCaseTransitions, state.status, "acknowledge", "operator_acknowledged")) {
        return transitionRefusal(command, state, "acknowledge");
      }
      out.emit({ type: "operator_acknowledged", audience: parties(state) });
      statusChange(out, "acknowledge", "operator_acknowledged");
      stopLadder(out);
      return out.done();
    }
    case "report_result": {
      const refusal = ownOperator(command, state);
      if (refusal) return refusal;
      const issues = new Issues().oneOf("result", command.result, ["fixed", "not_vulnerable"]);
      // R-WEB-2 and §5: a fix records its method.
      if (command.result === "fixed") issues.oneOf("fixMethod", command.fixMethod, FIX_METHODS);
      else if (command.fixMethod != null) issues.add("fixMethod", "is only for a fix");
      const bad = issues.refusal(command);
      if (bad) return bad;
      const on = `report_result (${command.result})`;
      if (!allows(siteCaseTransitions, state.status, on, command.result))
        return transitionRefusal(command, state, on);
      out.emit({
        type: "operator_result_reported",
        result: command.result,
        fixMethod: command.fixMethod ?? null,
        audience: [...parties(state), FINDER],
      });
      statusChange(out, on, command.result);
      stopLadder(out);
      return out.done();
    }
    case "mark_unreachable": {
      const refusal = requireActor(command, "intake");
      if (refusal) return refusal;
      if (!allows(siteCaseTransitions, state.status, "mark_unreachable", "operator_unreachable")) {
        return transitionRefusal(command, state, "mark_unreachable");
      }
      statusChange(out, "mark_unreachable", "operator_unreachable");
      stopLadder(out);
      return out.done();
    }
    case "close": {
      const refusal = requireActor(command, "intake");
      if (refusal) return refusal;
      const bad = new Issues()
        .oneOf("reason", command.reason, SITE_CLOSE_REASONS)
        .text("message", command.message)
        .refusal(command);
      if (bad) return bad;
      const on = `close (${command.reason})`;
      if (!allows(siteCaseTransitions, state.status, on, "closed"))
        return transitionRefusal(command, state, on);
      out.emit({
        type: "site_case_closed",
        reason: command.reason,
        message: command.message,
        audience: [...parties(state), FINDER],
      });
      statusChange(out, on, "closed");
      stopLadder(out);
      for (const d of state.directContacts.filter((d) => d.status !== "closed")) {
        out.emit({
          type: "direct_contact_closed",
          requestId: d.id,
          reason: "the case closed",
          audience: parties(state),
        });
      }
      return out.done();
    }
    case "publish_leak_notice": {
      const refusal = ownOperator(command, state);
      if (refusal) return refusal;
      const issues = new Issues().text("noticeId", command.noticeId);
      if (state.leakNotices.some((n) => n.id === command.noticeId))
        issues.add("noticeId", "was published already");
      const bad = issues.refusal(command);
      if (bad) return bad;
      if (state.status === null) return transitionRefusal(command, state, "publish_leak_notice");
      // R-WEB-4: the only public output of a web case.
      out.emit({
        type: "leak_notice_published",
        noticeId: command.noticeId,
        audience: [...parties(state), { kind: "public", channel: "leak_notice" }],
      });
      return out.done();
    }
    case "request_analysis": {
      const refusal = requireActor(command, "intake");
      if (refusal) return refusal;
      const issues = new Issues().text("requestId", command.requestId);
      if (state.analysisRequests.some((r) => r.id === command.requestId))
        issues.add("requestId", "exists already");
      const bad = issues.refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      out.emit({
        type: "analysis_requested",
        requestId: command.requestId,
        audience: parties(state),
      });
      return out.done();
    }
    case "answer_analysis": {
      const refusal = ownOperator(command, state);
      if (refusal) return refusal;
      const bad = new Issues()
        .text("requestId", command.requestId)
        .oneOf("decision", command.decision, ["grant", "deny"])
        .refusal(command);
      if (bad) return bad;
      const request = state.analysisRequests.find((r) => r.id === command.requestId);
      if (!request)
        return new Issues().add("requestId", "no such request").refusal(command) as Refusal;
      const open = needOpen(command, state);
      if (open) return open;
      if (request.status !== "pending") {
        return reject(
          command,
          "transition_not_allowed",
          `the request was ${request.status} already`,
          { state: state.status },
        );
      }
      out.emit({
        type: "analysis_answered",
        requestId: request.id,
        decision: command.decision,
        audience: parties(state),
      });
      return out.done();
    }
    case "post_message": {
      const bad = new Issues().text("messageId", command.messageId).refusal(command);
      if (bad) return bad;
      const to = command.to ?? (actor.kind === "intake" ? "operator" : "intake");
      let audience: Recipient[];
      const contactOpen = state.directContacts.some((d) => d.status === "open");
      if (actor.kind === "intake") {
        if (to !== "operator")
          return new Issues()
            .add("to", "the desk writes to the operator")
            .refusal(command) as Refusal;
        audience = parties(state);
      } else if (actor.kind === "site_operator") {
        const refusal = ownOperator(command, state);
        if (refusal) return refusal;
        if (to === "intake") audience = parties(state);
        else if (to === "finder" && contactOpen) audience = [...parties(state), FINDER];
        else
          return reject(
            command,
            "forbidden",
            "the operator writes to the desk (or to the finder over an open direct contact)",
          );
      } else if (actor.kind === "finder") {
        if (!contactOpen)
          return reject(command, "forbidden", "direct contact with the operator is not open");
        audience = [...parties(state), FINDER];
      } else {
        return reject(command, "forbidden", `a ${actor.kind} does not write on site cases`);
      }
      const open = needOpen(command, state);
      if (open) return open;
      out.emit({
        type: "message_posted",
        messageId: command.messageId,
        to,
        audience: dedupeRecipients(audience),
      });
      return out.done();
    }
    case "update_finder_consent": {
      const refusal = requireActor(command, "system");
      if (refusal) return refusal;
      const c = command.consent as Partial<WebConsent> | undefined;
      const issues = new Issues();
      if (c?.kind !== "web") issues.add("consent", "must be a web report's consent");
      else
        for (const flag of ["identityToOperator", "directContact"] as const) {
          if (typeof c[flag] !== "boolean") issues.add(`consent.${flag}`, "must be true or false");
        }
      const bad = issues.refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      out.emit({ type: "finder_consent_updated", consent: command.consent, audience: [INTAKE] });
      if (!command.consent.directContact) {
        for (const d of state.directContacts.filter((d) => d.status !== "closed")) {
          out.emit({
            type: "direct_contact_closed",
            requestId: d.id,
            reason: "the finder withdrew consent to direct contact",
            audience: parties(state),
          });
        }
      }
      return out.done();
    }
    case "share_finder_identity": {
      const refusal = requireActor(command, "intake");
      if (refusal) return refusal;
      const open = needOpen(command, state);
      if (open) return open;
      const operator = operatorRecipient(state);
      if (!finderIdentityMayReachSite(state, operator)) {
        return reject(
          command,
          "forbidden",
          "the finder did not consent to share their identity with the operator",
        );
      }
      out.emit({ type: "finder_identity_shared", to: [operator], audience: [operator] });
      return out.done();
    }
    case "request_direct_contact": {
      const refusal = ownOperator(command, state);
      if (refusal) return refusal;
      const issues = new Issues().text("requestId", command.requestId);
      if (state.directContacts.some((d) => d.id === command.requestId))
        issues.add("requestId", "exists already");
      const bad = issues.refusal(command);
      if (bad) return bad;
      const open = needOpen(command, state);
      if (open) return open;
      out.emit({
        type: "direct_contact_requested",
        requestId: command.requestId,
        audience: parties(state),
      });
      return out.done();
    }
    case "approve_direct_contact": {
      const refusal = requireActor(command, "intake");
      if (refusal) return refusal;
      const bad = new Issues().text("requestId", command.requestId).refusal(command);
      if (bad) return bad;
      const request = state.directContacts.find((d) => d.id === command.requestId);
      if (!request)
        return new Issues().add("requestId", "no such request").refusal(command) as Refusal;
      const open = needOpen(command, state);
      if (open) return open;
      if (request.status !== "pending" || request.intakeApproved) {
        return reject(
          command,
          "transition_not_allowed",
          "the request is not waiting for approval",
          { state: state.status },
        );
      }
      // R-WEB-5: finder's consent, desk's agreement, operator's acceptance (its request).
      if (!state.finderConsent?.directContact) {
        return reject(command, "forbidden", "the finder did not consent to direct contact");
      }
      out.emit({
        type: "direct_contact_approved",
        requestId: request.id,
        audience: parties(state),
      });
      out.emit({
        type: "direct_contact_opened",
        requestId: request.id,
        audience: [...parties(state), FINDER],
      });
      const operator = operatorRecipient(out.state);
      if (finderIdentityMayReachSite(out.state, operator)) {
        out.emit({ type: "finder_identity_shared", to: [operator], audience: [operator] });
      }
      return out.done();
    }
    case "fire_timer": {
      const refusal = requireActor(command, "system");
      if (refusal) return refusal;
      const bad = new Issues().text("timerId", command.timerId).refusal(command);
      if (bad) return bad;
      const timer = state.timers.find((t) => t.id === command.timerId);
      if (!timer) {
        return reject(command, "transition_not_allowed", `no timer ${command.timerId} is pending`, {
          state: state.status,
        });
      }
      if (at < timer.dueAt) {
        return reject(
          command,
          "transition_not_allowed",
          `timer ${timer.id} is not due before ${timer.dueAt}`,
          {
            state: state.status,
          },
        );
      }
      out.emit({ type: "timer_fired", timerId: timer.id, audience: [] });
      const ladder = state.ladder;
      if (
        state.status !== "operator_notified" ||
        !ladder ||
        ladder.generation !== timer.generation
      ) {
        return out.done();
      }
      if (ladder.reminders < policy.operatorReminders.count) {
        out.emit({
          type: "operator_reminder_due",
          generation: ladder.generation,
          step: ladder.reminders + 1,
          audience: [INTAKE, operatorRecipient(state)],
        });
        setTimer(
          out,
          "operator_reminder_due",
          deadlineAfter(timer.dueAt, policy.operatorReminders.interval, policy.calendar),
          ladder.generation,
        );
      } else {
        // R-WEB-6: the ladder ends in operator_unreachable.
        statusChange(out, "unreachable_after_reminders", "operator_unreachable");
        stopLadder(out);
      }
      return out.done();
    }
    default: {
      const unknown = command as { type: string };
      return reject(unknown, "invalid_input", `unknown command ${unknown.type}`, {
        details: [{ path: "type", message: "is not a site case command" }],
      });
    }
  }
}

export function siteCaseIsOpen(state: SiteCaseState): boolean {
  return state.status !== null && state.status !== "closed";
}
