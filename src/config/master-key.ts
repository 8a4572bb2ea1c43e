import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { Config } from "./config.ts";

export const DEVELOPMENT_KEY_FILE = "master.key";

/**
 * The master key(s) as a string for parseMasterKeys(). Production requires the environment
 * variable (loadConfig enforces it); elsewhere a key is generated once into the data
 * directory, readable by its owner only, and reused from then on.
 */
export function resolveMasterKeys(config: Config, logger: Logger): string {
  if (config.masterKey) return config.masterKey;
  const file = path.join(config.dataDir, DEVELOPMENT_KEY_FILE);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64");
  // "wx": never overwrite a key another process wrote a moment ago.
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return fs.readFileSync(file, "utf8").trim();
    }
    throw error;
  }
  logger.warn(
    { file },
    "generated a development master key; set KAKEHASHI_MASTER_KEY in production and keep it outside the database",
  );
  return key;
}
