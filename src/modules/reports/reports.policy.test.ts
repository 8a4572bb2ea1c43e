import { describe, expect, it } from "vitest";
import type { Actor, UserActor } from "../access/actor.ts";
import { canReadReportContent, isIntakeStaff } from "./reports.policy.ts";
import { canViewReport } from "./reports.visibility.ts";

const origin = { ip: null, userAgent: null };
function user(
  userId: string,
  organization: UserActor["organization"],
  role: UserActor["role"],
): UserActor {
  return {
    kind: "user",
    userId,
    email: `${userId}@example.jp`,
    name: userId,
    language: "ja",
    emailVerified: true,
    organization,
    role,
    secondFactorDone: true,
    via: { kind: "token", tokenId: "t" },
    origin,
  };
}

const intake = { id: "intake", type: "intake" as const, name: "Desk" };
const coordinator = { id: "coord", type: "coordinator" as const, name: "Coordinator" };
const finder = user("finder", null, null);
const otherFinder = user("other", null, null);
const deskMember = user("member", intake, "member");
const deskAdmin = user("admin", intake, "admin");
const analyst = user("analyst", intake, "analyst");
const coordinatorAdmin = user("coord-admin", coordinator, "admin");
const anonymous: Actor = { kind: "anonymous", origin };
const report = { finder_user_id: "finder", assignee_user_id: null };

describe("report policy", () => {
  it("lets the finder and the desk see a report, and nobody else", () => {
    expect(
      [finder, deskMember, deskAdmin, analyst].every((actor) => canViewReport(actor, report)),
    ).toBe(true);
    expect(
      [otherFinder, coordinatorAdmin, anonymous].some((actor) => canViewReport(actor, report)),
    ).toBe(false);
  });

  it("gives the content to the finder, the assignee and the desk's admins only", () => {
    expect(canReadReportContent(finder, report)).toBe(true);
    expect(canReadReportContent(deskAdmin, report)).toBe(true);
    expect(canReadReportContent(deskMember, report)).toBe(false);
    expect(canReadReportContent(deskMember, { ...report, assignee_user_id: "member" })).toBe(true);
    expect(canReadReportContent(analyst, report)).toBe(false);
    expect(canReadReportContent(coordinatorAdmin, report)).toBe(false);
  });

  it("does not count a session that owes its second factor", () => {
    const pending = { ...deskAdmin, secondFactorDone: false };
    expect(isIntakeStaff(pending)).toBe(false);
    expect(canReadReportContent(pending, report)).toBe(false);
  });
});
