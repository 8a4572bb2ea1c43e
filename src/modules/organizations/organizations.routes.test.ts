import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { generateKey, readKey } from "openpgp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  createTestUser,
  deliveredMail,
  type TestUser,
  type UserKind,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { requireInCi } from "../../../test/support/suites.ts";
import { buildApp } from "../../app.ts";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

function gpgAvailable(): boolean {
  try {
    execFileSync("gpg", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Runs gpg on its own home directory; returns stdout. */
function gpg(home: string, args: string[]): string {
  return execFileSync(
    "gpg",
    ["--batch", "--homedir", home, "--passphrase", "", "--pinentry-mode", "loopback", ...args],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
}

/** The primary key's fingerprint as `gpg --with-colons --fingerprint` prints it. */
function gpgFingerprint(home: string): string {
  const lines = gpg(home, ["--with-colons", "--fingerprint"]).split("\n");
  const primary = lines.findIndex((line) => line.startsWith("pub:"));
  const fpr = lines.slice(primary).find((line) => line.startsWith("fpr:"));
  const fingerprint = fpr?.split(":")[9];
  if (!fingerprint) throw new Error("gpg printed no fingerprint");
  return fingerprint;
}

describe.each(testDatabaseTargets())("the organizations API on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let users: Record<UserKind, TestUser>;
  let vendorA: string;
  let vendorB: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    users = cast.users;
    vendorA = cast.organizations.vendorA;
    vendorB = cast.organizations.vendorB;
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  /** A request as the user (its API token), or anonymous with null. */
  function api(
    user: TestUser | null,
    method: Method,
    url: string,
    payload?: Record<string, unknown>,
  ): Promise<LightMyRequestResponse> {
    return app.inject({
      method,
      url,
      ...(user ? { headers: user.bearer, remoteAddress: user.ip } : {}),
      ...(payload ? { payload } : {}),
    });
  }

  function expectStatus(response: LightMyRequestResponse, status: number) {
    expect(response.statusCode, response.body).toBe(status);
    if (status >= 400) expect(response.headers["content-type"]).toMatch(/problem\+json/);
  }

  let counter = 0;
  function newOrganization(type: string, extra: Record<string, unknown> = {}) {
    counter += 1;
    return {
      type,
      name: `Organization ${counter} (${type})`,
      contactEmail: `contact-${counter}@org.example`,
      ...extra,
    };
  }

  describe("creating organizations", () => {
    it("lets coordinator staff create vendors and CSIRTs (201) but not site operators or priority recipients (403)", async () => {
      for (const user of [users.coordinatorMember, users.coordinatorAdmin]) {
        for (const type of ["vendor", "csirt"]) {
          const response = await api(user, "POST", "/api/v1/organizations", newOrganization(type));
          expectStatus(response, 201);
          expect(Object.keys(response.json())).toEqual(["id"]);
          const stored = await api(user, "GET", `/api/v1/organizations/${response.json().id}`);
          expect(stored.json().type).toBe(type);
        }
        for (const type of ["site_operator", "priority_recipient"]) {
          expectStatus(
            await api(user, "POST", "/api/v1/organizations", newOrganization(type)),
            403,
          );
        }
      }
    });

    it("lets intake staff create site operators and priority recipients (201) but not vendors or CSIRTs (403)", async () => {
      for (const user of [users.intakeMember, users.intakeAdmin]) {
        for (const type of ["site_operator", "priority_recipient"]) {
          const response = await api(
            user,
            "POST",
            "/api/v1/organizations",
            newOrganization(type, type === "priority_recipient" ? { sector: "electricity" } : {}),
          );
          expectStatus(response, 201);
          const stored = await api(user, "GET", `/api/v1/organizations/${response.json().id}`);
          expect(stored.json()).toMatchObject({ type });
        }
        for (const type of ["vendor", "csirt"]) {
          expectStatus(
            await api(user, "POST", "/api/v1/organizations", newOrganization(type)),
            403,
          );
        }
      }
    });

    it("refuses everyone else: 403 when signed in, 401 without credentials", async () => {
      const others: UserKind[] = [
        "finder",
        "analyst",
        "vendorAAdmin",
        "vendorAMember",
        "siteOperator",
        "csirt",
        "priorityRecipient",
      ];
      for (const kind of others) {
        for (const type of ["vendor", "csirt", "site_operator", "priority_recipient"]) {
          const response = await api(users[kind], "POST", "/api/v1/organizations", {
            ...newOrganization(type),
          });
          expect(response.statusCode, `${kind} creating ${type}`).toBe(403);
        }
      }
      expectStatus(
        await api(null, "POST", "/api/v1/organizations", newOrganization("vendor")),
        401,
      );
    });

    it("refuses a PGP key that is not an armored public key with 422 on pgpPublicKey", async () => {
      const { privateKey } = await generateKey({
        type: "ecc",
        curve: "curve25519Legacy",
        userIDs: [{ name: "PSIRT", email: "psirt@vendor.example" }],
        date: new Date(runtime.clock.now().getTime() - 60_000),
        format: "armored",
      });
      for (const pgpPublicKey of [
        "not a key",
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----",
        privateKey,
      ]) {
        const response = await api(
          users.coordinatorMember,
          "POST",
          "/api/v1/organizations",
          newOrganization("vendor", { pgpPublicKey }),
        );
        expectStatus(response, 422);
        expect(response.json().errors.map((error: { path: string }) => error.path)).toEqual([
          "pgpPublicKey",
        ]);
      }
    });

    it("stores the upper-case fingerprint of a real OpenPGP key", async () => {
      const { publicKey } = await generateKey({
        type: "ecc",
        curve: "curve25519Legacy",
        userIDs: [{ name: "PSIRT", email: "psirt@vendor.example" }],
        date: new Date(runtime.clock.now().getTime() - 60_000),
        format: "armored",
      });
      const expected = (await readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase();
      expect(expected).toMatch(/^[0-9A-F]{40}$/);
      const created = await api(
        users.coordinatorMember,
        "POST",
        "/api/v1/organizations",
        newOrganization("vendor", { pgpPublicKey: publicKey }),
      );
      expectStatus(created, 201);
      const stored = await api(
        users.coordinatorMember,
        "GET",
        `/api/v1/organizations/${created.json().id}`,
      );
      expect(stored.json().pgpFingerprint).toBe(expected);
      const storedKey = await readKey({ armoredKey: stored.json().pgpPublicKey });
      expect(storedKey.isPrivate()).toBe(false);
      expect(storedKey.getFingerprint().toUpperCase()).toBe(expected);
    });

    const hasGpg = requireInCi("GnuPG interoperability", gpgAvailable(), "gpg is not installed");
    if (hasGpg) {
      it("accepts a key exported by GnuPG and stores the fingerprint GnuPG prints", async () => {
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-gpg-"));
        try {
          gpg(home, [
            "--quick-generate-key",
            "PSIRT <psirt@example.jp>",
            "ed25519",
            "default",
            "never",
          ]);
          const fingerprint = gpgFingerprint(home);
          expect(fingerprint).toMatch(/^[0-9A-F]{40}$/);
          // The key was made by the real clock: the application's clock must not be before it.
          runtime.clock.set(new Date(Math.max(Date.now(), runtime.clock.now().getTime()) + 1000));

          // An ed25519 primary key alone can sign but not encrypt: mail could not be sealed to it.
          const signOnly = await api(
            users.coordinatorMember,
            "POST",
            "/api/v1/organizations",
            newOrganization("vendor", {
              pgpPublicKey: gpg(home, ["--armor", "--export", fingerprint]),
            }),
          );
          expectStatus(signOnly, 422);
          expect(signOnly.json().errors[0].path).toBe("pgpPublicKey");

          gpg(home, ["--quick-add-key", fingerprint, "cv25519", "encr", "never"]);
          runtime.clock.set(new Date(Math.max(Date.now(), runtime.clock.now().getTime()) + 1000));
          const armored = gpg(home, ["--armor", "--export", fingerprint]);
          expect(armored).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
          const created = await api(
            users.coordinatorMember,
            "POST",
            "/api/v1/organizations",
            newOrganization("vendor", { pgpPublicKey: armored }),
          );
          expectStatus(created, 201);
          const stored = await api(
            users.coordinatorMember,
            "GET",
            `/api/v1/organizations/${created.json().id}`,
          );
          expect(stored.json().pgpFingerprint).toBe(fingerprint);
          // And GnuPG reads back the key the application stored.
          const imported = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-gpg-"));
          try {
            const file = path.join(imported, "stored.asc");
            fs.writeFileSync(file, stored.json().pgpPublicKey);
            gpg(imported, ["--import", file]);
            expect(gpgFingerprint(imported)).toBe(fingerprint);
          } finally {
            fs.rmSync(imported, { recursive: true, force: true });
          }
        } finally {
          fs.rmSync(home, { recursive: true, force: true });
        }
      });
    }
  });

  describe("reading the directory", () => {
    it("lists organizations to staff, filtered by type and by a search text", async () => {
      for (const user of [users.intakeMember, users.analyst, users.coordinatorAdmin]) {
        const vendors = await api(user, "GET", "/api/v1/organizations?type=vendor&limit=200");
        expectStatus(vendors, 200);
        const items = vendors.json().items as { id: string; type: string }[];
        expect(items.every((item) => item.type === "vendor")).toBe(true);
        expect(items.map((item) => item.id)).toEqual(expect.arrayContaining([vendorA, vendorB]));
        expect(items.map((item) => item.id)).not.toContain(cast.organizations.csirt);
      }
      const byKeyword = await api(users.coordinatorMember, "GET", "/api/v1/organizations?q=ROUTER");
      expect(byKeyword.json().items.map((item: { id: string }) => item.id)).toEqual([vendorA]);
      const byProduct = await api(users.coordinatorMember, "GET", "/api/v1/organizations?q=b7");
      expect(byProduct.json().items.map((item: { id: string }) => item.id)).toEqual([vendorB]);
      const byDomain = await api(
        users.intakeMember,
        "GET",
        "/api/v1/organizations?q=shop.example&type=site_operator",
      );
      expect(byDomain.json().items.map((item: { id: string }) => item.id)).toEqual([
        cast.organizations.siteOperator,
      ]);
      // LIKE wildcards in the search text are matched literally.
      const everything = (
        await api(users.coordinatorMember, "GET", "/api/v1/organizations?limit=200")
      ).json().items as Record<string, unknown>[];
      for (const q of ["%", "_", "\\"]) {
        const wildcard = await api(
          users.coordinatorMember,
          "GET",
          `/api/v1/organizations?q=${encodeURIComponent(q)}`,
        );
        expectStatus(wildcard, 200);
        const literal = everything.filter((item) =>
          [item.name, item.products, item.keywords, item.domains].some((value) =>
            JSON.stringify(value).includes(q),
          ),
        );
        expect(literal.length, `q=${q}`).toBeLessThan(everything.length);
        expect(wildcard.json().items, `q=${q}`).toEqual(literal);
      }
    });

    it("refuses the list to anyone but staff: 403 signed in, 401 anonymous", async () => {
      for (const kind of ["finder", "vendorAAdmin", "csirt", "siteOperator"] as const) {
        expectStatus(await api(users[kind], "GET", "/api/v1/organizations"), 403);
      }
      expectStatus(await api(null, "GET", "/api/v1/organizations"), 401);
    });

    it("pages through the directory with limit and nextCursor", async () => {
      const user = users.coordinatorMember;
      const all = (await api(user, "GET", "/api/v1/organizations?limit=200")).json();
      expect(all.nextCursor).toBeNull();
      expect(all.items.length).toBeGreaterThan(5);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const response = await api(user, "GET", `/api/v1/organizations?limit=2${query}`);
        expectStatus(response, 200);
        const body = response.json() as { items: { id: string }[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((item) => item.id));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 100);
      expect(seen).toEqual(all.items.map((item: { id: string }) => item.id));
      expect(pages).toBe(Math.ceil(all.items.length / 2));
      const first = (await api(user, "GET", "/api/v1/organizations")).json();
      expect(first.items).toHaveLength(Math.min(50, all.items.length));

      expectStatus(await api(user, "GET", "/api/v1/organizations?cursor=garbage"), 422);
      expectStatus(await api(user, "GET", "/api/v1/organizations?limit=0"), 422);
      expectStatus(await api(user, "GET", "/api/v1/organizations?limit=201"), 422);
    });

    it("shows a vendor its own organization and answers 404 for another vendor, as for one that does not exist", async () => {
      const own = await api(users.vendorAMember, "GET", `/api/v1/organizations/${vendorA}`);
      expectStatus(own, 200);
      expect(own.json()).toMatchObject({
        id: vendorA,
        type: "vendor",
        name: "Vendor A Corporation",
      });
      const other = await api(users.vendorAMember, "GET", `/api/v1/organizations/${vendorB}`);
      expectStatus(other, 404);
      const missing = await api(users.vendorAMember, "GET", "/api/v1/organizations/no-such-id");
      expectStatus(missing, 404);
      expect(other.json()).toEqual(missing.json());
      expectStatus(await api(users.vendorBMember, "GET", `/api/v1/organizations/${vendorA}`), 404);
      expectStatus(await api(users.finder, "GET", `/api/v1/organizations/${vendorA}`), 404);
      expectStatus(await api(users.csirt, "GET", `/api/v1/organizations/${vendorA}`), 404);
      expectStatus(await api(null, "GET", `/api/v1/organizations/${vendorA}`), 401);
      expectStatus(await api(users.intakeMember, "GET", `/api/v1/organizations/${vendorA}`), 200);
    });
  });

  describe("changing organizations", () => {
    it("lets the vendor's admin change its contact e-mails, PGP key, products and keywords (200) but not its name (403)", async () => {
      const admin = users.vendorAAdmin;
      const url = `/api/v1/organizations/${vendorA}`;
      const contactEmails = await api(admin, "PATCH", url, {
        contactEmails: ["psirt@vendor-a.example", "Security@Vendor-A.example"],
      });
      expectStatus(contactEmails, 200);
      expect(contactEmails.json()).toMatchObject({
        contactEmail: "psirt@vendor-a.example",
        contactEmails: ["psirt@vendor-a.example", "security@vendor-a.example"],
      });

      const { publicKey } = await generateKey({
        type: "ecc",
        curve: "curve25519Legacy",
        userIDs: [{ name: "Vendor A PSIRT", email: "psirt@vendor-a.example" }],
        date: new Date(runtime.clock.now().getTime() - 60_000),
        format: "armored",
      });
      const key = await api(admin, "PATCH", url, { pgpPublicKey: publicKey });
      expectStatus(key, 200);
      expect(key.json().pgpFingerprint).toBe(
        (await readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase(),
      );
      const badKey = await api(admin, "PATCH", url, { pgpPublicKey: "garbage" });
      expectStatus(badKey, 422);

      const products = await api(admin, "PATCH", url, {
        products: [
          { name: "Router A100" },
          { name: "Router A200", cpe: "cpe:2.3:h:vendor_a:router_a200:-:*:*:*:*:*:*:*" },
        ],
      });
      expectStatus(products, 200);
      expect(products.json().products).toHaveLength(2);
      const keywords = await api(admin, "PATCH", url, { keywords: ["router", "firmware"] });
      expectStatus(keywords, 200);
      expect(keywords.json().keywords).toEqual(["router", "firmware"]);

      const rename = await api(admin, "PATCH", url, { name: "Vendor A Renamed" });
      expectStatus(rename, 403);
      // Domains route web reports to an operator (R-WEB-1): only staff set them.
      expectStatus(await api(admin, "PATCH", url, { domains: ["bank.example"] }), 403);
      const mixed = await api(admin, "PATCH", url, { keywords: ["sneaky"], name: "Sneaky" });
      expectStatus(mixed, 403);
      const after = (await api(admin, "GET", url)).json();
      expect(after.name).toBe("Vendor A Corporation");
      expect(after.keywords).toEqual(["router", "firmware"]);
    });

    it("refuses changes by a vendor member (403), by staff who do not keep vendors (403), and by other vendors (404)", async () => {
      const url = `/api/v1/organizations/${vendorA}`;
      expectStatus(await api(users.vendorAMember, "PATCH", url, { keywords: ["x"] }), 403);
      expectStatus(await api(users.intakeMember, "PATCH", url, { keywords: ["x"] }), 403);
      expectStatus(await api(users.analyst, "PATCH", url, { keywords: ["x"] }), 403);
      expectStatus(await api(users.vendorBMember, "PATCH", url, { keywords: ["x"] }), 404);
      expectStatus(await api(users.finder, "PATCH", url, { keywords: ["x"] }), 404);
      expectStatus(await api(null, "PATCH", url, { keywords: ["x"] }), 401);
      const renamed = await api(users.coordinatorMember, "PATCH", url, {
        name: "Vendor A Corporation",
        domains: ["vendor-a.example", "vendor-a.co.jp"],
      });
      expectStatus(renamed, 200);
      expect((await api(users.vendorAMember, "GET", url)).json().keywords).toEqual([
        "router",
        "firmware",
      ]);
    });

    it("keeps every change and shows the history to the coordinator", async () => {
      const url = `/api/v1/organizations/${vendorA}/changes`;
      const before = (await api(users.coordinatorMember, "GET", url)).json().items.length;
      await api(users.vendorAAdmin, "PATCH", `/api/v1/organizations/${vendorA}`, {
        keywords: ["router", "firmware", "vpn"],
      });
      const history = await api(users.coordinatorMember, "GET", url);
      expectStatus(history, 200);
      const items = history.json().items as {
        changedBy: { id: string };
        changes: Record<string, { from: unknown; to: unknown }>;
      }[];
      expect(items).toHaveLength(before + 1);
      const latest = items.find((item) =>
        JSON.stringify(item.changes.keywords?.to ?? []).includes("vpn"),
      );
      expect(latest).toMatchObject({
        changedBy: { id: users.vendorAAdmin.userId, name: users.vendorAAdmin.name },
        changes: {
          keywords: { from: ["router", "firmware"], to: ["router", "firmware", "vpn"] },
        },
      });
      const changed = new Set(items.flatMap((item) => Object.keys(item.changes)));
      for (const field of ["contactEmails", "pgpFingerprint", "products", "keywords", "domains"])
        expect(changed, field).toContain(field);
      expect(
        items.some(
          (item) => item.changedBy.id === users.coordinatorMember.userId && item.changes.domains,
        ),
      ).toBe(true);
      // Refused changes left no trace.
      expect(items.some((item) => item.changes.name)).toBe(false);

      expectStatus(await api(users.coordinatorAdmin, "GET", url), 200);
      expectStatus(await api(users.vendorAAdmin, "GET", url), 200);
      expectStatus(await api(users.vendorAMember, "GET", url), 403);
      expectStatus(await api(users.vendorBMember, "GET", url), 404);
      expectStatus(await api(users.finder, "GET", url), 404);
    });

    it("records a vendor's NDA for the coordinator (200 with the NDA) and refuses the intake desk and vendors (403)", async () => {
      const url = `/api/v1/organizations/${vendorB}/nda`;
      const body = { signedAt: "2026-11-20T10:00:00+09:00", version: "NDA-2026-1" };
      expectStatus(await api(users.intakeMember, "POST", url, body), 403);
      expectStatus(await api(users.intakeAdmin, "POST", url, body), 403);
      expectStatus(await api(users.vendorBMember, "POST", url, body), 403);
      expectStatus(await api(users.finder, "POST", url, body), 403);
      expectStatus(await api(null, "POST", url, body), 401);
      expect(
        (await api(users.coordinatorMember, "GET", `/api/v1/organizations/${vendorB}`)).json().nda,
      ).toBeNull();

      const recorded = await api(users.coordinatorMember, "POST", url, body);
      expectStatus(recorded, 200);
      expect(recorded.json().nda).toEqual({
        signedAt: "2026-11-20T01:00:00.000Z",
        version: "NDA-2026-1",
        recordedAt: runtime.clock.now().toISOString(),
        recordedBy: users.coordinatorMember.userId,
      });
      const changes = (
        await api(users.coordinatorAdmin, "GET", `/api/v1/organizations/${vendorB}/changes`)
      ).json();
      const ndaChange = changes.items.find(
        (item: { changes: Record<string, unknown> }) => item.changes.nda,
      );
      expect(ndaChange.changedBy.id).toBe(users.coordinatorMember.userId);
      expect(ndaChange.changes.nda).toEqual({
        from: null,
        to: { signedAt: "2026-11-20T01:00:00.000Z", version: "NDA-2026-1" },
      });

      const notVendor = await api(
        users.coordinatorMember,
        "POST",
        `/api/v1/organizations/${cast.organizations.csirt}/nda`,
        body,
      );
      expectStatus(notVendor, 422);
      expectStatus(
        await api(users.coordinatorMember, "POST", "/api/v1/organizations/no-such-id/nda", body),
        404,
      );
    });
  });

  describe("members", () => {
    it("lists members to staff and to the organization's own members only", async () => {
      const url = `/api/v1/organizations/${vendorA}/members`;
      for (const user of [users.coordinatorMember, users.intakeMember, users.vendorAMember]) {
        const response = await api(user, "GET", url);
        expectStatus(response, 200);
        const members = response.json().items as { userId: string; role: string; status: string }[];
        expect(members).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              userId: users.vendorAAdmin.userId,
              role: "admin",
              status: "active",
            }),
            expect.objectContaining({ userId: users.vendorAMember.userId, role: "member" }),
          ]),
        );
        expect(members.map((member) => member.userId)).not.toContain(users.vendorBMember.userId);
      }
      for (const kind of ["vendorBMember", "finder", "csirt"] as const)
        expectStatus(await api(users[kind], "GET", url), 404);
      expectStatus(await api(null, "GET", url), 401);
    });

    it("lets the organization's admins and the staff who keep its type invite members (201); members and other staff get 403", async () => {
      const invite = (
        user: TestUser | null,
        organization: string,
        email: string,
        role = "member",
      ) =>
        api(user, "POST", `/api/v1/organizations/${organization}/members`, {
          email,
          name: "Invitee",
          role,
        });
      const byAdmin = await invite(users.vendorAAdmin, vendorA, "by-admin@vendor-a.example");
      expectStatus(byAdmin, 201);
      expect(byAdmin.json()).toEqual({ userId: expect.any(String) });
      expectStatus(
        await invite(users.coordinatorMember, vendorA, "by-coordinator@vendor-a.example", "admin"),
        201,
      );
      expectStatus(await invite(users.vendorAMember, vendorA, "by-member@vendor-a.example"), 403);
      expectStatus(await invite(users.intakeMember, vendorA, "by-intake@vendor-a.example"), 403);
      expectStatus(await invite(users.vendorBMember, vendorA, "by-b@vendor-a.example"), 404);
      expectStatus(await invite(null, vendorA, "anonymous@vendor-a.example"), 401);
      expectStatus(
        await invite(
          users.intakeMember,
          cast.organizations.siteOperator,
          "web@site-operator.example",
        ),
        201,
      );
      expectStatus(
        await invite(
          users.coordinatorMember,
          cast.organizations.siteOperator,
          "web2@site-operator.example",
        ),
        403,
      );

      const members = (
        await api(users.vendorAAdmin, "GET", `/api/v1/organizations/${vendorA}/members`)
      ).json().items as { email: string; status: string; role: string }[];
      expect(members).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            email: "by-admin@vendor-a.example",
            status: "invited",
            role: "member",
          }),
          expect.objectContaining({ email: "by-coordinator@vendor-a.example", role: "admin" }),
        ]),
      );
      expect(members.map((member) => member.email)).not.toContain("by-member@vendor-a.example");
      const mails = await deliveredMail(runtime, "by-admin@vendor-a.example");
      expect(mails).toHaveLength(1);

      // A person belongs to one organization; the refusal does not say which case applies.
      const otherMember = await invite(users.vendorAAdmin, vendorA, users.vendorBMember.email);
      expectStatus(otherMember, 409);
      expect(otherMember.json().code).toBe("cannot_invite");
      // An existing account (a finder's) is never put into an organization without consent.
      const finderInvited = await invite(users.vendorAAdmin, vendorA, users.finder.email);
      expectStatus(finderInvited, 409);
      expect(finderInvited.json()).toEqual(otherMember.json());
      const finderMe = await api(users.finder, "GET", "/api/v1/me");
      expect(finderMe.json().organization).toBeNull();
    });

    it("gives the analyst role only at the intake desk (422 elsewhere)", async () => {
      const analyst = await api(
        users.intakeAdmin,
        "POST",
        `/api/v1/organizations/${cast.organizations.intake}/members`,
        { email: "new-analyst@intake.example", name: "New Analyst", role: "analyst" },
      );
      expectStatus(analyst, 201);
      for (const [user, organization] of [
        [users.vendorAAdmin, vendorA],
        [users.coordinatorAdmin, cast.organizations.coordinator],
        [users.coordinatorMember, cast.organizations.csirt],
        [users.intakeMember, cast.organizations.priorityRecipient],
      ] as const) {
        const response = await api(user, "POST", `/api/v1/organizations/${organization}/members`, {
          email: `analyst-${organization}@org.example`,
          name: "Not An Analyst",
          role: "analyst",
        });
        expectStatus(response, 422);
        expect(response.json().errors.map((error: { path: string }) => error.path)).toEqual([
          "role",
        ]);
      }
    });

    it("lets admins and the keeping staff remove members (204): the person loses the organization's rights", async () => {
      const leaving = await createTestUser(runtime, {
        email: "leaving@vendor-a.example",
        organizationId: vendorA,
        role: "member",
      });
      const leaving2 = await createTestUser(runtime, {
        email: "leaving-2@vendor-a.example",
        organizationId: vendorA,
        role: "member",
      });
      expectStatus(await api(leaving, "GET", `/api/v1/organizations/${vendorA}`), 200);
      const url = (userId: string) => `/api/v1/organizations/${vendorA}/members/${userId}`;

      expectStatus(await api(users.vendorAMember, "DELETE", url(leaving.userId)), 403);
      expectStatus(await api(users.intakeMember, "DELETE", url(leaving.userId)), 403);
      expectStatus(await api(users.vendorBMember, "DELETE", url(leaving.userId)), 404);
      expectStatus(await api(null, "DELETE", url(leaving.userId)), 401);
      expectStatus(await api(users.vendorAAdmin, "DELETE", url(users.vendorAAdmin.userId)), 409);
      expectStatus(await api(users.vendorAAdmin, "DELETE", url(users.vendorBMember.userId)), 404);

      expectStatus(await api(users.vendorAAdmin, "DELETE", url(leaving.userId)), 204);
      expectStatus(await api(users.coordinatorMember, "DELETE", url(leaving2.userId)), 204);
      expectStatus(await api(users.vendorAAdmin, "DELETE", url(leaving.userId)), 404);

      const members = (
        await api(users.vendorAAdmin, "GET", `/api/v1/organizations/${vendorA}/members`)
      )
        .json()
        .items.map((member: { userId: string }) => member.userId);
      expect(members).not.toContain(leaving.userId);
      expect(members).not.toContain(leaving2.userId);
      const me = await api(leaving, "GET", "/api/v1/me");
      expect(me.json()).toMatchObject({ organization: null, role: null });
      expectStatus(await api(leaving, "GET", `/api/v1/organizations/${vendorA}`), 404);
      const history = (
        await api(users.coordinatorMember, "GET", `/api/v1/organizations/${vendorA}/changes`)
      ).json().items as { changedBy: { id: string }; changes: Record<string, unknown> }[];
      const removals = history
        .filter((item) => (item.changes.members as { to: unknown } | undefined)?.to === null)
        .map((item) => ({ by: item.changedBy.id, members: item.changes.members }));
      expect(removals).toEqual(
        expect.arrayContaining([
          {
            by: users.vendorAAdmin.userId,
            members: { from: { removed: "leaving@vendor-a.example", role: "member" }, to: null },
          },
          {
            by: users.coordinatorMember.userId,
            members: { from: { removed: "leaving-2@vendor-a.example", role: "member" }, to: null },
          },
        ]),
      );
      expect(removals).toHaveLength(2);
    });
  });
});
