import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import { decrypt, generateKey, readMessage, readPrivateKey } from "openpgp";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { gpgAvailable, gpgKeyPair } from "../../../test/support/gpg.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { requireInCi } from "../../../test/support/suites.ts";
import { en } from "../i18n/en.ts";
import { ja } from "../i18n/ja.ts";
import { retryDelayMs } from "../jobs/jobs.ts";
import { MAIL_DELIVERY_JOB, type MailRequest } from "./outbox.ts";
import { createMailTransport, SMTP_SEND_DEADLINE_MS } from "./transport.ts";

const recipient = "researcher@example.org";

function testMail(overrides: Partial<MailRequest> = {}): MailRequest {
  return {
    to: recipient,
    language: "ja",
    template: "test",
    params: { sentAt: "2026-11-25T00:00:00.000Z" },
    ...overrides,
  };
}

async function enqueueCommitted(runtime: TestRuntime, request: MailRequest = testMail()) {
  return runtime.database.db.transaction().execute((tx) => runtime.mail.enqueue(tx, request));
}

function outboxRow(runtime: TestRuntime, mailId: string) {
  return runtime.database.db
    .selectFrom("mail_outbox")
    .selectAll()
    .where("id", "=", mailId)
    .executeTakeFirstOrThrow();
}

function deliveryJob(runtime: TestRuntime, mailId: string) {
  return runtime.database.db
    .selectFrom("jobs")
    .selectAll()
    .where("idempotency_key", "=", `${MAIL_DELIVERY_JOB}:${mailId}`)
    .executeTakeFirstOrThrow();
}

