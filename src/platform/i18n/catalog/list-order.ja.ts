/** A list's caption names the order it is shown in (the desk's queue, the case list). */
export const listOrderJa = {
  "listOrder.caption": "{list}（{order}）",
  "listOrder.groupCaption": "{status}（{n} 件、{order}）",
  "listOrder.list.reports": "届出",
  "listOrder.list.cases": "案件の一覧",
  "listOrder.order.reportsNewest": "受付日時の新しい順",
  "listOrder.order.reportsOldest": "受付日時の古い順",
  "listOrder.order.casesNewest": "開始日時の新しい順",
  "listOrder.order.urgency": "緊急度の高い順",
  "listOrder.order.ssvc": "SSVC の判断の重い順",
  "listOrder.order.cvss": "CVSS 基本値の高い順",
};
