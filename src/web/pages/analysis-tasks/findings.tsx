/** A list of findings as staff see them: the text, its shared mark and whether it was relayed. */
import type { FindingView } from "../../../modules/analysis-tasks/analysis-tasks.schemas.ts";
import { CsrfField, DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { KIND_LABELS } from "./shared.tsx";

export function FindingList(props: {
  page: PageContext;
  findings: FindingView[];
  /** The coordinator's relay form posts here (`…/analysis-findings/{fid}/relay`); null: none. */
  relayBase?: string | null;
  /** Mark the findings made on the report, shown on its case. */
  markReportStage?: boolean;
}) {
  const { page, findings } = props;
  const { t, language } = page;
  if (findings.length === 0) return <p>{t("analysisTasks.findings.none")}</p>;
  return (
    <ul class="analysis-findings">
      {findings.map((finding) => (
        <li key={finding.id} id={`finding-${finding.id}`} class="analysis-finding">
          <p class="analysis-finding-meta">
            <strong>{t(KIND_LABELS[finding.kind])}</strong> ·{" "}
            <DateTime value={finding.createdAt} language={language} /> ·{" "}
            <span
              class={
                finding.shareWithVendors ? "analysis-mark analysis-mark-shared" : "analysis-mark"
              }
            >
              {t(
                finding.shareWithVendors
                  ? "analysisTasks.findings.shared"
                  : "analysisTasks.findings.notShared",
              )}
            </span>
            {props.markReportStage && finding.subjectType === "report" ? (
              <> · {t("analysisTasks.findings.fromReport")}</>
            ) : null}
          </p>
          <div class="report-text">{finding.body}</div>
          {finding.relayedAt ? (
            <p class="analysis-finding-relayed">
              {t("analysisTasks.findings.relayed")}:{" "}
              <DateTime value={finding.relayedAt} language={language} />
            </p>
          ) : props.relayBase && finding.shareWithVendors ? (
            <form
              method="post"
              action={`${props.relayBase}/${encodeURIComponent(finding.id)}/relay`}
            >
              <CsrfField token={page.csrfToken} />
              <button type="submit" class="button button-secondary">
                {t("analysisTasks.relay.submit")}
              </button>
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
