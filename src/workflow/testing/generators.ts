/**
 * Generated runs for the invariant tests (SPEC §10): sequences of steps that are resolved into
 * commands against the live state (which vendors exist, which timers are pending), mostly by the
 * party that would send them, sometimes by anyone (adversarial), sometimes late (an `at` in the
 * past), sometimes with an id used before, sometimes repeated verbatim; the clock moves forward
 * and a runner fires due timers like the job runner does, at times twice.
 */
import fc from "fast-check";
import { type CaseState, type ParticipantStatus, TERMINATION_REASONS } from "../case/index.ts";
import { addMs, type Instant, type WorkflowActor } from "../common.ts";
import type { AggregateType, AnyCommand, AnyEvent, CommandOf } from "../machines.ts";
import { createWorkflowPolicy, type WorkflowPolicy } from "../policy.ts";
import type { FinderConsent } from "../report.ts";
import { World } from "../world.ts";
import {
  actors,
  CSIRT,
  days,
  NDA,
  OPERATOR,
  T0,
  VENDOR_A,
  VENDOR_B,
  VENDOR_C,
} from "./fixtures.ts";

export const ORGS = [VENDOR_A, VENDOR_B, VENDOR_C];
const CSIRTS = [CSIRT, "csirt-2"];
const OPERATORS = [OPERATOR, "operator-2"];

const ANYONE: WorkflowActor[] = [
  actors.coordinator,
  actors.intake,
  actors.finder,
  actors.otherFinder,
  ...ORGS.map(actors.vendor),
  ...CSIRTS.map(actors.csirt),
  ...OPERATORS.map(actors.operator),
  actors.system,
];

export interface Step {
  template: string;
  /** Four steps in five pick what the command would apply to (a notified vendor to acknowledge…). */
  guided: boolean;
  /** One step in ten is sent by anyone at all instead of the party that would send it. */
  anyone: boolean;
  actorPick: number;
  pick: number;
  pick2: number;
  flag: boolean;
  flag2: boolean;
  /** How far the clock moves before the step. */
  advance: number;
  /** How far in the past the command says it was sent (a late or out-of-order command). */
  late: number;
  /** One step in twenty reuses an earlier command's id with a new payload. */
  reuseId: boolean;
}

const ADVANCES = [
  0,
  0,
  0,
  0,
  60_000,
  3_600_000,
  days(1),
  days(2),
  days(4),
  days(8),
  days(20),
  days(46),
];
const LATE = [0, 0, 0, 0, 0, 0, 0, 60_000, days(2), days(30)];

export function stepArb(templates: readonly string[]): fc.Arbitrary<Step> {
  return fc.record({
    template: fc.constantFrom(...templates),
    guided: fc.nat({ max: 4 }).map((n) => n !== 0),
    anyone: fc.nat({ max: 9 }).map((n) => n === 0),
    actorPick: fc.nat({ max: 1000 }),
    pick: fc.nat({ max: 1000 }),
    pick2: fc.nat({ max: 1000 }),
    flag: fc.boolean(),
    flag2: fc.boolean(),
    advance: fc.constantFrom(...ADVANCES),
    late: fc.constantFrom(...LATE),
    reuseId: fc.nat({ max: 19 }).map((n) => n === 0),
  });
}

/** Policies other than the defaults: the rules must hold for any configuration. */
export const policyArb: fc.Arbitrary<WorkflowPolicy> = fc
  .record({
    defaultEmbargoDays: fc.constantFrom(10, 45, 60),
    extra: fc.constantFrom(0, 30, 45),
    reminders: fc.nat({ max: 3 }),
    operatorReminders: fc.nat({ max: 2 }),
    ackDays: fc.constantFrom(3, 7),
  })
  .map((p) =>
    createWorkflowPolicy({
      defaultEmbargoDays: p.defaultEmbargoDays,
      maxEmbargoDays: p.defaultEmbargoDays + p.extra,
      vendorAcknowledgement: { amount: p.ackDays, unit: "calendar_days" },
      vendorReminders: { count: p.reminders, interval: { amount: 3, unit: "business_days" } },
      operatorReminders: {
        count: p.operatorReminders,
        interval: { amount: 5, unit: "business_days" },
      },
    }),
  );

