/**
 * The analysis tasks on the desk's report page and on the case page: the desk's form to assign
 * one (kind, analyst, due date in Japan time, instructions), the tasks with their state and
 * deadline, and the findings with their shared mark — with the coordinator's relay button on a
 * case. A case's vendor sees only the findings relayed to it.
 */

import { ANALYSIS_TASK_KINDS } from "../../../modules/analysis-tasks/analysis-tasks.schemas.ts";
import type { TaskSection } from "../../../modules/analysis-tasks/analysis-tasks.service.ts";
import {
  CsrfField,
  DateTime,
  ErrorSummary,
  Field,
  type FieldError,
  SelectField,
  SubmitButton,
} from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { FindingList } from "./findings.tsx";
import { KIND_LABELS, TaskTable } from "./shared.tsx";

export interface AssignForm {
  values: Record<string, string>;
  errors: FieldError[];
}

const basePath = (subject: TaskSection["subject"]) =>
  `/${subject.type === "report" ? "reports" : "cases"}/${encodeURIComponent(subject.id)}`;

export function AssignTaskForm(props: {
  page: PageContext;
  section: TaskSection;
  form: AssignForm | null;
}) {
  const { page, section, form } = props;
  const { t } = page;
  const errors = form?.errors ?? [];
  if (section.analysts.length === 0) return <p>{t("analysisTasks.assign.noAnalysts")}</p>;
  return (
    <form method="post" action={`${basePath(section.subject)}/analysis-tasks`} novalidate>
      <CsrfField token={page.csrfToken} />
      <SelectField
        name="kind"
        label={t("analysisTasks.assign.kind")}
        required
        value={form?.values.kind}
        errors={errors}
        options={ANALYSIS_TASK_KINDS.map((kind) => ({ value: kind, label: t(KIND_LABELS[kind]) }))}
      />
      <SelectField
        name="assigneeId"
        label={t("analysisTasks.assign.analyst")}
        required
        value={form?.values.assigneeId}
        errors={errors}
        options={section.analysts.map((analyst) => ({ value: analyst.id, label: analyst.name }))}
      />
      <Field
        name="due"
        type="datetime-local"
        label={t("analysisTasks.assign.due")}
        required
        value={form?.values.due}
        errors={errors}
      />
      <Field
        name="note"
        label={t("analysisTasks.assign.note")}
        hint={t("analysisTasks.assign.noteHint")}
        multiline
        rows={3}
        value={form?.values.note}
        errors={errors}
      />
      <SubmitButton>{t("analysisTasks.assign.submit")}</SubmitButton>
    </form>
  );
}

/** The section itself; nothing when the caller has nothing to see here. */
export function AnalysisTaskSection(props: {
  page: PageContext;
  section: TaskSection | null | undefined;
}) {
  const { page, section } = props;
  if (!section) return null;
  const { t, language } = page;
  if (section.relayed) {
    return (
      <section id="analysis-tasks" class="case-section" aria-labelledby="analysis-tasks-heading">
        <h2 id="analysis-tasks-heading">{t("analysisTasks.vendor.heading")}</h2>
        <p>{t("analysisTasks.vendor.lead")}</p>
        <ul class="analysis-findings">
          {section.relayed.map((finding) => (
            <li key={finding.id} id={`finding-${finding.id}`} class="analysis-finding">
              <p class="analysis-finding-meta">
                <strong>{t(KIND_LABELS[finding.kind])}</strong> ·{" "}
                <DateTime value={finding.relayedAt} language={language} />
              </p>
              <div class="report-text">{finding.body}</div>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section id="analysis-tasks" class="case-section" aria-labelledby="analysis-tasks-heading">
      <h2 id="analysis-tasks-heading">{t("analysisTasks.section.heading")}</h2>
      {section.tasks.length === 0 ? (
        <p>{t("analysisTasks.section.none")}</p>
      ) : (
        <TaskTable
          id="analysis-task-list"
          t={t}
          language={language}
          tasks={section.tasks}
          showSubject={section.subject.type === "case"}
          showAssignee={true}
        />
      )}
      {section.findings ? (
        <section aria-labelledby="analysis-section-findings-heading">
          <h3 id="analysis-section-findings-heading">{t("analysisTasks.findings.heading")}</h3>
          <FindingList
            page={page}
            findings={section.findings}
            relayBase={section.mayRelay ? `${basePath(section.subject)}/analysis-findings` : null}
            markReportStage={section.subject.type === "case"}
          />
        </section>
      ) : null}
      {section.mayAssign ? (
        <details class="case-action case-action-rare" id="analysis-assign">
          <summary>
            <h3 id="analysis-assign-heading">{t("analysisTasks.assign.heading")}</h3>
          </summary>
          <AssignTaskForm page={page} section={section} form={null} />
        </details>
      ) : null}
    </section>
  );
}

/** The assign form sent back with its errors, on a page of its own. */
export function AssignTaskPage(props: {
  page: PageContext;
  section: TaskSection;
  form: AssignForm;
}) {
  const { page, section, form } = props;
  const { t } = page;
  const title = t("analysisTasks.assign.heading");
  return (
    <Layout page={page} title={t("analysisTasks.error.title", { title })}>
      <p>
        <a href={basePath(section.subject)}>{t("analysisTasks.assign.back")}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary title={t("analysisTasks.error.summary")} errors={form.errors} />
      <AssignTaskForm page={page} section={section} form={form} />
    </Layout>
  );
}

/** A refusal of a relay or another action without a form, on a page of its own. */
export function RefusalPage(props: { page: PageContext; back: string; message: string }) {
  const { page } = props;
  const { t } = page;
  const title = t("analysisTasks.error.summary");
  return (
    <Layout page={page} title={title}>
      <p>
        <a href={props.back}>{t("analysisTasks.assign.back")}</a>
      </p>
      <ErrorSummary title={title} errors={[{ path: "", message: props.message }]} />
    </Layout>
  );
}
