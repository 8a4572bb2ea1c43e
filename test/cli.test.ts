import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { simpleParser } from "mailparser";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { en } from "../src/platform/i18n/en.ts";
import { MAIL_DELIVERY_JOB } from "../src/platform/mail/outbox.ts";
import { postgresTargetIfAvailable } from "./support/databases.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
// Each command starts Node and tsx (about a second); a loaded machine needs more.
const CLI_TEST_TIMEOUT = 60_000;

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-cli-"));
  dataDirs.push(dir);
  return dir;
}

/** The environment of a command: this process's, minus everything Kakehashi reads. */
function environment(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    "NODE_ENV",
    "PORT",
    "DATABASE_URL",
    "MAIL_URL",
    "PUBLIC_URL",
    "KAKEHASHI_MASTER_KEY",
    "KAKEHASHI_DATA_DIR",
  ]) {
    delete env[name];
  }
  return { ...env, KAKEHASHI_DATA_DIR: dataDir, ...extra };
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  script = "bin/kakehashi.js",
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function kakehashi(args: string[], dataDir: string, extra: Record<string, string> = {}) {
  return run(args, environment(dataDir, extra));
}

/** The command succeeded and printed exactly one line of JSON on stdout; returns it parsed. */
function jsonResult(outcome: Outcome): Record<string, unknown> {
  expect(outcome.code, outcome.stderr).toBe(0);
  expect(outcome.stdout).toMatch(/^[^\n]+\n$/);
  return JSON.parse(outcome.stdout);
}

/** The migrations a first `migrate` applied: all of them, in order, the platform's first. */
function appliedMigrations(result: Record<string, unknown>): string[] {
  const applied = result.applied as string[];
  expect(applied[0]).toBe("0001_platform");
  expect(applied).toEqual([...applied].sort());
  return applied;
}

function failedWith(outcome: Outcome, message: RegExp): void {
  expect(outcome.code).not.toBe(0);
  expect(outcome.code).not.toBeNull();
  expect(outcome.stdout).toBe("");
  expect(outcome.stderr).toMatch(message);
}

function emlFiles(dataDir: string): string[] {
  const folder = path.join(dataDir, "outbox-mail");
  return fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
}

