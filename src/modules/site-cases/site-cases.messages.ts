import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Executor, Tx } from "../../platform/db/database.ts";
import { forbidden } from "../../platform/http/problem.ts";
import { newId } from "../../platform/ids.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { WorkflowStore } from "../../workflow/store.ts";
import type { Actor } from "../access/actor.ts";
import type { Audit } from "../audit/audit.ts";
import { presentMessage } from "./site-cases.presenter.ts";
import { insertMessage, lastMessageAt, messagesOf } from "./site-cases.repository.ts";
import { siteCaseMessageBody } from "./site-cases.sealed.ts";
import {
  loadVisibleSiteCase,
  readsConfidential,
  type SiteCasePipeline,
  type VisibleSiteCase,
  workflowActorOf,
} from "./site-cases.subject.ts";

/**
 * R-WEB-5: the desk ⇄ operator thread, bodies sealed at rest. The desk side is the member
 * handling the report and the desk's admins (R-SEC-1); every read is audited.
 */
export function createSiteCaseMessages(deps: {
  db: Db;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  workflow: WorkflowStore;
  pipeline: SiteCasePipeline;
}) {
  const { db, audit, cipher, clock, workflow, pipeline } = deps;

  async function addMessage(tx: Tx, visible: VisibleSiteCase, body: string) {
    const id = newId();
    // A thread reads in time order: a message never shares its instant with the one before.
    const last = await lastMessageAt(tx, visible.row.id);
    const now = clock.now().getTime();
    const createdAt = new Date(last ? Math.max(now, new Date(last).getTime() + 1) : now);
    await insertMessage(tx, {
      id,
      site_case_id: visible.row.id,
      author_user_id: visible.user.userId,
      author_side: visible.viewer === "operator" ? "operator" : "intake",
      body_sealed: siteCaseMessageBody.seal(cipher, id, body),
      created_at: createdAt.toISOString(),
    });
    return id;
  }

  /** The thread, oldest first, for a caller who may read it; the read is audited. */
  async function readMessages(tx: Executor, visible: VisibleSiteCase) {
    const rows = await messagesOf(tx, visible.row.id);
    await audit.record(tx, visible.user, {
      type: "site_case.messages_viewed",
      subjectType: "site_case",
      subjectId: visible.row.id,
    });
    return rows.map((row) =>
      presentMessage(row, siteCaseMessageBody.open(cipher, row.id, row.body_sealed)),
    );
  }

  return {
    readMessages,

    async postMessage(actor: Actor, id: string, body: string) {
      return workflow.transaction(async (tx) => {
        const visible = await loadVisibleSiteCase(tx, actor, id);
        if (!readsConfidential(visible))
          throw forbidden("Take the report (assignment) to write to the operator.");
        const messageId = await addMessage(tx, visible, body);
        await pipeline.execute(tx, id, workflowActorOf(visible), {
          type: "post_message",
          messageId,
        });
        await audit.record(tx, visible.user, {
          type: "site_case.message_posted",
          subjectType: "site_case",
          subjectId: id,
          details: { messageId },
        });
        return { id: messageId };
      });
    },

    async messages(actor: Actor, id: string) {
      return db.transaction().execute(async (tx) => {
        const visible = await loadVisibleSiteCase(tx, actor, id);
        if (!readsConfidential(visible))
          throw forbidden("Take the report (assignment) to read the messages with the operator.");
        return readMessages(tx, visible);
      });
    },
  };
}
