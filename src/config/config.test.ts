import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";
import { DEVELOPMENT_KEY_FILE, resolveMasterKeys } from "./master-key.ts";

const cwd = "/srv/kakehashi";

function captureLogger() {
  const lines: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

describe("loadConfig", () => {
  it("defaults to SQLite and .eml files in ./data, port 3000 and a loopback public URL", () => {
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({
      production: false,
      port: 3000,
      dataDir: "/srv/kakehashi/data",
      database: { dialect: "sqlite", file: "/srv/kakehashi/data/kakehashi.db" },
      mail: { kind: "dir", directory: "/srv/kakehashi/data/outbox-mail" },
      publicUrl: "http://127.0.0.1:3000",
      masterKey: undefined,
      trustProxy: [],
      advisoryPrefix: "KKH",
    });
  });

  it("reads the advisory prefix, and refuses one that would not make a clean identifier", () => {
    expect(loadConfig({ KAKEHASHI_ADVISORY_PREFIX: "JVN" }, cwd).advisoryPrefix).toBe("JVN");
    expect(() => loadConfig({ KAKEHASHI_ADVISORY_PREFIX: "kk#" }, cwd)).toThrowError(
      /KAKEHASHI_ADVISORY_PREFIX: must be 2 to 10 capital letters/,
    );
  });

  it("requires a second approver of advisories only when told to, and refuses another value", () => {
    expect(loadConfig({}, cwd).advisorySecondApprover).toBe(false);
    expect(
      loadConfig({ KAKEHASHI_ADVISORY_SECOND_APPROVER: "required" }, cwd).advisorySecondApprover,
    ).toBe(true);
    expect(
      loadConfig({ KAKEHASHI_ADVISORY_SECOND_APPROVER: "off" }, cwd).advisorySecondApprover,
    ).toBe(false);
    expect(() => loadConfig({ KAKEHASHI_ADVISORY_SECOND_APPROVER: "yes" }, cwd)).toThrowError(
      /KAKEHASHI_ADVISORY_SECOND_APPROVER: must be required or off/,
    );
  });

  it("reads the reverse proxies to trust, and refuses what is not an address", () => {
    expect(loadConfig({ KAKEHASHI_TRUST_PROXY: "loopback, 10.0.0.0/8" }, cwd).trustProxy).toEqual([
      "loopback",
      "10.0.0.0/8",
    ]);
    expect(() => loadConfig({ KAKEHASHI_TRUST_PROXY: "everyone" }, cwd)).toThrowError(
      /KAKEHASHI_TRUST_PROXY: must be loopback/,
    );
  });

  it("follows KAKEHASHI_DATA_DIR, DATABASE_URL, MAIL_URL, PORT and PUBLIC_URL", () => {
    const config = loadConfig(
      {
        KAKEHASHI_DATA_DIR: "var",
        DATABASE_URL: "postgres://kk:secret@db:5432/kakehashi",
        MAIL_URL: "smtp://mail:25",
        PORT: "8080",
        PUBLIC_URL: "https://kakehashi.example.jp/",
      },
      cwd,
    );
    expect(config.dataDir).toBe("/srv/kakehashi/var");
    expect(config.database).toEqual({
      dialect: "postgres",
      url: "postgres://kk:secret@db:5432/kakehashi",
    });
    expect(config.mail).toEqual({ kind: "smtp", url: "smtp://mail:25" });
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe("https://kakehashi.example.jp");
  });

  it("accepts an absolute sqlite: path and a dir: mail folder", () => {
    const config = loadConfig({ DATABASE_URL: "sqlite:/tmp/x.db", MAIL_URL: "dir:/tmp/mail" }, cwd);
    expect(config.database).toEqual({ dialect: "sqlite", file: "/tmp/x.db" });
    expect(config.mail).toEqual({ kind: "dir", directory: "/tmp/mail" });
  });

  it.each([
    [{ PORT: "abc" }, /PORT: must be a whole number between 1 and 65535 \(got "abc"\)/],
    [{ PORT: "70000" }, /PORT: must be a whole number/],
    [{ DATABASE_URL: "mysql://db/x" }, /DATABASE_URL: must be sqlite:<path> or postgres:\/\//],
    [{ MAIL_URL: "http://mail" }, /MAIL_URL: must be smtp:\/\/host:port/],
    [{ PUBLIC_URL: "ftp://example.org" }, /PUBLIC_URL: must be an http:\/\/ or https:\/\/ URL/],
  ])("rejects %j with a message naming the variable", (env, message) => {
    expect(() => loadConfig(env, cwd)).toThrowError(ConfigError);
    expect(() => loadConfig(env, cwd)).toThrowError(message);
  });

  it("lists every bad variable at once", () => {
    expect(() => loadConfig({ PORT: "x", MAIL_URL: "y" }, cwd)).toThrowError(
      /PORT:[\s\S]*MAIL_URL:/,
    );
  });

  it("requires KAKEHASHI_MASTER_KEY in production: there is no built-in secret", () => {
    expect(() => loadConfig({ NODE_ENV: "production" }, cwd)).toThrowError(
      /KAKEHASHI_MASTER_KEY: required/,
    );
    expect(loadConfig({ NODE_ENV: "production", KAKEHASHI_MASTER_KEY: "k" }, cwd).masterKey).toBe(
      "k",
    );
  });
});

describe("resolveMasterKeys", () => {
  it("generates a development key once into the data directory, owner-only, and says so", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-key-"));
    try {
      const config = loadConfig({ KAKEHASHI_DATA_DIR: dataDir });
      const first = captureLogger();
      const key = resolveMasterKeys(config, first.logger);
      const file = path.join(dataDir, DEVELOPMENT_KEY_FILE);
      expect(Buffer.from(key, "base64")).toHaveLength(32);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(first.lines.join("")).toContain("generated a development master key");
      expect(first.lines.join("")).not.toContain(key);

      const second = captureLogger();
      expect(resolveMasterKeys(config, second.logger)).toBe(key);
      expect(second.lines).toHaveLength(0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("uses KAKEHASHI_MASTER_KEY when given and writes no file", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-key-"));
    try {
      const config = loadConfig({ KAKEHASHI_DATA_DIR: dataDir, KAKEHASHI_MASTER_KEY: "given" });
      expect(resolveMasterKeys(config, captureLogger().logger)).toBe("given");
      expect(fs.existsSync(path.join(dataDir, DEVELOPMENT_KEY_FILE))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
