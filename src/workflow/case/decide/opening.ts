/**
 * How a product case begins: from a forwarded product report (the system's follow-up), from an
 * overseas CSIRT with its binding date (R-COO-9), or from a vendor's self-report that comes with
 * its countermeasures (R-COO-10).
 */
import {
  COORDINATOR,
  dedupeRecipients,
  INTAKE,
  Issues,
  isInstant,
  type Recipient,
  reject,
} from "../../common.ts";
import { rule } from "../../rules.ts";
import { maxPublishAtWithoutReason } from "../queries.ts";
import { caseStatusChange, emitDefaultSchedule, emitSchedule } from "./effects.ts";
import { type CaseRules, caseMove, checkNda } from "./rule.ts";

export const openingRules = {
  // A follow-up of forwarding a product report (machines.ts).
  open_case: rule({
    by: "system",
    check: (command) => {
      const issues = new Issues()
        .text("reportId", command.reportId)
        .text("finderId", command.finderId);
      // W-7: a web report never becomes a product case.
      if (command.reportKind !== "product")
        issues.add("reportKind", "only a product report becomes a case");
      if (command.finderConsent?.kind !== "product")
        issues.add("finderConsent", "must be a product report's consent");
      return issues;
    },
    when: caseMove("open_case", "triage"),
    decide: ({ command, out }) => {
      out.emit({
        type: "case_opened",
        source: { kind: "report", reportId: command.reportId, finderId: command.finderId },
        finderConsent: command.finderConsent,
        audience: [COORDINATOR, INTAKE],
      });
      caseStatusChange(out, "open_case", "triage");
      if (command.finderConsent.identityToCoordinator) {
        out.emit({ type: "finder_identity_shared", to: [COORDINATOR], audience: [COORDINATOR] });
      }
      return out.done();
    },
  }),

  open_csirt_case: rule({
    by: "csirt",
    check: (command) => {
      const issues = new Issues().instant("publishAt", command.publishAt);
      if (command.countermeasureDue != null)
        issues.instant("countermeasureDue", command.countermeasureDue);
      if (typeof command.shareWithIntake !== "boolean")
        issues.add("shareWithIntake", "must be true or false");
      if (isInstant(command.publishAt) && command.publishAt < command.at)
        issues.add("publishAt", "must not be in the past", "in_past");
      if (
        command.countermeasureDue != null &&
        isInstant(command.publishAt) &&
        command.countermeasureDue > command.publishAt
      ) {
        issues.add("countermeasureDue", "must not be after publishAt", "after_publication");
      }
      return issues;
    },
    when: caseMove("open_csirt_case", "triage"),
    decide: ({ command, out, policy, at }) => {
      const csirtOrgId = command.actor.kind === "csirt" ? command.actor.orgId : "";
      out.emit({
        type: "case_opened",
        source: {
          kind: "csirt",
          csirtOrgId,
          shareWithIntake: command.shareWithIntake,
          conditions: command.conditions ?? null,
        },
        finderConsent: null,
        audience: dedupeRecipients([COORDINATOR, { kind: "csirt", orgId: csirtOrgId }]),
      });
      caseStatusChange(out, "open_csirt_case", "triage");
      const limit = maxPublishAtWithoutReason(out.state, policy);
      emitSchedule(out, policy, at, {
        new: { publishAt: command.publishAt, countermeasureDue: command.countermeasureDue ?? null },
        reason: "the overseas CSIRT's date (R-COO-9)",
        setBy: "csirt",
        requestedBy: { kind: "csirt" },
        // A CSIRT's binding date is itself the recorded reason for a long embargo.
        exceedReason:
          limit && command.publishAt > limit ? "the overseas CSIRT's binding date (R-COO-9)" : null,
        csirtProposalId: null,
      });
      return out.done();
    },
  }),

  open_self_report: rule({
    by: "vendor",
    check: (command) => {
      const issues = new Issues()
        .text("requestId", command.requestId)
        .instant("proposedPublishAt", command.proposedPublishAt);
      checkNda(issues, "nda", command.nda);
      if (!Array.isArray(command.countermeasures) || command.countermeasures.length === 0) {
        issues.add(
          "countermeasures",
          "a self-report comes with at least one countermeasure (R-COO-10)",
        );
      } else {
        command.countermeasures.forEach((c, i) => {
          issues.text(`countermeasures.${i}.countermeasureId`, c.countermeasureId);
          issues.oneOf(`countermeasures.${i}.type`, c.type, ["workaround", "fix"]);
        });
        const ids = command.countermeasures.map((c) => c.countermeasureId);
        if (new Set(ids).size !== ids.length) issues.add("countermeasures", "ids must be distinct");
      }
      if (isInstant(command.proposedPublishAt) && command.proposedPublishAt < command.at) {
        issues.add("proposedPublishAt", "must not be in the past", "in_past");
      }
      return issues;
    },
    when: caseMove("open_self_report", "countermeasure_ready"),
    decide: ({ command, out, policy, at }) => {
      if (!command.nda) {
        return reject(
          command,
          "nda_required",
          "a vendor takes part in coordination only under an NDA (R-COO-2)",
        );
      }
      const orgId = command.actor.kind === "vendor" ? command.actor.orgId : "";
      const self: Recipient = { kind: "vendor", orgId };
      out.emit({
        type: "case_opened",
        source: { kind: "self_report", vendorOrgId: orgId },
        finderConsent: null,
        audience: [COORDINATOR, INTAKE],
      });
      caseStatusChange(out, "open_self_report", "countermeasure_ready");
      out.emit({
        type: "participant_self_reported",
        orgId,
        nda: command.nda,
        audience: [COORDINATOR, INTAKE, self],
      });
      for (const c of command.countermeasures) {
        out.emit({
          type: "countermeasure_added",
          orgId,
          countermeasureId: c.countermeasureId,
          countermeasureType: c.type,
          audience: [COORDINATOR, INTAKE, self],
        });
      }
      if (command.statementId) {
        out.emit({
          type: "statement_set",
          orgId,
          statementId: command.statementId,
          audience: [COORDINATOR, INTAKE, self],
        });
      }
      emitDefaultSchedule(out, policy, at);
      // R-COO-10: the vendor's proposed date is a request; the coordinator decides it (W-5).
      out.emit({
        type: "schedule_requested",
        requestId: command.requestId,
        orgId,
        publishAt: command.proposedPublishAt,
        reason: "proposed in the vendor's self-report",
        audience: [COORDINATOR, self],
      });
      return out.done();
    },
  }),
} satisfies Partial<CaseRules>;