const pickOf = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

function consentOf(kind: "product" | "web", bits: number): FinderConsent {
  return kind === "product"
    ? {
        kind: "product",
        identityToCoordinator: (bits & 1) === 1,
        identityToVendor: (bits & 2) === 2,
        directContact: (bits & 4) === 4,
        credit: (bits & 8) === 8 ? "Hanako Sato" : null,
      }
    : { kind: "web", identityToOperator: (bits & 1) === 1, directContact: (bits & 4) === 4 };
}

export interface Issued {
  aggregate: AggregateType;
  id: string;
  command: AnyCommand;
  ok: boolean;
  /** How many events the world's log had before the command. */
  logBefore: number;
  logAfter: number;
}

/** Runs steps against a world and remembers every command it sent. */
export class Driver {
  readonly world: World;
  now: Instant = T0;
  readonly issued: Issued[] = [];
  private seq = 0;
  /** Called after every command (the W-1 test checks purity and no-ops here). */
  onCommand?: (issued: Issued, before: unknown, after: unknown, driver: Driver) => void;

  constructor(policy: WorkflowPolicy) {
    this.world = new World(policy);
  }

  send<A extends AggregateType>(aggregate: A, id: string, command: CommandOf<A>): boolean {
    const before = this.world.state(aggregate, id);
    const logBefore = this.world.log.length;
    const decision = this.world.execute(aggregate, id, command);
    const issued: Issued = {
      aggregate,
      id,
      command: command as AnyCommand,
      ok: decision.ok,
      logBefore,
      logAfter: this.world.log.length,
    };
    this.issued.push(issued);
    this.onCommand?.(issued, before, this.world.state(aggregate, id), this);
    return decision.ok;
  }

  /** Builds a command from a step's envelope choices. */
  command(
    step: Step,
    natural: WorkflowActor,
    type: string,
    fields: Record<string, unknown>,
  ): AnyCommand {
    const actor = step.anyone ? pickOf(ANYONE, step.actorPick) : natural;
    this.seq += 1;
    const earlier =
      this.issued.length > 0 ? this.issued[step.pick2 % this.issued.length] : undefined;
    const commandId = step.reuseId && earlier ? earlier.command.commandId : `c${this.seq}`;
    return { type, commandId, at: addMs(this.now, -step.late), actor, ...fields } as AnyCommand;
  }

  /** The job runner: fires every due timer of the aggregates, in due order, some twice. */
  runTimers(aggregates: [AggregateType, string][], duplicate: boolean): void {
    for (let round = 0; round < 10_000; round += 1) {
      const due = aggregates.flatMap(([aggregate, id]) => {
        const state = this.world.state(aggregate, id) as {
          timers?: { id: string; dueAt: Instant }[];
        };
        return (state.timers ?? [])
          .filter((t) => t.dueAt <= this.now)
          .map((t) => ({ aggregate, id, timer: t }));
      });
      due.sort((a, b) =>
        a.timer.dueAt < b.timer.dueAt ? -1 : a.timer.dueAt > b.timer.dueAt ? 1 : 0,
      );
      const next = due[0];
      if (!next) return;
      const fire = {
        type: "fire_timer",
        commandId: `timer:${next.aggregate}:${next.id}:${next.timer.id}`,
        at: this.now,
        actor: actors.system,
        timerId: next.timer.id,
      } as AnyCommand;
      this.send(next.aggregate, next.id, fire as CommandOf<AggregateType>);
      if (duplicate) {
        // The same job run again, and a stray second delivery with another id.
        this.send(next.aggregate, next.id, fire as CommandOf<AggregateType>);
        this.send(next.aggregate, next.id, {
          ...fire,
          commandId: `${fire.commandId}/again`,
        } as CommandOf<AggregateType>);
      }
    }
    throw new Error("timers kept firing: a timer loop");
  }

  /** Repeats an earlier command verbatim (same id, same payload). */
  repeat(step: Step): void {
    const earlier =
      this.issued.length > 0 ? this.issued[step.pick % this.issued.length] : undefined;
    if (earlier)
      this.send(earlier.aggregate, earlier.id, earlier.command as CommandOf<AggregateType>);
  }
}

