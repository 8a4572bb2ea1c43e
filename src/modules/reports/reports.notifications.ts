/**
 * A report's mail: the finder hears what happened to their report (one mail per event, saying
 * it, and in the subject when the finder must act), the desk hears of new work (a new report, the
 * finder's answer, the finder's messages). Every mail goes through the person's notification
 * preferences (modules/notifications) and carries no report text (R-SEC-3): what happened, the
 * receipt number and a link. The desk's reason for not accepting a report is the one text
 * written for the finder that the finder's mail carries.
 */
import type { Executor, Tx } from "../../platform/db/database.ts";
import { type Language, type MessageKey, translator } from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import type { MailParams, MailTemplate } from "../../platform/mail/templates.ts";
import { closeReasonLabel } from "../../web/pages/reports/shared.tsx";
import type { ReportEvent } from "../../workflow/report.ts";
import type { WorkflowObserver } from "../../workflow/store.ts";
import type { NotificationKind } from "../notifications/kinds.ts";
import { createNotifier, type Notify } from "../notifications/notify.ts";
import { deskPeople } from "../notifications/recipients.ts";
import { finderAddress, type ReportRow } from "./reports.repository.ts";

interface NotifyDeps {
  mail: MailOutbox;
  clock: Clock;
  publicUrl: string;
}

type ReportRef = Pick<ReportRow, "id" | "finder_user_id" | "receipt_number">;

const reportLink = (publicUrl: string, id: string) => `${publicUrl}/reports/${id}`;

/** R-INT-1: the receipt, at once: it confirms the finder's own submission, not an event. */
export async function confirmReceipt(
  tx: Executor,
  deps: NotifyDeps,
  row: ReportRef,
): Promise<void> {
  const finder = await finderAddress(tx, row.finder_user_id);
  await deps.mail.enqueue(tx, {
    to: finder.email,
    language: finder.language,
    template: "reportReceived",
    params: {
      name: finder.name,
      receiptNumber: row.receipt_number,
      link: reportLink(deps.publicUrl, row.id),
    },
  });
}

/** One event the finder hears of: its mail, and its line in the digest. */
export async function tellFinder(
  tx: Executor,
  deps: NotifyDeps & { notify?: Notify },
  row: ReportRef,
  news: {
    kind: NotificationKind;
    template: MailTemplate;
    what: MessageKey;
    whatParams?: (language: Language) => Record<string, string>;
    params?: (language: Language) => MailParams;
  },
): Promise<void> {
  const notify = deps.notify ?? createNotifier(deps);
  const finder = await finderAddress(tx, row.finder_user_id);
  const link = reportLink(deps.publicUrl, row.id);
  await notify(
    tx,
    { userId: row.finder_user_id },
    {
      kind: news.kind,
      event: {
        what: news.what,
        // The digest is read in the finder's language as it is now.
        params: news.whatParams?.(finder.language),
        reference: row.receipt_number,
        link,
      },
      mail: {
        template: news.template,
        params: (language) => ({
          name: finder.name,
          receiptNumber: row.receipt_number,
          link,
          ...news.params?.(language),
        }),
      },
    },
  );
}

/** New work for the desk: the report's assignee, else every desk member; never the one who acted. */
export async function tellDesk(
  tx: Executor,
  deps: NotifyDeps & { notify?: Notify },
  row: Pick<ReportRow, "id" | "receipt_number" | "assignee_user_id">,
  news: { kind: NotificationKind; what: MessageKey; actorUserId: string | null },
): Promise<void> {
  const notify = deps.notify ?? createNotifier(deps);
  for (const userId of await deskPeople(tx, row.assignee_user_id)) {
    if (userId === news.actorUserId) continue;
    await notify(
      tx,
      { userId },
      {
        kind: news.kind,
        event: {
          what: news.what,
          reference: row.receipt_number,
          link: reportLink(deps.publicUrl, row.id),
        },
      },
    );
  }
}

/** A message in the report's thread: to the finder (saying whether a reply is awaited), or the desk. */
export async function tellOfMessage(
  tx: Executor,
  deps: NotifyDeps,
  row: Pick<ReportRow, "id" | "finder_user_id" | "receipt_number" | "assignee_user_id">,
  from: { side: "finder" | "intake"; userId: string; replyAwaited: boolean },
): Promise<void> {
  if (from.side === "finder") {
    await tellDesk(tx, deps, row, {
      kind: "finder_message",
      what: "notifications.what.finderMessage",
      actorUserId: from.userId,
    });
    return;
  }
  await tellFinder(
    tx,
    deps,
    row,
    from.replyAwaited
      ? {
          kind: "report_requests",
          template: "reportDeskMessageReplyAwaited",
          what: "notifications.what.deskMessageReplyAwaited",
        }
      : {
          kind: "report_requests",
          template: "reportDeskMessage",
          what: "notifications.what.deskMessage",
        },
  );
}

/**
 * The report's events become mail in the transaction that made them, whoever made them (the
 * desk's action, the finder's, or the close that follows a case or site case).
 */
export function createReportNotifier(deps: NotifyDeps): WorkflowObserver {
  const notify = createNotifier(deps);
  const withNotify = { ...deps, notify };
  return async (tx: Tx, change) => {
    if (change.aggregate !== "report") return;
    const row = await tx
      .selectFrom("reports")
      .select(["id", "finder_user_id", "receipt_number", "assignee_user_id"])
      .where("id", "=", change.id)
      .executeTakeFirst();
    if (!row) return;
    const finder = (news: Parameters<typeof tellFinder>[3]) =>
      tellFinder(tx, withNotify, row, news);
    for (const event of change.events as readonly ReportEvent[]) {
      const actorUserId = "userId" in event.actor ? event.actor.userId : null;
      switch (event.type) {
        case "report_submitted":
          await tellDesk(tx, withNotify, row, {
            kind: "report_submitted",
            what: "notifications.what.reportSubmitted",
            actorUserId,
          });
          break;
        case "report_resubmitted":
          await tellDesk(tx, withNotify, row, {
            kind: "report_answered",
            what: "notifications.what.reportResubmitted",
            actorUserId,
          });
          break;
        case "report_info_requested":
          await finder({
            kind: "report_requests",
            template: "reportInfoRequested",
            what: "notifications.what.infoRequested",
          });
          break;
        case "report_accepted":
          await finder({
            kind: "report_progress",
            template: "reportAccepted",
            what: "notifications.what.accepted",
          });
          break;
        case "report_rejected":
          await finder({
            kind: "report_progress",
            template: "reportRejected",
            what: "notifications.what.rejected",
            params: () => ({ reason: event.reason }),
          });
          break;
        case "report_forwarded":
          await finder(
            event.target.kind === "case"
              ? {
                  kind: "report_progress",
                  template: "reportForwardedToCoordinator",
                  what: "notifications.what.forwardedToCoordinator",
                }
              : {
                  kind: "report_progress",
                  template: "reportForwardedToOperator",
                  what: "notifications.what.forwardedToOperator",
                },
          );
          break;
        case "report_closed":
          // A published case tells the finder which advisory it is (cases.notifications.ts).
          if (event.linked?.source === "case" && event.reason === "published") break;
          await finder({
            kind: "report_progress",
            template: "reportClosed",
            what: "notifications.what.closed",
            params: (language) => ({
              outcome: closeReasonLabel(translator(language), event.reason),
            }),
          });
          break;
        default:
          break;
      }
    }
  };
}
