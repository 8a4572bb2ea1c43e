import { z } from "zod";
import { notFound } from "../../../platform/http/problem.ts";
import { newId } from "../../../platform/ids.ts";
import { postCaseMessage } from "../cases.messages.ts";
import { directContactBody, messageBody } from "../cases.schemas.ts";
import { caseAction, createdId, id, VENDOR } from "./shared.ts";

/** Who talks to whom: messages relayed by the coordinator (R-COO-5), direct contact with the finder (R-COO-6). */
export const contactActions = {
  approveDirectContact: caseAction({
    method: "POST",
    path: "direct-contact-requests/:rid/approve",
    summary: "Approve a vendor's request to talk to the finder directly (R-COO-6)",
    params: z.object({ rid: id }),
    viewers: ["coordinator", "intake"],
    audit: "case.direct_contact_approved",
    run: async ({ execute, visible }, input) => {
      if (!visible.state.directContacts.some((d) => d.id === input.rid)) throw notFound();
      await execute({ type: "approve_direct_contact", requestId: input.rid });
    },
    form: {
      name: "approveContact",
      done: "contactApproved",
      notice: "contactPages.approve.notice",
      fields: {},
    },
  }),

  requestDirectContact: caseAction({
    method: "POST",
    path: "direct-contact-requests",
    summary: "Ask to talk to the finder directly (R-COO-6); the coordinator and desk approve",
    body: directContactBody,
    viewers: VENDOR,
    audit: "case.direct_contact_requested",
    answer: createdId,
    run: async ({ execute }, input) => {
      const requestId = newId();
      await execute({ type: "request_direct_contact", requestId, reason: input.reason });
      return requestId;
    },
  }),

  postMessage: caseAction({
    method: "POST",
    path: "messages",
    summary: "Post a message; the coordinator relays between vendors (R-COO-5)",
    body: messageBody,
    viewers: ["coordinator", "intake", "vendor", "csirt"],
    audit: "case.message_posted",
    answer: createdId,
    run: ({ tx, cipher, execute, visible, id: caseId, at }, input) =>
      postCaseMessage(tx, cipher, {
        caseId,
        author: visible.user,
        authorKind: visible.viewer.kind,
        to: input.to ?? "coordinator",
        body: input.body,
        at,
        execute,
      }),
    form: {
      name: "message",
      done: "message",
      notice: "casePages.notice.message",
      fields: {
        to: { label: "casePages.messages.to" },
        body: { label: "casePages.messages.body" },
      },
    },
  }),
};
