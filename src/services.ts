import {
  type AccountsService,
  createAccountsService,
} from "./modules/accounts/accounts.service.ts";
import { createAdvisoryPublisher } from "./modules/advisories/advisories.publisher.ts";
import {
  type AdvisoriesService,
  createAdvisoriesService,
} from "./modules/advisories/advisories.service.ts";
import {
  type AnalysisSharesService,
  createAnalysisSharesService,
} from "./modules/analysis-shares/analysis-shares.service.ts";
import {
  type AnalysisTasksService,
  createAnalysisTasksService,
} from "./modules/analysis-tasks/analysis-tasks.service.ts";
import { type AuditService, createAuditService } from "./modules/audit/audit.service.ts";
import { type Audit, createAudit } from "./modules/audit/audit.ts";
import { createCaseRecordsReader } from "./modules/cases/case-records.ts";
import { createCaseObserver } from "./modules/cases/cases.observer.ts";
import { type CasesService, createCasesService } from "./modules/cases/cases.service.ts";
import {
  type CsafProvider,
  createCsafProvider,
} from "./modules/csaf-provider/csaf-provider.service.ts";
import { createDeskKeyService, type DeskKeyService } from "./modules/desk-key/desk-key.service.ts";
import {
  createNotificationsService,
  type NotificationsService,
} from "./modules/notifications/notifications.service.ts";
import { createNdaService, type NdaService } from "./modules/organizations/nda.service.ts";
import {
  createOrganizationsService,
  type OrganizationsService,
} from "./modules/organizations/organizations.service.ts";
import { createPriorityObserver } from "./modules/priority/priority.observer.ts";
import {
  createPriorityRecipients,
  type PriorityRecipients,
} from "./modules/priority/priority.recipients.ts";
import {
  createPriorityService,
  type PriorityService,
} from "./modules/priority/priority.service.ts";
import {
  type AttachmentsService,
  createAttachmentsService,
} from "./modules/reports/attachments.service.ts";
import { createReportNotifier } from "./modules/reports/reports.notifications.ts";
import { createReportsService, type ReportsService } from "./modules/reports/reports.service.ts";
import { createRiskService, type RiskService } from "./modules/risk/risk.service.ts";
import { createSiteCaseNotifier } from "./modules/site-cases/site-cases.notifications.ts";
import {
  createSiteCasesService,
  type SiteCasesService,
} from "./modules/site-cases/site-cases.service.ts";
import { createWebhookObserver } from "./modules/webhooks/webhooks.outbox.ts";
import {
  createWebhooksService,
  type WebhooksService,
} from "./modules/webhooks/webhooks.service.ts";
import type { FieldCipher } from "./platform/crypto/cipher.ts";
import type { Db } from "./platform/db/database.ts";
import { japaneseBusinessCalendar } from "./platform/holidays.ts";
import type { Clock } from "./platform/jobs/clock.ts";
import type { MailOutbox } from "./platform/mail/outbox.ts";
import { createWorkflowPolicy } from "./workflow/policy.ts";
import { createWorkflowStore, type WorkflowStore } from "./workflow/store.ts";

/** The business services, built once from the platform parts; routes and commands share them. */
export interface Services {
  workflow: WorkflowStore;
  audit: Audit;
  auditLog: AuditService;
  accounts: AccountsService;
  organizations: OrganizationsService;
  nda: NdaService;
  reports: ReportsService;
  cases: CasesService;
  deskKey: DeskKeyService;
  attachments: AttachmentsService;
  advisories: AdvisoriesService;
  siteCases: SiteCasesService;
  csafProvider: CsafProvider;
  webhooks: WebhooksService;
  notifications: NotificationsService;
  analysisShares: AnalysisSharesService;
  /** A report's and a case's risk (R-RISK-1). */
  risk: RiskService;
  analysisTasks: AnalysisTasksService;
  priority: PriorityService;
  priorityRecipients: PriorityRecipients;
}

export function createServices(parts: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  mail: MailOutbox;
  publicUrl: string;
  /** R-PUB-1; KKH when not configured. */
  advisoryPrefix?: string;
  /** A coordinator other than the draft's last author approves; off when not configured. */
  advisorySecondApprover?: boolean;
  /** KAKEHASHI_WEBHOOKS_ALLOW_HTTP: http:// and private addresses for webhooks (development). */
  webhooksAllowHttp?: boolean;
}): Services {
  const caseRecords = createCaseRecordsReader(parts);
  // Built before the workflow, whose observers it joins (the audit writer keeps no state).
  const csafProvider = createCsafProvider({ ...parts, audit: createAudit({ clock: parts.clock }) });
  // Deadlines counted in business days follow the Japanese holiday calendar (R-COO-15).
  const workflow = createWorkflowStore({
    db: parts.db,
    clock: parts.clock,
    // Read models, the public advisory and mail follow every change in its transaction, whoever
    // made it (a service, a follow-up, a timer).
    observers: [
      createCaseObserver({
        ...parts,
        beforeMail: createAdvisoryPublisher({ ...parts, caseRecords }),
      }),
      createSiteCaseNotifier(parts),
      // A report's events: what the finder hears, and the desk's new work (issue 13).
      createReportNotifier(parts),
      // Priority provision: its list, its notices, and its end at the case's publication.
      createPriorityObserver({ ...parts, workflow: () => workflow }),
      // After the advisory publisher (in the case observer): the CSAF files follow the advisory.
      csafProvider.observer,
      // Last: webhooks name the state every observer before it has projected.
      createWebhookObserver(parts),
    ],
    policy: createWorkflowPolicy({ calendar: japaneseBusinessCalendar }),
  });
  const audit = createAudit({ clock: parts.clock });
  const accounts = createAccountsService({ ...parts, audit });
  const organizations = createOrganizationsService({ ...parts, audit, accounts });
  const nda = createNdaService({ ...parts, audit });
  const auditLog = createAuditService({ db: parts.db, audit });
  const deskKey = createDeskKeyService({ ...parts, audit });
  const reports = createReportsService({ ...parts, audit, workflow, deskKey });
  const attachments = createAttachmentsService({ ...parts, audit });
  const cases = createCasesService({ ...parts, audit, workflow });
  const siteCases = createSiteCasesService({ ...parts, audit, workflow });
  const advisories = createAdvisoriesService({
    ...parts,
    cases,
    caseRecords,
    advisoryPrefix: parts.advisoryPrefix ?? "KKH",
    secondApprover: parts.advisorySecondApprover ?? false,
  });
  const webhooks = createWebhooksService({
    ...parts,
    audit,
    network: { allowHttp: parts.webhooksAllowHttp ?? false },
  });
  return {
    workflow,
    audit,
    auditLog,
    accounts,
    organizations,
    nda,
    reports,
    attachments,
    cases,
    siteCases,
    deskKey,
    advisories,
    csafProvider,
    webhooks,
    notifications: createNotificationsService(parts),
    analysisShares: createAnalysisSharesService({ ...parts, audit, workflow, cases, siteCases }),
    risk: createRiskService({ ...parts, audit, workflow }),
    analysisTasks: createAnalysisTasksService({ ...parts, audit, workflow }),
    priority: createPriorityService({ ...parts, audit, workflow }),
    priorityRecipients: createPriorityRecipients({ ...parts, audit, workflow }),
  };
}
