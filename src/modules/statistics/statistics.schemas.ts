/**
 * The answer of `GET /api/v1/statistics` (R-STA-1), in the shape API.md fixes
 * (`from, to, granularity, periods[].submissions, totals.submissions, totals.byCwe,
 * totals.byCloseReason`) and the rest of IPA's quarterly report beside it. Every figure is a
 * count of workflow facts; nothing here names a site, a URL, an operator or a finder (R-CLS-3).
 * The same object feeds the JSON, the CSV, the public page and `kakehashi simulate`.
 */
import { z } from "zod";

export const GRANULARITIES = ["quarter", "year"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** The word a count map uses for a subject whose value is not known (existing rows, say). */
export const UNKNOWN = "unknown";

export const statisticsQuery = z.object({
  /** Inclusive start, a date (YYYY-MM-DD, Asia/Tokyo) or an instant; default: the first quarter with a submission. */
  from: z.string().optional(),
  /** Exclusive end; default: now. */
  to: z.string().optional(),
  granularity: z.enum(GRANULARITIES).default("quarter"),
});
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

const byKind = z.object({ product: z.number().int(), web: z.number().int() });
/** Counts by category; `unknown` counts subjects without a value. */
const counts = z.record(z.string(), z.number().int());

/** A histogram bucket of days: `max` null for the open-ended last one. */
const dayBucket = z.object({
  label: z.string(),
  minDays: z.number().int(),
  maxDays: z.number().int().nullable(),
  count: z.number().int(),
});

const period = z.object({
  /** Instants (ISO 8601, UTC) of the period's bounds in Asia/Tokyo: start inclusive, end exclusive. */
  start: z.string(),
  end: z.string(),
  /** e.g. "2026-Q3" or "2026". */
  label: z.string(),
  submissions: byKind,
  /** Since the platform's first submission up to this period's end. */
  cumulative: byKind,
  businessDays: z.number().int(),
  /** Submissions (both kinds) per business day in the period, to two decimals. */
  perBusinessDay: z.number(),
});

export const statisticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  granularity: z.enum(GRANULARITIES),
  periods: z.array(period),
  totals: z.object({
    submissions: byKind,
    cumulative: byKind,
    businessDays: z.number().int(),
    perBusinessDay: z.number(),
    /** Reports submitted in [from, to), by CWE id. */
    byCwe: counts,
    /** Product reports submitted in [from, to), by product type, OSS (`oss`, `not_oss`, `unknown`) and impact. */
    byProductType: counts,
    byOss: counts,
    byImpact: counts,
    /** Where the reports submitted in [from, to) stood at `to`, per kind. */
    byStatus: z.object({ product: counts, web: counts }),
    /** How the reports submitted in [from, to) that had ended by `to` ended (intake reasons and linked outcomes). */
    byCloseReason: counts,
    /** Product cases published in [from, to): IPA's 45-day measure counts from the report's acceptance. */
    productPublication: z.object({
      published: z.number().int(),
      within45Days: z.number().int(),
      /** within45Days / published, 0…1; null when nothing was published. */
      shareWithin45Days: z.number().nullable(),
      daysToPublication: z.array(dayBucket),
    }),
    /** Web cases whose operator reported a fix in [from, to), counted from the notification. */
    webFixes: z.object({
      fixed: z.number().int(),
      within90Days: z.number().int(),
      shareWithin90Days: z.number().nullable(),
      daysToFix: z.array(dayBucket),
      byFixMethod: counts,
      /** Web cases notified in [from, to), by the operator's type. */
      byOperatorType: counts,
      /** Web cases still open at `to` that were notified more than 90 days before it, by age. */
      openOver90Days: z.array(dayBucket),
    }),
    /** R-COO-8: vendors listed as unreachable (by name) in [from, to), and listed at `to`. */
    unreachableVendors: z.object({
      listedInPeriod: z.number().int(),
      productsListedInPeriod: z.number().int(),
      listedAtEnd: z.number().int(),
    }),
  }),
});
export type Statistics = z.infer<typeof statisticsSchema>;
