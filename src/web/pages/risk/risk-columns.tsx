/**
 * The risk columns and filter controls of the desk's queue and the staff's case list: urgency,
 * SSVC decision and the higher CVSS base score, in words, and the selects that filter and sort.
 */

import { z } from "zod";
import { URGENCIES } from "../../../modules/risk/risk.schemas.ts";
import type { RiskSort } from "../../../modules/risk/risk.sorting.ts";
import { SSVC_DECISIONS } from "../../../modules/risk/ssvc.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import type { RecordColumn } from "../../components/record-list.tsx";
import { SelectField } from "../../components.tsx";

const key = (text: string) => text as MessageKey;

export interface RiskListFields {
  urgency?: string | null | undefined;
  ssvcDecision?: string | null | undefined;
  cvssScore?: number | null | undefined;
}

/** The three columns, for items that carry risk fields. */
export function riskColumns<T>(t: Translate): RecordColumn<T>[] {
  const none = t("risk.list.none");
  // A list item carries the risk fields only for staff; absent fields show "—".
  const of = (item: T) => item as RiskListFields;
  return [
    {
      key: "urgency",
      heading: t("risk.list.urgency"),
      cell: (item) => {
        const { urgency } = of(item);
        return urgency ? t(key(`risk.urgency.${urgency}`)) : none;
      },
    },
    {
      key: "ssvc",
      heading: t("risk.list.ssvc"),
      cell: (item) => {
        const { ssvcDecision } = of(item);
        return ssvcDecision ? t(key(`risk.decision.${ssvcDecision}`)) : none;
      },
    },
    {
      key: "cvss",
      heading: t("risk.list.cvss"),
      cell: (item) => {
        const { cvssScore } = of(item);
        return cvssScore === null || cvssScore === undefined ? none : cvssScore.toFixed(1);
      },
    },
  ];
}

/** The risk filters as a list page's query string carries them (strings, kept as typed). */
export interface RiskFilterValues {
  urgency: string;
  ssvcDecision: string;
  minCvss: string;
}

export const NO_RISK_FILTERS: RiskFilterValues = { urgency: "", ssvcDecision: "", minCvss: "" };

/** One text of a query, kept when `allowed` takes it, else "": these are filters. */
const filterText = (allowed: (value: string) => boolean) =>
  z
    .preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string().trim().catch(""))
    .transform((value) => (allowed(value) ? value : ""));

/** The risk filters of a list page's query string; anything odd is dropped. */
export const riskFiltersQuery = z.object({
  urgency: filterText((value) => (URGENCIES as readonly string[]).includes(value)),
  ssvcDecision: filterText((value) => (SSVC_DECISIONS as readonly string[]).includes(value)),
  minCvss: filterText((value) => /^(10(\.0)?|\d(\.\d)?)$/.test(value)),
});

/** The service's query for these filters. */
export function riskQueryOf(filters: RiskFilterValues) {
  return {
    ...(filters.urgency ? { urgency: filters.urgency as (typeof URGENCIES)[number] } : {}),
    ...(filters.ssvcDecision
      ? { ssvcDecision: filters.ssvcDecision as (typeof SSVC_DECISIONS)[number] }
      : {}),
    ...(filters.minCvss ? { minCvss: Number(filters.minCvss) } : {}),
  };
}

/** The filters in a link's query. */
export function appendRiskFilters(query: URLSearchParams, filters: RiskFilterValues) {
  if (filters.urgency) query.set("urgency", filters.urgency);
  if (filters.ssvcDecision) query.set("ssvcDecision", filters.ssvcDecision);
  if (filters.minCvss) query.set("minCvss", filters.minCvss);
}

export const hasRiskFilters = (filters: RiskFilterValues) =>
  filters.urgency !== "" || filters.ssvcDecision !== "" || filters.minCvss !== "";

/** The selects of the risk filters. */
export function RiskFilterFields(props: { t: Translate; filters: RiskFilterValues }) {
  const { t, filters } = props;
  const any = { value: "", label: t("risk.filter.any") };
  return (
    <>
      <SelectField
        name="urgency"
        label={t("risk.filter.urgency")}
        value={filters.urgency}
        options={[any, ...URGENCIES.map((u) => ({ value: u, label: t(key(`risk.urgency.${u}`)) }))]}
      />
      <SelectField
        name="ssvcDecision"
        label={t("risk.filter.ssvc")}
        value={filters.ssvcDecision}
        options={[
          any,
          ...SSVC_DECISIONS.map((d) => ({ value: d, label: t(key(`risk.decision.${d}`)) })),
        ]}
      />
      <SelectField
        name="minCvss"
        label={t("risk.filter.minCvss")}
        value={filters.minCvss}
        options={[
          any,
          ...["9.0", "7.0", "4.0", "0.1"].map((score) => ({ value: score, label: score })),
        ]}
      />
    </>
  );
}

/** The sort choices by risk, after a list's own. */
export function riskSortOptions(t: Translate): { value: RiskSort; label: string }[] {
  return [
    { value: "urgency", label: t("risk.sort.urgency") },
    { value: "ssvc", label: t("risk.sort.ssvc") },
    { value: "cvss", label: t("risk.sort.cvss") },
  ];
}
