/** What the report page shows of the report itself: its summary, its history and its content. */
import type { ComponentChildren } from "preact";
import type { ReportContentView, ReportView } from "../../../modules/reports/reports.schemas.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import { CvssScore, CweWithName } from "../../components/cvss-score.tsx";
import { DateTime, Notice } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import { DecryptedMessageRow } from "../desk-key/encrypted-message.tsx";
import { DataTable } from "../directory/shared.tsx";
import {
  closeReasonLabel,
  FIELD_LABELS,
  kindLabel,
  Paragraphs,
  Section,
  statusLabel,
} from "./shared.tsx";

/** The content fields are there only when the service let this visitor read them. */
export function contentOf(report: ReportView): ReportContentView | null {
  return "description" in report ? report : null;
}

export function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** Each of these shown when the report has it: a date, or a reference. */
function DateRow(props: { label: string; value: string | null; page: PageContext }) {
  return props.value ? (
    <Row label={props.label}>
      <DateTime value={props.value} language={props.page.language} />
    </Row>
  ) : null;
}

export function SummarySection(props: {
  page: PageContext;
  report: ReportView;
  desk: boolean;
  userId: string;
}) {
  const { page, report, desk } = props;
  const { t } = page;
  return (
    <Section id="report-summary" title={t("reports.detail.summary")}>
      <dl class="report-summary">
        <Row label={t("reports.detail.receipt")}>
          <span class="mono">{report.receiptNumber}</span>
        </Row>
        <Row label={t("reports.detail.kind")}>{kindLabel(t, report.kind)}</Row>
        <Row label={t("reports.detail.status")}>
          <strong id="report-status">{statusLabel(t, report.status)}</strong>
        </Row>
        <DateRow page={page} label={t("reports.detail.receivedAt")} value={report.receivedAt} />
        {report.rejectReason ? (
          <Row label={t("reports.detail.rejectReason")}>{report.rejectReason}</Row>
        ) : null}
        {report.closeReason ? (
          <Row label={t("reports.detail.closeReason")}>
            {closeReasonLabel(t, report.closeReason)}
          </Row>
        ) : null}
        {report.duplicateOf ? (
          <Row label={t("reports.detail.duplicateOf")}>{report.duplicateOf}</Row>
        ) : null}
        <DateRow
          page={page}
          label={t("desk.detail.countermeasureDue")}
          value={report.countermeasureDue}
        />
        <DateRow page={page} label={t("reports.detail.publishAt")} value={report.publishAt} />
        <DateRow page={page} label={t("desk.detail.publishedAt")} value={report.publishedAt} />
        {report.advisoryId ? (
          <Row label={t("desk.detail.advisory")}>
            <a class="mono" href={`/advisories/${encodeURIComponent(report.advisoryId)}`}>
              {report.advisoryId}
            </a>
          </Row>
        ) : null}
        {report.caseId ? (
          <Row label={t("reports.detail.caseId")}>
            {desk ? (
              <a class="mono" href={`/cases/${encodeURIComponent(report.caseId)}`}>
                {report.caseNumber ?? report.caseId}
              </a>
            ) : (
              <span class="mono">{report.caseNumber ?? report.caseId}</span>
            )}
          </Row>
        ) : null}
        {report.siteCaseId ? (
          <Row label={t("reports.detail.siteCaseId")}>
            {/* A web case goes by its report's receipt number. */}
            {desk ? (
              <a href={`/site-cases/${encodeURIComponent(report.siteCaseId)}`}>
                {t("reports.detail.siteCaseLink", { receiptNumber: report.receiptNumber })}
              </a>
            ) : (
              t("reports.detail.siteCaseForwarded")
            )}
          </Row>
        ) : null}
        {desk ? (
          <Row label={t("reports.detail.assignee")}>
            {!report.assigneeUserId
              ? t("reports.list.assignee.none")
              : report.assigneeUserId === props.userId
                ? t("reports.list.assignee.me")
                : t("reports.list.assignee.other")}
          </Row>
        ) : null}
        {report.kind === "product" ? (
          <>
            <Row label={t("reports.field.productName")}>{report.productName ?? ""}</Row>
            <Row label={t("reports.field.productVersion")}>{report.productVersion ?? ""}</Row>
            <Row label={t("reports.field.vendorName")}>
              {report.vendorName ?? t("reports.none")}
            </Row>
            {report.cvssVector ? (
              <Row label={t("reports.field.cvssVector")}>
                <CvssScore page={page} vector={report.cvssVector} />
              </Row>
            ) : null}
          </>
        ) : (
          <Row label={t("reports.field.siteUrl")}>{report.siteUrl ?? ""}</Row>
        )}
        {report.cwe ? (
          <Row label={t("reports.field.cwe")}>
            <CweWithName page={page} cwe={report.cwe} />
          </Row>
        ) : null}
      </dl>
    </Section>
  );
}

