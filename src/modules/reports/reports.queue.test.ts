import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cast, createCast, type TestUser } from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";

const DAY = 24 * 60 * 60 * 1000;
/** Wednesday 25 November 2026, 09:00 in Tokyo. */
const T0 = Date.parse("2026-11-25T00:00:00.000Z");

const consent = {
  identityToCoordinator: false,
  identityToVendor: false,
  directContact: false,
  credit: null,
};

interface Item {
  id: string;
  receiptNumber: string;
  status: string;
  assigneeUserId?: string | null;
  ageDays?: number | null;
  acknowledgement?: { since: string; dueAt: string; standing: string } | null;
}

describe.each(testDatabaseTargets())("the report queue's filters on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  /** Router (Vendor A), accepted; web report on www.shop.example, assigned; camera, needs_info. */
  const ids = { router: "", shop: "", camera: "" };

  const call = (user: TestUser, method: "GET" | "POST", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: user.bearer,
      remoteAddress: user.ip,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const file = async (user: TestUser, body: Record<string, unknown>) => {
    const response = await call(user, "POST", "/api/v1/reports", body);
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  };
  const list = async (user: TestUser, query: string) => {
    const response = await call(user, "GET", `/api/v1/reports${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Item[]; nextCursor: string | null };
  };
  /** The names of the reports a list answers, in its order. */
  const names = async (user: TestUser, query: string) => {
    const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    return (await list(user, query)).items.map((item) => byId.get(item.id) ?? item.id);
  };
  const act = async (user: TestUser, id: string, action: string, payload: unknown = {}) => {
    const response = await call(user, "POST", `/api/v1/reports/${id}/${action}`, payload);
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    const { finder, otherFinder, intakeAdmin, intakeMember } = cast.users;

    runtime.clock.set(new Date(T0));
    ids.router = await file(finder, {
      kind: "product",
      title: "XSS in the admin console",
      productName: "Router A100",
      productVersion: "1.0",
      vendorName: "Vendor A",
      description: "Stored XSS.",
      reproduction: "Name a device <script>.",
      consent,
    });
    runtime.clock.set(new Date(T0 + DAY));
    ids.shop = await file(finder, {
      kind: "web",
      title: "SQL injection in the search",
      siteUrl: "https://www.shop.example/search?q=1",
      description: "Error-based SQL injection.",
      reproduction: "Search for a quote.",
      consent: { identityToOperator: false, directContact: false },
    });
    runtime.clock.set(new Date(T0 + 2 * DAY));
    ids.camera = await file(otherFinder, {
      kind: "product",
      title: "Authentication bypass",
      productName: "Camera Z",
      productVersion: "2.1",
      vendorName: "Lens_Corp",
      description: "The login can be skipped.",
      reproduction: "Open /admin directly.",
      consent,
    });
    await act(intakeAdmin, ids.router, "accept");
    await act(intakeAdmin, ids.camera, "request-info", { message: "Which firmware?" });
    await act(intakeAdmin, ids.shop, "assign", { userId: intakeMember.userId });
    runtime.clock.set(new Date(T0 + 10 * DAY));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it("lists the whole queue newest first by default, and oldest first on request", async () => {
    const admin = cast.users.intakeAdmin;
    expect(await names(admin, "")).toEqual(["camera", "shop", "router"]);
    expect(await names(admin, "?sort=oldest")).toEqual(["router", "shop", "camera"]);
    expect((await call(admin, "GET", "/api/v1/reports?sort=sideways")).statusCode).toBe(422);
  });

  it("pages through the queue with cursors in either order", async () => {
    const admin = cast.users.intakeAdmin;
    for (const [sort, expected] of [
      ["oldest", ["router", "shop", "camera"]],
      ["newest", ["camera", "shop", "router"]],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ""}`;
        const result = await list(admin, query);
        expect(result.items).toHaveLength(1);
        seen.push(...result.items.map((item) => item.id));
        cursor = result.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected.map((name) => ids[name]));
    }
  });

  it("filters by kind", async () => {
    const admin = cast.users.intakeAdmin;
    expect(await names(admin, "?kind=web")).toEqual(["shop"]);
    expect(await names(admin, "?kind=product&sort=oldest")).toEqual(["router", "camera"]);
  });

  it("filters by one or several statuses, comma-separated or repeated, and refuses unknown ones", async () => {
    const admin = cast.users.intakeAdmin;
    expect(await names(admin, "?status=submitted")).toEqual(["shop"]);
    expect(await names(admin, "?status=submitted,needs_info")).toEqual(["camera", "shop"]);
    expect(await names(admin, "?status=accepted&status=needs_info")).toEqual(["camera", "router"]);
    expect(await names(admin, "?status=closed")).toEqual([]);
    const unknown = await call(admin, "GET", "/api/v1/reports?status=submitted,lost");
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe("invalid_input");
  });

  it("filters by assignee: me, unassigned, or a named desk member", async () => {
    const { intakeAdmin, intakeMember } = cast.users;
    expect(await names(intakeMember, "?assignee=me")).toEqual(["shop"]);
    expect(await names(intakeAdmin, "?assignee=me")).toEqual([]);
    expect(await names(intakeAdmin, "?assignee=unassigned")).toEqual(["camera", "router"]);
    expect(await names(intakeAdmin, `?assignee=${intakeMember.userId}`)).toEqual(["shop"]);
  });

  it("filters by age: received more than N days ago", async () => {
    const admin = cast.users.intakeAdmin;
    // Now is T0 + 10 days: router is 10 days old, shop exactly 9, camera 8.
    expect(await names(admin, "?olderThanDays=9")).toEqual(["router"]);
    expect(await names(admin, "?olderThanDays=8")).toEqual(["shop", "router"]);
    expect(await names(admin, "?olderThanDays=0")).toEqual(["camera", "shop", "router"]);
    expect(await names(admin, "?olderThanDays=30")).toEqual([]);
    expect((await call(admin, "GET", "/api/v1/reports?olderThanDays=-1")).statusCode).toBe(422);
  });

  it("matches the product name, the vendor name or the site's host, case-insensitively", async () => {
    const admin = cast.users.intakeAdmin;
    expect(await names(admin, "?q=router%20a1")).toEqual(["router"]);
    expect(await names(admin, "?q=VENDOR%20a")).toEqual(["router"]);
    expect(await names(admin, "?q=lens_corp")).toEqual(["camera"]);
    // "_" and "%" are matched as themselves, not as wildcards.
    expect(await names(admin, "?q=lens%25corp")).toEqual([]);
    expect(await names(admin, "?q=Lens_")).toEqual(["camera"]);
    expect(await names(admin, "?q=shop.EXAMPLE")).toEqual(["shop"]);
    // The path and the query of the URL are not the host.
    expect(await names(admin, "?q=search")).toEqual([]);
    expect(await names(admin, "?q=https")).toEqual([]);
    expect(await names(admin, "?q=a&kind=product&status=accepted")).toEqual(["router"]);
  });

  it("shows the desk each open report's age and where a report awaiting it stands against the target", async () => {
    const admin = cast.users.intakeAdmin;
    const items = new Map((await list(admin, "")).items.map((item) => [item.id, item]));
    // The web report came in on Thursday 26 November: 3 business days end on Tuesday 1 December.
    expect(items.get(ids.shop)).toMatchObject({
      status: "submitted",
      ageDays: 9,
      acknowledgement: {
        since: new Date(T0 + DAY).toISOString(),
        dueAt: "2026-12-01T00:00:00.000Z",
        standing: "past",
      },
    });
    // Accepted and asked-for-more reports do not await the desk's answer.
    expect(items.get(ids.router)).toMatchObject({ ageDays: 10, acknowledgement: null });
    expect(items.get(ids.camera)).toMatchObject({ ageDays: 8, acknowledgement: null });

    // A resubmission starts the target again from when it came back.
    await act(cast.users.otherFinder, ids.camera, "resubmit", { productVersion: "2.1.3" });
    runtime.clock.set(new Date(Date.parse("2026-12-07T00:30:00.000Z")));
    const later = new Map((await list(admin, "")).items.map((item) => [item.id, item]));
    expect(later.get(ids.camera)?.acknowledgement).toEqual({
      since: new Date(T0 + 10 * DAY).toISOString(),
      // Saturday 5 December 09:00 JST + 3 business days = Wednesday 9 December.
      dueAt: "2026-12-09T00:00:00.000Z",
      standing: "within",
    });
    runtime.clock.set(new Date(Date.parse("2026-12-08T01:00:00.000Z")));
    const near = new Map((await list(admin, "")).items.map((item) => [item.id, item]));
    expect(near.get(ids.camera)?.acknowledgement?.standing).toBe("near");
    runtime.clock.set(new Date(T0 + 10 * DAY));
  });

  it("gives a finder only their own reports, whatever the desk's filters say", async () => {
    const { finder, otherFinder, intakeMember } = cast.users;
    expect(await names(finder, "")).toEqual(["shop", "router"]);
    expect(await names(finder, `?assignee=${intakeMember.userId}`)).toEqual(["shop", "router"]);
    expect(await names(finder, "?assignee=unassigned")).toEqual(["shop", "router"]);
    expect(await names(otherFinder, "?assignee=me")).toEqual(["camera"]);
    // The general filters narrow the finder's own list and never widen it.
    expect(await names(finder, "?kind=web")).toEqual(["shop"]);
    expect(await names(finder, "?q=camera")).toEqual([]);
    expect(await names(otherFinder, "?q=router&status=accepted")).toEqual([]);
    const items = (await list(finder, "")).items;
    for (const item of items) {
      expect(item).not.toHaveProperty("assigneeUserId");
      expect(item).not.toHaveProperty("acknowledgement");
      expect(item).not.toHaveProperty("ageDays");
    }
  });
});
