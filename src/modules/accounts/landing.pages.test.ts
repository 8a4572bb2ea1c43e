import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  browserSession,
  type Cast,
  createCast,
  signIn,
  type TestUser,
  totpCode,
  type UserKind,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";

const FORM = { accept: "text/html", "content-type": "application/x-www-form-urlencoded" };

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? "");
}

/** Where each role starts after signing in (issue 13, point 3). */
const LANDINGS: { kind: UserKind; role: string; landing: string }[] = [
  { kind: "finder", role: "a finder", landing: "/reports" },
  { kind: "intakeMember", role: "the desk", landing: "/reports" },
  { kind: "analyst", role: "a desk analyst", landing: "/analysis-tasks" },
  { kind: "coordinatorMember", role: "the coordinator", landing: "/cases" },
  { kind: "vendorAMember", role: "a vendor", landing: "/cases" },
  { kind: "csirt", role: "a CSIRT", landing: "/cases" },
  { kind: "siteOperator", role: "a site operator", landing: "/site-cases" },
  { kind: "priorityRecipient", role: "a priority recipient", landing: "/advisories" },
];

describe.each(testDatabaseTargets())("where signing in leads, on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await buildApp(runtime);
    cast = await createCast(runtime);
    // Organization members enrol TOTP at their first sign-in; do it once, through the API.
    for (const { kind } of LANDINGS) {
      if (cast.users[kind].organizationId) await signIn(app, runtime, cast.users[kind]);
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  const post = (session: BrowserSession, url: string, fields: Record<string, string>) =>
    session.inject({
      method: "POST",
      url,
      headers: FORM,
      payload: new URLSearchParams(fields).toString(),
    });

  /**
   * Signs in through the pages as a browser without script would: the sign-in form, then the
   * second-factor form for members. Returns the session and where the last answer sends it.
   */
  async function signInThroughPages(
    user: TestUser,
    next?: string,
  ): Promise<{ session: BrowserSession; landed: string }> {
    const session = browserSession(app, user.ip);
    await session.inject({ method: "GET", url: "/api/v1/auth/csrf" });
    const signedIn = await post(session, "/signin", {
      email: user.email,
      password: user.password,
      ...(next === undefined ? {} : { next }),
    });
    expect(signedIn.statusCode).toBe(303);
    if (!user.totpSecret) return { session, landed: location(signedIn) };
    const owed = new URL(location(signedIn), "http://kakehashi.test");
    expect(owed.pathname).toBe("/signin/second-factor");
    // A code is good once: the next one comes from the next 30-second step.
    runtime.clock.advance(30_000);
    const code = await totpCode(runtime, user.totpSecret);
    const given = await post(session, "/signin/second-factor", {
      code,
      ...(owed.searchParams.has("next") ? { next: owed.searchParams.get("next") ?? "" } : {}),
    });
    expect(given.statusCode).toBe(303);
    return { session, landed: location(given) };
  }

  it.each(LANDINGS)("lands $role on $landing after signing in", async ({ kind, landing }) => {
    const { session, landed } = await signInThroughPages(cast.users[kind]);
    expect(landed).toBe(landing);
    const page = await session.inject({
      method: "GET",
      url: landed,
      headers: { accept: "text/html" },
    });
    expect(page.statusCode).toBe(200);
    // Asking for the sign-in page again leads to the same place.
    const again = await session.inject({
      method: "GET",
      url: "/signin",
      headers: { accept: "text/html" },
    });
    expect(location(again)).toBe(landing);
  });

  it("keeps the page asked for (with its query) as next, for a finder and after a second factor", async () => {
    const finder = await signInThroughPages(cast.users.finder, "/reports/new?kind=web");
    expect(finder.landed).toBe("/reports/new?kind=web");
    const vendor = await signInThroughPages(cast.users.vendorAMember, "/organization?tab=members");
    expect(vendor.landed).toBe("/organization?tab=members");
  });

  it("lands on the role's page when next leads off the site", async () => {
    for (const next of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "/\t/evil",
    ]) {
      expect((await signInThroughPages(cast.users.finder, next)).landed).toBe("/reports");
      expect((await signInThroughPages(cast.users.coordinatorMember, next)).landed).toBe("/cases");
    }
  });

  it("sends a visitor who asks for a member's page to sign in, and back to that page afterwards", async () => {
    const visitor = browserSession(app);
    const asked = await visitor.inject({
      method: "GET",
      url: "/cases?status=coordinating",
      headers: { accept: "text/html" },
    });
    expect(location(asked)).toBe("/signin?next=%2Fcases%3Fstatus%3Dcoordinating");
    const { landed } = await signInThroughPages(cast.users.csirt, "/cases?status=coordinating");
    expect(landed).toBe("/cases?status=coordinating");
  });

  it("signs out and asks for the page again when signing in as another account", async () => {
    const { session } = await signInThroughPages(cast.users.finder);
    const out = await post(session, "/signout", { next: "/admin/audit?type=signin." });
    expect(location(out)).toBe("/signin?next=%2Fadmin%2Faudit%3Ftype%3Dsignin.");
    const after = await session.inject({
      method: "GET",
      url: "/reports",
      headers: { accept: "text/html" },
    });
    expect(location(after)).toBe("/signin?next=%2Freports");
    // Without next, or with one leading elsewhere, sign-out goes home as before.
    const { session: other } = await signInThroughPages(cast.users.finder);
    expect(location(await post(other, "/signout", { next: "//evil.example/" }))).toBe("/");
  });
});
