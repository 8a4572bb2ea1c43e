import { z } from "zod";
import type { ReportListQuery } from "../../../modules/reports/reports.schemas.ts";
import type { RiskSort } from "../../../modules/risk/risk.sorting.ts";
import { RISK_SORTS } from "../../../modules/risk/risk.sorting.ts";
import type { Language, Translate } from "../../../platform/i18n/i18n.ts";
import { REPORT_STATUSES, type ReportStatus } from "../../../workflow/report.ts";
import { DateTime, Field, SelectField, SubmitButton } from "../../components.tsx";
import {
  appendRiskFilters,
  hasRiskFilters,
  NO_RISK_FILTERS,
  RiskFilterFields,
  type RiskFilterValues,
  riskFiltersQuery,
  riskQueryOf,
  riskSortOptions,
} from "../risk/risk-columns.tsx";
import { Checkbox, statusLabel } from "./shared.tsx";

/** The queue's filters as the page's query string carries them (strings, kept as typed). */
export interface QueueFilters {
  status: ReportStatus[];
  kind: string;
  /** "", "me", "unassigned" or a desk member's user id. */
  assignee: string;
  olderThanDays: string;
  q: string;
  sort: "newest" | "oldest" | RiskSort;
  /** The risk filters (R-RISK-1). */
  risk: RiskFilterValues;
}

export const NO_FILTERS: QueueFilters = {
  status: [],
  kind: "",
  assignee: "",
  olderThanDays: "",
  q: "",
  sort: "newest",
  risk: NO_RISK_FILTERS,
};

/** One text of the query: the first when repeated, "" when absent or longer than `max`. */
const queryText = (max: number) =>
  z.preprocess(
    (value) => (Array.isArray(value) ? value[0] : value),
    z.string().trim().max(max).catch(""),
  );

const isStatus = (entry: string): entry is ReportStatus =>
  (REPORT_STATUSES as readonly string[]).includes(entry);

/**
 * The queue's filters from the page's query string (`?status=a&status=b` or `?status=a,b`).
 * Anything odd is dropped rather than refused: these are filters.
 */
const ownQueueFilters = z
  .object({
    status: z
      .union([z.string(), z.array(z.string())])
      .transform((value) => [
        ...new Set(
          (Array.isArray(value) ? value : [value])
            .flatMap((entry) => entry.split(","))
            .filter(isStatus),
        ),
      ])
      .catch([]),
    kind: queryText(10).transform((kind) => (kind === "product" || kind === "web" ? kind : "")),
    assignee: queryText(100),
    olderThanDays: queryText(5).transform((days) =>
      /^\d{1,5}$/.test(days) ? String(Number(days)) : "",
    ),
    q: queryText(200),
    sort: queryText(10).transform((sort): QueueFilters["sort"] =>
      sort === "oldest" || (RISK_SORTS as readonly string[]).includes(sort)
        ? (sort as QueueFilters["sort"])
        : "newest",
    ),
  })
  .transform((filters): Omit<QueueFilters, "risk"> => filters);

/** The queue's filters, the risk filters (R-RISK-1) among them. */
export const queueFiltersQuery = z.unknown().transform(
  (query): QueueFilters => ({
    ...ownQueueFilters.parse(query ?? {}),
    risk: riskFiltersQuery.parse(query ?? {}),
  }),
);

export function parseQueueFilters(query: unknown): QueueFilters {
  return queueFiltersQuery.parse(query ?? {});
}

export function hasFilters(filters: QueueFilters): boolean {
  return (
    filters.status.length > 0 ||
    filters.kind !== "" ||
    filters.assignee !== "" ||
    filters.olderThanDays !== "" ||
    filters.q !== "" ||
    hasRiskFilters(filters.risk)
  );
}

/** The service's query for these filters. */
export function listQueryOf(filters: QueueFilters): Omit<ReportListQuery, "limit" | "cursor"> {
  return {
    sort: filters.sort,
    ...(filters.status.length > 0 ? { status: filters.status } : {}),
    ...(filters.kind === "product" || filters.kind === "web" ? { kind: filters.kind } : {}),
    ...(filters.assignee ? { assignee: filters.assignee } : {}),
    ...(filters.olderThanDays ? { olderThanDays: Number(filters.olderThanDays) } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...riskQueryOf(filters.risk),
  };
}

/** `/reports?…` with these filters (and, say, a cursor): what links and pagination keep. */
export function queueHref(filters: QueueFilters, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const status of filters.status) query.append("status", status);
  if (filters.kind) query.set("kind", filters.kind);
  if (filters.assignee) query.set("assignee", filters.assignee);
  if (filters.olderThanDays) query.set("olderThanDays", filters.olderThanDays);
  if (filters.q) query.set("q", filters.q);
  if (filters.sort !== "newest") query.set("sort", filters.sort);
  appendRiskFilters(query, filters.risk);
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const search = query.toString();
  return search ? `/reports?${search}` : "/reports";
}

