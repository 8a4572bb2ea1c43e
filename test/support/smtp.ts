import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A local SMTP server the application delivers to over the network, as it does in production:
 * what it receives is what a recipient's mail server would.
 */
export interface SmtpPeer {
  url: string;
  /** Every message received so far, parsed, with its envelope recipients. */
  messages(): Promise<{ to: string[]; mail: ParsedMail }[]>;
  close(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: { to: string[]; raw: Buffer }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: async () =>
      Promise.all(received.map(async ({ to, raw }) => ({ to, mail: await simpleParser(raw) }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
