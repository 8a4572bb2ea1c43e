import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { generateKey } from "openpgp";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import {
  createTestApp,
  createTestRuntime,
  type TestRuntime,
} from "../../../test/support/runtime.ts";
import { en } from "../../platform/i18n/en.ts";
import { ja } from "../../platform/i18n/ja.ts";
import { type Actor, SYSTEM_ACTOR } from "../access/actor.ts";

const PASSWORD = "Kakehashi-page-test-9f3Lq2";
const ORIGIN = { ip: "127.0.0.1", userAgent: "vitest" };

/** A signed-in browser as inject() sees it: session cookie, CSRF cookie, HTML pages. */
interface Visitor {
  actor: Actor;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form as the page at `from` hands it out (with that page's CSRF token). */
  post(url: string, fields: Record<string, string>, from?: string): Promise<LightMyRequestResponse>;
}

/** The value of the text input or textarea with this id, as rendered (HTML-unescaped). */
function fieldValue(html: string, id: string): string | null {
  const decodeEntities = (text: string) =>
    text
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replaceAll("&quot;", '"')
      .replaceAll("&#39;", "'")
      .replaceAll("&amp;", "&");
  const textarea = new RegExp(`<textarea[^>]*id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  if (textarea) return decodeEntities(textarea[1] ?? "");
  // Attribute values have "<" escaped (not ">"), so a tag ends before the next "<".
  const input = new RegExp(`<input[^<]*id="${id}"[^<]*`).exec(html);
  if (!input) return null;
  return decodeEntities(/ value="([^"]*)"/.exec(input[0])?.[1] ?? "");
}

/** The rows of the table with this id, each as its cells' text. */
function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (!table) return [];
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      (cell[1] ?? "")
        .replace(/<[^>]+>/g, "")
        .replaceAll("&amp;", "&")
        .trim(),
    ),
  );
}

describe.each(testDatabaseTargets())("directory and audit pages on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let coordinatorOrganizationId: string;
  let intakeOrganizationId: string;
  let acme: { id: string };
  let blueSky: { id: string };
  let nordic: { id: string };
  let coordinatorJa: Visitor;
  let coordinatorEn: Visitor;
  let intakeAdmin: Visitor;
  let intakeMember: Visitor;
  let acmeAdmin: Visitor;
  let acmeMember: Visitor;
  let finder: Visitor;

  function visitor(sessionToken: string, actor: Actor): Visitor {
    const cookies = new Map<string, string>([["kk_session", sessionToken]]);
    const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const absorb = (response: LightMyRequestResponse) => {
      for (const cookie of response.cookies) cookies.set(cookie.name, cookie.value);
      return response;
    };
    const get = async (url: string) =>
      absorb(
        await app.inject({
          method: "GET",
          url,
          headers: { accept: "text/html", cookie: cookieHeader() },
        }),
      );
    return {
      actor,
      get,
      async post(url, fields, from) {
        const page = await get(from ?? url.replace(/\/(edit|nda|members(\/[^/]+\/remove)?)$/, ""));
        const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
        if (!token) throw new Error(`no CSRF token on ${from ?? url}`);
        return absorb(
          await app.inject({
            method: "POST",
            url,
            headers: {
              accept: "text/html",
              cookie: cookieHeader(),
              "content-type": "application/x-www-form-urlencoded",
            },
            payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
          }),
        );
      },
    };
  }

  /** Creates the user, signs in and, for organization members, enrols TOTP (completing the session). */
  async function signedIn(input: {
    email: string;
    name: string;
    language: "ja" | "en";
    organizationId?: string;
    role?: "admin" | "member" | "analyst";
  }): Promise<Visitor> {
    const { accounts } = runtime.services;
    await accounts.createUser(SYSTEM_ACTOR, { ...input, password: PASSWORD });
    const { sessionToken, secondFactor } = await accounts.signIn(ORIGIN, {
      email: input.email,
      password: PASSWORD,
    });
    if (secondFactor === "enrolment_required") {
      const pending = await accounts.authenticate({ sessionToken }, ORIGIN);
      const { secret } = await accounts.startTotpEnrolment(pending);
      const epoch = Math.floor(runtime.clock.now().getTime() / 1000);
      await accounts.confirmTotpEnrolment(pending, await generate({ secret, epoch }));
    }
    return visitor(sessionToken, await accounts.authenticate({ sessionToken }, ORIGIN));
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await createTestApp(runtime);
    ({ intakeOrganizationId, coordinatorOrganizationId } =
      await runtime.services.organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
        intake: "情報処理推進機構（テスト）",
        coordinator: "調整センター（テスト）",
      }));
    coordinatorJa = await signedIn({
      email: "coordinator@example.jp",
      name: "調整 花子",
      language: "ja",
      organizationId: coordinatorOrganizationId,
      role: "member",
    });
    coordinatorEn = await signedIn({
      email: "coordinator-en@example.jp",
      name: "Casey Coordinator",
      language: "en",
      organizationId: coordinatorOrganizationId,
      role: "member",
    });
    intakeAdmin = await signedIn({
      email: "intake-admin@example.jp",
      name: "受付 管理者",
      language: "ja",
      organizationId: intakeOrganizationId,
      role: "admin",
    });
    intakeMember = await signedIn({
      email: "intake-member@example.jp",
      name: "受付 担当",
      language: "ja",
      organizationId: intakeOrganizationId,
      role: "member",
    });
    const organizations = runtime.services.organizations;
    acme = await organizations.create(coordinatorJa.actor, {
      type: "vendor",
      name: "Acme Router Works",
      contactEmail: "psirt@acme.example",
      products: [{ name: "Acme Router", cpe: "cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*" }],
      keywords: ["ics_scada", "routing"],
    });
    blueSky = await organizations.create(coordinatorJa.actor, {
      type: "vendor",
      name: "Blue Sky Software",
      contactEmail: "security@bluesky.example",
      products: [{ name: "Sky Mail" }],
    });
    nordic = await organizations.create(coordinatorJa.actor, {
      type: "csirt",
      name: "Nordic CSIRT",
      contactEmail: "cert@nordic.example",
    });
    acmeAdmin = await signedIn({
      email: "admin@acme.example",
      name: "Acme Admin",
      language: "en",
      organizationId: acme.id,
      role: "admin",
    });
    acmeMember = await signedIn({
      email: "member@acme.example",
      name: "Acme Member",
      language: "en",
      organizationId: acme.id,
      role: "member",
    });
    finder = await signedIn({ email: "finder@example.jp", name: "発見 太郎", language: "ja" });
  });

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it("lists the directory for coordinator staff in Japanese, and filters it by search term and type", async () => {
    const all = await coordinatorJa.get("/directory");
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('<html lang="ja"');
    expect(all.body).toContain(ja["directory.heading"]);
    const rows = tableRows(all.body, "directory-table");
    expect(rows.map((row) => row[0])).toEqual([
      "Acme Router Works",
      "Blue Sky Software",
      "Nordic CSIRT",
      "情報処理推進機構（テスト）",
      "調整センター（テスト）",
    ]);
    expect(rows[0]).toEqual([
      "Acme Router Works",
      ja["directory.type.vendor"],
      "psirt@acme.example",
      expect.stringContaining("Acme Router"),
      ja["directory.nda.notRecorded"],
      ja["directory.pgp.no"],
    ]);
    expect(rows[2]?.[4]).toBe(ja["directory.notApplicable"]);
    // Coordinator staff may add vendors and CSIRTs, not site operators.
    expect(all.body).toContain('href="/directory/new?type=vendor"');
    expect(all.body).toContain('href="/directory/new?type=csirt"');
    expect(all.body).not.toContain("/directory/new?type=site_operator");

    const byTerm = await coordinatorJa.get("/directory?q=ROUTER");
    expect(tableRows(byTerm.body, "directory-table").map((row) => row[0])).toEqual([
      "Acme Router Works",
    ]);
    expect(fieldValue(byTerm.body, "field-q")).toBe("ROUTER");

    const byType = await coordinatorJa.get("/directory?type=csirt");
    expect(tableRows(byType.body, "directory-table").map((row) => row[0])).toEqual([
      "Nordic CSIRT",
    ]);
    expect(byType.body).toMatch(/<option value="csirt" selected/);

    const none = await coordinatorJa.get("/directory?q=nothing-like-this");
    expect(none.body).toContain(ja["directory.results.empty"]);
  });

  it("takes an underscore in the search term literally", async () => {
    const exact = await coordinatorJa.get("/directory?q=ics_scada");
    expect(tableRows(exact.body, "directory-table").map((row) => row[0])).toEqual([
      "Acme Router Works",
    ]);
    const wildcard = await coordinatorJa.get("/directory?q=icsXscada");
    expect(tableRows(wildcard.body, "directory-table")).toEqual([]);
  });

  it("lists the directory in English for a coordinator whose account is in English", async () => {
    const response = await coordinatorEn.get("/directory?type=vendor");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain(en["directory.heading"]);
    expect(response.body).toContain(en["directory.add.vendor"]);
    const rows = tableRows(response.body, "directory-table");
    expect(rows.map((row) => [row[0], row[1]])).toEqual([
      ["Acme Router Works", en["directory.type.vendor"]],
      ["Blue Sky Software", en["directory.type.vendor"]],
    ]);
  });

  it("refuses a vendor member the directory (403) and another vendor's page (404) without naming it", async () => {
    const directory = await acmeMember.get("/directory");
    expect(directory.statusCode).toBe(403);
    expect(directory.headers["content-type"]).toMatch(/^text\/html/);
    expect(directory.body).not.toContain("Blue Sky Software");
    expect(directory.body).not.toContain("Nordic CSIRT");

    const other = await acmeMember.get(`/directory/${blueSky.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).toContain(en["error.notFound.title"]);
    expect(other.body).not.toContain("Blue Sky Software");
    expect(other.body).not.toContain("bluesky.example");

    // Its own organization it may see, without the edit, NDA or invitation forms.
    const own = await acmeMember.get(`/directory/${acme.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain("<h1>Acme Router Works</h1>");
    expect(own.body).not.toContain(`action="/directory/${acme.id}/edit"`);
    expect(own.body).not.toContain(`action="/directory/${acme.id}/nda"`);
    expect(own.body).not.toContain(`action="/directory/${acme.id}/members"`);
    // A crafted NDA post is refused.
    const nda = await acmeMember.post(
      `/directory/${acme.id}/nda`,
      { signedAt: "2026-11-20", version: "forged" },
      `/directory/${acme.id}`,
    );
    expect(nda.statusCode).toBe(403);
  });

  it("sends a member to their own organization's page and answers 404 to a user without one", async () => {
    const own = await acmeMember.get("/organization");
    expect(own.statusCode).toBe(303);
    expect(own.headers.location).toBe(`/directory/${acme.id}`);
    const none = await finder.get("/organization");
    expect(none.statusCode).toBe(404);
  });

  it("creates a vendor through the form and shows its details with the PGP fingerprint in groups of four", async () => {
    const form = await coordinatorJa.get("/directory/new?type=csirt");
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<option value="csirt" selected/);
    expect(form.body).not.toContain('value="site_operator"');
    // Coordinator staff add no priority recipients: no sector field.
    expect(form.body).not.toContain('id="field-sector"');

    const { publicKey } = await generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ name: "Globex PSIRT", email: "psirt@globex.example" }],
      // Created before the test clock's "now", or the key would not be valid yet.
      date: new Date(runtime.clock.now().getTime() - 60_000),
      format: "armored",
    });
    const created = await coordinatorJa.post(
      "/directory/new",
      {
        type: "vendor",
        name: "Globex Devices",
        contactEmails: "PSIRT@globex.example\nsecurity@globex.example\n",
        pgpPublicKey: publicKey,
        products: "Globex Camera | cpe:2.3:h:globex:camera:-:*:*:*:*:*:*:*\nGlobex NVR",
        keywords: "camera, rtsp\nonvif",
        domains: "",
      },
      "/directory/new",
    );
    expect(created.statusCode).toBe(303);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/directory\/[^/?]+\?created=1$/);

    const page = await coordinatorJa.get(location);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h1>Globex Devices</h1>");
    expect(page.body).toContain(ja["directory.notice.created"]);
    const id = location.slice("/directory/".length, location.indexOf("?"));
    const view = await runtime.services.organizations.get(coordinatorJa.actor, id);
    expect(view.contactEmails).toEqual(["psirt@globex.example", "security@globex.example"]);
    expect(view.products).toEqual([
      { name: "Globex Camera", cpe: "cpe:2.3:h:globex:camera:-:*:*:*:*:*:*:*" },
      { name: "Globex NVR" },
    ]);
    expect(view.keywords).toEqual(["camera", "rtsp", "onvif"]);
    const fingerprint = view.pgpFingerprint as string;
    expect(fingerprint).toMatch(/^[0-9A-F]{40,64}$/);
    const grouped = fingerprint.match(/.{4}/g)?.join(" ") as string;
    expect(page.body).toContain(grouped);
    expect(page.body).toContain("cpe:2.3:h:globex:camera:-:*:*:*:*:*:*:*");
  });

  it("re-renders the form with the error and the other values kept when the PGP key is invalid", async () => {
    const values = {
      type: "vendor",
      name: "Initech <Software> & Co",
      contactEmails: "psirt@initech.example\nsoc@initech.example",
      pgpPublicKey: "-----BEGIN PGP PUBLIC KEY BLOCK-----\nnot a key\n",
      products: "TPS Reporter | cpe:2.3:a:initech:tps_reporter:2.0:*:*:*:*:*:*:*",
      keywords: "reports, printers",
      domains: "",
    };
    const response = await coordinatorJa.post("/directory/new", values, "/directory/new");
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain(ja["directory.error.summary"]);
    expect(response.body).toContain(ja["directory.error.pgpPublicKey"]);
    expect(response.body).toContain('href="#field-pgpPublicKey"');
    expect(response.body).toMatch(/<textarea[^>]*id="field-pgpPublicKey"[^>]*aria-invalid="true"/);
    expect(fieldValue(response.body, "field-name")).toBe(values.name);
    expect(fieldValue(response.body, "field-contactEmails")).toBe(values.contactEmails);
    expect(fieldValue(response.body, "field-pgpPublicKey")).toBe(values.pgpPublicKey);
    expect(fieldValue(response.body, "field-products")).toBe(values.products);
    expect(fieldValue(response.body, "field-keywords")).toBe(values.keywords);
    expect(response.body).toMatch(/<option value="vendor" selected/);

    const bad = await coordinatorJa.post(
      "/directory/new",
      { ...values, pgpPublicKey: "", contactEmails: "ok@initech.example\nnot-an-address" },
      "/directory/new",
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain(ja["directory.error.contactEmailsLine"].replace("{line}", "2"));

    const list = await coordinatorJa.get("/directory?q=initech");
    expect(tableRows(list.body, "directory-table")).toEqual([]);
  });

  it("lets intake staff add a priority recipient with its sector, and refuses a sector for a site operator", async () => {
    const list = await intakeAdmin.get("/directory");
    expect(list.body).toContain('href="/directory/new?type=site_operator"');
    expect(list.body).toContain('href="/directory/new?type=priority_recipient"');
    expect(list.body).not.toContain('href="/directory/new?type=vendor"');

    const form = await intakeAdmin.get("/directory/new?type=priority_recipient");
    expect(form.body).toContain('id="field-sector"');
    expect(form.body).toContain(`>${ja["directory.sector.telecom"]}</option>`);

    const refused = await intakeAdmin.post(
      "/directory/new",
      {
        type: "site_operator",
        name: "Example Shop",
        contactEmails: "webmaster@shop.example",
        domains: "shop.example",
        sector: "finance",
      },
      "/directory/new",
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(ja["directory.error.sector"]);
    expect(fieldValue(refused.body, "field-domains")).toBe("shop.example");

    const created = await intakeAdmin.post(
      "/directory/new",
      {
        type: "priority_recipient",
        name: "Telecom ISAC (test)",
        contactEmails: "info@isac.example",
        sector: "telecom",
      },
      "/directory/new",
    );
    expect(created.statusCode).toBe(303);
    const page = await intakeAdmin.get(created.headers.location as string);
    expect(page.body).toContain(`<dd>${ja["directory.sector.telecom"]}</dd>`);
    // Intake staff keep priority recipients: the edit form offers the sector.
    expect(page.body).toMatch(/<option value="telecom" selected/);
    // The coordinator does not keep them: no edit form.
    const seenByCoordinator = await coordinatorJa.get(created.headers.location as string);
    expect(seenByCoordinator.statusCode).toBe(200);
    expect(seenByCoordinator.body).not.toContain('/edit"');
  });

  it("refuses types the visitor may not create", async () => {
    const vendorPage = await acmeAdmin.get("/directory/new");
    expect(vendorPage.statusCode).toBe(403);
    const forged = await coordinatorJa.post(
      "/directory/new",
      { type: "site_operator", name: "Forged Operator", contactEmails: "ops@forged.example" },
      "/directory/new",
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.body).not.toContain("Forged Operator");
  });

  it("shows a vendor admin only the fields they may change, and the coordinator sees their change in the history", async () => {
    const page = await acmeAdmin.get(`/directory/${acme.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/directory/${acme.id}/edit"`);
    for (const id of ["contactEmails", "pgpPublicKey", "products", "keywords"]) {
      expect(page.body).toContain(`id="field-${id}"`);
    }
    expect(page.body).not.toContain('id="field-name"');
    expect(page.body).not.toContain('id="field-domains"');
    expect(page.body).not.toContain('id="field-sector"');
    expect(page.body).toContain(en["directory.edit.ownAdminNote"]);
    expect(page.body).not.toContain(`action="/directory/${acme.id}/nda"`);

    const saved = await acmeAdmin.post(`/directory/${acme.id}/edit`, {
      // A field the admin may not change is not taken from the form.
      name: "Renamed By Admin",
      contactEmails: "psirt@acme.example\nsoc@acme.example",
      pgpPublicKey: "",
      products: "Acme Router | cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*\nAcme Switch",
      keywords: "ics_scada, routing",
      // Not the admin's to set either (R-WEB-1 routes web reports by domain).
      domains: "acme.example",
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/directory/${acme.id}?saved=1`);
    const after = await acmeAdmin.get(saved.headers.location as string);
    expect(after.body).toContain(en["directory.notice.saved"]);
    expect(after.body).toContain("<h1>Acme Router Works</h1>");

    const seen = await coordinatorJa.get(`/directory/${acme.id}`);
    const history = tableRows(seen.body, "history-table");
    const byAdmin = history.filter((row) => row[1] === "Acme Admin");
    expect(byAdmin.map((row) => row[2]).sort()).toEqual(
      [ja["directory.field.contactEmails"], ja["directory.field.products"]].sort(),
    );
    const emails = byAdmin.find((row) => row[2] === ja["directory.field.contactEmails"]);
    expect(emails?.[3]).toBe("psirt@acme.example");
    expect(emails?.[4]).toBe("psirt@acme.example, soc@acme.example");

    const invalid = await acmeAdmin.post(`/directory/${acme.id}/edit`, {
      contactEmails: "",
      products: "Acme Router",
      keywords: "",
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain(en["directory.error.contactEmails"]);
  });

  it("records an NDA through the form and shows it", async () => {
    const before = await coordinatorJa.get(`/directory/${blueSky.id}`);
    expect(before.body).toContain(ja["directory.nda.none"]);
    expect(before.body).toContain(`action="/directory/${blueSky.id}/nda"`);

    const wrong = await coordinatorJa.post(`/directory/${blueSky.id}/nda`, {
      signedAt: "2026-02-30",
      version: "v2.1",
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain(ja["directory.error.signedAt"]);
    expect(fieldValue(wrong.body, "field-version")).toBe("v2.1");

    const recorded = await coordinatorJa.post(`/directory/${blueSky.id}/nda`, {
      signedAt: "2026-11-20",
      version: "v2.1",
    });
    expect(recorded.statusCode).toBe(303);
    expect(recorded.headers.location).toBe(`/directory/${blueSky.id}?nda=1`);
    const page = await coordinatorJa.get(recorded.headers.location as string);
    expect(page.body).toContain(ja["directory.notice.nda"]);
    // The date is a day in Japan: midnight JST.
    expect(page.body).toContain('datetime="2026-11-19T15:00:00.000Z"');
    expect(page.body).toContain("v2.1");
    expect(page.body).toContain("調整 花子");
    const history = tableRows(page.body, "history-table");
    expect(history.some((row) => row[2] === ja["directory.nda.heading"])).toBe(true);

    const list = await coordinatorJa.get("/directory?q=blue");
    expect(tableRows(list.body, "directory-table")[0]?.[4]).toContain("v2.1");
  });

  it("queues an invitation mail when a member is invited, and removes a member", async () => {
    const page = await coordinatorJa.get(`/directory/${blueSky.id}`);
    expect(page.body).toContain('<option value="admin"');
    expect(page.body).not.toContain('<option value="analyst"');

    const wrongRole = await coordinatorJa.post(`/directory/${blueSky.id}/members`, {
      memberEmail: "new@bluesky.example",
      memberName: "New Person",
      memberRole: "analyst",
    });
    expect(wrongRole.statusCode).toBe(422);
    expect(wrongRole.body).toContain(ja["directory.error.memberRole"]);
    expect(fieldValue(wrongRole.body, "field-memberEmail")).toBe("new@bluesky.example");

    const invited = await coordinatorJa.post(`/directory/${blueSky.id}/members`, {
      memberEmail: "New@BlueSky.example",
      memberName: "New Person",
      memberRole: "admin",
      memberLanguage: "en",
    });
    expect(invited.statusCode).toBe(303);
    expect(invited.headers.location).toBe(`/directory/${blueSky.id}?invited=1`);
    const mails = await runtime.database.db
      .selectFrom("mail_outbox")
      .select(["template", "language"])
      .where("recipient", "=", "new@bluesky.example")
      .execute();
    expect(mails).toEqual([{ template: "invitation", language: "en" }]);

    const after = await coordinatorJa.get(invited.headers.location as string);
    expect(after.body).toContain(ja["directory.notice.invited"]);
    const members = tableRows(after.body, "members-table");
    expect(members[0]?.slice(0, 5)).toEqual([
      "New Person",
      "new@bluesky.example",
      ja["directory.role.admin"],
      ja["directory.members.invited"],
      ja["directory.members.twoFactorOff"],
    ]);

    const again = await coordinatorJa.post(`/directory/${blueSky.id}/members`, {
      memberEmail: "admin@acme.example",
      memberName: "Acme Admin",
      memberRole: "member",
    });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain(ja["directory.error.cannotInvite"]);

    const userId = /action="\/directory\/[^/]+\/members\/([^/]+)\/remove"/.exec(after.body)?.[1];
    expect(userId).toBeTruthy();
    const removed = await coordinatorJa.post(
      `/directory/${blueSky.id}/members/${userId}/remove`,
      {},
      `/directory/${blueSky.id}`,
    );
    expect(removed.statusCode).toBe(303);
    const gone = await coordinatorJa.get(removed.headers.location as string);
    expect(gone.body).toContain(ja["directory.notice.removed"]);
    expect(tableRows(gone.body, "members-table")).toEqual([]);
    expect(
      tableRows(gone.body, "history-table").some((row) => row[3]?.includes("new@bluesky.example")),
    ).toBe(true);
  });

  it("lists audit entries with filters for an intake admin and refuses an intake member", async () => {
    const refused = await intakeMember.get("/admin/audit");
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('id="audit-table"');

    const all = await intakeAdmin.get("/admin/audit");
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain(ja["audit.heading"]);
    const rows = tableRows(all.body, "audit-table");
    expect(rows.length).toBeGreaterThan(10);
    const seqs = rows.map((row) => Number(row[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    // Times carry their zone.
    expect(rows[0]?.[1]).toMatch(/JST/);

    // An underscore in the type prefix is literal (the NDA recorded above).
    const ndas = await intakeAdmin.get("/admin/audit?type=organization.nda_recorded");
    const ndaRows = tableRows(ndas.body, "audit-table");
    expect(ndaRows.map((row) => [row[2], row[4], row[6]])).toEqual([
      // The type's label, then the type itself (issue 13: audit types shown translated).
      [
        `${ja["auditType.organization.nda_recorded"]}organization.nda_recorded`,
        "調整 花子",
        `${ja["audit.subjectType.organization"]} ${blueSky.id}`,
      ],
    ]);
    expect(fieldValue(ndas.body, "field-type")).toBe("organization.nda_recorded");

    const byActor = await intakeAdmin.get(
      `/admin/audit?type=organization.&actorUserId=${encodeURIComponent(
        (acmeAdmin.actor as { userId: string }).userId,
      )}`,
    );
    expect(tableRows(byActor.body, "audit-table").map((row) => row[2])).toEqual([
      `${ja["auditType.organization.updated"]}organization.updated`,
    ]);

    const bySubject = await intakeAdmin.get(
      `/admin/audit?subjectType=organization&subjectId=${nordic.id}`,
    );
    expect(tableRows(bySubject.body, "audit-table").map((row) => row[2])).toEqual([
      `${ja["auditType.organization.created"]}organization.created`,
    ]);

    const denied = await intakeAdmin.get("/admin/audit?outcome=denied");
    expect(
      tableRows(denied.body, "audit-table").every((row) => row[3] === ja["audit.outcome.denied"]),
    ).toBe(true);

    // The clock stands at 2026-11-25 09:00 in Japan: the day filters use Japan's days.
    const today = await intakeAdmin.get("/admin/audit?from=2026-11-25&to=2026-11-25");
    expect(tableRows(today.body, "audit-table").length).toBeGreaterThan(0);
    const tomorrow = await intakeAdmin.get("/admin/audit?from=2026-11-26");
    expect(tomorrow.body).toContain(ja["audit.results.empty"]);
    const yesterday = await intakeAdmin.get("/admin/audit?to=2026-11-24");
    expect(yesterday.body).toContain(ja["audit.results.empty"]);

    const invalid = await intakeAdmin.get("/admin/audit?from=2026-13-01&subjectType=user");
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain(ja["audit.error.date"]);
    expect(fieldValue(invalid.body, "field-subjectType")).toBe("user");

    // Each viewing is itself recorded; with more than a page of them, "older" pages on.
    for (let index = 0; index < 50; index += 1) await intakeAdmin.get("/admin/audit?type=x");
    const viewed = await intakeAdmin.get("/admin/audit?type=audit.viewed");
    const VIEWED = `${ja["auditType.audit.viewed"]}audit.viewed`;
    const first = tableRows(viewed.body, "audit-table");
    expect(first).toHaveLength(50);
    expect(first.every((row) => row[2] === VIEWED && row[4] === "受付 管理者")).toBe(true);
    const older = /<a href="(\/admin\/audit\?[^"]*cursor=[^"]+)" rel="next"/.exec(viewed.body)?.[1];
    expect(older).toBeTruthy();
    const next = await intakeAdmin.get((older as string).replaceAll("&amp;", "&"));
    const second = tableRows(next.body, "audit-table");
    expect(second.length).toBeGreaterThan(0);
    expect(second.every((row) => row[2] === VIEWED)).toBe(true);
    expect(Number(second[0]?.[0])).toBeLessThan(Number(first.at(-1)?.[0]));
  });
  it("pages through the directory with the service's cursor, keeping the filters", async () => {
    for (let index = 0; index < 50; index += 1) {
      await runtime.services.organizations.create(coordinatorJa.actor, {
        type: "vendor",
        name: `Zeta Vendor ${String(index).padStart(2, "0")}`,
        contactEmail: `psirt${index}@zeta.example`,
      });
    }
    const first = await coordinatorJa.get("/directory?type=vendor");
    const firstRows = tableRows(first.body, "directory-table");
    expect(firstRows).toHaveLength(50);
    const next = /<a href="(\/directory\?[^"]*)" rel="next"/.exec(first.body)?.[1];
    expect(next).toMatch(/type=vendor/);
    expect(next).toMatch(/cursor=/);
    const second = await coordinatorJa.get((next as string).replaceAll("&amp;", "&"));
    const secondRows = tableRows(second.body, "directory-table");
    // 3 vendors from the tests above (Acme, Blue Sky, Globex), and the 50 added here.
    expect(secondRows.map((row) => row[0])).toEqual([
      "Zeta Vendor 47",
      "Zeta Vendor 48",
      "Zeta Vendor 49",
    ]);
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).toContain(
      `href="/directory?type=vendor">${ja["directory.pagination.first"]}`,
    );
  });

  it("keeps a product's CPE name and package URL typed as name | CPE | package URL, and names the line of a bad one", async () => {
    const unchanged = {
      contactEmails: "psirt@acme.example\nsoc@acme.example",
      pgpPublicKey: "",
      keywords: "ics_scada, routing",
    };
    const products = [
      "Acme Router | cpe:2.3:h:acme:router:-:*:*:*:*:*:*:* | pkg:generic/acme/router-firmware",
      "Acme UI | pkg:npm/%40acme/ui",
      "Acme Switch",
    ].join("\n");
    const saved = await acmeAdmin.post(`/directory/${acme.id}/edit`, { ...unchanged, products });
    expect(saved.statusCode).toBe(303);
    const view = await runtime.services.organizations.get(acmeAdmin.actor, acme.id);
    expect(view.products).toEqual([
      {
        name: "Acme Router",
        cpe: "cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*",
        purl: "pkg:generic/acme/router-firmware",
      },
      { name: "Acme UI", purl: "pkg:npm/%40acme/ui" },
      { name: "Acme Switch" },
    ]);
    const page = await acmeAdmin.get(`/directory/${acme.id}`);
    expect(page.body).toContain("<code>pkg:npm/%40acme/ui</code>");
    // The edit form gives the lines back as they were typed.
    expect(fieldValue(page.body, "field-products")).toBe(products);

    const bad = `Acme Router | cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*\nAcme UI | pkg:not a purl`;
    const refused = await acmeAdmin.post(`/directory/${acme.id}/edit`, {
      ...unchanged,
      products: bad,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(en["directory.error.productsLine"].replace("{line}", "2"));
    expect(fieldValue(refused.body, "field-products")).toBe(bad);
    const kept = await runtime.services.organizations.get(acmeAdmin.actor, acme.id);
    expect(kept.products).toEqual(view.products);
  });
});
