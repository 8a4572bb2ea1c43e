import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Tx } from "../../platform/db/database.ts";
import type { Language } from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import type { MailTemplate } from "../../platform/mail/templates.ts";
import type { CaseEvent, CaseState } from "../../workflow/case/index.ts";
import type { Recipient } from "../../workflow/common.ts";
import type { WorkflowObserver } from "../../workflow/store.ts";
import { organizationMailRecipients } from "../organizations/mail-recipients.ts";
import { unsealReportContent } from "../reports/reports.service.ts";
import { unsealOpenedCase } from "./cases.presenter.ts";

interface Person {
  email: string;
  language: Language;
}

/** A published advisory as the publication's mail names it. */
interface PublishedAdvisory {
  advisoryId: string;
  advisoryLink: string;
}

/**
 * Case events become mail, in the transaction that made them (a change and its mail commit
 * together; a reminder fired twice by the job runner is one event, so one mail). Mail carries
 * what happened and a link, never case content — except the first notification to a vendor that
 * registered a PGP key, which is encrypted to it (R-SEC-3, issue 6 item 3).
 */
export function createCaseNotifier(deps: {
  mail: MailOutbox;
  cipher: FieldCipher;
  clock: Clock;
  publicUrl: string;
}): WorkflowObserver {
  const { mail, cipher, clock, publicUrl } = deps;

  return async (tx, change) => {
    if (change.aggregate !== "case") return;
    const state = change.state as CaseState;
    const link = `${publicUrl}/cases/${change.id}`;
    const sent = new Set<string>();
    const send = async (
      person: Person,
      template: MailTemplate,
      params: Record<string, string> = {},
    ) => {
      const key = `${person.email}\u0000${template}`;
      if (sent.has(key)) return;
      sent.add(key);
      await mail.enqueue(tx, {
        to: person.email,
        language: person.language,
        template,
        params: { link, ...params },
      });
    };
    const toVendor = async (
      orgId: string,
      template: MailTemplate,
      params: Record<string, string> = {},
    ) => {
      const recipients = await organizationMailRecipients(tx, orgId, clock.now());
      for (const email of recipients.to)
        await send({ email, language: recipients.language }, template, params);
    };
    const toRecipients = async (
      recipients: readonly Recipient[],
      template: MailTemplate,
      params: Record<string, string> = {},
    ) => {
      for (const recipient of recipients) {
        if (recipient.kind === "vendor") await toVendor(recipient.orgId, template, params);
        else if (recipient.kind === "coordinator")
          for (const person of await coordinators(tx, change.id))
            await send(person, template, params);
        else if (recipient.kind === "intake")
          for (const person of await intakeDesk(tx, state)) await send(person, template, params);
      }
    };

    const events = change.events as readonly CaseEvent[];
    /** What the finder hears of this change, once: the publication by name, else an update. */
    let finderNews: PublishedAdvisory | "updated" | null = null;
    const newlyNotified = new Set(
      events.flatMap((e) => (e.type === "participant_notified" ? [e.orgId] : [])),
    );
    for (const event of events) {
      switch (event.type) {
        case "participant_notified":
          await notifyVendor(tx, state, change.id, event.orgId, link);
          break;
        case "participant_reminder_due":
          await toVendor(event.orgId, "caseReminder");
          break;
        case "participant_escalation_due":
          await toRecipients([{ kind: "coordinator" }], "caseEscalated");
          break;
        case "publication_alert":
        case "publication_overdue":
          await toRecipients([{ kind: "coordinator" }], "casePublicationAlert");
          break;
        case "message_posted":
          await toRecipients(
            event.audience.filter((r) => !isAuthor(r, event.actor, event.authorOrgId)),
            "caseMessage",
          );
          break;
        case "schedule_set":
          // A vendor notified by this very change learns the dates from the case page.
          await toRecipients(
            event.audience.filter((r) => r.kind === "vendor" && !newlyNotified.has(r.orgId)),
            "caseScheduleChanged",
          );
          finderNews ??= "updated";
          break;
        case "schedule_requested":
        case "others_affected_reported":
        case "direct_contact_requested":
          await toRecipients([{ kind: "coordinator" }], "caseUpdated");
          break;
        case "case_published": {
          // R-PUB-5: everyone taking part is told, with the public advisory's address (public
          // now); the finder through the report, which names the advisory.
          const row = await tx
            .selectFrom("advisories")
            .select("advisory_id")
            .where("case_id", "=", change.id)
            .executeTakeFirst();
          const published = row
            ? {
                advisoryId: row.advisory_id,
                advisoryLink: `${publicUrl}/advisories/${encodeURIComponent(row.advisory_id)}`,
              }
            : null;
          await toRecipients(
            event.audience.filter(
              (r) => r.kind === "vendor" || r.kind === "intake" || r.kind === "coordinator",
            ),
            published ? "advisoryPublished" : "caseUpdated",
            published ?? {},
          );
          // The finder learns which advisory it is and where to read it (public by now).
          finderNews = published ?? finderNews ?? "updated";
          break;
        }
        case "case_closed":
          await toRecipients(
            event.audience.filter((r) => r.kind === "vendor"),
            "caseUpdated",
          );
          finderNews ??= "updated";
          break;
        default:
          break;
      }
    }
    if (finderNews) await tellFinder(tx, state, finderNews);

    /** The first notification: encrypted with the case's summary where the vendor has a key. */
    async function notifyVendor(
      tx: Tx,
      kase: CaseState,
      caseId: string,
      orgId: string,
      caseLink: string,
    ) {
      const recipients = await organizationMailRecipients(tx, orgId, clock.now());
      const summary = recipients.encryptTo ? await caseSummary(tx, kase, caseId) : null;
      for (const email of recipients.to) {
        const key = `${email}\u0000caseNotified`;
        if (sent.has(key)) continue;
        sent.add(key);
        await mail.enqueue(tx, {
          to: email,
          language: recipients.language,
          ...(summary && recipients.encryptTo
            ? {
                template: "caseNotifiedEncrypted" as const,
                params: { link: caseLink, ...summary },
                encryptTo: recipients.encryptTo,
              }
            : { template: "caseNotified" as const, params: { link: caseLink } }),
        });
      }
    }

    /**
     * The finder follows the case through the intake desk's report page (R-COO-11, R-INT-9);
     * the publication names the advisory and links its public page (R-PUB-5).
     */
    async function tellFinder(tx: Tx, kase: CaseState, news: PublishedAdvisory | "updated") {
      if (kase.source?.kind !== "report") return;
      const report = await tx
        .selectFrom("reports")
        .innerJoin("users", "users.id", "reports.finder_user_id")
        .select([
          "reports.id",
          "reports.receipt_number",
          "users.email",
          "users.name",
          "users.language",
        ])
        .where("reports.id", "=", kase.source.reportId)
        .executeTakeFirst();
      if (!report) return;
      const key = `${report.email}\u0000reportUpdated`;
      if (sent.has(key)) return;
      sent.add(key);
      const params = {
        name: report.name,
        receiptNumber: report.receipt_number,
        link: `${publicUrl}/reports/${report.id}`,
      };
      await mail.enqueue(tx, {
        to: report.email,
        language: report.language as Language,
        ...(news === "updated"
          ? { template: "reportUpdated" as const, params }
          : { template: "reportAdvisoryPublished" as const, params: { ...params, ...news } }),
      });
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

/** The case's handling coordinator, or every coordinator member while nobody is assigned. */
async function coordinators(tx: Tx, caseId: string): Promise<Person[]> {
  const row = await tx
    .selectFrom("cases")
    .select("assignee_user_id")
    .where("id", "=", caseId)
    .executeTakeFirst();
  let query = tx
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .innerJoin("organizations", "organizations.id", "memberships.organization_id")
    .select(["users.email", "users.language"])
    .where("organizations.type", "=", "coordinator");
  if (row?.assignee_user_id) query = query.where("users.id", "=", row.assignee_user_id);
  return (await query.execute()).map((p) => ({ email: p.email, language: p.language as Language }));
}

/** The report's assignee at the desk, or the desk's admins. */
async function intakeDesk(tx: Tx, state: CaseState): Promise<Person[]> {
  let assignee: string | null = null;
  if (state.source?.kind === "report") {
    const report = await tx
      .selectFrom("reports")
      .select("assignee_user_id")
      .where("id", "=", state.source.reportId)
      .executeTakeFirst();
    assignee = report?.assignee_user_id ?? null;
  }
  let query = tx
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .innerJoin("organizations", "organizations.id", "memberships.organization_id")
    .select(["users.email", "users.language"])
    .where("organizations.type", "=", "intake");
  query = assignee
    ? query.where("users.id", "=", assignee)
    : query.where("memberships.role", "=", "admin");
  return (await query.execute()).map((p) => ({ email: p.email, language: p.language as Language }));
}
