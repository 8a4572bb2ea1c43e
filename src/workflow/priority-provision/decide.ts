/**
 * The priority provision's rules (R-PRI-1…5): the desk starts it for a case with a
 * countermeasure that is not public; the coordinator and every affected vendor agree or object
 * (an objection stops it for good); the desk tells the finder; once all of that is recorded the
 * provision is ready and the desk sends it; access ends when the desk revokes it or the case is
 * published (the follow-up of case_published sends `end_priority_provision`).
 */
import {
  type Decision,
  type Emitter,
  FINDER,
  INTAKE,
  Issues,
  notAllowed,
  reject,
  statusRefusal,
} from "../common.ts";
import type { WorkflowPolicy } from "../policy.ts";
import { type Check, decideByRules, type RuleTable, rule } from "../rules.ts";
import { allows } from "../transitions.ts";
import { evolvePriorityProvision } from "./evolve.ts";
import { consulted, hasAnswered, partyOf, readyToSend } from "./queries.ts";
import {
  AGREEMENT_DECISIONS,
  PACKAGE_KINDS,
  type PriorityParty,
  type PriorityProvisionCommand,
  type PriorityProvisionEvent,
  type PriorityProvisionState,
  type PriorityStatus,
  priorityProvisionTransitions,
} from "./types.ts";

type Out = Emitter<PriorityProvisionState, PriorityProvisionEvent>;
type Gate = Check<PriorityProvisionState, PriorityProvisionCommand>;

const NOUN = "priority provision";

/** The status may move on this trigger to that status. */
function move(on: string, to: PriorityStatus): Gate {
  return (command, state) =>
    allows(priorityProvisionTransitions, state.status, on, to)
      ? null
      : statusRefusal(command, NOUN, state.status, on);
}

/** The provision is not over (consulting, ready or sent). */
const open: Gate = (command, state) =>
  state.status === "consulting" || state.status === "ready" || state.status === "sent"
    ? null
    : statusRefusal(command, NOUN, state.status, command.type);

function statusChange(out: Out, on: string, to: PriorityStatus): void {
  out.emit({ type: "priority_status_changed", from: out.state.status, to, on, audience: [] });
}

/** Consulting becomes ready the moment every agreement and the finder's notice are in. */
function readyIfComplete(out: Out): void {
  if (out.state.status === "consulting" && readyToSend(out.state)) {
    statusChange(out, "all_agreed", "ready");
  }
}

const distinct = (values: readonly string[]) => new Set(values).size === values.length;

