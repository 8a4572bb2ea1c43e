/**
 * The kinds of event a person may be told of, in one place: each with its label and the
 * organization types (or finders) it concerns. A user chooses per kind how to hear of it
 * (immediately, in the daily digest, or not at all); without a choice the kind's default for the
 * user's role applies. Adding a kind: an entry here and its label in both notification catalogs.
 */
import type { OrganizationType } from "../../platform/db/schema.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";

export const DELIVERIES = ["immediate", "digest", "none"] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** Who a kind concerns: the members of an organization type, or finders (people without one). */
export type Audience = OrganizationType | "finder";

interface KindSpec {
  label: MessageKey;
  audiences: readonly Audience[];
  /** Defaults per audience where it is not immediate. */
  defaults?: Partial<Record<Audience, Delivery>>;
}

const CASE_PARTIES = ["vendor", "csirt", "priority_recipient"] as const;

export const NOTIFICATION_KINDS = {
  // The intake desk's new work.
  report_submitted: {
    label: "notifications.kind.report_submitted",
    audiences: ["intake"],
  },
  report_answered: {
    label: "notifications.kind.report_answered",
    audiences: ["intake"],
  },
  finder_message: {
    label: "notifications.kind.finder_message",
    audiences: ["intake"],
  },
  site_case_news: {
    label: "notifications.kind.site_case_news",
    audiences: ["intake", "site_operator"],
  },
  // The intake desk's analysis tasks (R-ANA-1): the analyst's new task, the desk's results.
  analysis_task_assigned: {
    label: "notifications.kind.analysis_task_assigned",
    audiences: ["intake"],
  },
  analysis_finding_added: {
    label: "notifications.kind.analysis_finding_added",
    audiences: ["intake"],
  },
  analysis_task_completed: {
    label: "notifications.kind.analysis_task_completed",
    audiences: ["intake"],
  },
  // A vendor's people hear that the desk's analysis results were relayed to their case.
  analysis_task_overdue: {
    label: "notifications.kind.analysis_task_overdue",
    audiences: ["intake"],
  },
  analysis_finding_relayed: {
    label: "notifications.kind.analysis_finding_relayed",
    audiences: ["vendor"],
  },
  // The coordinator's new work.
  case_opened: {
    label: "notifications.kind.case_opened",
    audiences: ["coordinator"],
  },
  vendor_acknowledged: {
    label: "notifications.kind.vendor_acknowledged",
    audiences: ["coordinator"],
  },
  vendor_status: {
    label: "notifications.kind.vendor_status",
    audiences: ["coordinator"],
  },
  vendor_countermeasure: {
    label: "notifications.kind.vendor_countermeasure",
    audiences: ["coordinator"],
  },
  case_attention: {
    label: "notifications.kind.case_attention",
    audiences: ["coordinator"],
  },
  // Everyone taking part in a case.
  case_message: {
    label: "notifications.kind.case_message",
    audiences: ["coordinator", "intake", ...CASE_PARTIES],
  },
  case_news: {
    label: "notifications.kind.case_news",
    audiences: CASE_PARTIES,
  },
  advisory_published: {
    label: "notifications.kind.advisory_published",
    audiences: ["coordinator", "intake", ...CASE_PARTIES],
  },
  // Outside analysis (R-ANA-2): a share starts, is revoked; the coordinator hears its case was shared.
  analysis_share: {
    label: "notifications.kind.analysis_share",
    audiences: ["coordinator", "analysis_org", "site_operator"],
  },
  // Priority provision (R-PRI-2, R-PRI-3): agreements asked and answered, packages delivered.
  priority_provision: {
    label: "notifications.kind.priority_provision",
    audiences: ["intake", "coordinator", "vendor", "priority_recipient"],
  },
  // A finder's own reports (anyone may file one).
  report_progress: {
    label: "notifications.kind.report_progress",
    audiences: ["finder"],
  },
  report_requests: {
    label: "notifications.kind.report_requests",
    audiences: ["finder"],
  },
} as const satisfies Record<string, KindSpec>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as [
  NotificationKind,
  ...NotificationKind[],
];

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}

/**
 * The kinds a user chooses for: those of their organization's type, and a finder's (anyone may
 * file a report).
 */
export function kindsFor(organizationType: OrganizationType | null): NotificationKind[] {
  return KIND_NAMES.filter((kind) => {
    const audiences: readonly Audience[] = NOTIFICATION_KINDS[kind].audiences;
    return (
      audiences.includes("finder") ||
      (organizationType !== null && audiences.includes(organizationType))
    );
  });
}

/**
 * Without a choice: staff hear of new work at once, and everyone else gets what they got before
 * preferences existed — at once.
 */
export function defaultDelivery(
  kind: NotificationKind,
  organizationType: OrganizationType | null,
): Delivery {
  const spec: KindSpec = NOTIFICATION_KINDS[kind];
  return spec.defaults?.[organizationType ?? "finder"] ?? "immediate";
}
