/** SQL of the classification module: the only writer of `classifications`. */
import type { Executor } from "../../platform/db/database.ts";
import {
  type Classification,
  type ClassificationSubject,
  UNKNOWN_CLASSIFICATION,
} from "./classification.values.ts";

interface Row {
  product_type: Classification["productType"];
  oss: number | null;
  impact: Classification["impact"];
  operator_type: Classification["operatorType"];
}

function fromRow(row: Row | undefined): Classification {
  if (!row) return UNKNOWN_CLASSIFICATION;
  return {
    productType: row.product_type,
    oss: row.oss === null ? null : row.oss === 1,
    impact: row.impact,
    operatorType: row.operator_type,
  };
}

/** The subject's classification; all unknown without a row. */
export async function findClassification(
  executor: Executor,
  subjectType: ClassificationSubject,
  subjectId: string,
): Promise<Classification> {
  const row = await executor
    .selectFrom("classifications")
    .select(["product_type", "oss", "impact", "operator_type"])
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", subjectId)
    .executeTakeFirst();
  return fromRow(row);
}

/**
 * Every classified subject of one type, by id (a subject missing from the map is unknown).
 * The statistics read the whole table: it holds a few short columns per subject.
 */
export async function classificationsOf(
  executor: Executor,
  subjectType: ClassificationSubject,
): Promise<Map<string, Classification>> {
  const rows = await executor
    .selectFrom("classifications")
    .select(["subject_id", "product_type", "oss", "impact", "operator_type"])
    .where("subject_type", "=", subjectType)
    .execute();
  return new Map(rows.map((row) => [row.subject_id, fromRow(row)]));
}

/** Stores the whole classification of a subject, replacing any earlier one. */
export async function saveClassification(
  executor: Executor,
  subjectType: ClassificationSubject,
  subjectId: string,
  value: Classification,
  by: { userId: string; at: string },
): Promise<void> {
  const columns = {
    product_type: value.productType,
    oss: value.oss === null ? null : value.oss ? 1 : 0,
    impact: value.impact,
    operator_type: value.operatorType,
    updated_at: by.at,
    updated_by: by.userId,
  };
  await executor
    .insertInto("classifications")
    .values({ subject_type: subjectType, subject_id: subjectId, ...columns })
    .onConflict((oc) => oc.columns(["subject_type", "subject_id"]).doUpdateSet(columns))
    .execute();
}
