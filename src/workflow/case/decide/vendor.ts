/**
 * A participating vendor's answers about its own entry: the acknowledgement, its status and
 * statement, its countermeasures (reported back to a CSIRT, R-COO-9), its tracking id, and other
 * vendors it believes affected. Each answer reaches the staff and the vendor itself only (W-4).
 */
import { COORDINATOR, Issues, nonEmpty, notAllowed } from "../../common.ts";
import { csirtOf, vendorAudience } from "../audiences.ts";
import { VENDOR_VERDICTS } from "../types.ts";
import { answeredAgain, settleLadder, settleParticipant, settleReadiness } from "./effects.ts";
import { type CaseRules, caseActiveOrPublished, caseOpen, ownParticipantRule } from "./rule.ts";

export const vendorRules = {
  acknowledge: ownParticipantRule({
    when: caseOpen,
    moves: () => "acknowledged",
    decide: ({ state, out, policy, at, own }) => {
      out.emit({
        type: "participant_acknowledged",
        orgId: own.orgId,
        from: own.status,
        audience: vendorAudience(state, own.orgId),
      });
      answeredAgain(out, own);
      settleParticipant(out, own.orgId, policy, at, "acknowledge");
      return out.done();
    },
  }),

  report_status: ownParticipantRule({
    check: (command) => {
      const issues = new Issues().oneOf("status", command.status, [
        "investigating",
        ...VENDOR_VERDICTS,
      ]);
      if (command.statementId != null && !nonEmpty(command.statementId)) {
        issues.add("statementId", "must be non-empty when given");
      }
      return issues;
    },
    when: caseOpen,
    moves: (command) => command.status,
    decide: ({ command, state, out, policy, at, own }) => {
      out.emit({
        type: "participant_status_reported",
        orgId: own.orgId,
        from: own.status,
        to: command.status,
        statementId: command.statementId ?? null,
        audience: vendorAudience(state, own.orgId),
      });
      answeredAgain(out, own);
      settleParticipant(out, own.orgId, policy, at, "report_status");
      return out.done();
    },
  }),

  add_countermeasure: ownParticipantRule({
    check: (command, _state, own) => {
      const issues = new Issues()
        .text("countermeasureId", command.countermeasureId)
        .oneOf("countermeasureType", command.countermeasureType, ["workaround", "fix"]);
      if (own.countermeasures.some((c) => c.id === command.countermeasureId)) {
        issues.add("countermeasureId", "was added already");
      }
      return issues;
    },
    when: caseActiveOrPublished,
    decide: ({ command, state, out, policy, at, own }) => {
      if (own.status !== "affected") {
        return notAllowed(command, "only an affected vendor provides countermeasures", own.status);
      }
      out.emit({
        type: "countermeasure_added",
        orgId: own.orgId,
        countermeasureId: command.countermeasureId,
        countermeasureType: command.countermeasureType,
        // R-COO-9: countermeasures are reported back to the CSIRT.
        audience: vendorAudience(state, own.orgId, csirtOf(state)),
      });
      settleLadder(out, own.orgId, policy, at);
      settleReadiness(out);
      return out.done();
    },
  }),

  set_statement: ownParticipantRule({
    check: (command) => new Issues().text("statementId", command.statementId),
    when: caseOpen,
    decide: ({ command, state, out, own }) => {
      out.emit({
        type: "statement_set",
        orgId: own.orgId,
        statementId: command.statementId,
        audience: vendorAudience(state, own.orgId),
      });
      return out.done();
    },
  }),

  set_tracking_id: ownParticipantRule({
    check: (command) => new Issues().text("trackingId", command.trackingId),
    when: caseOpen,
    decide: ({ command, out, own }) => {
      out.emit({
        type: "tracking_id_set",
        orgId: own.orgId,
        trackingId: command.trackingId,
        audience: [COORDINATOR, { kind: "vendor", orgId: own.orgId }],
      });
      return out.done();
    },
  }),

  report_others_affected: ownParticipantRule({
    check: (command) =>
      new Issues().text("vendorName", command.vendorName).text("reason", command.reason),
    when: caseOpen,
    decide: ({ command, out, own }) => {
      out.emit({
        type: "others_affected_reported",
        orgId: own.orgId,
        vendorName: command.vendorName,
        reason: command.reason,
        audience: [COORDINATOR, { kind: "vendor", orgId: own.orgId }],
      });
      return out.done();
    },
  }),
} satisfies Partial<CaseRules>;
