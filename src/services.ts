import {
  type AccountsService,
  createAccountsService,
} from "./modules/accounts/accounts.service.ts";
import {
  type AdvisoriesService,
  createAdvisoriesService,
} from "./modules/advisories/advisories.service.ts";
import { createAdvisoryPublisher } from "./modules/advisories/advisories.store.ts";
import { type AuditService, createAuditService } from "./modules/audit/audit.service.ts";
import { type Audit, createAudit } from "./modules/audit/audit.ts";
import { createCaseNotifier } from "./modules/cases/cases.notifications.ts";
import {
  type CasesService,
  createCasesService,
  projectCase,
} from "./modules/cases/cases.service.ts";
import { createDeskKeyService, type DeskKeyService } from "./modules/desk-key/desk-key.service.ts";
import {
  createOrganizationsService,
  type OrganizationsService,
} from "./modules/organizations/organizations.service.ts";
import {
  type AttachmentsService,
  createAttachmentsService,
} from "./modules/reports/attachments.service.ts";
import { createReportsService, type ReportsService } from "./modules/reports/reports.service.ts";
import type { FieldCipher } from "./platform/crypto/cipher.ts";
import type { Db } from "./platform/db/database.ts";
import { japaneseBusinessCalendar } from "./platform/holidays.ts";
import type { Clock } from "./platform/jobs/clock.ts";
import type { MailOutbox } from "./platform/mail/outbox.ts";
import type { CaseState } from "./workflow/case.ts";
import { createWorkflowPolicy } from "./workflow/policy.ts";
import { createWorkflowStore, type WorkflowStore } from "./workflow/store.ts";

/** The business services, built once from the platform parts; routes and commands share them. */
export interface Services {
  workflow: WorkflowStore;
  audit: Audit;
  auditLog: AuditService;
  accounts: AccountsService;
  organizations: OrganizationsService;
  reports: ReportsService;
  cases: CasesService;
  deskKey: DeskKeyService;
  attachments: AttachmentsService;
  advisories: AdvisoriesService;
}

export function createServices(parts: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  mail: MailOutbox;
  publicUrl: string;
  /** R-PUB-1; KKH when not configured. */
  advisoryPrefix?: string;
}): Services {
  // Deadlines counted in business days follow the Japanese holiday calendar (R-COO-15).
  const workflow = createWorkflowStore({
    db: parts.db,
    clock: parts.clock,
    observers: [
      async (tx, change) => {
        if (change.aggregate === "case")
          await projectCase(
            tx,
            change.id,
            change.state as CaseState,
            parts.clock.now().toISOString(),
          );
      },
      // The public advisory is written in the publishing change's own transaction (R-COO-4),
      // before the notifier, whose mail names it.
      createAdvisoryPublisher(parts),
      // After the projection: the notifier reads the case's title and assignee from it.
      createCaseNotifier(parts),
    ],
    policy: createWorkflowPolicy({ calendar: japaneseBusinessCalendar }),
  });
  const audit = createAudit({ clock: parts.clock });
  const accounts = createAccountsService({ ...parts, audit });
  const organizations = createOrganizationsService({ ...parts, audit, accounts });
  const auditLog = createAuditService({ db: parts.db, audit });
  const deskKey = createDeskKeyService({ ...parts, audit });
  const reports = createReportsService({ ...parts, audit, workflow, deskKey });
  const attachments = createAttachmentsService({ ...parts, audit });
  const cases = createCasesService({ ...parts, audit, workflow });
  const advisories = createAdvisoriesService({
    ...parts,
    cases,
    advisoryPrefix: parts.advisoryPrefix ?? "KKH",
  });
  return {
    workflow,
    audit,
    auditLog,
    accounts,
    organizations,
    reports,
    attachments,
    cases,
    deskKey,
    advisories,
  };
}