/**
 * The history the finder and the desk read: each status with its reason (a close reason or
 * outcome in words, a rejection's reason as written), and each change of kind with its reason.
 */
function historyRows(t: Translate, report: ReportView) {
  const rows = [
    ...report.history.map((entry, index) => ({
      key: `status-${index}`,
      at: entry.at,
      what: statusLabel(t, entry.status),
      reason: entry.reason
        ? closeReasonLabel(t, entry.reason)
        : entry.status === "needs_info"
          ? t("desk.history.needsInfo")
          : "",
    })),
    ...report.kindChanges.map((change, index) => ({
      key: `kind-${index}`,
      at: change.at,
      what: t("desk.history.kindChange", {
        from: kindLabel(t, change.from),
        to: kindLabel(t, change.to),
      }),
      reason: change.reason,
    })),
  ];
  // Stable: a kind change and a status change at one instant keep their order above.
  return rows.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export function HistorySection(props: { page: PageContext; report: ReportView }) {
  const { t, language } = props.page;
  return (
    <Section id="report-history" title={t("reports.detail.history")}>
      <DataTable id="report-history-table" caption={t("reports.detail.historyCaption")}>
        <thead>
          <tr>
            <th scope="col">{t("reports.detail.historyAt")}</th>
            <th scope="col">{t("reports.detail.historyStatus")}</th>
            <th scope="col">{t("reports.detail.historyReason")}</th>
          </tr>
        </thead>
        <tbody>
          {historyRows(t, props.report).map((row) => (
            <tr key={row.key}>
              <td>
                <DateTime value={row.at} language={language} />
              </td>
              <td>{row.what}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Section>
  );
}

/** The finder's text, the decrypted message and the methods, or a note that only metadata is shown. */
export function ContentSection(props: { page: PageContext; report: ReportView }) {
  const { page, report } = props;
  const { t } = page;
  const content = contentOf(report);
  return (
    <Section id="report-content" title={t("reports.detail.content")}>
      {content ? (
        <dl class="report-summary">
          {(["description", "reproduction", "howFound", "disclosurePlans"] as const)
            .filter((field) => content[field])
            .map((field) => (
              <Row key={field} label={t(FIELD_LABELS[field])}>
                <Paragraphs text={content[field] ?? ""} />
              </Row>
            ))}
          <DecryptedMessageRow page={page} message={content.decryptedMessage} />
          {(["verificationMethod", "attackMethod"] as const)
            .filter((field) => content[field])
            .map((field) => (
              <Row key={field} label={t(FIELD_LABELS[field])}>
                <Paragraphs text={content[field] ?? ""} />
              </Row>
            ))}
          {content.alsoReportedDirectly !== null ? (
            <Row label={t("reports.field.alsoReportedDirectly")}>
              {content.alsoReportedDirectly ? t("reports.yes") : t("reports.no")}
            </Row>
          ) : null}
          {report.consent ? <ConsentRows t={t} consent={report.consent} /> : null}
        </dl>
      ) : (
        <Notice kind="info">
          <p>{t("reports.detail.metadataOnly")}</p>
        </Notice>
      )}
    </Section>
  );
}

function ConsentRows(props: { t: Translate; consent: NonNullable<ReportView["consent"]> }) {
  const { t, consent } = props;
  const yesNo = (value: boolean) => (value ? t("reports.yes") : t("reports.no"));
  return consent.kind === "product" ? (
    <>
      <Row label={t(FIELD_LABELS.identityToCoordinator)}>
        {yesNo(consent.identityToCoordinator)}
      </Row>
      <Row label={t(FIELD_LABELS.identityToVendor)}>{yesNo(consent.identityToVendor)}</Row>
      <Row label={t(FIELD_LABELS.directContact)}>{yesNo(consent.directContact)}</Row>
      <Row label={t("reports.field.credit")}>
        {consent.credit !== null
          ? t("reports.consent.credit", { name: consent.credit })
          : t("reports.consent.noCredit")}
      </Row>
    </>
  ) : (
    <>
      <Row label={t(FIELD_LABELS.identityToOperator)}>{yesNo(consent.identityToOperator)}</Row>
      <Row label={t(FIELD_LABELS.directContact)}>{yesNo(consent.directContact)}</Row>
    </>
  );
}
