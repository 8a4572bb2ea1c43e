import type { FastifyInstance } from "fastify";
import { createMessage, encrypt, generateKey, readKey } from "openpgp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  type Cast,
  createCast,
  createTestUser,
  signIn,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { en } from "../../platform/i18n/en.ts";
import { ja } from "../../platform/i18n/ja.ts";
import { groupFingerprint } from "./desk-key.service.ts";

const HTML = { accept: "text/html" };

/** The page's text as a reader gets it: tags dropped, entities decoded. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

const SECRET = "The admin console keeps a stored XSS: kk-page-marker-91c2";

describe.each(testDatabaseTargets())("the desk key pages on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let finder: BrowserSession;
  let intakeAdmin: BrowserSession;
  let deskKey: { fingerprint: string; publicKey: string };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    const finderJa = await createTestUser(runtime, {
      email: "pgp-page@example.jp",
      name: "頁 太郎",
      language: "ja",
    });
    finder = await signIn(app, runtime, finderJa);
    intakeAdmin = await signIn(app, runtime, cast.users.intakeAdmin);
    deskKey = (await app.inject({ method: "GET", url: "/api/v1/desk-key" })).json();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  const post = (session: BrowserSession, url: string, fields: Record<string, string>) =>
    session.inject({
      method: "POST",
      url,
      headers: { ...HTML, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(fields).toString(),
    });

  /** A product report as the form sends it, details in the encrypted message only. */
  const form = (encryptedMessage: string): Record<string, string> => ({
    kind: "product",
    title: "暗号化した届出",
    productName: "Router A100",
    productVersion: "1.0",
    vendorName: "",
    description: "",
    reproduction: "",
    verificationMethod: "",
    attackMethod: "",
    cvssVector: "",
    cwe: "",
    howFound: "",
    disclosurePlans: "",
    identityToCoordinator: "1",
    encryptedMessage,
  });

  const encryptTo = async (armoredKey: string, body: string) =>
    encrypt({
      message: await createMessage({ text: body }),
      encryptionKeys: await readKey({ armoredKey }),
      date: runtime.clock.now(),
    });

  it.each([
    ["ja", ja],
    ["en", en],
  ] as const)(
    "shows the key's page in %s: purpose, grouped fingerprint, the gpg commands and the armored key",
    async (language, catalog) => {
      const page = await app.inject({
        method: "GET",
        url: "/desk-key",
        headers: { ...HTML, "accept-language": language },
      });
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-language"]).toBe(language);
      const body = text(page.body);
      for (const key of [
        "deskKey.heading",
        "deskKey.lead",
        "deskKey.fingerprintHint",
        "deskKey.howTo.heading",
        "deskKey.howTo.paste",
        "deskKey.publicKey",
      ] as const) {
        expect(body).toContain(catalog[key]);
      }
      expect(body).toContain(groupFingerprint(deskKey.fingerprint));
      expect(body).toContain(`gpg --encrypt --armor -r ${deskKey.fingerprint} report.txt`);
      expect(body).toContain("http://127.0.0.1:3000/desk-key.asc");
      expect(page.body).toContain('href="/desk-key.asc"');
      const armored = /<pre class="pgp-block" id="desk-key-armored">([\s\S]*?)<\/pre>/.exec(
        page.body,
      )?.[1];
      expect(armored).toBe(deskKey.publicKey);
    },
  );

  it("links the key's page from the footer of every page, and from the report form", async () => {
    for (const language of ["ja", "en"] as const) {
      const home = await app.inject({
        method: "GET",
        url: "/",
        headers: { ...HTML, "accept-language": language },
      });
      expect(home.body).toContain(
        `<a href="/desk-key">${language === "ja" ? ja["deskKey.footerLink"] : en["deskKey.footerLink"]}</a>`,
      );
    }
    const reportForm = await finder.inject({
      method: "GET",
      url: "/reports/new?kind=web",
      headers: HTML,
    });
    expect(reportForm.statusCode).toBe(200);
    const body = text(reportForm.body);
    expect(body).toContain(ja["deskKey.form.section"]);
    expect(body).toContain(ja["deskKey.form.lead"]);
    expect(body).toContain(ja["deskKey.form.hint"]);
    expect(reportForm.body).toContain(`<a href="/desk-key">${ja["deskKey.form.keyLink"]}</a>`);
    expect(reportForm.body).toMatch(/<textarea[^>]*name="encryptedMessage"/);
  });

  it("files a report from the form with only an encrypted message: the confirmation says it is attached, and both the finder and the desk read the decrypted text", async () => {
    const message = await encryptTo(deskKey.publicKey, SECRET);
    const confirm = await post(finder, "/reports/new/confirm", form(message));
    expect(confirm.statusCode, text(confirm.body)).toBe(200);
    expect(text(confirm.body)).toContain(
      ja["deskKey.confirm.attached"].replace("{size}", String(message.trim().length)),
    );
    expect(confirm.body).not.toContain("kk-page-marker-91c2");
    expect(confirm.body).toContain('type="hidden" name="encryptedMessage"');

    const sent = await post(finder, "/reports/new/send", form(message));
    expect(sent.statusCode, text(sent.body)).toBe(200);
    const id = /href="\/reports\/([^"]+)"/.exec(
      sent.body.slice(sent.body.indexOf('id="receipt-number"')),
    )?.[1];
    expect(id).toBeTruthy();

    const own = await finder.inject({ method: "GET", url: `/reports/${id}`, headers: HTML });
    expect(own.statusCode).toBe(200);
    expect(text(own.body)).toContain(ja["deskKey.detail.label"]);
    expect(text(own.body)).toContain(SECRET);

    const desk = await intakeAdmin.inject({ method: "GET", url: `/reports/${id}`, headers: HTML });
    expect(text(desk.body)).toContain(en["deskKey.detail.label"]);
    expect(text(desk.body)).toContain(SECRET);
    expect(text(desk.body)).toContain(
      en["deskKey.detail.decryptedWith"].replace(
        "{fingerprint}",
        groupFingerprint(deskKey.fingerprint),
      ),
    );
  });

  it("refuses a message to another key beside its field, in the finder's language, at the confirmation and at sending", async () => {
    const other = await generateKey({
      userIDs: [{ name: "Someone else", email: "else@example.org" }],
      date: runtime.clock.now(),
    });
    const message = await encryptTo(other.publicKey, SECRET);
    for (const step of ["/reports/new/confirm", "/reports/new/send"]) {
      const response = await post(finder, step, form(message));
      expect(response.statusCode).toBe(422);
      const body = text(response.body);
      expect(body).toContain(ja["reports.error.summary"]);
      expect(body).toContain(ja["deskKey.error.wrongKey"]);
      expect(response.body).toContain('href="#field-encryptedMessage"');
      // The values are kept for another try.
      expect(response.body).toContain("-----BEGIN PGP MESSAGE-----");
    }
  });

  it("still asks for the description and the steps when no encrypted message is given", async () => {
    const response = await post(finder, "/reports/new/confirm", form(""));
    expect(response.statusCode).toBe(422);
    const body = text(response.body);
    for (const field of ["reports.field.description", "reports.field.reproduction"] as const) {
      expect(body).toContain(ja["reports.error.required"].replace("{field}", ja[field]));
    }
  });
});
