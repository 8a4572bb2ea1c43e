import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { testDatabaseTargets } from "../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../test/support/runtime.ts";
import { buildApp, JSON_BODY_LIMIT, UPLOAD_LIMITS } from "./app.ts";
import { REQUESTS_PER_MINUTE } from "./platform/http/security.ts";

/** Reads the CSRF token and cookie a page hands out, as a browser would. */
async function formSession(app: FastifyInstance, headers: Record<string, string> = {}) {
  const page = await app.inject({ method: "GET", url: "/", headers });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const cookie = page.cookies.find((entry) => entry.name === "kk_csrf");
  if (!token || !cookie) throw new Error("the page did not hand out a CSRF token");
  return { token, cookie: `kk_csrf=${cookie.value}` };
}

describe.each(testDatabaseTargets())("HTTP platform on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    // Routes that exist only in this test, to exercise validation and limits of the platform.
    const typed = app.withTypeProvider<ZodTypeProvider>();
    typed.post(
      "/api/v1/test/echo",
      {
        config: { access: "public" },
        schema: { body: z.object({ name: z.string().min(1), cwe: z.string().regex(/^CWE-\d+$/) }) },
      },
      async (request) => request.body,
    );
    app.post("/api/v1/test/upload", { config: { access: "public" } }, async (request) => {
      let bytes = 0;
      for await (const part of request.files()) {
        for await (const chunk of part.file) bytes += chunk.length;
        if (part.file.truncated)
          throw Object.assign(new Error("too large"), { code: "FST_REQ_FILE_TOO_LARGE" });
      }
      return { bytes };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it("answers /healthz with ok", async () => {
    const response = await app.inject({ method: "GET", url: "/healthz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
  });

  it("publishes an OpenAPI document that describes its routes", async () => {
    const response = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths["/healthz"].get.responses["200"]).toBeDefined();
  });

  it("documents every /api/v1 operation's success answer with a schema, and its problems", async () => {
    const answer = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(200);
    const document = answer.json() as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    const undocumented: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      // The routes this test adds to exercise the platform are not the product's.
      if (!path.startsWith("/api/v1/") || path.startsWith("/api/v1/test/")) continue;
      for (const [method, operation] of Object.entries(methods)) {
        operations++;
        const responses = operation.responses ?? {};
        const success = Object.entries(responses).find(([status]) => /^2\d\d$/.test(status));
        const content = (success?.[1] as { content?: Record<string, { schema?: unknown }> })
          ?.content;
        const hasSchema =
          success?.[0] === "204" ||
          Object.values(content ?? {}).some((entry) => entry.schema !== undefined);
        if (!hasSchema) undocumented.push(`${method.toUpperCase()} ${path}`);
        const problem = responses["404"] as { content?: Record<string, unknown> } | undefined;
        if (!problem?.content?.["application/problem+json"]) {
          undocumented.push(`${method.toUpperCase()} ${path} (problems)`);
        }
      }
    }
    expect(operations).toBeGreaterThan(100);
    expect(undocumented).toEqual([]);
  });

  it("answers an unknown API path with problem+json 404", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/no-such-resource/nope" });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, code: "not_found", title: "Not Found" });
  });

  it("answers an unknown page with a readable page in the visitor's language", async () => {
    const response = await app.inject({
      method: "GET",
      url: "/no-such-page",
      headers: { accept: "text/html", "accept-language": "en-US,en;q=0.9" },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain("Page not found");
  });

  it("answers invalid input with 422 and the failing fields", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/test/echo",
      payload: { name: "", cwe: "89" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({ status: 422, code: "invalid_input" });
    expect(body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      "cwe",
      "name",
    ]);
  });

  it("answers malformed JSON with a 400 problem", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/test/echo",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "invalid_json" });
  });

  it("refuses a JSON body over the limit with 413", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/test/echo",
      payload: { name: "x".repeat(JSON_BODY_LIMIT), cwe: "CWE-79" },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ status: 413, code: "body_too_large" });
  });

  it("accepts an upload within the limit and refuses a larger file with 413", async () => {
    const boundary = "----kakehashi";
    const multipart = (size: number) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="poc.bin"\r\n` +
            "Content-Type: application/octet-stream\r\n\r\n",
        ),
        Buffer.alloc(size, 1),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    // An upload carries a credential (here a bearer, unknown: the test route is public).
    const headers = {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      authorization: "Bearer kk_test",
    };
    const small = await app.inject({
      method: "POST",
      url: "/api/v1/test/upload",
      headers,
      payload: multipart(1000),
    });
    expect(small.statusCode).toBe(200);
    expect(small.json()).toEqual({ bytes: 1000 });

    const large = await app.inject({
      method: "POST",
      url: "/api/v1/test/upload",
      headers,
      payload: multipart(UPLOAD_LIMITS.fileSize + 1),
    });
    expect(large.statusCode).toBe(413);
    expect(large.json()).toMatchObject({ status: 413 });
  });

  it("refuses a credential-less API write that is not JSON (a cross-site form cannot forge it)", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/test/echo",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "name=a&cwe=CWE-79",
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: "unsupported_media_type" });
  });

  it("marks API answers as not to be stored by any cache", async () => {
    const response = await app.inject({ method: "GET", url: "/healthz" });
    expect(response.headers["cache-control"]).toBeUndefined();
    const api = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(api.headers["cache-control"]).toBe("no-store");
  });

  it("sends a CSP that allows no inline script, and the other security headers", async () => {
    const response = await app.inject({ method: "GET", url: "/" });
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it("serves the home page in Japanese by default and in English for an English browser", async () => {
    const japanese = await app.inject({ method: "GET", url: "/" });
    expect(japanese.body).toMatch(/^<!doctype html><html lang="ja">/);
    expect(japanese.body).toContain("脆弱性を見つけた人と、直す人をつなぐ");
    expect(japanese.headers["content-language"]).toBe("ja");

    const english = await app.inject({
      method: "GET",
      url: "/",
      headers: { "accept-language": "en-GB,en;q=0.8,ja;q=0.5" },
    });
    expect(english.body).toMatch(/<html lang="en">/);
    expect(english.body).toContain(
      "A bridge between those who find vulnerabilities and those who fix them",
    );
  });

  it("refuses a form post without a valid CSRF token", async () => {
    const missing = await app.inject({
      method: "POST",
      url: "/language",
      headers: { accept: "text/html" },
      payload: { language: "en", returnTo: "/" },
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain("フォームの有効期限が切れました");

    const { cookie } = await formSession(app);
    const forged = await app.inject({
      method: "POST",
      url: "/language",
      headers: { cookie },
      payload: { language: "en", _csrf: "forged-token" },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ code: "csrf_invalid" });
    expect(forged.cookies.find((entry) => entry.name === "kk_lang")).toBeUndefined();
  });

  it("switches the language with the form, and the choice outranks Accept-Language", async () => {
    const { token, cookie } = await formSession(app, { "accept-language": "ja" });
    const response = await app.inject({
      method: "POST",
      url: "/language",
      headers: { cookie, "accept-language": "ja" },
      payload: { language: "en", returnTo: "/", _csrf: token },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/");
    const languageCookie = response.cookies.find((entry) => entry.name === "kk_lang");
    expect(languageCookie).toMatchObject({
      value: "en",
      httpOnly: true,
      sameSite: "Lax",
      path: "/",
    });

    const page = await app.inject({
      method: "GET",
      url: "/",
      headers: { cookie: `kk_lang=en`, "accept-language": "ja" },
    });
    expect(page.body).toMatch(/<html lang="en">/);
  });

  it("never redirects off the site after a language switch", async () => {
    for (const returnTo of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
    ]) {
      const { token, cookie } = await formSession(app);
      const response = await app.inject({
        method: "POST",
        url: "/language",
        headers: { cookie },
        payload: { language: "en", returnTo, _csrf: token },
      });
      expect(response.headers.location).toBe("/");
    }
  });

  it("needs a CSRF token for API writes that ride on a session cookie, but not for bearer calls", async () => {
    const withSession = await app.inject({
      method: "POST",
      url: "/api/v1/test/echo",
      headers: { cookie: "kk_session=abc" },
      payload: { name: "a", cwe: "CWE-79" },
    });
    expect(withSession.statusCode).toBe(403);
    expect(withSession.json()).toMatchObject({ code: "csrf_invalid" });

    const withBearer = await app.inject({
      method: "POST",
      url: "/api/v1/test/echo",
      headers: { authorization: "Bearer kk_test" },
      payload: { name: "a", cwe: "CWE-79" },
    });
    expect(withBearer.statusCode).toBe(200);
  });

  it("serves the self-hosted fonts and design tokens, and nothing else from those packages", async () => {
    const tokens = await app.inject({
      method: "GET",
      url: "/static/vendor/design-tokens/tokens.css",
    });
    expect(tokens.statusCode).toBe(200);
    expect(tokens.body).toContain("--color-primitive-blue-900");
    const fonts = await app.inject({ method: "GET", url: "/static/vendor/noto-sans-jp/400.css" });
    expect(fonts.statusCode).toBe(200);
    expect(fonts.body).toContain("Noto Sans JP");
    const manifest = await app.inject({
      method: "GET",
      url: "/static/vendor/noto-sans-jp/package.json",
    });
    expect(manifest.statusCode).toBe(404);
  });
});

describe("rate limiting", () => {
  it(`refuses a client after ${REQUESTS_PER_MINUTE} requests a minute with a 429 problem, per client`, async () => {
    const [sqlite] = testDatabaseTargets();
    if (!sqlite) throw new Error("no SQLite target");
    const runtime = await createTestRuntime(sqlite);
    const app = await buildApp(runtime);
    try {
      for (let index = 0; index < REQUESTS_PER_MINUTE; index += 1) {
        const response = await app.inject({
          method: "GET",
          url: "/healthz",
          remoteAddress: "192.0.2.1",
        });
        expect(response.statusCode).toBe(200);
      }
      const limited = await app.inject({
        method: "GET",
        url: "/healthz",
        remoteAddress: "192.0.2.1",
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(limited.json()).toMatchObject({ status: 429, code: "rate_limited" });
      expect(limited.headers["retry-after"]).toBeDefined();

      const otherClient = await app.inject({
        method: "GET",
        url: "/healthz",
        remoteAddress: "192.0.2.2",
      });
      expect(otherClient.statusCode).toBe(200);
    } finally {
      await app.close();
      await runtime.close();
    }
  });
});

describe("behind a reverse proxy", () => {
  it("counts clients by the address the trusted proxy forwards", async () => {
    const [sqlite] = testDatabaseTargets();
    if (!sqlite) throw new Error("no SQLite target");
    const runtime = await createTestRuntime(sqlite, { config: { trustProxy: ["127.0.0.1"] } });
    const app = await buildApp(runtime);
    const viaProxy = (client: string) =>
      app.inject({
        method: "GET",
        url: "/healthz",
        remoteAddress: "127.0.0.1",
        headers: { "x-forwarded-for": client },
      });
    try {
      for (let index = 0; index < REQUESTS_PER_MINUTE; index += 1) {
        expect((await viaProxy("203.0.113.5")).statusCode).toBe(200);
      }
      expect((await viaProxy("203.0.113.5")).statusCode).toBe(429);
      // Another client behind the same proxy keeps its own allowance.
      expect((await viaProxy("203.0.113.6")).statusCode).toBe(200);
    } finally {
      await app.close();
      await runtime.close();
    }
  });
});
