/**
 * Every action on a product case, one entry each: who may take it, its input, what it runs, its
 * audit entry, the API's answer and the page's form. The service methods, the `/api/v1` routes
 * (cases.routes.ts) and the case page's form handlers (cases.pages.tsx) are derived from this
 * table. Adding an action: an entry in the file of its concern, its rule in the case machine,
 * its strings in the catalogs.
 */
import { contactActions } from "./contact.ts";
import { finderMessageActions } from "./finder-messages.ts";
import { participantActions } from "./participants.ts";
import { scheduleActions } from "./schedule.ts";
import { vendorActions } from "./vendor.ts";

export const caseActions = {
  ...participantActions,
  ...scheduleActions,
  ...vendorActions,
  ...contactActions,
  ...finderMessageActions,
};

export type CaseActions = typeof caseActions;
export type { CaseTools } from "./shared.ts";
