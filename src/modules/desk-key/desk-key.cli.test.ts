import path from "node:path";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { jsonLine as json, kakehashiCommand } from "../../../test/support/cli.ts";

// Each command starts Node and tsx (about a second, four runs here); a loaded machine needs more.
const CLI_TEST_TIMEOUT = 120_000;
const { dataDir, run: kakehashi } = kakehashiCommand("desk-key-cli");

describe("kakehashi desk-key", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("shows the current key (made on first use), and `rotate` prints the new key and the retired one as JSON", async () => {
    const shown = json(await kakehashi(["desk-key", "show"]));
    expect(shown.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(json(await kakehashi(["desk-key", "show"]))).toEqual(shown);

    const rotated = json(await kakehashi(["desk-key", "rotate"]));
    expect(rotated.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(rotated.fingerprint).not.toBe(shown.fingerprint);
    expect(rotated.retired.fingerprint).toBe(shown.fingerprint);
    expect(json(await kakehashi(["desk-key", "show"])).fingerprint).toBe(rotated.fingerprint);

    const sqlite = new SQLite(path.join(dataDir, "kakehashi.db"), { readonly: true });
    try {
      const rows = sqlite
        .prepare("SELECT fingerprint, current_slot, retired_at FROM desk_keys ORDER BY created_at")
        .all() as { fingerprint: string; current_slot: string | null; retired_at: string | null }[];
      expect(rows.map((row) => [row.fingerprint, row.current_slot])).toEqual([
        [shown.fingerprint, null],
        [rotated.fingerprint, "current"],
      ]);
      expect(rows[0]?.retired_at).toBe(rotated.retired.retiredAt);
    } finally {
      sqlite.close();
    }
  });
});
