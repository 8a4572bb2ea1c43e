import type { listOrderJa } from "./list-order.ja.ts";

export const listOrderEn: Record<keyof typeof listOrderJa, string> = {
  "listOrder.caption": "{list}, {order}",
  "listOrder.groupCaption": "{status} ({n}), {order}",
  "listOrder.list.reports": "Reports",
  "listOrder.list.cases": "Cases",
  "listOrder.order.reportsNewest": "newest first",
  "listOrder.order.reportsOldest": "oldest first",
  "listOrder.order.casesNewest": "newest first",
  "listOrder.order.urgency": "most urgent first",
  "listOrder.order.ssvc": "most serious SSVC decision first",
  "listOrder.order.cvss": "highest CVSS score first",
};
