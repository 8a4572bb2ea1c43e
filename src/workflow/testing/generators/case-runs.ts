/**
 * Generated runs of one product case: opened from a report, by a CSIRT or by a vendor's
 * self-report, then driven by weighted templates that are mostly guided to the participants and
 * requests they can apply to.
 */
import fc from "fast-check";
import { type CaseState, type ParticipantStatus, TERMINATION_REASONS } from "../../case/index.ts";
import { addMs, type WorkflowActor } from "../../common.ts";
import type { AnyCommand, CommandOf } from "../../machines.ts";
import type { WorkflowPolicy } from "../../policy.ts";
import { actors, CSIRT, days, NDA, VENDOR_C } from "../fixtures.ts";
import { CSIRTS, consentOf, Driver, ORGS, pickOf, runArbs, runSteps, type Step } from "./driver.ts";

export const CASE_ID = "case-1";
export const REPORT_ID = "report-1";

/** Templates, repeated to weight them. */
export const CASE_TEMPLATES = [
  ...Array(3).fill("add_participant"),
  ...Array(4).fill("notify_participant"),
  "remove_participant",
  ...Array(3).fill("acknowledge"),
  ...Array(4).fill("report_status"),
  ...Array(3).fill("add_countermeasure"),
  ...Array(2).fill("set_statement"),
  "set_tracking_id",
  "mark_unresponsive",
  "list_unreachable",
  ...Array(2).fill("request_schedule"),
  ...Array(2).fill("decide_schedule_request"),
  ...Array(3).fill("revise_schedule"),
  "propose_schedule_to_csirt",
  "answer_schedule_proposal",
  "terminate_embargo",
  ...Array(4).fill("update_advisory"),
  ...Array(5).fill("approve_advisory"),
  "record_committee_decision",
  "close_case",
  "complete_case",
  ...Array(3).fill("post_message"),
  "share_finder_identity",
  "request_direct_contact",
  "approve_direct_contact",
  "update_consent",
  ...Array(2).fill("fire_timer"),
  ...Array(6).fill("tick"),
  ...Array(2).fill("repeat"),
  "reopen",
] as string[];

export type Opening = "report" | "csirt" | "self_report";

export interface CaseRun {
  opening: Opening;
  consentBits: number;
  shareWithIntake: boolean;
  policy: WorkflowPolicy;
  steps: Step[];
  /** Whether the runner delivers each timer more than once. */
  duplicateTimers: boolean;
}

export function caseRunArb(maxSteps = 60): fc.Arbitrary<CaseRun> {
  return fc.record({
    opening: fc.constantFrom<Opening>("report", "report", "csirt", "self_report"),
    consentBits: fc.nat({ max: 15 }),
    shareWithIntake: fc.boolean(),
    ...runArbs(CASE_TEMPLATES, maxSteps),
  });
}

function open(d: Driver, run: CaseRun): void {
  const at = d.now;
  const base = (commandId: string, actor: WorkflowActor) => ({ commandId, at, actor });
  if (run.opening === "report") {
    d.send("report", REPORT_ID, {
      ...base("open-1", actors.finder),
      type: "submit",
      kind: "product",
      consent: consentOf("product", run.consentBits),
    });
    d.send("report", REPORT_ID, { ...base("open-2", actors.intake), type: "accept" });
    d.send("report", REPORT_ID, {
      ...base("open-3", actors.intake),
      type: "forward",
      target: { kind: "case", caseId: CASE_ID },
    });
  } else if (run.opening === "csirt") {
    d.send("case", CASE_ID, {
      ...base("open-1", actors.csirt()),
      type: "open_csirt_case",
      publishAt: addMs(at, days(run.consentBits * 10 + 5)),
      shareWithIntake: run.shareWithIntake,
    });
  } else {
    d.send("case", CASE_ID, {
      ...base("open-1", actors.vendor(VENDOR_C)),
      type: "open_self_report",
      nda: NDA,
      countermeasures: [{ countermeasureId: "cm-self", type: "fix" }],
      requestId: "rq-self",
      proposedPublishAt: addMs(at, days(20)),
    });
  }
}

/** For a guided step, the participant statuses the template applies to (null: not a participant). */
const WANTED: Record<string, readonly (ParticipantStatus | null)[]> = {
  add_participant: [null],
  notify_participant: ["identified"],
  remove_participant: ["identified"],
  acknowledge: ["notified", "unresponsive"],
  report_status: ["acknowledged", "investigating", "unresponsive", "affected"],
  add_countermeasure: ["affected"],
  set_statement: ["acknowledged", "investigating", "affected", "not_affected"],
  set_tracking_id: ["notified", "acknowledged", "affected"],
  mark_unresponsive: ["notified", "acknowledged", "investigating", "affected"],
  list_unreachable: ["unresponsive"],
  request_schedule: ["acknowledged", "investigating", "affected"],
  request_direct_contact: ["acknowledged", "investigating", "affected"],
  post_message: ["notified", "acknowledged", "investigating", "affected", "not_affected"],
};

