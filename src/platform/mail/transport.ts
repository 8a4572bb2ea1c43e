import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { MailConfig } from "../../config/config.ts";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  date: Date;
  language: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    date: mail.date,
    headers: { "Content-Language": mail.language, "Auto-Submitted": "auto-generated" },
  };
}

/** SMTP (nodemailer), or a folder that receives each message as an RFC 5322 .eml file. */
export function createMailTransport(config: MailConfig): MailTransport {
  if (config.kind === "smtp") {
    const smtp = nodemailer.createTransport(config.url);
    return {
      async send(mail) {
        await smtp.sendMail(message(mail));
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
      const info = await builder.sendMail(message(mail));
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
    },
    close: () => builder.close(),
  };
}
