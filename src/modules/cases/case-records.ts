import { z } from "zod";
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import {
  type CountermeasureContent,
  countermeasureContext,
  type StatementContent,
  statementContext,
} from "./cases.presenter.ts";

/**
 * A case's vendor statements and countermeasures, opened, for another module that publishes
 * them (the public advisory). The case keeps its cipher contexts: a reader asks for records by
 * id and gets their content, checked, never the sealed text.
 */

const countermeasureContent = z.object({
  description: z.string(),
  affectedVersions: z.array(z.string()),
  fixedVersions: z.array(z.string()),
  url: z.string().nullable(),
}) satisfies z.ZodType<CountermeasureContent>;

const statementContent = z.object({
  text: z.string(),
  advisoryUrl: z.string().nullable(),
  contact: z.string().nullable(),
}) satisfies z.ZodType<StatementContent>;

export interface CaseStatementRecord extends StatementContent {
  id: string;
  organizationId: string;
}

export interface CaseCountermeasureRecord extends CountermeasureContent {
  id: string;
  organizationId: string;
  type: "workaround" | "fix";
  createdAt: string;
}

export function createCaseRecordsReader(deps: { cipher: FieldCipher }) {
  const { cipher } = deps;
  return {
    /** The case's statements among `ids`. */
    async statements(
      executor: Executor,
      caseId: string,
      ids: readonly string[],
    ): Promise<CaseStatementRecord[]> {
      if (ids.length === 0) return [];
      const rows = await executor
        .selectFrom("case_statements")
        .select(["id", "organization_id", "content_sealed"])
        .where("case_id", "=", caseId)
        .where("id", "in", [...ids])
        .execute();
      return rows.map((row) => ({
        id: row.id,
        organizationId: row.organization_id,
        ...statementContent.parse(
          JSON.parse(cipher.decrypt(row.content_sealed, statementContext(row.id))),
        ),
      }));
    },

    /** The case's countermeasures among `ids`, oldest first. */
    async countermeasures(
      executor: Executor,
      caseId: string,
      ids: readonly string[],
    ): Promise<CaseCountermeasureRecord[]> {
      if (ids.length === 0) return [];
      const rows = await executor
        .selectFrom("case_countermeasures")
        .select(["id", "organization_id", "type", "content_sealed", "created_at"])
        .where("case_id", "=", caseId)
        .where("id", "in", [...ids])
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map((row) => ({
        id: row.id,
        organizationId: row.organization_id,
        type: row.type,
        createdAt: row.created_at,
        ...countermeasureContent.parse(
          JSON.parse(cipher.decrypt(row.content_sealed, countermeasureContext(row.id))),
        ),
      }));
    },
  };
}

export type CaseRecordsReader = ReturnType<typeof createCaseRecordsReader>;
