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

/**
 * While the case's draft advisory awaits publication, the finder is asked at the top of the
 * page to review it (issue 13): the draft and the comment form are further down.
 */
export function FinderDraftReadyBox(props: { page: PageContext }) {
  const { t } = props.page;
  return (
    <div class="notice notice-info" role="status" id="report-draft-ready">
      <p>
        <strong>{t("reports.pending.draftReady.title")}</strong>
      </p>
      <p>{t("reports.pending.draftReady.body")}</p>
      <p>
        <a href="#draft-review">{t("reports.pending.draftReady.link")}</a>
      </p>
    </div>
  );
}
