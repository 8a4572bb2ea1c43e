/**
 * Which workflow events become webhook events, for which organizations, with what data. Pure.
 *
 * An organization is a candidate only when the workflow put it in the event's audience (the
 * machines decide who an event reaches, W-4), and it receives the event only when it may also
 * see the case now: a vendor notified under its NDA, a CSIRT that opened the case or was
 * referred to it, the operator organization of a site case. The data is what that
 * organization's members see on the case's page anyway — identifiers, states, dates, enum
 * reasons — never free text (report, messages, notes, reasons), never another organization.
 */

import { participant } from "../../workflow/case/queries.ts";
import type { CaseEvent, CaseState } from "../../workflow/case/types.ts";
import type { Recipient } from "../../workflow/common.ts";
import type { SiteCaseEvent, SiteCaseState } from "../../workflow/site-case/types.ts";
import type { WebhookEventType } from "./webhooks.schemas.ts";

export interface WebhookEvent {
  type: WebhookEventType;
  organizationId: string;
  occurredAt: string;
  /** Event-specific fields, besides the case's identity and state. */
  data: Record<string, string | number | null>;
}

function organizationsIn(audience: readonly Recipient[]): string[] {
  const ids = new Set<string>();
  for (const recipient of audience) {
    if (
      (recipient.kind === "vendor" || recipient.kind === "csirt") &&
      typeof recipient.orgId === "string"
    ) {
      ids.add(recipient.orgId);
    } else if (recipient.kind === "site_operator" && recipient.orgId) {
      ids.add(recipient.orgId);
    }
  }
  return [...ids];
}

/** Whether the organization may see the product case in this state (cases.visibility.ts). */
export function organizationSeesCase(state: CaseState, organizationId: string): boolean {
  const own = participant(state, organizationId);
  if (own && own.status !== "identified" && own.nda !== null) return true;
  if (state.source?.kind === "csirt" && state.source.csirtOrgId === organizationId) return true;
  return state.referrals.some((referral) => referral.csirtOrgId === organizationId);
}

export function organizationSeesSiteCase(state: SiteCaseState, organizationId: string): boolean {
  return state.operator?.orgId === organizationId;
}

type CaseMapping = {
  type: WebhookEventType;
  data: Record<string, string | number | null>;
  /** Only these organizations of the audience (the event is about one of them). */
  only?: string;
} | null;

function caseMapping(event: CaseEvent, state: CaseState): CaseMapping {
  switch (event.type) {
    case "participant_notified":
      return { type: "case.notified", data: { notifiedAt: event.at }, only: event.orgId };
    case "referred_to_csirt":
      return { type: "case.notified", data: { notifiedAt: event.at }, only: event.csirtOrgId };
    case "message_posted":
      return { type: "case.message_posted", data: { messageId: event.messageId } };
    case "schedule_set":
      return {
        type: "case.schedule_changed",
        data: {
          revision: event.revision,
          publishAt: event.new.publishAt,
          countermeasureDue: event.new.countermeasureDue,
        },
      };
    case "schedule_request_decided":
      return {
        type: "case.schedule_request_decided",
        data: { requestId: event.requestId, decision: event.decision },
        only: event.orgId,
      };
    case "participant_reminder_due":
      return {
        type: "case.reminder",
        data: { reminder: event.ladder, step: event.step },
        only: event.orgId,
      };
    case "embargo_terminated":
      return { type: "case.embargo_terminated", data: { reason: event.reason } };
    case "case_published":
      return {
        type: "case.published",
        data: { publishedAt: state.publication?.publishedAt ?? event.at },
      };
    case "case_closed":
      return { type: "case.closed", data: { reason: event.reason } };
    default:
      return null;
  }
}

export function caseWebhookEvents(state: CaseState, events: readonly CaseEvent[]): WebhookEvent[] {
  const out: WebhookEvent[] = [];
  for (const event of events) {
    const mapping = caseMapping(event, state);
    if (!mapping) continue;
    for (const organizationId of organizationsIn(event.audience)) {
      if (mapping.only !== undefined && mapping.only !== organizationId) continue;
      if (!organizationSeesCase(state, organizationId)) continue;
      const own = participant(state, organizationId);
      out.push({
        type: mapping.type,
        organizationId,
        occurredAt: event.at,
        data: { ...mapping.data, ...(own ? { participantStatus: own.status } : {}) },
      });
    }
  }
  return out;
}

function siteCaseMapping(event: SiteCaseEvent): CaseMapping {
  switch (event.type) {
    // The opening itself reaches no one; the status it sets reaches the desk and the operator.
    case "site_case_status_changed":
      return event.on === "open_site_case"
        ? { type: "site_case.notified", data: { notifiedAt: event.at } }
        : null;
    case "message_posted":
      return event.to === "operator"
        ? { type: "site_case.message_posted", data: { messageId: event.messageId } }
        : null;
    case "analysis_requested":
      return { type: "site_case.analysis_requested", data: { requestId: event.requestId } };
    case "operator_reminder_due":
      return { type: "site_case.reminder", data: { step: event.step } };
    case "site_case_closed":
      return { type: "site_case.closed", data: { reason: event.reason } };
    default:
      return null;
  }
}

export function siteCaseWebhookEvents(
  state: SiteCaseState,
  events: readonly SiteCaseEvent[],
): WebhookEvent[] {
  const out: WebhookEvent[] = [];
  for (const event of events) {
    const mapping = siteCaseMapping(event);
    if (!mapping) continue;
    for (const organizationId of organizationsIn(event.audience)) {
      if (!organizationSeesSiteCase(state, organizationId)) continue;
      out.push({ type: mapping.type, organizationId, occurredAt: event.at, data: mapping.data });
    }
  }
  return out;
}
