/**
 * How a case ends (R-COO-4, R-COO-7, R-COO-8, W-2, W-3): the advisory drafted and approved, the
 * committee's decision where no vendor answers, the embargo terminated early for a listed
 * reason, publication once nothing blocks it — or the case closed without publication, and a
 * published case completed.
 */
import { Issues, notAllowed, PUBLIC_ADVISORY } from "../../common.ts";
import { rule } from "../../rules.ts";
import { allows } from "../../transitions.ts";
import { everyone, staff } from "../audiences.ts";
import {
  CASE_CLOSE_REASONS,
  type CaseStatus,
  caseTransitions,
  TERMINATION_REASONS,
} from "../types.ts";
import { caseStatusChange, publishIfReady, reportOverdue } from "./effects.ts";
import { type CaseRules, caseActive, caseMove, caseOpen, transitionRefusal } from "./rule.ts";

export const publicationRules = {
  terminate_embargo: rule({
    by: "coordinator",
    check: (command) => new Issues().oneOf("reason", command.reason, TERMINATION_REASONS),
    when: caseActive,
    decide: ({ command, state, out, at }) => {
      if (state.termination) {
        return notAllowed(command, "the embargo was terminated already", state.status);
      }
      out.emit({
        type: "embargo_terminated",
        reason: command.reason,
        note: typeof command.note === "string" ? command.note : "",
        audience: everyone(state),
      });
      if (!publishIfReady(out, at, "terminate_embargo", false)) reportOverdue(out);
      return out.done();
    },
  }),

  update_advisory: rule({
    by: "coordinator",
    when: caseOpen,
    decide: ({ state, out }) => {
      out.emit({
        type: "advisory_updated",
        revision: state.advisory.revision + 1,
        audience: state.publication ? [...staff(state), PUBLIC_ADVISORY] : staff(state),
      });
      return out.done();
    },
  }),

  approve_advisory: rule({
    by: "coordinator",
    when: caseActive,
    decide: ({ command, state, out, at }) => {
      if (state.advisory.status !== "draft") {
        return notAllowed(
          command,
          state.advisory.status === "none"
            ? "there is no advisory draft to approve"
            : "the advisory is approved already",
          state.status,
        );
      }
      out.emit({
        type: "advisory_approved",
        revision: state.advisory.revision,
        audience: staff(state),
      });
      publishIfReady(out, at, "approve_advisory", false);
      return out.done();
    },
  }),

  record_committee_decision: rule({
    by: "coordinator",
    check: (command) =>
      new Issues()
        .oneOf("decision", command.decision, ["publish", "do_not_publish"])
        .text("summary", command.summary),
    when: caseActive,
    decide: ({ command, state, out, at }) => {
      out.emit({
        type: "committee_decided",
        decision: command.decision,
        summary: command.summary,
        audience: staff(state),
      });
      publishIfReady(out, at, "record_committee_decision", false);
      return out.done();
    },
  }),

  close_case: rule({
    by: "coordinator",
    check: (command) => {
      const issues = new Issues()
        .oneOf("reason", command.reason, CASE_CLOSE_REASONS)
        .text("message", command.message);
      if (command.duplicateOf != null && command.reason !== "duplicate") {
        issues.add("duplicateOf", "is only for the reason duplicate");
      }
      return issues;
    },
    decide: ({ command, state, out }) => {
      const on = `close (${command.reason})`;
      const to: CaseStatus =
        command.reason === "no_action" ? "closed_no_action" : "closed_duplicate";
      if (!allows(caseTransitions, state.status, on, to)) {
        return transitionRefusal(command, state, "close");
      }
      out.emit({
        type: "case_closed",
        reason: command.reason,
        message: command.message,
        duplicateOf: command.duplicateOf ?? null,
        // R-COO-7: the desk, the vendors and the finder are told why.
        audience: everyone(state),
      });
      caseStatusChange(out, on, to);
      return out.done();
    },
  }),

  complete_case: rule({
    by: "coordinator",
    when: caseMove("complete_case", "closed"),
    decide: ({ state, out }) => {
      out.emit({
        type: "case_closed",
        reason: "completed",
        message: "",
        duplicateOf: null,
        audience: staff(state),
      });
      caseStatusChange(out, "complete_case", "closed");
      return out.done();
    },
  }),
} satisfies Partial<CaseRules>;
