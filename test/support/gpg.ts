import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Whether Debian's GnuPG is installed (the interoperability suites need it; CI has it). */
export function gpgAvailable(): boolean {
  try {
    execFileSync("/usr/bin/gpg", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Runs GnuPG on its own home directory, without a passphrase or an agent prompt. */
export function gpg(home: string, args: string[], input?: Buffer): Buffer {
  return execFileSync(
    "/usr/bin/gpg",
    ["--batch", "--homedir", home, "--passphrase", "", "--pinentry-mode", "loopback", ...args],
    { stdio: ["pipe", "pipe", "pipe"], ...(input ? { input } : {}) },
  );
}

/**
 * A throwaway GnuPG home with one key pair for `userId` ("Name <address>"), made "before" the
 * test clocks' start (2026-01-01) so that it is valid when the tests send mail.
 */
export function gpgKeyPair(userId: string) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-gpg-"));
  gpg(home, [
    "--faked-system-time",
    "20260101T000000",
    "--quick-gen-key",
    userId,
    "future-default",
    "default",
    "never",
  ]);
  const address = /<([^>]+)>/.exec(userId)?.[1] ?? userId;
  return {
    home,
    publicKey: gpg(home, ["--armor", "--export", address]).toString("utf8"),
    decrypt: (armored: string) =>
      gpg(home, ["--decrypt"], Buffer.from(armored, "utf8")).toString("utf8"),
    dispose: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}