/** The queue's filter form: a GET form (nothing changes, so no CSRF token), kept in the URL. */
export function QueueFilterForm(props: {
  t: Translate;
  filters: QueueFilters;
  members: { userId: string; name: string }[];
  userId: string;
}) {
  const { t, filters } = props;
  return (
    <section aria-labelledby="report-filter-heading">
      <h2 id="report-filter-heading">{t("reports.filter.heading")}</h2>
      <form method="get" action="/reports" class="stack queue-filters">
        <fieldset class="checkbox-group">
          <legend>{t("reports.filter.status")}</legend>
          <p class="hint">{t("desk.filter.statusHint")}</p>
          {REPORT_STATUSES.map((status) => (
            <Checkbox
              key={status}
              name="status"
              id={`filter-status-${status}`}
              value={status}
              label={statusLabel(t, status)}
              checked={filters.status.includes(status)}
            />
          ))}
        </fieldset>
        <SelectField
          name="kind"
          label={t("reports.filter.kind")}
          value={filters.kind}
          options={[
            { value: "", label: t("reports.filter.any") },
            { value: "product", label: t("reports.kind.product") },
            { value: "web", label: t("reports.kind.web") },
          ]}
        />
        <SelectField
          name="assignee"
          label={t("desk.filter.assignee")}
          value={filters.assignee}
          options={[
            { value: "", label: t("reports.filter.any") },
            { value: "me", label: t("reports.list.assignee.me") },
            { value: "unassigned", label: t("reports.list.assignee.none") },
            ...props.members
              .filter((member) => member.userId !== props.userId)
              .map((member) => ({ value: member.userId, label: member.name })),
          ]}
        />
        <Field
          name="olderThanDays"
          label={t("desk.filter.olderThanDays")}
          hint={t("desk.filter.olderThanDaysHint")}
          inputMode="numeric"
          value={filters.olderThanDays}
        />
        <Field
          name="q"
          label={t("desk.filter.q")}
          hint={t("desk.filter.qHint")}
          value={filters.q}
        />
        <SelectField
          name="sort"
          label={t("desk.filter.sort")}
          value={filters.sort}
          options={[
            { value: "newest", label: t("desk.filter.sort.newest") },
            { value: "oldest", label: t("desk.filter.sort.oldest") },
            ...riskSortOptions(t),
          ]}
        />
        <RiskFilterFields t={t} filters={filters.risk} />
        <SubmitButton variant="secondary">{t("reports.filter.submit")}</SubmitButton>
        {hasFilters(filters) || filters.sort !== "newest" ? (
          <p>
            <a href="/reports">{t("reports.filter.clear")}</a>
          </p>
        ) : null}
      </form>
    </section>
  );
}

export interface AcknowledgementCellValue {
  dueAt: string;
  standing: "within" | "near" | "past";
}

/** Age in days while the report is open ("—" once it has left the desk). */
export function AgeCell(props: { t: Translate; ageDays: number | null | undefined }) {
  const { t, ageDays } = props;
  if (ageDays === null || ageDays === undefined) return <>—</>;
  return <>{ageDays === 1 ? t("desk.age.day") : t("desk.age.days", { days: ageDays })}</>;
}

/**
 * Where a report awaiting the desk stands against the acknowledgement target, in words (the
 * class only adds emphasis): within, near or past, with the due time.
 */
export function AcknowledgementCell(props: {
  t: Translate;
  language: Language;
  value: AcknowledgementCellValue | null | undefined;
}) {
  const { t, language, value } = props;
  if (!value) return <>{t("desk.ack.notAwaiting")}</>;
  return (
    <span class={`standing standing-${value.standing}`}>
      <strong>{t(`desk.ack.${value.standing}`)}</strong>{" "}
      <span class="hint-inline">
        {t("desk.ack.due")} <DateTime value={value.dueAt} language={language} />
      </span>
    </span>
  );
}
