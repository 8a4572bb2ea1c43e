/**
 * Baseline figures for the platform (not a test: nothing here fails on speed).
 * Run with `npm run bench`; prints one JSON line per measurement.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config/config.ts";
import { createFieldCipher, parseMasterKeys } from "../src/platform/crypto/cipher.ts";
import { enqueueJob } from "../src/platform/jobs/jobs.ts";
import { openRuntime } from "../src/runtime.ts";

function report(
  name: string,
  count: number,
  milliseconds: number,
  extra: Record<string, unknown> = {},
) {
  process.stdout.write(
    `${JSON.stringify({ name, count, ms: Math.round(milliseconds), perSecond: Math.round((count / milliseconds) * 1000), ...extra })}\n`,
  );
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-bench-"));
const runtime = await openRuntime({
  config: loadConfig({
    KAKEHASHI_DATA_DIR: dataDir,
    KAKEHASHI_MASTER_KEY: randomBytes(32).toString("base64"),
  }),
  logger: pino({ level: "silent" }),
});

try {
  const app = await buildApp(runtime);
  await app.ready();
  const pages = 2000;
  const latencies: number[] = [];
  let start = performance.now();
  for (let index = 0; index < pages; index += 1) {
    const begin = performance.now();
    await app.inject({
      method: "GET",
      url: "/",
      remoteAddress: `10.0.${index >> 8}.${index & 255}`,
    });
    latencies.push(performance.now() - begin);
  }
  latencies.sort((a, b) => a - b);
  report("home page (inject)", pages, performance.now() - start, {
    p50ms: Number(latencies[Math.floor(pages * 0.5)]?.toFixed(2)),
    p99ms: Number(latencies[Math.floor(pages * 0.99)]?.toFixed(2)),
  });
  await app.close();

  const jobs = 2000;
  start = performance.now();
  for (let index = 0; index < jobs; index += 1) {
    await runtime.database.db
      .transaction()
      .execute((tx) => enqueueJob(tx, runtime.clock, { type: "bench", payload: index }));
  }
  report(
    "enqueue job (one transaction each, SQLite synchronous=FULL)",
    jobs,
    performance.now() - start,
  );

  runtime.jobHandlers.bench = async () => {};
  start = performance.now();
  const ran = await runtime.jobRunner.runDue();
  report("claim and run job (SQLite)", ran, performance.now() - start);

  const cipher = createFieldCipher(parseMasterKeys(randomBytes(32).toString("base64")));
  const text = "再現手順: ".repeat(200);
  const values = 5000;
  start = performance.now();
  for (let index = 0; index < values; index += 1)
    cipher.decrypt(cipher.encrypt(text, `bench:${index}`), `bench:${index}`);
  report("encrypt+decrypt 2 KB field", values, performance.now() - start);
} finally {
  await runtime.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
