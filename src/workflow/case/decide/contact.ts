/**
 * Who talks to whom on a case: messages (R-COO-5), the finder's consent and identity (W-8),
 * direct contact between a vendor and the finder (R-COO-6), and a referral to a CSIRT
 * (R-COO-12).
 */
import {
  COORDINATOR,
  dedupeRecipients,
  FINDER,
  INTAKE,
  Issues,
  invalidField,
  isRefusal,
  notAllowed,
  type Recipient,
  type Refusal,
  reject,
} from "../../common.ts";
import type { ProductConsent } from "../../report.ts";
import { rule } from "../../rules.ts";
import { csirtOf, staff } from "../audiences.ts";
import {
  finderIdentityMayReach,
  informedVendors,
  intakeTakesPart,
  participant,
} from "../queries.ts";
import type { CaseCommandOf, CaseState } from "../types.ts";
import {
  type CaseRules,
  caseActive,
  caseOpen,
  ownParticipant,
  ownParticipantRule,
} from "./rule.ts";

type PostMessage = CaseCommandOf<"post_message">;

/**
 * R-COO-5: a vendor writes to the coordinator (or, over an open direct contact, to the finder);
 * the coordinator addresses one vendor, all vendors, the desk or the CSIRT. A vendor's message
 * never reaches another vendor: relaying is the coordinator writing anew. The author's
 * organization, where it has one, goes with the message.
 */
function messageAudience(
  command: PostMessage,
  state: CaseState,
  to: string,
): { audience: Recipient[]; authorOrgId: string | null } | Refusal {
  const actor = command.actor;
  switch (actor.kind) {
    case "coordinator": {
      if (to === "vendors")
        return { audience: [COORDINATOR, ...informedVendors(state)], authorOrgId: null };
      if (to === "intake") {
        if (!intakeTakesPart(state)) {
          return invalidField(command, "to", "the intake desk does not take part in this case");
        }
        return { audience: [COORDINATOR, INTAKE], authorOrgId: null };
      }
      if (to === "csirt") {
        if (state.source?.kind !== "csirt") {
          return invalidField(command, "to", "this case has no CSIRT");
        }
        return { audience: [COORDINATOR, ...csirtOf(state)], authorOrgId: null };
      }
      const p = participant(state, to);
      if (!p) {
        return invalidField(command, "to", "is not a participant of this case");
      }
      if (p.status === "identified") {
        return p.nda
          ? notAllowed(command, "notify the vendor before writing to it", p.status)
          : reject(command, "nda_required", "the vendor's NDA is not recorded (R-COO-2)", {
              state: p.status,
            });
      }
      return { audience: [COORDINATOR, { kind: "vendor", orgId: p.orgId }], authorOrgId: null };
    }
    case "vendor": {
      const own = ownParticipant(command, state);
      if (isRefusal(own)) return own;
      const self: Recipient = { kind: "vendor", orgId: own.orgId };
      if (to === "coordinator") return { audience: [COORDINATOR, self], authorOrgId: own.orgId };
      if (to === "finder") {
        if (!state.directContacts.some((d) => d.orgId === own.orgId && d.status === "open")) {
          return reject(
            command,
            "forbidden",
            "direct contact with the finder is not open for this vendor",
          );
        }
        return { audience: [COORDINATOR, self, FINDER], authorOrgId: own.orgId };
      }
      return reject(command, "forbidden", "a vendor writes to the coordinator only (R-COO-5)");
    }
    case "intake":
      if (!intakeTakesPart(state))
        return reject(command, "forbidden", "the intake desk does not take part in this case");
      if (to !== "coordinator")
        return invalidField(command, "to", "the desk writes to the coordinator");
      return { audience: [INTAKE, COORDINATOR], authorOrgId: null };
    case "csirt":
      if (state.source?.kind !== "csirt" || actor.orgId !== state.source.csirtOrgId) {
        return reject(command, "forbidden", "only the CSIRT that opened the case writes on it");
      }
      if (to !== "coordinator")
        return invalidField(command, "to", "the CSIRT writes to the coordinator");
      return { audience: [COORDINATOR, ...csirtOf(state)], authorOrgId: null };
    case "finder": {
      if (state.source?.kind !== "report" || actor.userId !== state.source.finderId) {
        return reject(command, "forbidden", "only the case's finder writes on it");
      }
      const contact = state.directContacts.find((d) => d.orgId === to && d.status === "open");
      if (!contact)
        return reject(command, "forbidden", "direct contact with that vendor is not open");
      return {
        audience: [COORDINATOR, FINDER, { kind: "vendor", orgId: contact.orgId }],
        authorOrgId: null,
      };
    }
    default:
      return reject(command, "forbidden", `a ${actor.kind} does not write on cases`);
  }
}

