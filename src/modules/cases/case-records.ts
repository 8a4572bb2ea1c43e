import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import {
  type CountermeasureContent,
  countermeasureContent,
  type StatementContent,
  statementContent,
} from "./cases.sealed.ts";

/**
 * A case's vendor statements and countermeasures, opened, for another module that publishes
 * them (the public advisory). The case keeps its sealed columns: a reader asks for records by id
 * and gets their content, checked, never the sealed text.
 */

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
        ...statementContent.open(cipher, row.id, row.content_sealed),
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
        ...countermeasureContent.open(cipher, row.id, row.content_sealed),
      }));
    },
  };
}

export type CaseRecordsReader = ReturnType<typeof createCaseRecordsReader>;
