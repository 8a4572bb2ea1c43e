import type { Logger } from "pino";
import type { FieldCipher } from "../crypto/cipher.ts";
import type { Db, Executor } from "../db/database.ts";
import type { Language } from "../i18n/i18n.ts";
import { newId } from "../ids.ts";
import type { Clock } from "../jobs/clock.ts";
import { enqueueJob, type JobHandler } from "../jobs/jobs.ts";
import { encryptMailBody } from "./pgp-mime.ts";
import { type MailParams, type MailTemplate, renderMail } from "./templates.ts";
import type { MailTransport } from "./transport.ts";

export const MAIL_DELIVERY_JOB = "mail.deliver";
const MAIL_MAX_ATTEMPTS = 10;

export interface MailRequest {
  to: string;
  language: Language;
  template: MailTemplate;
  params: MailParams;
  /**
   * Armored OpenPGP public keys of the recipient (R-SEC-3): the body is then sent encrypted to
   * all of them as PGP/MIME (RFC 3156). Only the subject stays readable: it must be generic.
   * An empty list is refused rather than read as "send in clear".
   */
  encryptTo?: readonly string[];
}

/** What the outbox keeps (sealed) of a message: its subject and its body, or the body encrypted. */
type StoredContent = { subject: string; text: string } | { subject: string; pgpMessage: string };

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
      const rendered = renderMail(request.template, request.language, request.params, publicUrl);
      // Encrypted now, in the caller's transaction, rather than at delivery: the outbox then
      // never holds the confidential body, only the OpenPGP message (sealed like any content);
      // every retry sends the same bytes; and a key that cannot encrypt fails the change that
      // wanted the mail, where the caller can still fall back to a notice without content,
      // instead of a delivery that would fail ten times.
      const content: StoredContent = request.encryptTo
        ? {
            subject: rendered.subject,
            pgpMessage: await encryptMailBody(rendered.text, request.encryptTo, clock.now()),
          }
        : rendered;
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
    const content = JSON.parse(
      cipher.decrypt(mail.content_sealed, contentContext(mail.id)),
    ) as StoredContent;
    try {
      await transport.send({
        ...content,
        from,
        to: mail.recipient,
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
