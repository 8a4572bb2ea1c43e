/**
 * Visibility written once (cases.visibility.ts): for every kind of caller, a case is in its list
 * exactly when it can open the case. Cases of every source are opened and moved — vendors added
 * and notified, members assigned, CSIRTs referred, a CSIRT's case kept from the desk or shared —
 * so the property meets every reason a caller may or may not see one.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTOR_KINDS, type Cast, createCast, USER_KINDS } from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { allListedIds, opens } from "../../../test/support/visibility.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import { type Actor, anonymous, type UserActor } from "../access/actor.ts";
import { setCaseMembers } from "../access/case-membership.ts";
import type { CasesService } from "./cases.service.ts";

const NDA = { signedAt: "2026-01-15T00:00:00.000Z", version: "2026-01" };
const DAY = 24 * 60 * 60 * 1000;

/** What is done to a case after it opens; each step may not apply to every case (then skipped). */
const STEPS = [
  "addVendorA",
  "notifyVendorA",
  "addVendorB",
  "notifyVendorB",
  "assignVendorBMember",
  "referToCsirt",
  "removeVendorB",
] as const;
type Step = (typeof STEPS)[number];
const SOURCES = ["report", "csirtShared", "csirtPrivate", "selfReport"] as const;
type Source = (typeof SOURCES)[number];

describe.each(testDatabaseTargets())("case visibility on $name", (target) => {
  let runtime: TestRuntime;
  let cast: Cast;
  let cases: CasesService;
  const viewers = new Map<string, Actor>();
  const actor = (kind: string) => viewers.get(kind) as UserActor;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    cast = await createCast(runtime);
    cases = runtime.services.cases;
    for (const kind of USER_KINDS) viewers.set(kind, await cast.actorOf(cast.users[kind]));
    viewers.set("anonymous", anonymous({ ip: null, userAgent: null }));
    for (const orgId of [cast.organizations.vendorA, cast.organizations.vendorB]) {
      await runtime.services.organizations.recordNda(actor("coordinatorMember"), orgId, NDA);
    }
  });
  afterAll(async () => {
    await runtime?.close();
  });

  let count = 0;
  async function open(source: Source): Promise<string> {
    count += 1;
    const publishAt = new Date(runtime.clock.now().getTime() + 60 * DAY).toISOString();
    if (source === "report") {
      const { reports } = runtime.services;
      const desk = actor("intakeAdmin");
      const { id } = await reports.submit(actor("finder"), {
        kind: "product",
        title: `Case ${count}`,
        productName: "Router A100",
        productVersion: "1.0",
        description: "Stored XSS.",
        reproduction: "Name a device <script>.",
        consent: {
          identityToCoordinator: false,
          identityToVendor: false,
          directContact: false,
          credit: null,
        },
      });
      await reports.accept(desk, id);
      const { caseId } = await reports.forward(desk, id, {});
      if (!caseId) throw new Error("the forward opened no case");
      return caseId;
    }
    if (source === "selfReport") {
      return (
        await cases.open(actor("vendorAMember"), {
          title: `Self-report ${count}`,
          description: "Our own finding.",
          countermeasures: [{ type: "fix", description: "Update to 1.1." }],
          proposedPublishAt: publishAt,
        })
      ).id;
    }
    return (
      await cases.open(actor("csirt"), {
        title: `CSIRT case ${count}`,
        description: "Reported to us abroad.",
        vendorNames: ["Vendor A"],
        publishAt,
        shareWithIntake: source === "csirtShared",
      })
    ).id;
  }

  /** Runs a step; a refusal on the merits (the case is not in a state for it) is skipped. */
  async function apply(caseId: string, step: Step) {
    const coordinator = actor("coordinatorMember");
    try {
      switch (step) {
        case "addVendorA":
          return await cases.addVendor(coordinator, caseId, {
            organizationId: cast.organizations.vendorA,
          });
        case "notifyVendorA":
          return await cases.notifyVendor(coordinator, caseId, {
            orgId: cast.organizations.vendorA,
          });
        case "addVendorB":
          return await cases.addVendor(coordinator, caseId, {
            organizationId: cast.organizations.vendorB,
          });
        case "notifyVendorB":
          return await cases.notifyVendor(coordinator, caseId, {
            orgId: cast.organizations.vendorB,
          });
        case "assignVendorBMember": {
          // Vendor B's admin would choose; here the assignment is written as its form writes it.
          return await runtime.database.db.transaction().execute((tx) =>
            setCaseMembers(tx, {
              caseId,
              organizationId: cast.organizations.vendorB,
              userIds: [cast.users.vendorBMember.userId],
              assignedBy: coordinator.userId,
              at: runtime.clock.now().toISOString(),
            }),
          );
        }
        case "referToCsirt":
          return await cases.referToCsirt(coordinator, caseId, {
            csirtOrganizationId: cast.organizations.csirt,
            note: "Coordinate abroad.",
          });
        case "removeVendorB":
          return await cases.removeVendor(coordinator, caseId, {
            orgId: cast.organizations.vendorB,
            reason: "Not their product.",
          });
      }
    } catch (error) {
      if (error instanceof ProblemError && [403, 409, 422].includes(error.status)) return;
      throw error;
    }
  }

  const listed = (caller: Actor) =>
    allListedIds((cursor) => cases.list(caller, { limit: 200, ...(cursor ? { cursor } : {}) }));
  const readable = (caller: Actor, id: string) => opens(() => cases.get(caller, id));

  it("lists a case to a caller exactly when the caller can open it", async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        // One case of every source each run (fast-check favours a list's first values), each
        // moved by its own steps.
        fc.tuple(...SOURCES.map(() => fc.array(fc.constantFrom(...STEPS), { maxLength: 5 }))),
        async (stepsPerSource) => {
          for (const [index, source] of SOURCES.entries()) {
            const caseId = await open(source);
            for (const step of stepsPerSource[index] ?? []) await apply(caseId, step);
          }
          const all = await runtime.database.db.selectFrom("cases").select("id").execute();
          for (const [kind, caller] of viewers) {
            const list = await listed(caller);
            for (const { id } of all) {
              const opens = await readable(caller, id);
              expect({ kind, id, listed: list.has(id) }).toEqual({ kind, id, listed: opens });
              if (opens) seen.set(kind, (seen.get(kind) ?? 0) + 1);
            }
          }
        },
      ),
      { numRuns: 8 },
    );
    // The runs met cases each kind of participant may see, and the desk kept out of one.
    for (const kind of ["coordinatorMember", "intakeMember", "vendorAAdmin", "csirt"]) {
      expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
    expect(seen.get("finder") ?? 0).toBe(0);
  });

  it("covers every kind of caller", () => {
    expect([...viewers.keys()].sort()).toEqual([...ACTOR_KINDS].sort());
  });
});
