/**
 * Actors, instants and a scenario driver for the workflow's tests (and for anyone scripting the
 * machines, such as the simulation): commands get fresh ids and the scenario's clock.
 */
import type { CaseCommand, CaseState, Nda } from "../case/index.ts";
import { addDays, addMs, type Decision, type Instant, type WorkflowActor } from "../common.ts";
import type { AggregateType, CommandOf, EventOf, StateOf } from "../machines.ts";
import { DEFAULT_POLICY, type WorkflowPolicy } from "../policy.ts";
import type { ProductConsent, WebConsent } from "../report.ts";
import { World } from "../world.ts";

export const T0: Instant = "2026-04-01T00:00:00.000Z";

export const FINDER_ID = "finder-1";
export const VENDOR_A = "vendor-a";
export const VENDOR_B = "vendor-b";
export const VENDOR_C = "vendor-c";
export const CSIRT = "csirt-1";
export const OPERATOR = "operator-1";

export const actors = {
  finder: { kind: "finder", userId: FINDER_ID } as WorkflowActor,
  otherFinder: { kind: "finder", userId: "finder-2" } as WorkflowActor,
  intake: { kind: "intake", userId: "intake-1" } as WorkflowActor,
  coordinator: { kind: "coordinator", userId: "coordinator-1" } as WorkflowActor,
  vendor: (orgId: string): WorkflowActor => ({ kind: "vendor", userId: `${orgId}-user`, orgId }),
  csirt: (orgId = CSIRT): WorkflowActor => ({ kind: "csirt", userId: `${orgId}-user`, orgId }),
  operator: (orgId = OPERATOR): WorkflowActor => ({
    kind: "site_operator",
    userId: `${orgId}-user`,
    orgId,
  }),
  system: { kind: "system" } as WorkflowActor,
};

export const NDA: Nda = { signedAt: "2026-01-10T00:00:00.000Z", version: "v1" };

export const productConsent = (over: Partial<ProductConsent> = {}): ProductConsent => ({
  kind: "product",
  identityToCoordinator: true,
  identityToVendor: false,
  directContact: false,
  credit: "Taro Yamada",
  ...over,
});

export const webConsent = (over: Partial<WebConsent> = {}): WebConsent => ({
  kind: "web",
  identityToOperator: false,
  directContact: false,
  ...over,
});

export function days(n: number): number {
  return n * 24 * 60 * 60 * 1000;
}

/** Drives a world with its own clock; every command gets a fresh id unless given one. */
export class Scenario {
  readonly world: World;
  now: Instant;
  private seq = 0;

  constructor(policy: WorkflowPolicy = DEFAULT_POLICY, start: Instant = T0) {
    this.world = new World(policy);
    this.now = start;
  }

  advance(ms: number): this {
    this.now = addMs(this.now, ms);
    return this;
  }

  advanceDays(n: number): this {
    this.now = addDays(this.now, n);
    return this;
  }

  nextId(): string {
    this.seq += 1;
    return `cmd-${this.seq}`;
  }

  run<A extends AggregateType>(
    aggregate: A,
    id: string,
    type: CommandOf<A>["type"],
    actor: WorkflowActor,
    fields: Record<string, unknown> = {},
    envelope: { commandId?: string; at?: Instant } = {},
  ): Decision<EventOf<A>> {
    const command = {
      type,
      commandId: envelope.commandId ?? this.nextId(),
      at: envelope.at ?? this.now,
      actor,
      ...fields,
    } as unknown as CommandOf<A>;
    return this.world.execute(aggregate, id, command);
  }

  /** Runs a command that must be accepted; returns its events. */
  ok<A extends AggregateType>(
    aggregate: A,
    id: string,
    type: CommandOf<A>["type"],
    actor: WorkflowActor,
    fields: Record<string, unknown> = {},
  ): EventOf<A>[] {
    const decision = this.run(aggregate, id, type, actor, fields);
    if (!decision.ok) {
      throw new Error(
        `${type} was refused: ${decision.rejection.code}: ${decision.rejection.message}`,
      );
    }
    return decision.events;
  }

