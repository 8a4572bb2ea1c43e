/**
 * One task's page: what it is (kind, report or case, deadline with its zone, state), the desk's
 * instructions, the content it is about while it is open (its analyst only), the findings, and
 * for its analyst the forms to add a finding and to complete it.
 */
import type { TaskDetailView } from "../../../modules/analysis-tasks/analysis-tasks.schemas.ts";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  Field,
  type FieldError,
  Notice,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { Checkbox } from "../reports/shared.tsx";
import { TaskAttachments } from "./attachments.tsx";
import { FindingList } from "./findings.tsx";
import { KIND_LABELS, subjectLabel, TaskStatus } from "./shared.tsx";

export interface TaskForm {
  name: "finding" | "complete";
  values: Record<string, string>;
  errors: FieldError[];
}

const PART_LABELS: Record<string, MessageKey> = {
  description: "analysisTasks.part.description",
  reproduction: "analysisTasks.part.reproduction",
  howFound: "analysisTasks.part.howFound",
  verificationMethod: "analysisTasks.part.verificationMethod",
  attackMethod: "analysisTasks.part.attackMethod",
  conditions: "analysisTasks.part.conditions",
};

export function AnalysisTaskPage(props: {
  page: PageContext;
  task: TaskDetailView;
  /** The caller is the task's analyst. */
  own: boolean;
  notice: MessageKey | null;
  form: TaskForm | null;
}) {
  const { page, task, own, form } = props;
  const { t, language } = page;
  const title = t("analysisTasks.task.title", {
    kind: t(KIND_LABELS[task.kind]),
    subject: subjectLabel(t, task),
  });
  const errors = form?.errors ?? [];
  const base = `/analysis-tasks/${encodeURIComponent(task.id)}`;
  const subjectHref = `/${task.subjectType === "report" ? "reports" : "cases"}/${encodeURIComponent(task.subjectId)}`;
  const open = task.status === "open";
  return (
    <Layout
      page={page}
      title={errors.length > 0 ? t("analysisTasks.error.title", { title }) : title}
    >
      <p>
        <a href="/analysis-tasks">{t("analysisTasks.task.back")}</a>
      </p>
      <h1>{title}</h1>
      {props.notice ? (
        <Notice kind="success">
          <p>{t(props.notice)}</p>
        </Notice>
      ) : null}
      <ErrorSummary title={t("analysisTasks.error.summary")} errors={errors} />
      <dl class="report-summary">
        <dt>{t("analysisTasks.column.subject")}</dt>
        <dd>{own ? subjectLabel(t, task) : <a href={subjectHref}>{subjectLabel(t, task)}</a>}</dd>
        <dt>{t("analysisTasks.column.assignee")}</dt>
        <dd>{task.assigneeName}</dd>
        <dt>{t("analysisTasks.column.due")}</dt>
        <dd id="analysis-task-due">
          <DateTime value={task.due} language={language} />
        </dd>
        <dt>{t("analysisTasks.column.status")}</dt>
        <dd id="analysis-task-status">
          <TaskStatus t={t} task={task} />
        </dd>
      </dl>

      {task.note ? (
        <section aria-labelledby="analysis-note-heading">
          <h2 id="analysis-note-heading">{t("analysisTasks.task.note")}</h2>
          <div class="report-text">{task.note}</div>
        </section>
      ) : null}

      {own ? (
        <section id="analysis-content" aria-labelledby="analysis-content-heading">
          <h2 id="analysis-content-heading">{t("analysisTasks.task.content")}</h2>
          {task.content ? (
            <>
              <p class="hint">{t("analysisTasks.task.contentLead")}</p>
              <p class="lead">{task.content.title}</p>
              <dl class="report-summary">
                {task.content.productName ? (
                  <>
                    <dt>{t("analysisTasks.field.product")}</dt>
                    <dd>
                      {task.content.productName} {task.content.productVersion ?? ""}
                    </dd>
                  </>
                ) : null}
                {task.content.vendorName ? (
                  <>
                    <dt>{t("analysisTasks.field.vendor")}</dt>
                    <dd>{task.content.vendorName}</dd>
                  </>
                ) : null}
                {task.content.cwe ? (
                  <>
                    <dt>CWE</dt>
                    <dd class="mono">{task.content.cwe}</dd>
                  </>
                ) : null}
                {task.content.cvssVector ? (
                  <>
                    <dt>CVSS</dt>
                    <dd class="mono">{task.content.cvssVector}</dd>
                  </>
                ) : null}
              </dl>
              {task.content.parts.map((part) => (
                <section key={part.name} aria-labelledby={`analysis-part-${part.name}`}>
                  <h3 id={`analysis-part-${part.name}`}>
                    {PART_LABELS[part.name] ? t(PART_LABELS[part.name] as MessageKey) : part.name}
                  </h3>
                  <div class="report-text">{part.text}</div>
                </section>
              ))}
              {task.attachments ? (
                <TaskAttachments page={page} taskId={task.id} items={task.attachments} />
              ) : null}
            </>
          ) : (
            <p>{t("analysisTasks.task.contentEnded")}</p>
          )}
        </section>
      ) : null}

      <section id="analysis-findings" aria-labelledby="analysis-findings-heading">
        <h2 id="analysis-findings-heading">{t("analysisTasks.findings.heading")}</h2>
        <FindingList page={page} findings={task.findings} />
      </section>

      {own && open ? (
        <>
          <section id="analysis-add-finding" aria-labelledby="analysis-add-finding-heading">
            <h2 id="analysis-add-finding-heading">{t("analysisTasks.finding.heading")}</h2>
            <form method="post" action={`${base}/findings`} novalidate>
              <CsrfField token={page.csrfToken} />
              <Field
                name="body"
                label={t("analysisTasks.finding.body")}
                hint={t("analysisTasks.finding.bodyHint")}
                multiline
                rows={8}
                required
                value={form?.name === "finding" ? form.values.body : ""}
                errors={form?.name === "finding" ? errors : []}
              />
              <Checkbox
                name="shareWithVendors"
                label={t("analysisTasks.finding.share")}
                hint={t("analysisTasks.finding.shareHint")}
                checked={form?.name === "finding" && form.values.shareWithVendors === "1"}
              />
              <SubmitButton>{t("analysisTasks.finding.submit")}</SubmitButton>
            </form>
          </section>
          <section id="analysis-complete" aria-labelledby="analysis-complete-heading">
            <h2 id="analysis-complete-heading">{t("analysisTasks.complete.heading")}</h2>
            <p class="hint">{t("analysisTasks.complete.hint")}</p>
            <form method="post" action={`${base}/complete`}>
              <CsrfField token={page.csrfToken} />
              <SubmitButton variant="secondary">{t("analysisTasks.complete.submit")}</SubmitButton>
            </form>
          </section>
        </>
      ) : null}
    </Layout>
  );
}
