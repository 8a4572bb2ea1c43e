import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { MailConfig } from "../../config/config.ts";
import { pgpMimeMessage } from "./pgp-mime.ts";

interface OutgoingHeaders {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  date: Date;
  language: string;
}

/**
 * A plain-text message, or one whose body is an armored OpenPGP message (encryptMailBody),
 * sent as PGP/MIME.
 */
export type OutgoingMail = OutgoingHeaders & ({ text: string } | { pgpMessage: string });

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

function headersOf(mail: OutgoingMail) {
  return { "Content-Language": mail.language, "Auto-Submitted": "auto-generated" };
}

/** nodemailer's message options; PGP/MIME is built here and handed over as a raw message. */
async function message(mail: OutgoingMail) {
  if ("pgpMessage" in mail) {
    return {
      // A raw message carries no envelope of its own: nodemailer needs it spelled out.
      envelope: { from: mail.from, to: [mail.to] },
      raw: await pgpMimeMessage({ ...mail, headers: headersOf(mail) }, mail.pgpMessage),
    };
  }
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    date: mail.date,
    headers: headersOf(mail),
  };
}

/**
 * The longest one SMTP delivery may take. It must end well within the job lease (5 minutes,
 * jobs.ts): after that another runner may claim the job and send the message a second time.
 * nodemailer alone waits up to 2 minutes to connect and 10 minutes on a silent socket.
 */
export const SMTP_SEND_DEADLINE_MS = 2 * 60_000;

/** SMTP (nodemailer), or a folder that receives each message as an RFC 5322 .eml file. */
export function createMailTransport(
  config: MailConfig,
  options: { smtpDeadlineMs?: number } = {},
): MailTransport {
  if (config.kind === "smtp") {
    const deadlineMs = options.smtpDeadlineMs ?? SMTP_SEND_DEADLINE_MS;
    const smtp = nodemailer.createTransport(config.url);
    return {
      async send(mail) {
        await smtp.sendMail({
          ...(await message(mail)),
          signal: AbortSignal.timeout(deadlineMs),
        });
      },
      close: () => smtp.close(),
    };
  }
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "windows",
  });
  return {
    async send(mail) {
      const info = await builder.sendMail(await message(mail));
      await fs.mkdir(config.directory, { recursive: true });
      const stamp = mail.date.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
      const name = `${stamp}-${mail.messageId.replace(/[<>]/g, "").replace(/[^\w.@-]/g, "_")}.eml`;
      const temporary = path.join(config.directory, `.${name}.tmp`);
      // Written beside the target, flushed, then renamed: a reader never sees half a message.
      const handle = await fs.open(temporary, "w", 0o600);
      try {
        await handle.writeFile(info.message as Buffer);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, path.join(config.directory, name));
      // The rename itself reaches the disk only with the folder: flush it before the outbox
      // row says `sent`, or a power cut could lose a message recorded as delivered.
      if (process.platform !== "win32") {
        const folder = await fs.open(config.directory, "r");
        try {
          await folder.sync();
        } finally {
          await folder.close();
        }
      }
    },
    close: () => builder.close(),
  };
}
