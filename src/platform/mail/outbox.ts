import type { Logger } from "pino";
import type { FieldCipher } from "../crypto/cipher.ts";
import type { Db, Executor } from "../db/database.ts";
import type { Language } from "../i18n/i18n.ts";
import { newId } from "../ids.ts";
import type { Clock } from "../jobs/clock.ts";
import { enqueueJob, type JobHandler } from "../jobs/jobs.ts";
import { type MailParams, type MailTemplate, renderMail } from "./templates.ts";
import type { MailTransport } from "./transport.ts";

export const MAIL_DELIVERY_JOB = "mail.deliver";
const MAIL_MAX_ATTEMPTS = 10;

export interface MailRequest {
  to: string;
  language: Language;
  template: MailTemplate;
  params: MailParams;
}

export interface MailOutbox {
  /**
   * Writes the message and its delivery job in the caller's transaction: the mail exists
   * if and only if the change that caused it was committed.
   */
  enqueue(executor: Executor, request: MailRequest): Promise<string>;
}

const contentContext = (id: string) => `mail_outbox.content_sealed:${id}`;

export function mailDomain(publicUrl: string): string {
  return new URL(publicUrl).hostname;
}

export function createMailOutbox(deps: {
  cipher: FieldCipher;
  clock: Clock;
  publicUrl: string;
}): MailOutbox {
  const { cipher, clock, publicUrl } = deps;
  return {
    async enqueue(executor, request) {
      const id = newId();
      const content = renderMail(request.template, request.language, request.params, publicUrl);
      await executor
        .insertInto("mail_outbox")
        .values({
          id,
          template: request.template,
          language: request.language,
          recipient: request.to,
          content_sealed: cipher.encrypt(JSON.stringify(content), contentContext(id)),
          status: "pending",
          message_id: `<${id}@${mailDomain(publicUrl)}>`,
          created_at: clock.now().toISOString(),
        })
        .execute();
      await enqueueJob(executor, clock, {
        type: MAIL_DELIVERY_JOB,
        payload: { mailId: id },
        idempotencyKey: `${MAIL_DELIVERY_JOB}:${id}`,
        maxAttempts: MAIL_MAX_ATTEMPTS,
      });
      return id;
    },
  };
}

/**
 * Delivers one outbox message. A failed attempt is recorded on the message and rethrown so
 * the job runner retries with backoff; after the last attempt the message is `failed`,
 * which `kakehashi mail failures` lists.
 */
export function createMailDeliveryHandler(deps: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  transport: MailTransport;
  publicUrl: string;
  logger: Logger;
}): JobHandler {
  const { db, cipher, clock, transport, publicUrl, logger } = deps;
  const from = `Kakehashi <no-reply@${mailDomain(publicUrl)}>`;
  return async (job) => {
    const { mailId } = job.payload as { mailId: string };
    const mail = await db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("id", "=", mailId)
      .executeTakeFirst();
    if (mail?.status !== "pending") return;
    const content = JSON.parse(cipher.decrypt(mail.content_sealed, contentContext(mail.id))) as {
      subject: string;
      text: string;
    };
    try {
      await transport.send({
        from,
        to: mail.recipient,
        subject: content.subject,
        text: content.text,
        messageId: mail.message_id,
        date: new Date(mail.created_at),
        language: mail.language,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db
        .updateTable("mail_outbox")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          last_error: message,
          status: job.attempt >= job.maxAttempts ? "failed" : "pending",
        }))
        .where("id", "=", mail.id)
        .execute();
      throw error;
    }
    await db
      .updateTable("mail_outbox")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        status: "sent",
        sent_at: clock.now().toISOString(),
        last_error: null,
      }))
      .where("id", "=", mail.id)
      .execute();
    logger.info({ mailId: mail.id, template: mail.template }, "mail delivered");
  };
}
