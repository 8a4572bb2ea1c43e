/** The finder's side: filing a report, and what answering the desk's request for information changes. */

import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { nextYearlyNumber } from "../../platform/db/counters.ts";
import type { Executor } from "../../platform/db/database.ts";
import { forbidden, unauthenticated } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import { type Actor, isSignedIn } from "../access/actor.ts";
import type { ReportsContext } from "./reports.context.ts";
import { confirmReceipt } from "./reports.notifications.ts";
import { insertReport, type ReportRow, updateReport } from "./reports.repository.ts";
import type { ReportReceipt, ResubmitInput, SubmitReportInput } from "./reports.schemas.ts";
import {
  attackMethodColumn,
  pgpMessageColumn,
  type ReportContent,
  reportContentColumn,
  unsealReportContent,
  verificationMethodColumn,
} from "./reports.sealed.ts";

type ReportColumns = Parameters<typeof updateReport>[2];

/** The plain columns a resubmission may change, each with the kind of report it belongs to. */
const RESUBMITTED_COLUMNS = [
  ["title", "title", null],
  ["cwe", "cwe", null],
  ["cvssVector", "cvss_vector", "product"],
  ["productName", "product_name", "product"],
  ["productVersion", "product_version", "product"],
  ["vendorName", "vendor_name", "product"],
  ["siteUrl", "site_url", "web"],
] as const;

/** The finder's answer to a request for information: the fields given change, the rest stay. */
export async function resubmitReport(
  tx: Executor,
  cipher: FieldCipher,
  row: ReportRow,
  changes: ResubmitInput,
): Promise<void> {
  const { id } = row;
  const content = unsealReportContent(cipher, row);
  for (const field of ["description", "reproduction", "howFound", "disclosurePlans"] as const) {
    const value = changes[field];
    if (value !== undefined) content[field] = value;
  }
  const columns: ReportColumns = { content_sealed: reportContentColumn.seal(cipher, id, content) };
  for (const [field, column, kind] of RESUBMITTED_COLUMNS) {
    const value = changes[field];
    if (value !== undefined && (kind === null || kind === row.kind)) columns[column] = value;
  }
  if (changes.verificationMethod !== undefined)
    columns.verification_method_sealed = verificationMethodColumn.seal(
      cipher,
      id,
      changes.verificationMethod,
    );
  if (changes.attackMethod !== undefined)
    columns.attack_method_sealed = attackMethodColumn.seal(cipher, id, changes.attackMethod);
  await updateReport(tx, id, columns);
}

/** Filing a report: the finder's first action, which makes the record. */
export function createReportSubmission(context: ReportsContext) {
  const { audit, cipher, clock, workflow, deskKey, finderSide } = context;
  return {
    async submit(actor: Actor, input: SubmitReportInput): Promise<ReportReceipt> {
      if (!isSignedIn(actor)) throw unauthenticated();
      if (!actor.emailVerified)
        throw forbidden("Confirm your e-mail address before reporting.", "email_not_verified");
      const id = newId();
      // Opened before the transaction (no lock held while it runs); a refusal stores nothing.
      const decrypted = input.encryptedMessage
        ? await deskKey.decrypt(input.encryptedMessage, actor.language)
        : null;
      return workflow.transaction(async (tx) => {
        const now = clock.now().toISOString();
        const receiptNumber = await nextYearlyNumber(tx, "receipt", clock.now());
        const product = input.kind === "product" ? input : null;
        const content: ReportContent = {
          description: input.description ?? "",
          reproduction: input.reproduction ?? "",
          howFound: input.howFound ?? null,
          disclosurePlans: product?.disclosurePlans ?? null,
          alsoReportedDirectly: input.alsoReportedDirectly ?? null,
        };
        await insertReport(tx, {
          id,
          receipt_number: receiptNumber,
          kind: input.kind,
          finder_user_id: actor.userId,
          received_at: now,
          title: input.title,
          product_name: product?.productName ?? null,
          product_version: product?.productVersion ?? null,
          vendor_name: product?.vendorName ?? null,
          site_url: input.kind === "web" ? input.siteUrl : null,
          cwe: input.cwe ?? null,
          cvss_vector: product?.cvssVector ?? null,
          assignee_user_id: null,
          content_sealed: reportContentColumn.seal(cipher, id, content),
          verification_method_sealed: input.verificationMethod
            ? verificationMethodColumn.seal(cipher, id, input.verificationMethod)
            : null,
          attack_method_sealed: input.attackMethod
            ? attackMethodColumn.seal(cipher, id, input.attackMethod)
            : null,
          updated_at: now,
          pgp_message_sealed: decrypted ? pgpMessageColumn.seal(cipher, id, decrypted) : null,
        });
        await finderSide.execute(
          tx,
          id,
          { kind: "finder", userId: actor.userId },
          {
            type: "submit",
            kind: input.kind,
            consent:
              input.kind === "product"
                ? { kind: "product", ...input.consent }
                : { kind: "web", ...input.consent },
          },
        );
        await audit.record(tx, actor, {
          type: "report.submitted",
          subjectType: "report",
          subjectId: id,
          details: { kind: input.kind, ...(decrypted ? { encryptedMessage: true } : {}) },
        });
        const filed = { id, finder_user_id: actor.userId, receipt_number: receiptNumber };
        await confirmReceipt(tx, context, filed);
        return { id, receiptNumber, receivedAt: now, status: "submitted" };
      });
    },
  };
}
