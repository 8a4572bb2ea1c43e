import type { MemberRole, OrganizationType } from "../../platform/db/schema.ts";
import { type Actor, isSignedIn } from "./actor.ts";

/**
 * What a member may do because of the organization type and role alone. Record-level rules
 * (own organization, assigned case, own report) live in each module's policy.
 */
export type Capability =
  | "directory.read"
  | "directory.create.vendor"
  | "directory.create.csirt"
  | "directory.create.site_operator"
  | "directory.create.priority_recipient"
  | "directory.create.analysis_org"
  | "directory.record_nda"
  | "audit.read";

const coordinatorStaff: Capability[] = [
  "directory.read",
  "directory.create.vendor",
  "directory.create.csirt",
  "directory.record_nda",
];
const intakeStaff: Capability[] = [
  "directory.read",
  "directory.create.site_operator",
  "directory.create.priority_recipient",
  "directory.create.analysis_org",
];

/** Every organization type and role has an entry; a new role must be given one. */
export const CAPABILITIES: Record<
  OrganizationType,
  Partial<Record<MemberRole, readonly Capability[]>>
> = {
  intake: {
    admin: [...intakeStaff, "audit.read"],
    member: intakeStaff,
    analyst: ["directory.read"],
  },
  coordinator: {
    admin: [...coordinatorStaff, "audit.read"],
    member: coordinatorStaff,
  },
  vendor: { admin: [], member: [] },
  site_operator: { admin: [], member: [] },
  csirt: { admin: [], member: [] },
  priority_recipient: { admin: [], member: [] },
  analysis_org: { admin: [], member: [] },
};

/** Which roles an organization type has (analyst exists only at the intake desk). */
export function rolesOf(type: OrganizationType): MemberRole[] {
  return Object.keys(CAPABILITIES[type]) as MemberRole[];
}

export function can(actor: Actor, capability: Capability): boolean {
  if (!isSignedIn(actor) || !actor.organization || !actor.role) return false;
  return CAPABILITIES[actor.organization.type][actor.role]?.includes(capability) ?? false;
}

/** The capability that lets staff create (and administer) organizations of a type, if any. */
export function createCapabilityFor(type: OrganizationType): Capability | null {
  switch (type) {
    case "vendor":
      return "directory.create.vendor";
    case "csirt":
      return "directory.create.csirt";
    case "site_operator":
      return "directory.create.site_operator";
    case "priority_recipient":
      return "directory.create.priority_recipient";
    case "analysis_org":
      return "directory.create.analysis_org";
    default:
      return null;
  }
}