// ---------------------------------------------------------------------------------------------
// Product cases

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
    policy: policyArb,
    steps: fc.array(stepArb(CASE_TEMPLATES), { minLength: 10, maxLength: maxSteps, size: "max" }),
    duplicateTimers: fc.boolean(),
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

function caseStepCommand(d: Driver, step: Step, caseId = CASE_ID): AnyCommand | null {
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
  const aggregates: [AggregateType, string][] = [["case", CASE_ID]];
  for (const step of run.steps) {
    d.now = addMs(d.now, step.advance);
    if (step.template === "tick") {
      d.runTimers(aggregates, run.duplicateTimers);
      continue;
    }
    if (step.template === "repeat") {
      d.repeat(step);
      continue;
    }
    if (step.template === "update_consent" && run.opening === "report" && !step.anyone) {
      const consent = consentOf("product", step.pick2);
      d.send(
        "report",
        REPORT_ID,
        d.command(step, actors.finder, "update_consent", { consent }) as CommandOf<"report">,
      );
      continue;
    }
    const command = caseStepCommand(d, step);
    if (command) d.send("case", CASE_ID, command as CommandOf<"case">);
  }
  finish(d, aggregates, run.duplicateTimers);
  return d;
}

/** Moves the clock past every pending deadline (and 30 days more) and fires everything due. */
export function finish(d: Driver, aggregates: [AggregateType, string][], duplicate: boolean): void {
  for (let round = 0; round < 3; round += 1) {
    let latest = d.now;
    for (const [aggregate, id] of aggregates) {
      const state = d.world.state(aggregate, id) as { timers?: { dueAt: Instant }[] };
      for (const timer of state.timers ?? []) if (timer.dueAt > latest) latest = timer.dueAt;
    }
    d.now = addMs(latest, days(30));
    d.runTimers(aggregates, duplicate);
  }
}

// ---------------------------------------------------------------------------------------------
// Whole worlds: reports, their cases and site cases

export const REPORT_IDS = ["r1", "r2"];
export const CASE_IDS = ["c1", "c2"];
export const SITE_IDS = ["s1", "s2"];

export const WORLD_TEMPLATES = [
  ...Array(10).fill("submit"),
  "request_info",
  "resubmit",
  ...Array(10).fill("accept"),
  "reject",
  "close_report",
  ...Array(3).fill("change_kind"),
  ...Array(4).fill("update_consent"),
  ...Array(12).fill("forward"),
  "close_with_outcome",
  ...Array(2).fill("site:acknowledge"),
  ...Array(2).fill("site:report_result"),
  "site:mark_unreachable",
  ...Array(2).fill("site:close"),
  "site:publish_leak_notice",
  "site:claim_site_case",
  ...Array(2).fill("site:share_finder_identity"),
  ...Array(2).fill("site:request_direct_contact"),
  ...Array(2).fill("site:approve_direct_contact"),
  "site:post_message",
  "site:open_site_case",
  "case:open_case",
  ...[...new Set(CASE_TEMPLATES)]
    .filter((t) => !["tick", "repeat", "reopen", "update_consent"].includes(t))
    .map((t) => `case:${t}`),
  ...Array(3).fill("case:share_finder_identity"),
  ...Array(3).fill("case:notify_participant"),
  ...Array(2).fill("case:add_participant"),
  ...Array(2).fill("case:approve_direct_contact"),
  ...Array(2).fill("case:request_direct_contact"),
  ...Array(3).fill("tick"),
  ...Array(2).fill("repeat"),
] as string[];

/** For a guided step, the report statuses the template applies to. */
const REPORT_WANTED: Record<string, readonly (string | null)[]> = {
  submit: [null],
  request_info: ["submitted"],
  resubmit: ["needs_info"],
  accept: ["submitted"],
  reject: ["submitted", "needs_info"],
  close_report: ["accepted"],
  change_kind: ["submitted", "needs_info", "accepted"],
  update_consent: ["submitted", "needs_info", "accepted", "forwarded"],
  forward: ["accepted"],
};

export interface WorldRun {
  policy: WorkflowPolicy;
  steps: Step[];
  duplicateTimers: boolean;
}

