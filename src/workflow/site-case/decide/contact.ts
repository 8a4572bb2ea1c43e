/**
 * Who talks to whom on a site case: the desk asks the operator for permission to analyse; the
 * desk and the operator write to each other; the finder's consent and identity (W-8); and direct
 * contact between the operator and the finder — the finder's consent, the desk's agreement and
 * the operator's request (R-WEB-5).
 */
import {
  dedupeRecipients,
  FINDER,
  INTAKE,
  Issues,
  invalidField,
  notAllowed,
  type Recipient,
  type Refusal,
  reject,
} from "../../common.ts";
import type { WebConsent } from "../../report.ts";
import { rule } from "../../rules.ts";
import { finderIdentityMayReachSite, operatorRecipient, parties } from "../queries.ts";
import type { SiteCaseCommand, SiteCaseState } from "../types.ts";
import { ownOperator, type SiteCaseRules, siteCaseOpen } from "./rule.ts";

/** The desk writes to the operator; the operator to the desk, or to the finder over an open direct contact. */
function messageAudience(
  command: Extract<SiteCaseCommand, { type: "post_message" }>,
  state: SiteCaseState,
  to: string,
): Recipient[] | Refusal {
  const actor = command.actor;
  const contactOpen = state.directContacts.some((d) => d.status === "open");
  if (actor.kind === "intake") {
    if (to !== "operator") return invalidField(command, "to", "the desk writes to the operator");
    return parties(state);
  }
  if (actor.kind === "site_operator") {
    const refusal = ownOperator(command, state);
    if (refusal) return refusal;
    if (to === "intake") return parties(state);
    if (to === "finder" && contactOpen) return [...parties(state), FINDER];
    return reject(
      command,
      "forbidden",
      "the operator writes to the desk (or to the finder over an open direct contact)",
    );
  }
  if (actor.kind === "finder") {
    if (!contactOpen)
      return reject(command, "forbidden", "direct contact with the operator is not open");
    return [...parties(state), FINDER];
  }
  return reject(command, "forbidden", `a ${actor.kind} does not write on site cases`);
}

export const contactRules = {
  request_analysis: rule({
    by: "intake",
    check: (command, state) => {
      return new Issues()
        .text("requestId", command.requestId)
        .unused("requestId", command.requestId, state.analysisRequests);
    },
    when: siteCaseOpen,
    decide: ({ command, state, out }) => {
      out.emit({
        type: "analysis_requested",
        requestId: command.requestId,
        audience: parties(state),
      });
      return out.done();
    },
  }),

  answer_analysis: rule({
    by: ownOperator,
    check: (command) =>
      new Issues()
        .text("requestId", command.requestId)
        .oneOf("decision", command.decision, ["grant", "deny"]),
    decide: ({ command, state, out }) => {
      const request = state.analysisRequests.find((r) => r.id === command.requestId);
      if (!request) return invalidField(command, "requestId", "no such request");
      const open = siteCaseOpen(command, state);
      if (open) return open;
      if (request.status !== "pending") {
        return notAllowed(command, `the request was ${request.status} already`, state.status);
      }
      out.emit({
        type: "analysis_answered",
        requestId: request.id,
        decision: command.decision,
        audience: parties(state),
      });
      return out.done();
    },
  }),

  post_message: rule({
    check: (command) => new Issues().text("messageId", command.messageId),
    decide: ({ command, state, out }) => {
      const to = command.to ?? (command.actor.kind === "intake" ? "operator" : "intake");
      const audience = messageAudience(command, state, to);
      if (!Array.isArray(audience)) return audience;
      const open = siteCaseOpen(command, state);
      if (open) return open;
      out.emit({
        type: "message_posted",
        messageId: command.messageId,
        to,
        audience: dedupeRecipients(audience),
      });
      return out.done();
    },
  }),

  update_finder_consent: rule({
    by: "system",
    check: (command) => {
      const c = command.consent as Partial<WebConsent> | undefined;
      const issues = new Issues();
      if (c?.kind !== "web") issues.add("consent", "must be a web report's consent");
      else
        for (const flag of ["identityToOperator", "directContact"] as const) {
          if (typeof c[flag] !== "boolean") issues.add(`consent.${flag}`, "must be true or false");
        }
      return issues;
    },
    when: siteCaseOpen,
    decide: ({ command, state, out }) => {
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
    },
  }),

  share_finder_identity: rule({
    by: "intake",
    when: siteCaseOpen,
    decide: ({ command, state, out }) => {
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
    },
  }),

  request_direct_contact: rule({
    by: ownOperator,
    check: (command, state) => {
      return new Issues()
        .text("requestId", command.requestId)
        .unused("requestId", command.requestId, state.directContacts);
    },
    when: siteCaseOpen,
    decide: ({ command, state, out }) => {
      out.emit({
        type: "direct_contact_requested",
        requestId: command.requestId,
        audience: parties(state),
      });
      return out.done();
    },
  }),

  approve_direct_contact: rule({
    by: "intake",
    check: (command) => new Issues().text("requestId", command.requestId),
    decide: ({ command, state, out }) => {
      const request = state.directContacts.find((d) => d.id === command.requestId);
      if (!request) return invalidField(command, "requestId", "no such request");
      const open = siteCaseOpen(command, state);
      if (open) return open;
      if (request.status !== "pending" || request.intakeApproved) {
        return notAllowed(command, "the request is not waiting for approval", state.status);
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
    },
  }),
} satisfies Partial<SiteCaseRules>;
