/**
 * The caption of a staff list names the order it is shown in: the desk's queue (newest, oldest
 * or by risk) and the case list (newest opened, or by risk), so that a screen reader hears the
 * order the sort control chose.
 */
import type { RiskSort } from "../../../modules/risk/risk.sorting.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";

export type ListOrder = "newest" | "oldest" | RiskSort;

const RISK_ORDERS: Record<RiskSort, MessageKey> = {
  urgency: "staffLists.order.urgency",
  ssvc: "staffLists.order.ssvc",
  cvss: "staffLists.order.cvss",
};

function orderPhrase(t: Translate, list: "reports" | "cases", order: ListOrder): string {
  if (order === "newest") {
    return t(
      list === "reports" ? "staffLists.order.reportsNewest" : "staffLists.order.casesNewest",
    );
  }
  // The case list has no oldest-first order; the queue's oldest is by receipt.
  if (order === "oldest") return t("staffLists.order.reportsOldest");
  return t(RISK_ORDERS[order]);
}

/** "Reports, most urgent first" / 「届出（緊急度の高い順）」. */
export function listCaption(t: Translate, list: "reports" | "cases", order: ListOrder): string {
  return t("staffLists.caption", {
    list: t(list === "reports" ? "staffLists.list.reports" : "staffLists.list.cases"),
    order: orderPhrase(t, list, order),
  });
}

/** A group of the coordinator's case list: "Coordinating (2), most urgent first". */
export function groupCaption(t: Translate, status: string, n: number, order: ListOrder): string {
  return t("staffLists.groupCaption", { status, n, order: orderPhrase(t, "cases", order) });
}
