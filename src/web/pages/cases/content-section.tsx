import { CvssScore, CweWithName } from "../../components/cvss-score.tsx";
import { DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { Paragraphs } from "../reports/shared.tsx";
import { Section } from "./case-layout.tsx";
import type { CaseView } from "./shared.tsx";
import { Row } from "./shared.tsx";

export function ContentSection(props: { page: PageContext; view: CaseView }) {
  const { page, view } = props;
  const { t, language } = page;
  const report = view.report;
  const hasOpened = view.description !== undefined && view.description !== null;
  if (view.contentWithheld) {
    return (
      <Section id="case-content" title={t("casePages.content.heading")}>
        <p>{t("casePages.content.withheld")}</p>
      </Section>
    );
  }
  if (!report && !hasOpened) return null;
  return (
    <Section id="case-content" title={t("casePages.content.heading")}>
      {report ? (
        <dl class="report-summary">
          {report.receiptNumber ? (
            <Row label={t("casePages.content.receipt")}>
              <span class="mono">{report.receiptNumber}</span>
            </Row>
          ) : null}
          <Row label={t("casePages.content.receivedAt")}>
            <DateTime value={report.receivedAt} language={language} />
          </Row>
          <Row label={t("reports.field.productName")}>{report.productName ?? ""}</Row>
          <Row label={t("reports.field.productVersion")}>{report.productVersion ?? ""}</Row>
          {report.vendorName !== undefined ? (
            <Row label={t("reports.field.vendorName")}>
              {report.vendorName ?? t("casePages.none")}
            </Row>
          ) : null}
          {report.cwe ? (
            <Row label={t("reports.field.cwe")}>
              <CweWithName page={page} cwe={report.cwe} />
            </Row>
          ) : null}
          {report.cvssVector ? (
            <Row label={t("reports.field.cvssVector")}>
              <CvssScore page={page} vector={report.cvssVector} />
            </Row>
          ) : null}
          <Row label={t("reports.field.description")}>
            <Paragraphs text={report.description} />
          </Row>
          <Row label={t("reports.field.reproduction")}>
            <Paragraphs text={report.reproduction} />
          </Row>
          <Row label={t("reports.field.verificationMethod")}>
            {report.verificationMethod ? (
              <Paragraphs text={report.verificationMethod} />
            ) : (
              t("casePages.none")
            )}
          </Row>
          {report.attackMethod ? (
            <Row label={t("reports.field.attackMethod")}>
              <Paragraphs text={report.attackMethod} />
            </Row>
          ) : null}
          <Row label={t("casePages.content.finder")}>
            {view.finder
              ? `${view.finder.name} <${view.finder.email}>`
              : t("casePages.content.finderNotShared")}
          </Row>
          <Row label={t("casePages.content.credit")}>
            {view.credit ?? t("casePages.content.noCredit")}
          </Row>
        </dl>
      ) : (
        <dl class="report-summary">
          <Row label={t("reports.field.description")}>
            <Paragraphs text={view.description ?? ""} />
          </Row>
          {view.vendorNames && view.vendorNames.length > 0 ? (
            <Row label={t("casePages.content.vendorNames")}>{view.vendorNames.join(", ")}</Row>
          ) : null}
          {view.conditions ? (
            <Row label={t("casePages.content.conditions")}>
              <Paragraphs text={view.conditions} />
            </Row>
          ) : null}
        </dl>
      )}
    </Section>
  );
}

/** Who a message is from and to, in words the viewer may read. */
