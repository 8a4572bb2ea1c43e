import { Command, InvalidArgumentError } from "commander";
import { ConfigError, loadConfig } from "./config/config.ts";
import { SYSTEM_ACTOR } from "./modules/access/actor.ts";
import { verifyAuditLog } from "./modules/audit/audit.ts";
import { openDatabase } from "./platform/db/database.ts";
import { migrateToLatest } from "./platform/db/migrate.ts";
import type { MemberRole } from "./platform/db/schema.ts";
import { ProblemError } from "./platform/http/problem.ts";
import { isLanguage, type Language } from "./platform/i18n/i18n.ts";
import { fixedClock, parseInstant } from "./platform/jobs/clock.ts";
import { createJobRunner } from "./platform/jobs/jobs.ts";
import { createLogger } from "./platform/logger.ts";
import { openRuntime, type Runtime, type RuntimeOptions } from "./runtime.ts";
import { checkReplay } from "./workflow/replay.ts";

// Commands print their result alone on stdout; logs go to stderr.
const logger = createLogger();

function print(value: unknown): void {
  process.stdout.write(`${typeof value === "string" ? value : JSON.stringify(value)}\n`);
}

async function withRuntime<T>(
  options: Omit<RuntimeOptions, "config" | "logger">,
  work: (runtime: Runtime) => Promise<T>,
) {
  const runtime = await openRuntime({ config: loadConfig(process.env), logger, ...options });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Checked while parsing, so commander reports a bad value as a usage error (not a crash log). */
function parseLanguage(value: string): Language {
  if (!isLanguage(value)) throw new InvalidArgumentError("expected ja or en");
  return value;
}

const program = new Command()
  .name("kakehashi")
  .description("Kakehashi operator commands (shell access only)")
  .showHelpAfterError();

program
  .command("serve")
  .description("apply migrations, then start the HTTP server and the job runner")
  .action(async () => {
    // Loaded here so the other commands do not pay for the web application.
    const { serve } = await import("./main.ts");
    const runtime = await openRuntime({ config: loadConfig(process.env), logger });
    await serve(runtime);
  });

program
  .command("migrate")
  .description("apply pending database migrations")
  .action(async () => {
    const database = openDatabase(loadConfig(process.env).database);
    try {
      const applied = await migrateToLatest(database.db);
      print({ dialect: database.dialect, applied });
    } finally {
      await database.destroy();
    }
  });

program
  .command("setup")
  .description("first run: create the intake and the coordinator organization (idempotent)")
  .requiredOption("--intake-name <name>", "name of the intake organization")
  .requiredOption("--coordinator-name <name>", "name of the coordinator organization")
  .action(async (options: { intakeName: string; coordinatorName: string }) => {
    await withRuntime({}, async (runtime) => {
      print(
        await runtime.services.organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
          intake: options.intakeName,
          coordinator: options.coordinatorName,
        }),
      );
    });
  });

const deskKey = program
  .command("desk-key")
  .description("the intake desk's OpenPGP key pair, to which finders may encrypt reports");
deskKey
  .command("show")
  .description("print the current key's fingerprint and creation time (creating it if none)")
  .action(async () => {
    await withRuntime({}, async (runtime) => {
      const key = await runtime.services.deskKey.current(SYSTEM_ACTOR);
      print({ fingerprint: key.fingerprint, createdAt: key.createdAt });
    });
  });
deskKey
  .command("rotate")
  .description("make a new current key; the old one is kept, retired, to decrypt older messages")
  .action(async () => {
    await withRuntime({}, async (runtime) => {
      print(await runtime.services.deskKey.rotate(SYSTEM_ACTOR));
    });
  });

const signingKey = program
  .command("signing-key")
  .description("the platform's OpenPGP key that signs the published CSAF documents");
signingKey
  .command("show")
  .description("print the current key's fingerprint and creation time (creating it if none)")
  .action(async () => {
    await withRuntime({}, async (runtime) => {
      const key = await runtime.services.csafProvider.currentKey(SYSTEM_ACTOR);
      print({ fingerprint: key.fingerprint, createdAt: key.createdAt });
    });
  });
signingKey
  .command("rotate")
  .description(
    "make a new current key and re-sign every published CSAF document with it; the old key is revoked as superseded",
  )
  .action(async () => {
    await withRuntime({}, async (runtime) => {
      print(await runtime.services.csafProvider.rotate(SYSTEM_ACTOR));
    });
  });

const user = program.command("user").description("user accounts");
user
  .command("create")
  .description("create a user with a verified address in an organization")
  .requiredOption("--email <email>", "e-mail address")
  .requiredOption("--name <name>", "display name")
  .requiredOption("--password <password>", "password (at least 12 characters, not a common one)")
  .option("--org <organizationId>", "organization id (from setup or the directory)")
  .option("--role <role>", "admin, member or analyst (analyst: intake only)")
  .option<Language>("--language <ja|en>", "language of pages and e-mail", parseLanguage, "ja")
  .action(
    async (options: {
      email: string;
      name: string;
      password: string;
      org?: string;
      role?: string;
      language: Language;
    }) => {
      if (options.org && !options.role)
        throw new InvalidArgumentError("--role is required with --org");
      if (options.role && !["admin", "member", "analyst"].includes(options.role)) {
        throw new InvalidArgumentError("--role must be admin, member or analyst");
      }
      await withRuntime({}, async (runtime) => {
        print(
          await runtime.services.accounts.createUser(SYSTEM_ACTOR, {
            email: options.email,
            name: options.name,
            password: options.password,
            language: options.language,
            ...(options.org
              ? { organizationId: options.org, role: options.role as MemberRole }
              : {}),
          }),
        );
      });
    },
  );

