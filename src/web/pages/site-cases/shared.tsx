import type { ComponentChildren } from "preact";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";

export const SITE_CASE_STATUS_LABELS: Record<string, MessageKey> = {
  operator_notified: "siteCases.status.operator_notified",
  operator_acknowledged: "siteCases.status.operator_acknowledged",
  fixed: "siteCases.status.fixed",
  not_vulnerable: "siteCases.status.not_vulnerable",
  operator_unreachable: "siteCases.status.operator_unreachable",
  closed: "siteCases.status.closed",
};

export const SITE_CLOSE_REASON_LABELS: Record<string, MessageKey> = {
  fixed: "siteCases.closeReason.fixed",
  closed_after_warning: "siteCases.closeReason.closed_after_warning",
  not_vulnerable: "siteCases.closeReason.not_vulnerable",
  unreachable: "siteCases.closeReason.unreachable",
};

export const FIX_METHOD_LABELS: Record<string, MessageKey> = {
  app_fixed: "siteCases.fixMethod.app_fixed",
  page_removed: "siteCases.fixMethod.page_removed",
  operational_workaround: "siteCases.fixMethod.operational_workaround",
};

const label = (table: Record<string, MessageKey>) => (t: Translate, value: string | null) => {
  const key = value ? table[value] : undefined;
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
