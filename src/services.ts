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
import type { FieldCipher } from "./platform/crypto/cipher.ts";
import type { Db } from "./platform/db/database.ts";
import type { Clock } from "./platform/jobs/clock.ts";
import type { MailOutbox } from "./platform/mail/outbox.ts";

/** The business services, built once from the platform parts; routes and commands share them. */
export interface Services {
  audit: Audit;
  auditLog: AuditService;
  accounts: AccountsService;
  organizations: OrganizationsService;
}

export function createServices(parts: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  mail: MailOutbox;
  publicUrl: string;
}): Services {
  const audit = createAudit({ clock: parts.clock });
  const accounts = createAccountsService({ ...parts, audit });
  const organizations = createOrganizationsService({ ...parts, audit, accounts });
  const auditLog = createAuditService({ db: parts.db, audit });
  return { audit, auditLog, accounts, organizations };
}
