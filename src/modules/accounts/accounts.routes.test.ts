import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserSession,
  type Cast,
  createCast,
  createTestUser,
  deliveredMail,
  linksIn,
  mailedToken,
  newIp,
  registerFinderThroughApi,
  signIn,
  TEST_PASSWORD,
  type TestUser,
  totpCode,
} from "../../../test/support/actors.ts";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import { createTestRuntime, type TestRuntime } from "../../../test/support/runtime.ts";
import { buildApp } from "../../app.ts";
import { createJobRunner } from "../../platform/jobs/jobs.ts";
import { createMailDeliveryHandler, MAIL_DELIVERY_JOB } from "../../platform/mail/outbox.ts";
import { createMailTransport } from "../../platform/mail/transport.ts";
import { SYSTEM_ACTOR } from "../access/actor.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The response is an RFC 9457 problem with this status and code. */
function expectProblem(response: LightMyRequestResponse, status: number, code?: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body.status).toBe(status);
  if (code) expect(body.code).toBe(code);
  return body as { code: string; errors?: { path: string; message: string }[] };
}

/** The raw Set-Cookie header of the named cookie. */
function setCookie(response: LightMyRequestResponse, name: string): string {
  const header = response.headers["set-cookie"];
  const all = Array.isArray(header) ? header : header ? [String(header)] : [];
  const found = all.find((value) => value.startsWith(`${name}=`));
  if (!found) throw new Error(`no Set-Cookie for ${name} in ${JSON.stringify(all)}`);
  return found;
}

