import type { CaseViewer } from "../../../modules/cases/cases.policy.ts";
import type { PageContext } from "../../layout.tsx";
import { CaseSection } from "../cases/case-layout.tsx";

/**
 * The case page's "Outside analysis" section (R-ANA-2), for the intake desk and the coordinator:
 * what sharing means and the link to the case's shares, where the desk shares and revokes and
 * both read the consultation and the read log.
 */
export function OutsideAnalysisSection(props: {
  page: PageContext;
  caseId: string;
  viewer: CaseViewer;
}) {
  const { t } = props.page;
  if (props.viewer.kind !== "intake" && props.viewer.kind !== "coordinator") return null;
  return (
    <CaseSection id="case-outside-analysis" title={t("analysisShares.section.heading")}>
      <p>{t("analysisShares.section.lead")}</p>
      <p>
        <a href={`/cases/${encodeURIComponent(props.caseId)}/analysis-shares`}>
          {t("analysisShares.section.link")}
        </a>
      </p>
    </CaseSection>
  );
}
