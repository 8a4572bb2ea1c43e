import type { OrganizationType } from "../../platform/db/schema.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import { can, createCapabilityFor } from "../access/capabilities.ts";
import type { UpdateOrganizationInput } from "./organizations.schemas.ts";

interface OrganizationRef {
  id: string;
  type: OrganizationType;
}

/**
 * Fields an organization's own admin keeps current (R-COO-14); staff may change every field.
 * Not domains: the desk finds a site's operator by domain (R-WEB-1), so only staff set them.
 */
export const OWN_ADMIN_FIELDS: readonly (keyof UpdateOrganizationInput)[] = [
  "contactEmail",
  "contactEmails",
  "pgpPublicKey",
  "products",
  "keywords",
];

export function isOwnOrganization(actor: Actor, organization: { id: string }): boolean {
  return isSignedIn(actor) && actor.organization?.id === organization.id;
}

export function isOwnAdmin(actor: Actor, organization: { id: string }): boolean {
  return isOwnOrganization(actor, organization) && actor.kind === "user" && actor.role === "admin";
}

/** Staff who may create organizations of this type also administer them. */
export function administersType(actor: Actor, type: OrganizationType): boolean {
  const capability = createCapabilityFor(type);
  return capability !== null && can(actor, capability);
}

export function canCreateOrganization(actor: Actor, type: OrganizationType): boolean {
  return administersType(actor, type);
}

export function canReadOrganization(actor: Actor, organization: OrganizationRef): boolean {
  return can(actor, "directory.read") || isOwnOrganization(actor, organization);
}

export function canUpdateOrganization(
  actor: Actor,
  organization: OrganizationRef,
  fields: string[],
): boolean {
  if (administersType(actor, organization.type)) return true;
  return (
    isOwnAdmin(actor, organization) &&
    fields.every((field) => OWN_ADMIN_FIELDS.includes(field as keyof UpdateOrganizationInput))
  );
}

export function canManageMembers(actor: Actor, organization: OrganizationRef): boolean {
  return administersType(actor, organization.type) || isOwnAdmin(actor, organization);
}

export function canListMembers(actor: Actor, organization: OrganizationRef): boolean {
  return can(actor, "directory.read") || isOwnOrganization(actor, organization);
}

export function canReadChanges(actor: Actor, organization: OrganizationRef): boolean {
  return can(actor, "directory.read") || isOwnAdmin(actor, organization);
}

export function canRecordNda(actor: Actor): boolean {
  return can(actor, "directory.record_nda");
}
