import { describe, expect, it } from "vitest";
import type { Actor, UserActor } from "../access/actor.ts";
import {
  analystMayReadReport,
  canActAsDesk,
  canActAsOperator,
  canAssignMembers,
  canClaimForOrganization,
  canViewSiteCase,
  deskMayReadConfidential,
} from "./site-cases.policy.ts";

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
const shop = { id: "shop", type: "site_operator" as const, name: "Shop" };
const bakery = { id: "bakery", type: "site_operator" as const, name: "Bakery" };
const vendor = { id: "vendor", type: "vendor" as const, name: "Vendor" };
const deskMember = user("desk-member", intake, "member");
const deskAdmin = user("desk-admin", intake, "admin");
const analyst = user("analyst", intake, "analyst");
const shopAdmin = user("shop-admin", shop, "admin");
const shopMember = user("shop-member", shop, "member");
const bakeryAdmin = user("bakery-admin", bakery, "admin");
const vendorAdmin = user("vendor-admin", vendor, "admin");
const finder = user("finder", null, null);
const anonymous: Actor = { kind: "anonymous", origin };
const siteCase = { operator_organization_id: "shop" };
const unclaimed = { operator_organization_id: null };
const report = { finder_user_id: "finder", assignee_user_id: "desk-member" };

describe("site case policy", () => {
  it("lets the desk, the operator's admins and its assigned members see a case, and nobody else", () => {
    for (const actor of [deskMember, deskAdmin, analyst, shopAdmin])
      expect(canViewSiteCase(actor, siteCase, false)).toBe(true);
    expect(canViewSiteCase(shopMember, siteCase, true)).toBe(true);
    expect(canViewSiteCase(shopMember, siteCase, false)).toBe(false);
    for (const actor of [bakeryAdmin, vendorAdmin, finder, anonymous])
      expect(canViewSiteCase(actor, siteCase, true)).toBe(false);
    // Before a claim, only the desk knows the case.
    expect(canViewSiteCase(shopAdmin, unclaimed, true)).toBe(false);
    expect(canViewSiteCase(deskMember, unclaimed, false)).toBe(true);
  });

  it("keeps the operator's actions to the operator and the desk's to the desk", () => {
    expect(canActAsOperator(shopAdmin, siteCase, false)).toBe(true);
    expect(canActAsOperator(shopMember, siteCase, true)).toBe(true);
    expect(canActAsOperator(deskAdmin, siteCase, false)).toBe(false);
    expect(canActAsOperator(bakeryAdmin, siteCase, true)).toBe(false);
    expect(canActAsDesk(deskMember)).toBe(true);
    expect(canActAsDesk(shopAdmin)).toBe(false);
  });

  it("gives the desk the confidential side only with the report (its assignee, an admin)", () => {
    expect(deskMayReadConfidential(deskMember, report)).toBe(true);
    expect(deskMayReadConfidential(deskAdmin, report)).toBe(true);
    expect(deskMayReadConfidential(analyst, report)).toBe(false);
    expect(deskMayReadConfidential(user("other-desk", intake, "member"), report)).toBe(false);
    // The finder reads the report, but not through the site case.
    expect(deskMayReadConfidential(finder, report)).toBe(false);
  });

  it("lets an analyst read the report's text only once the operator granted an analysis (R-WEB-3)", () => {
    expect(analystMayReadReport(analyst, false)).toBe(false);
    expect(analystMayReadReport(analyst, true)).toBe(true);
    expect(analystMayReadReport(deskMember, true)).toBe(false);
    expect(analystMayReadReport(shopAdmin, true)).toBe(false);
  });

  it("lets only the operator's admin assign members, and only site operator admins claim for an organization", () => {
    expect(canAssignMembers(shopAdmin, siteCase)).toBe(true);
    expect(canAssignMembers(shopMember, siteCase)).toBe(false);
    expect(canAssignMembers(bakeryAdmin, siteCase)).toBe(false);
    expect(canClaimForOrganization(bakeryAdmin)).toBe(true);
    for (const actor of [shopMember, deskAdmin, vendorAdmin, finder, anonymous])
      expect(canClaimForOrganization(actor)).toBe(false);
  });
});
