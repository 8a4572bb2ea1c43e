import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Tx } from "../../platform/db/database.ts";
import type { CaseMessagesTable } from "../../platform/db/schema.ts";
import { newId } from "../../platform/ids.ts";
import type { Executed } from "../../workflow/actions.ts";
import type { UserActor } from "../access/actor.ts";
import { audienceKey } from "./cases.policy.ts";
import { insertCaseMessage } from "./cases.repository.ts";

/**
 * The one way a message is posted on a case, by a member or by the finder: the workflow decides
 * who may write to whom and who reads it (R-COO-5); the message is kept sealed with that
 * audience, in the thread's order (the case's version after the post).
 */
export async function postCaseMessage(
  tx: Tx,
  cipher: FieldCipher,
  input: {
    caseId: string;
    /** Chosen by the caller that records something naming the message before it is posted. */
    messageId?: string;
    author: UserActor;
    authorKind: CaseMessagesTable["author_kind"];
    to: string;
    body: string;
    at: string;
    execute: (command: {
      type: "post_message";
      messageId: string;
      to: string;
    }) => Promise<Executed<"case">>;
  },
): Promise<string> {
  const messageId = input.messageId ?? newId();
  const { events, version } = await input.execute({
    type: "post_message",
    messageId,
    to: input.to,
  });
  const posted = events.find((e) => e.type === "message_posted");
  await insertCaseMessage(tx, cipher, {
    id: messageId,
    caseId: input.caseId,
    author: input.author,
    authorKind: input.authorKind,
    authorOrgId: input.authorKind === "finder" ? null : (input.author.organization?.id ?? null),
    to: input.to,
    audience: `|${(posted?.audience ?? []).map(audienceKey).join("|")}|`,
    body: input.body,
    position: version,
    at: input.at,
  });
  return messageId;
}
