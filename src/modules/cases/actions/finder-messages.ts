import { ProblemError } from "../../../platform/http/problem.ts";
import { newId } from "../../../platform/ids.ts";
import { bilingualHeading } from "../../reports/reports.draft-comments.actions.ts";
import { finderMessageBody } from "../../reports/reports.draft-comments.schemas.ts";
import { recordMessageForFinder } from "../../reports/reports.draft-comments.ts";
import { postCaseMessage } from "../cases.messages.ts";
import { COORDINATOR, caseAction, createdId } from "./shared.ts";

/**
 * Issue 13 point 10: the coordinator addresses the finder through the desk. The message goes
 * to the desk on the case (the existing coordinator → desk channel, so vendors never see it),
 * and waits on the finder's report until the desk relays it there in its own name.
 */
export const finderMessageActions = {
  messageFinder: caseAction({
    method: "POST",
    path: "finder-messages",
    summary: "Write to the finder through the desk, which relays it on the report",
    body: finderMessageBody,
    viewers: COORDINATOR,
    audit: "case.finder_message_posted",
    answer: createdId,
    run: async ({ tx, cipher, execute, visible, id: caseId, at }, input) => {
      const source = visible.state.source;
      if (source?.kind !== "report") {
        throw new ProblemError(409, "no_finder", "This case has no finder to write to.");
      }
      // The entry is recorded before its message is posted, so the desk's mail says what it is.
      const id = newId();
      const caseMessageId = newId();
      await recordMessageForFinder(tx, cipher, {
        id,
        reportId: source.reportId,
        caseId,
        authorUserId: visible.user.userId,
        body: input.body,
        caseMessageId,
        at,
      });
      await postCaseMessage(tx, cipher, {
        caseId,
        messageId: caseMessageId,
        author: visible.user,
        authorKind: "coordinator",
        to: "intake",
        body: `${bilingualHeading("draftReview.caseMessage.forFinder")}\n\n${input.body}`,
        at,
        execute,
      });
      return id;
    },
    form: {
      name: "finderMessage",
      done: "finderMessage",
      section: "messages",
      // Only a finder's report has a finder to write to.
      offered: (view) => (view as { source?: string }).source === "report",
      notice: "draftReview.notice.finderMessage",
      heading: "draftReview.coordinator.heading",
      submit: "draftReview.coordinator.submit",
      fields: {
        finderMessageBody: {
          label: "draftReview.coordinator.body",
          hint: "draftReview.coordinator.hint",
          kind: "textarea",
        },
      },
      apiFields: { body: "finderMessageBody" },
    },
  }),
};
