/**
 * The one schedule (W-5, W-6, R-COO-9): a vendor requests a date and the coordinator decides the
 * request; the coordinator revises the date; where an overseas CSIRT set it, the coordinator
 * proposes a change and the CSIRT answers before any revision. A date past the maximum embargo
 * needs a recorded reason.
 */
import {
  COORDINATOR,
  Issues,
  invalidField,
  isRefusal,
  nonEmpty,
  notAllowed,
  type Recipient,
  type Refusal,
  reject,
  requireActor,
} from "../../common.ts";
import type { WorkflowPolicy } from "../../policy.ts";
import { rule } from "../../rules.ts";
import { csirtOf } from "../audiences.ts";
import { isActive, maxPublishAtWithoutReason } from "../queries.ts";
import type { CaseCommand, CaseCommandOf, CaseState, ScheduleDates } from "../types.ts";
import { emitSchedule, publishIfReady } from "./effects.ts";
import { type CaseRules, caseActive, ownParticipantRule, transitionRefusal } from "./rule.ts";

/** Validates a new schedule (revision or accepted request) against every schedule rule. */
function scheduleRefusal(
  command: CaseCommandOf<"revise_schedule" | "decide_schedule_request">,
  state: CaseState,
  policy: WorkflowPolicy,
  dates: ScheduleDates,
): Refusal | null {
  const { exceedReason, csirtProposalId } = command;
  if (!isActive(state)) return transitionRefusal(command, state, command.type);
  if (state.termination) {
    return notAllowed(command, "the embargo was terminated; publication is due now", state.status);
  }
  const issues = new Issues();
  if (dates.publishAt < command.at) issues.add("publishAt", "must not be in the past", "in_past");
  if (dates.countermeasureDue !== null && dates.countermeasureDue > dates.publishAt) {
    issues.add("countermeasureDue", "must not be after publishAt", "after_publication");
  }
  const current = state.schedule;
  if (
    current &&
    current.publishAt === dates.publishAt &&
    current.countermeasureDue === dates.countermeasureDue
  ) {
    issues.add("publishAt", "is the current schedule already", "unchanged");
  }
  const limit = maxPublishAtWithoutReason(state, policy);
  if (limit && dates.publishAt > limit && !nonEmpty(exceedReason)) {
    issues.add(
      "exceedReason",
      `a publication date after ${limit} (${policy.maxEmbargoDays} days) needs a recorded reason`,
      "reason_required",
    );
  }
  const bad = issues.refusal(command);
  if (bad) return bad;
  // W-5 / R-COO-9: the CSIRT's date binds unless it agreed to this change.
  if (state.source?.kind === "csirt") {
    const proposal = state.csirtProposals.find((p) => p.id === csirtProposalId);
    if (
      proposal?.status !== "agreed" ||
      proposal.publishAt !== dates.publishAt ||
      proposal.countermeasureDue !== dates.countermeasureDue
    ) {
      return notAllowed(
        command,
        "the overseas CSIRT set this case's date: it must agree to this schedule first",
        state.status,
      );
    }
  }
  return null;
}

/** The request or proposal a decision names: it exists, waits for the decision, the case is active. */
function stillPending<T extends { id: string; status: string }>(
  command: CaseCommand,
  state: CaseState,
  items: readonly T[],
  named: { path: string; id: string; missing: string; noun: string },
): T | Refusal {
  const item = items.find((i) => i.id === named.id);
  if (!item) return invalidField(command, named.path, named.missing);
  if (item.status !== "pending") {
    return notAllowed(command, `the ${named.noun} was ${item.status} already`, state.status);
  }
  return caseActive(command, state) ?? item;
}

