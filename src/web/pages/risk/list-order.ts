/**
 * The caption of a staff list names the order it is shown in: the desk's queue (newest, oldest
 * or by risk) and the case list (newest opened, or by risk), so that a screen reader hears the
 * order the sort control chose.
 */
import type { RiskSort } from "../../../modules/risk/risk.sorting.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";

export type ListOrder = "newest" | "oldest" | RiskSort;

const RISK_ORDERS: Record<RiskSort, MessageKey> = {
  urgency: "listOrder.order.urgency",
  ssvc: "listOrder.order.ssvc",
  cvss: "listOrder.order.cvss",
};

function orderPhrase(t: Translate, list: "reports" | "cases", order: ListOrder): string {
  if (order === "newest") {
    return t(list === "reports" ? "listOrder.order.reportsNewest" : "listOrder.order.casesNewest");
  }
  // The case list has no oldest-first order; the queue's oldest is by receipt.
  if (order === "oldest") return t("listOrder.order.reportsOldest");
  return t(RISK_ORDERS[order]);
}

/** "Reports, most urgent first" / 「届出（緊急度の高い順）」. */
export function listCaption(t: Translate, list: "reports" | "cases", order: ListOrder): string {
  return t("listOrder.caption", {
    list: t(list === "reports" ? "listOrder.list.reports" : "listOrder.list.cases"),
    order: orderPhrase(t, list, order),
  });
}

/** A group of the coordinator's case list: "Coordinating (2), most urgent first". */
export function groupCaption(t: Translate, status: string, n: number, order: ListOrder): string {
  return t("listOrder.groupCaption", { status, n, order: orderPhrase(t, "cases", order) });
}
