import type { OrganizationType } from "../../platform/db/schema.ts";
import type { UserActor } from "./actor.ts";

/**
 * Where each kind of organization's work is. Every type has an entry, so a new type must be
 * given a landing page. Priority recipients have no case list: they read advisories; an analysis
 * organization reads the cases shared with it.
 */
const LANDING_BY_ORGANIZATION: Record<OrganizationType, string> = {
  intake: "/reports",
  coordinator: "/cases",
  vendor: "/cases",
  csirt: "/cases",
  site_operator: "/site-cases",
  priority_recipient: "/advisories",
  analysis_org: "/analysis-shares",
};

/**
 * The page a user starts on after signing in: the desk's queue, the coordinator's and vendors'
 * cases, an operator's site cases, a finder's own reports.
 */
export function landingPath(
  actor: Pick<UserActor, "organization"> & { role?: UserActor["role"] },
): string {
  // The desk's analysts work from their own queue of analysis tasks (R-ANA-1).
  if (actor.organization?.type === "intake" && actor.role === "analyst") return "/analysis-tasks";
  return actor.organization ? LANDING_BY_ORGANIZATION[actor.organization.type] : "/reports";
}

/** Where to go once signed in: the page asked for (already checked to be local), else the landing page. */
export function onwardPath(
  actor: Pick<UserActor, "organization"> & { role?: UserActor["role"] },
  next: string | null,
): string {
  return next ?? landingPath(actor);
}