async function count(runtime: TestRuntime, table: "mail_outbox" | "jobs") {
  const row = await runtime.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function outboxFolder(runtime: TestRuntime) {
  return path.join(runtime.dataDir, "outbox-mail");
}

function folderEntries(folder: string): string[] {
  return fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
}

interface ReceivedMessage {
  envelopeFrom: string | undefined;
  envelopeTo: string[];
  raw: Buffer;
}

/** A local SMTP server; `rejecting` makes it answer every RCPT with a temporary failure. */
async function startSmtpServer() {
  const state = { rejecting: false, rcptAttempts: 0 };
  const received: ReceivedMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      state.rcptAttempts += 1;
      if (state.rejecting) {
        const error = Object.assign(new Error("mailbox temporarily unavailable"), {
          responseCode: 451,
        });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom;
        received.push({
          envelopeFrom: from ? from.address : undefined,
          envelopeTo: session.envelope.rcptTo.map((address) => address.address),
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
    state,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A recipient key pair made by openpgp, created a minute before the test clock's start. */
async function openpgpRecipient(email: string) {
  return generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [{ name: "PSIRT", email }],
    date: new Date("2026-11-24T23:59:00.000Z"),
    format: "armored",
  });
}

/**
 * Checks the RFC 3156 structure of a received message and returns its armored OpenPGP message:
 * multipart/encrypted with the version part first and the encrypted part second.
 */
async function encryptedPart(raw: Buffer): Promise<{ parsed: ParsedMail; armored: string }> {
  const parsed = await simpleParser(raw);
  const contentType = parsed.headers.get("content-type") as {
    value: string;
    params: Record<string, string>;
  };
  expect(contentType.value).toBe("multipart/encrypted");
  expect(contentType.params.protocol).toBe("application/pgp-encrypted");
  // Nothing readable besides the two parts: no text, no HTML.
  expect(parsed.text ?? "").toBe("");
  expect(parsed.html).toBe(false);
  expect(parsed.attachments.map((part) => part.contentType)).toEqual([
    "application/pgp-encrypted",
    "application/octet-stream",
  ]);
  const [version, payload] = parsed.attachments;
  expect(version?.content.toString("utf8").trim()).toBe("Version: 1");
  const armored = payload?.content.toString("utf8") ?? "";
  expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----\r?\n[\s\S]+-----END PGP MESSAGE-----\s*$/);
  return { parsed, armored };
}

/** The decrypted MIME entity, parsed as a mail client would show it. */
async function decryptedEntity(armored: string, armoredPrivateKey: string) {
  const { data } = await decrypt({
    message: await readMessage({ armoredMessage: armored }),
    decryptionKeys: await readPrivateKey({ armoredKey: armoredPrivateKey }),
    format: "binary",
  });
  return Buffer.from(data);
}

/** A server that accepts connections and never says a word (a stuck mail relay). */
async function startSilentServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe.each(testDatabaseTargets())("the mail outbox on $name", (target) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function runtimeWith(options: Parameters<typeof createTestRuntime>[1] = {}) {
    const runtime = await createTestRuntime(target, options);
    cleanups.push(() => runtime.close());
    return runtime;
  }

  async function smtpServer() {
    const server = await startSmtpServer();
    cleanups.push(() => server.close());
    return server;
  }

  it("keeps a mail enqueued in a rolled-back transaction out of the outbox and the job queue", async () => {
    const runtime = await runtimeWith();
    await expect(
      runtime.database.db.transaction().execute(async (tx) => {
        await runtime.mail.enqueue(tx, testMail());
        throw new Error("the change that caused the mail failed");
      }),
    ).rejects.toThrow("the change that caused the mail failed");
    expect(await count(runtime, "mail_outbox")).toBe(0);
    expect(await count(runtime, "jobs")).toBe(0);
    expect(await runtime.jobRunner.runDue()).toBe(0);
    expect(folderEntries(outboxFolder(runtime))).toEqual([]);
  });

  it("stores a committed mail together with its pending delivery job", async () => {
    const runtime = await runtimeWith();
    const mailId = await enqueueCommitted(runtime);
    expect(await count(runtime, "mail_outbox")).toBe(1);
    expect(await count(runtime, "jobs")).toBe(1);
    expect(await outboxRow(runtime, mailId)).toMatchObject({
      status: "pending",
      recipient,
      attempts: 0,
      sent_at: null,
    });
    const job = await deliveryJob(runtime, mailId);
    expect(job).toMatchObject({ type: MAIL_DELIVERY_JOB, status: "pending", max_attempts: 10 });
    expect(JSON.parse(job.payload)).toEqual({ mailId });
  });

  it.each([
    ["ja", ja["mail.test.subject"], "これは架け橋のメール設定を確認するためのテストメールです。"],
    ["en", en["mail.test.subject"], "This is a test message to check Kakehashi's mail settings."],
  ] as const)(
    "writes a %s message as exactly one complete .eml file",
    async (language, subject, bodyStart) => {
      const runtime = await runtimeWith();
      const mailId = await enqueueCommitted(runtime, testMail({ language }));
      const row = await outboxRow(runtime, mailId);

      expect(await runtime.jobRunner.runDue()).toBe(1);

      const folder = outboxFolder(runtime);
      const files = folderEntries(folder);
      expect(files).toHaveLength(1);
      const [file = ""] = files;
      // Written under a temporary name and renamed: nothing half-written or hidden stays behind.
      expect(file).toMatch(/^[^.].*\.eml$/);
      expect(fs.statSync(path.join(folder, file)).mode & 0o777).toBe(0o600);

      const parsed = await simpleParser(fs.readFileSync(path.join(folder, file)));
      expect(parsed.subject).toBe(subject);
      const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
      expect(to?.value.map((address) => address.address)).toEqual([recipient]);
      expect(parsed.from?.value.map((address) => address.address)).toEqual(["no-reply@127.0.0.1"]);
      expect(parsed.messageId).toBe(row.message_id);
      expect(row.message_id).toBe(`<${mailId}@127.0.0.1>`);
      expect(parsed.headers.get("content-language")).toBe(language);
      expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
      expect(parsed.date?.toISOString()).toBe(row.created_at);
      expect(parsed.text).toContain(bodyStart);
      expect(parsed.text).toContain("2026-11-25T00:00:00.000Z");
      expect(parsed.text).toContain("http://127.0.0.1:3000");

      expect(await outboxRow(runtime, mailId)).toMatchObject({
        status: "sent",
        attempts: 1,
        last_error: null,
        sent_at: runtime.clock.now().toISOString(),
      });
      expect((await deliveryJob(runtime, mailId)).status).toBe("done");
    },
  );

  it("seals the stored subject and body, bound to the message's own row", async () => {
    const runtime = await runtimeWith();
    const marker = "SEALED-MARKER-4711";
    const mailId = await enqueueCommitted(runtime, testMail({ params: { sentAt: marker } }));
    const otherId = await enqueueCommitted(runtime);
    const { content_sealed: sealed } = await outboxRow(runtime, mailId);

    for (const plain of [
      ja["mail.test.subject"],
      "テストメール",
      "架け橋",
      "これは架け橋のメール設定",
      marker,
      "subject",
    ]) {
      expect(sealed).not.toContain(plain);
    }
    expect(sealed).toMatch(/^kk1\./);
    expect(
      JSON.parse(runtime.cipher.decrypt(sealed, `mail_outbox.content_sealed:${mailId}`)),
    ).toMatchObject({
      subject: ja["mail.test.subject"],
    });
    // Copied onto another message, the content does not decrypt.
    expect(() => runtime.cipher.decrypt(sealed, `mail_outbox.content_sealed:${otherId}`)).toThrow();
  });

  it("delivers over SMTP to the recipient with the subject", async () => {
    const server = await smtpServer();
    const runtime = await runtimeWith({
      mailTransport: createMailTransport({ kind: "smtp", url: server.url }),
    });
    const mailId = await enqueueCommitted(runtime, testMail({ language: "en" }));

    expect(await runtime.jobRunner.runDue()).toBe(1);

    expect(server.received).toHaveLength(1);
    const [message] = server.received;
    expect(message?.envelopeTo).toEqual([recipient]);
    expect(message?.envelopeFrom).toBe("no-reply@127.0.0.1");
    const parsed = await simpleParser(message?.raw ?? Buffer.alloc(0));
    expect(parsed.subject).toBe(en["mail.test.subject"]);
    expect(parsed.messageId).toBe(`<${mailId}@127.0.0.1>`);
    expect(parsed.headers.get("content-language")).toBe("en");
    expect((await outboxRow(runtime, mailId)).status).toBe("sent");
    // The dir: transport was replaced, not used alongside.
    expect(folderEntries(outboxFolder(runtime))).toEqual([]);
  });

  it("records a refused delivery, retries it with backoff, marks it failed after ten attempts and keeps delivering new mail", async () => {
    const server = await smtpServer();
    server.state.rejecting = true;
    const runtime = await runtimeWith({
      mailTransport: createMailTransport({ kind: "smtp", url: server.url }),
    });
    const mailId = await enqueueCommitted(runtime);

    expect(await runtime.jobRunner.runDue()).toBe(1);
    const afterFirst = await outboxRow(runtime, mailId);
    expect(afterFirst).toMatchObject({ status: "pending", attempts: 1, sent_at: null });
    expect(afterFirst.last_error).toMatch(/451/);
    let job = await deliveryJob(runtime, mailId);
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job.last_error).toMatch(/451/);
    expect(new Date(job.due_at).getTime()).toBe(runtime.clock.now().getTime() + retryDelayMs(1));
    expect(server.state.rcptAttempts).toBe(1);

    // Not due yet: nothing runs until the clock reaches the retry time.
    runtime.clock.advance(retryDelayMs(1) - 1);
    expect(await runtime.jobRunner.runDue()).toBe(0);
    expect(server.state.rcptAttempts).toBe(1);

    for (let attempt = 2; attempt <= 10; attempt += 1) {
      runtime.clock.set(new Date(job.due_at));
      expect(await runtime.jobRunner.runDue()).toBe(1);
      expect(server.state.rcptAttempts).toBe(attempt);
      const row = await outboxRow(runtime, mailId);
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe(attempt < 10 ? "pending" : "failed");
      job = await deliveryJob(runtime, mailId);
      expect(job.attempts).toBe(attempt);
      if (attempt < 10) {
        expect(job.status).toBe("pending");
        expect(new Date(job.due_at).getTime()).toBe(
          runtime.clock.now().getTime() + retryDelayMs(attempt),
        );
      }
    }

    // Failed for good, and still there to be listed.
    expect(job.status).toBe("failed");
    const failed = await outboxRow(runtime, mailId);
    expect(failed).toMatchObject({ status: "failed", attempts: 10, sent_at: null });
    expect(failed.last_error).toMatch(/451/);
    runtime.clock.advance(24 * 60 * 60_000);
    expect(await runtime.jobRunner.runDue()).toBe(0);
    expect(server.state.rcptAttempts).toBe(10);
    expect(server.received).toHaveLength(0);

    // The server recovers: a new message goes out, the failed one is not resent.
    server.state.rejecting = false;
    const freshId = await enqueueCommitted(runtime, testMail({ to: "coordinator@example.org" }));
    expect(await runtime.jobRunner.runDue()).toBe(1);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.envelopeTo).toEqual(["coordinator@example.org"]);
    expect((await outboxRow(runtime, freshId)).status).toBe("sent");
    expect((await outboxRow(runtime, mailId)).status).toBe("failed");
  });

  it("gives up on an SMTP server that never answers at the deadline, well within the job lease, and retries later", async () => {
    // The job lease is five minutes; a send that outlives it could run twice.
    expect(SMTP_SEND_DEADLINE_MS).toBeLessThanOrEqual(2 * 60_000);
    const server = await startSilentServer();
    cleanups.push(() => server.close());
    const runtime = await runtimeWith({
      mailTransport: createMailTransport(
        { kind: "smtp", url: server.url },
        { smtpDeadlineMs: 300 },
      ),
    });
    const mailId = await enqueueCommitted(runtime);

    const started = Date.now();
    expect(await runtime.jobRunner.runDue()).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);

    const row = await outboxRow(runtime, mailId);
    expect(row).toMatchObject({ status: "pending", attempts: 1, sent_at: null });
    expect(row.last_error).toMatch(/abort|timeout/i);
    expect(await deliveryJob(runtime, mailId)).toMatchObject({ status: "pending", attempts: 1 });
    // The abandoned connection is closed, not left hanging.
    await expect.poll(() => server.connections()).toBe(0);
  });

  it("sends a message once even when the runner runs again or its job is claimed again after a crash", async () => {
    const runtime = await runtimeWith();
    const mailId = await enqueueCommitted(runtime);

    expect(await runtime.jobRunner.runDue()).toBe(1);
    expect(await runtime.jobRunner.runDue()).toBe(0);
    expect(folderEntries(outboxFolder(runtime))).toHaveLength(1);

    // A runner that died after the message was marked sent but before its job was finished:
    // the job's lease expires and another runner claims it again.
    const job = await deliveryJob(runtime, mailId);
    await runtime.database.db
      .updateTable("jobs")
      .set({
        status: "running",
        lease_owner: "runner-that-died",
        lease_expires_at: runtime.clock.now().toISOString(),
        finished_at: null,
      })
      .where("id", "=", job.id)
      .execute();
    runtime.clock.advance(1);
    expect(await runtime.jobRunner.runDue()).toBe(1);

    expect(folderEntries(outboxFolder(runtime))).toHaveLength(1);
    expect((await deliveryJob(runtime, mailId)).status).toBe("done");
    expect(await outboxRow(runtime, mailId)).toMatchObject({ status: "sent", attempts: 1 });
  });

  describe("with the recipients' PGP keys (R-SEC-3)", () => {
    const marker = "CONFIDENTIAL-MARKER-8813";
    const bodyStart = "これは架け橋のメール設定を確認するためのテストメールです。";

    it("sends a message without keys as plain text, unchanged", async () => {
      const runtime = await runtimeWith();
      await enqueueCommitted(runtime, testMail({ params: { sentAt: marker } }));
      expect(await runtime.jobRunner.runDue()).toBe(1);
      const [file = ""] = folderEntries(outboxFolder(runtime));
      const parsed = await simpleParser(fs.readFileSync(path.join(outboxFolder(runtime), file)));
      const contentType = parsed.headers.get("content-type") as {
        value: string;
        params: Record<string, string>;
      };
      expect(contentType.value).toBe("text/plain");
      expect(parsed.attachments).toEqual([]);
      expect(parsed.text).toContain(bodyStart);
      expect(parsed.text).toContain(marker);
    });

    it("delivers over SMTP a PGP/MIME message that every recipient key opens and that shows nothing of the body", async () => {
      const server = await smtpServer();
      const runtime = await runtimeWith({
        mailTransport: createMailTransport({ kind: "smtp", url: server.url }),
      });
      const first = await openpgpRecipient("psirt@vendor-a.example");
      const second = await openpgpRecipient("security@vendor-a.example");
      const mailId = await enqueueCommitted(
        runtime,
        testMail({ params: { sentAt: marker }, encryptTo: [first.publicKey, second.publicKey] }),
      );

      expect(await runtime.jobRunner.runDue()).toBe(1);

      expect(server.received).toHaveLength(1);
      const [message] = server.received;
      expect(message?.envelopeTo).toEqual([recipient]);
      expect(message?.envelopeFrom).toBe("no-reply@127.0.0.1");
      const raw = message?.raw ?? Buffer.alloc(0);
      expect(raw.toString("utf8")).not.toContain(marker);
      const { parsed, armored } = await encryptedPart(raw);
      // The headers are those of any message from the outbox; the subject is the generic one.
      expect(parsed.subject).toBe(ja["mail.test.subject"]);
      expect(parsed.messageId).toBe(`<${mailId}@127.0.0.1>`);
      expect(parsed.headers.get("content-language")).toBe("ja");
      expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
      for (const part of parsed.attachments) {
        expect(part.content.toString("utf8")).not.toContain(marker);
      }

      for (const key of [first, second]) {
        const entity = await decryptedEntity(armored, key.privateKey);
        expect(entity.toString("utf8")).toMatch(/^Content-Type: text\/plain; charset=utf-8\r\n/i);
        const shown = await simpleParser(entity);
        expect(shown.text).toContain(bodyStart);
        expect(shown.text).toContain(marker);
        expect(shown.text).toContain("http://127.0.0.1:3000");
      }
      expect((await outboxRow(runtime, mailId)).status).toBe("sent");
    });

    it("keeps only the encrypted body in the outbox, sealed, so retries send the same message", async () => {
      const runtime = await runtimeWith();
      const key = await openpgpRecipient("psirt@vendor-b.example");
      const mailId = await enqueueCommitted(
        runtime,
        testMail({ params: { sentAt: marker }, encryptTo: [key.publicKey] }),
      );
      const { content_sealed: sealed } = await outboxRow(runtime, mailId);
      expect(sealed).not.toContain("PGP MESSAGE");
      const content = JSON.parse(
        runtime.cipher.decrypt(sealed, `mail_outbox.content_sealed:${mailId}`),
      );
      expect(Object.keys(content).sort()).toEqual(["pgpMessage", "subject"]);
      expect(JSON.stringify(content)).not.toContain(marker);

      expect(await runtime.jobRunner.runDue()).toBe(1);
      const [file = ""] = folderEntries(outboxFolder(runtime));
      const { armored } = await encryptedPart(
        fs.readFileSync(path.join(outboxFolder(runtime), file)),
      );
      expect(armored.replace(/\r\n/g, "\n").trim()).toBe(content.pgpMessage.trim());
    });

    it("refuses an empty key list or a key that cannot encrypt, and then stores no mail", async () => {
      const runtime = await runtimeWith();
      const expired = await generateKey({
        type: "ecc",
        curve: "curve25519Legacy",
        userIDs: [{ email: "old@vendor-c.example" }],
        date: new Date("2026-01-01T00:00:00.000Z"),
        keyExpirationTime: 24 * 60 * 60,
        format: "armored",
      });
      for (const encryptTo of [[], [expired.publicKey], [expired.privateKey], ["not a key"]]) {
        await expect(enqueueCommitted(runtime, testMail({ encryptTo }))).rejects.toThrow();
      }
      expect(await count(runtime, "mail_outbox")).toBe(0);
      expect(await count(runtime, "jobs")).toBe(0);
    });

    const hasGpg = requireInCi("GnuPG interoperability", gpgAvailable(), "gpg is not installed");
    if (hasGpg) {
      describe("read by GnuPG", () => {
        let recipient: ReturnType<typeof gpgKeyPair>;
        let publicKey = "";
        beforeAll(() => {
          recipient = gpgKeyPair("Vendor PSIRT <psirt@vendor-gpg.example>");
          publicKey = recipient.publicKey;
        });
        afterAll(() => recipient.dispose());

        it.each(["smtp", "dir"] as const)(
          "delivers through the %s transport a message that GnuPG decrypts to the body",
          async (kind) => {
            expect(publicKey).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
            const server = kind === "smtp" ? await smtpServer() : null;
            const runtime = await runtimeWith(
              server
                ? { mailTransport: createMailTransport({ kind: "smtp", url: server.url }) }
                : {},
            );
            await enqueueCommitted(
              runtime,
              testMail({ params: { sentAt: marker }, encryptTo: [publicKey] }),
            );
            expect(await runtime.jobRunner.runDue()).toBe(1);

            const files = folderEntries(outboxFolder(runtime));
            const raw = server
              ? (server.received[0]?.raw ?? Buffer.alloc(0))
              : fs.readFileSync(path.join(outboxFolder(runtime), files[0] ?? ""));
            expect(files).toHaveLength(server ? 0 : 1);
            expect(raw.toString("utf8")).not.toContain(marker);
            const { armored } = await encryptedPart(raw);

            const entity = Buffer.from(recipient.decrypt(armored), "utf8");
            expect(entity.toString("utf8")).toMatch(
              /^Content-Type: text\/plain; charset=utf-8\r\n/i,
            );
            const shown = await simpleParser(entity);
            expect(shown.text).toContain(bodyStart);
            expect(shown.text).toContain(marker);
          },
        );
      });
    }
  });
});
