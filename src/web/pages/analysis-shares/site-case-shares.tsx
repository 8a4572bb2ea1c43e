import type { OperatorShareView } from "../../../modules/analysis-shares/analysis-shares.schemas.ts";
import { DateTime } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { Section } from "../reports/shared.tsx";
import { classList, statusLabel } from "./shared.tsx";

/**
 * The web case page's "Outside analysis" section (R-ANA-2), for the desk and the site's
 * operator: the link to the case's shares (the desk shares and revokes there; the operator
 * sees the shares it agreed to).
 */
export function SiteOutsideAnalysisSection(props: { page: PageContext; siteCaseId: string }) {
  const { t } = props.page;
  return (
    <Section id="site-case-outside-analysis" title={t("analysisShares.section.heading")}>
      <p>
        <a href={`/site-cases/${encodeURIComponent(props.siteCaseId)}/analysis-shares`}>
          {t("analysisShares.section.link")}
        </a>
      </p>
    </Section>
  );
}

/** A web case's shares as its operator sees them: with whom, which classes, until when, state. */
export function OperatorSharesPage(props: {
  page: PageContext;
  siteCaseId: string;
  caseTitle: string;
  shares: OperatorShareView[];
}) {
  const { page, shares } = props;
  const { t, language } = page;
  return (
    <Layout page={page} title={t("analysisShares.case.title", { title: props.caseTitle })}>
      <p>
        <a href={`/site-cases/${encodeURIComponent(props.siteCaseId)}`}>
          {t("analysisShares.site.back")}
        </a>
      </p>
      <h1>{t("analysisShares.case.heading")}</h1>
      <p class="lead">{props.caseTitle}</p>
      <p>{t("analysisShares.site.operatorLead")}</p>
      {shares.length === 0 ? (
        <p>{t("analysisShares.list.empty")}</p>
      ) : (
        shares.map((share) => (
          <section
            key={share.id}
            id={`share-${share.id}`}
            class="analysis-share"
            aria-labelledby={`share-${share.id}-heading`}
          >
            <h2 id={`share-${share.id}-heading`}>
              {share.organization.name} — {statusLabel(t, share.status)}
            </h2>
            <dl class="report-summary">
              <dt>{t("analysisShares.list.classes")}</dt>
              <dd>{classList(t, share.classes, "site_case")}</dd>
              <dt>{t("analysisShares.share.sharedAt")}</dt>
              <dd>
                <DateTime value={share.createdAt} language={language} />
              </dd>
              <dt>{t("analysisShares.list.until")}</dt>
              <dd>
                <DateTime value={share.until} language={language} />
              </dd>
            </dl>
          </section>
        ))
      )}
    </Layout>
  );
}