  state<A extends AggregateType>(aggregate: A, id: string): StateOf<A> {
    return this.world.state(aggregate, id);
  }

  kase(id = "case-1"): CaseState {
    return this.world.state("case", id);
  }

  /** Fires every pending timer of the aggregate due at the current time, in due order. */
  fireDue<A extends "case" | "site_case">(aggregate: A, id: string): EventOf<A>[] {
    const fired: EventOf<A>[] = [];
    for (;;) {
      const state = this.world.state(aggregate, id) as { timers: { id: string; dueAt: Instant }[] };
      const due = [...state.timers]
        .filter((t) => t.dueAt <= this.now)
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))[0];
      if (!due) return fired;
      const decision = this.run(
        aggregate,
        id,
        "fire_timer",
        actors.system,
        { timerId: due.id },
        {
          commandId: `timer:${due.id}`,
        },
      );
      if (!decision.ok) throw new Error(`timer ${due.id}: ${decision.rejection.message}`);
      fired.push(...decision.events);
    }
  }

  // ----- common paths ------------------------------------------------------------------------

  /** A product report submitted, accepted and forwarded: the case exists in triage. */
  productCase(options: { reportId?: string; caseId?: string; consent?: ProductConsent } = {}): {
    reportId: string;
    caseId: string;
  } {
    const reportId = options.reportId ?? "report-1";
    const caseId = options.caseId ?? "case-1";
    this.ok("report", reportId, "submit", actors.finder, {
      kind: "product",
      consent: options.consent ?? productConsent(),
    });
    this.ok("report", reportId, "accept", actors.intake);
    this.ok("report", reportId, "forward", actors.intake, { target: { kind: "case", caseId } });
    return { reportId, caseId };
  }

  webCase(
    options: {
      reportId?: string;
      siteCaseId?: string;
      consent?: WebConsent;
      operatorOrgId?: string | null;
    } = {},
  ): { reportId: string; siteCaseId: string } {
    const reportId = options.reportId ?? "report-w";
    const siteCaseId = options.siteCaseId ?? "site-1";
    this.ok("report", reportId, "submit", actors.finder, {
      kind: "web",
      consent: options.consent ?? webConsent(),
    });
    this.ok("report", reportId, "accept", actors.intake);
    const operator =
      options.operatorOrgId === null
        ? { name: "Example shop", contactEmail: "webmaster@example.jp" }
        : { orgId: options.operatorOrgId ?? OPERATOR };
    this.ok("report", reportId, "forward", actors.intake, {
      target: { kind: "site_case", siteCaseId, operator },
    });
    return { reportId, siteCaseId };
  }

  addAndNotify(caseId: string, orgId: string, nda: Nda | null = NDA): void {
    this.ok("case", caseId, "add_participant", actors.coordinator, { orgId, nda });
    this.ok("case", caseId, "notify_participant", actors.coordinator, { orgId });
  }

  /** A vendor notified, acknowledged, affected with a fix and a statement. */
  vendorReady(caseId: string, orgId: string): void {
    this.addAndNotify(caseId, orgId);
    const vendor = actors.vendor(orgId);
    this.ok("case", caseId, "acknowledge", vendor);
    this.ok("case", caseId, "report_status", vendor, {
      status: "affected",
      statementId: `statement-${orgId}`,
    });
    this.ok("case", caseId, "add_countermeasure", vendor, {
      countermeasureId: `fix-${orgId}`,
      countermeasureType: "fix",
    });
  }

  approveAdvisory(caseId: string): void {
    this.ok("case", caseId, "update_advisory", actors.coordinator);
    this.ok("case", caseId, "approve_advisory", actors.coordinator);
  }
}

export type CaseCommandType = CaseCommand["type"];
