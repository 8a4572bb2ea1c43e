/**
 * Generated runs for the invariant tests (SPEC §10): sequences of steps that are resolved into
 * commands against the live state (which vendors exist, which timers are pending), mostly by the
 * party that would send them, sometimes by anyone (adversarial), sometimes late (an `at` in the
 * past), sometimes with an id used before, sometimes repeated verbatim; the clock moves forward
 * and a runner fires due timers like the job runner does, at times twice.
 *
 * This file holds what every run shares: the step, the policies, and the driver.
 */
import fc from "fast-check";
import { addMs, type Instant, type WorkflowActor } from "../../common.ts";
import type { AggregateType, AnyCommand, CommandOf } from "../../machines.ts";
import { createWorkflowPolicy, type WorkflowPolicy } from "../../policy.ts";
import type { FinderConsent } from "../../report.ts";
import { World } from "../../world.ts";
import { actors, CSIRT, days, OPERATOR, T0, VENDOR_A, VENDOR_B, VENDOR_C } from "../fixtures.ts";

export const ORGS = [VENDOR_A, VENDOR_B, VENDOR_C];
export const CSIRTS = [CSIRT, "csirt-2"];
export const OPERATORS = [OPERATOR, "operator-2"];

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

/** What every run draws: a policy, the steps from these templates, single or repeated timers. */
export function runArbs(templates: readonly string[], maxSteps: number) {
  return {
    policy: policyArb,
    steps: fc.array(stepArb(templates), { minLength: 10, maxLength: maxSteps, size: "max" }),
    duplicateTimers: fc.boolean(),
  };
}

export const pickOf = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

export function consentOf(kind: "product" | "web", bits: number): FinderConsent {
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

/**
 * Runs the steps of a run: the clock moves before each; `tick` fires the due timers, `repeat`
 * sends an earlier command again, any other step is the run's own (`each`); at the end the clock
 * passes every deadline.
 */
export function runSteps(
  d: Driver,
  run: { steps: readonly Step[]; duplicateTimers: boolean },
  aggregates: [AggregateType, string][],
  each: (step: Step) => void,
): void {
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
    each(step);
  }
  finish(d, aggregates, run.duplicateTimers);
}
