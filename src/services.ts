import {
  type AccountsService,
  createAccountsService,
} from "./modules/accounts/accounts.service.ts";
import { type AuditService, createAuditService } from "./modules/audit/audit.service.ts";
import { type Audit, createAudit } from "./modules/audit/audit.ts";
import {
  createOrganizationsService,
  type OrganizationsService,
} from "./modules/organizations/organizations.service.ts";
import { createReportsService, type ReportsService } from "./modules/reports/reports.service.ts";
import {
  createSiteCasesService,
  type SiteCasesService,
} from "./modules/site-cases/site-cases.service.ts";
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
  reports: ReportsService;
  siteCases: SiteCasesService;
}

export function createServices(parts: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  mail: MailOutbox;
  publicUrl: string;
}): Services {
  // Deadlines counted in business days follow the Japanese holiday calendar (R-COO-15).
  const workflow = createWorkflowStore({
    db: parts.db,
    clock: parts.clock,
    policy: createWorkflowPolicy({ calendar: japaneseBusinessCalendar }),
  });
  const audit = createAudit({ clock: parts.clock });
  const accounts = createAccountsService({ ...parts, audit });
  const organizations = createOrganizationsService({ ...parts, audit, accounts });
  const auditLog = createAuditService({ db: parts.db, audit });
  const reports = createReportsService({ ...parts, audit, workflow });
  const siteCases = createSiteCasesService({ ...parts, audit, workflow });
  // Site cases open from a report's forward and move on timers too: their read model and mail
  // follow the workflow's events, in the transaction that wrote them.
  workflow.subscribe(siteCases.onWorkflowChange);
  return { workflow, audit, auditLog, accounts, organizations, reports, siteCases };
}