export function worldRunArb(maxSteps = 60): fc.Arbitrary<WorldRun> {
  return fc.record({
    policy: policyArb,
    steps: fc.array(stepArb(WORLD_TEMPLATES), { minLength: 10, maxLength: maxSteps, size: "max" }),
    duplicateTimers: fc.boolean(),
  });
}

function worldStep(
  d: Driver,
  step: Step,
): { aggregate: AggregateType; id: string; command: AnyCommand } | null {
  const wanted = REPORT_WANTED[step.template];
  const candidates = wanted
    ? REPORT_IDS.filter((id) => wanted.includes(d.world.state("report", id).status))
    : [];
  const reportId =
    step.guided && candidates.length > 0
      ? pickOf(candidates, step.pick)
      : pickOf(REPORT_IDS, step.pick);
  const existing = (aggregate: AggregateType, ids: string[]) => {
    const found = d.world.ids(aggregate);
    return step.guided && found.length > 0 ? pickOf(found, step.pick) : pickOf(ids, step.pick);
  };
  const caseId = existing("case", CASE_IDS);
  const siteId = existing("site_case", SITE_IDS);
  const reportKind = d.world.state("report", reportId).kind;
  const operatorOrg = pickOf(OPERATORS, step.pick2);
  const operator = actors.operator(step.flag2 ? OPERATOR : operatorOrg);
  const c = (natural: WorkflowActor, type: string, fields: Record<string, unknown> = {}) =>
    d.command(step, natural, type, fields);
  const report = (command: AnyCommand) => ({ aggregate: "report" as const, id: reportId, command });
  const site = (command: AnyCommand) => ({ aggregate: "site_case" as const, id: siteId, command });
  const kind = step.flag ? "product" : "web";
  switch (step.template) {
    case "submit":
      return report(
        c(actors.finder, "submit", {
          kind,
          consent: consentOf(
            step.pick2 % 9 === 0 ? (kind === "web" ? "product" : "web") : kind,
            step.pick2,
          ),
        }),
      );
    case "request_info":
      return report(c(actors.intake, "request_info", { messageId: "m" }));
    case "resubmit":
      return report(c(actors.finder, "resubmit"));
    case "accept":
      return report(c(actors.intake, "accept"));
    case "reject":
      return report(c(actors.intake, "reject", { reason: "insufficient" }));
    case "close_report":
      return report(c(actors.intake, "close", { reason: "out_of_scope" }));
    case "change_kind":
      return report(c(actors.intake, "change_kind", { kind, reason: "it is built for one site" }));
    case "update_consent": {
      const current = d.world.state("report", reportId).kind ?? kind;
      return report(
        c(actors.finder, "update_consent", { consent: consentOf(current, step.pick2) }),
      );
    }
    case "forward": {
      // Guided, a report goes where its kind belongs, to an id not used yet.
      const asCase = step.guided && reportKind ? reportKind === "product" : step.flag;
      const fresh = (aggregate: AggregateType, ids: string[]) => {
        const used = d.world.ids(aggregate);
        const free = ids.filter((id) => !used.includes(id));
        return step.guided && free.length > 0 ? pickOf(free, step.pick2) : pickOf(ids, step.pick2);
      };
      return report(
        c(actors.intake, "forward", {
          target: asCase
            ? { kind: "case", caseId: fresh("case", CASE_IDS) }
            : {
                kind: "site_case",
                siteCaseId: fresh("site_case", SITE_IDS),
                operator: step.flag2
                  ? { orgId: operatorOrg }
                  : { name: "Shop", contactEmail: "a@example.jp" },
              },
        }),
      );
    }
    case "close_with_outcome":
      return report(
        c(actors.system, "close_with_outcome", {
          source: step.flag ? "case" : "site_case",
          linkedId: step.flag ? caseId : siteId,
          outcome: step.flag ? "published" : "fixed",
        }),
      );
    case "site:acknowledge":
      return site(c(operator, "acknowledge"));
    case "site:report_result":
      return site(
        c(operator, "report_result", {
          result: step.flag ? "fixed" : "not_vulnerable",
          ...(step.flag
            ? {
                fixMethod: pickOf(
                  ["app_fixed", "page_removed", "operational_workaround"],
                  step.pick2,
                ),
              }
            : {}),
        }),
      );
    case "site:mark_unreachable":
      return site(c(actors.intake, "mark_unreachable"));
    case "site:close":
      return site(
        c(actors.intake, "close", {
          reason: pickOf(
            ["fixed", "closed_after_warning", "not_vulnerable", "unreachable"],
            step.pick2,
          ),
          message: "done",
        }),
      );
    case "site:publish_leak_notice":
      return site(c(operator, "publish_leak_notice", { noticeId: `n${step.pick2 % 3}` }));
    case "site:claim_site_case":
      return site(c(operator, "claim_site_case"));
    case "site:share_finder_identity":
      return site(c(actors.intake, "share_finder_identity"));
    case "site:request_direct_contact":
      return site(c(operator, "request_direct_contact", { requestId: `d${step.pick2 % 2}` }));
    case "site:approve_direct_contact":
      return site(c(actors.intake, "approve_direct_contact", { requestId: `d${step.pick2 % 2}` }));
    case "site:post_message":
      return site(
        c(step.flag ? operator : actors.finder, "post_message", {
          messageId: `m${step.pick2}`,
          to: pickOf(["intake", "finder", "operator"], step.pick2),
        }),
      );
    case "site:open_site_case":
      // Adversarial: a site case for a report, bypassing the forward (a web report's id or not).
      return site(
        c(actors.intake, "open_site_case", {
          reportId,
          reportKind: kind,
          operator: { orgId: operatorOrg },
          finderConsent: consentOf("web", step.pick2),
        }),
      );
    case "case:open_case":
      return {
        aggregate: "case",
        id: caseId,
        command: c(actors.intake, "open_case", {
          reportId,
          reportKind: kind,
          finderId: "finder-1",
          finderConsent: consentOf("product", step.pick2),
        }),
      };
    default: {
      if (!step.template.startsWith("case:")) return null;
      const inner = caseStepCommand(d, { ...step, template: step.template.slice(5) }, caseId);
      return inner ? { aggregate: "case", id: caseId, command: inner } : null;
    }
  }
}