describe.concurrent("the kakehashi command", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("migrates the default SQLite database once, prints one JSON line, and a second run changes nothing", async () => {
    const dataDir = newDataDir();

    const first = jsonResult(await kakehashi(["migrate"], dataDir));
    expect(first.dialect).toBe("sqlite");
    const applied = appliedMigrations(first);
    expect(fs.statSync(path.join(dataDir, "kakehashi.db")).isFile()).toBe(true);

    const second = jsonResult(await kakehashi(["migrate"], dataDir));
    expect(second).toEqual({ dialect: "sqlite", applied: [] });

    const sqlite = new SQLite(path.join(dataDir, "kakehashi.db"), { readonly: true });
    try {
      const recorded = sqlite.prepare("SELECT name FROM kysely_migration ORDER BY name").all();
      expect(recorded).toEqual(applied.map((name) => ({ name })));
      const tables = sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((row) => (row as { name: string }).name);
      expect(tables).toEqual(expect.arrayContaining(["jobs", "mail_outbox"]));
    } finally {
      sqlite.close();
    }
  });

  it("queues a mail with `mail test` under a newly generated owner-only key, and `jobs run-due` reuses the key to deliver it as an .eml file", async () => {
    const dataDir = newDataDir();
    const keyFile = path.join(dataDir, "master.key");

    const queuing = await kakehashi(
      ["mail", "test", "--to", "someone@example.org", "--language", "en"],
      dataDir,
    );
    const queued = jsonResult(queuing);
    expect(queued.mailId).toEqual(expect.any(String));
    expect(queuing.stderr).toMatch(/generated a development master key/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(keyFile, "utf8");
    expect(Buffer.from(key.trim(), "base64")).toHaveLength(32);
    expect(emlFiles(dataDir)).toEqual([]);

    // The second process opens the content the first one sealed: only the same key can.
    const running = await kakehashi(["jobs", "run-due"], dataDir);
    expect(jsonResult(running).ran).toBe(1);
    expect(running.stderr).not.toMatch(/generated a development master key/);
    expect(fs.readFileSync(keyFile, "utf8")).toBe(key);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    const files = emlFiles(dataDir);
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(
      fs.readFileSync(path.join(dataDir, "outbox-mail", files[0] ?? "")),
    );
    expect(parsed.subject).toBe(en["mail.test.subject"]);
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.text).toBe("someone@example.org");
    expect(parsed.messageId).toBe(`<${queued.mailId}@127.0.0.1>`);
    expect(parsed.headers.get("content-language")).toBe("en");
  });

  it("runs due jobs as of the instant given with --at, and warns when PUBLIC_URL is unset", async () => {
    const dataDir = newDataDir();
    const outcome = await kakehashi(["jobs", "run-due", "--at", "2030-01-01T00:00:00Z"], dataDir);
    expect(jsonResult(outcome)).toEqual({ ran: 0, at: "2030-01-01T00:00:00.000Z" });
    // Without PUBLIC_URL its mails would link to the default address: it says so.
    expect(outcome.stderr).toMatch(
      /PUBLIC_URL is not set: mails sent now link to http:\/\/127\.0\.0\.1:3000/,
    );
    const configured = await kakehashi(["jobs", "run-due"], dataDir, {
      PUBLIC_URL: "https://kakehashi.example.jp",
    });
    expect(configured.code).toBe(0);
    expect(configured.stderr).not.toMatch(/PUBLIC_URL/);
  });

  it.each([
    ["jobs run-due --at yesterday", /--at[\s\S]*ISO 8601 instant with a zone/],
    ["jobs run-due --at 2030-01-01T00:00:00", /--at[\s\S]*ISO 8601 instant with a zone/],
    ["mail test --to someone@example.org --language fr", /--language[\s\S]*expected ja or en/],
  ])(
    "rejects `kakehashi %s` as a usage error, before touching anything",
    async (command, message) => {
      const dataDir = newDataDir();
      const outcome = await kakehashi(command.split(" "), dataDir);
      failedWith(outcome, message);
      // A usage error, not a crash log.
      expect(outcome.stderr).not.toMatch(/"level"|stack/);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    },
  );

  it.each([
    [{ PORT: "abc" }, /PORT: must be a whole number between 1 and 65535 \(got "abc"\)/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: must be sqlite:<path> or postgres:\/\//],
  ])(
    "refuses to start with the bad setting %j, naming it on stderr and touching nothing",
    async (setting, message) => {
      const dataDir = newDataDir();
      const outcome = await kakehashi(["migrate"], dataDir, setting);
      failedWith(outcome, message);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    },
  );

  it("requires KAKEHASHI_MASTER_KEY in production and generates no key there", async () => {
    const dataDir = newDataDir();
    const outcome = await kakehashi(["jobs", "run-due"], dataDir, { NODE_ENV: "production" });
    failedWith(outcome, /KAKEHASHI_MASTER_KEY: required when NODE_ENV=production/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("keeps a committed mail and its job when the process is killed right after the commit", async () => {
    const dataDir = newDataDir();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/fixtures/enqueue-mail-and-wait.ts"],
      {
        cwd: root,
        env: environment(dataDir),
      },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    const mailId = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        const match = /^committed (\S+)\n/.exec(stdout);
        if (match?.[1]) {
          child.kill("SIGKILL");
          resolve(match[1]);
        }
      });
      child.on("exit", (code) =>
        reject(new Error(`fixture exited (${code}) before committing: ${stderr}`)),
      );
    });
    expect(await exited).toBe("SIGKILL");

    const sqlite = new SQLite(path.join(dataDir, "kakehashi.db"));
    try {
      expect(
        sqlite.prepare("SELECT status, recipient FROM mail_outbox WHERE id = ?").get(mailId),
      ).toEqual({
        status: "pending",
        recipient: "crash@example.org",
      });
      expect(
        sqlite
          .prepare("SELECT type, status FROM jobs WHERE idempotency_key = ?")
          .get(`${MAIL_DELIVERY_JOB}:${mailId}`),
      ).toEqual({ type: MAIL_DELIVERY_JOB, status: "pending" });
    } finally {
      sqlite.close();
    }

    // The surviving message is still deliverable by the next process.
    expect(jsonResult(await kakehashi(["jobs", "run-due"], dataDir)).ran).toBe(1);
    expect(emlFiles(dataDir)).toHaveLength(1);
  });

  it("lists each message that failed for good on its own JSON line with `mail failures`", async () => {
    const dataDir = newDataDir();
    const unreachable = { MAIL_URL: "smtp://127.0.0.1:1" };
    const first = jsonResult(
      await kakehashi(["mail", "test", "--to", "first@example.org"], dataDir, unreachable),
    );
    const second = jsonResult(
      await kakehashi(["mail", "test", "--to", "second@example.org"], dataDir, unreachable),
    );

    // A real attempt against a closed port: recorded and due again, not yet a failure.
    expect(jsonResult(await kakehashi(["jobs", "run-due"], dataDir, unreachable)).ran).toBe(2);

    // Skip ahead to the last attempt (as if eight more retries had failed), then run it.
    const sqlite = new SQLite(path.join(dataDir, "kakehashi.db"));
    try {
      const rows = sqlite.prepare("SELECT status, attempts, last_error FROM mail_outbox").all();
      expect(rows).toEqual([
        { status: "pending", attempts: 1, last_error: expect.stringMatching(/ECONNREFUSED/) },
        { status: "pending", attempts: 1, last_error: expect.stringMatching(/ECONNREFUSED/) },
      ]);
      sqlite.prepare("UPDATE jobs SET attempts = 9").run();
      sqlite.prepare("UPDATE mail_outbox SET attempts = 9").run();
    } finally {
      sqlite.close();
    }
    expect(
      jsonResult(
        await kakehashi(["jobs", "run-due", "--at", "2100-01-01T00:00:00Z"], dataDir, unreachable),
      ).ran,
    ).toBe(2);

    const listed = await kakehashi(["mail", "failures"], dataDir, unreachable);
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout.split("\n");
    expect(lines.pop()).toBe("");
    const failures = lines.map((line) => JSON.parse(line));
    expect(failures).toEqual([
      expect.objectContaining({ mailId: first.mailId, recipient: "first@example.org" }),
      expect.objectContaining({ mailId: second.mailId, recipient: "second@example.org" }),
    ]);
    for (const failure of failures) {
      expect(failure).toMatchObject({ template: "test", attempts: 10 });
      expect(failure.lastError).toMatch(/ECONNREFUSED/);
    }
    expect(emlFiles(dataDir)).toEqual([]);
  });
});

