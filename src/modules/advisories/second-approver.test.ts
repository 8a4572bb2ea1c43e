import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { type Cast, createCast, signIn } from "../../../test/support/actors.ts";
import {
  advisoryPeople,
  draftFor,
  forwardedCase,
  notifyVendors,
} from "../../../test/support/advisories.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { en } from "../../platform/i18n/en.ts";

describe.each(testDatabaseTargets())("the second approver of an advisory on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  afterEach(async () => {
    await app?.close();
    await runtime?.close();
  });

  async function start(secondApprover: boolean) {
    runtime = await createTestRuntime(target, {
      config: { advisorySecondApprover: secondApprover },
    });
    app = await buildApp(runtime);
    await app.ready();
    const cast = await createCast(runtime);
    const people = await advisoryPeople(runtime, cast);
    const { caseId } = await forwardedCase(runtime, people);
    await notifyVendors(runtime, cast, people, caseId, ["vendorA"]);
    return { cast, people, caseId };
  }

  const approve = (cast: Cast, who: "coordinatorMember" | "coordinatorAdmin", caseId: string) =>
    app.inject({
      method: "POST",
      url: `/api/v1/cases/${caseId}/advisory/approve`,
      headers: cast.users[who].bearer,
      remoteAddress: cast.users[who].ip,
    });
  const save = (cast: Cast, who: "coordinatorMember" | "coordinatorAdmin", caseId: string) =>
    app.inject({
      method: "PUT",
      url: `/api/v1/cases/${caseId}/advisory`,
      headers: cast.users[who].bearer,
      remoteAddress: cast.users[who].ip,
      payload: { ...draftFor(cast), title: `Draft by ${who}` },
    });

  /** The approvals the audit log holds for the case: who approved, whose draft. */
  async function approvals(caseId: string) {
    const rows = await runtime.database.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "outcome", "details"])
      .where("type", "=", "case.advisory_approved")
      .where("subject_id", "=", caseId)
      .orderBy("seq")
      .execute();
    return rows.map((row) => ({
      approver: row.actor_user_id,
      outcome: row.outcome,
      ...(JSON.parse(row.details) as { draftAuthorUserId?: string; secondApprover?: boolean }),
    }));
  }

  it("lets the draft's author approve it when the setting is off (a one-person coordinator)", async () => {
    const { cast, caseId } = await start(false);
    expect((await save(cast, "coordinatorMember", caseId)).statusCode).toBe(200);
    const approved = await approve(cast, "coordinatorMember", caseId);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().advisory.status).toBe("approved");
    expect(await approvals(caseId)).toEqual([
      expect.objectContaining({
        approver: cast.users.coordinatorMember.userId,
        outcome: "ok",
        draftAuthorUserId: cast.users.coordinatorMember.userId,
        secondApprover: false,
      }),
    ]);
  });

  it("answers 409 second_approver_required to the draft's last author when required, and takes another coordinator's approval", async () => {
    const { cast, people, caseId } = await start(true);
    expect((await save(cast, "coordinatorMember", caseId)).statusCode).toBe(200);

    const own = await approve(cast, "coordinatorMember", caseId);
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe("second_approver_required");
    const still = await runtime.services.cases.get(people.coordinator, caseId);
    expect(still.advisory.status).toBe("draft");

    // The page says it in the coordinator's language, beside the draft.
    const page = await signIn(app, runtime, cast.users.coordinatorMember);
    const form = await page.inject({
      method: "GET",
      url: `/cases/${caseId}/advisory`,
      headers: { accept: "text/html" },
    });
    expect(form.body).toContain(en["advisories.draft.secondApproverLead"]);
    const refused = await page.inject({
      method: "POST",
      url: `/cases/${caseId}/advisory/approve`,
      payload: "",
      headers: {
        accept: "text/html",
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain(en["advisories.draft.error.secondApprover"]);

    const other = await approve(cast, "coordinatorAdmin", caseId);
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json().advisory.status).toBe("approved");

    // A changed draft withdraws the approval; its new author may not approve it either.
    const changed = await save(cast, "coordinatorAdmin", caseId);
    expect(changed.json().advisory.status).toBe("draft");
    expect((await approve(cast, "coordinatorAdmin", caseId)).statusCode).toBe(409);
    expect((await approve(cast, "coordinatorMember", caseId)).statusCode).toBe(200);

    expect((await approvals(caseId)).filter((entry) => entry.outcome === "ok")).toEqual([
      expect.objectContaining({
        approver: cast.users.coordinatorAdmin.userId,
        draftAuthorUserId: cast.users.coordinatorMember.userId,
        secondApprover: true,
      }),
      expect.objectContaining({
        approver: cast.users.coordinatorMember.userId,
        draftAuthorUserId: cast.users.coordinatorAdmin.userId,
        secondApprover: true,
      }),
    ]);
  });
});
