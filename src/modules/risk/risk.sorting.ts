/**
 * The desk's queue and the coordinator's case list sort and filter by risk in SQL: the columns
 * of the row's risk (a case's own, else its report's), the sort keys, the filters and the
 * keyset condition that pages through them.
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import { z } from "zod";
import { URGENCIES, type Urgency } from "./risk.schemas.ts";
import { SSVC_DECISIONS, type SsvcDecision } from "./ssvc.ts";

/** Highest first, then newest: the queue's and the case list's extra orders. */
export const RISK_SORTS = ["urgency", "ssvc", "cvss"] as const;
export type RiskSort = (typeof RISK_SORTS)[number];

/** The risk filters and sorts of an API list's query (staff only; ignored for anyone else). */
export const riskListQuery = {
  urgency: z.enum(URGENCIES).optional().describe("Staff only: this urgency"),
  ssvcDecision: z.enum(SSVC_DECISIONS).optional().describe("Staff only: this SSVC decision"),
  minCvss: z.coerce
    .number()
    .min(0)
    .max(10)
    .optional()
    .describe("Staff only: the higher of the CVSS 3.1 and 4.0 base scores at least this"),
};

export interface RiskFilters {
  urgency?: Urgency | undefined;
  ssvcDecision?: SsvcDecision | undefined;
  minCvss?: number | undefined;
}

export interface RiskColumns {
  urgency: RawBuilder<string | null>;
  ssvcDecision: RawBuilder<string | null>;
  cvssScore: RawBuilder<number | null>;
  urgencyRank: RawBuilder<number>;
  ssvcRank: RawBuilder<number>;
  /** The score, -1 without one: a sort key that is never null. */
  cvssKey: RawBuilder<number>;
}

/**
 * A row's risk from the risk_assessments joined as `own` and, when given, as `fallback` (a
 * case's report): the own row wins whole when it exists — a value it cleared stays cleared.
 */
export function riskColumns(own: string, fallback?: string): RiskColumns {
  const column = (name: string) => {
    const ownColumn = sql.ref(`${own}.${name}`);
    if (!fallback) return ownColumn;
    return sql`case when ${sql.ref(`${own}.subject_id`)} is not null then ${ownColumn} else ${sql.ref(`${fallback}.${name}`)} end`;
  };
  return {
    urgency: sql<string | null>`${column("urgency")}`,
    ssvcDecision: sql<string | null>`${column("ssvc_decision")}`,
    cvssScore: sql<number | null>`${column("cvss_score")}`,
    urgencyRank: sql<number>`coalesce(${column("urgency_rank")}, 0)`,
    ssvcRank: sql<number>`coalesce(${column("ssvc_rank")}, 0)`,
    cvssKey: sql<number>`coalesce(${column("cvss_score")}, -1)`,
  };
}

export function sortKey(columns: RiskColumns, sort: RiskSort): RawBuilder<number> {
  if (sort === "urgency") return columns.urgencyRank;
  if (sort === "ssvc") return columns.ssvcRank;
  return columns.cvssKey;
}

/** The filters as SQL conditions (none: an empty list). */
export function riskConditions(columns: RiskColumns, filters: RiskFilters): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filters.urgency) conditions.push(sql<SqlBool>`${columns.urgency} = ${filters.urgency}`);
  if (filters.ssvcDecision)
    conditions.push(sql<SqlBool>`${columns.ssvcDecision} = ${filters.ssvcDecision}`);
  if (filters.minCvss !== undefined)
    conditions.push(sql<SqlBool>`${columns.cvssKey} >= ${filters.minCvss}`);
  return conditions;
}

/**
 * The rows after a page's last one, for keys all sorted the same way: the first key beyond its
 * value, or equal and the rest beyond theirs.
 */
export function keysetAfter(
  keys: readonly { key: Expression<unknown>; value: string | number }[],
  beyond: "<" | ">",
): Expression<SqlBool> {
  const [first, ...rest] = keys;
  if (!first) return sql<SqlBool>`1 = 0`;
  const past = sql<SqlBool>`${first.key} ${sql.raw(beyond)} ${first.value}`;
  if (rest.length === 0) return past;
  return sql<SqlBool>`(${past} or (${first.key} = ${first.value} and ${keysetAfter(rest, beyond)}))`;
}
