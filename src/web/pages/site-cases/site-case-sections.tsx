import type { SiteCaseView } from "../../../modules/site-cases/site-cases.schemas.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { Paragraphs } from "../../components/message-thread.tsx";
import { DateTime, Notice } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { DataTable } from "../directory/shared.tsx";
import { Section } from "../reports/shared.tsx";
import { fixMethodLabel, Row, siteCaseStatusLabel, siteCloseReasonLabel } from "./shared.tsx";

/** The read-only sections of a site case's page, each as far as the viewer may read it. */

interface SectionProps {
  page: PageContext;
  view: SiteCaseView;
  /** The viewer is the operator (else the desk). */
  operator: boolean;
}

/** Where the case stands: dates with their time zone, the result and the closure. */
export function SummarySection(props: SectionProps) {
  const { view, operator } = props;
  const { t, language } = props.page;
  // Only the desk is shown the address it first wrote to.
  const contactEmail = "contactEmail" in view.operator ? view.operator.contactEmail : null;
  return (
    <Section id="site-case-summary" title={t("siteCases.detail.summary")}>
      <dl class="report-summary">
        <Row label={t("siteCases.detail.reference")}>
          <span class="mono">{view.reference}</span>
        </Row>
        <Row label={t("siteCases.detail.status")}>
          <strong id="site-case-status">{siteCaseStatusLabel(t, view.status)}</strong>
        </Row>
        <Row label={t("siteCases.detail.operator")}>
          {view.operator.organizationId
            ? (view.operator.name ?? "")
            : t("siteCases.detail.operatorUnclaimed", {
                name: view.operator.name ?? "",
                email: contactEmail ?? "",
              })}
        </Row>
        <Row label={t("siteCases.detail.siteUrl")}>{view.siteUrl ?? ""}</Row>
        {view.cwe ? <Row label={t("siteCases.detail.cwe")}>{view.cwe}</Row> : null}
        <Row label={t("siteCases.detail.notifiedAt")}>
          <DateTime value={view.notifiedAt} language={language} />
        </Row>
        {view.acknowledgementDueAt ? (
          <Row label={t("siteCases.detail.acknowledgementDueAt")}>
            <DateTime value={view.acknowledgementDueAt} language={language} />
          </Row>
        ) : null}
        {view.acknowledgedAt ? (
          <Row label={t("siteCases.detail.acknowledgedAt")}>
            <DateTime value={view.acknowledgedAt} language={language} />
          </Row>
        ) : null}
        {view.remindersSent > 0 ? (
          <Row label={t("siteCases.detail.remindersSent")}>{String(view.remindersSent)}</Row>
        ) : null}
        {view.result ? (
          <>
            <Row label={t("siteCases.detail.result")}>
              {t(`siteCases.result.${view.result.result}` as MessageKey)}
            </Row>
            <Row label={t("siteCases.detail.resultAt")}>
              <DateTime value={view.result.at} language={language} />
            </Row>
            {view.result.fixMethod ? (
              <Row label={t("siteCases.detail.fixMethod")}>
                {fixMethodLabel(t, view.result.fixMethod)}
              </Row>
            ) : null}
            {view.result.details ? (
              <Row label={t("siteCases.detail.resultDetails")}>
                <Paragraphs text={view.result.details} />
              </Row>
            ) : null}
          </>
        ) : null}
        {view.closure ? (
          <>
            <Row label={t("siteCases.detail.closure")}>
              {siteCloseReasonLabel(t, view.closure.reason)}
            </Row>
            <Row label={t("siteCases.detail.closedAt")}>
              <DateTime value={view.closure.at} language={language} />
            </Row>
            <Row label={t("siteCases.detail.closeMessage")}>
              <Paragraphs text={view.closure.message} />
            </Row>
          </>
        ) : null}
      </dl>
      {!operator && "reportId" in view ? (
        <p>
          <a href={`/reports/${encodeURIComponent(view.reportId)}`}>
            {t("siteCases.detail.openReport")}
          </a>
        </p>
      ) : null}
    </Section>
  );
}

