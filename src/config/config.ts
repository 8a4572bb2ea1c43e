import path from "node:path";
import { z } from "zod";

/** Raised when the environment cannot be turned into a configuration; the message is for humans. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export type DatabaseConfig =
  | { dialect: "sqlite"; file: string }
  | { dialect: "postgres"; url: string };
export type MailConfig = { kind: "smtp"; url: string } | { kind: "dir"; directory: string };

export interface Config {
  production: boolean;
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  mail: MailConfig;
  publicUrl: string;
  /** KAKEHASHI_MASTER_KEY as given; resolveMasterKeys() supplies the development key when absent. */
  masterKey: string | undefined;
  /**
   * Addresses of the reverse proxies whose X-Forwarded-For is believed (KAKEHASHI_TRUST_PROXY:
   * "loopback", addresses or CIDRs, comma-separated); empty: the peer address is the client's.
   */
  trustProxy: string[];
  /** KAKEHASHI_ADVISORY_PREFIX: advisory identifiers are PREFIX#NNNNNNNN and PREFIXVU#NNNNNNNN (R-PUB-1). */
  advisoryPrefix: string;
  /**
   * KAKEHASHI_ADVISORY_SECOND_APPROVER=required: a coordinator other than the draft's last
   * author approves the advisory (four eyes). Off by default, so a one-person desk still works.
   */
  advisorySecondApprover: boolean;
}

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : undefined));

const environmentSchema = z.object({
  NODE_ENV: optionalText,
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, "must be a whole number between 1 and 65535")
      .transform(Number)
      .refine((port) => port >= 1 && port <= 65535, "must be a whole number between 1 and 65535")
      .optional()
      .default(3000),
  ),
  KAKEHASHI_DATA_DIR: optionalText,
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .refine((value) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(value), {
        message: "must be sqlite:<path> or postgres://user:password@host:port/database",
      })
      .optional(),
  ),
  MAIL_URL: optionalText.pipe(
    z
      .string()
      .refine((value) => /^(smtps?:\/\/.+|dir:.+)$/.test(value), {
        message: "must be smtp://host:port, smtps://host:port or dir:/path/to/folder",
      })
      .optional(),
  ),
  PUBLIC_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" }).optional(),
  ),
  KAKEHASHI_MASTER_KEY: optionalText,
  KAKEHASHI_ADVISORY_PREFIX: optionalText.pipe(
    z
      .string()
      .regex(
        /^[A-Z][A-Z0-9]{1,9}$/,
        "must be 2 to 10 capital letters or digits, starting with a letter",
      )
      .optional()
      .default("KKH"),
  ),
  KAKEHASHI_ADVISORY_SECOND_APPROVER: optionalText.pipe(
    z.enum(["required", "off"], { message: "must be required or off" }).optional().default("off"),
  ),
  KAKEHASHI_TRUST_PROXY: optionalText.pipe(
    z
      .string()
      .refine(
        (value) =>
          value
            .split(",")
            .every((part) =>
              /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(part.trim()),
            ),
        {
          message: "must be loopback, or addresses / CIDRs separated by commas",
        },
      )
      .optional(),
  ),
});

/**
 * Reads the configuration from environment variables. Pure: it touches no files; the
 * development master key is handled by resolveMasterKeys().
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return `${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? "")})`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const values = parsed.data;
  const production = values.NODE_ENV === "production";
  const dataDir = path.resolve(cwd, values.KAKEHASHI_DATA_DIR ?? "data");
  const port = values.PORT;

  if (production && !values.KAKEHASHI_MASTER_KEY) {
    throw new ConfigError(
      "Invalid configuration:\n  KAKEHASHI_MASTER_KEY: required when NODE_ENV=production " +
        "(32 random bytes in base64, e.g. `openssl rand -base64 32`)",
    );
  }

  return {
    production,
    port,
    dataDir,
    database: parseDatabaseUrl(
      values.DATABASE_URL ?? `sqlite:${path.join(dataDir, "kakehashi.db")}`,
      cwd,
    ),
    mail: parseMailUrl(values.MAIL_URL ?? `dir:${path.join(dataDir, "outbox-mail")}`, cwd),
    publicUrl: (values.PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, ""),
    masterKey: values.KAKEHASHI_MASTER_KEY,
    trustProxy: values.KAKEHASHI_TRUST_PROXY
      ? values.KAKEHASHI_TRUST_PROXY.split(",").map((part) => part.trim())
      : [],
    advisoryPrefix: values.KAKEHASHI_ADVISORY_PREFIX,
    advisorySecondApprover: values.KAKEHASHI_ADVISORY_SECOND_APPROVER === "required",
  };
}

export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseConfig {
  if (url.startsWith("sqlite:")) {
    return { dialect: "sqlite", file: path.resolve(cwd, url.slice("sqlite:".length)) };
  }
  return { dialect: "postgres", url };
}

function parseMailUrl(url: string, cwd: string): MailConfig {
  if (url.startsWith("dir:")) {
    return { kind: "dir", directory: path.resolve(cwd, url.slice("dir:".length)) };
  }
  return { kind: "smtp", url };
}
