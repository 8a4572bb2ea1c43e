/**
 * A site case's course (SPEC §5): opened by forwarding a web report, the operator notified at
 * once; an operator not yet in the directory claims it; the operator acknowledges and reports
 * its result; the desk records an operator that does not answer and closes the case with a
 * reason. The operator's leak notice is the case's only public output (R-WEB-4, W-7).
 */
import { FINDER, INTAKE, Issues, notAllowed } from "../../common.ts";
import { deadlineAfter } from "../../policy.ts";
import type { WebConsent } from "../../report.ts";
import { rule } from "../../rules.ts";
import { parties } from "../queries.ts";
import { FIX_METHODS, SITE_CLOSE_REASONS } from "../types.ts";
import {
  ownOperator,
  type SiteCaseRules,
  setTimer,
  shareIdentityIfConsented,
  siteCaseOpen,
  siteMove,
  statusChange,
  stopLadder,
} from "./rule.ts";

export const progressRules = {
  // A follow-up of forwarding a web report (machines.ts).
  open_site_case: rule({
    by: "system",
    check: (command) => {
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
      return issues;
    },
    when: siteMove("open_site_case", "operator_notified"),
    decide: ({ command, out, policy, at }) => {
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
    },
  }),

  claim_site_case: rule({
    by: "site_operator",
    when: siteCaseOpen,
    decide: ({ command, state, out }) => {
      if (state.operator?.orgId) {
        return notAllowed(command, "the site case has its operator already", state.status);
      }
      out.emit({
        type: "site_case_claimed",
        orgId: command.actor.kind === "site_operator" ? command.actor.orgId : "",
        audience: [INTAKE],
      });
      shareIdentityIfConsented(out);
      return out.done();
    },
  }),

  acknowledge: rule({
    by: ownOperator,
    when: siteMove("acknowledge", "operator_acknowledged"),
    decide: ({ state, out }) => {
      out.emit({ type: "operator_acknowledged", audience: parties(state) });
      statusChange(out, "acknowledge", "operator_acknowledged");
      stopLadder(out);
      return out.done();
    },
  }),

  report_result: rule({
    by: ownOperator,
    check: (command) => {
      const issues = new Issues().oneOf("result", command.result, ["fixed", "not_vulnerable"]);
      // R-WEB-2 and §5: a fix records its method.
      if (command.result === "fixed") issues.oneOf("fixMethod", command.fixMethod, FIX_METHODS);
      else if (command.fixMethod != null) issues.add("fixMethod", "is only for a fix");
      return issues;
    },
    when: (command, state) =>
      siteMove(`report_result (${command.result})`, command.result)(command, state),
    decide: ({ command, state, out }) => {
      out.emit({
        type: "operator_result_reported",
        result: command.result,
        fixMethod: command.fixMethod ?? null,
        audience: [...parties(state), FINDER],
      });
      statusChange(out, `report_result (${command.result})`, command.result);
      stopLadder(out);
      return out.done();
    },
  }),

  mark_unreachable: rule({
    by: "intake",
    when: siteMove("mark_unreachable", "operator_unreachable"),
    decide: ({ out }) => {
      statusChange(out, "mark_unreachable", "operator_unreachable");
      stopLadder(out);
      return out.done();
    },
  }),

  close: rule({
    by: "intake",
    check: (command) =>
      new Issues()
        .oneOf("reason", command.reason, SITE_CLOSE_REASONS)
        .text("message", command.message),
    when: (command, state) => siteMove(`close (${command.reason})`, "closed")(command, state),
    decide: ({ command, state, out }) => {
      out.emit({
        type: "site_case_closed",
        reason: command.reason,
        message: command.message,
        audience: [...parties(state), FINDER],
      });
      statusChange(out, `close (${command.reason})`, "closed");
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
    },
  }),

  // R-WEB-4: the only public output of a web case, also after it closed.
  publish_leak_notice: rule({
    by: ownOperator,
    check: (command, state) => {
      const issues = new Issues().text("noticeId", command.noticeId);
      if (state.leakNotices.some((n) => n.id === command.noticeId))
        issues.add("noticeId", "was published already");
      return issues;
    },
    decide: ({ command, state, out }) => {
      out.emit({
        type: "leak_notice_published",
        noticeId: command.noticeId,
        audience: [...parties(state), { kind: "public", channel: "leak_notice" }],
      });
      return out.done();
    },
  }),
} satisfies Partial<SiteCaseRules>;