export function runWorld(run: WorldRun, hooks: { onCommand?: Driver["onCommand"] } = {}): Driver {
  const d = new Driver(run.policy);
  if (hooks.onCommand) d.onCommand = hooks.onCommand;
  const aggregates: [AggregateType, string][] = [
    ...CASE_IDS.map((id) => ["case", id] as [AggregateType, string]),
    ...SITE_IDS.map((id) => ["site_case", id] as [AggregateType, string]),
  ];
  for (const step of run.steps) {
    d.now = addMs(d.now, step.advance);
    if (step.template === "tick") {
      d.runTimers(aggregates, run.duplicateTimers);
      continue;
    }
    if (step.template === "repeat") {
      d.repeat(step);
      continue;
    }
    const next = worldStep(d, step);
    if (next) d.send(next.aggregate, next.id, next.command as CommandOf<AggregateType>);
  }
  finish(d, aggregates, run.duplicateTimers);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Walking the log

export interface Walked {
  index: number;
  aggregate: AggregateType;
  id: string;
  event: AnyEvent;
  /** The aggregate's state before and after this event. */
  before: unknown;
  after: unknown;
  /** Every aggregate's state before this event (keyed `aggregate:id`). */
  states: ReadonlyMap<string, unknown>;
}

/** Folds the world's log in order, giving each event with the states around it. */
export function* walk(
  log: readonly { aggregate: AggregateType; id: string; event: AnyEvent }[],
  evolve: (aggregate: AggregateType, state: unknown, event: AnyEvent) => unknown,
  initial: (aggregate: AggregateType, id: string) => unknown,
): Generator<Walked> {
  const states = new Map<string, unknown>();
  for (const [index, entry] of log.entries()) {
    const key = `${entry.aggregate}:${entry.id}`;
    const before = states.has(key) ? states.get(key) : initial(entry.aggregate, entry.id);
    const after = evolve(entry.aggregate, before, entry.event);
    yield {
      index,
      aggregate: entry.aggregate,
      id: entry.id,
      event: entry.event,
      before,
      after,
      states: new Map(states),
    };
    states.set(key, after);
  }
}
