import type { Executor, Tx } from "../../platform/db/database.ts";
import {
  formatInstant,
  type Language,
  type MessageKey,
  translator,
} from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import type { SiteCaseEvent, SiteCaseState } from "../../workflow/site-case/index.ts";
import type { AppliedChange } from "../../workflow/store.ts";
import { assignContactPoints } from "../access/case-membership.ts";
import { hashSecret, newSecret } from "../accounts/secrets.ts";
import { createNotifier } from "../notifications/notify.ts";
import {
  deskRecipients,
  languageOfAddress,
  operatorRecipients,
  type Recipient,
} from "./site-cases.recipients.ts";
import {
  findReport,
  findSiteCase,
  insertClaimLink,
  insertSiteCase,
  operatorNameOf,
  type ReportRow,
  type SiteCaseRow,
  spendClaimLinksOf,
  updateSiteCase,
} from "./site-cases.repository.ts";

/** How long a mailed claim link works (R-WEB-1). */
export const CLAIM_LINK_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

type DeskNews =
  | "claimed"
  | "acknowledged"
  | "result"
  | "leakNotice"
  | "analysisAnswered"
  | "message"
  | "reminder"
  | "unreachable";
type OperatorNews = "analysisRequested" | "message" | "closed";

const DESK_NEWS: Record<DeskNews, MessageKey> = {
  claimed: "siteCases.mail.what.claimed",
  acknowledged: "siteCases.mail.what.acknowledged",
  result: "siteCases.mail.what.result",
  leakNotice: "siteCases.mail.what.leakNotice",
  analysisAnswered: "siteCases.mail.what.analysisAnswered",
  message: "siteCases.mail.what.messageFromOperator",
  reminder: "siteCases.mail.what.reminderSent",
  unreachable: "siteCases.mail.what.unreachable",
};
const OPERATOR_NEWS: Record<OperatorNews, MessageKey> = {
  analysisRequested: "siteCases.mail.what.analysisRequested",
  message: "siteCases.mail.what.messageFromDesk",
  closed: "siteCases.mail.what.closed",
};

/**
 * Turns the workflow's site-case events into the read model (`site_cases`, default case
 * members, claim links) and into mail, in the transaction of the command that caused them —
 * a desk's forward, an operator's answer or a timer job alike — so each event is told once
 * (W-9) and only if it was committed. Mail says what happened and links to the case: never the
 * report's text, the site's address or the finder's identity (R-SEC-3). People are reached through
 * their notification preferences (modules/notifications); a claim link goes to its address as is.
 */
