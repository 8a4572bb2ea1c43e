/**
 * Who hears of an analysis task, through the one notifier: the analyst when a task is assigned,
 * the desk member who assigned it when a finding is added or the task is completed. Each notice
 * names the event, the report's or case's number and the task's link, never its text (R-SEC-3);
 * a relay reaches the people of the case's informed vendors who are assigned to it.
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
    /** A case's vendors' assigned people, when findings were relayed to them: sign in to read. */
    relayed: async (tx: Executor, e: { caseId: string; userIds: string[]; reference: string }) => {
      for (const userId of e.userIds) {
        await notify(
          tx,
          { userId },
          {
            kind: "analysis_finding_relayed",
            event: {
              what: "analysisTasks.what.relayed",
              reference: e.reference,
              link: `${deps.publicUrl}/cases/${encodeURIComponent(e.caseId)}#analysis-tasks`,
            },
          },
        );
      }
    },
  };
}
