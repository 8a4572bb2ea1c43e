import type { ReportView } from "../../../modules/reports/reports.schemas.ts";
import type { PageContext } from "../../layout.tsx";

/**
 * What the finder must do next, at the top of the report's page (issue 13 item 2), with links to
 * the request in the messages and to the form that answers it further down.
 */
export function FinderPendingAction(props: { page: PageContext; report: ReportView }) {
  const { t } = props.page;
  if (props.report.status !== "needs_info") return null;
  return (
    <div class="notice notice-warning" role="status" id="report-pending-action">
      <p>
        <strong>{t("reports.pending.needsInfo.title")}</strong>
      </p>
      <p>{t("reports.pending.needsInfo.body")}</p>
      <ul>
        <li>
          <a href="#report-messages">{t("reports.pending.needsInfo.readRequest")}</a>
        </li>
        <li>
          <a href="#report-resubmit">{t("reports.pending.needsInfo.answer")}</a>
        </li>
      </ul>
    </div>
  );
}
