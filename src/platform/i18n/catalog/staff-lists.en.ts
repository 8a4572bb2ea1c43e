import type { staffListsJa } from "./staff-lists.ja.ts";

export const staffListsEn: Record<keyof typeof staffListsJa, string> = {
  "staffLists.caption": "{list}, {order}",
  "staffLists.groupCaption": "{status} ({n}), {order}",
  "staffLists.list.reports": "Reports",
  "staffLists.list.cases": "Cases",
  "staffLists.order.reportsNewest": "newest first",
  "staffLists.order.reportsOldest": "oldest first",
  "staffLists.order.casesNewest": "newest first",
  "staffLists.order.urgency": "most urgent first",
  "staffLists.order.ssvc": "most serious SSVC decision first",
  "staffLists.column.statusSource": "Status and source",
  "staffLists.column.risk": "Risk",
  "staffLists.order.cvss": "highest CVSS score first",
};
