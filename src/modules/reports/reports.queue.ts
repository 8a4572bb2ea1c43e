import { type Expression, type SqlBool, SqliteAdapter, sql } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import { decodeCursor, page } from "../../platform/http/pagination.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { DAY_MS } from "../../workflow/common.ts";
import { deadlineStanding, type WorkflowPolicy } from "../../workflow/policy.ts";
import type { ReportState, ReportStatus } from "../../workflow/report.ts";
import type { UserActor } from "../access/actor.ts";
import { keysetAfter, riskColumns, riskConditions, sortKey } from "../risk/risk.sorting.ts";
import type { SsvcDecision } from "../risk/ssvc.ts";
import { isIntakeStaff } from "./reports.policy.ts";
import type { QueueItem, ReportList, ReportListQuery } from "./reports.schemas.ts";
import { whereVisible } from "./reports.visibility.ts";

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The host of `reports.site_url`, lower-cased, in SQL: the text between `://` and the next `/`.
 * SQLite has `instr` and PostgreSQL `strpos` (same arguments, same answer); nothing else differs.
 */
function siteHost(db: Db): Expression<string | null> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const position = (haystack: Expression<unknown>, needle: string) =>
    sqlite
      ? sql<number>`instr(${haystack}, ${needle})`
      : sql<number>`strpos(${haystack}, ${needle})`;
  const url = sql.ref("reports.site_url");
  const rest = sql<string>`substr(${url}, ${position(url, "://")} + 3)`;
  const slash = position(rest, "/");
  return sql<
    string | null
  >`lower(case when ${slash} > 0 then substr(${rest}, 1, ${slash} - 1) else ${rest} end)`;
}

/** The moment a report in `submitted` last entered it: its receipt or its last resubmission. */
function awaitingSince(stateJson: string, receivedAt: string): string {
  const state = JSON.parse(stateJson) as Pick<ReportState, "history">;
  const entry = state.history?.findLast((item) => item.status === "submitted");
  return entry?.at ?? receivedAt;
}

/**
 * Finder: own reports; intake staff: the queue (metadata only), filtered and sorted in SQL and
 * paged by (received_at, id). Each open report in the desk's answer carries its age and, while
 * it awaits the desk, where it stands against the acknowledgement target.
 */
