/**
 * The priority provision's invariants (R-PRI-1…3), over generated sequences of commands sent by
 * anyone in any order, repeated and with bad input: nothing is sent unless every agreement and
 * the finder's notice were recorded before it; an objection stops the provision for good; no
 * package is readable once the provision ended, stopped or was revoked. Each property also
 * counts the situations it is about, so a generator that stopped reaching them fails.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WorkflowActor } from "../common.ts";
import { DEFAULT_POLICY } from "../policy.ts";
import {
  decidePriorityProvision,
  evolvePriorityProvision,
  initialPriorityProvision,
  type PriorityProvisionCommand,
  type PriorityProvisionEvent,
  type PriorityProvisionState,
  packagesReadable,
  partyKey,
  priorityProvisionTransitions,
} from "./index.ts";

const RUNS = 1000;
const VENDORS = ["vendor-a", "vendor-b", "vendor-c"];

const actorArb: fc.Arbitrary<WorkflowActor> = fc.oneof(
  fc.constant<WorkflowActor>({ kind: "intake", userId: "desk" }),
  fc.constant<WorkflowActor>({ kind: "coordinator", userId: "coordinator" }),
  fc
    .constantFrom(...VENDORS)
    .map((orgId): WorkflowActor => ({ kind: "vendor", userId: `u-${orgId}`, orgId })),
  fc.constant<WorkflowActor>({ kind: "finder", userId: "finder" }),
  fc.constant<WorkflowActor>({ kind: "system" }),
);

type Body = Omit<PriorityProvisionCommand, "commandId" | "at" | "actor">;

const bodyArb: fc.Arbitrary<Body> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("start_priority_provision" as const),
      caseId: fc.constant("case-1"),
      reason: fc.constantFrom("Power grids depend on it", ""),
      sectors: fc.constantFrom(["electricity"], ["electricity", "telecom"], []),
      recipientOrgIds: fc.constantFrom(["r-1"], ["r-1", "r-2"]),
      caseFacts: fc.record({
        hasCountermeasure: fc.boolean(),
        isPublic: fc.boolean(),
        affectedVendorOrgIds: fc.subarray(VENDORS, { minLength: 1 }),
      }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant("record_agreement" as const),
      decision: fc.oneof(
        { weight: 6, arbitrary: fc.constant("agree" as const) },
        { weight: 1, arbitrary: fc.constant("object" as const) },
      ),
      reason: fc.constantFrom("We need more time", null),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ type: "record_finder_notice" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("add_package" as const),
      packageId: fc.constantFrom("p-1", "p-2", "p-3"),
      kind: fc.constantFrom("summary", "beta_patch", "preparation_request", "countermeasure"),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ type: "send_priority_provision" as const }) },
  { weight: 1, arbitrary: fc.constant({ type: "revoke_priority_provision" as const }) },
  { weight: 1, arbitrary: fc.constant({ type: "end_priority_provision" as const }) },
);

/** Mostly the actor whose command it is, sometimes anyone (adversarial). */
function likelyActor(body: Body): fc.Arbitrary<WorkflowActor> {
  const own: fc.Arbitrary<WorkflowActor> =
    body.type === "record_agreement"
      ? fc.oneof(
          fc.constant<WorkflowActor>({ kind: "coordinator", userId: "coordinator" }),
          fc
            .constantFrom(...VENDORS)
            .map((orgId): WorkflowActor => ({ kind: "vendor", userId: `u-${orgId}`, orgId })),
        )
      : body.type === "end_priority_provision"
        ? fc.constant<WorkflowActor>({ kind: "system" })
        : fc.constant<WorkflowActor>({ kind: "intake", userId: "desk" });
  return fc.oneof({ weight: 5, arbitrary: own }, { weight: 1, arbitrary: actorArb });
}

const stepArb = bodyArb.chain((body) =>
  fc.record({ actor: likelyActor(body), body: fc.constant(body), repeat: fc.boolean() }),
);

/** Most sequences begin with a start the case allows, so that the rest has a provision to act on. */
const validStart = fc.record({
  actor: fc.constant<WorkflowActor>({ kind: "intake", userId: "desk" }),
  body: fc.record({
    type: fc.constant("start_priority_provision" as const),
    caseId: fc.constant("case-1"),
    reason: fc.constant("Power grids depend on it"),
    sectors: fc.constantFrom(["electricity"], ["electricity", "telecom"]),
    recipientOrgIds: fc.constantFrom(["r-1"], ["r-1", "r-2"]),
    caseFacts: fc.record({
      hasCountermeasure: fc.constant(true),
      isPublic: fc.constant(false),
      affectedVendorOrgIds: fc.subarray(VENDORS, { minLength: 1, maxLength: 2 }),
    }),
  }),
  repeat: fc.constant(false),
});

interface Step {
  command: PriorityProvisionCommand;
  before: PriorityProvisionState;
  after: PriorityProvisionState;
  events: PriorityProvisionEvent[];
}

