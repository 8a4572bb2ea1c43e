import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseTargets } from "../../test/support/databases.ts";
import type { DatabaseConfig } from "../config/config.ts";
import { openDatabase } from "../platform/db/database.ts";
import { migrateToLatest } from "../platform/db/migrate.ts";
import { fixedClock } from "../platform/jobs/clock.ts";
import type { Instant } from "./common.ts";
import { createWorkflowStore } from "./store.ts";
import { actors, NDA, productConsent, T0, VENDOR_A } from "./testing/fixtures.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Each command starts Node and tsx (about a second); a loaded machine needs more.
const CLI_TIMEOUT = 60_000;

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function kakehashi(args: string[], databaseUrl: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-replay-"));
  dataDirs.push(dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["NODE_ENV", "PORT", "MAIL_URL", "PUBLIC_URL", "KAKEHASHI_MASTER_KEY"])
    delete env[name];
  Object.assign(env, { KAKEHASHI_DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/kakehashi.js", ...args], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function urlOf(config: DatabaseConfig): string {
  return config.dialect === "sqlite" ? `sqlite:${config.file}` : config.url;
}

/** A forwarded report and its case with one notified vendor, written through the store. */
async function populate(config: DatabaseConfig): Promise<void> {
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const store = createWorkflowStore({ db: handle.db, clock: fixedClock(new Date(T0)) });
    let n = 0;
    const run = async (
      aggregate: "report" | "case",
      id: string,
      type: string,
      actor: unknown,
      fields = {},
    ) => {
      n += 1;
      const command = { type, commandId: `cli-${n}`, at: T0 as Instant, actor, ...fields };
      const result = await store.execute(handle.db, aggregate, id, command as never);
      if (!result.ok) throw new Error(result.rejection.message);
    };
    await run("report", "r1", "submit", actors.finder, {
      kind: "product",
      consent: productConsent(),
    });
    await run("report", "r1", "accept", actors.intake);
    await run("report", "r1", "forward", actors.intake, { target: { kind: "case", caseId: "c1" } });
    await run("case", "c1", "add_participant", actors.coordinator, { orgId: VENDOR_A, nda: NDA });
    await run("case", "c1", "notify_participant", actors.coordinator, { orgId: VENDOR_A });
  } finally {
    await handle.destroy();
  }
}

describe.each(testDatabaseTargets())("kakehashi replay --check on $name", (target) => {
  it(
    "prints the replay report as one JSON line and exits 0 when every row matches its events, 1 when one does not",
    async () => {
      const created = await target.create();
      try {
        await populate(created.config);
        const clean = await kakehashi(["replay", "--check"], urlOf(created.config));
        expect(clean.code, clean.stderr).toBe(0);
        expect(clean.stdout).toMatch(/^[^\n]+\n$/);
        expect(JSON.parse(clean.stdout)).toMatchObject({
          ok: true,
          aggregates: 2,
          differences: [],
        });

        const handle = openDatabase(created.config);
        await handle.db
          .updateTable("workflow_states")
          .set({ status: "closed" })
          .where("aggregate_id", "=", "c1")
          .execute();
        await handle.destroy();
        const broken = await kakehashi(["replay", "--check"], urlOf(created.config));
        expect(broken.code).toBe(1);
        expect(JSON.parse(broken.stdout)).toMatchObject({
          ok: false,
          differences: [{ aggregateType: "case", aggregateId: "c1", problem: "status_differs" }],
        });
        expect(broken.stderr).toContain("1 difference(s)");

        const bare = await kakehashi(["replay"], urlOf(created.config));
        expect(bare.code).not.toBe(0);
        expect(bare.stdout).toBe("");
        expect(bare.stderr).toContain("replay --check");
      } finally {
        await created.drop();
      }
    },
    CLI_TIMEOUT * 3,
  );
});
