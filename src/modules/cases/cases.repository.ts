import type { Selectable } from "kysely";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import { nextYearlyNumber } from "../../platform/db/counters.ts";
import type { Executor, Tx } from "../../platform/db/database.ts";
import type { CaseMessagesTable, CasesTable } from "../../platform/db/schema.ts";
import { newId } from "../../platform/ids.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import type { UserActor } from "../access/actor.ts";
import {
  type CountermeasureContent,
  caseMessageBody,
  countermeasureContent,
  type OpenedCaseContent,
  openedCaseContent,
  type StatementContent,
  statementContent,
} from "./cases.sealed.ts";

/** SQL of the cases module: the only writer of cases, case_participants, case_csirts,
 * case_countermeasures, case_statements and case_messages. */

export type CaseRow = Selectable<CasesTable>;

/** A case's human number (C-2026-000012), as mail, webhooks and the report name it. */
export async function caseNumberOf(executor: Executor, caseId: string): Promise<string | null> {
  const row = await executor
    .selectFrom("cases")
    .select("case_number")
    .where("id", "=", caseId)
    .executeTakeFirst();
  return row?.case_number ?? null;
}

/** The coordinator member handling the case, if one is assigned. */
export async function caseAssigneeOf(executor: Executor, caseId: string): Promise<string | null> {
  const row = await executor
    .selectFrom("cases")
    .select("assignee_user_id")
    .where("id", "=", caseId)
    .executeTakeFirst();
  return row?.assignee_user_id ?? null;
}

/** A CSIRT's case or a vendor's self-report, before its first command runs. */
export async function insertOpenedCase(
  tx: Tx,
  cipher: FieldCipher,
  input: {
    id: string;
    source: "csirt" | "self_report";
    orgId: string;
    title: string;
    content: OpenedCaseContent;
    shareWithIntake: boolean;
    at: string;
  },
): Promise<void> {
  await tx
    .insertInto("cases")
    .values({
      id: input.id,
      source: input.source,
      report_id: null,
      opened_by_org_id: input.orgId,
      title: input.title,
      content_sealed: openedCaseContent.seal(cipher, input.id, input.content),
      case_number: await nextYearlyNumber(tx, "case", new Date(input.at)),
      status: "triage",
      publish_at: null,
      assignee_user_id: null,
      share_with_intake: input.shareWithIntake ? 1 : 0,
      opened_at: input.at,
      updated_at: input.at,
    })
    .execute();
}

export async function setCaseAssignee(tx: Tx, caseId: string, userId: string): Promise<void> {
  await tx
    .updateTable("cases")
    .set({ assignee_user_id: userId })
    .where("id", "=", caseId)
    .execute();
}

export async function insertCountermeasure(
  tx: Tx,
  cipher: FieldCipher,
  input: {
    caseId: string;
    orgId: string;
    userId: string;
    type: "workaround" | "fix";
    content: CountermeasureContent;
    at: string;
  },
): Promise<string> {
  const id = newId();
  await tx
    .insertInto("case_countermeasures")
    .values({
      id,
      case_id: input.caseId,
      organization_id: input.orgId,
      type: input.type,
      content_sealed: countermeasureContent.seal(cipher, id, input.content),
      created_by: input.userId,
      created_at: input.at,
    })
    .execute();
  return id;
}

export async function insertStatement(
  tx: Tx,
  cipher: FieldCipher,
  input: { caseId: string; orgId: string; userId: string; content: StatementContent; at: string },
): Promise<string> {
  const id = newId();
  await tx
    .insertInto("case_statements")
    .values({
      id,
      case_id: input.caseId,
      organization_id: input.orgId,
      content_sealed: statementContent.seal(cipher, id, input.content),
      created_by: input.userId,
      created_at: input.at,
    })
    .execute();
  return id;
}

export async function insertCaseMessage(
  tx: Tx,
  cipher: FieldCipher,
  input: {
    id: string;
    caseId: string;
    author: UserActor;
    authorKind: CaseMessagesTable["author_kind"];
    authorOrgId: string | null;
    to: string;
    /** `|key|key|`: the audience keys the workflow gave the message. */
    audience: string;
    body: string;
    position: number;
    at: string;
  },
): Promise<void> {
  await tx
    .insertInto("case_messages")
    .values({
      id: input.id,
      case_id: input.caseId,
      author_user_id: input.author.userId,
      author_kind: input.authorKind,
      author_org_id: input.authorOrgId,
      addressed_to: input.to,
      audience: input.audience,
      body_sealed: caseMessageBody.seal(cipher, input.id, input.body),
      position: input.position,
      created_at: input.at,
    })
    .execute();
}

/**
 * Keeps `cases`, `case_participants` and `case_csirts` equal to each case's workflow state, in
 * the state's own transaction — including cases opened by a report's forwarding and changes
 * made by timers.
 */
export async function projectCase(tx: Tx, id: string, state: CaseState, at: string): Promise<void> {
  const source = state.source;
  if (!source || state.status === null) return;
  let title = "";
  let reportId: string | null = null;
  if (source.kind === "report") {
    reportId = source.reportId;
    const report = await tx
      .selectFrom("reports")
      .select("title")
      .where("id", "=", source.reportId)
      .executeTakeFirst();
    title = report?.title ?? "";
  }
  // A number is handed out once, when the case's row is first written.
  const existing = await tx
    .selectFrom("cases")
    .select("case_number")
    .where("id", "=", id)
    .executeTakeFirst();
  const openedAt = state.openedAt ?? at;
  await tx
    .insertInto("cases")
    .values({
      id,
      source: source.kind,
      report_id: reportId,
      opened_by_org_id:
        source.kind === "csirt"
          ? source.csirtOrgId
          : source.kind === "self_report"
            ? source.vendorOrgId
            : null,
      title,
      content_sealed: null,
      status: state.status,
      publish_at: state.schedule?.publishAt ?? null,
      assignee_user_id: null,
      share_with_intake: source.kind === "csirt" && !source.shareWithIntake ? 0 : 1,
      case_number:
        existing?.case_number ?? (await nextYearlyNumber(tx, "case", new Date(openedAt))),
      opened_at: openedAt,
      updated_at: at,
    })
    .onConflict((c) =>
      c.column("id").doUpdateSet({
        status: state.status ?? "triage",
        publish_at: state.schedule?.publishAt ?? null,
        updated_at: at,
      }),
    )
    .execute();
  await tx.deleteFrom("case_participants").where("case_id", "=", id).execute();
  if (state.participants.length > 0) {
    await tx
      .insertInto("case_participants")
      .values(
        state.participants.map((p) => ({
          case_id: id,
          organization_id: p.orgId,
          status: p.status,
          notified_at: p.notifiedAt,
        })),
      )
      .execute();
  }
  const csirts = new Set([
    ...(source.kind === "csirt" ? [source.csirtOrgId] : []),
    ...state.referrals.map((r) => r.csirtOrgId),
  ]);
  await tx.deleteFrom("case_csirts").where("case_id", "=", id).execute();
  if (csirts.size > 0) {
    await tx
      .insertInto("case_csirts")
      .values(
        [...csirts].map((organizationId) => ({ case_id: id, organization_id: organizationId })),
      )
      .execute();
  }
}

/** Marks the record changed at this instant (what every action on it does). */
export async function touchCase(tx: Tx, id: string, at: string): Promise<void> {
  await tx.updateTable("cases").set({ updated_at: at }).where("id", "=", id).execute();
}
