import type { Executor } from "../../platform/db/database.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { finderAddress, type ReportRow } from "./reports.repository.ts";

/**
 * Tells the finder that something happened to their report, in their language, with a link to
 * it: the mail carries no report text (R-SEC-3).
 */
export async function notifyFinder(
  tx: Executor,
  deps: { mail: MailOutbox; publicUrl: string },
  row: Pick<ReportRow, "id" | "finder_user_id" | "receipt_number">,
  what: "received" | "updated",
): Promise<void> {
  const finder = await finderAddress(tx, row.finder_user_id);
  await deps.mail.enqueue(tx, {
    to: finder.email,
    language: finder.language,
    template: what === "received" ? "reportReceived" : "reportUpdated",
    params: {
      name: finder.name,
      receiptNumber: row.receipt_number,
      link: `${deps.publicUrl}/reports/${row.id}`,
    },
  });
}
