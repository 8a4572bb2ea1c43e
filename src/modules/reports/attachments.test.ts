import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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
import type { UserActor } from "../access/actor.ts";
import { ATTACHMENT_RATE_LIMIT, attachmentDisposition } from "./attachments.routes.ts";
import { cleanFileName, MAX_ATTACHMENT_BYTES } from "./attachments.service.ts";

const SECRET_LOG = "GET /admin/devices?name=<script>steal()</script> 200\n";

describe("attachment names and download headers", () => {
  it("keeps the last path segment of a name without control characters", () => {
    expect(cleanFileName("C:\\Users\\me\\poc.py")).toBe("poc.py");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("a\u0000b\r\nc.txt")).toBe("abc.txt");
    expect(cleanFileName("invoice\u202egpj.exe")).toBe("invoicegpj.exe");
    expect(cleanFileName("  ")).toBe("attachment");
    expect(cleanFileName("..")).toBe("attachment");
    expect([...cleanFileName("長".repeat(300))].length).toBe(200);
  });

  it("writes Content-Disposition as an attachment with an ASCII fallback and the UTF-8 name", () => {
    expect(attachmentDisposition("poc.py")).toBe(
      `attachment; filename="poc.py"; filename*=UTF-8''poc.py`,
    );
    expect(attachmentDisposition('検証手順 "v2".txt')).toBe(
      `attachment; filename="____ _v2_.txt"; filename*=UTF-8''%E6%A4%9C%E8%A8%BC%E6%89%8B%E9%A0%86%20%22v2%22.txt`,
    );
    expect(attachmentDisposition("it's (1)*.log")).toBe(
      `attachment; filename="it's (1)*.log"; filename*=UTF-8''it%27s%20%281%29%2A.log`,
    );
  });
});

describe("attachments in the data model (R-CLS-1)", () => {
  it("are read and written by the attachments service alone, so no public renderer can reach them", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = (directory: string): string[] =>
      fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) return files(full);
        return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
      });
    const readers = files(root)
      // The table named in a query (a string), wherever it is.
      .filter((file) => /["'`]report_attachments["'`]/.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file).replaceAll(path.sep, "/"))
      .sort();
    expect(readers).toEqual([
      "modules/reports/attachments.service.ts",
      "platform/db/migrations/0006_report_attachments.ts",
    ]);
  });
});

