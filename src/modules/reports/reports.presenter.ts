/**
 * A report as its caller may see it (reports.schemas.ts describes each audience): the metadata
 * for whoever may know the report exists, the desk's own fields for the desk, and the sealed
 * content only for those who may read it (R-SEC-1).
 */
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import type { Actor } from "../access/actor.ts";
import { caseNumberOf } from "../cases/cases.repository.ts";
import { readReportRisk } from "../risk/risk.reads.ts";
import { attachmentSummaries } from "./attachments.service.ts";
import { canReadReportContent, isIntakeStaff } from "./reports.policy.ts";
import { advisoryIdOfCase, finderLanguage, type ReportRow } from "./reports.repository.ts";
import type { ReportContentView, ReportMetadataView, ReportView } from "./reports.schemas.ts";
import { pgpMessageColumn, unsealReportText } from "./reports.sealed.ts";

/** What the case a report was forwarded to tells the finder (R-INT-7, R-COO-11, R-PUB-5). */
async function caseDates(
  executor: Executor,
  workflow: Pick<WorkflowStore, "load">,
  caseId: string | null,
) {
  const none = {
    caseNumber: null,
    publishAt: null,
    countermeasureDue: null,
    publishedAt: null,
    advisoryId: null,
  };
  if (!caseId) return none;
  const state = (await workflow.load(executor, "case", caseId))?.state;
  const publishedAt = state?.publication?.publishedAt ?? null;
  return {
    caseNumber: await caseNumberOf(executor, caseId),
    publishAt: state?.schedule?.publishAt ?? null,
    countermeasureDue: state?.schedule?.countermeasureDue ?? null,
    publishedAt,
    advisoryId: publishedAt ? await advisoryIdOfCase(executor, caseId) : null,
  };
}

export async function presentReport(
  executor: Executor,
  deps: { cipher: FieldCipher; workflow: Pick<WorkflowStore, "load"> },
  actor: Actor,
  row: ReportRow,
): Promise<ReportView> {
  const { cipher, workflow } = deps;
  const state = (await workflow.load(executor, "report", row.id))?.state;
  const desk = isIntakeStaff(actor);
  const metadata: ReportMetadataView = {
    id: row.id,
    receiptNumber: row.receipt_number,
    kind: row.kind,
    title: row.title,
    receivedAt: row.received_at,
    status: state?.status ?? "submitted",
    closeReason: state?.closeReason ?? null,
    rejectReason: state?.rejectReason ?? null,
    duplicateOf: state?.duplicateOf ?? null,
    caseId: state?.caseId ?? null,
    siteCaseId: state?.siteCaseId ?? null,
    ...(await caseDates(executor, workflow, state?.caseId ?? null)),
    assigneeUserId: desk ? row.assignee_user_id : undefined,
    finderLanguage: desk ? await finderLanguage(executor, row.finder_user_id) : undefined,
    productName: row.product_name,
    productVersion: row.product_version,
    vendorName: row.vendor_name,
    siteUrl: row.site_url,
    cwe: row.cwe,
    cvssVector: row.cvss_vector,
    consent: state?.consent ?? null,
    history: (state?.history ?? []).map((entry) => ({
      at: entry.at,
      status: entry.status,
      ...(entry.reason ? { reason: entry.reason } : {}),
    })),
    kindChanges: state?.kindChanges ?? [],
    // The files' metadata for whoever sees the report; the bytes need content access.
    attachments: await attachmentSummaries(executor, cipher, row.id),
    // The desk's judgement (R-RISK-1), never the finder's to see.
    // Its reason only for the desk's members who may read the report's content (R-SEC-1).
    risk: desk
      ? await readReportRisk(executor, cipher, row.id, {
          reason: canReadReportContent(actor, row),
        })
      : undefined,
  };
  if (!canReadReportContent(actor, row)) return metadata;
  const text = unsealReportText(cipher, row);
  const content: ReportContentView = {
    ...metadata,
    description: text.description,
    reproduction: text.reproduction,
    howFound: text.howFound,
    disclosurePlans: text.disclosurePlans,
    alsoReportedDirectly: text.alsoReportedDirectly,
    verificationMethod: text.verificationMethod,
    attackMethod: text.attackMethod,
    decryptedMessage: row.pgp_message_sealed
      ? pgpMessageColumn.open(cipher, row.id, row.pgp_message_sealed)
      : null,
  };
  return content;
}
