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
import { ActionBlock, CaseSection, Section as Subsection } from "../cases/case-layout.tsx";
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
        options={[
          // No analyst is preselected: the desk chooses one on purpose.
          { value: "", label: t("analysisTasks.assign.choose") },
          ...section.analysts.map((analyst) => ({ value: analyst.id, label: analyst.name })),
        ]}
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

/**
 * The section itself; nothing when the caller has nothing to see here. On the case page it is a
 * case section (tasks and findings, the assign form beside them); on the report page the same
 * parts one under the other.
 */
export function AnalysisTaskSection(props: {
  page: PageContext;
  section: TaskSection | null | undefined;
}) {
  const { page, section } = props;
  if (!section) return null;
  const { t, language } = page;
  const onCase = section.subject.type === "case";
  if (section.relayed) {
    return (
      <CaseSection id="analysis-tasks" title={t("analysisTasks.vendor.heading")}>
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
      </CaseSection>
    );
  }
  const content = (
    <>
      {section.tasks.length === 0 ? (
        <p>{t("analysisTasks.section.none")}</p>
      ) : (
        <TaskTable
          id="analysis-task-list"
          t={t}
          language={language}
          tasks={section.tasks}
          showSubject={onCase}
          showAssignee={true}
        />
      )}
      {section.findingsAwaitAssignment && section.tasks.some((task) => task.findingCount > 0) ? (
        <p class="hint" id="analysis-findings-await-assignment">
          {t("analysisTasks.findings.awaitAssignment")}
        </p>
      ) : null}
      {section.findings ? (
        <Subsection id="analysis-section-findings" title={t("analysisTasks.findings.heading")}>
          <FindingList
            page={page}
            findings={section.findings}
            relayBase={section.mayRelay ? `${basePath(section.subject)}/analysis-findings` : null}
            markReportStage={onCase}
          />
        </Subsection>
      ) : null}
    </>
  );
  const assign = section.mayAssign ? (
    <ActionBlock id="analysis-assign" title={t("analysisTasks.assign.heading")} rare={!onCase}>
      <AssignTaskForm page={page} section={section} form={null} />
    </ActionBlock>
  ) : null;
  if (onCase) {
    return (
      <CaseSection id="analysis-tasks" title={t("analysisTasks.section.heading")} actions={assign}>
        {content}
      </CaseSection>
    );
  }
  return (
    <section id="analysis-tasks" aria-labelledby="analysis-tasks-heading">
      <h2 id="analysis-tasks-heading">{t("analysisTasks.section.heading")}</h2>
      {content}
      {assign}
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
      <h1>{t("analysisTasks.section.heading")}</h1>
      <ErrorSummary title={title} errors={[{ path: "", message: props.message }]} />
    </Layout>
  );
}
