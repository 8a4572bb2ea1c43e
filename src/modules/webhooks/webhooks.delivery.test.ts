import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
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

const REPORT_MARKER = "WEBHOOK-LEAK-MARKER stored XSS in the device list";
const VERIFICATION_MARKER = "WEBHOOK-VERIFICATION-MARKER";
const MESSAGE_MARKER = "WEBHOOK-MESSAGE-MARKER please check firmware 1.2";

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1 that answers with the queued statuses, then 204. */
async function startReceiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const status = answers.shift() ?? 204;
      response.writeHead(status, { "content-type": "text/plain" });
      response.end(status >= 400 ? "RECEIVER-BODY-SHOULD-NOT-BE-KEPT" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    answers,
    to: (path: string) => received.filter((entry) => entry.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Standard Webhooks verification, written apart from the product's code. */
function verifies(secret: string, entry: Received): boolean {
  const id = String(entry.headers["webhook-id"]);
  const timestamp = String(entry.headers["webhook-timestamp"]);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key)
    .update(`${id}.${timestamp}.${entry.body}`)
    .digest("base64");
  return String(entry.headers["webhook-signature"])
    .split(" ")
    .some((part) => {
      const [version, signature] = part.split(",");
      if (version !== "v1" || !signature) return false;
      const given = Buffer.from(signature, "base64");
      const wanted = Buffer.from(expected, "base64");
      return given.length === wanted.length && timingSafeEqual(given, wanted);
    });
}

describe.each(testDatabaseTargets())("webhook deliveries on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let vendorBAdmin: TestUser;
  let secretA = "";
  let endpointA = "";
  let caseId = "";

  const call = (user: TestUser, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: user.bearer,
      remoteAddress: user.ip,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const ok = (response: LightMyRequestResponse, status = 200) => {
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };
  const runJobs = () => runtime.jobRunner.runDue();
  const deliveriesOfA = async () =>
    ok(
      await call(
        cast.users.vendorAAdmin,
        "GET",
        `/api/v1/organization/webhooks/${endpointA}/deliveries`,
      ),
    ).items as {
      id: string;
      eventType: string;
      subject: string | null;
      status: string;
      attempts: number;
      lastError: string | null;
    }[];
  const logEntryOf = async (entry: Received | undefined) =>
    (await deliveriesOfA()).find((each) => each.id === entry?.headers["webhook-id"]);

  beforeAll(async () => {
    receiver = await startReceiver();
    runtime = await createTestRuntime(target, { config: { webhooksAllowHttp: true } });
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    vendorBAdmin = await createTestUser(runtime, {
      email: "admin@vendor-b.example",
      organizationId: cast.organizations.vendorB,
      role: "admin",
    });
    const coordinator = cast.users.coordinatorMember;
    const created = ok(
      await call(cast.users.vendorAAdmin, "POST", "/api/v1/organization/webhooks", {
        url: receiver.url("/vendor-a"),
        events: ["case.notified", "case.message_posted", "case.schedule_changed"],
      }),
      201,
    );
    secretA = created.secret;
    endpointA = created.id;
    ok(
      await call(vendorBAdmin, "POST", "/api/v1/organization/webhooks", {
        url: receiver.url("/vendor-b"),
        events: ["case.notified", "case.message_posted", "case.schedule_changed"],
      }),
      201,
    );
    for (const orgId of [cast.organizations.vendorA, cast.organizations.vendorB]) {
      ok(
        await call(coordinator, "POST", `/api/v1/organizations/${orgId}/nda`, {
          signedAt: "2026-01-15T00:00:00.000Z",
          version: "2026-01",
        }),
      );
    }
    const filed = ok(
      await call(cast.users.finder, "POST", "/api/v1/reports", {
        kind: "product",
        title: "XSS in Router A100",
        productName: "Router A100",
        productVersion: "1.0.3",
        description: REPORT_MARKER,
        reproduction: REPORT_MARKER,
        verificationMethod: VERIFICATION_MARKER,
        consent: {
          identityToCoordinator: false,
          identityToVendor: false,
          directContact: false,
          credit: null,
        },
      }),
      201,
    );
    ok(await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/accept`));
    caseId = ok(
      await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/forward`, {}),
    ).caseId;
    ok(
      await call(coordinator, "POST", `/api/v1/cases/${caseId}/assign`, {
        userId: coordinator.userId,
      }),
    );
    // Both vendors take part; only vendor A is notified (vendor B stays "identified").
    for (const orgId of [cast.organizations.vendorA, cast.organizations.vendorB]) {
      ok(
        await call(coordinator, "POST", `/api/v1/cases/${caseId}/vendors`, {
          organizationId: orgId,
        }),
        201,
      );
    }
    ok(
      await call(
        coordinator,
        "POST",
        `/api/v1/cases/${caseId}/vendors/${cast.organizations.vendorA}/notify`,
      ),
    );
    await runJobs();
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await receiver?.close();
  });

  it("delivers the notification to the subscribed vendor, signed with its secret and timestamped", async () => {
    // The first notification also sets the case's default schedule (R-COO-3).
    const types = receiver.to("/vendor-a").map((entry) => JSON.parse(entry.body).type);
    expect(types.sort()).toEqual(["case.notified", "case.schedule_changed"]);
    const entry = receiver
      .to("/vendor-a")
      .find((each) => JSON.parse(each.body).type === "case.notified") as Received;
    expect(verifies(secretA, entry)).toBe(true);
    expect(verifies(`whsec_${Buffer.alloc(32).toString("base64")}`, entry)).toBe(false);
    const timestamp = Number(entry.headers["webhook-timestamp"]);
    expect(timestamp).toBe(Math.floor(runtime.clock.now().getTime() / 1000));
    const payload = JSON.parse(entry.body);
    expect(payload).toMatchObject({
      id: entry.headers["webhook-id"],
      type: "case.notified",
      organizationId: cast.organizations.vendorA,
      case: { id: caseId, status: "coordinating" },
    });
    expect(payload.case.number).toMatch(/^C-\d{4}-\d{6}$/);
    expect(payload.case.link).toBe(`${runtime.config.publicUrl}/cases/${caseId}`);
    expect(payload.data.participantStatus).toBe("notified");
    // The delivery log names the case by its number.
    expect((await logEntryOf(entry))?.subject).toBe(payload.case.number);
  });

  it("tells nothing of the case to a vendor that takes part but was not notified", () => {
    expect(receiver.to("/vendor-b")).toHaveLength(0);
  });

  it("sends a message's event without the message's text", async () => {
    ok(
      await call(cast.users.coordinatorMember, "POST", `/api/v1/cases/${caseId}/messages`, {
        body: MESSAGE_MARKER,
        to: cast.organizations.vendorA,
      }),
      201,
    );
    await runJobs();
    const messages = receiver
      .to("/vendor-a")
      .filter((entry) => JSON.parse(entry.body).type === "case.message_posted");
    expect(messages).toHaveLength(1);
    expect(verifies(secretA, messages[0] as Received)).toBe(true);
    expect(receiver.to("/vendor-b")).toHaveLength(0);
  });

  it("retries after the receiver fails, and the log shows the failure and then the success", async () => {
    const before = receiver.to("/vendor-a").length;
    receiver.answers.push(500);
    ok(
      await call(cast.users.coordinatorMember, "POST", `/api/v1/cases/${caseId}/schedule`, {
        publishAt: "2027-01-20T00:00:00.000Z",
        reason: "The vendor needs more time.",
      }),
    );
    await runJobs();
    expect(receiver.to("/vendor-a")).toHaveLength(before + 1);
    const first = receiver.to("/vendor-a").at(-1);
    expect(JSON.parse(first?.body ?? "{}").type).toBe("case.schedule_changed");
    const failed = await logEntryOf(first);
    expect(failed).toMatchObject({ status: "pending", attempts: 1 });
    expect(failed?.lastError).toMatch(/^HTTP 500/);

    runtime.clock.advance(31_000);
    await runJobs();
    const attempts = receiver
      .to("/vendor-a")
      .filter((entry) => entry.headers["webhook-id"] === first?.headers["webhook-id"]);
    expect(attempts).toHaveLength(2);
    // The same message (id and body) again, signed anew with the time of the retry.
    expect(attempts[1]?.headers["webhook-id"]).toBe(attempts[0]?.headers["webhook-id"]);
    expect(attempts[1]?.body).toBe(attempts[0]?.body);
    expect(Number(attempts[1]?.headers["webhook-timestamp"])).toBeGreaterThan(
      Number(attempts[0]?.headers["webhook-timestamp"]),
    );
    expect(attempts.every((entry) => verifies(secretA, entry))).toBe(true);
    const delivered = await logEntryOf(first);
    expect(delivered).toMatchObject({ status: "delivered", attempts: 2, lastError: null });
    expect(receiver.to("/vendor-b")).toHaveLength(0);
  });

  it("never puts the report's text, its verification method, a message's text or the other vendor in a payload", async () => {
    const bodies = receiver.received.map((entry) => entry.body).join("\n");
    expect(receiver.received.length).toBeGreaterThan(0);
    for (const secret of [
      "WEBHOOK-LEAK-MARKER",
      "WEBHOOK-VERIFICATION-MARKER",
      "WEBHOOK-MESSAGE-MARKER",
      cast.organizations.vendorB,
      "Vendor B",
      "XSS in Router A100",
    ]) {
      expect(bodies).not.toContain(secret);
    }
    const log = JSON.stringify(await deliveriesOfA());
    expect(log).not.toContain("RECEIVER-BODY-SHOULD-NOT-BE-KEPT");
  });

  it("sends a test event on demand and signs it with a rotated secret from then on", async () => {
    const rotated = ok(
      await call(
        cast.users.vendorAAdmin,
        "POST",
        `/api/v1/organization/webhooks/${endpointA}/rotate-secret`,
      ),
    );
    expect(rotated.secret).not.toBe(secretA);
    ok(
      await call(
        cast.users.vendorAAdmin,
        "POST",
        `/api/v1/organization/webhooks/${endpointA}/test`,
      ),
      202,
    );
    await runJobs();
    const test = receiver
      .to("/vendor-a")
      .find((entry) => JSON.parse(entry.body).type === "webhook.test") as Received;
    expect(verifies(rotated.secret, test)).toBe(true);
    expect(verifies(secretA, test)).toBe(false);
  });

  it("tells the operator organization of its site case, without the report or the site's address", async () => {
    const operatorAdmin = await createTestUser(runtime, {
      email: "admin@site-operator.example",
      organizationId: cast.organizations.siteOperator,
      role: "admin",
    });
    const created = ok(
      await call(operatorAdmin, "POST", "/api/v1/organization/webhooks", {
        url: receiver.url("/operator"),
        events: ["site_case.notified", "site_case.closed"],
      }),
      201,
    );
    const filed = ok(
      await call(cast.users.finder, "POST", "/api/v1/reports", {
        kind: "web",
        title: "SQL injection in the shop",
        siteUrl: "https://shop.example/search-webhook-marker",
        description: REPORT_MARKER,
        reproduction: REPORT_MARKER,
        consent: { identityToOperator: false, directContact: false },
      }),
      201,
    );
    ok(await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/accept`));
    const siteCaseId = ok(
      await call(cast.users.intakeMember, "POST", `/api/v1/reports/${filed.id}/forward`, {
        operatorOrganizationId: cast.organizations.siteOperator,
      }),
    ).siteCaseId;
    const before = receiver.to("/vendor-a").length + receiver.to("/vendor-b").length;
    await runJobs();
    const [entry, ...others] = receiver.to("/operator");
    expect(others).toHaveLength(0);
    expect(verifies(created.secret, entry as Received)).toBe(true);
    const payload = JSON.parse(entry?.body ?? "{}");
    expect(payload).toMatchObject({
      type: "site_case.notified",
      organizationId: cast.organizations.siteOperator,
      siteCase: { id: siteCaseId, status: "operator_notified" },
    });
    expect(payload.siteCase.reference).toEqual(expect.any(String));
    expect(entry?.body).not.toContain("WEBHOOK-LEAK-MARKER");
    expect(entry?.body).not.toContain("search-webhook-marker");
    expect(entry?.body).not.toContain("SQL injection");
    expect(receiver.to("/vendor-a").length + receiver.to("/vendor-b").length).toBe(before);
  });

  it("sends nothing to a deactivated endpoint", async () => {
    ok(
      await call(cast.users.vendorAAdmin, "PATCH", `/api/v1/organization/webhooks/${endpointA}`, {
        active: false,
      }),
    );
    const before = receiver.received.length;
    ok(
      await call(cast.users.coordinatorMember, "POST", `/api/v1/cases/${caseId}/messages`, {
        body: "Another note.",
        to: cast.organizations.vendorA,
      }),
      201,
    );
    await runJobs();
    expect(receiver.received).toHaveLength(before);
  });
});