export const contactRules = {
  post_message: rule({
    check: (command) => new Issues().text("messageId", command.messageId),
    decide: ({ command, state, out }) => {
      const to = command.to ?? "coordinator";
      const addressed = messageAudience(command, state, to);
      if (isRefusal(addressed)) return addressed;
      const open = caseOpen(command, state);
      if (open) return open;
      out.emit({
        type: "message_posted",
        messageId: command.messageId,
        to,
        authorOrgId: addressed.authorOrgId,
        audience: dedupeRecipients(addressed.audience),
      });
      return out.done();
    },
  }),

  update_finder_consent: rule({
    by: "system",
    check: (command, state) => {
      const c = command.consent as Partial<ProductConsent> | undefined;
      const issues = new Issues();
      if (c?.kind !== "product") issues.add("consent", "must be a product report's consent");
      else
        for (const flag of [
          "identityToCoordinator",
          "identityToVendor",
          "directContact",
        ] as const) {
          if (typeof c[flag] !== "boolean") issues.add(`consent.${flag}`, "must be true or false");
        }
      if (state.source && state.source.kind !== "report")
        issues.add("consent", "this case has no finder on record");
      return issues;
    },
    when: caseOpen,
    decide: ({ command, state, out }) => {
      out.emit({
        type: "finder_consent_updated",
        consent: command.consent,
        audience: staff(state),
      });
      if (!command.consent.directContact) {
        for (const d of state.directContacts.filter((d) => d.status !== "closed")) {
          out.emit({
            type: "direct_contact_closed",
            requestId: d.id,
            orgId: d.orgId,
            reason: "the finder withdrew consent to direct contact",
            audience: [COORDINATOR, INTAKE, { kind: "vendor", orgId: d.orgId }],
          });
        }
      }
      return out.done();
    },
  }),

  share_finder_identity: rule({
    by: "intake",
    check: (command) => new Issues().text("to", command.to),
    when: caseOpen,
    decide: ({ command, state, out }) => {
      const to: Recipient =
        command.to === "coordinator" ? COORDINATOR : { kind: "vendor", orgId: command.to };
      // W-8: the finder's identity reaches a party only under the recorded consent.
      if (!finderIdentityMayReach(state, to)) {
        return reject(
          command,
          "forbidden",
          "the finder did not consent to share their identity with that party",
        );
      }
      out.emit({ type: "finder_identity_shared", to: [to], audience: [to] });
      return out.done();
    },
  }),

  request_direct_contact: ownParticipantRule({
    check: (command, state) => {
      const issues = new Issues()
        .text("requestId", command.requestId)
        .text("reason", command.reason);
      issues.unused("requestId", command.requestId, state.directContacts);
      if (state.source?.kind !== "report")
        issues.add("requestId", "this case has no finder on record");
      return issues;
    },
    when: caseOpen,
    decide: ({ command, out, own }) => {
      out.emit({
        type: "direct_contact_requested",
        requestId: command.requestId,
        orgId: own.orgId,
        reason: command.reason,
        audience: [COORDINATOR, INTAKE, { kind: "vendor", orgId: own.orgId }],
      });
      return out.done();
    },
  }),

  approve_direct_contact: rule({
    by: ["coordinator", "intake"],
    check: (command) => new Issues().text("requestId", command.requestId),
    decide: ({ command, state, out }) => {
      const request = state.directContacts.find((d) => d.id === command.requestId);
      if (!request) {
        return invalidField(command, "requestId", "no such request");
      }
      const open = caseOpen(command, state);
      if (open) return open;
      const by = command.actor.kind === "coordinator" ? "coordinator" : "intake";
      if (
        request.status !== "pending" ||
        (by === "coordinator" ? request.coordinatorApproved : request.intakeApproved)
      ) {
        return notAllowed(command, "the request is not waiting for this approval", state.status);
      }
      // R-COO-6: only when the finder consented.
      if (!state.finderConsent?.directContact) {
        return reject(command, "forbidden", "the finder did not consent to direct contact");
      }
      out.emit({
        type: "direct_contact_approved",
        requestId: request.id,
        by,
        audience: [COORDINATOR, INTAKE],
      });
      const approved = out.state.directContacts.find((d) => d.id === request.id);
      if (approved?.coordinatorApproved && approved.intakeApproved) {
        const vendor: Recipient = { kind: "vendor", orgId: request.orgId };
        out.emit({
          type: "direct_contact_opened",
          requestId: request.id,
          orgId: request.orgId,
          audience: [COORDINATOR, INTAKE, vendor, FINDER],
        });
        if (finderIdentityMayReach(out.state, vendor)) {
          out.emit({ type: "finder_identity_shared", to: [vendor], audience: [vendor] });
        }
      }
      return out.done();
    },
  }),

  refer_to_csirt: rule({
    by: "coordinator",
    check: (command) =>
      new Issues().text("csirtOrgId", command.csirtOrgId).text("note", command.note),
    when: caseActive,
    decide: ({ command, out }) => {
      // R-COO-12: without the finder's identity (it is shared only by share_finder_identity).
      out.emit({
        type: "referred_to_csirt",
        csirtOrgId: command.csirtOrgId,
        note: command.note,
        audience: [COORDINATOR, { kind: "csirt", orgId: command.csirtOrgId }],
      });
      return out.done();
    },
  }),
} satisfies Partial<CaseRules>;
