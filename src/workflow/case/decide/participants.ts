/**
 * The coordinator's side of the participants (R-COO-2, R-COO-8): adding a vendor, removing one
 * that was never told, notifying it under its NDA (which fixes the first contact and the default
 * date, W-6), and recording one that does not answer and, later, listing it publicly.
 */
import {
  addDays,
  dedupeRecipients,
  Issues,
  nonEmpty,
  notAllowed,
  type Recipient,
  reject,
} from "../../common.ts";
import { rule } from "../../rules.ts";
import { staff } from "../audiences.ts";
import { finderIdentityMayReach, isActive, participant } from "../queries.ts";
import {
  caseStatusChange,
  emitDefaultSchedule,
  publishIfReady,
  settleParticipant,
  settleReadiness,
} from "./effects.ts";
import {
  type CaseRules,
  caseActiveOrPublished,
  caseOpen,
  checkNda,
  namedParticipantRule,
} from "./rule.ts";

export const participantRules = {
  add_participant: rule({
    by: "coordinator",
    check: (command, state) => {
      const issues = new Issues().text("orgId", command.orgId);
      checkNda(issues, "nda", command.nda);
      if (command.reason != null && !nonEmpty(command.reason))
        issues.add("reason", "must be non-empty when given");
      if (nonEmpty(command.orgId) && participant(state, command.orgId)) {
        issues.add("orgId", "is a participant of this case already");
      }
      return issues;
    },
    when: caseActiveOrPublished,
    decide: ({ command, state, out }) => {
      out.emit({
        type: "participant_added",
        orgId: command.orgId,
        nda: command.nda ?? null,
        reason: command.reason ?? null,
        audience: staff(state),
      });
      return out.done();
    },
  }),

  remove_participant: namedParticipantRule({
    by: "coordinator",
    check: (command) => new Issues().text("orgId", command.orgId).text("reason", command.reason),
    when: caseOpen,
    moves: () => null,
    decide: ({ command, state, out, at, participant }) => {
      out.emit({
        type: "participant_removed",
        orgId: participant.orgId,
        reason: command.reason,
        audience: staff(state),
      });
      publishIfReady(out, at, "remove_participant", false);
      return out.done();
    },
  }),

  notify_participant: namedParticipantRule({
    by: "coordinator",
    check: (command) => {
      const issues = new Issues().text("orgId", command.orgId);
      checkNda(issues, "nda", command.nda);
      return issues;
    },
    when: caseActiveOrPublished,
    moves: () => "notified",
    decide: ({ command, state, out, policy, at, participant: p }) => {
      const nda = command.nda ?? p.nda;
      // R-COO-2 / W-4: no case details before the NDA is recorded.
      if (!nda) {
        return reject(command, "nda_required", "the vendor's NDA is not recorded (R-COO-2)", {
          state: p.status,
        });
      }
      const firstContact = state.firstContactAt === null;
      out.emit({
        type: "participant_notified",
        orgId: p.orgId,
        nda,
        firstContact,
        audience: dedupeRecipients([...staff(state), { kind: "vendor", orgId: p.orgId }]),
      });
      if (state.status === "triage") caseStatusChange(out, "notify_participant", "coordinating");
      // W-6: the first notification fixes firstContactAt and, when no date exists, the default.
      if (firstContact && !out.state.schedule && isActive(out.state)) {
        emitDefaultSchedule(out, policy, at);
      }
      const vendor: Recipient = { kind: "vendor", orgId: p.orgId };
      if (finderIdentityMayReach(out.state, vendor) && out.state.finderConsent?.identityToVendor) {
        out.emit({ type: "finder_identity_shared", to: [vendor], audience: [vendor] });
      }
      settleParticipant(out, p.orgId, policy, at, "notify_participant");
      return out.done();
    },
  }),

  mark_unresponsive: namedParticipantRule({
    by: "coordinator",
    check: (command) => new Issues().text("orgId", command.orgId).text("note", command.note),
    when: caseOpen,
    moves: () => "unresponsive",
    decide: ({ command, state, out, participant: p }) => {
      out.emit({
        type: "participant_marked_unresponsive",
        orgId: p.orgId,
        from: p.status,
        note: command.note,
        audience: staff(state),
      });
      settleReadiness(out);
      return out.done();
    },
  }),

  list_unreachable: namedParticipantRule({
    by: "coordinator",
    check: (command) =>
      new Issues()
        .text("orgId", command.orgId)
        .oneOf("stage", command.stage, ["name", "product"])
        .text("decision", command.decision),
    when: caseOpen,
    decide: ({ command, state, out, policy, at, participant: p }) => {
      if (p.status !== "unresponsive") {
        return notAllowed(command, "only an unresponsive vendor is listed", p.status);
      }
      const listing = p.unreachableListing;
      if (command.stage === "name" ? listing !== null : listing?.stage !== "name") {
        return notAllowed(
          command,
          command.stage === "name"
            ? "the vendor is listed already"
            : "the product is listed after the name",
          p.status,
        );
      }
      if (
        command.stage === "product" &&
        listing &&
        at < addDays(listing.nameListedAt, policy.unreachableProductDelayDays)
      ) {
        return notAllowed(
          command,
          `the product is listed ${policy.unreachableProductDelayDays} days after the name`,
          p.status,
        );
      }
      out.emit({
        type: "unreachable_vendor_listed",
        orgId: p.orgId,
        stage: command.stage,
        decision: command.decision,
        audience: [...staff(state), { kind: "public", channel: "unreachable_list" }],
      });
      return out.done();
    },
  }),
} satisfies Partial<CaseRules>;
