import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cast,
  createCast,
  createTestUser,
  type TestUser,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { isBlockedAddress, postWebhook, urlProblem } from "./webhooks.http.ts";

describe("where webhooks may go", () => {
  const strict = { allowHttp: false };
  it("accepts a public https URL and refuses plain http unless the development flag says so", () => {
    expect(urlProblem("https://hooks.example.com/kakehashi", strict)).toBeNull();
    expect(urlProblem("http://hooks.example.com/kakehashi", strict)).toBe("not_https");
    expect(urlProblem("http://127.0.0.1:8080/hook", { allowHttp: true })).toBeNull();
    expect(urlProblem("ftp://hooks.example.com/", { allowHttp: true })).toBe("not_https");
  });

  it("refuses URLs that carry a user name or password", () => {
    expect(urlProblem("https://user:pass@hooks.example.com/", strict)).toBe("credentials");
    expect(urlProblem("https://token@hooks.example.com/", strict)).toBe("credentials");
  });

  it("refuses loopback, private, link-local and metadata addresses", () => {
    for (const url of [
      "https://127.0.0.1/",
      "https://localhost/",
      "https://10.1.2.3/",
      "https://172.16.0.1/",
      "https://192.168.1.1/",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/",
      "https://[fe80::1]/",
      "https://[fd00::1]/",
      "https://[::ffff:127.0.0.1]/",
    ]) {
      expect(urlProblem(url, strict), url).toBe("private_address");
    }
    expect(isBlockedAddress("93.184.216.34")).toBe(false);
    expect(isBlockedAddress("2606:4700::1111")).toBe(false);
  });

  it("does not even try to deliver to a refused address", async () => {
    await expect(postWebhook("https://127.0.0.1:9/", {}, "{}", strict)).rejects.toThrow(
      /private_address/,
    );
  });
});

describe.each(testDatabaseTargets())("webhook endpoints API on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let siteAdmin: TestUser;

  const call = (
    user: TestUser,
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: user.bearer,
      remoteAddress: user.ip,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const valid = { url: "https://hooks.vendor-a.example/kakehashi", events: ["case.notified"] };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    siteAdmin = await createTestUser(runtime, {
      email: "admin@site-operator.example",
      organizationId: cast.organizations.siteOperator,
      role: "admin",
    });
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it("lets a vendor's admin register an endpoint and shows its secret only in that answer", async () => {
    const created = await call(cast.users.vendorAAdmin, "POST", "/api/v1/organization/webhooks", {
      ...valid,
      description: "Ticketing",
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await call(
      cast.users.vendorAAdmin,
      "GET",
      `/api/v1/organization/webhooks/${body.id}`,
    );
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty("secret");
    expect(read.body).not.toContain(body.secret);
    const list = await call(cast.users.vendorAAdmin, "GET", "/api/v1/organization/webhooks");
    expect(list.body).not.toContain(body.secret);
    const row = await runtime.database.db
      .selectFrom("webhook_endpoints")
      .select("secret_sealed")
      .where("id", "=", body.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(body.secret.slice(6));
    const audit = await runtime.database.db
      .selectFrom("audit_log")
      .select(["type", "details"])
      .where("subject_id", "=", body.id)
      .execute();
    expect(audit.map((entry) => entry.type)).toEqual(["webhook.created"]);
    expect(JSON.stringify(audit)).not.toContain(body.secret);
  });

  it("refuses a member who is not an admin (403) and anyone whose organization has no webhooks (404)", async () => {
    for (const method of ["GET", "POST"] as const) {
      const member = await call(
        cast.users.vendorAMember,
        method,
        "/api/v1/organization/webhooks",
        valid,
      );
      expect(member.statusCode).toBe(403);
      for (const user of [
        cast.users.finder,
        cast.users.coordinatorMember,
        cast.users.priorityRecipient,
      ]) {
        const other = await call(user, method, "/api/v1/organization/webhooks", valid);
        expect(other.statusCode, user.kind).toBe(404);
      }
    }
  });

  it("hides another organization's endpoint (404)", async () => {
    const created = await call(siteAdmin, "POST", "/api/v1/organization/webhooks", {
      url: "https://hooks.shop.example/kakehashi",
      events: ["site_case.notified"],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    for (const [method, path] of [
      ["GET", ""],
      ["PATCH", ""],
      ["DELETE", ""],
      ["GET", "/deliveries"],
      ["POST", "/rotate-secret"],
      ["POST", "/test"],
    ] as const) {
      const response = await call(
        cast.users.vendorAAdmin,
        method,
        `/api/v1/organization/webhooks/${id}${path}`,
        method === "PATCH" ? { active: false } : undefined,
      );
      expect(response.statusCode, `${method} ${path}`).toBe(404);
    }
  });

  it("refuses plain http, credentials, private addresses and events the organization never gets (422)", async () => {
    for (const [input, field] of [
      [{ ...valid, url: "http://hooks.vendor-a.example/" }, "url"],
      [{ ...valid, url: "https://a:b@hooks.vendor-a.example/" }, "url"],
      [{ ...valid, url: "https://10.0.0.5/hook" }, "url"],
      [{ ...valid, events: ["site_case.notified"] }, "events"],
      [{ ...valid, events: [] }, "events"],
      [{ ...valid, events: ["case.everything"] }, "events"],
    ] as const) {
      const response = await call(
        cast.users.vendorAAdmin,
        "POST",
        "/api/v1/organization/webhooks",
        input,
      );
      expect(response.statusCode, JSON.stringify(input)).toBe(422);
      expect(response.json().code).toBe("invalid_input");
      expect(JSON.stringify(response.json().errors)).toContain(field);
    }
  });

  it("audits a change, a rotation and a deletion", async () => {
    const created = (
      await call(cast.users.vendorAAdmin, "POST", "/api/v1/organization/webhooks", valid)
    ).json();
    const base = `/api/v1/organization/webhooks/${created.id}`;
    const patched = await call(cast.users.vendorAAdmin, "PATCH", base, {
      events: ["case.notified", "case.published"],
    });
    expect(patched.json().events).toEqual(["case.notified", "case.published"]);
    expect((await call(cast.users.vendorAAdmin, "POST", `${base}/rotate-secret`)).statusCode).toBe(
      200,
    );
    expect((await call(cast.users.vendorAAdmin, "DELETE", base)).statusCode).toBe(204);
    expect((await call(cast.users.vendorAAdmin, "GET", base)).statusCode).toBe(404);
    const audit = await runtime.database.db
      .selectFrom("audit_log")
      .select("type")
      .where("subject_id", "=", created.id)
      .orderBy("seq")
      .execute();
    expect(audit.map((entry) => entry.type)).toEqual([
      "webhook.created",
      "webhook.updated",
      "webhook.secret_rotated",
      "webhook.deleted",
    ]);
  });
});
