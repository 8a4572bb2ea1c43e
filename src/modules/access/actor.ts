import type { MemberRole, OrganizationType } from "../../platform/db/schema.ts";
import type { Language } from "../../platform/i18n/i18n.ts";

/** Where a request came from; recorded with every audit entry. */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

export interface ActorOrganization {
  id: string;
  type: OrganizationType;
  name: string;
}

export interface AnonymousActor {
  kind: "anonymous";
  origin: Origin;
}

export interface UserActor {
  kind: "user";
  userId: string;
  email: string;
  name: string;
  language: Language;
  emailVerified: boolean;
  organization: ActorOrganization | null;
  role: MemberRole | null;
  /**
   * False while a session still owes its second factor (or its enrolment): such a session
   * may only complete it.
   */
  secondFactorDone: boolean;
  via: { kind: "session"; sessionId: string } | { kind: "token"; tokenId: string };
  origin: Origin;
}

/** The operator at the shell (kakehashi commands). */
export interface SystemActor {
  kind: "system";
  origin: Origin;
}

/** Built once per request and passed as the first argument of every service call. */
export type Actor = AnonymousActor | UserActor | SystemActor;

export const SYSTEM_ACTOR: SystemActor = {
  kind: "system",
  origin: { ip: null, userAgent: "kakehashi-cli" },
};

export function anonymous(origin: Origin): AnonymousActor {
  return { kind: "anonymous", origin };
}

/** A signed-in user who has completed the second factor where one is owed. */
export function isSignedIn(actor: Actor): actor is UserActor {
  return actor.kind === "user" && actor.secondFactorDone;
}

/** Members of the intake desk or the coordinator. */
export function isStaff(actor: Actor): actor is UserActor & { organization: ActorOrganization } {
  return (
    isSignedIn(actor) &&
    (actor.organization?.type === "intake" || actor.organization?.type === "coordinator")
  );
}
