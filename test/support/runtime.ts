import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { buildApp } from "../../src/app.ts";
import type { Config } from "../../src/config/config.ts";
import { type ManualClock, manualClock } from "../../src/platform/jobs/clock.ts";
import type { MailTransport } from "../../src/platform/mail/transport.ts";
import { openRuntime, type Runtime } from "../../src/runtime.ts";
import type { TestDatabaseTarget } from "./databases.ts";

export const silentLogger = pino({ level: "silent" });

export function testMasterKey(): string {
  return randomBytes(32).toString("base64");
}

export interface TestRuntime extends Runtime {
  clock: ManualClock;
  dataDir: string;
}

/**
 * A runtime on a fresh database of the target with a manual clock, a temporary data
 * directory (mail goes to dataDir/outbox-mail unless a transport is given) and a random key.
 */
export async function createTestRuntime(
  target: TestDatabaseTarget,
  options: { mailTransport?: MailTransport; start?: Date; config?: Partial<Config> } = {},
): Promise<TestRuntime> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-test-data-"));
  const database = await target.create();
  const config: Config = {
    production: false,
    port: 0,
    dataDir,
    database: database.config,
    mail: { kind: "dir", directory: path.join(dataDir, "outbox-mail") },
    publicUrl: "http://127.0.0.1:3000",
    masterKey: testMasterKey(),
    trustProxy: [],
    advisoryPrefix: "KKH",
    advisorySecondApprover: false,
    ...options.config,
  };
  const clock = manualClock(options.start ?? new Date("2026-11-25T00:00:00.000Z"));
  const runtime = await openRuntime({
    config,
    logger: silentLogger,
    clock,
    ...(options.mailTransport ? { mailTransport: options.mailTransport } : {}),
  });
  return {
    ...runtime,
    clock,
    dataDir,
    async close() {
      await runtime.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The application over a test runtime, ready for inject(). */
export async function createTestApp(runtime: Runtime) {
  const app = await buildApp(runtime);
  await app.ready();
  return app;
}
