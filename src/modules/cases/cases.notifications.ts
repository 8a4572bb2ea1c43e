import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor, Tx } from "../../platform/db/database.ts";
import {
  formatInstant,
  type Language,
  type MessageKey,
  translator,
} from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import type { MailTemplate } from "../../platform/mail/templates.ts";
import { closeReasonLabel } from "../../web/pages/reports/shared.tsx";
import type { CaseEvent, CaseState } from "../../workflow/case/index.ts";
import type { Recipient } from "../../workflow/common.ts";
import type { WorkflowObserver } from "../../workflow/store.ts";
import type { NotificationKind } from "../notifications/kinds.ts";
import { type Addressee, createNotifier } from "../notifications/notify.ts";
import { coordinatorPeople, deskPeople } from "../notifications/recipients.ts";
import { organizationMailRecipients } from "../organizations/mail-recipients.ts";
import { tellFinder } from "../reports/reports.notifications.ts";
import { unsealReportContent } from "../reports/reports.service.ts";
import {
  caseOpenedNews,
  finderReadSinceLastSave,
  finderRelayNews,
  organizationName,
} from "./cases.notification-subjects.ts";
import { unsealOpenedCase } from "./cases.presenter.ts";
import { caseAssigneeOf, caseNumberOf } from "./cases.repository.ts";

/** One mail: its kind (for the person's preference), what happened, its template. */
export interface News {
  kind: NotificationKind;
  what: MessageKey;
  /** The mail people who hear at once get; the generic notice of `what` when omitted. */
  template?: MailTemplate;
  params?: Record<string, string>;
  /** Where the mail leads and what it names, when not the case (the desk's relay: the report). */
  at?: { link: string; reference: string };
}

/**
 * Case events become mail, in the transaction that made them (a change and its mail commit
 * together; a reminder fired twice by the job runner is one event, so one mail). Mail carries
 * what happened, the case's number and a link, never case content — except the first
 * notification to a vendor that registered a PGP key, which is encrypted to it (R-SEC-3, issue 6
 * item 3). People hear through their notification preferences (modules/notifications): the
 * coordinator of new work (a case opened, a vendor's acknowledgement, status, countermeasure,
 * message), the vendors as before, the finder of the publication date and the advisory.
 */
