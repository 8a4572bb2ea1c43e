import type { Logger } from "pino";
import { type Config, loadConfig } from "./config/config.ts";
import { resolveMasterKeys } from "./config/master-key.ts";
import {
  ANALYSIS_OVERDUE_JOB,
  createOverdueReminderHandler,
} from "./modules/analysis-tasks/analysis-tasks.overdue.ts";
import { createDigestHandler, NOTIFICATION_DIGEST_JOB } from "./modules/notifications/digest.ts";
import {
  createWebhookDeliveryHandler,
  WEBHOOK_DELIVERY_JOB,
} from "./modules/webhooks/webhooks.outbox.ts";
import { createFieldCipher, type FieldCipher, parseMasterKeys } from "./platform/crypto/cipher.ts";
import { type DatabaseHandle, openDatabase } from "./platform/db/database.ts";
import { migrateToLatest } from "./platform/db/migrate.ts";
import { type Clock, systemClock } from "./platform/jobs/clock.ts";
import { createJobRunner, type JobHandler, type JobRunner } from "./platform/jobs/jobs.ts";
import {
  createMailDeliveryHandler,
  createMailOutbox,
  MAIL_DELIVERY_JOB,
  type MailOutbox,
} from "./platform/mail/outbox.ts";
import { createMailTransport, type MailTransport } from "./platform/mail/transport.ts";
import { createServices, type Services } from "./services.ts";
import { createWorkflowTimerHandler, WORKFLOW_TIMER_JOB } from "./workflow/store.ts";

/** Everything a command needs, opened once: configuration, database (migrated), keys, mail, jobs. */
export interface Runtime {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: DatabaseHandle;
  cipher: FieldCipher;
  mail: MailOutbox;
  services: Services;
  jobHandlers: Record<string, JobHandler>;
  jobRunner: JobRunner;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Replaces the configured mail transport (tests). */
  mailTransport?: MailTransport;
}

export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const cipher = createFieldCipher(parseMasterKeys(resolveMasterKeys(config, logger)));
  const database = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ applied }, "database migrated");
  } catch (error) {
    await database.destroy();
    throw error;
  }
  const transport = options.mailTransport ?? createMailTransport(config.mail);
  const mail = createMailOutbox({ cipher, clock, publicUrl: config.publicUrl });
  const services = createServices({
    db: database.db,
    cipher,
    clock,
    mail,
    publicUrl: config.publicUrl,
    advisoryPrefix: config.advisoryPrefix,
    advisorySecondApprover: config.advisorySecondApprover,
    webhooksAllowHttp: config.webhooksAllowHttp ?? false,
  });
  const jobHandlers: Record<string, JobHandler> = {
    [WORKFLOW_TIMER_JOB]: createWorkflowTimerHandler({
      store: services.workflow,
      db: database.db,
      clock,
    }),
    [MAIL_DELIVERY_JOB]: createMailDeliveryHandler({
      db: database.db,
      cipher,
      clock,
      transport,
      publicUrl: config.publicUrl,
      logger,
    }),
    [WEBHOOK_DELIVERY_JOB]: createWebhookDeliveryHandler({
      db: database.db,
      cipher,
      clock,
      network: { allowHttp: config.webhooksAllowHttp ?? false },
      logger,
    }),
    [NOTIFICATION_DIGEST_JOB]: createDigestHandler({
      db: database.db,
      mail,
      clock,
      publicUrl: config.publicUrl,
    }),
    [ANALYSIS_OVERDUE_JOB]: createOverdueReminderHandler({
      db: database.db,
      mail,
      clock,
      publicUrl: config.publicUrl,
    }),
  };
  const jobRunner = createJobRunner({
    db: database.db,
    dialect: database.dialect,
    clock,
    logger,
    handlers: jobHandlers,
  });
  return {
    config,
    logger,
    clock,
    database,
    cipher,
    mail,
    services,
    jobHandlers,
    jobRunner,
    async close() {
      await jobRunner.stop();
      transport.close();
      await database.destroy();
    },
  };
}

export function configFromEnvironment(): Config {
  return loadConfig(process.env);
}
