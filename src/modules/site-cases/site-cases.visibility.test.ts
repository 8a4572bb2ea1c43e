import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  createTestUser,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { ProblemError } from "../../platform/http/problem.ts";
import { type Actor, anonymous } from "../access/actor.ts";
import { canViewSiteCase } from "./site-cases.visibility.ts";

/** Every kind of caller a site case can meet. */
const VIEWERS = [
  "deskAdmin",
  "deskHandler",
  "deskAnalyst",
  "operatorAdmin",
  "assignedMember",
  "unassignedMember",
  "otherOperator",
  "finder",
  "vendor",
  "coordinator",
  "anonymous",
] as const;
type Viewer = (typeof VIEWERS)[number];

/** Where a case went: the directory's operator (twice), another operator, one nobody claimed yet. */
const CASES = ["operator", "operatorAgain", "otherOperator", "unclaimed"] as const;
type CaseKind = (typeof CASES)[number];

describe.each(testDatabaseTargets())("site case visibility on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  const actors = {} as Record<Viewer, Actor>;
  const cases = {} as Record<CaseKind, { id: string; organizationId: string | null }>;
  let members: { assigned: string; unassigned: string };

  const post = async (user: TestUser, url: string, payload?: Record<string, unknown>) => {
    const response = await app.inject({
      method: "POST",
      url,
      headers: user.bearer,
      remoteAddress: user.ip,
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };

  /** A web report of the finder's, accepted and forwarded by the desk's admin. */
  const forward = async (operator: Record<string, string>) => {
    const filed = await post(cast.users.finder, "/api/v1/reports", {
      kind: "web",
      title: "Stored XSS in the guestbook",
      siteUrl: "https://guestbook.example/",
      description: "The guestbook shows entries unescaped.",
      reproduction: "Write <script>alert(1)</script> as an entry.",
      cwe: "CWE-79",
      consent: { identityToOperator: false, directContact: false },
    });
    await post(cast.users.intakeAdmin, `/api/v1/reports/${filed.id}/accept`);
    const forwarded = await post(
      cast.users.intakeAdmin,
      `/api/v1/reports/${filed.id}/forward`,
      operator,
    );
    return forwarded.siteCaseId as string;
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    const { organizations } = runtime.services;
    const desk = await cast.actorOf(cast.users.intakeMember);
    const other = await organizations.create(desk, {
      type: "site_operator",
      name: "Another Guestbook Operator",
      contactEmail: "web@another-guestbook.example",
    });
    const operatorAdmin = await createTestUser(runtime, {
      email: "admin@guestbook-operator.example",
      organizationId: cast.organizations.siteOperator,
      role: "admin",
    });
    const unassigned = await createTestUser(runtime, {
      email: "member2@guestbook-operator.example",
      organizationId: cast.organizations.siteOperator,
      role: "member",
    });
    const otherAdmin = await createTestUser(runtime, {
      email: "admin@another-guestbook.example",
      organizationId: other.id,
      role: "admin",
    });
    const users: Record<Exclude<Viewer, "anonymous">, TestUser> = {
      deskAdmin: cast.users.intakeAdmin,
      deskHandler: cast.users.intakeMember,
      deskAnalyst: cast.users.analyst,
      operatorAdmin,
      assignedMember: cast.users.siteOperator,
      unassignedMember: unassigned,
      otherOperator: otherAdmin,
      finder: cast.users.finder,
      vendor: cast.users.vendorAAdmin,
      coordinator: cast.users.coordinatorMember,
    };
    for (const [viewer, user] of Object.entries(users))
      actors[viewer as Viewer] = await cast.actorOf(user);
    actors.anonymous = anonymous({ ip: null, userAgent: null });
    members = { assigned: cast.users.siteOperator.userId, unassigned: unassigned.userId };
    cases.operator = {
      id: await forward({ operatorOrganizationId: cast.organizations.siteOperator }),
      organizationId: cast.organizations.siteOperator,
    };
    cases.operatorAgain = {
      id: await forward({ operatorOrganizationId: cast.organizations.siteOperator }),
      organizationId: cast.organizations.siteOperator,
    };
    cases.otherOperator = {
      id: await forward({ operatorOrganizationId: other.id }),
      organizationId: other.id,
    };
    cases.unclaimed = {
      id: await forward({
        operatorName: "Unknown Guestbook",
        operatorContactEmail: "web@unknown-guestbook.example",
      }),
      organizationId: null,
    };
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  /** Whether the call answered, or refused as if the case were not there (or the caller). */
  async function answers(call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      if (error instanceof ProblemError && [401, 403, 404].includes(error.status)) return false;
      throw error;
    }
  }

  async function listed(actor: Actor, id: string): Promise<boolean> {
    const { siteCases } = runtime.services;
    let cursor: string | undefined;
    do {
      const page = await siteCases.list(actor, { limit: 200, ...(cursor ? { cursor } : {}) });
      if (page.items.some((item) => item.id === id)) return true;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return false;
  }

  it("lists a site case to a caller exactly when the caller can open it, whoever it is", async () => {
    const { siteCases } = runtime.services;
    const assignment = fc.subarray(["assigned", "unassigned"] as const);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ operator: assignment, operatorAgain: assignment }),
        async (assignees) => {
          // The operator's admin chooses who of its members sees each case (R-SEC-6).
          for (const caseKind of ["operator", "operatorAgain"] as const) {
            await siteCases.setMembers(
              actors.operatorAdmin,
              cases[caseKind].id,
              assignees[caseKind].map((who) => members[who]),
            );
          }
          for (const viewer of VIEWERS) {
            const actor = actors[viewer];
            for (const caseKind of CASES) {
              const siteCase = cases[caseKind];
              const isListed = await answers(async () => {
                if (!(await listed(actor, siteCase.id)))
                  throw new ProblemError(404, "not_found", "");
              });
              const isReadable = await answers(() => siteCases.get(actor, siteCase.id));
              expect(isListed, `${viewer} on the ${caseKind} case`).toBe(isReadable);
              const mine = caseKind === "operator" || caseKind === "operatorAgain";
              const assigned =
                mine &&
                ((viewer === "assignedMember" && assignees[caseKind].includes("assigned")) ||
                  (viewer === "unassignedMember" && assignees[caseKind].includes("unassigned")));
              const ref = { operator_organization_id: siteCase.organizationId };
              expect(
                canViewSiteCase(actor, ref, assigned),
                `${viewer} on the ${caseKind} case`,
              ).toBe(isReadable);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it("keeps the rule it is written for: the desk every case, the operator its own as assigned", async () => {
    const { siteCases } = runtime.services;
    await siteCases.setMembers(actors.operatorAdmin, cases.operator.id, [members.assigned]);
    const readers = async (caseKind: CaseKind) => {
      const result: Viewer[] = [];
      for (const viewer of VIEWERS)
        if (await answers(() => siteCases.get(actors[viewer], cases[caseKind].id)))
          result.push(viewer);
      return result;
    };
    expect(await readers("operator")).toEqual([
      "deskAdmin",
      "deskHandler",
      "deskAnalyst",
      "operatorAdmin",
      "assignedMember",
    ]);
    expect(await readers("otherOperator")).toEqual([
      "deskAdmin",
      "deskHandler",
      "deskAnalyst",
      "otherOperator",
    ]);
    expect(await readers("unclaimed")).toEqual(["deskAdmin", "deskHandler", "deskAnalyst"]);
  });
});