const postgres = postgresTargetIfAvailable("kakehashi migrate on PostgreSQL");

describe.each(postgres ? [postgres] : [])("the kakehashi command on $name", (target) => {
  it("migrates the database named by DATABASE_URL and creates the tables", {
    timeout: CLI_TEST_TIMEOUT,
  }, async () => {
    const database = await target.create();
    try {
      if (database.config.dialect !== "postgres") throw new Error("expected a PostgreSQL database");
      const url = database.config.url;
      const dataDir = newDataDir();

      const first = jsonResult(await kakehashi(["migrate"], dataDir, { DATABASE_URL: url }));
      expect(first.dialect).toBe("postgres");
      const applied = appliedMigrations(first);
      const second = jsonResult(await kakehashi(["migrate"], dataDir, { DATABASE_URL: url }));
      expect(second).toEqual({ dialect: "postgres", applied: [] });
      // PostgreSQL holds the data, not a SQLite file in the data directory.
      expect(fs.existsSync(path.join(dataDir, "kakehashi.db"))).toBe(false);

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const tables = await client.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
        );
        expect(tables.rows.map((row) => row.table_name)).toEqual(
          expect.arrayContaining(["jobs", "kysely_migration", "mail_outbox"]),
        );
        const recorded = await client.query<{ name: string }>(
          "SELECT name FROM kysely_migration ORDER BY name",
        );
        expect(recorded.rows).toEqual(applied.map((name) => ({ name })));
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });
});

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

describe("kakehashi serve", () => {
  it(
    "starts the whole application as `npm start` does: /healthz answers, the home page is served in both languages, and SIGTERM stops it cleanly",
    async () => {
      const port = await freePort();
      const child = spawn(process.execPath, ["bin/kakehashi.js", "serve"], {
        cwd: root,
        env: environment(newDataDir(), { PORT: String(port) }),
      });
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      const exited = new Promise<number | null>((resolve) =>
        child.on("exit", (code) => resolve(code)),
      );
      try {
        const base = `http://127.0.0.1:${port}`;
        let health: Response | undefined;
        for (let attempt = 0; attempt < 120 && !health?.ok; attempt += 1) {
          if (child.exitCode !== null) break;
          health = await fetch(`${base}/healthz`).catch(() => undefined);
          if (!health?.ok) await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect(health?.status, stderr).toBe(200);
        expect(await health?.json()).toEqual({ status: "ok" });
        const english = await (
          await fetch(`${base}/`, { headers: { "accept-language": "en" } })
        ).text();
        expect(english).toContain('<html lang="en">');
        expect(english).toContain(en["home.heading"]);
        const japanese = await (
          await fetch(`${base}/`, { headers: { "accept-language": "ja" } })
        ).text();
        expect(japanese).toContain('<html lang="ja">');
      } finally {
        child.kill("SIGTERM");
      }
      expect(await exited, stderr).toBe(0);
    },
    CLI_TEST_TIMEOUT,
  );
});