describe.each(testDatabaseTargets())("the accounts API on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let cast: Cast;
  /** Every line the application and its job runner logged. */
  const logLines: string[] = [];
  /** Every password, token and mail-link token the tests handled: none may be logged. */
  const secrets = new Set<string>([TEST_PASSWORD]);
  const keep = <T extends string>(value: T): T => {
    secrets.add(value);
    return value;
  };

  beforeAll(async () => {
    const base = await createTestRuntime(target);
    const logger = pino(
      { level: "trace" },
      {
        write(line: string) {
          logLines.push(line);
        },
      },
    );
    // The runtime's own job runner logs to a silent logger: deliver mail with one that logs here.
    const jobRunner = createJobRunner({
      db: base.database.db,
      dialect: base.database.dialect,
      clock: base.clock,
      logger,
      handlers: {
        [MAIL_DELIVERY_JOB]: createMailDeliveryHandler({
          db: base.database.db,
          cipher: base.cipher,
          clock: base.clock,
          transport: createMailTransport(base.config.mail),
          publicUrl: base.config.publicUrl,
          logger,
        }),
      },
    });
    runtime = { ...base, logger, jobRunner };
    app = await buildApp(runtime);
    await app.ready();
    cast = await createCast(runtime);
    for (const user of Object.values(cast.users)) keep(user.token);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  /** A user of the cast's kind "extra": own address, own rate-limit budget. */
  let extraCount = 0;
  async function extraUser(
    options: { organization?: "vendorA" | "intake"; role?: "admin" | "member" } = {},
  ): Promise<TestUser> {
    extraCount += 1;
    const user = await createTestUser(runtime, {
      email: `extra-${extraCount}@accounts.example`,
      name: `Extra ${extraCount}`,
      organizationId: options.organization ? cast.organizations[options.organization] : null,
      role: options.organization ? (options.role ?? "member") : null,
    });
    keep(user.token);
    return user;
  }

  function login(
    user: { email: string; ip: string },
    password: string,
    totp?: string,
  ): Promise<LightMyRequestResponse> {
    return app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      remoteAddress: user.ip,
      payload: { email: user.email, password, ...(totp !== undefined ? { totp } : {}) },
    });
  }

  async function sessionCookieOf(response: LightMyRequestResponse): Promise<string> {
    const cookie = response.cookies.find((entry) => entry.name === "kk_session");
    if (!cookie) throw new Error("no session cookie");
    return keep(cookie.value);
  }

  function me(cookieOrBearer: { cookie: string } | { authorization: string }) {
    return app.inject({ method: "GET", url: "/api/v1/me", headers: cookieOrBearer });
  }

  describe("registration and e-mail confirmation", () => {
    it("registers a finder with 201 { id } and mails a link carrying a one-time token", async () => {
      const email = "new-finder@researcher.example";
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/finders",
        remoteAddress: newIp(),
        payload: { email, password: TEST_PASSWORD, name: "New Finder", language: "en" },
      });
      expect(response.statusCode, response.body).toBe(201);
      const body = response.json();
      expect(Object.keys(body)).toEqual(["id"]);
      expect(body.id).toEqual(expect.any(String));

      const mails = await deliveredMail(runtime, email);
      expect(mails).toHaveLength(1);
      const tokens = linksIn(mails[0]?.text ?? "")
        .map((link) => link.searchParams.get("token"))
        .filter((token) => token !== null);
      expect(tokens).toHaveLength(1);
      keep(tokens[0] as string);
    });

    it("refuses a weak password with 422 naming the field password", async () => {
      for (const password of ["short", "password1234", "aaaaaaaaaaaaaaaa"]) {
        const response = await app.inject({
          method: "POST",
          url: "/api/v1/finders",
          remoteAddress: newIp(),
          payload: { email: "weak@researcher.example", password, name: "Weak", language: "ja" },
        });
        const problem = expectProblem(response, 422);
        expect(problem.errors?.map((error) => error.path)).toEqual(["password"]);
      }
      const mails = await deliveredMail(runtime, "weak@researcher.example");
      expect(mails).toEqual([]);
    });

    it("refuses a second account for the same address with 409, whatever its case", async () => {
      const payload = { password: TEST_PASSWORD, name: "Twice", language: "en" };
      const first = await app.inject({
        method: "POST",
        url: "/api/v1/finders",
        remoteAddress: newIp(),
        payload: { ...payload, email: "twice@researcher.example" },
      });
      expect(first.statusCode).toBe(201);
      for (const email of ["twice@researcher.example", "Twice@Researcher.EXAMPLE"]) {
        const again = await app.inject({
          method: "POST",
          url: "/api/v1/finders",
          remoteAddress: newIp(),
          payload: { ...payload, email },
        });
        expectProblem(again, 409);
      }
    });

    it("confirms the address with the mailed token once; the second use is refused with 422", async () => {
      const email = "confirm@researcher.example";
      const ip = newIp();
      await app.inject({
        method: "POST",
        url: "/api/v1/finders",
        remoteAddress: ip,
        payload: { email, password: TEST_PASSWORD, name: "Confirm", language: "en" },
      });
      const token = keep(await mailedToken(runtime, email, "/verify-email"));

      const signedIn = await login({ email, ip }, TEST_PASSWORD);
      const cookie = `kk_session=${await sessionCookieOf(signedIn)}`;
      expect((await me({ cookie })).json().emailVerified).toBe(false);

      const first = await app.inject({
        method: "POST",
        url: "/api/v1/auth/verify-email",
        remoteAddress: ip,
        payload: { token },
      });
      expect(first.statusCode, first.body).toBe(200);
      expect((await me({ cookie })).json().emailVerified).toBe(true);

      const second = await app.inject({
        method: "POST",
        url: "/api/v1/auth/verify-email",
        remoteAddress: ip,
        payload: { token },
      });
      expectProblem(second, 422);
    });

    it("accepts a confirmation link for 24 hours and refuses it afterwards with 422", async () => {
      const ip = newIp();
      const register = async (email: string) => {
        await app.inject({
          method: "POST",
          url: "/api/v1/finders",
          remoteAddress: ip,
          payload: { email, password: TEST_PASSWORD, name: "Late", language: "en" },
        });
        return keep(await mailedToken(runtime, email, "/verify-email"));
      };
      const inTime = await register("in-time@researcher.example");
      const late = await register("late@researcher.example");
      runtime.clock.advance(24 * HOUR - MINUTE);
      const accepted = await app.inject({
        method: "POST",
        url: "/api/v1/auth/verify-email",
        remoteAddress: ip,
        payload: { token: inTime },
      });
      expect(accepted.statusCode).toBe(200);
      runtime.clock.advance(MINUTE);
      const refused = await app.inject({
        method: "POST",
        url: "/api/v1/auth/verify-email",
        remoteAddress: ip,
        payload: { token: late },
      });
      expectProblem(refused, 422);
    });
  });

  describe("signing in", () => {
    it("signs in with 200, an HttpOnly SameSite=Lax session cookie for the whole site, and a CSRF token", async () => {
      const finder = cast.users.finder;
      const response = await login(finder, finder.password);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body).toEqual({
        id: finder.userId,
        secondFactor: "done",
        csrfToken: expect.any(String),
      });
      const cookie = setCookie(response, "kk_session");
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\/(;|$)/);
      // PUBLIC_URL is http here: a Secure cookie would never come back.
      expect(cookie).not.toMatch(/; Secure/i);
      const session = await sessionCookieOf(response);
      expect((await me({ cookie: `kk_session=${session}` })).json().id).toBe(finder.userId);
    });

    it("marks the session cookie Secure when PUBLIC_URL is https", async () => {
      const secure = await createTestRuntime(target, {
        config: { publicUrl: "https://kakehashi.example" },
      });
      try {
        const secureApp = await buildApp(secure);
        try {
          const user = await createTestUser(secure, { email: "secure@researcher.example" });
          const response = await secureApp.inject({
            method: "POST",
            url: "/api/v1/auth/login",
            payload: { email: user.email, password: user.password },
          });
          expect(response.statusCode).toBe(200);
          const cookie = setCookie(response, "kk_session");
          expect(cookie).toMatch(/; Secure/i);
          expect(cookie).toMatch(/; HttpOnly/i);
          expect(cookie).toMatch(/; SameSite=Lax/i);
          keep(response.cookies.find((entry) => entry.name === "kk_session")?.value ?? "");
        } finally {
          await secureApp.close();
        }
      } finally {
        await secure.close();
      }
    });

    it("refuses a wrong password and an unknown address alike with 401", async () => {
      const finder = cast.users.otherFinder;
      const wrong = await login(finder, keep("not-the-password-1"));
      expectProblem(wrong, 401, "invalid_credentials");
      expect(wrong.headers["set-cookie"]).toBeUndefined();
      const unknown = await login(
        { email: "nobody@researcher.example", ip: finder.ip },
        keep("not-the-password-2"),
      );
      expectProblem(unknown, 401, "invalid_credentials");
    });

    it("locks the account after 10 consecutive failures (429, even with the right password) for 15 minutes", async () => {
      const user = await extraUser();
      const wrong = keep("wrong-password-lockout");
      // A success in between restarts the count: only consecutive failures lock.
      for (let attempt = 1; attempt <= 9; attempt += 1)
        expectProblem(await login(user, wrong), 401, "invalid_credentials");
      expect((await login(user, user.password)).statusCode).toBe(200);
      for (let attempt = 1; attempt <= 9; attempt += 1)
        expectProblem(await login(user, wrong), 401, "invalid_credentials");
      expectProblem(await login(user, wrong), 429, "account_locked");
      expectProblem(await login(user, user.password), 429, "account_locked");
      runtime.clock.advance(15 * MINUTE - 1000);
      expectProblem(await login(user, user.password), 429, "account_locked");
      runtime.clock.advance(1000);
      const unlocked = await login(user, user.password);
      expect(unlocked.statusCode, unlocked.body).toBe(200);
      await sessionCookieOf(unlocked);
    });

    it("replaces a session cookie planted before sign-in with a new one (session rotation)", async () => {
      const finder = cast.users.finder;
      const planted = await sessionCookieOf(await login(finder, finder.password));
      const session = browserSession(app, finder.ip);
      session.jar.values.set("kk_session", planted);
      // With a cookie present, a write needs the CSRF token (GET /api/v1/auth/csrf hands it out).
      expect((await session.inject({ method: "GET", url: "/api/v1/auth/csrf" })).statusCode).toBe(
        200,
      );
      const response = await session.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: finder.email, password: finder.password },
      });
      expect(response.statusCode, response.body).toBe(200);
      const fresh = await sessionCookieOf(response);
      expect(fresh).not.toBe(planted);
      expect(session.sessionToken).toBe(fresh);
      expectProblem(await me({ cookie: `kk_session=${planted}` }), 401);
      expect((await me({ cookie: `kk_session=${fresh}` })).statusCode).toBe(200);
    });

    it("ends a session after 60 idle minutes", async () => {
      const finder = cast.users.finder;
      const idle = await sessionCookieOf(await login(finder, finder.password));
      const busy = await sessionCookieOf(await login(finder, finder.password));
      runtime.clock.advance(59 * MINUTE);
      expect((await me({ cookie: `kk_session=${busy}` })).statusCode).toBe(200);
      runtime.clock.advance(MINUTE);
      expectProblem(await me({ cookie: `kk_session=${idle}` }), 401, "unauthenticated");
      expect((await me({ cookie: `kk_session=${busy}` })).statusCode).toBe(200);
    });

    it("ends a session 12 hours after sign-in even when it is used all along", async () => {
      const finder = cast.users.finder;
      const cookie = `kk_session=${await sessionCookieOf(await login(finder, finder.password))}`;
      for (let elapsed = 0; elapsed < 12 * HOUR - MINUTE; ) {
        const step = Math.min(50 * MINUTE, 12 * HOUR - MINUTE - elapsed);
        runtime.clock.advance(step);
        elapsed += step;
        expect((await me({ cookie })).statusCode, `after ${elapsed / MINUTE} minutes`).toBe(200);
      }
      runtime.clock.advance(MINUTE);
      expectProblem(await me({ cookie }), 401, "unauthenticated");
    });

    it("signs out: the session is revoked and its cookie gets 401 on /api/v1/me", async () => {
      const session = await signIn(app, runtime, cast.users.finder);
      const cookie = `kk_session=${keep(session.sessionToken ?? "")}`;
      expect((await me({ cookie })).statusCode).toBe(200);
      const out = await session.inject({ method: "POST", url: "/api/v1/auth/logout" });
      expect(out.statusCode, out.body).toBe(200);
      expect(setCookie(out, "kk_session")).toMatch(/Expires=Thu, 01 Jan 1970/);
      expectProblem(await me({ cookie }), 401, "unauthenticated");
    });

    it("refuses writes made with the session cookie but without the CSRF token (403) and accepts them with x-csrf-token", async () => {
      const session = await signIn(app, runtime, cast.users.finder);
      keep(session.sessionToken ?? "");
      const without = await session.inject({
        method: "POST",
        url: "/api/v1/tokens",
        payload: { name: "csrf" },
        csrf: false,
      });
      expectProblem(without, 403, "csrf_invalid");
      const forged = await session.inject({
        method: "PATCH",
        url: "/api/v1/me",
        payload: { name: "Forged" },
        headers: { "x-csrf-token": "forged-token" },
        csrf: false,
      });
      expectProblem(forged, 403, "csrf_invalid");
      const withToken = await session.inject({
        method: "POST",
        url: "/api/v1/tokens",
        payload: { name: "csrf" },
      });
      expect(withToken.statusCode, withToken.body).toBe(201);
      keep(withToken.json().token);
    });
  });

  describe("the signed-in user", () => {
    it("GET /api/v1/me describes a finder: no organization, no role", async () => {
      const finder = cast.users.finder;
      const response = await me(finder.bearer);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: finder.userId,
        email: finder.email,
        name: finder.name,
        language: "en",
        organization: null,
        role: null,
      });
      // The same for a finder who registered through the API and confirmed the mailed link.
      const registered = await registerFinderThroughApi(app, runtime, {
        email: "registered@researcher.example",
        name: "Registered Finder",
      });
      keep(registered.token);
      expect((await me(registered.bearer)).json()).toEqual({
        id: registered.userId,
        email: "registered@researcher.example",
        name: "Registered Finder",
        language: "en",
        emailVerified: true,
        organization: null,
        role: null,
        twoFactorEnabled: false,
      });
    });

    it("GET /api/v1/me describes a vendor member with its organization and role", async () => {
      const member = cast.users.vendorAMember;
      const response = await me(member.bearer);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: member.userId,
        email: member.email,
        organization: {
          id: cast.organizations.vendorA,
          type: "vendor",
          name: "Vendor A Corporation",
        },
        role: "member",
      });
    });

    it("GET /api/v1/me without credentials, or with an unknown token, is 401", async () => {
      expectProblem(await app.inject({ method: "GET", url: "/api/v1/me" }), 401);
      expectProblem(await me({ authorization: "Bearer kkt_not-a-real-token" }), 401);
    });

    it("creates an API token (201 { token }) that works as a bearer, records its last use, and fails with 401 once revoked", async () => {
      const session = await signIn(app, runtime, cast.users.otherFinder);
      keep(session.sessionToken ?? "");
      const created = await session.inject({
        method: "POST",
        url: "/api/v1/tokens",
        payload: { name: "PSIRT tooling" },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { id, token } = created.json() as { id: string; token: string };
      keep(token);
      const bearer = { authorization: `Bearer ${token}` };

      const before = (await session.inject({ method: "GET", url: "/api/v1/tokens" })).json();
      expect(before.items.find((item: { id: string }) => item.id === id)).toMatchObject({
        name: "PSIRT tooling",
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(JSON.stringify(before)).not.toContain(token);

      runtime.clock.advance(5 * MINUTE);
      const used = await me(bearer);
      expect(used.statusCode).toBe(200);
      expect(used.json().id).toBe(cast.users.otherFinder.userId);
      const after = (await session.inject({ method: "GET", url: "/api/v1/tokens" })).json();
      expect(after.items.find((item: { id: string }) => item.id === id).lastUsedAt).toBe(
        runtime.clock.now().toISOString(),
      );

      // Another user cannot revoke it: it does not exist for them.
      const foreign = await app.inject({
        method: "DELETE",
        url: `/api/v1/tokens/${id}`,
        headers: cast.users.finder.bearer,
      });
      expectProblem(foreign, 404);
      expect((await me(bearer)).statusCode).toBe(200);

      const revoked = await session.inject({ method: "DELETE", url: `/api/v1/tokens/${id}` });
      expect(revoked.statusCode, revoked.body).toBe(204);
      expectProblem(await me(bearer), 401);
      const listed = (await session.inject({ method: "GET", url: "/api/v1/tokens" })).json();
      expect(listed.items.find((item: { id: string }) => item.id === id).revokedAt).toBe(
        runtime.clock.now().toISOString(),
      );
    });
  });

  describe("the second factor", () => {
    let member: TestUser;
    let secret: string;
    let recoveryCodes: string[];

    it("makes an organization member enrol TOTP at the first sign-in; until then the session gets 401 second_factor_required", async () => {
      member = await extraUser({ organization: "vendorA" });
      const session = browserSession(app, member.ip);
      const response = await session.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: member.email, password: member.password },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().secondFactor).toBe("enrolment_required");
      keep(session.sessionToken ?? "");

      expectProblem(
        await session.inject({ method: "GET", url: "/api/v1/tokens" }),
        401,
        "second_factor_required",
      );
      expectProblem(
        await session.inject({ method: "POST", url: "/api/v1/tokens", payload: { name: "x" } }),
        401,
        "second_factor_required",
      );
      expectProblem(
        await session.inject({
          method: "GET",
          url: `/api/v1/organizations/${member.organizationId}`,
        }),
        401,
        "second_factor_required",
      );
      // Who is signed in can be asked: the page that enrols needs it.
      expect((await session.inject({ method: "GET", url: "/api/v1/me" })).json()).toMatchObject({
        id: member.userId,
        twoFactorEnabled: false,
      });

      const enrol = await session.inject({ method: "POST", url: "/api/v1/auth/totp/enrol" });
      expect(enrol.statusCode, enrol.body).toBe(200);
      secret = keep(enrol.json().secret as string);
      expect(enrol.json().otpauthUri).toMatch(/^otpauth:\/\/totp\//);

      const code = await totpCode(runtime, secret);
      const wrongCode = code === "123456" ? "654321" : "123456";
      expectProblem(
        await session.inject({
          method: "POST",
          url: "/api/v1/auth/totp/confirm",
          payload: { code: wrongCode },
        }),
        422,
      );
      expectProblem(
        await session.inject({ method: "GET", url: "/api/v1/tokens" }),
        401,
        "second_factor_required",
      );

      const confirm = await session.inject({
        method: "POST",
        url: "/api/v1/auth/totp/confirm",
        payload: { code },
      });
      expect(confirm.statusCode, confirm.body).toBe(200);
      recoveryCodes = confirm.json().recoveryCodes;
      expect(recoveryCodes).toHaveLength(10);
      for (const recovery of recoveryCodes) keep(recovery);
      expect((await session.inject({ method: "GET", url: "/api/v1/tokens" })).statusCode).toBe(200);
    });

    it("asks a TOTP user for the code ('required'), refuses a wrong code with 401 and completes with the right one", async () => {
      runtime.clock.advance(30_000);
      const without = await login(member, member.password);
      expect(without.statusCode).toBe(200);
      expect(without.json().secondFactor).toBe("required");
      const pending = `kk_session=${await sessionCookieOf(without)}`;
      expectProblem(
        await app.inject({ method: "GET", url: "/api/v1/tokens", headers: { cookie: pending } }),
        401,
        "second_factor_required",
      );

      const code = await totpCode(runtime, secret);
      const wrongCode = String((Number(code) + 500_000) % 1_000_000).padStart(6, "0");
      const wrong = await login(member, member.password, wrongCode);
      expectProblem(wrong, 401, "invalid_totp");
      expect(wrong.headers["set-cookie"]).toBeUndefined();

      const right = await login(member, member.password, code);
      expect(right.statusCode, right.body).toBe(200);
      expect(right.json().secondFactor).toBe("done");
      const cookie = `kk_session=${await sessionCookieOf(right)}`;
      expect(
        (await app.inject({ method: "GET", url: "/api/v1/tokens", headers: { cookie } }))
          .statusCode,
      ).toBe(200);

      // The code can also be given after the password, to the session that owes it.
      runtime.clock.advance(30_000);
      const session = browserSession(app, member.ip);
      await session.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: member.email, password: member.password },
      });
      keep(session.sessionToken ?? "");
      const second = await session.inject({
        method: "POST",
        url: "/api/v1/auth/second-factor",
        payload: { code: await totpCode(runtime, secret) },
      });
      expect(second.statusCode, second.body).toBe(200);
      expect((await session.inject({ method: "GET", url: "/api/v1/tokens" })).statusCode).toBe(200);
    });

    it("accepts a TOTP code once: the same code again is refused with 401 (replay)", async () => {
      runtime.clock.advance(30_000);
      const code = await totpCode(runtime, secret);
      const first = await login(member, member.password, code);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().secondFactor).toBe("done");
      await sessionCookieOf(first);
      expectProblem(await login(member, member.password, code), 401, "invalid_totp");

      const session = browserSession(app, member.ip);
      await session.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: member.email, password: member.password },
      });
      keep(session.sessionToken ?? "");
      expectProblem(
        await session.inject({
          method: "POST",
          url: "/api/v1/auth/second-factor",
          payload: { code },
        }),
        401,
        "invalid_totp",
      );
    });

    it("does not let a password-only sign-in reset the failures counted against the second factor", async () => {
      // A complete sign-in first: the count starts from zero.
      runtime.clock.advance(30_000);
      const complete = await login(member, member.password, await totpCode(runtime, secret));
      expect(complete.json().secondFactor).toBe("done");
      const code = await totpCode(runtime, secret);
      const wrongCode = String((Number(code) + 500_000) % 1_000_000).padStart(6, "0");
      const pendingSession = async () => {
        const session = browserSession(app, member.ip);
        const signedIn = await session.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: member.email, password: member.password },
        });
        expect(signedIn.json().secondFactor).toBe("required");
        keep(session.sessionToken ?? "");
        return session;
      };
      let session = await pendingSession();
      for (let attempt = 0; attempt < 9; attempt += 1) {
        const refused = await session.inject({
          method: "POST",
          url: "/api/v1/auth/second-factor",
          payload: { code: wrongCode },
        });
        expectProblem(refused, 401, "invalid_totp");
      }
      // Signing in again with the password alone must not wipe the nine failures.
      session = await pendingSession();
      await session.inject({
        method: "POST",
        url: "/api/v1/auth/second-factor",
        payload: { code: wrongCode },
      });
      expectProblem(await login(member, member.password), 429, "account_locked");
      runtime.clock.advance(16 * 60_000);
    });

    it("accepts a recovery code once in place of the TOTP code", async () => {
      const recovery = recoveryCodes[0] as string;
      const use = async () => {
        const session = browserSession(app, member.ip);
        const response = await session.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: member.email, password: member.password },
        });
        expect(response.json().secondFactor).toBe("required");
        keep(session.sessionToken ?? "");
        const answer = await session.inject({
          method: "POST",
          url: "/api/v1/auth/second-factor",
          payload: { code: recovery.toUpperCase() },
        });
        return { session, answer };
      };
      const first = await use();
      expect(first.answer.statusCode, first.answer.body).toBe(200);
      expect(
        (await first.session.inject({ method: "GET", url: "/api/v1/tokens" })).statusCode,
      ).toBe(200);
      const second = await use();
      expectProblem(second.answer, 401, "invalid_totp");
      expectProblem(
        await second.session.inject({ method: "GET", url: "/api/v1/tokens" }),
        401,
        "second_factor_required",
      );
    });
  });

  describe("password reset and invitations", () => {
    it("answers a reset request with 202 for any address but mails only a known one; the token sets the password, ends sessions and API tokens, and the old password fails", async () => {
      const user = await extraUser();
      const session = await signIn(app, runtime, user);
      keep(session.sessionToken ?? "");
      const apiToken = keep(
        await runtime.services.accounts.createApiTokenForEmail(
          SYSTEM_ACTOR,
          user.email,
          "before the reset",
        ),
      );
      const unknownAddress = "unknown-reset@accounts.example";

      const unknown = await app.inject({
        method: "POST",
        url: "/api/v1/auth/password-reset",
        remoteAddress: user.ip,
        payload: { email: unknownAddress },
      });
      expect(unknown.statusCode).toBe(202);
      const known = await app.inject({
        method: "POST",
        url: "/api/v1/auth/password-reset",
        remoteAddress: user.ip,
        payload: { email: user.email },
      });
      expect(known.statusCode).toBe(202);
      expect(known.body).toBe(unknown.body);
      expect(await deliveredMail(runtime, unknownAddress)).toEqual([]);
      const token = keep(await mailedToken(runtime, user.email, "/password-reset/complete"));

      const newPassword = keep("A-new-bridge-password-77");
      const weak = await app.inject({
        method: "POST",
        url: "/api/v1/auth/password-reset/complete",
        remoteAddress: user.ip,
        payload: { token, password: "password1234" },
      });
      expect(expectProblem(weak, 422).errors?.map((error) => error.path)).toEqual(["password"]);
      const done = await app.inject({
        method: "POST",
        url: "/api/v1/auth/password-reset/complete",
        remoteAddress: user.ip,
        payload: { token, password: newPassword },
      });
      expect(done.statusCode, done.body).toBe(200);

      expectProblem(await session.inject({ method: "GET", url: "/api/v1/me" }), 401);
      expectProblem(
        await app.inject({
          method: "GET",
          url: "/api/v1/me",
          headers: { authorization: `Bearer ${apiToken}` },
        }),
        401,
      );
      expectProblem(await login(user, user.password), 401, "invalid_credentials");
      const withNew = await login(user, newPassword);
      expect(withNew.statusCode, withNew.body).toBe(200);
      await sessionCookieOf(withNew);

      const reused = await app.inject({
        method: "POST",
        url: "/api/v1/auth/password-reset/complete",
        remoteAddress: user.ip,
        payload: { token, password: keep("Yet-another-bridge-88") },
      });
      expectProblem(reused, 422);
    });

    it("lets a vendor admin invite a member (201 { userId }); the mailed token sets the password and the member signs in", async () => {
      const admin = cast.users.vendorAAdmin;
      const email = "invited@vendor-a.example";
      const invited = await app.inject({
        method: "POST",
        url: `/api/v1/organizations/${cast.organizations.vendorA}/members`,
        headers: admin.bearer,
        remoteAddress: admin.ip,
        payload: { email, name: "Invited Member", role: "member" },
      });
      expect(invited.statusCode, invited.body).toBe(201);
      const { userId } = invited.json();
      expect(Object.keys(invited.json())).toEqual(["userId"]);

      const password = keep("Invited-bridge-password-5");
      const ip = newIp();
      // No password yet: nothing signs in.
      expectProblem(await login({ email, ip }, password), 401);

      const token = keep(await mailedToken(runtime, email, "/invitation"));
      const accepted = await app.inject({
        method: "POST",
        url: "/api/v1/auth/accept-invitation",
        remoteAddress: ip,
        payload: { token, password },
      });
      expect(accepted.statusCode, accepted.body).toBe(200);

      const signedIn = await login({ email, ip }, password);
      expect(signedIn.statusCode, signedIn.body).toBe(200);
      expect(signedIn.json()).toMatchObject({ id: userId, secondFactor: "enrolment_required" });
      const cookie = `kk_session=${await sessionCookieOf(signedIn)}`;
      expect((await me({ cookie })).json()).toMatchObject({
        id: userId,
        emailVerified: true,
        organization: { id: cast.organizations.vendorA, type: "vendor" },
        role: "member",
      });

      const again = await app.inject({
        method: "POST",
        url: "/api/v1/auth/accept-invitation",
        remoteAddress: ip,
        payload: { token, password: keep("Another-bridge-password-6") },
      });
      expectProblem(again, 422);
    });
  });

  describe("secrets stay out of the logs and the audit log", () => {
    it("logs no password, token or mail-link token, and the audit log holds none", async () => {
      // A flow of its own, so the check holds even when run alone.
      const email = "logged@researcher.example";
      const ip = newIp();
      const password = keep("Logged-bridge-password-9");
      await app.inject({
        method: "POST",
        url: "/api/v1/finders",
        remoteAddress: ip,
        payload: { email, password, name: "Logged", language: "ja" },
      });
      const verifyToken = keep(await mailedToken(runtime, email, "/verify-email"));
      await app.inject({
        method: "POST",
        url: "/api/v1/auth/verify-email",
        remoteAddress: ip,
        payload: { token: verifyToken },
      });
      await login({ email, ip }, keep("Logged-wrong-password-0"));
      const session = browserSession(app, ip);
      await session.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email, password },
      });
      keep(session.sessionToken ?? "");
      const created = await session.inject({
        method: "POST",
        url: "/api/v1/tokens",
        payload: { name: "logged" },
      });
      const token = keep(created.json().token as string);
      await me({ authorization: `Bearer ${token}` });
      await app.inject({
        method: "POST",
        url: "/api/v1/auth/password-reset",
        remoteAddress: ip,
        payload: { email },
      });
      keep(await mailedToken(runtime, email, "/password-reset/complete"));

      // The logs are really captured: requests and mail deliveries are there.
      expect(logLines.some((line) => line.includes("/api/v1/auth/login"))).toBe(true);
      expect(logLines.some((line) => line.includes("mail delivered"))).toBe(true);

      const audit = await runtime.database.db.selectFrom("audit_log").selectAll().execute();
      expect(audit.length).toBeGreaterThan(20);
      const leaks: string[] = [];
      for (const value of secrets) {
        if (value.length < 8) continue;
        for (const line of logLines) if (line.includes(value)) leaks.push(`log: ${line}`);
        for (const entry of audit) {
          if (JSON.stringify(entry).includes(value))
            leaks.push(`audit ${entry.seq}: ${entry.type}`);
        }
      }
      expect(leaks).toEqual([]);
      expect(secrets.size).toBeGreaterThan(30);
    });
  });
});
