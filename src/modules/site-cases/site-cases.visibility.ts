import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";

/** What the visibility rule needs to know of a site case. */
export interface SiteCaseRef {
  /** Null until an operator not in the directory claims the case. */
  operator_organization_id: string | null;
}

/**
 * Which site cases a caller may know exist, written once (R-SEC-6): the intake desk every one;
 * in the operator organization, its admins the organization's cases and its other members the
 * cases they are assigned to; nobody else — not the finder (who follows the report), vendors,
 * the coordinator or other operators. The list's SQL filter (`siteCaseVisibleIn`) and the
 * check of one case (`inSiteCaseScope`) are both read off this scope, so a case is listed
 * exactly when it can be opened.
 */
export type SiteCaseScope =
  | { kind: "every" }
  | { kind: "organization"; organizationId: string }
  | { kind: "assigned"; organizationId: string; userId: string }
  | { kind: "none" };

export function siteCaseScope(actor: Actor): SiteCaseScope {
  if (!isSignedIn(actor)) return { kind: "none" };
  const organization = actor.organization;
  if (organization?.type === "intake") return { kind: "every" };
  if (organization?.type !== "site_operator") return { kind: "none" };
  return actor.role === "admin"
    ? { kind: "organization", organizationId: organization.id }
    : { kind: "assigned", organizationId: organization.id, userId: actor.userId };
}

/** The scope as a condition on `site_cases` rows. */
export function siteCaseVisibleIn(
  scope: SiteCaseScope,
): (eb: ExpressionBuilder<Database, "site_cases">) => Expression<SqlBool> {
  return (eb) => {
    switch (scope.kind) {
      case "every":
        return sql<SqlBool>`1 = 1`;
      case "organization":
        return eb("site_cases.operator_organization_id", "=", scope.organizationId);
      case "assigned":
        return eb.and([
          eb("site_cases.operator_organization_id", "=", scope.organizationId),
          eb.exists(
            eb
              .selectFrom("case_members")
              .select("case_members.user_id")
              .whereRef("case_members.case_id", "=", "site_cases.id")
              .where("case_members.user_id", "=", scope.userId),
          ),
        ]);
      case "none":
        return sql<SqlBool>`1 = 0`;
    }
  };
}

/**
 * The scope as a check of one site case; `assigned` says whether the caller is among the case's
 * members (it matters only for an operator's member who is not an admin).
 */
export function inSiteCaseScope(
  scope: SiteCaseScope,
  siteCase: SiteCaseRef,
  assigned: boolean,
): boolean {
  switch (scope.kind) {
    case "every":
      return true;
    case "organization":
      return siteCase.operator_organization_id === scope.organizationId;
    case "assigned":
      return siteCase.operator_organization_id === scope.organizationId && assigned;
    case "none":
      return false;
  }
}

/** Whether the caller may know the site case exists (see `SiteCaseScope`). */
export function canViewSiteCase(actor: Actor, siteCase: SiteCaseRef, assigned: boolean): boolean {
  return inSiteCaseScope(siteCaseScope(actor), siteCase, assigned);
}
