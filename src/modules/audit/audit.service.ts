import { sql } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import type { Actor } from "../access/actor.ts";
import type { AuditEntryView } from "./audit.schemas.ts";
import type { Audit } from "./audit.ts";

export interface AuditQuery {
  type?: string | undefined;
  outcome?: "ok" | "denied" | "failed" | undefined;
  actorUserId?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export type { AuditEntryView } from "./audit.schemas.ts";

/** Reading the audit log (route capability audit.read); the reading is itself recorded. */
export function createAuditService(deps: { db: Db; audit: Audit }) {
  const { db, audit } = deps;
  return {
    /** Records an action the actor was refused (403), in a transaction of its own. */
    async recordDenied(actor: Actor, details: Record<string, unknown>): Promise<void> {
      await db
        .transaction()
        .execute((tx) =>
          audit.record(tx, actor, { type: "access.denied", outcome: "denied", details }),
        );
    },

    async list(actor: Actor, query: AuditQuery) {
      const after = decodeCursor(query.cursor, 1);
      // The human number of a case (C-…), a report or a web case (its report's R-…) beside the id.
      let select = db
        .selectFrom("audit_log")
        .leftJoin("users", "users.id", "audit_log.actor_user_id")
        .leftJoin("cases", (join) =>
          join
            .onRef("cases.id", "=", "audit_log.subject_id")
            .on("audit_log.subject_type", "=", "case"),
        )
        .leftJoin("reports", (join) =>
          join
            .onRef("reports.id", "=", "audit_log.subject_id")
            .on("audit_log.subject_type", "=", "report"),
        )
        .leftJoin("site_cases", (join) =>
          join
            .onRef("site_cases.id", "=", "audit_log.subject_id")
            .on("audit_log.subject_type", "=", "site_case"),
        )
        .leftJoin("reports as site_reports", "site_reports.id", "site_cases.report_id")
        .selectAll("audit_log")
        .select([
          "users.name as actor_name",
          "cases.case_number",
          "reports.receipt_number",
          "site_reports.receipt_number as site_receipt_number",
        ]);
      if (query.type) {
        // SQLite has no default LIKE escape character: name it, or "\\_" never matches "_".
        const prefix = `${query.type.replace(/[\\%_]/g, "\\$&")}%`;
        select = select.where(
          sql<boolean>`${sql.ref("audit_log.type")} like ${prefix} escape '\\'`,
        );
      }
      if (query.outcome) select = select.where("audit_log.outcome", "=", query.outcome);
      if (query.actorUserId)
        select = select.where("audit_log.actor_user_id", "=", query.actorUserId);
      if (query.subjectType)
        select = select.where("audit_log.subject_type", "=", query.subjectType);
      if (query.subjectId) {
        const subject = query.subjectId;
        // Staff search by the number people say as well as by the id.
        select = select.where((eb) =>
          eb.or([
            eb("audit_log.subject_id", "=", subject),
            eb("cases.case_number", "=", subject),
            eb("reports.receipt_number", "=", subject),
            eb("site_reports.receipt_number", "=", subject),
          ]),
        );
      }
      if (query.from)
        select = select.where("audit_log.at", ">=", new Date(query.from).toISOString());
      if (query.to) select = select.where("audit_log.at", "<", new Date(query.to).toISOString());
      if (after) select = select.where("audit_log.seq", "<", Number(after[0]));
      const rows = await select
        .orderBy("audit_log.seq", "desc")
        .limit(query.limit + 1)
        .execute();
      const result = page(rows, query.limit, (row) => [Number(row.seq)]);
      await db.transaction().execute((tx) =>
        audit.record(tx, actor, {
          type: "audit.viewed",
          details: Object.fromEntries(
            Object.entries(query).filter(([key, value]) => value !== undefined && key !== "cursor"),
          ),
        }),
      );
      return {
        items: result.items.map(
          (row): AuditEntryView => ({
            seq: Number(row.seq),
            at: row.at,
            type: row.type,
            outcome: row.outcome,
            actor: row.actor_user_id
              ? {
                  userId: row.actor_user_id,
                  name: row.actor_name,
                  organizationId: row.actor_organization_id,
                }
              : null,
            ip: row.ip,
            userAgent: row.user_agent,
            subjectType: row.subject_type,
            subjectId: row.subject_id,
            subjectNumber: row.case_number ?? row.receipt_number ?? row.site_receipt_number ?? null,
            details: JSON.parse(row.details),
          }),
        ),
        nextCursor: result.nextCursor,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
