import { createHash } from "node:crypto";
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
  /**
   * The CNA that the CVE records name (KAKEHASHI_CNA_ORG_ID, KAKEHASHI_CNA_SHORT_NAME): its
   * organization UUID in the CVE Program and its short name (CVE JSON 5 `providerMetadata`).
   */
  cna: { orgId: string; shortName: string };
  /** KAKEHASHI_OSV_PREFIX: OSV ids are this prefix and the advisory ID with "-" for "#". */
  osvPrefix: string;
  /**
   * KAKEHASHI_WEBHOOKS_ALLOW_HTTP=1, for development and tests only: webhook endpoints may be
   * plain http:// and may resolve to loopback, private or link-local addresses. Off (absent):
   * https:// only, and public addresses only (no requests into the server's own network).
   */
  webhooksAllowHttp?: boolean;
}

/** A version 4 UUID, as CVE JSON 5 requires of an organization ID (`uuidType`). */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The start an OSV id must have: `x_` or a home database prefix registered with OSV (the OSV
 * schema's `$defs.prefix`, checked against the schema file by the tests).
 */
export const OSV_ID_PREFIX_PATTERN =
  "^(x_|(ASB-A|PUB-A|ALPINE|ALSA|ALBA|ALEA|AZL|BELL|BIT|CGA|CLEANSTART|CLSA|CURL|CVE|DEBIAN|DHI|DRUPAL|DSA|DLA|ELA|DTSA|ECHO|EEF|FreeBSD|GHSA|GO|GSD|HSEC|JLSEC|KUBE|LBSEC|LSN|MAL|MINI|MGASA|OESA|OSEC|OSV|openSUSE-SU|PHSA|PSF|PYSEC|RHBA|RHEA|RHSA|RLSA|RXSA|RSEC|ROOT|RUSTSEC|SUSE-[SRFO]U|UBUNTU|USN|V8)-)";

/**
 * The CNA organization ID used when KAKEHASHI_CNA_ORG_ID is not set: a UUID v4-shaped value
 * derived from the public URL, the same for a deployment on every start. It is not an ID the
 * CVE Program issued; a deployment that is a CNA sets its own.
 */
export function defaultCnaOrgId(publicUrl: string): string {
  const bytes = createHash("sha256").update(`kakehashi CNA organization ${publicUrl}`).digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
  KAKEHASHI_CNA_ORG_ID: optionalText.pipe(
    z
      .string()
      .regex(UUID_V4, "must be a version 4 UUID (the CNA's organization ID in the CVE Program)")
      .transform((value) => value.toLowerCase())
      .optional(),
  ),
  KAKEHASHI_CNA_SHORT_NAME: optionalText.pipe(
    z
      .string()
      .min(2, "must be 2 to 32 characters (the CNA's short name in the CVE Program)")
      .max(32, "must be 2 to 32 characters (the CNA's short name in the CVE Program)")
      .optional()
      .default("kakehashi"),
  ),
  KAKEHASHI_OSV_PREFIX: optionalText.pipe(
    z
      .string()
      .max(40, "must be at most 40 characters")
      .regex(/^[A-Za-z0-9_.-]+$/, "must be letters, digits, '_', '.' or '-'")
      .optional()
      .default("x_"),
  ),
  KAKEHASHI_WEBHOOKS_ALLOW_HTTP: optionalText.pipe(
    z.enum(["1", "0"], { message: "must be 1 or 0" }).optional().default("0"),
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

  const publicUrl = (values.PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, "");
  const osvExample = `${values.KAKEHASHI_OSV_PREFIX}${values.KAKEHASHI_ADVISORY_PREFIX}-00000001`;
  if (!new RegExp(OSV_ID_PREFIX_PATTERN).test(osvExample)) {
    throw new ConfigError(
      "Invalid configuration:\n  KAKEHASHI_OSV_PREFIX: an OSV id must start with x_ or with a " +
        "database prefix registered with OSV (GHSA-, PYSEC-, …); this prefix would give ids " +
        `such as ${JSON.stringify(osvExample)}, which the OSV schema refuses ` +
        `(got ${JSON.stringify(values.KAKEHASHI_OSV_PREFIX)})`,
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
    publicUrl,
    masterKey: values.KAKEHASHI_MASTER_KEY,
    trustProxy: values.KAKEHASHI_TRUST_PROXY
      ? values.KAKEHASHI_TRUST_PROXY.split(",").map((part) => part.trim())
      : [],
    advisoryPrefix: values.KAKEHASHI_ADVISORY_PREFIX,
    advisorySecondApprover: values.KAKEHASHI_ADVISORY_SECOND_APPROVER === "required",
    cna: {
      orgId: values.KAKEHASHI_CNA_ORG_ID ?? defaultCnaOrgId(publicUrl),
      shortName: values.KAKEHASHI_CNA_SHORT_NAME,
    },
    osvPrefix: values.KAKEHASHI_OSV_PREFIX,
    webhooksAllowHttp: values.KAKEHASHI_WEBHOOKS_ALLOW_HTTP === "1",
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
