import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { MailOutbox } from "../../platform/mail/outbox.ts";
import type { CaseEvent, CaseState } from "../../workflow/case/index.ts";
import type { WorkflowObserver } from "../../workflow/store.ts";
import { assignContactPoints } from "../access/case-membership.ts";
import { createCaseNotifier } from "./cases.notifications.ts";
import { projectCase } from "./cases.repository.ts";
import { projectUnreachableVendors } from "./unreachable-vendors.ts";

/**
 * Everything that follows a case's change inside its transaction, whoever made it (a service,
 * a report's forwarding, a timer): the list projection first, since the public list of
 * unreachable vendors and the mail read it.
 */
export function createCaseObserver(deps: {
  mail: MailOutbox;
  cipher: FieldCipher;
  clock: Clock;
  publicUrl: string;
  /** Runs after the projections, before the mail: the public advisory, which the mail names. */
  beforeMail?: WorkflowObserver;
}): WorkflowObserver {
  const notify = createCaseNotifier(deps);
  return async (tx, change) => {
    if (change.aggregate !== "case") return;
    const state = change.state as CaseState;
    await projectCase(tx, change.id, state, deps.clock.now().toISOString());
    await projectUnreachableVendors(tx, change.id, state, change.events as readonly CaseEvent[]);
    // R-SEC-6: a notified vendor's contact points see the case without waiting for its admin.
    for (const event of change.events as readonly CaseEvent[]) {
      if (event.type === "participant_notified") {
        await assignContactPoints(tx, {
          caseId: change.id,
          organizationId: event.orgId,
          at: event.at,
        });
      }
    }
    if (deps.beforeMail) await deps.beforeMail(tx, change);
    await notify(tx, change);
  };
}
