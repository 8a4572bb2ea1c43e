/**
 * What staff's case mail names (issue 13): the vendor that acted, where a new case came from,
 * the relays between the finder and the coordinator; and whether the finder read the draft
 * advisory since its last save. Names of organizations go to staff only.
 */

import type { Executor } from "../../platform/db/database.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { CaseSource, CaseState } from "../../workflow/case/index.ts";
import { receiptNumberOf } from "../reports/reports.repository.ts";
import type { News } from "./cases.notifications.ts";

/** An organization's name, for staff's mail only (never in a mail to another vendor). */
export async function organizationName(tx: Executor, orgId: string): Promise<string> {
  const row = await tx
    .selectFrom("organizations")
    .select("name")
    .where("id", "=", orgId)
    .executeTakeFirst();
  return row?.name ?? orgId;
}

/** Where a new case came from: a forwarded report (its receipt number), a CSIRT or a vendor. */
export async function caseOpenedNews(
  tx: Executor,
  source: CaseSource,
): Promise<{ what: MessageKey; params: Record<string, string> }> {
  if (source.kind === "report") {
    return {
      what: "notifications.what.caseOpenedFromReport",
      params: { receiptNumber: (await receiptNumberOf(tx, source.reportId)) ?? "" },
    };
  }
  return source.kind === "csirt"
    ? {
        what: "notifications.what.caseOpenedByCsirt",
        params: { organization: await organizationName(tx, source.csirtOrgId) },
      }
    : {
        what: "notifications.what.caseOpenedBySelfReport",
        params: { organization: await organizationName(tx, source.vendorOrgId) },
      };
}

/**
 * A message that passes between the finder and the coordinator through the desk (issue 13
 * point 10) says so: the finder's comment on the draft relayed to the coordinator, or the
 * coordinator's message for the finder, which the desk relays from the report's page. The
 * entry is written before its message is posted, so it is found here.
 */
export async function finderRelayNews(
  tx: Executor,
  caseId: string,
  messageId: string,
  caseNumber: string,
  publicUrl: string,
): Promise<News | null> {
  const entry = await tx
    .selectFrom("draft_comments")
    .innerJoin("reports", "reports.id", "draft_comments.report_id")
    .select([
      "draft_comments.direction",
      "draft_comments.case_message_id",
      "draft_comments.relayed_message_id",
      "reports.id as reportId",
      "reports.receipt_number",
    ])
    .where("draft_comments.case_id", "=", caseId)
    .where((eb) =>
      eb.or([
        eb("draft_comments.case_message_id", "=", messageId),
        eb("draft_comments.relayed_message_id", "=", messageId),
      ]),
    )
    .executeTakeFirst();
  if (entry?.direction === "to_coordinator" && entry.relayed_message_id === messageId) {
    return { kind: "case_message", what: "notifications.what.finderDraftCommentRelayed" };
  }
  if (entry?.direction === "to_finder" && entry.case_message_id === messageId) {
    return {
      kind: "case_message",
      what: "notifications.what.coordinatorWroteToFinder",
      params: { caseNumber },
      at: {
        link: `${publicUrl}/reports/${entry.reportId}`,
        reference: entry.receipt_number,
      },
    };
  }
  return null;
}

/**
 * Whether the finder read the draft (on their report) since it was last saved before this
 * save; the audit log orders both (the save being made now is audited after its work).
 */
export async function finderReadSinceLastSave(
  tx: Executor,
  caseId: string,
  state: CaseState,
): Promise<boolean> {
  if (state.source?.kind !== "report") return false;
  const lastSave = await tx
    .selectFrom("audit_log")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("type", "=", "case.advisory_saved")
    .where("subject_id", "=", caseId)
    .where("outcome", "=", "ok")
    .executeTakeFirst();
  const reportId = state.source.reportId;
  const read = await tx
    .selectFrom("audit_log")
    .select("seq")
    .where("type", "=", "report.draft_advisory_viewed")
    .where("subject_id", "=", reportId)
    .where("actor_user_id", "=", (eb) =>
      eb.selectFrom("reports").select("finder_user_id").where("id", "=", reportId),
    )
    .where("seq", ">", Number(lastSave?.seq ?? 0))
    .limit(1)
    .executeTakeFirst();
  return read !== undefined;
}
