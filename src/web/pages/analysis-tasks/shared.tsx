/** What the analysis task pages share: labels of kinds and states, a deadline with its zone. */
import type {
  AnalysisTaskKindName,
  TaskSummaryView,
} from "../../../modules/analysis-tasks/analysis-tasks.schemas.ts";
import type { Language, MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import { DateTime } from "../../components.tsx";
import { DataTable } from "../directory/shared.tsx";

export const KIND_LABELS: Record<AnalysisTaskKindName, MessageKey> = {
  reproduce: "analysisTasks.kind.reproduce",
  impact: "analysisTasks.kind.impact",
  affected_versions: "analysisTasks.kind.affected_versions",
  exploitability: "analysisTasks.kind.exploitability",
  detection: "analysisTasks.kind.detection",
};

export const subjectLabel = (
  t: Translate,
  task: Pick<TaskSummaryView, "subjectType" | "reference">,
) =>
  t(task.subjectType === "report" ? "analysisTasks.subject.report" : "analysisTasks.subject.case", {
    reference: task.reference,
  });

export const taskHref = (id: string) => `/analysis-tasks/${encodeURIComponent(id)}`;

/** The state in words, and "overdue" beside an open task past its deadline. */
export function TaskStatus(props: { t: Translate; task: TaskSummaryView }) {
  const { t, task } = props;
  return (
    <>
      {t(task.status === "open" ? "analysisTasks.status.open" : "analysisTasks.status.completed")}
      {task.overdue ? (
        <>
          {" "}
          <strong class="analysis-overdue">{t("analysisTasks.overdue")}</strong>
        </>
      ) : null}
    </>
  );
}

/** The tasks as a table: kind, subject (optional), analyst, due with its zone, state, findings. */
export function TaskTable(props: {
  t: Translate;
  language: Language;
  tasks: TaskSummaryView[];
  showSubject: boolean;
  showAssignee: boolean;
  id: string;
}) {
  const { t, language, tasks } = props;
  return (
    <DataTable id={props.id} caption={t("analysisTasks.table.caption")}>
      <thead>
        <tr>
          <th scope="col">{t("analysisTasks.column.task")}</th>
          {props.showSubject ? <th scope="col">{t("analysisTasks.column.subject")}</th> : null}
          {props.showAssignee ? <th scope="col">{t("analysisTasks.column.assignee")}</th> : null}
          <th scope="col">{t("analysisTasks.column.due")}</th>
          <th scope="col">{t("analysisTasks.column.status")}</th>
          <th scope="col">{t("analysisTasks.column.findings")}</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.id} class={task.overdue ? "analysis-task-overdue" : undefined}>
            <td>
              <a href={taskHref(task.id)}>{t(KIND_LABELS[task.kind])}</a>
            </td>
            {props.showSubject ? <td>{subjectLabel(t, task)}</td> : null}
            {props.showAssignee ? <td>{task.assigneeName}</td> : null}
            <td>
              <DateTime value={task.due} language={language} />
            </td>
            <td>
              <TaskStatus t={t} task={task} />
            </td>
            <td>{task.findingCount}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