program
  .command("token")
  .description("API tokens")
  .command("create")
  .description("print a new API token for a user")
  .requiredOption("--email <email>", "the user's e-mail address")
  .option("--name <name>", "what the token is for", "operator")
  .action(async (options: { email: string; name: string }) => {
    await withRuntime({}, async (runtime) => {
      print(
        await runtime.services.accounts.createApiTokenForEmail(
          SYSTEM_ACTOR,
          options.email,
          options.name,
        ),
      );
    });
  });

program
  .command("audit")
  .description("the audit log")
  .command("verify")
  .description("check the audit log's hash chain; exit 1 naming the first bad entry")
  .action(async () => {
    await withRuntime({}, async (runtime) => {
      const result = await verifyAuditLog(runtime.database.db);
      print(result);
      if (!result.ok) {
        process.stderr.write(`audit log broken at entry ${result.seq}: ${result.reason}\n`);
        process.exitCode = 1;
      }
    });
  });

program
  .command("replay")
  .description(
    "rebuild every workflow current-state row from its events and report differences (exit 1 if any)",
  )
  .option("--check", "compare only: report differences, change nothing")
  .action(async (options: { check?: boolean }) => {
    if (!options.check) {
      throw new InvalidArgumentError("replay only checks: run it as `kakehashi replay --check`");
    }
    await withRuntime({}, async (runtime) => {
      const report = await checkReplay(runtime.database.db);
      print(report);
      if (!report.ok) {
        process.stderr.write(
          `${report.differences.length} difference(s) between the workflow events and the current-state rows\n`,
        );
        process.exitCode = 1;
      }
    });
  });

const jobs = program.command("jobs").description("the durable job queue");
jobs
  .command("run-due")
  .description(
    "run every job due at or before --at (default now), including jobs the run creates; then exit",
  )
  .option("--at <iso>", "the instant to run as, e.g. 2026-12-01T09:00:00Z", (value) => {
    const instant = parseInstant(value);
    if (!instant)
      throw new InvalidArgumentError(
        "expected an ISO 8601 instant with a zone, e.g. 2026-12-01T09:00:00Z",
      );
    return instant;
  })
  .action(async (options: { at?: Date }) => {
    const clock = options.at ? fixedClock(options.at) : undefined;
    await withRuntime(clock ? { clock } : {}, async (runtime) => {
      const runner = createJobRunner({
        db: runtime.database.db,
        dialect: runtime.database.dialect,
        clock: runtime.clock,
        logger,
        handlers: runtime.jobHandlers,
      });
      if (!process.env.PUBLIC_URL) {
        // Mails carry links: without PUBLIC_URL they point at this machine's default address.
        process.stderr.write(
          `PUBLIC_URL is not set: mails sent now link to ${runtime.config.publicUrl}. Set it to the address people reach Kakehashi at.\n`,
        );
      }
      const ran = await runner.runDue();
      print({ ran, at: runtime.clock.now().toISOString() });
    });
  });

const mail = program.command("mail").description("the mail outbox");
mail
  .command("test")
  .description("queue a test message (sent by the job runner, or by `jobs run-due`)")
  .requiredOption("--to <address>", "recipient")
  .option<Language>("--language <ja|en>", "language of the message", parseLanguage, "ja")
  .action(async (options: { to: string; language: Language }) => {
    const language = options.language;
    await withRuntime({}, async (runtime) => {
      const mailId = await runtime.database.db.transaction().execute((tx) =>
        runtime.mail.enqueue(tx, {
          to: options.to,
          language,
          template: "test",
          params: { sentAt: runtime.clock.now().toISOString() },
        }),
      );
      print({ mailId });
    });
  });
mail
  .command("failures")
  .description("list messages that could not be delivered (one JSON object per line)")
  .action(async () => {
    await withRuntime({}, async (runtime) => {
      const rows = await runtime.database.db
        .selectFrom("mail_outbox")
        .select(["id", "recipient", "template", "attempts", "last_error", "created_at"])
        .where("status", "=", "failed")
        .orderBy("created_at")
        .execute();
      for (const row of rows) {
        print({
          mailId: row.id,
          recipient: row.recipient,
          template: row.template,
          attempts: row.attempts,
          lastError: row.last_error,
          createdAt: row.created_at,
        });
      }
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof InvalidArgumentError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof ProblemError) {
    const fields = (error.errors ?? [])
      .map((issue) => `\n  ${issue.path}: ${issue.message}`)
      .join("");
    process.stderr.write(`error (${error.code}): ${error.message}${fields}\n`);
  } else {
    logger.error({ err: error }, "command failed");
  }
  process.exitCode = 1;
}