const rules: RuleTable<PriorityProvisionState, PriorityProvisionCommand, PriorityProvisionEvent> = {
  start_priority_provision: rule({
    by: "intake",
    check: (command) => {
      const issues = new Issues().text("caseId", command.caseId).text("reason", command.reason);
      if (!Array.isArray(command.sectors) || command.sectors.length === 0)
        issues.add("sectors", "choose at least one sector");
      else if (!distinct(command.sectors)) issues.add("sectors", "names a sector twice");
      if (!Array.isArray(command.recipientOrgIds) || command.recipientOrgIds.length === 0)
        issues.add("recipientOrganizationIds", "choose at least one recipient");
      else if (!distinct(command.recipientOrgIds))
        issues.add("recipientOrganizationIds", "names a recipient twice");
      return issues;
    },
    when: (command, state) => {
      const gate = move("start_priority_provision", "consulting")(command, state);
      if (gate) return gate;
      // R-PRI-1: a countermeasure exists and the case is not public yet.
      const facts = command.caseFacts;
      if (!facts?.hasCountermeasure)
        return notAllowed(command, "the case has no countermeasure yet", state.status);
      if (facts.isPublic) return notAllowed(command, "the case is public already", state.status);
      return null;
    },
    decide: ({ command, out }) => {
      const parties: PriorityParty[] = [
        { kind: "coordinator" },
        ...[...new Set(command.caseFacts.affectedVendorOrgIds)].map(
          (orgId): PriorityParty => ({ kind: "vendor", orgId }),
        ),
      ];
      out.emit({
        type: "priority_provision_started",
        caseId: command.caseId,
        reason: command.reason,
        sectors: command.sectors,
        recipientOrgIds: command.recipientOrgIds,
        parties,
        audience: [],
      });
      statusChange(out, "start_priority_provision", "consulting");
      // The coordinator and the vendors hear that their agreement is asked.
      out.emit({
        type: "priority_agreement_asked",
        parties,
        audience: consulted(out.state),
      });
      return out.done();
    },
  }),

  record_agreement: rule({
    by: (command, state) =>
      partyOf(state, command.actor)
        ? null
        : reject(
            command,
            "forbidden",
            "only the coordinator and the case's affected vendors agree or object",
          ),
    check: (command) => {
      const issues = new Issues().oneOf("decision", command.decision, AGREEMENT_DECISIONS);
      // An objection says why.
      if (command.decision === "object" && !(command.reason ?? "").trim())
        issues.add("reason", "an objection needs a reason", "reason_required");
      return issues;
    },
    when: (command, state) => {
      if (state.status !== "consulting")
        return statusRefusal(command, NOUN, state.status, "record_agreement");
      const party = partyOf(state, command.actor) as PriorityParty;
      return hasAnswered(state, party)
        ? notAllowed(command, "this party has answered already", state.status)
        : null;
    },
    decide: ({ command, state, out }) => {
      const party = partyOf(state, command.actor) as PriorityParty;
      out.emit({
        type: "priority_agreement_recorded",
        party,
        decision: command.decision,
        reason: command.reason?.trim() || null,
        audience: [INTAKE],
      });
      if (command.decision === "object") {
        statusChange(out, "record_agreement (object)", "stopped");
        out.emit({
          type: "priority_provision_stopped",
          reason: "objection",
          audience: consulted(state),
        });
        return out.done();
      }
      readyIfComplete(out);
      return out.done();
    },
  }),

  record_finder_notice: rule({
    by: "intake",
    when: (command, state) => {
      if (state.status !== "consulting" && state.status !== "ready")
        return statusRefusal(command, NOUN, state.status, "record_finder_notice");
      return state.finderNotifiedAt
        ? notAllowed(command, "the finder was told already", state.status)
        : null;
    },
    decide: ({ out }) => {
      out.emit({ type: "priority_finder_notified", audience: [INTAKE, FINDER] });
      readyIfComplete(out);
      return out.done();
    },
  }),

  add_package: rule({
    by: "intake",
    check: (command, state) =>
      new Issues()
        .text("packageId", command.packageId)
        .oneOf("kind", command.kind, PACKAGE_KINDS)
        .unused("packageId", command.packageId, state.packages),
    when: open,
    decide: ({ command, state, out }) => {
      out.emit({
        type: "priority_package_added",
        packageId: command.packageId,
        kind: command.kind,
        audience: [INTAKE],
      });
      // A package added after sending goes out at once (the service makes its copies).
      if (state.status === "sent") {
        out.emit({
          type: "priority_provision_sent",
          recipientOrgIds: state.recipientOrgIds,
          sectors: state.sectors,
          audience: [INTAKE],
        });
      }
      return out.done();
    },
  }),

  send_priority_provision: rule({
    by: "intake",
    when: (command, state) =>
      // R-PRI-2: nothing goes out before every agreement and the finder's notice.
      state.status === "consulting"
        ? notAllowed(
            command,
            "every agreement and the finder's notice must be recorded before sending",
            state.status,
          )
        : move("send_priority_provision", "sent")(command, state),
    decide: ({ state, out }) => {
      if (state.packages.length === 0)
        return notAllowed({ type: "send_priority_provision" }, "add a package first", state.status);
      out.emit({
        type: "priority_provision_sent",
        recipientOrgIds: state.recipientOrgIds,
        sectors: state.sectors,
        audience: [INTAKE],
      });
      statusChange(out, "send_priority_provision", "sent");
      return out.done();
    },
  }),

  revoke_priority_provision: rule({
    by: "intake",
    when: open,
    decide: ({ command, state, out }) => {
      if (state.status === "sent") {
        out.emit({ type: "priority_access_ended", reason: "revoked", audience: [INTAKE] });
        statusChange(out, "revoke_priority_provision", "ended");
      } else {
        statusChange(out, "revoke_priority_provision", "stopped");
        out.emit({
          type: "priority_provision_stopped",
          reason: command.reason?.trim() || "withdrawn",
          audience: consulted(state),
        });
      }
      return out.done();
    },
  }),

  end_priority_provision: rule({
    by: "system",
    when: open,
    decide: ({ out }) => {
      out.emit({ type: "priority_access_ended", reason: "case_published", audience: [] });
      statusChange(out, "end_priority_provision", "ended");
      return out.done();
    },
  }),
};

export function decidePriorityProvision(
  state: PriorityProvisionState,
  command: PriorityProvisionCommand,
  policy: WorkflowPolicy,
): Decision<PriorityProvisionEvent> {
  return decideByRules(
    {
      noun: NOUN,
      opening: ["start_priority_provision"],
      evolve: evolvePriorityProvision,
      rules,
    },
    state,
    command,
    policy,
  );
}
