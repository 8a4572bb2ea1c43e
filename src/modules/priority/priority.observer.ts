/**
 * What follows a priority provision's changes, in their transaction, whoever made them: the
 * list projection, the notices (to sign in — never package content, R-SEC-3), and the end of
 * access at the case's publication (R-PRI-3): on `case_published` every open provision of the
 * case receives `end_priority_provision`, with a command id derived from the publication's.
 */

import type { Executor, Tx } from "../../platform/db/database.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import { SCHEDULER } from "../../workflow/common.ts";
import {
  OPEN_PRIORITY_STATUSES,
  type PriorityProvisionEvent,
  type PriorityProvisionState,
} from "../../workflow/priority-provision/index.ts";
import type { AppliedChange, WorkflowObserver, WorkflowStore } from "../../workflow/store.ts";
import { caseNumberOf } from "../cases/cases.repository.ts";
import { createNotifier, type Notice } from "../notifications/notify.ts";
import { coordinatorPeople } from "../notifications/recipients.ts";
import { organizationMailRecipients } from "../organizations/mail-recipients.ts";
import { receiptNumberOf } from "../reports/reports.repository.ts";
import {
  deskMemberIds,
  organizationNameOfUser,
  organizationsByIds,
  provisionRowsOfCase,
  provisionStarterId,
  upsertProvisionRow,
} from "./priority.repository.ts";
import { deliveryReference } from "./priority.schemas.ts";

export function createPriorityObserver(deps: {
  mail: MailOutbox;
  clock: Clock;
  publicUrl: string;
  /** The store this observer joins (built after it). */
  workflow: () => WorkflowStore;
}): WorkflowObserver {
  const notify = createNotifier(deps);
  const { publicUrl } = deps;

  async function toOrganization(tx: Executor, orgId: string, notice: Notice) {
    const recipients = await organizationMailRecipients(tx, orgId, deps.clock.now());
    for (const email of recipients.to)
      await notify(tx, { email, language: recipients.language }, notice);
  }

  async function onProvision(
    tx: Tx,
    state: PriorityProvisionState,
    events: PriorityProvisionEvent[],
  ) {
    if (!state.caseId || !state.status || !state.startedAt) return;
    await upsertProvisionRow(tx, {
      id: state.id,
      case_id: state.caseId,
      status: state.status,
      sectors: JSON.stringify(state.sectors),
      recipient_org_ids: JSON.stringify(state.recipientOrgIds),
      started_at: state.startedAt,
      sent_at: state.sentAt,
      ended_at: state.endedAt ?? state.stoppedAt,
      updated_at: deps.clock.now().toISOString(),
    });
    const reference = (await caseNumberOf(tx, state.caseId)) ?? state.caseId;
    const caseLink = `${publicUrl}/cases/${encodeURIComponent(state.caseId)}/priority`;
    const notice = (what: Notice["event"]["what"], link = caseLink): Notice => ({
      kind: "priority_provision",
      event: { what, params: { reference }, reference, link },
    });
    for (const event of events) {
      if (event.type === "priority_agreement_asked") {
        for (const userId of await coordinatorPeople(tx, null))
          await notify(tx, { userId }, notice("priority.notice.agreementAsked"));
        for (const party of event.parties)
          if (party.kind === "vendor")
            await toOrganization(tx, party.orgId, notice("priority.notice.agreementAsked"));
      } else if (event.type === "priority_agreement_recorded") {
        // The desk member who started the provision hears which party answered what; while
        // nobody is known, the desk's admins and members (its analysts have no part in it).
        const starter = await provisionStarterId(tx, state.id);
        const party =
          event.party.kind === "vendor"
            ? (await organizationsByIds(tx, [event.party.orgId]))[0]?.name
            : "userId" in event.actor
              ? await organizationNameOfUser(tx, event.actor.userId)
              : null;
        const answered: Notice = {
          kind: "priority_provision",
          event: {
            what:
              event.decision === "agree" ? "priority.notice.agreed" : "priority.notice.objected",
            params: { reference, party: party ?? "" },
            reference,
            link: caseLink,
          },
        };
        for (const userId of starter ? [starter] : await deskMemberIds(tx))
          await notify(tx, { userId }, answered);
      } else if (event.type === "priority_finder_notified") {
        // The finder knows the report by its receipt number, and the provision's page says
        // nothing to them before publication: the mail says what may happen and links the
        // public explanation.
        const kase = await deps.workflow().load(tx, "case", state.caseId);
        const source = kase?.state.source;
        if (source?.kind === "report") {
          const receipt = (await receiptNumberOf(tx, source.reportId)) ?? reference;
          await notify(
            tx,
            { userId: source.finderId },
            {
              kind: "report_progress",
              event: {
                what: "priority.notice.finder",
                reference: receipt,
                link: `${publicUrl}/priority-provision`,
              },
              mail: {
                template: "priorityFinderNotice",
                params: { receiptNumber: receipt, link: `${publicUrl}/priority-provision` },
              },
            },
          );
        }
      } else if (event.type === "priority_provision_sent") {
        // The recipients are told to sign in; the reference names the delivery, not the case.
        const delivered: Notice = {
          kind: "priority_provision",
          event: {
            what: "priority.notice.delivered",
            reference: deliveryReference(state.id),
            link: `${publicUrl}/priority-packages`,
          },
        };
        for (const orgId of event.recipientOrgIds) await toOrganization(tx, orgId, delivered);
      } else if (event.type === "priority_provision_stopped") {
        for (const userId of await coordinatorPeople(tx, null))
          await notify(tx, { userId }, notice("priority.notice.stopped"));
        for (const party of state.parties)
          if (party.kind === "vendor")
            await toOrganization(tx, party.orgId, notice("priority.notice.stopped"));
      }
    }
  }

  async function onCase(tx: Tx, change: AppliedChange) {
    const published = change.events.find((e) => e.type === "case_published");
    if (!published) return;
    const state = change.state as CaseState;
    for (const row of await provisionRowsOfCase(tx, state.id)) {
      if (!(OPEN_PRIORITY_STATUSES as readonly string[]).includes(row.status)) continue;
      const result = await deps.workflow().execute(tx, "priority_provision", row.id, {
        type: "end_priority_provision",
        commandId: `${published.commandId}/priority_end/${row.id}`,
        at: published.at,
        actor: SCHEDULER,
      });
      if (!result.ok)
        throw new Error(`ending priority provision ${row.id}: ${result.rejection.message}`);
    }
  }

  return async (tx, change) => {
    if (change.aggregate === "priority_provision") {
      await onProvision(
        tx,
        change.state as PriorityProvisionState,
        change.events as PriorityProvisionEvent[],
      );
    } else if (change.aggregate === "case") {
      await onCase(tx, change);
    }
  };
}