export function createSiteCaseNotifier(deps: {
  mail: MailOutbox;
  clock: Clock;
  publicUrl: string;
}) {
  const { mail, clock, publicUrl } = deps;
  const notify = createNotifier(deps);
  const iso = () => clock.now().toISOString();
  const caseLink = (id: string) => `${publicUrl}/site-cases/${id}`;

  /** A new one-time link for the operator's contact address; only its hash is kept. */
  async function issueClaimLink(tx: Executor, siteCaseId: string, email: string) {
    const token = newSecret("kkc");
    await insertClaimLink(tx, {
      token_hash: hashSecret(token),
      site_case_id: siteCaseId,
      email: email.toLowerCase(),
      expires_at: new Date(clock.now().getTime() + CLAIM_LINK_DAYS * DAY_MS).toISOString(),
      used_at: null,
      created_at: iso(),
    });
    return `${publicUrl}/site-cases/claim?token=${encodeURIComponent(token)}`;
  }

  async function organizationName(tx: Executor, row: SiteCaseRow): Promise<string> {
    return (await operatorNameOf(tx, row)) ?? "";
  }

  async function tellDesk(
    tx: Executor,
    row: SiteCaseRow,
    report: ReportRow,
    news: DeskNews,
    params: Record<string, string | number> = {},
  ) {
    for (const recipient of await deskRecipients(tx, report)) {
      await update(tx, recipient, row, report, DESK_NEWS[news], params);
    }
  }

  async function tellOperator(
    tx: Executor,
    row: SiteCaseRow,
    report: ReportRow,
    news: OperatorNews,
  ) {
    if (!row.operator_organization_id) return;
    for (const recipient of await operatorRecipients(tx, row.operator_organization_id, row.id)) {
      await update(tx, recipient, row, report, OPERATOR_NEWS[news], {});
    }
  }

  async function update(
    tx: Executor,
    recipient: Recipient,
    row: SiteCaseRow,
    report: ReportRow,
    what: MessageKey,
    params: Record<string, string | number>,
  ) {
    await notify(tx, recipient, {
      kind: "site_case_news",
      event: { what, params, reference: report.receipt_number, link: caseLink(row.id) },
      mail: {
        template: "siteCaseUpdated",
        params: (language) => ({
          reference: report.receipt_number,
          what: translator(language)(what, params),
          link: caseLink(row.id),
        }),
      },
    });
  }

  /** The first notice (R-WEB-1, R-INT-4): a directory operator's people, or a claim link. */
  async function notifyOpened(
    tx: Executor,
    row: SiteCaseRow,
    report: ReportRow,
    state: SiteCaseState,
  ) {
    const due = state.timers.find((timer) => timer.kind === "operator_acknowledgement_due")?.dueAt;
    const organization = await organizationName(tx, row);
    if (row.operator_organization_id) {
      await assignContactPoints(tx, {
        caseId: row.id,
        organizationId: row.operator_organization_id,
        at: iso(),
      });
      for (const recipient of await operatorRecipients(tx, row.operator_organization_id, row.id)) {
        await notify(tx, recipient, {
          kind: "site_case_news",
          event: {
            what: "notifications.what.caseNotified",
            reference: report.receipt_number,
            link: caseLink(row.id),
          },
          mail: {
            template: "siteCaseNotice",
            params: (language) => ({
              organization,
              reference: report.receipt_number,
              due: due ? formatInstant(new Date(due), language) : "",
              link: caseLink(row.id),
            }),
          },
        });
      }
    } else if (row.operator_contact_email) {
      await mail.enqueue(tx, {
        to: row.operator_contact_email,
        language: await languageOfAddress(tx, row.operator_contact_email),
        template: "siteCaseClaim",
        params: {
          organization,
          reference: report.receipt_number,
          link: await issueClaimLink(tx, row.id, row.operator_contact_email),
          days: CLAIM_LINK_DAYS,
        },
      });
    }
  }

  /** R-WEB-6: one reminder per step of the ladder, to the operator (with a new claim link while
   * nobody has claimed the case) and word of it to the desk. */
  async function remind(tx: Executor, row: SiteCaseRow, report: ReportRow, step: number) {
    const organization = await organizationName(tx, row);
    const recipients: Recipient[] = row.operator_organization_id
      ? await operatorRecipients(tx, row.operator_organization_id, row.id)
      : row.operator_contact_email
        ? [
            {
              email: row.operator_contact_email,
              language: await languageOfAddress(tx, row.operator_contact_email),
            },
          ]
        : [];
    for (const recipient of recipients) {
      const params = (link: string) => (language: Language) => ({
        organization,
        reference: report.receipt_number,
        step,
        notifiedAt: formatInstant(new Date(row.notified_at), language),
        link,
      });
      if (row.operator_organization_id) {
        await notify(tx, recipient, {
          kind: "site_case_news",
          event: {
            what: "notifications.what.caseReminder",
            reference: report.receipt_number,
            link: caseLink(row.id),
          },
          mail: { template: "siteCaseReminder", params: params(caseLink(row.id)) },
        });
      } else {
        // A claim link is for its address alone: mailed as is, never kept for a digest.
        const link = await issueClaimLink(tx, row.id, recipient.email);
        await mail.enqueue(tx, {
          to: recipient.email,
          language: recipient.language,
          template: "siteCaseReminder",
          params: params(link)(recipient.language),
        });
      }
    }
    await tellDesk(tx, row, report, "reminder", { step });
  }

  async function onSiteCase(tx: Tx, id: string, state: SiteCaseState, events: SiteCaseEvent[]) {
    for (const event of events) {
      if (event.type === "site_case_opened") {
        const operator = event.operator;
        await insertSiteCase(tx, {
          id,
          report_id: event.reportId,
          operator_organization_id: "orgId" in operator ? operator.orgId : null,
          operator_name: "orgId" in operator ? null : operator.name,
          operator_contact_email: "orgId" in operator ? null : operator.contactEmail,
          result_details_sealed: null,
          notified_at: event.at,
          updated_at: iso(),
        });
      }
      const row = await findSiteCase(tx, id);
      if (!row) continue;
      const report = await findReport(tx, row.report_id);
      if (!report) continue;
      switch (event.type) {
        case "site_case_opened":
          await notifyOpened(tx, row, report, state);
          break;
        case "site_case_claimed":
          await updateSiteCase(tx, id, {
            operator_organization_id: event.orgId,
            updated_at: iso(),
          });
          await assignContactPoints(tx, {
            caseId: id,
            organizationId: event.orgId,
            at: iso(),
          });
          await spendClaimLinksOf(tx, id, iso());
          await tellDesk(tx, row, report, "claimed");
          break;
        case "operator_acknowledged":
          await tellDesk(tx, row, report, "acknowledged");
          break;
        case "operator_result_reported":
          await tellDesk(tx, row, report, "result");
          break;
        case "leak_notice_published":
          await tellDesk(tx, row, report, "leakNotice");
          break;
        case "analysis_requested":
          await tellOperator(tx, row, report, "analysisRequested");
          break;
        case "analysis_answered":
          await tellDesk(tx, row, report, "analysisAnswered");
          break;
        case "message_posted":
          if (event.to === "operator") await tellOperator(tx, row, report, "message");
          else if (event.to === "intake") await tellDesk(tx, row, report, "message");
          break;
        case "site_case_closed":
          await spendClaimLinksOf(tx, id, iso());
          await tellOperator(tx, row, report, "closed");
          break;
        case "operator_reminder_due":
          await remind(tx, row, report, event.step);
          break;
        case "site_case_status_changed":
          if (event.on === "unreachable_after_reminders")
            await tellDesk(tx, row, report, "unreachable");
          break;
        default:
          break;
      }
    }
    if (events.length > 0) {
      await updateSiteCase(tx, id, { updated_at: iso() });
    }
  }

  return async function onWorkflowChange(tx: Tx, change: AppliedChange): Promise<void> {
    if (change.aggregate === "site_case") {
      await onSiteCase(
        tx,
        change.id,
        change.state as SiteCaseState,
        change.events as SiteCaseEvent[],
      );
    }
  };
}
