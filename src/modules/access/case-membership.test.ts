import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import type { UserActor } from "./actor.ts";
import { SYSTEM_ACTOR } from "./actor.ts";
import { assignedCaseIds, isAssignedToCase, setCaseMembers } from "./case-membership.ts";

const PASSWORD = "a long and unusual passphrase";

describe.each(testDatabaseTargets())(
  "case membership inside an organization on $name",
  (target) => {
    let runtime: TestRuntime;
    let admin: UserActor;
    let member: UserActor;
    let colleague: UserActor;
    let outsider: UserActor;
    let vendorId: string;

    async function actorFor(email: string): Promise<UserActor> {
      const token = await runtime.services.accounts.createApiTokenForEmail(
        SYSTEM_ACTOR,
        email,
        "test",
      );
      const actor = await runtime.services.accounts.authenticate(
        { bearer: token },
        { ip: null, userAgent: null },
      );
      if (actor.kind !== "user") throw new Error("not a user");
      return actor;
    }

    beforeAll(async () => {
      runtime = await createTestRuntime(target);
      const { coordinatorOrganizationId } =
        await runtime.services.organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
          intake: "Intake",
          coordinator: "Coordinator",
        });
      const { accounts, organizations } = runtime.services;
      await accounts.createUser(SYSTEM_ACTOR, {
        email: "coordinator@example.jp",
        name: "Coordinator",
        password: PASSWORD,
        organizationId: coordinatorOrganizationId,
        role: "member",
      });
      const coordinator = await actorFor("coordinator@example.jp");
      vendorId = (
        await organizations.create(coordinator, {
          type: "vendor",
          name: "Vendor",
          contactEmail: "psirt@vendor.example",
        })
      ).id;
      const otherVendorId = (
        await organizations.create(coordinator, {
          type: "vendor",
          name: "Other",
          contactEmail: "psirt@other.example",
        })
      ).id;
      for (const [email, organizationId, role] of [
        ["admin@vendor.example", vendorId, "admin"],
        ["member@vendor.example", vendorId, "member"],
        ["colleague@vendor.example", vendorId, "member"],
        ["member@other.example", otherVendorId, "member"],
      ] as const) {
        await accounts.createUser(SYSTEM_ACTOR, {
          email,
          name: email,
          password: PASSWORD,
          organizationId,
          role,
        });
      }
      admin = await actorFor("admin@vendor.example");
      member = await actorFor("member@vendor.example");
      colleague = await actorFor("colleague@vendor.example");
      outsider = await actorFor("member@other.example");
    });
    afterAll(async () => {
      await runtime.close();
    });

    it("shows a case to the members assigned to it and to the organization's admins, not to other members", async () => {
      const db = runtime.database.db;
      const result = await db.transaction().execute((tx) =>
        setCaseMembers(tx, {
          caseId: "case-1",
          organizationId: vendorId,
          userIds: [member.userId],
          assignedBy: admin.userId,
          at: "2026-11-25T00:00:00.000Z",
        }),
      );
      expect(result.unknownUserIds).toEqual([]);
      expect(await isAssignedToCase(db, member, "case-1", [vendorId])).toBe(true);
      expect(await isAssignedToCase(db, admin, "case-1", [vendorId])).toBe(true);
      expect(await isAssignedToCase(db, colleague, "case-1", [vendorId])).toBe(false);
      expect(await isAssignedToCase(db, member, "case-2", [vendorId])).toBe(false);
      // An admin is assigned only to the cases its own organization takes part in.
      expect(await isAssignedToCase(db, admin, "case-1", ["another-organization"])).toBe(false);
      expect(await assignedCaseIds(db, member, ["case-1", "case-2"])).toEqual(new Set(["case-1"]));
      expect(await assignedCaseIds(db, admin, ["case-1", "case-2"])).toEqual(
        new Set(["case-1", "case-2"]),
      );
    });

    it("replaces the assignment as a whole and refuses people from another organization", async () => {
      const db = runtime.database.db;
      await db.transaction().execute((tx) =>
        setCaseMembers(tx, {
          caseId: "case-3",
          organizationId: vendorId,
          userIds: [member.userId],
          assignedBy: admin.userId,
          at: "2026-11-25T00:00:00.000Z",
        }),
      );
      await db.transaction().execute((tx) =>
        setCaseMembers(tx, {
          caseId: "case-3",
          organizationId: vendorId,
          userIds: [colleague.userId],
          assignedBy: admin.userId,
          at: "2026-11-25T00:00:00.000Z",
        }),
      );
      expect(await isAssignedToCase(db, member, "case-3", [vendorId])).toBe(false);
      expect(await isAssignedToCase(db, colleague, "case-3", [vendorId])).toBe(true);

      const refused = await db.transaction().execute((tx) =>
        setCaseMembers(tx, {
          caseId: "case-3",
          organizationId: vendorId,
          userIds: [outsider.userId],
          assignedBy: admin.userId,
          at: "2026-11-25T00:00:00.000Z",
        }),
      );
      expect(refused.unknownUserIds).toEqual([outsider.userId]);
      expect(await isAssignedToCase(db, colleague, "case-3", [vendorId])).toBe(true);
      expect(await isAssignedToCase(db, outsider, "case-3", [vendorId])).toBe(false);
    });

    it("forgets a member's assignments when the member leaves the organization", async () => {
      const db = runtime.database.db;
      await db.transaction().execute((tx) =>
        setCaseMembers(tx, {
          caseId: "case-4",
          organizationId: vendorId,
          userIds: [colleague.userId],
          assignedBy: admin.userId,
          at: "2026-11-25T00:00:00.000Z",
        }),
      );
      await runtime.services.organizations.removeMember(admin, vendorId, colleague.userId);
      const rows = await db
        .selectFrom("case_members")
        .select("case_id")
        .where("user_id", "=", colleague.userId)
        .execute();
      expect(rows).toEqual([]);
    });
  },
);
