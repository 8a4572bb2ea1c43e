/**
 * One report's page, for its finder and for the desk: the report (report-summary.tsx), its files,
 * the exchanges (report-threads.tsx) and, for the desk, its tools (desk-actions.tsx).
 */

import type { TaskSection } from "../../../modules/analysis-tasks/analysis-tasks.service.ts";
import type { PrioritySummary } from "../../../modules/priority/priority.summary.ts";
import { ATTACHMENTS_OPEN_STATUSES } from "../../../modules/reports/attachments.service.ts";
import type { ReportMessage, ReportView } from "../../../modules/reports/reports.schemas.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { ErrorSummary, Notice } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { AnalysisTaskSection } from "../analysis-tasks/task-section.tsx";
import { ReportPrioritySection } from "../priority/summary-section.tsx";
import { ReportRiskSection } from "../risk/risk-section.tsx";
import { AttachmentsSection } from "./attachments.tsx";
import {
  DeskActionsSection,
  type DeskTools,
  DUPLICATE_CHECK_STATUSES,
  DuplicatesSection,
} from "./desk-actions.tsx";
import { type DraftReview, DraftReviewSection } from "./draft-review.tsx";
import { FinderDraftReadyBox, FinderPendingAction } from "./finder-pending.tsx";
import { ContentSection, contentOf, HistorySection, SummarySection } from "./report-summary.tsx";
import {
  type DetailForm,
  DirectContactsSection,
  type FinderContact,
  MessagesSection,
  ResubmitSection,
} from "./report-threads.tsx";

export function ReportPage(props: {
  page: PageContext;
  report: ReportView;
  /** The thread, for those who may read the report's content; null for the others. */
  messages: ReportMessage[] | null;
  /** The visitor is a member of the intake desk. */
  desk: boolean;
  userId: string;
  notice: MessageKey | null;
  form: DetailForm | null;
  /** The desk's helpers: the chosen message template and the operator choices for a forward. */
  deskTools?: DeskTools | undefined;
  /** The finder's vendors in direct contact; null while the report has no case. */
  directContacts?: FinderContact[] | null | undefined;
  /** The case's draft advisory and the comments on it via the desk; null when none to show. */
  draftReview?: DraftReview | null | undefined;
  /** The desk's analysis tasks and findings on the report (R-ANA-1); null: none to show. */
  analysisTasks?: TaskSection | null | undefined;
  /** The finder: the case's priority provisions, after publication (R-PRI-5). */
  priority?: PrioritySummary | null | undefined;
}) {
  const { page, report, messages, desk, form } = props;
  const { t } = page;
  const base = `/reports/${encodeURIComponent(report.id)}`;
  const errors = form?.errors ?? [];
  const heading = t("reports.detail.title", { receipt: report.receiptNumber });
  const content = contentOf(report);
  const mayResubmit = !desk && report.status === "needs_info" && content !== null;
  const title = `${report.title} — ${heading}`;
  return (
    <Layout page={page} title={errors.length > 0 ? t("reports.errorTitle", { title }) : title}>
      <p>
        <a href="/reports">{t("reports.backToList")}</a>
      </p>
      <h1>{report.title}</h1>
      <p class="lead">{heading}</p>
      {props.notice ? (
        <Notice kind="success">
          <p>{t(props.notice)}</p>
        </Notice>
      ) : null}
      <ErrorSummary title={t("reports.error.summary")} errors={errors} />
      {mayResubmit ? <FinderPendingAction page={page} report={report} /> : null}
      {!desk && props.draftReview?.status.stage === "draft" ? (
        <FinderDraftReadyBox page={page} />
      ) : null}

      <SummarySection page={page} report={report} desk={desk} userId={props.userId} />
      <HistorySection page={page} report={report} />
      {desk ? null : <ReportPrioritySection page={page} summary={props.priority} />}
      <ContentSection page={page} report={report} />
      <DraftReviewSection
        page={page}
        base={base}
        review={props.draftReview ?? null}
        desk={desk}
        form={form}
      />

      <AttachmentsSection
        page={page}
        reportId={report.id}
        items={report.attachments}
        mayDownload={content !== null}
        mayUpload={!desk && ATTACHMENTS_OPEN_STATUSES.includes(report.status)}
        form={form?.name === "attachments" ? form : null}
      />

      {messages ? (
        <MessagesSection page={page} base={base} messages={messages} form={form} />
      ) : null}

      {props.directContacts && props.directContacts.length > 0 ? (
        <DirectContactsSection
          page={page}
          base={base}
          contacts={props.directContacts}
          form={form}
        />
      ) : null}

      {mayResubmit ? <ResubmitSection page={page} base={base} report={report} form={form} /> : null}

      {desk && props.deskTools && DUPLICATE_CHECK_STATUSES.includes(report.status) ? (
        <DuplicatesSection t={t} duplicates={props.deskTools.duplicates} />
      ) : null}

      {desk ? <ReportRiskSection page={page} report={report} form={form} /> : null}
      <AnalysisTaskSection page={page} section={props.analysisTasks} />

      {desk ? (
        <DeskActionsSection
          page={page}
          base={base}
          report={report}
          userId={props.userId}
          tools={props.deskTools}
          form={form}
        />
      ) : null}
    </Layout>
  );
}
