import { Command, InvalidArgumentError } from "commander";
import { ConfigError, loadConfig } from "./config/config.ts";
import { openDatabase } from "./platform/db/database.ts";
import { migrateToLatest } from "./platform/db/migrate.ts";
import { isLanguage, type Language } from "./platform/i18n/i18n.ts";
import { fixedClock, parseInstant } from "./platform/jobs/clock.ts";
import { createJobRunner } from "./platform/jobs/jobs.ts";
import { createLogger } from "./platform/logger.ts";
import { openRuntime, type Runtime, type RuntimeOptions } from "./runtime.ts";

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
      const ran = await runner.runDue();
      print({ ran, at: runtime.clock.now().toISOString() });
    });
  });

const mail = program.command("mail").description("the mail outbox");
mail
  .command("test")
  .description("queue a test message (sent by the job runner, or by `jobs run-due`)")
  .requiredOption("--to <address>", "recipient")
  .option<Language>(
    "--language <ja|en>",
    "language of the message",
    (value) => {
      // Checked while parsing, so commander reports it as a usage error (not a crash log).
      if (!isLanguage(value)) throw new InvalidArgumentError("expected ja or en");
      return value;
    },
    "ja",
  )
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
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    logger.error({ err: error }, "command failed");
  }
  process.exitCode = 1;
}