function guidedOrg(kase: CaseState, step: Step): string {
  const random = pickOf(ORGS, step.pick);
  const wanted = WANTED[step.template];
  if (!step.guided || !wanted) return random;
  const candidates = ORGS.filter((org) => {
    const p = kase.participants.find((x) => x.orgId === org);
    return wanted.includes(p ? p.status : null);
  });
  return candidates.length > 0 ? pickOf(candidates, step.pick) : random;
}

function guidedId(step: Step, pending: readonly string[], fallback: string): string {
  return step.guided && pending.length > 0 ? pickOf(pending, step.pick2) : fallback;
}

export function caseStepCommand(d: Driver, step: Step, caseId = CASE_ID): AnyCommand | null {
  const c = (natural: WorkflowActor, type: string, fields: Record<string, unknown> = {}) =>
    d.command(step, natural, type, fields);
  const kase = d.world.state("case", caseId);
  const org = guidedOrg(kase, step);
  const vendor = actors.vendor(org);
  switch (step.template) {
    case "add_participant":
      return c(actors.coordinator, "add_participant", {
        orgId: org,
        nda: step.flag || (step.guided && step.flag2) ? NDA : null,
      });
    case "notify_participant":
      return c(actors.coordinator, "notify_participant", {
        orgId: org,
        ...(step.flag2 ? { nda: NDA } : {}),
      });
    case "remove_participant":
      return c(actors.coordinator, "remove_participant", {
        orgId: org,
        reason: "not their product",
      });
    case "acknowledge":
      return c(vendor, "acknowledge");
    case "report_status":
      return c(vendor, "report_status", {
        status: pickOf(
          ["investigating", "affected", "affected", "not_affected", "cannot_reproduce", "fine"],
          step.pick2,
        ),
        statementId: step.flag ? `st-${org}-${step.pick2 % 3}` : null,
      });
    case "add_countermeasure":
      return c(vendor, "add_countermeasure", {
        countermeasureId: `cm-${step.pick2 % 4}`,
        countermeasureType: step.flag ? "fix" : "workaround",
      });
    case "set_statement":
      return c(vendor, "set_statement", { statementId: `st-${org}-${step.pick2 % 3}` });
    case "set_tracking_id":
      return c(vendor, "set_tracking_id", { trackingId: `PSIRT-${step.pick2}` });
    case "mark_unresponsive":
      return c(actors.coordinator, "mark_unresponsive", { orgId: org, note: "no answer" });
    case "list_unreachable":
      return c(actors.coordinator, "list_unreachable", {
        orgId: org,
        stage: step.flag ? "name" : "product",
        decision: "recorded decision",
      });
    case "request_schedule":
      return c(vendor, "request_schedule", {
        requestId: `rq-${step.pick2 % 4}`,
        publishAt: addMs(d.now, days(pickOf([-1, 10, 40, 100], step.pick2))),
        reason: "release planning",
      });
    case "decide_schedule_request":
      return c(actors.coordinator, "decide_schedule_request", {
        requestId: guidedId(
          step,
          kase.scheduleRequests.filter((r) => r.status === "pending").map((r) => r.id),
          step.pick % 5 === 4 ? "rq-self" : `rq-${step.pick % 4}`,
        ),
        decision: step.flag ? "accept" : "decline",
        reason: "considered",
        exceedReason: step.flag2 ? "hardware recall cycle" : null,
        csirtProposalId: guidedId(
          step,
          kase.csirtProposals.filter((p) => p.status === "agreed").map((p) => p.id),
          `pp-${step.pick2 % 3}`,
        ),
      });
    case "revise_schedule": {
      const publishAt = addMs(d.now, days(pickOf([-1, 0, 5, 30, 60, 120], step.pick)));
      // Guided, a CSIRT case asks its CSIRT, which agrees, and revises to the agreed date.
      const agreed = kase.csirtProposals.find((p) => p.status === "agreed");
      const pending = kase.csirtProposals.find((p) => p.status === "pending");
      if (step.guided && !agreed && kase.source?.kind === "csirt") {
        if (pending) {
          return c(actors.csirt(), "answer_schedule_proposal", {
            proposalId: pending.id,
            decision: "agree",
          });
        }
        return c(actors.coordinator, "propose_schedule_to_csirt", {
          proposalId: `pp-${kase.csirtProposals.length}`,
          publishAt,
          countermeasureDue: step.flag ? addMs(publishAt, -days(1)) : null,
          reason: "vendors need time",
        });
      }
      if (step.guided && agreed && kase.source?.kind === "csirt") {
        return c(actors.coordinator, "revise_schedule", {
          publishAt: agreed.publishAt,
          countermeasureDue: agreed.countermeasureDue,
          reason: "the CSIRT agreed",
          exceedReason: step.flag2 ? "hardware recall cycle" : null,
          csirtProposalId: agreed.id,
        });
      }
      return c(actors.coordinator, "revise_schedule", {
        publishAt,
        countermeasureDue: step.flag ? addMs(publishAt, -days(1)) : null,
        reason: step.pick2 % 7 === 0 ? "" : "vendor needs time",
        exceedReason: step.flag2 ? "hardware recall cycle" : null,
        csirtProposalId: `pp-${step.pick2 % 3}`,
      });
    }
    case "propose_schedule_to_csirt": {
      const publishAt = addMs(d.now, days(pickOf([5, 30, 60, 120], step.pick)));
      return c(actors.coordinator, "propose_schedule_to_csirt", {
        proposalId: `pp-${step.pick2 % 3}`,
        publishAt,
        countermeasureDue: step.flag ? addMs(publishAt, -days(1)) : null,
        reason: "vendors need time",
      });
    }
    case "answer_schedule_proposal":
      return c(
        actors.csirt(step.flag2 ? CSIRT : pickOf(CSIRTS, step.pick)),
        "answer_schedule_proposal",
        {
          proposalId: `pp-${step.pick2 % 3}`,
          decision: step.flag ? "agree" : "refuse",
        },
      );
    case "terminate_embargo":
      return c(actors.coordinator, "terminate_embargo", {
        reason: pickOf([...TERMINATION_REASONS, "impatience"], step.pick),
        note: "seen in the wild",
      });
    case "update_advisory":
      return c(actors.coordinator, "update_advisory");
    case "approve_advisory":
      return c(actors.coordinator, "approve_advisory");
    case "record_committee_decision":
      return c(actors.coordinator, "record_committee_decision", {
        decision: step.flag ? "publish" : "do_not_publish",
        summary: "the committee met",
      });
    case "close_case":
      // Guided steps push the case forward: they close it only now and then.
      if (step.guided && step.pick % 4 !== 0) return c(actors.coordinator, "approve_advisory");
      return c(actors.coordinator, "close_case", {
        reason: pickOf(["no_action", "duplicate", "boredom"], step.pick),
        message: "closing",
      });
    case "complete_case":
      return c(actors.coordinator, "complete_case");
    case "post_message": {
      const author = pickOf(
        [actors.coordinator, vendor, actors.intake, actors.csirt(), actors.finder],
        step.pick2,
      );
      const to = pickOf(
        [undefined, "vendors", "intake", "csirt", "finder", "coordinator", ...ORGS],
        step.actorPick,
      );
      return c(author, "post_message", { messageId: `m${step.pick}`, ...(to ? { to } : {}) });
    }
    case "share_finder_identity":
      return c(actors.intake, "share_finder_identity", {
        to: pickOf(["coordinator", ...ORGS], step.pick2),
      });
    case "request_direct_contact":
      return c(vendor, "request_direct_contact", {
        requestId: `dc-${step.pick2 % 3}`,
        reason: "questions",
      });
    case "approve_direct_contact":
      return c(step.flag ? actors.coordinator : actors.intake, "approve_direct_contact", {
        requestId: guidedId(
          step,
          kase.directContacts.filter((x) => x.status === "pending").map((x) => x.id),
          `dc-${step.pick2 % 3}`,
        ),
      });
    case "update_consent":
      // Through the report when there is one (the follow-up carries it), else directly (refused).
      return c(actors.system, "update_finder_consent", {
        consent: consentOf("product", step.pick2),
      });
    case "fire_timer": {
      const due = kase.timers.filter((t) => t.dueAt <= d.now);
      const timers = step.guided && due.length > 0 ? due : kase.timers;
      const timer = timers.length > 0 ? timers[step.pick % timers.length] : undefined;
      return c(actors.system, "fire_timer", { timerId: timer?.id ?? "publication_due#99" });
    }
    case "reopen":
      return c(actors.csirt(), "open_csirt_case", {
        publishAt: addMs(d.now, days(30)),
        shareWithIntake: true,
      });
    default:
      return null;
  }
}

/** Runs a generated case run: the opening, the steps, then a clock far ahead and every timer. */
export function runCase(run: CaseRun, hooks: { onCommand?: Driver["onCommand"] } = {}): Driver {
  const d = new Driver(run.policy);
  if (hooks.onCommand) d.onCommand = hooks.onCommand;
  open(d, run);
  runSteps(d, run, [["case", CASE_ID]], (step) => {
    if (step.template === "update_consent" && run.opening === "report" && !step.anyone) {
      const consent = consentOf("product", step.pick2);
      d.send(
        "report",
        REPORT_ID,
        d.command(step, actors.finder, "update_consent", { consent }) as CommandOf<"report">,
      );
      return;
    }
    const command = caseStepCommand(d, step);
    if (command) d.send("case", CASE_ID, command as CommandOf<"case">);
  });
  return d;
}
