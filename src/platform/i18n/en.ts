import { accountsEn } from "./catalog/accounts.en.ts";
import { advisoriesEn } from "./catalog/advisories.en.ts";
import { analysisSharesEn } from "./catalog/analysis-shares.en.ts";
import { analysisTasksEn } from "./catalog/analysis-tasks.en.ts";
import { attachmentsEn } from "./catalog/attachments.en.ts";
import { auditTypesEn } from "./catalog/audit-types.en.ts";
import { casePagesEn } from "./catalog/case-pages.en.ts";
import { casesEn } from "./catalog/cases.en.ts";
import { contactPagesEn } from "./catalog/contact-pages.en.ts";
import { coreEn } from "./catalog/core.en.ts";
import { csafProviderEn } from "./catalog/csaf-provider.en.ts";
import { deskEn } from "./catalog/desk.en.ts";
import { deskKeyEn } from "./catalog/desk-key.en.ts";
import { directoryEn } from "./catalog/directory.en.ts";
import { draftReviewEn } from "./catalog/draft-review.en.ts";
import { ndaEn } from "./catalog/nda.en.ts";
import { notificationsEn } from "./catalog/notifications.en.ts";
import { priorityEn } from "./catalog/priority.en.ts";
import { reportsEn } from "./catalog/reports.en.ts";
import { riskEn } from "./catalog/risk.en.ts";
import { scoringEn } from "./catalog/scoring.en.ts";
import { siteCasesEn } from "./catalog/site-cases.en.ts";
import { staffListsEn } from "./catalog/staff-lists.en.ts";
import { webhooksEn } from "./catalog/webhooks.en.ts";
import type { ja } from "./ja.ts";

export const en: Record<keyof typeof ja, string> = {
  ...coreEn,
  ...accountsEn,
  ...directoryEn,
  ...reportsEn,
  ...casesEn,
  ...deskEn,
  ...deskKeyEn,
  ...attachmentsEn,
  ...siteCasesEn,
  ...casePagesEn,
  ...advisoriesEn,
  ...contactPagesEn,
  ...csafProviderEn,
  ...draftReviewEn,
  ...webhooksEn,
  ...auditTypesEn,
  ...scoringEn,
  ...ndaEn,
  ...priorityEn,
  ...notificationsEn,
  ...analysisSharesEn,
  ...riskEn,
  ...analysisTasksEn,
  ...staffListsEn,
};