function run(steps: { actor: WorkflowActor; body: Body; repeat: boolean }[]): Step[] {
  let state = initialPriorityProvision("pp-1");
  const log: Step[] = [];
  let last: PriorityProvisionCommand | null = null;
  steps.forEach((step, index) => {
    const command =
      step.repeat && last
        ? last
        : ({
            ...step.body,
            commandId: `c-${index}`,
            at: new Date(Date.UTC(2026, 10, 1) + index * 60_000).toISOString(),
            actor: step.actor,
          } as PriorityProvisionCommand);
    last = command;
    const decision = decidePriorityProvision(state, command, DEFAULT_POLICY);
    const before = state;
    if (decision.ok)
      for (const event of decision.events) state = evolvePriorityProvision(state, event);
    log.push({ command, before, after: state, events: decision.ok ? decision.events : [] });
  });
  return log;
}

const sequenceArb = fc
  .tuple(fc.option(validStart, { freq: 8 }), fc.array(stepArb, { minLength: 1, maxLength: 40 }))
  .map(([start, rest]) => (start ? [start, ...rest] : rest));

describe("priority provision invariants (R-PRI-1…3)", { timeout: 120_000 }, () => {
  it("nothing is sent unless every agreement and the finder's notice were recorded before it", () => {
    let sent = 0;
    fc.assert(
      fc.property(sequenceArb, (steps) => {
        for (const step of run(steps)) {
          for (const event of step.events) {
            if (event.type !== "priority_provision_sent") continue;
            sent += 1;
            const state = step.before;
            expect(state.finderNotifiedAt).not.toBeNull();
            for (const party of state.parties) {
              const agreement = state.agreements.find((a) => partyKey(a.party) === partyKey(party));
              expect(agreement?.decision).toBe("agree");
              expect(agreement && agreement.at <= event.at).toBe(true);
            }
            expect((state.finderNotifiedAt ?? "") <= event.at).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(sent).toBeGreaterThan(0);
  });

  it("an objection stops the provision for good: no later command moves or sends it", () => {
    let objected = 0;
    fc.assert(
      fc.property(sequenceArb, (steps) => {
        let stopped = false;
        for (const step of run(steps)) {
          if (stopped) {
            expect(step.after.status).toBe("stopped");
            expect(step.events.filter((e) => e.type !== "priority_agreement_recorded")).toEqual([]);
          }
          if (
            step.events.some(
              (e) => e.type === "priority_agreement_recorded" && e.decision === "object",
            )
          ) {
            objected += 1;
            expect(step.after.status).toBe("stopped");
            stopped = true;
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(objected).toBeGreaterThan(0);
  });

  it("no package is readable after the provision ended, stopped or was revoked", () => {
    const seen = { ended: 0, readable: 0 };
    fc.assert(
      fc.property(sequenceArb, (steps) => {
        let over = false;
        for (const step of run(steps)) {
          if (packagesReadable(step.after)) seen.readable += 1;
          if (over) expect(packagesReadable(step.after)).toBe(false);
          if (step.after.status === "ended" || step.after.status === "stopped") {
            over = true;
            seen.ended += 1;
            expect(packagesReadable(step.after)).toBe(false);
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.ended).toBeGreaterThan(0);
    expect(seen.readable).toBeGreaterThan(0);
  });

  it("every status change is a row of the transition table, and a refused or repeated command changes nothing", () => {
    let changes = 0;
    fc.assert(
      fc.property(sequenceArb, (steps) => {
        for (const step of run(steps)) {
          if (step.events.length === 0) expect(step.after).toEqual(step.before);
          for (const event of step.events) {
            if (event.type !== "priority_status_changed") continue;
            changes += 1;
            expect(
              priorityProvisionTransitions.some(
                (t) => t.from === event.from && t.to === event.to && t.on === event.on,
              ),
            ).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(changes).toBeGreaterThan(0);
  });

  it("starts only for a case with a countermeasure that is not public (R-PRI-1)", () => {
    const at = "2026-11-01T00:00:00.000Z";
    const start = (caseFacts: { hasCountermeasure: boolean; isPublic: boolean }) =>
      decidePriorityProvision(
        initialPriorityProvision("pp-1"),
        {
          type: "start_priority_provision",
          commandId: "c-1",
          at,
          actor: { kind: "intake", userId: "desk" },
          caseId: "case-1",
          reason: "Power grids depend on it",
          sectors: ["electricity"],
          recipientOrgIds: ["r-1"],
          caseFacts: { ...caseFacts, affectedVendorOrgIds: ["vendor-a"] },
        },
        DEFAULT_POLICY,
      );
    expect(start({ hasCountermeasure: true, isPublic: false }).ok).toBe(true);
    for (const facts of [
      { hasCountermeasure: false, isPublic: false },
      { hasCountermeasure: true, isPublic: true },
    ]) {
      const decision = start(facts);
      expect(decision.ok ? null : decision.rejection.code).toBe("transition_not_allowed");
    }
  });
});
