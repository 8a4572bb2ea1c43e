import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  type Cast,
  createCast,
  createTestUser,
  signIn,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import {
  EXE_BYTES,
  type MultipartFile,
  multipartBody,
  PNG_1X1,
} from "../../../test/support/multipart.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { en } from "../../platform/i18n/en.ts";
import { ja } from "../../platform/i18n/ja.ts";
import { MAX_ATTACHMENT_BYTES } from "./attachments.service.ts";

const HTML = { accept: "text/html" };

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ");
}

const fill = (message: string, params: Record<string, string | number>) =>
  message.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));

describe.each(testDatabaseTargets())("the attachment pages on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let finderJa: TestUser;
  let finder: BrowserSession;
  let intakeMember: BrowserSession;
  let intakeAdmin: BrowserSession;

  const get = (session: BrowserSession, url: string) =>
    session.inject({ method: "GET", url, headers: HTML });
  /** The upload form as a browser posts it: multipart, the CSRF token as its first field. */
  const postFiles = (
    session: BrowserSession,
    reportId: string,
    files: MultipartFile[],
    fields: Record<string, string> = { class: "attack_method" },
    csrf = true,
  ) => {
    const body = multipartBody({ ...(csrf ? { _csrf: session.csrfToken } : {}), ...fields }, files);
    return session.inject({
      method: "POST",
      url: `/reports/${reportId}/attachments`,
      csrf: false,
      headers: { ...HTML, "content-type": body.contentType },
      payload: body.payload,
    });
  };
  const fileReport = async (user: TestUser) =>
    (
      await runtime.services.reports.submit(await cast.actorOf(user), {
        kind: "web",
        title: "Shop search XSS",
        siteUrl: "https://shop.example/search",
        description: "Reflected XSS.",
        reproduction: "Search for <script>.",
        consent: { identityToOperator: false, directContact: false },
      })
    ).id;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    finderJa = await createTestUser(runtime, {
      email: "tenpu@example.jp",
      name: "添付 花子",
      language: "ja",
    });
    finder = await signIn(app, runtime, finderJa);
    intakeMember = await signIn(app, runtime, cast.users.intakeMember);
    intakeAdmin = await signIn(app, runtime, cast.users.intakeAdmin);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  let reportId = "";

  it("offers the upload form on the receipt, after the report is sent, with the limits in Japanese", async () => {
    const form = {
      kind: "web",
      title: "検索ページの XSS",
      siteUrl: "https://shop.example.jp/search",
      description: "検索語がそのまま出力されます。",
      reproduction: "検索語に <script> を入れる",
      identityToOperator: "",
      directContact: "",
    };
    // The confirmation carries no file input: the files come after sending.
    const confirm = await finder.inject({
      method: "POST",
      url: "/reports/new/confirm",
      headers: { ...HTML, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(form).toString(),
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).not.toContain('type="file"');

    const sent = await finder.inject({
      method: "POST",
      url: "/reports/new/send",
      headers: { ...HTML, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(form).toString(),
    });
    expect(sent.statusCode).toBe(200);
    reportId =
      /href="\/reports\/([^"]+)"/.exec(sent.body.split("receipt-number")[1] ?? "")?.[1] ?? "";
    expect(reportId).toMatch(/^[\w-]+$/);
    const body = text(sent.body);
    expect(body).toContain(ja["attachments.receipt.heading"]);
    expect(body).toContain(fill(ja["attachments.upload.filesHint"], { max: 10, size: 20 }));
    const upload = /<form[^>]*action="\/reports\/[^"]+\/attachments"[\s\S]*?<\/form>/.exec(
      sent.body,
    )?.[0];
    expect(upload).toBeDefined();
    expect(upload).toContain('enctype="multipart/form-data"');
    expect(upload).toMatch(/<input type="file"[^>]* name="file"[^>]* multiple/);
    // The CSRF token is the first field, so it precedes the files in the body.
    expect(upload?.indexOf('name="_csrf"')).toBeLessThan(upload?.indexOf('type="file"') ?? 0);
    expect(upload).toContain('value="attack_method"');
    expect(upload).toContain('value="verification_method"');
  });

  it("attaches files from the page and lists them with class, size, type, time zone and a download link", async () => {
    const response = await postFiles(finder, reportId, [
      { name: "画面写し.png", content: PNG_1X1, contentType: "image/png" },
      { name: "access.log", content: "GET /search?q=<script> 200\n", contentType: "image/png" },
    ]);
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/reports/${reportId}?attached=1`);

    const page = await get(finder, `/reports/${reportId}?attached=1`);
    const body = text(page.body);
    expect(body).toContain(ja["attachments.notice.attached"]);
    expect(body).toContain(ja["attachments.heading"]);
    expect(body).toContain("画面写し.png");
    expect(body).toContain(ja["attachments.class.attack_method"]);
    expect(body).toContain(fill(ja["attachments.size.bytes"], { n: PNG_1X1.length }));
    expect(body).toContain("image/png");
    expect(body).toContain("text/plain");
    const table = page.body.split('id="report-attachments-table"')[1] ?? "";
    expect(table).toMatch(/<time datetime="[^"]+">[^<]*(JST|GMT\+9)/);
    const [item] = (
      await runtime.services.attachments.list(await cast.actorOf(finderJa), reportId)
    ).filter((entry) => entry.name === "画面写し.png");
    expect(page.body).toContain(`href="/api/v1/reports/${reportId}/attachments/${item?.id}"`);
    // The finder may add more while the report is open: 8 more.
    expect(body).toContain(fill(ja["attachments.upload.remaining"], { count: 8 }));

    // The link answers the browser session with the bytes, as a download.
    const download = await finder.inject({
      method: "GET",
      url: `/api/v1/reports/${reportId}/attachments/${item?.id}`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(download.rawPayload.equals(PNG_1X1)).toBe(true);
  });

  it("shows a refused file beside the form, named, with the class kept", async () => {
    const response = await postFiles(
      finder,
      reportId,
      [{ name: "setup.png", content: EXE_BYTES, contentType: "image/png" }],
      { class: "verification_method" },
    );
    expect(response.statusCode).toBe(422);
    const body = text(response.body);
    expect(body).toContain(ja["reports.error.summary"]);
    expect(body).toContain(fill(ja["attachments.error.type"], { name: "setup.png" }));
    expect(response.body).toMatch(/<option value="verification_method" selected/);

    const missing = await postFiles(finder, reportId, [{ name: "a.txt", content: "a" }], {});
    expect(missing.statusCode).toBe(422);
    expect(text(missing.body)).toContain(ja["attachments.error.class"]);

    const large = await postFiles(finder, reportId, [
      { name: "dump.txt", content: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x61) },
    ]);
    expect(large.statusCode).toBe(413);
    expect(text(large.body)).toContain(
      fill(ja["attachments.error.tooLarge"], { name: "dump.txt", size: 20 }),
    );
  });

  it("refuses a multipart form without its CSRF token", async () => {
    const response = await postFiles(
      finder,
      reportId,
      [{ name: "a.txt", content: "a" }],
      { class: "attack_method" },
      false,
    );
    expect(response.statusCode).toBe(403);
    const list = await runtime.services.attachments.list(await cast.actorOf(finderJa), reportId);
    expect(list.map((entry) => entry.name)).not.toContain("a.txt");
  });

  it("shows the desk the list, the download links only to those who may read the report, and no upload form", async () => {
    const member = await get(intakeMember, `/reports/${reportId}`);
    expect(member.statusCode).toBe(200);
    expect(text(member.body)).toContain("画面写し.png");
    expect(text(member.body)).toContain(en["attachments.notReadable"]);
    expect(member.body).not.toContain(`/api/v1/reports/${reportId}/attachments/`);
    expect(member.body).not.toContain('type="file"');

    const admin = await get(intakeAdmin, `/reports/${reportId}`);
    expect(admin.body).toContain(`/api/v1/reports/${reportId}/attachments/`);
    expect(text(admin.body)).toContain(en["attachments.class.attack_method"]);
    expect(admin.body).not.toContain('type="file"');
  });

  it("takes the form away once the report is rejected, and refuses a late post with 409", async () => {
    const rejected = await fileReport(finderJa);
    await runtime.services.reports.reject(await cast.actorOf(cast.users.intakeAdmin), rejected, {
      reason: "Out of our scope.",
    });
    const page = await get(finder, `/reports/${rejected}`);
    expect(text(page.body)).toContain(ja["attachments.empty"]);
    expect(page.body).not.toContain('type="file"');
    const late = await postFiles(finder, rejected, [{ name: "late.txt", content: "late" }]);
    expect(late.statusCode).toBe(409);
    expect(text(late.body)).toContain(ja["attachments.error.closed"]);
  });

  it("gives another finder a 404 for the upload", async () => {
    const other = await signIn(app, runtime, cast.users.otherFinder);
    const response = await postFiles(other, reportId, [{ name: "x.txt", content: "x" }]);
    expect(response.statusCode).toBe(404);
  });
});
