/**
 * The report or case a task is about: loading it as the caller may see it, its reference (receipt
 * or case number), the subjects whose findings it shows (a case shows its report's too), and its
 * content as the task's analyst reads it.
 */

import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import { notFound } from "../../platform/http/problem.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import type { Actor } from "../access/actor.ts";
import { caseNumberOf } from "../cases/cases.repository.ts";
import { openedCaseContent } from "../cases/cases.sealed.ts";
import { type CaseVisible, loadVisibleCase } from "../cases/cases.visibility.ts";
import { loadVisibleReport, type ReportVisible } from "../reports/reports.context.ts";
import { receiptNumberOf } from "../reports/reports.repository.ts";
import { unsealReportText } from "../reports/reports.sealed.ts";
import type { Subject } from "./analysis-tasks.repository.ts";
import type { SubjectContentView } from "./analysis-tasks.schemas.ts";

export type VisibleSubject =
  | { type: "report"; visible: ReportVisible }
  | { type: "case"; visible: CaseVisible };

export async function loadVisibleSubject(
  executor: Executor,
  workflow: Pick<WorkflowStore, "load">,
  actor: Actor,
  subject: Subject,
): Promise<VisibleSubject> {
  return subject.type === "report"
    ? { type: "report", visible: await loadVisibleReport(executor, actor, subject.id) }
    : { type: "case", visible: await loadVisibleCase(executor, workflow, actor, subject.id) };
}

/** The subjects whose findings a record shows: a case shows those made on its report too. */
export function findingSubjectsOf(subject: VisibleSubject): Subject[] {
  if (subject.type === "report") return [{ type: "report", id: subject.visible.row.id }];
  const row = subject.visible.row;
  return [
    { type: "case", id: row.id },
    ...(row.report_id ? [{ type: "report" as const, id: row.report_id }] : []),
  ];
}

/** The receipt number of a report or the number of a case, for lists and mail. */
export async function referenceOf(executor: Executor, subject: Subject): Promise<string> {
  const number =
    subject.type === "report"
      ? await receiptNumberOf(executor, subject.id)
      : await caseNumberOf(executor, subject.id);
  return number ?? subject.id;
}

async function reportContent(
  executor: Executor,
  cipher: FieldCipher,
  reportId: string,
): Promise<SubjectContentView> {
  const row = await executor
    .selectFrom("reports")
    .selectAll()
    .where("id", "=", reportId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const text = unsealReportText(cipher, row);
  const parts = [
    { name: "description", text: text.description },
    { name: "reproduction", text: text.reproduction },
    { name: "howFound", text: text.howFound },
    { name: "verificationMethod", text: text.verificationMethod },
    { name: "attackMethod", text: text.attackMethod },
  ].flatMap((part) => (part.text ? [{ name: part.name, text: part.text }] : []));
  return {
    title: row.title,
    productName: row.product_name,
    productVersion: row.product_version,
    vendorName: row.vendor_name,
    cwe: row.cwe,
    cvssVector: row.cvss_vector,
    parts,
  };
}

/**
 * The content the task's analyst needs: a report's text and methods, or a case's — the text of
 * the report it came from, or what it was opened with. The caller checked the analyst's grant.
 */
export async function subjectContent(
  executor: Executor,
  cipher: FieldCipher,
  subject: Subject,
): Promise<SubjectContentView> {
  if (subject.type === "report") return reportContent(executor, cipher, subject.id);
  const row = await executor
    .selectFrom("cases")
    .selectAll()
    .where("id", "=", subject.id)
    .executeTakeFirst();
  if (!row) throw notFound();
  if (row.report_id)
    return { ...(await reportContent(executor, cipher, row.report_id)), title: row.title };
  const opened = row.content_sealed
    ? openedCaseContent.open(cipher, row.id, row.content_sealed)
    : null;
  return {
    title: row.title,
    productName: null,
    productVersion: null,
    vendorName: opened?.vendorNames?.join(", ") || null,
    cwe: null,
    cvssVector: null,
    parts: [
      ...(opened?.description ? [{ name: "description", text: opened.description }] : []),
      ...(opened?.conditions ? [{ name: "conditions", text: opened.conditions }] : []),
    ],
  };
}

/** The report whose files a task's analyst may download: the report, or the case's report. */
export async function reportOfSubject(
  executor: Executor,
  subject: Subject,
): Promise<string | null> {
  if (subject.type === "report") return subject.id;
  const row = await executor
    .selectFrom("cases")
    .select("report_id")
    .where("id", "=", subject.id)
    .executeTakeFirst();
  return row?.report_id ?? null;
}
