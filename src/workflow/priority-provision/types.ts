/**
 * Priority provision (優先情報提供, SPEC R-PRI-1…5): pre-publication material of a product case
 * sent to chosen government bodies and infrastructure operators. Its vocabulary: statuses, the
 * parties whose agreement it needs, its state, commands, events and transition table.
 */
import type { CommandBase, EventMeta, Instant, StateBase } from "../common.ts";
import { edges, type TransitionTable } from "../transitions.ts";

export const PRIORITY_STATUSES = ["consulting", "ready", "sent", "ended", "stopped"] as const;
export type PriorityStatus = (typeof PRIORITY_STATUSES)[number];
/** While these hold, the provision is not over. */
export const OPEN_PRIORITY_STATUSES = ["consulting", "ready", "sent"] as const;

export const PACKAGE_KINDS = [
  "summary",
  "countermeasure",
  "beta_patch",
  "preparation_request",
] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];

export const AGREEMENT_DECISIONS = ["agree", "object"] as const;
export type AgreementDecision = (typeof AGREEMENT_DECISIONS)[number];

/** Whose agreement the desk records before sending (R-PRI-2). */
export type PriorityParty = { kind: "coordinator" } | { kind: "vendor"; orgId: string };

export function partyKey(party: PriorityParty): string {
  return party.kind === "vendor" ? `vendor:${party.orgId}` : "coordinator";
}

export interface Agreement {
  party: PriorityParty;
  decision: AgreementDecision;
  reason: string | null;
  at: Instant;
}

export interface PriorityProvisionState extends StateBase {
  status: PriorityStatus | null;
  caseId: string | null;
  reason: string | null;
  sectors: string[];
  recipientOrgIds: string[];
  parties: PriorityParty[];
  agreements: Agreement[];
  finderNotifiedAt: Instant | null;
  packages: { id: string; kind: PackageKind; at: Instant }[];
  startedAt: Instant | null;
  sentAt: Instant | null;
  /** When access ended: revoked, or the case was published. */
  endedAt: Instant | null;
  endReason: "revoked" | "case_published" | null;
  stoppedAt: Instant | null;
}

type C<T extends string, P = unknown> = CommandBase & { type: T } & P;

export type PriorityProvisionCommand =
  | C<
      "start_priority_provision",
      {
        caseId: string;
        reason: string;
        sectors: string[];
        recipientOrgIds: string[];
        /** What the case says at the start (the service reads it; R-PRI-1). */
        caseFacts: {
          hasCountermeasure: boolean;
          isPublic: boolean;
          affectedVendorOrgIds: string[];
        };
      }
    >
  | C<"record_agreement", { decision: AgreementDecision; reason?: string | null }>
  | C<"record_finder_notice">
  | C<"add_package", { packageId: string; kind: PackageKind }>
  | C<"send_priority_provision">
  | C<"revoke_priority_provision", { reason?: string | null }>
  | C<"end_priority_provision">;

export type PriorityProvisionCommandType = PriorityProvisionCommand["type"];

type E<T extends string, P = unknown> = EventMeta & { type: T } & P;

export type PriorityProvisionEvent =
  | E<
      "priority_provision_started",
      {
        caseId: string;
        reason: string;
        sectors: string[];
        recipientOrgIds: string[];
        parties: PriorityParty[];
      }
    >
  | E<"priority_status_changed", { from: PriorityStatus | null; to: PriorityStatus; on: string }>
  | E<
      "priority_agreement_recorded",
      { party: PriorityParty; decision: AgreementDecision; reason: string | null }
    >
  | E<"priority_agreement_asked", { parties: PriorityParty[] }>
  | E<"priority_finder_notified">
  | E<"priority_package_added", { packageId: string; kind: PackageKind }>
  | E<"priority_provision_sent", { recipientOrgIds: string[]; sectors: string[] }>
  | E<"priority_access_ended", { reason: "revoked" | "case_published" }>
  | E<"priority_provision_stopped", { reason: string }>;

export const priorityProvisionTransitions: TransitionTable<PriorityStatus> = [
  { from: null, to: "consulting", on: "start_priority_provision" },
  { from: "consulting", to: "ready", on: "all_agreed" },
  { from: "consulting", to: "stopped", on: "record_agreement (object)" },
  { from: "ready", to: "sent", on: "send_priority_provision" },
  ...edges<PriorityStatus>(["consulting", "ready"], "revoke_priority_provision", ["stopped"]),
  { from: "sent", to: "ended", on: "revoke_priority_provision" },
  ...edges<PriorityStatus>(["consulting", "ready", "sent"], "end_priority_provision", ["ended"]),
];
