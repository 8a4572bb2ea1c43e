/** The analyst's own queue (`/analysis-tasks`): open tasks first, by deadline, overdue marked. */
import type { TaskSummaryView } from "../../../modules/analysis-tasks/analysis-tasks.schemas.ts";
import { Layout, type PageContext } from "../../layout.tsx";
import { TaskTable } from "./shared.tsx";

export function AnalysisQueuePage(props: { page: PageContext; tasks: TaskSummaryView[] }) {
  const { page, tasks } = props;
  const { t, language } = page;
  return (
    <Layout page={page} title={t("analysisTasks.queue.title")}>
      <h1>{t("analysisTasks.queue.title")}</h1>
      <p class="lead">{t("analysisTasks.queue.lead")}</p>
      {tasks.length === 0 ? (
        <p id="analysis-queue-empty">{t("analysisTasks.queue.empty")}</p>
      ) : (
        <TaskTable
          id="analysis-queue"
          t={t}
          language={language}
          tasks={tasks}
          showSubject={true}
          showAssignee={false}
        />
      )}
    </Layout>
  );
}
