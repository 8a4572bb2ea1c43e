/** SQL of the risk module: the only writer of `risk_assessments` and `risk_changes`. */
import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { RiskAssessmentsTable, RiskChangesTable } from "../../platform/db/schema/risk.ts";

export type RiskSubject = RiskAssessmentsTable["subject_type"];
export type RiskRow = Selectable<RiskAssessmentsTable>;
export type RiskChangeRow = Selectable<RiskChangesTable> & { changed_by_name: string | null };

export function findRisk(
  executor: Executor,
  subjectType: RiskSubject,
  subjectId: string,
): Promise<RiskRow | undefined> {
  return executor
    .selectFrom("risk_assessments")
    .selectAll()
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", subjectId)
    .executeTakeFirst();
}

export async function saveRisk(
  executor: Executor,
  row: Insertable<RiskAssessmentsTable>,
  exists: boolean,
): Promise<void> {
  if (!exists) {
    await executor.insertInto("risk_assessments").values(row).execute();
    return;
  }
  const { subject_type, subject_id, ...values } = row;
  await executor
    .updateTable("risk_assessments")
    .set(values)
    .where("subject_type", "=", subject_type)
    .where("subject_id", "=", subject_id)
    .execute();
}

/** Appends a change after the subject's earlier ones. */
export async function insertRiskChange(
  executor: Executor,
  row: Omit<Insertable<RiskChangesTable>, "position">,
): Promise<void> {
  const last = await executor
    .selectFrom("risk_changes")
    .select((eb) => eb.fn.max("position").as("position"))
    .where("subject_type", "=", row.subject_type)
    .where("subject_id", "=", row.subject_id)
    .executeTakeFirst();
  const position = Number(last?.position ?? 0) + 1;
  await executor
    .insertInto("risk_changes")
    .values({ ...row, position })
    .execute();
}

/** The changes of these subjects, oldest first, with their authors' names. */
export function listRiskChanges(
  executor: Executor,
  subjects: readonly { type: RiskSubject; id: string }[],
): Promise<RiskChangeRow[]> {
  return (
    executor
      .selectFrom("risk_changes")
      .leftJoin("users", "users.id", "risk_changes.changed_by")
      .selectAll("risk_changes")
      .select("users.name as changed_by_name")
      .where((eb) =>
        eb.or(
          subjects.map((subject) =>
            eb.and([
              eb("risk_changes.subject_type", "=", subject.type),
              eb("risk_changes.subject_id", "=", subject.id),
            ]),
          ),
        ),
      )
      .orderBy("risk_changes.changed_at")
      // A report's changes came before its case's.
      .orderBy("risk_changes.subject_type", "desc")
      .orderBy("risk_changes.position")
      .execute()
  );
}