export const scheduleRules = {
  request_schedule: ownParticipantRule({
    check: (command, state) =>
      new Issues()
        .text("requestId", command.requestId)
        .instant("publishAt", command.publishAt)
        .text("reason", command.reason)
        .unused("requestId", command.requestId, state.scheduleRequests),
    when: caseActive,
    decide: ({ command, out, own }) => {
      // W-5: a request changes nothing by itself.
      out.emit({
        type: "schedule_requested",
        requestId: command.requestId,
        orgId: own.orgId,
        publishAt: command.publishAt,
        reason: command.reason,
        audience: [COORDINATOR, { kind: "vendor", orgId: own.orgId }],
      });
      return out.done();
    },
  }),

  decide_schedule_request: rule({
    by: "coordinator",
    check: (command) =>
      new Issues()
        .text("requestId", command.requestId)
        .oneOf("decision", command.decision, ["accept", "decline"])
        .text("reason", command.reason),
    decide: ({ command, state, out, policy, at }) => {
      const request = stillPending(command, state, state.scheduleRequests, {
        path: "requestId",
        id: command.requestId,
        missing: "no such schedule request",
        noun: "request",
      });
      if (isRefusal(request)) return request;
      const vendor: Recipient = { kind: "vendor", orgId: request.orgId };
      if (command.decision !== "accept") {
        out.emit({
          type: "schedule_request_decided",
          requestId: request.id,
          orgId: request.orgId,
          decision: "decline",
          reason: command.reason,
          audience: [COORDINATOR, vendor],
        });
        return out.done();
      }
      const dates = {
        publishAt: request.publishAt,
        countermeasureDue: state.schedule?.countermeasureDue ?? null,
      };
      if (dates.countermeasureDue && dates.countermeasureDue > dates.publishAt)
        dates.countermeasureDue = null;
      const refused = scheduleRefusal(command, state, policy, dates);
      if (refused) return refused;
      out.emit({
        type: "schedule_request_decided",
        requestId: request.id,
        orgId: request.orgId,
        decision: "accept",
        reason: command.reason,
        audience: [COORDINATOR, vendor],
      });
      emitSchedule(out, policy, at, {
        new: dates,
        reason: command.reason,
        setBy: "coordinator",
        requestedBy: { kind: "vendor_request", requestId: request.id },
        exceedReason: nonEmpty(command.exceedReason) ? command.exceedReason : null,
        csirtProposalId: command.csirtProposalId ?? null,
      });
      publishIfReady(out, at, "decide_schedule_request", false);
      return out.done();
    },
  }),

  revise_schedule: rule({
    by: "coordinator",
    check: (command) => {
      const issues = new Issues()
        .instant("publishAt", command.publishAt)
        .text("reason", command.reason);
      if (command.countermeasureDue != null)
        issues.instant("countermeasureDue", command.countermeasureDue);
      if (command.exceedReason != null && !nonEmpty(command.exceedReason)) {
        issues.add("exceedReason", "must be non-empty when given");
      }
      return issues;
    },
    decide: ({ command, state, out, policy, at }) => {
      const dates = {
        publishAt: command.publishAt,
        countermeasureDue: command.countermeasureDue ?? null,
      };
      const refused = scheduleRefusal(command, state, policy, dates);
      if (refused) return refused;
      emitSchedule(out, policy, at, {
        new: dates,
        reason: command.reason,
        setBy: "coordinator",
        requestedBy: { kind: "coordinator" },
        exceedReason: command.exceedReason ?? null,
        csirtProposalId: command.csirtProposalId ?? null,
      });
      publishIfReady(out, at, "revise_schedule", false);
      return out.done();
    },
  }),

  propose_schedule_to_csirt: rule({
    by: "coordinator",
    check: (command, state) => {
      const issues = new Issues()
        .text("proposalId", command.proposalId)
        .instant("publishAt", command.publishAt)
        .text("reason", command.reason);
      if (command.countermeasureDue != null)
        issues.instant("countermeasureDue", command.countermeasureDue);
      issues.unused("proposalId", command.proposalId, state.csirtProposals);
      if (state.source && state.source.kind !== "csirt")
        issues.add("proposalId", "only a CSIRT case has a CSIRT to ask");
      return issues;
    },
    when: caseActive,
    decide: ({ command, state, out }) => {
      out.emit({
        type: "csirt_schedule_proposed",
        proposalId: command.proposalId,
        publishAt: command.publishAt,
        countermeasureDue: command.countermeasureDue ?? null,
        reason: command.reason,
        audience: [COORDINATOR, ...csirtOf(state)],
      });
      return out.done();
    },
  }),

  answer_schedule_proposal: rule({
    by: (command, state) =>
      requireActor(command, "csirt") ??
      (state.source?.kind !== "csirt" ||
      command.actor.kind !== "csirt" ||
      command.actor.orgId !== state.source.csirtOrgId
        ? reject(command, "forbidden", "only the CSIRT that opened the case answers its proposals")
        : null),
    check: (command) =>
      new Issues()
        .text("proposalId", command.proposalId)
        .oneOf("decision", command.decision, ["agree", "refuse"]),
    decide: ({ command, state, out }) => {
      const proposal = stillPending(command, state, state.csirtProposals, {
        path: "proposalId",
        id: command.proposalId,
        missing: "no such proposal",
        noun: "proposal",
      });
      if (isRefusal(proposal)) return proposal;
      out.emit({
        type: "csirt_schedule_answered",
        proposalId: proposal.id,
        decision: command.decision,
        note: command.note ?? "",
        audience: [COORDINATOR, ...csirtOf(state)],
      });
      return out.done();
    },
  }),
} satisfies Partial<CaseRules>;
