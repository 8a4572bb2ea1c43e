/**
 * The case list's one risk column: urgency, SSVC decision and the higher CVSS base score stacked
 * in one narrow cell, so that the staff's case list fits a laptop screen with its other columns
 * (three risk columns of their own cut the list off at 1280 px).
 */
import { Fragment } from "preact";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import type { RiskListFields } from "./risk-columns.tsx";

const key = (text: string) => text as MessageKey;

export function riskHeading(t: Translate): string {
  return t("staffLists.column.risk");
}

export function RiskCell(props: { t: Translate; item: RiskListFields }) {
  const { t, item } = props;
  const none = t("risk.list.none");
  const parts: [string, string][] = [
    [t("risk.list.urgency"), item.urgency ? t(key(`risk.urgency.${item.urgency}`)) : none],
    [t("risk.list.ssvc"), item.ssvcDecision ? t(key(`risk.decision.${item.ssvcDecision}`)) : none],
    [
      t("risk.list.cvss"),
      item.cvssScore === null || item.cvssScore === undefined ? none : item.cvssScore.toFixed(1),
    ],
  ];
  if (!item.urgency && !item.ssvcDecision && (item.cvssScore ?? null) === null) return <>{none}</>;
  return (
    <dl class="risk-cell">
      {parts.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
