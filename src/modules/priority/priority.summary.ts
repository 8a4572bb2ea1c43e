/**
 * What the case page and the finder's report page show of a case's priority provisions
 * (R-PRI-5): for the desk and the coordinator each provision's state; for a party whose
 * agreement is asked, that it is; after publication, for the finder and the vendors, when each
 * went out and to which sectors. Built from `ofCase`, which already decides who sees what.
 */
import type { PriorityStatus } from "../../workflow/priority-provision/index.ts";
import { type Actor, isStaff } from "../access/actor.ts";
import { isDeskStaff } from "../reports/reports.policy.ts";
import type { CaseProvisionItem } from "./priority.schemas.ts";

/** One provision as the staff's short section shows it. */
export interface ProvisionState {
  id: string;
  status: PriorityStatus;
  sectors: string[];
  startedAt: string;
  sentAt: string | null;
  /** Agreements recorded (agree or object) out of the parties asked. */
  answered: number;
  parties: number;
  finderNotified: boolean;
}

export interface PrioritySummary {
  caseId: string;
  /** The desk and the coordinator: every provision's state (null for anyone else). */
  staff: { desk: boolean; provisions: ProvisionState[] } | null;
  /** After publication: each provision that went out, when and to which sectors. */
  sent: { sentAt: string; sectors: string[] }[];
  /** Before publication: the provisions whose agreement this caller is asked for. */
  agreementAsked: string[];
}

export function summarize(
  actor: Actor,
  caseId: string,
  items: CaseProvisionItem[],
): PrioritySummary {
  const staff = isStaff(actor)
    ? {
        desk: isDeskStaff(actor),
        provisions: items.flatMap((item) => {
          const p = item.provision;
          if (!p) return [];
          return [
            {
              id: p.id,
              status: p.status,
              sectors: p.sectors,
              startedAt: p.startedAt,
              sentAt: p.sentAt,
              answered: p.agreements.filter((a) => a.decision !== null).length,
              parties: p.agreements.length,
              finderNotified: p.finderNotifiedAt !== null,
            },
          ];
        }),
      }
    : null;
  // After publication the finder's and the vendors' items carry no id: only when and where.
  const sent = items.flatMap((item) =>
    item.id === undefined && item.sentAt ? [{ sentAt: item.sentAt, sectors: item.sectors }] : [],
  );
  // `ownAnswer` is present only for a party asked (the coordinator, a consulted vendor).
  const agreementAsked = items.flatMap((item) =>
    item.id !== undefined && "ownAnswer" in item && item.status === "consulting" && !item.ownAnswer
      ? [item.id]
      : [],
  );
  return { caseId, staff, sent, agreementAsked };
}
