import { accountsJa } from "./catalog/accounts.ja.ts";
import { advisoriesJa } from "./catalog/advisories.ja.ts";
import { analysisSharesJa } from "./catalog/analysis-shares.ja.ts";
import { analysisTasksJa } from "./catalog/analysis-tasks.ja.ts";
import { attachmentsJa } from "./catalog/attachments.ja.ts";
import { auditTypesJa } from "./catalog/audit-types.ja.ts";
import { casePagesJa } from "./catalog/case-pages.ja.ts";
import { casesJa } from "./catalog/cases.ja.ts";
import { contactPagesJa } from "./catalog/contact-pages.ja.ts";
import { coreJa } from "./catalog/core.ja.ts";
import { csafProviderJa } from "./catalog/csaf-provider.ja.ts";
import { deskJa } from "./catalog/desk.ja.ts";
import { deskKeyJa } from "./catalog/desk-key.ja.ts";
import { directoryJa } from "./catalog/directory.ja.ts";
import { draftReviewJa } from "./catalog/draft-review.ja.ts";
import { ndaJa } from "./catalog/nda.ja.ts";
import { notificationsJa } from "./catalog/notifications.ja.ts";
import { priorityJa } from "./catalog/priority.ja.ts";
import { reportsJa } from "./catalog/reports.ja.ts";
import { riskJa } from "./catalog/risk.ja.ts";
import { scoringJa } from "./catalog/scoring.ja.ts";
import { siteCasesJa } from "./catalog/site-cases.ja.ts";
import { staffListsJa } from "./catalog/staff-lists.ja.ts";
import { webhooksJa } from "./catalog/webhooks.ja.ts";

/** The Japanese catalog defines the keys; en.ts must have the same ones (checked by the type). */
export const ja = {
  ...coreJa,
  ...accountsJa,
  ...directoryJa,
  ...reportsJa,
  ...casesJa,
  ...deskJa,
  ...deskKeyJa,
  ...attachmentsJa,
  ...siteCasesJa,
  ...casePagesJa,
  ...advisoriesJa,
  ...contactPagesJa,
  ...csafProviderJa,
  ...draftReviewJa,
  ...webhooksJa,
  ...auditTypesJa,
  ...scoringJa,
  ...ndaJa,
  ...priorityJa,
  ...notificationsJa,
  ...analysisSharesJa,
  ...riskJa,
  ...analysisTasksJa,
  ...staffListsJa,
};
