import path from "node:path";
import SQLite from "better-sqlite3";
import { readKey } from "openpgp";
import { describe, expect, it } from "vitest";
import { jsonLine as json, kakehashiCommand } from "../../../test/support/cli.ts";

// Each command starts Node and tsx (about a second, four runs here); a loaded machine needs more.
const CLI_TEST_TIMEOUT = 120_000;
const { dataDir, run: kakehashi } = kakehashiCommand("signing-key-cli");

describe("kakehashi signing-key", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("shows the CSAF signing key (made on first use, not the desk's), and `rotate` prints the new key, the retired one and how many documents it re-signed", async () => {
    const shown = json(await kakehashi(["signing-key", "show"]));
    expect(Object.keys(shown).sort()).toEqual(["createdAt", "fingerprint"]);
    expect(shown.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(json(await kakehashi(["signing-key", "show"]))).toEqual(shown);
    const desk = json(await kakehashi(["desk-key", "show"]));
    expect(desk.fingerprint).not.toBe(shown.fingerprint);

    const rotated = json(await kakehashi(["signing-key", "rotate"]));
    expect(rotated.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(rotated.fingerprint).not.toBe(shown.fingerprint);
    expect(rotated.retired.fingerprint).toBe(shown.fingerprint);
    expect(rotated.resigned).toBe(0);
    expect(json(await kakehashi(["signing-key", "show"])).fingerprint).toBe(rotated.fingerprint);

    const sqlite = new SQLite(path.join(dataDir, "kakehashi.db"), { readonly: true });
    try {
      const rows = sqlite
        .prepare(
          "SELECT fingerprint, public_key, private_key_sealed, current_slot, retired_at FROM csaf_signing_keys ORDER BY created_at",
        )
        .all() as {
        fingerprint: string;
        public_key: string;
        private_key_sealed: string;
        current_slot: string | null;
        retired_at: string | null;
      }[];
      expect(rows.map((row) => [row.fingerprint, row.current_slot])).toEqual([
        [shown.fingerprint, null],
        [rotated.fingerprint, "current"],
      ]);
      expect(rows[0]?.retired_at).toBe(rotated.retired.retiredAt);
      for (const row of rows) {
        expect(row.private_key_sealed).toMatch(/^kk1\./);
        expect(row.private_key_sealed).not.toContain("PGP");
      }
      // The retired key is revoked as superseded; the new one signs and encrypts to nobody.
      const retired = await readKey({ armoredKey: rows[0]?.public_key ?? "" });
      expect(await retired.isRevoked()).toBe(true);
      const current = await readKey({ armoredKey: rows[1]?.public_key ?? "" });
      expect(await current.isRevoked()).toBe(false);
      expect(current.getSubkeys()).toHaveLength(0);
      expect(current.getUserIDs()).toEqual([
        "Kakehashi CSAF signing key <csaf@kakehashi.example.jp>",
      ]);
      const audit = sqlite
        .prepare("SELECT type FROM audit_log WHERE type LIKE 'csaf_signing_key.%' ORDER BY seq")
        .all() as { type: string }[];
      expect(audit.map((row) => row.type)).toEqual([
        "csaf_signing_key.created",
        "csaf_signing_key.rotated",
      ]);
    } finally {
      sqlite.close();
    }
  });
});
