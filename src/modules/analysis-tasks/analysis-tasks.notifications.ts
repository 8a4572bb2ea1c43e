/**
 * Who hears of an analysis task, through the one notifier: the analyst when a task is assigned,
 * the desk member who assigned it when a finding is added or the task is completed. Each notice
 * names the event, the report's or case's number and the task's link, never its text (R-SEC-3).
 */
import type { Executor } from "../../platform/db/database.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { createNotifier } from "../notifications/notify.ts";

export function createAnalysisNotices(deps: { mail: MailOutbox; clock: Clock; publicUrl: string }) {
  const notify = createNotifier(deps);
  const link = (taskId: string) => `${deps.publicUrl}/analysis-tasks/${encodeURIComponent(taskId)}`;
  return {
    assigned: (tx: Executor, e: { taskId: string; analystId: string; reference: string }) =>
      notify(
        tx,
        { userId: e.analystId },
        {
          kind: "analysis_task_assigned",
          event: {
            what: "analysisTasks.what.assigned",
            reference: e.reference,
            link: link(e.taskId),
          },
        },
      ),
    findingAdded: (tx: Executor, e: { taskId: string; deskUserId: string; reference: string }) =>
      notify(
        tx,
        { userId: e.deskUserId },
        {
          kind: "analysis_finding_added",
          event: {
            what: "analysisTasks.what.finding",
            reference: e.reference,
            link: link(e.taskId),
          },
        },
      ),
    completed: (tx: Executor, e: { taskId: string; deskUserId: string; reference: string }) =>
      notify(
        tx,
        { userId: e.deskUserId },
        {
          kind: "analysis_task_completed",
          event: {
            what: "analysisTasks.what.completed",
            reference: e.reference,
            link: link(e.taskId),
          },
        },
      ),
  };
}