export function createCaseNotifier(deps: {
  mail: MailOutbox;
  cipher: FieldCipher;
  clock: Clock;
  publicUrl: string;
}): WorkflowObserver {
  const { cipher, clock, publicUrl } = deps;
  const notify = createNotifier(deps);

  return async (tx, change) => {
    if (change.aggregate !== "case") return;
    const state = change.state as CaseState;
    const link = `${publicUrl}/cases/${change.id}`;
    const reference = (await caseNumberOf(tx, change.id)) ?? change.id;
    const sent = new Set<string>();
    const send = async (to: Addressee, news: News) => {
      const template = news.template ?? news.what;
      const key = `${"userId" in to ? to.userId : to.email.toLowerCase()}\u0000${template}`;
      if (sent.has(key)) return;
      sent.add(key);
      const params = news.params ?? {};
      await notify(tx, to, {
        kind: news.kind,
        event: {
          what: news.what,
          params,
          reference: news.at?.reference ?? reference,
          link: news.at?.link ?? link,
        },
        ...(news.template
          ? {
              mail: { template: news.template, params: { link, caseNumber: reference, ...params } },
            }
          : {}),
      });
    };
    const toVendor = async (orgId: string, news: News) => {
      const recipients = await organizationMailRecipients(tx, orgId, clock.now());
      for (const email of recipients.to) await send({ email, language: recipients.language }, news);
    };
    /** The coordinator's people, never the one who acted. */
    const toCoordinator = async (news: News, actor?: CaseEvent["actor"]) => {
      const actorId = actor && "userId" in actor ? actor.userId : null;
      for (const userId of await coordinatorPeople(tx, await caseAssigneeOf(tx, change.id)))
        if (userId !== actorId) await send({ userId }, news);
    };
    const toRecipients = async (recipients: readonly Recipient[], news: News) => {
      for (const recipient of recipients) {
        if (recipient.kind === "vendor") await toVendor(recipient.orgId, news);
        else if (recipient.kind === "coordinator") await toCoordinator(news);
        else if (recipient.kind === "intake")
          for (const userId of await intakeDesk(tx, state)) await send({ userId }, news);
      }
    };

    const events = change.events as readonly CaseEvent[];
    const newlyNotified = new Set(
      events.flatMap((e) => (e.type === "participant_notified" ? [e.orgId] : [])),
    );
    for (const event of events) {
      switch (event.type) {
        case "case_opened":
          await toCoordinator(
            { kind: "case_opened", ...(await caseOpenedNews(tx, event.source)) },
            event.actor,
          );
          break;
        case "participant_notified":
          await notifyVendor(tx, state, change.id, event.orgId);
          break;
        case "participant_acknowledged":
          // Staff may know which vendor it was; no vendor reads these.
          await toCoordinator(
            {
              kind: "vendor_acknowledged",
              what: "notifications.what.vendorAcknowledged",
              params: { vendor: await organizationName(tx, event.orgId) },
            },
            event.actor,
          );
          break;
        case "participant_status_reported":
          // Staff may know which vendor it was; no vendor reads these.
          await toCoordinator(
            {
              kind: "vendor_status",
              what: "notifications.what.vendorStatus",
              params: { vendor: await organizationName(tx, event.orgId) },
            },
            event.actor,
          );
          break;
        case "countermeasure_added":
          await toCoordinator(
            {
              kind: "vendor_countermeasure",
              what: "notifications.what.vendorCountermeasure",
              params: { vendor: await organizationName(tx, event.orgId) },
            },
            event.actor,
          );
          break;
        case "participant_reminder_due":
          await toVendor(event.orgId, {
            kind: "case_news",
            what: "notifications.what.caseReminder",
            template: "caseReminder",
          });
          break;
        case "participant_escalation_due":
          await toCoordinator({
            kind: "case_attention",
            what: "notifications.what.caseEscalated",
            template: "caseEscalated",
          });
          break;
        case "publication_alert":
        case "publication_overdue":
          await toCoordinator({
            kind: "case_attention",
            what: "notifications.what.casePublicationAlert",
            template: "casePublicationAlert",
          });
          break;
        case "message_posted":
          await toRecipients(
            event.audience.filter((r) => !isAuthor(r, event.actor, event.authorOrgId)),
            (await finderRelayNews(tx, change.id, event.messageId, reference, publicUrl)) ?? {
              kind: "case_message",
              what: "notifications.what.caseMessage",
              template: "caseMessage",
            },
          );
          break;
        case "advisory_updated":
          // Issue 13: the finder may review the draft before publication — told of the first
          // draft, and of a later one once they have read the one before.
          if (
            !state.publication &&
            (event.revision === 1 || (await finderReadSinceLastSave(tx, change.id, state)))
          ) {
            await finderHears(tx, state, {
              kind: "report_progress",
              template: "reportDraftReady",
              what: "notifications.what.draftReady",
            });
          }
          break;
        case "schedule_set":
          // A vendor notified by this very change learns the dates from the case page.
          await toRecipients(
            event.audience.filter((r) => r.kind === "vendor" && !newlyNotified.has(r.orgId)),
            {
              kind: "case_news",
              what: "notifications.what.caseScheduleChanged",
              template: "caseScheduleChanged",
            },
          );
          await finderHears(tx, state, {
            kind: "report_progress",
            template: "reportPublicationDateSet",
            what: "notifications.what.publicationDateSet",
            whatParams: (language) => ({ date: when(event.new.publishAt, language) }),
            params: (language) => ({ date: when(event.new.publishAt, language) }),
          });
          break;
        case "schedule_requested":
        case "others_affected_reported":
        case "direct_contact_requested":
          await toCoordinator(
            {
              kind: "case_attention",
              what: "notifications.what.caseUpdated",
              template: "caseUpdated",
            },
            event.actor,
          );
          break;
        case "case_published": {
          // R-PUB-5: everyone taking part is told, with the public advisory's address (public
          // now); the finder through the report, which names the advisory.
          const published = await advisoryOf(tx, change.id, publicUrl);
          await toRecipients(
            event.audience.filter(
              (r) => r.kind === "vendor" || r.kind === "intake" || r.kind === "coordinator",
            ),
            published
              ? {
                  kind: "advisory_published",
                  what: "notifications.what.advisoryPublished",
                  template: "advisoryPublished",
                  params: { ...published },
                }
              : {
                  kind: "advisory_published",
                  what: "notifications.what.caseUpdated",
                  template: "caseUpdated",
                },
          );
          // The finder learns which advisory it is and where to read it (public by now).
          await finderHears(
            tx,
            state,
            published
              ? {
                  kind: "report_progress",
                  template: "reportAdvisoryPublished",
                  what: "notifications.what.advisoryPublished",
                  whatParams: () => ({ advisoryId: published.advisoryId }),
                  params: () => ({ ...published }),
                }
              : {
                  kind: "report_progress",
                  template: "reportClosed",
                  what: "notifications.what.closed",
                  params: (language) => ({
                    outcome: closeReasonLabel(translator(language), "published"),
                  }),
                },
          );
          break;
        }
        case "case_closed":
          // The finder hears through the report, which closes with the case's outcome.
          await toRecipients(
            event.audience.filter((r) => r.kind === "vendor"),
            { kind: "case_news", what: "notifications.what.caseUpdated", template: "caseUpdated" },
          );
          break;
        default:
          break;
      }
    }

    /** The first notification: encrypted with the case's summary where the vendor has a key. */
    async function notifyVendor(tx: Tx, kase: CaseState, caseId: string, orgId: string) {
      const recipients = await organizationMailRecipients(tx, orgId, clock.now());
      const summary = recipients.encryptTo ? await caseSummary(tx, kase, caseId) : null;
      for (const email of recipients.to) {
        const key = `${email.toLowerCase()}\u0000caseNotified`;
        if (sent.has(key)) continue;
        sent.add(key);
        await notify(
          tx,
          { email, language: recipients.language },
          {
            kind: "case_news",
            event: { what: "notifications.what.caseNotified", reference, link },
            mail:
              summary && recipients.encryptTo
                ? {
                    template: "caseNotifiedEncrypted",
                    params: { link, caseNumber: reference, ...summary },
                    encryptTo: recipients.encryptTo,
                  }
                : { template: "caseNotified", params: { link, caseNumber: reference } },
          },
        );
      }
    }

    /**
     * The finder follows the case through the intake desk's report page (R-COO-11, R-INT-9),
     * once per template in a change.
     */
    async function finderHears(tx: Tx, kase: CaseState, said: Parameters<typeof tellFinder>[3]) {
      if (kase.source?.kind !== "report") return;
      const report = await tx
        .selectFrom("reports")
        .select(["id", "receipt_number", "finder_user_id"])
        .where("id", "=", kase.source.reportId)
        .executeTakeFirst();
      if (!report) return;
      const key = `finder\u0000${said.template}`;
      if (sent.has(key)) return;
      sent.add(key);
      await tellFinder(tx, { ...deps, notify }, report, said);
    }
  };

  /** Title and description for the encrypted notification. */
  async function caseSummary(tx: Tx, kase: CaseState, caseId: string) {
    const row = await tx
      .selectFrom("cases")
      .select(["id", "title", "content_sealed"])
      .where("id", "=", caseId)
      .executeTakeFirst();
    let description = "";
    if (kase.source?.kind === "report") {
      const report = await tx
        .selectFrom("reports")
        .select(["id", "content_sealed"])
        .where("id", "=", kase.source.reportId)
        .executeTakeFirst();
      if (report) description = unsealReportContent(cipher, report).description;
    } else if (row) {
      description = unsealOpenedCase(cipher, row)?.description ?? "";
    }
    return { title: row?.title ?? "", description };
  }
}

function isAuthor(
  recipient: Recipient,
  actor: CaseEvent["actor"],
  authorOrgId: string | null,
): boolean {
  if (recipient.kind === "vendor") return recipient.orgId === authorOrgId;
  return recipient.kind === actor.kind;
}

/** R-PUB-5: the case's public advisory, named and linked. */
async function advisoryOf(tx: Executor, caseId: string, publicUrl: string) {
  const row = await tx
    .selectFrom("advisories")
    .select("advisory_id")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return row
    ? {
        advisoryId: row.advisory_id,
        advisoryLink: `${publicUrl}/advisories/${encodeURIComponent(row.advisory_id)}`,
      }
    : null;
}

/** A date and time for people, with its zone. */
function when(instant: string, language: Language): string {
  return formatInstant(new Date(instant), language);
}

/** Who at the desk hears of the case: as of new work, the report's assignee or the desk. */
async function intakeDesk(tx: Tx, state: CaseState): Promise<string[]> {
  if (state.source?.kind !== "report") return deskPeople(tx, null);
  const report = await tx
    .selectFrom("reports")
    .select("assignee_user_id")
    .where("id", "=", state.source.reportId)
    .executeTakeFirst();
  return deskPeople(tx, report?.assignee_user_id ?? null);
}
