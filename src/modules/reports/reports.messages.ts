/** The thread between a report's finder and the desk (sealed at rest, audited when read). */
import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import { nextThreadInstant } from "../../platform/db/thread-instant.ts";
import { forbidden } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { Actor, UserActor } from "../access/actor.ts";
import { loadVisibleReport, type ReportSide, type ReportsContext } from "./reports.context.ts";
import { tellOfMessage } from "./reports.notifications.ts";
import { canReadReportContent } from "./reports.policy.ts";
import { insertMessage, lastMessageAt, listMessages } from "./reports.repository.ts";
import type { ReportMessage } from "./reports.schemas.ts";
import { reportMessageBody } from "./reports.sealed.ts";

/** Adds a message to the report's thread; answers its id. */
export async function appendMessage(
  tx: Executor,
  deps: { cipher: FieldCipher; clock: Clock },
  reportId: string,
  author: UserActor,
  side: ReportSide,
  body: string,
): Promise<string> {
  const id = newId();
  await insertMessage(tx, {
    id,
    report_id: reportId,
    author_user_id: author.userId,
    author_side: side,
    body_sealed: reportMessageBody.seal(deps.cipher, id, body),
    created_at: nextThreadInstant(deps.clock.now(), await lastMessageAt(tx, reportId)),
  });
  return id;
}

export function createReportMessages(context: ReportsContext) {
  const { db, audit, cipher } = context;
  return {
    /** The finder writes as the finder; a desk member who may read the report, as the desk. */
    async postMessage(actor: Actor, id: string, body: string): Promise<{ id: string }> {
      return db.transaction().execute(async (tx) => {
        const { row, user } = await loadVisibleReport(tx, actor, id);
        const side = row.finder_user_id === user.userId ? "finder" : "intake";
        if (side === "intake" && !canReadReportContent(user, row))
          throw forbidden("Take the report (assignment) to write to the finder.");
        const messageId = await appendMessage(tx, context, id, user, side, body);
        await audit.record(tx, user, {
          type: "report.message_posted",
          subjectType: "report",
          subjectId: id,
        });
        // The desk awaits a reply while it has asked the finder for more information.
        const status = (await context.workflow.load(tx, "report", id))?.state.status;
        await tellOfMessage(tx, context, row, {
          side,
          userId: user.userId,
          replyAwaited: status === "needs_info",
        });
        return { id: messageId };
      });
    },

    async messages(actor: Actor, id: string): Promise<ReportMessage[]> {
      return db.transaction().execute(async (tx) => {
        const { row, user } = await loadVisibleReport(tx, actor, id);
        if (!canReadReportContent(user, row))
          throw forbidden("Take the report (assignment) to read its messages.");
        const rows = await listMessages(tx, id);
        await audit.record(tx, user, {
          type: "report.messages_viewed",
          subjectType: "report",
          subjectId: id,
        });
        return rows.map((message) => ({
          id: message.id,
          from: message.author_side,
          body: reportMessageBody.open(cipher, message.id, message.body_sealed),
          createdAt: message.created_at,
        }));
      });
    },
  };
}