/** The report as far as the viewer may read it, with the finder when shared. */
export function ReportSection(props: SectionProps) {
  const { view, operator } = props;
  const { t } = props.page;
  return (
    <Section id="site-case-report" title={t("siteCases.detail.report")}>
      {view.details ? (
        <>
          {operator ? (
            <Notice kind="warning">
              <p>{t("siteCases.detail.reportLeadOperator")}</p>
            </Notice>
          ) : null}
          <dl class="report-summary">
            <Row label={t("siteCases.detail.description")}>
              <Paragraphs text={view.details.description} />
            </Row>
            <Row label={t("siteCases.detail.reproduction")}>
              <Paragraphs text={view.details.reproduction} />
            </Row>
            {view.details.verificationMethod ? (
              <Row label={t("siteCases.detail.verificationMethod")}>
                <Paragraphs text={view.details.verificationMethod} />
              </Row>
            ) : null}
            <Row label={t("siteCases.detail.finder")}>
              {view.finder ? (
                <span id="site-case-finder">
                  {view.finder.name} &lt;{view.finder.email}&gt;
                </span>
              ) : (
                t("siteCases.detail.finderNotShared")
              )}
            </Row>
          </dl>
        </>
      ) : (
        <Notice kind="info">
          <p>{t("siteCases.detail.reportHidden")}</p>
        </Notice>
      )}
    </Section>
  );
}

export function HistorySection(props: Omit<SectionProps, "operator">) {
  const { view } = props;
  const { t, language } = props.page;
  return (
    <Section id="site-case-history" title={t("siteCases.detail.history")}>
      <DataTable id="site-case-history-table" caption={t("siteCases.detail.historyCaption")}>
        <thead>
          <tr>
            <th scope="col">{t("siteCases.detail.historyAt")}</th>
            <th scope="col">{t("siteCases.detail.historyStatus")}</th>
          </tr>
        </thead>
        <tbody>
          {view.history.map((entry) => (
            <tr key={`${entry.at}-${entry.status}`}>
              <td>
                <DateTime value={entry.at} language={language} />
              </td>
              <td>{siteCaseStatusLabel(t, entry.status)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Section>
  );
}

/** The desk's requests to analyse (R-WEB-3), when there are any. */
export function AnalysisSection(props: Omit<SectionProps, "operator">) {
  const { view } = props;
  const { t, language } = props.page;
  return view.analysisRequests.length > 0 ? (
    <Section id="site-case-analysis" title={t("siteCases.detail.analysisRequests")}>
      <DataTable id="site-case-analysis-table" caption={t("siteCases.detail.analysisCaption")}>
        <thead>
          <tr>
            <th scope="col">{t("siteCases.detail.analysisRequestedAt")}</th>
            <th scope="col">{t("siteCases.detail.analysisReason")}</th>
            <th scope="col">{t("siteCases.detail.analysisStatus")}</th>
          </tr>
        </thead>
        <tbody>
          {view.analysisRequests.map((request) => (
            <tr key={request.id}>
              <td>
                <DateTime value={request.requestedAt} language={language} />
              </td>
              <td>{request.reason ?? ""}</td>
              <td>{t(`siteCases.analysis.${request.status}` as MessageKey)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Section>
  ) : null;
}

/** The operator's public leak notices (R-WEB-4), when there are any. */
export function LeakNoticesSection(props: Omit<SectionProps, "operator">) {
  const { view } = props;
  const { t, language } = props.page;
  return view.leakNotices.length > 0 ? (
    <Section id="site-case-leak-notices" title={t("siteCases.detail.leakNotices")}>
      <ul>
        {view.leakNotices.map((notice) => (
          <li key={notice.id}>
            <a href={`/leak-notices/${encodeURIComponent(notice.id)}`}>
              <DateTime value={notice.publishedAt} language={language} />
            </a>
          </li>
        ))}
      </ul>
    </Section>
  ) : null;
}
