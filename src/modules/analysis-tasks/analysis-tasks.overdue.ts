/**
 * The daily reminder of overdue analysis tasks (R-ANA-1): once a day, at the digest's hour in
 * Japan time, each analyst with open tasks past their deadline is told how many and which (kind,
 * report or case number, deadline; never content), with the link to their queue.
 *
 * Like the digest, the job exists only on days with something to say: assigning a task enqueues
 * the round after its deadline (one per time, by its idempotency key), and a round that finds
 * overdue tasks enqueues the next day's. A round gives each analyst a job of their own keyed by
 * the analyst and the Japanese calendar day, so that an analyst hears once a day however often
 * the round runs (`kakehashi jobs run-due` twice, a retry).
 */
import { z } from "zod";
import type { Db, Executor } from "../../platform/db/database.ts";
import { formatInstant, isLanguage, type Language, translator } from "../../platform/i18n/i18n.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import { enqueueJob, type JobHandler } from "../../platform/jobs/jobs.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import { DIGEST_TIME_ZONE, nextDigestAt } from "../notifications/digest.ts";
import { createNotifier } from "../notifications/notify.ts";
import { analystsWithOverdueTasks, overdueTasksOf } from "./analysis-tasks.people.ts";
import { referenceOf } from "./analysis-tasks.subjects.ts";

export const ANALYSIS_OVERDUE_JOB = "analysis-tasks.overdue-reminder";
/** Asia/Tokyo keeps +09:00 all year. */
const ZONE_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The round (null) or one analyst's reminder of one day. */
const payloadSchema = z.object({ userId: z.string(), day: z.string() }).nullable();

/** The Japanese calendar day of an instant, e.g. 2026-12-05. */
export function japaneseDay(at: Date): string {
  return new Date(at.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 10);
}

/** Makes sure a round runs at the first reminder time after this instant (caller's transaction). */
export async function scheduleOverdueRound(
  executor: Executor,
  clock: Clock,
  after: Date,
): Promise<void> {
  const dueAt = nextDigestAt(after);
  await enqueueJob(executor, clock, {
    type: ANALYSIS_OVERDUE_JOB,
    payload: null,
    dueAt,
    idempotencyKey: `${ANALYSIS_OVERDUE_JOB}:${dueAt.toISOString()}`,
  });
}

const KIND_WORDS = {
  reproduce: "analysisTasks.kind.reproduce",
  impact: "analysisTasks.kind.impact",
  affected_versions: "analysisTasks.kind.affected_versions",
  exploitability: "analysisTasks.kind.exploitability",
  detection: "analysisTasks.kind.detection",
} as const;

export function createOverdueReminderHandler(deps: {
  db: Db;
  mail: MailOutbox;
  clock: Clock;
  publicUrl: string;
}): JobHandler {
  const { db, clock, publicUrl } = deps;
  const notify = createNotifier(deps);
  const link = `${publicUrl}/analysis-tasks`;

  /** The lines of the mail: kind, report or case, deadline with its zone. */
  async function lines(
    tx: Executor,
    tasks: Awaited<ReturnType<typeof overdueTasksOf>>,
    language: Language,
  ) {
    const t = translator(language);
    const out: { line: string; reference: string }[] = [];
    for (const task of tasks) {
      const reference = await referenceOf(tx, { type: task.subject_type, id: task.subject_id });
      out.push({
        reference,
        line: t("analysisTasks.mail.overdue.item", {
          kind: t(KIND_WORDS[task.kind]),
          subject: t(
            task.subject_type === "report"
              ? "analysisTasks.subject.report"
              : "analysisTasks.subject.case",
            { reference },
          ),
          due: formatInstant(new Date(task.due_at), language, DIGEST_TIME_ZONE),
        }),
      });
    }
    return out;
  }

  return async (job) => {
    const payload = payloadSchema.parse(job.payload);
    const now = clock.now();
    if (payload === null) {
      const day = japaneseDay(now);
      const analysts = await analystsWithOverdueTasks(db, now.toISOString());
      await db.transaction().execute(async (tx) => {
        for (const userId of analysts) {
          await enqueueJob(tx, clock, {
            type: ANALYSIS_OVERDUE_JOB,
            payload: { userId, day },
            idempotencyKey: `${ANALYSIS_OVERDUE_JOB}:${userId}:${day}`,
          });
        }
        // Tasks still overdue tomorrow are told of again then.
        if (analysts.length > 0) await scheduleOverdueRound(tx, clock, now);
      });
      return;
    }
    await db.transaction().execute(async (tx) => {
      const tasks = await overdueTasksOf(tx, payload.userId, now.toISOString());
      // Completed since the round: nothing to say.
      if (tasks.length === 0) return;
      const person = await tx
        .selectFrom("users")
        .select(["name", "language"])
        .where("id", "=", payload.userId)
        .executeTakeFirst();
      if (!person) return;
      const language: Language = isLanguage(person.language) ? person.language : "ja";
      const items = await lines(tx, tasks, language);
      await notify(
        tx,
        { userId: payload.userId },
        {
          kind: "analysis_task_overdue",
          event: {
            what: "analysisTasks.what.overdue",
            params: { count: tasks.length },
            reference: [...new Set(items.map((item) => item.reference))].join(", "),
            link,
          },
          mail: {
            template: "analysisTasksOverdue",
            params: {
              name: person.name,
              count: tasks.length,
              items: items.map((item) => item.line).join("\n"),
              link,
            },
          },
        },
      );
    });
  };
}
