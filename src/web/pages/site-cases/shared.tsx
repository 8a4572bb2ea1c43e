import type { ComponentChildren } from "preact";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import type {
  FixMethod,
  SiteCaseStatus,
  SiteCloseReason,
} from "../../../workflow/site-case/index.ts";
import { type FieldError, Pagination } from "../../components.tsx";
import type { SentForm } from "../../form-action.ts";
import type { PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";

/** The words of each value the workflow names (a missing one fails the build). */
export const SITE_CASE_STATUS_LABELS: Record<SiteCaseStatus, MessageKey> = {
  operator_notified: "siteCases.status.operator_notified",
  operator_acknowledged: "siteCases.status.operator_acknowledged",
  fixed: "siteCases.status.fixed",
  not_vulnerable: "siteCases.status.not_vulnerable",
  operator_unreachable: "siteCases.status.operator_unreachable",
  closed: "siteCases.status.closed",
};

export const SITE_CLOSE_REASON_LABELS: Record<SiteCloseReason, MessageKey> = {
  fixed: "siteCases.closeReason.fixed",
  closed_after_warning: "siteCases.closeReason.closed_after_warning",
  not_vulnerable: "siteCases.closeReason.not_vulnerable",
  unreachable: "siteCases.closeReason.unreachable",
};

export const FIX_METHOD_LABELS: Record<FixMethod, MessageKey> = {
  app_fixed: "siteCases.fixMethod.app_fixed",
  page_removed: "siteCases.fixMethod.page_removed",
  operational_workaround: "siteCases.fixMethod.operational_workaround",
};

const label =
  <V extends string>(table: Record<V, MessageKey>) =>
  (t: Translate, value: string | null) => {
    const key = value && value in table ? table[value as V] : undefined;
    return key ? t(key) : (value ?? "");
  };

export const siteCaseStatusLabel = label(SITE_CASE_STATUS_LABELS);
export const siteCloseReasonLabel = label(SITE_CLOSE_REASON_LABELS);
export const fixMethodLabel = label(FIX_METHOD_LABELS);

/** One term and its description in a summary list. */
export function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** What a form of the case page shows again after a refusal: its values and errors. */
export interface FormState {
  /** Whether this form is the one that came back. */
  isSent(name: string): boolean;
  errorsFor(name: string): FieldError[];
  value(name: string, field: string, fallback?: string): string;
}

export function formState(form: SentForm | null): FormState {
  return {
    isSent: (name) => form?.name === name,
    errorsFor: (name) => (form?.name === name ? form.errors : []),
    value: (name, field, fallback = "") =>
      form?.name === name ? (form.values[field] ?? "") : fallback,
  };
}

/**
 * A list page's table: its column headings and rows, or a sentence when there are none, then
 * the links to the first and the next page (all but the rows in the words of `labels`).
 */
export function PagedTable(props: {
  id: string;
  page: PageContext;
  labels: { caption: MessageKey; empty: MessageKey; pagination: MessageKey };
  columns: string[];
  rows: ComponentChildren[];
  firstHref: string | null;
  nextHref: string | null;
}) {
  const { t } = props.page;
  return (
    <>
      {props.rows.length === 0 ? (
        <p>{t(props.labels.empty)}</p>
      ) : (
        <DataTable id={props.id} caption={t(props.labels.caption)}>
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{props.rows}</tbody>
        </DataTable>
      )}
      <Pagination
        label={t(props.labels.pagination)}
        first={props.firstHref ? { href: props.firstHref, label: t("siteCases.list.first") } : null}
        next={props.nextHref ? { href: props.nextHref, label: t("siteCases.list.next") } : null}
      />
    </>
  );
}
