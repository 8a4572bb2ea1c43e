/**
 * The staff's lists (the desk's queue, the case list): a caption names the order the list is
 * shown in; the case list's combined columns.
 */
export const staffListsJa = {
  "staffLists.caption": "{list}（{order}）",
  "staffLists.groupCaption": "{status}（{n} 件、{order}）",
  "staffLists.list.reports": "届出",
  "staffLists.list.cases": "案件の一覧",
  "staffLists.order.reportsNewest": "受付日時の新しい順",
  "staffLists.order.reportsOldest": "受付日時の古い順",
  "staffLists.order.casesNewest": "開始日時の新しい順",
  "staffLists.order.urgency": "緊急度の高い順",
  "staffLists.order.ssvc": "SSVC の判断の重い順",
  "staffLists.column.statusSource": "案件の状態・起点",
  "staffLists.column.risk": "リスク",
  "staffLists.order.cvss": "CVSS 基本値の高い順",
};
