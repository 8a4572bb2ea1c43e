import { createHash } from "node:crypto";
import { createMessage, readKey, readSignature, verify } from "openpgp";
import { beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../../../test/support/advisories.ts";
import { advisoryTestbed } from "../../../test/support/advisory-testbed.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { buildApp } from "../../app.ts";
import { en } from "../../platform/i18n/en.ts";
import { ja } from "../../platform/i18n/ja.ts";
import { csafFileName } from "../advisories/exports/document.ts";

const YEAR_MS = 365 * DAY;
const COORDINATOR_CONTACT = "psirt@coordination-center.example";

describe.each(testDatabaseTargets())("the CSAF provider's files on $name", (target) => {
  const bed = advisoryTestbed(target);
  let advisoryId: string;

  const get = (url: string, headers: Record<string, string> = {}) =>
    bed.app.inject({ method: "GET", url, headers });
  const path = (url: string) => new URL(url).pathname;

  /** Publishes one advisory by ending its embargo; its ID. */
  async function publishOne(title: string): Promise<string> {
    const { caseId } = await bed.approvedCase({
      publishAt: bed.inDays(10),
      draft: { title },
    });
    await bed.runtime.services.advisories.terminateEmbargo(bed.people.coordinator, caseId, {
      reason: "exploited",
      note: "Seen in the wild.",
    });
    return (await bed.runtime.services.advisories.advisoryIdOfCase(caseId)) ?? "";
  }

  beforeAll(async () => {
    await bed.runtime.services.organizations.update(
      await bed.cast.actorOf(bed.cast.users.coordinatorAdmin),
      bed.cast.organizations.coordinator,
      {
        contactEmails: [COORDINATOR_CONTACT],
      },
    );
    advisoryId = await publishOne("Stored XSS in Router A100");
  }, 120_000);

  it("serves security.txt as RFC 9116 asks: contacts, an expiry within a year, the desk's encryption key, languages, a policy page, its canonical URL and the CSAF metadata", async () => {
    const response = await get("/.well-known/security.txt");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
    const fields = response.body
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const match = /^([A-Za-z-]+): (.+)$/.exec(line);
        expect(match, line).not.toBeNull();
        return [match?.[1] ?? "", match?.[2] ?? ""] as const;
      });
    const values = (name: string) => fields.filter(([n]) => n === name).map(([, v]) => v);
    const base = bed.runtime.config.publicUrl;

    expect(values("Contact")).toContain(`mailto:${COORDINATOR_CONTACT}`);
    const pages = values("Contact").filter((v) => v.startsWith("http"));
    expect(pages).toHaveLength(1);
    // The report form: a finder who is not signed in is taken to sign in first.
    const form = await get(path(pages[0] ?? ""), { accept: "text/html" });
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toMatch(/^\/signin\?next=/);

    const [expires] = values("Expires");
    expect(expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const left = Date.parse(expires ?? "") - bed.runtime.clock.now().getTime();
    expect(left).toBeGreaterThan(30 * DAY);
    expect(left).toBeLessThan(YEAR_MS);

    const [encryption] = values("Encryption");
    const key = await get(path(encryption ?? ""));
    expect(key.statusCode).toBe(200);
    expect(key.headers["content-type"]).toMatch(/^application\/pgp-keys/);
    const deskKey = (await get("/api/v1/desk-key")).json();
    expect((await readKey({ armoredKey: key.body })).getFingerprint().toUpperCase()).toBe(
      deskKey.fingerprint,
    );

    expect(values("Preferred-Languages")).toEqual(["ja, en"]);
    const [policy] = values("Policy");
    expect((await get(path(policy ?? ""), { accept: "text/html" })).statusCode).toBe(200);
    expect(values("Canonical")).toEqual([`${base}/.well-known/security.txt`]);
    // Requirement 8: the first CSAF field is the well-known metadata URL.
    expect(values("CSAF")[0]).toBe(`${base}/.well-known/csaf/provider-metadata.json`);
  });

  it("answers each file with its content type and the hash files in sha256sum's format", async () => {
    const expectType = async (url: string, type: string) => {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"], url).toBe(type);
      return response;
    };
    for (const url of [
      "/.well-known/csaf/provider-metadata.json",
      "/.well-known/csaf/feed-tlp-white.json",
      "/.well-known/csaf/service.json",
      "/.well-known/csaf/category-tlp-white.json",
    ]) {
      await expectType(url, "application/json; charset=utf-8");
    }
    const index = await expectType(
      "/.well-known/csaf/white/index.txt",
      "text/plain; charset=utf-8",
    );
    await expectType("/.well-known/csaf/white/changes.csv", "text/csv; charset=utf-8");
    // The advisory's own document (a translation, when there is one, has its own file).
    const first = index.body
      .split("\n")
      .find((line) => line.endsWith(`/${csafFileName(advisoryId)}`));
    const file = `/.well-known/csaf/white/${first}`;
    const document = await expectType(file, "application/json; charset=utf-8");
    expect(JSON.parse(document.body).document.tracking.id).toBe(advisoryId);
    const name = first?.split("/")[1];
    for (const algorithm of ["sha256", "sha512"] as const) {
      const hash = await expectType(`${file}.${algorithm}`, "text/plain; charset=utf-8");
      const digest = createHash(algorithm).update(document.rawPayload).digest("hex");
      expect(hash.body).toBe(`${digest}  ${name}\n`);
    }
    const signature = await expectType(`${file}.asc`, "application/pgp-signature");
    const metadata = (await get("/.well-known/csaf/provider-metadata.json")).json();
    const key = await expectType(path(metadata.public_openpgp_keys[0].url), "application/pgp-keys");
    const verified = await verify({
      message: await createMessage({ binary: document.rawPayload }),
      signature: await readSignature({ armoredSignature: signature.body }),
      verificationKeys: await readKey({ armoredKey: key.body }),
      date: bed.runtime.clock.now(),
    });
    await expect(verified.signatures[0]?.verified).resolves.toBe(true);
  });

  it("lets downloaders re-check a file by its ETag (304 when unchanged) and read it from any origin", async () => {
    for (const url of [
      "/.well-known/csaf/provider-metadata.json",
      "/.well-known/csaf/white/changes.csv",
      "/.well-known/security.txt",
    ]) {
      const first = await get(url);
      expect(first.headers["access-control-allow-origin"], url).toBe("*");
      const etag = String(first.headers.etag ?? "");
      expect(etag, url).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const again = await get(url, { "if-none-match": etag });
      expect(again.statusCode, url).toBe(304);
      expect(again.body, url).toBe("");
      expect((await get(url, { "if-none-match": '"another"' })).statusCode, url).toBe(200);
    }
  });

  it("answers 404 problem+json for a file it does not have, and never redirects", async () => {
    const year = bed.runtime.clock.now().toISOString().slice(0, 4);
    for (const url of [
      `/.well-known/csaf/white/${year}/kkh_00000000.json`,
      `/.well-known/csaf/white/${year}/kkh_00000000.json.sha256`,
      `/.well-known/csaf/white/${year}/kkh_00000000.json.md5`,
      `/.well-known/csaf/white/${year}/index.txt`,
      "/.well-known/csaf/white/1999/kkh_00000000.json",
      "/.well-known/csaf/white/20x6/kkh_00000000.json",
      "/.well-known/csaf/white/1999",
      "/.well-known/csaf/openpgp/0123456789ABCDEF0123456789ABCDEF01234567.asc",
      "/.well-known/csaf/openpgp/not-a-key",
      "/.well-known/csaf/feed-tlp-red.json",
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"], url).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe("not_found");
    }
    // The folders answer with or without their trailing slash, with no redirect either way.
    for (const url of [
      "/.well-known/csaf",
      "/.well-known/csaf/",
      "/.well-known/csaf/white",
      "/.well-known/csaf/white/",
      `/.well-known/csaf/white/${year}`,
      `/.well-known/csaf/white/${year}/`,
    ]) {
      expect((await get(url, { accept: "text/html" })).statusCode, url).toBe(200);
    }
  });

  it.each([
    ["ja", ja],
    ["en", en],
  ] as const)("lists the provider's folders in %s, each file a link", async (language, catalog) => {
    const headers = { accept: "text/html", "accept-language": language };
    const root = await get("/.well-known/csaf", headers);
    expect(root.headers["content-language"]).toBe(language);
    expect(root.body).toContain(catalog["csafProvider.file.metadata"]);
    for (const href of [
      "/.well-known/csaf/provider-metadata.json",
      "/.well-known/csaf/feed-tlp-white.json",
      "/.well-known/csaf/service.json",
      "/.well-known/csaf/category-tlp-white.json",
      "/.well-known/csaf/white/",
    ]) {
      expect(root.body).toContain(`href="${href}"`);
    }
    const index = (await get("/.well-known/csaf/white/index.txt")).body.split("\n").filter(Boolean);
    const white = await get("/.well-known/csaf/white", headers);
    expect(white.body).toContain(catalog["csafProvider.file.changes"]);
    expect(white.body).toContain('href="/.well-known/csaf/white/index.txt"');
    expect(white.body).toContain('href="/.well-known/csaf/white/changes.csv"');
    for (const year of new Set(index.map((line) => line.slice(0, 4)))) {
      expect(white.body).toContain(`href="/.well-known/csaf/white/${year}/"`);
      const folder = await get(`/.well-known/csaf/white/${year}`, headers);
      expect(folder.body).toContain(catalog["csafProvider.file.signature"]);
      for (const line of index.filter((l) => l.startsWith(`${year}/`))) {
        for (const suffix of ["", ".sha256", ".sha512", ".asc"]) {
          expect(folder.body).toContain(`href="/.well-known/csaf/white/${line}${suffix}"`);
        }
      }
    }
  });

  it("lists its routes in the OpenAPI document under the csaf tag", async () => {
    const openapi = (await get("/api/openapi.json")).json();
    for (const route of [
      "/.well-known/security.txt",
      "/.well-known/csaf/provider-metadata.json",
      "/.well-known/csaf/feed-tlp-white.json",
      "/.well-known/csaf/service.json",
      "/.well-known/csaf/category-tlp-white.json",
      "/.well-known/csaf/white/index.txt",
      "/.well-known/csaf/white/changes.csv",
      "/.well-known/csaf/white/{year}/{file}",
      "/.well-known/csaf/openpgp/{file}",
    ]) {
      expect(openapi.paths[route]?.get?.tags, route).toEqual(["csaf"]);
    }
  });

  it("gives advisories published before the provider existed their files when the application starts, and leaves files alone at the next start", async () => {
    const earlier = await publishOne("Published before the provider existed");
    const db = bed.runtime.database.db;
    // As a database migrated from before 0016 has it: the advisory, no files.
    await db.deleteFrom("csaf_documents").where("advisory_id", "=", earlier).execute();
    const before = await get("/.well-known/csaf/white/index.txt");
    expect(before.body).not.toContain(earlier.toLowerCase().replace("#", "_"));

    bed.runtime.clock.advance(60_000);
    const restarted = await buildApp(bed.runtime);
    await restarted.ready();
    const rows = () =>
      db
        .selectFrom("csaf_documents")
        .select(["path", "advisory_id", "stored_at", "signature"])
        .orderBy("path")
        .execute();
    const filled = await rows();
    expect(filled.map((row) => row.advisory_id)).toContain(earlier);
    expect(filled.map((row) => row.advisory_id)).toContain(advisoryId);
    const index = await restarted.inject({
      method: "GET",
      url: "/.well-known/csaf/white/index.txt",
    });
    expect(index.body).toContain(earlier.toLowerCase().replace("#", "_"));
    await restarted.close();

    bed.runtime.clock.advance(60_000);
    const again = await buildApp(bed.runtime);
    await again.ready();
    expect(await rows()).toEqual(filled);
    await again.close();
  });
});