export async function listReports(
  deps: { db: Db; clock: Clock; policy: WorkflowPolicy },
  actor: UserActor,
  query: ReportListQuery,
): Promise<ReportList> {
  const { db, clock, policy } = deps;
  const userId = actor.userId;
  const desk = isIntakeStaff(actor);
  const oldestFirst = query.sort === "oldest";
  // Risk is the desk's: only the desk sorts and filters by it (a finder's query ignores it).
  const riskSort = desk && query.sort !== "newest" && query.sort !== "oldest" ? query.sort : null;
  const risk = riskColumns("risk");
  const riskKey = riskSort ? sortKey(risk, riskSort) : null;
  const now = clock.now();
  const after = decodeCursor(query.cursor, riskKey ? 3 : 2);
  let select = db
    .selectFrom("reports")
    .innerJoin("workflow_states", "workflow_states.aggregate_id", "reports.id")
    .leftJoin("risk_assessments as risk", (join) =>
      join.onRef("risk.subject_id", "=", "reports.id").on("risk.subject_type", "=", "report"),
    )
    .select([
      risk.urgency.as("risk_urgency"),
      risk.ssvcDecision.as("risk_ssvc_decision"),
      risk.cvssScore.as("risk_cvss_score"),
      (riskKey ?? sql<number>`0`).as("risk_key"),
      "reports.id",
      "reports.receipt_number",
      "reports.kind",
      "reports.title",
      "reports.received_at",
      "reports.assignee_user_id",
      "reports.product_name",
      "reports.vendor_name",
      "reports.site_url",
      "workflow_states.status",
      "workflow_states.state",
    ])
    .where((eb) => whereVisible(eb, actor));
  if (query.status && query.status.length > 0)
    select = select.where("workflow_states.status", "in", query.status);
  if (query.kind) select = select.where("reports.kind", "=", query.kind);
  if (desk && query.assignee) {
    const assignee = query.assignee;
    select =
      assignee === "unassigned"
        ? select.where("reports.assignee_user_id", "is", null)
        : select.where("reports.assignee_user_id", "=", assignee === "me" ? userId : assignee);
  }
  if (query.olderThanDays !== undefined) {
    const before = new Date(now.getTime() - query.olderThanDays * DAY_MS).toISOString();
    select = select.where("reports.received_at", "<", before);
  }
  if (query.q) {
    // SQLite has no default LIKE escape character: name it, or "\\_" never matches "_".
    const pattern = `%${escapeLike(query.q.toLowerCase())}%`;
    const host = siteHost(db);
    select = select.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(${sql.ref("reports.product_name")}) like ${pattern} escape '\\'`,
        sql<SqlBool>`lower(${sql.ref("reports.vendor_name")}) like ${pattern} escape '\\'`,
        sql<SqlBool>`${host} like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (desk) {
    for (const condition of riskConditions(risk, query)) select = select.where(condition);
  }
  if (after && riskKey) {
    const [key, receivedAt, id] = after as [number, string, string];
    select = select.where(
      keysetAfter(
        [
          { key: riskKey, value: key },
          { key: sql.ref("reports.received_at"), value: receivedAt },
          { key: sql.ref("reports.id"), value: id },
        ],
        "<",
      ),
    );
  } else if (after) {
    const [receivedAt, id] = after as [string, string];
    const beyond = oldestFirst ? ">" : "<";
    select = select.where((eb) =>
      eb.or([
        eb("reports.received_at", beyond, receivedAt),
        eb.and([eb("reports.received_at", "=", receivedAt), eb("reports.id", beyond, id)]),
      ]),
    );
  }
  const direction = oldestFirst ? "asc" : "desc";
  if (riskKey) select = select.orderBy(riskKey, "desc");
  const rows = await select
    .orderBy("reports.received_at", direction)
    .orderBy("reports.id", direction)
    .limit(query.limit + 1)
    .execute();
  const result = page(rows, query.limit, (row) =>
    riskKey ? [Number(row.risk_key), row.received_at, row.id] : [row.received_at, row.id],
  );
  const open = new Set(["submitted", "needs_info", "accepted"]);
  return {
    items: result.items.map((row) => {
      const item = {
        id: row.id,
        receiptNumber: row.receipt_number,
        kind: row.kind,
        title: row.title,
        // The report's own state row: always one of its statuses.
        status: row.status as ReportStatus,
        receivedAt: row.received_at,
        productName: row.product_name,
        vendorName: row.vendor_name,
        siteUrl: row.site_url,
      };
      if (!desk) return item;
      let acknowledgement: QueueItem["acknowledgement"] = null;
      if (row.status === "submitted") {
        const since = awaitingSince(row.state, row.received_at);
        acknowledgement = {
          since,
          ...deadlineStanding(
            since,
            now.toISOString(),
            policy.intakeAcknowledgement,
            policy.calendar,
          ),
        };
      }
      return {
        ...item,
        assigneeUserId: row.assignee_user_id,
        // Whole days since receipt while the report is open; null once it has left the desk.
        ageDays:
          row.status && open.has(row.status)
            ? Math.floor((now.getTime() - Date.parse(row.received_at)) / DAY_MS)
            : null,
        acknowledgement,
        urgency: row.risk_urgency as QueueItem["urgency"],
        ssvcDecision: row.risk_ssvc_decision as SsvcDecision | null,
        cvssScore: row.risk_cvss_score === null ? null : Number(row.risk_cvss_score),
      };
    }),
    nextCursor: result.nextCursor,
  };
}