describe.each(testDatabaseTargets())("report attachments on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let finder: UserActor;

  /** A fresh product report of the cast's finder (through the service: no rate limit). */
  const fileReport = async () => {
    const { id } = await runtime.services.reports.submit(finder, {
      kind: "product",
      title: "XSS in Router A100 admin console",
      productName: "Router A100",
      productVersion: "1.0.3",
      description: "Stored XSS in the device name field.",
      reproduction: "Add a device named <script> and open the list.",
      consent: {
        identityToCoordinator: false,
        identityToVendor: false,
        directContact: false,
        credit: null,
      },
    });
    return id;
  };

  const upload = (
    user: TestUser | null,
    reportId: string,
    files: MultipartFile[],
    fields: Record<string, string> = { class: "attack_method" },
  ) => {
    const body = multipartBody(fields, files);
    return app.inject({
      method: "POST",
      url: `/api/v1/reports/${reportId}/attachments`,
      headers: { "content-type": body.contentType, ...(user ? user.bearer : {}) },
      ...(user ? { remoteAddress: user.ip } : {}),
      payload: body.payload,
    });
  };
  const get = (user: TestUser | null, url: string) =>
    app.inject({
      method: "GET",
      url,
      ...(user ? { headers: user.bearer, remoteAddress: user.ip } : {}),
    });
  const expectProblem = (response: LightMyRequestResponse, status: number, code?: string) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    if (code) expect(response.json().code).toBe(code);
    return response.json() as { detail: string; errors?: { path: string; message: string }[] };
  };
  const uploaded = async (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(201);
    return response.json().items as {
      id: string;
      name: string;
      size: number;
      type: string;
      class: string;
      uploadedAt: string;
    }[];
  };
  const auditTypes = async (reportId: string) =>
    (
      await runtime.database.db
        .selectFrom("audit_log")
        .select(["type", "details", "actor_user_id"])
        .where("subject_id", "=", reportId)
        .orderBy("seq")
        .execute()
    ).filter((entry) => entry.type.startsWith("report.attachment"));

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    finder = await cast.actorOf(cast.users.finder);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it("accepts a real PNG and a text log, typed by their content, with the class the finder chose", async () => {
    const reportId = await fileReport();
    const items = await uploaded(
      await upload(cast.users.finder, reportId, [
        { name: "screenshot.png", content: PNG_1X1, contentType: "image/png" },
        // The client's claim (image/png) is ignored: the content is text.
        { name: "アクセスログ.txt", content: SECRET_LOG, contentType: "image/png" },
      ]),
    );
    expect(items).toEqual([
      expect.objectContaining({
        name: "screenshot.png",
        size: PNG_1X1.length,
        type: "image/png",
        class: "attack_method",
        uploadedAt: runtime.clock.now().toISOString(),
      }),
      expect.objectContaining({
        name: "アクセスログ.txt",
        size: Buffer.byteLength(SECRET_LOG),
        type: "text/plain",
        class: "attack_method",
      }),
    ]);

    const verification = await uploaded(
      await upload(cast.users.finder, reportId, [{ name: "steps.md", content: "1. open\n" }], {
        class: "verification_method",
      }),
    );
    expect(verification[0]?.class).toBe("verification_method");

    const list = await get(cast.users.finder, `/api/v1/reports/${reportId}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [...items, ...verification], nextCursor: null });
  });

  it("refuses an .exe renamed .png with 422 naming the file, and keeps nothing of that upload", async () => {
    const reportId = await fileReport();
    const refused = await upload(cast.users.finder, reportId, [
      { name: "ok.png", content: PNG_1X1 },
      { name: "holiday.png", content: EXE_BYTES, contentType: "image/png" },
    ]);
    const problem = expectProblem(refused, 422, "unsupported_file_type");
    expect(problem.detail).toContain('"holiday.png"');
    expect(problem.errors?.[0]?.path).toBe("file");
    const list = await get(cast.users.finder, `/api/v1/reports/${reportId}/attachments`);
    expect(list.json().items).toEqual([]);
  });

  it("refuses a file over 20 MB with 413 problem+json, and empty files and a missing class with 422", async () => {
    const reportId = await fileReport();
    const large = await upload(cast.users.finder, reportId, [
      { name: "capture.txt", content: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x61) },
    ]);
    expect(expectProblem(large, 413, "file_too_large").detail).toContain('"capture.txt"');

    // Exactly 20 MB is within the limit.
    const limit = await uploaded(
      await upload(cast.users.finder, reportId, [
        { name: "limit.txt", content: Buffer.alloc(MAX_ATTACHMENT_BYTES, 0x61) },
      ]),
    );
    expect(limit[0]?.size).toBe(MAX_ATTACHMENT_BYTES);

    expectProblem(
      await upload(cast.users.finder, reportId, [{ name: "empty.txt", content: "" }]),
      422,
      "empty_file",
    );
    const noClass = expectProblem(
      await upload(cast.users.finder, reportId, [{ name: "a.txt", content: "a" }], {}),
      422,
      "invalid_input",
    );
    expect(noClass.errors?.[0]?.path).toBe("class");
    expectProblem(
      await upload(cast.users.finder, reportId, [{ name: "a.txt", content: "a" }], {
        class: "vulnerability",
      }),
      422,
      "invalid_input",
    );
    const noFile = expectProblem(
      await upload(cast.users.finder, reportId, []),
      422,
      "invalid_input",
    );
    expect(noFile.errors?.[0]?.path).toBe("file");
  });

  it("holds at most 10 files per report: the 11th is refused with 422 too_many_attachments", async () => {
    const reportId = await fileReport();
    const text = (index: number) => ({ name: `log-${index}.txt`, content: `line ${index}\n` });
    await uploaded(
      await upload(
        cast.users.finder,
        reportId,
        Array.from({ length: 9 }, (_, index) => text(index)),
      ),
    );
    const tooMany = await upload(cast.users.finder, reportId, [text(9), text(10)]);
    expect(expectProblem(tooMany, 422, "too_many_attachments").detail).toContain("10");
    await uploaded(await upload(cast.users.finder, reportId, [text(9)]));
    expectProblem(
      await upload(cast.users.finder, reportId, [text(11)]),
      422,
      "too_many_attachments",
    );

    // Eleven in one request, on a report without any.
    const fresh = await fileReport();
    expectProblem(
      await upload(
        cast.users.finder,
        fresh,
        Array.from({ length: 11 }, (_, index) => text(index)),
      ),
      422,
      "too_many_attachments",
    );
    const list = await get(cast.users.finder, `/api/v1/reports/${fresh}/attachments`);
    expect(list.json().items).toEqual([]);
  });

  it("stores the content and the name encrypted: the raw columns hold neither", async () => {
    const reportId = await fileReport();
    const [item] = await uploaded(
      await upload(cast.users.finder, reportId, [
        { name: "steal-cookie.log", content: SECRET_LOG },
      ]),
    );
    const row = await runtime.database.db
      .selectFrom("report_attachments")
      .selectAll()
      .where("id", "=", item?.id ?? "")
      .executeTakeFirstOrThrow();
    const raw = Buffer.from(row.content_sealed);
    expect(raw.includes(Buffer.from(SECRET_LOG))).toBe(false);
    expect(raw.includes(Buffer.from("steal()"))).toBe(false);
    expect(raw.subarray(0, 5).toString("latin1")).toBe("kk1b.");
    expect(row.name_sealed).not.toContain("steal-cookie");
    expect(row).toMatchObject({ class: "attack_method", media_type: "text/plain" });
  });

  it("downloads the bytes as an attachment only, never rendered, with each download audited", async () => {
    const reportId = await fileReport();
    const [png, log] = await uploaded(
      await upload(cast.users.finder, reportId, [
        { name: "画面.png", content: PNG_1X1 },
        { name: "steal-cookie.log", content: SECRET_LOG },
      ]),
    );
    const download = await get(
      cast.users.finder,
      `/api/v1/reports/${reportId}/attachments/${png?.id}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG_1X1)).toBe(true);
    expect(download.headers).toMatchObject({
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="__.png"; filename*=UTF-8''%E7%94%BB%E9%9D%A2.png`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      "content-security-policy": "sandbox; default-src 'none'",
      "content-length": String(PNG_1X1.length),
    });
    const text = await get(cast.users.finder, `/api/v1/reports/${reportId}/attachments/${log?.id}`);
    expect(text.body).toBe(SECRET_LOG);
    expect(text.headers["content-type"]).toBe("application/octet-stream");

    const entries = await auditTypes(reportId);
    expect(entries.map((entry) => entry.type)).toEqual([
      "report.attachment_uploaded",
      "report.attachment_uploaded",
      "report.attachment_downloaded",
      "report.attachment_downloaded",
    ]);
    expect(entries.every((entry) => entry.actor_user_id === cast.users.finder.userId)).toBe(true);
    expect(JSON.parse(entries[2]?.details ?? "{}")).toEqual({ attachmentId: png?.id });
    // Audit details never carry the file's name or content.
    expect(entries.map((entry) => entry.details).join("")).not.toMatch(/steal|画面/);
  });

  it("shows the files to those who may see the report, the bytes to those who may read it, and 404 to everyone else", async () => {
    const reportId = await fileReport();
    const [item] = await uploaded(
      await upload(cast.users.finder, reportId, [{ name: "poc.txt", content: SECRET_LOG }]),
    );
    const list = `/api/v1/reports/${reportId}/attachments`;
    const bytes = `${list}/${item?.id}`;
    const { users } = cast;

    expectProblem(await get(null, list), 401);
    expectProblem(await get(null, bytes), 401);
    expectProblem(await upload(null, reportId, [{ name: "x.txt", content: "x" }]), 415);
    for (const outsider of [
      users.otherFinder,
      users.coordinatorMember,
      users.coordinatorAdmin,
      users.vendorAAdmin,
      users.vendorAMember,
      users.siteOperator,
      users.csirt,
      users.priorityRecipient,
    ]) {
      expectProblem(await get(outsider, list), 404, "not_found");
      expectProblem(await get(outsider, bytes), 404, "not_found");
      expectProblem(await get(outsider, `/api/v1/reports/${reportId}`), 404);
      expectProblem(
        await upload(outsider, reportId, [{ name: "x.txt", content: "x" }]),
        404,
        "not_found",
      );
    }

    // The desk lists them (queue metadata); the bytes need the report's content (R-SEC-1).
    expect((await get(users.intakeMember, list)).json().items).toHaveLength(1);
    expectProblem(await get(users.intakeMember, bytes), 403, "forbidden");
    expect((await get(users.intakeAdmin, bytes)).body).toBe(SECRET_LOG);
    expectProblem(
      await upload(users.intakeAdmin, reportId, [{ name: "x.txt", content: "x" }]),
      403,
    );
    const desk = await cast.actorOf(users.intakeAdmin);
    await runtime.services.reports.assign(desk, reportId, { userId: users.intakeMember.userId });
    expect((await get(users.intakeMember, bytes)).body).toBe(SECRET_LOG);
    // An attachment of another report is not reachable through this one.
    const other = await fileReport();
    expectProblem(await get(users.finder, `/api/v1/reports/${other}/attachments/${item?.id}`), 404);

    const downloads = (await auditTypes(reportId)).filter(
      (entry) => entry.type === "report.attachment_downloaded",
    );
    expect(downloads.map((entry) => entry.actor_user_id)).toEqual([
      users.intakeAdmin.userId,
      users.intakeMember.userId,
    ]);
  });

  it("lists the files' metadata in the report itself for the finder and the desk", async () => {
    const reportId = await fileReport();
    const items = await uploaded(
      await upload(cast.users.finder, reportId, [{ name: "poc.png", content: PNG_1X1 }]),
    );
    for (const user of [cast.users.finder, cast.users.intakeMember]) {
      const report = await get(user, `/api/v1/reports/${reportId}`);
      expect(report.json().attachments).toEqual(items);
    }
  });

  it("takes files only while the desk handles the report (409 once rejected or forwarded)", async () => {
    const desk = await cast.actorOf(cast.users.intakeAdmin);
    const needsInfo = await fileReport();
    await runtime.services.reports.requestInfo(desk, needsInfo, {
      message: "Please send a capture.",
    });
    await uploaded(await upload(cast.users.finder, needsInfo, [{ name: "a.txt", content: "a" }]));

    const accepted = await fileReport();
    await runtime.services.reports.accept(desk, accepted);
    await uploaded(await upload(cast.users.finder, accepted, [{ name: "a.txt", content: "a" }]));
    await runtime.services.reports.forward(desk, accepted, {});
    expectProblem(
      await upload(cast.users.finder, accepted, [{ name: "b.txt", content: "b" }]),
      409,
      "transition_not_allowed",
    );
    // Already attached files stay readable.
    expect(
      (await get(cast.users.finder, `/api/v1/reports/${accepted}/attachments`)).json().items,
    ).toHaveLength(1);

    const rejected = await fileReport();
    await runtime.services.reports.reject(desk, rejected, { reason: "Not enough detail." });
    expectProblem(
      await upload(cast.users.finder, rejected, [{ name: "b.txt", content: "b" }]),
      409,
      "transition_not_allowed",
    );
  });

  it("takes an upload on the browser session only with its CSRF token", async () => {
    const reportId = await fileReport();
    const session = await signIn(app, runtime, cast.users.finder);
    const body = multipartBody({ class: "verification_method" }, [
      { name: "steps.txt", content: "1. open the console\n" },
    ]);
    const request = {
      method: "POST" as const,
      url: `/api/v1/reports/${reportId}/attachments`,
      headers: { "content-type": body.contentType },
      payload: body.payload,
    };
    expectProblem(await session.inject({ ...request, csrf: false }), 403, "csrf_invalid");
    expect((await session.inject(request)).statusCode).toBe(201);
    // The token as the form's first field, as the report page sends it.
    const form = multipartBody({ _csrf: session.csrfToken, class: "attack_method" }, [
      { name: "poc.txt", content: "payload\n" },
    ]);
    const asForm = await session.inject({
      ...request,
      csrf: false,
      headers: { "content-type": form.contentType },
      payload: form.payload,
    });
    expect(asForm.statusCode, asForm.body).toBe(201);
  });

  it("limits uploads per account to 60 an hour (429), other accounts unaffected", async () => {
    const busy = await createTestUser(runtime, { email: `busy-${target.name}@finder.example` });
    const { id: reportId } = await runtime.services.reports.submit(await cast.actorOf(busy), {
      kind: "web",
      title: "Shop search XSS",
      siteUrl: "https://shop.example/search",
      description: "Reflected XSS.",
      reproduction: "Search for <script>.",
      consent: { identityToOperator: false, directContact: false },
    });
    const attempt = () => upload(busy, reportId, [{ name: "a.txt", content: "a" }], {});
    for (let index = 0; index < ATTACHMENT_RATE_LIMIT.max; index += 1)
      expectProblem(await attempt(), 422, "invalid_input");
    expectProblem(await attempt(), 429, "rate_limited");
    expectProblem(
      await upload(cast.users.finder, reportId, [{ name: "a.txt", content: "a" }]),
      404,
    );
  });

  it("describes the three routes in the OpenAPI document, the upload as multipart", async () => {
    const document = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const upload = document.paths["/api/v1/reports/{id}/attachments"].post;
    const schema = upload.requestBody.content["multipart/form-data"].schema;
    expect(schema.properties.class.enum).toEqual(["attack_method", "verification_method"]);
    expect(schema.properties.file.items).toMatchObject({ type: "string", format: "binary" });
    expect(document.paths["/api/v1/reports/{id}/attachments"].get).toBeDefined();
    const download = document.paths["/api/v1/reports/{id}/attachments/{attachmentId}"].get;
    expect(download.responses["200"].content["application/octet-stream"].schema).toMatchObject({
      type: "string",
      format: "binary",
    });
  });
});
