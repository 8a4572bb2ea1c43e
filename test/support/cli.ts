import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** Variables Kakehashi reads, removed so the developer's own settings never reach a command. */
const KAKEHASHI_VARIABLES = [
  "NODE_ENV",
  "DATABASE_URL",
  "MAIL_URL",
  "PUBLIC_URL",
  "KAKEHASHI_MASTER_KEY",
];

/** How a `kakehashi` command ended. */
export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `kakehashi …` as an operator runs it, on one fresh SQLite data directory (removed after the
 * file's tests) at https://kakehashi.example.jp. Call it at the top of a test file.
 */
export function kakehashiCommand(name: string): {
  dataDir: string;
  run(args: string[]): Promise<CliOutcome>;
} {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kakehashi-${name}-`));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of KAKEHASHI_VARIABLES) delete env[variable];
  env.KAKEHASHI_DATA_DIR = dataDir;
  env.PUBLIC_URL = "https://kakehashi.example.jp";
  return {
    dataDir,
    run: (args) =>
      new Promise((resolve, reject) => {
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
      }),
  };
}

/** The command exited 0 and printed one line of JSON on stdout; returns it parsed. */
export function jsonLine(outcome: CliOutcome) {
  expect(outcome.code, outcome.stderr).toBe(0);
  expect(outcome.stdout).toMatch(/^[^\n]+\n$/);
  return JSON.parse(outcome.stdout);
}
