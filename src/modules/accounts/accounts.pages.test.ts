import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { simpleParser } from "mailparser";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import {
  createTestApp,
  createTestRuntime,
  type TestRuntime,
} from "../../../test/support/runtime.ts";
import { LANGUAGE_COOKIE, SESSION_COOKIE } from "../../platform/http/context.ts";
import { en } from "../../platform/i18n/en.ts";
import type { Catalog, Language } from "../../platform/i18n/i18n.ts";
import { ja } from "../../platform/i18n/ja.ts";
import { SYSTEM_ACTOR } from "../access/actor.ts";

const CATALOGS: Record<Language, Catalog> = { ja, en };
const PASSWORD = "Bridge-of-trust-2026!";
const FORM = "application/x-www-form-urlencoded";

/** A text as Preact writes it into the page (it escapes &, < and "). */
function html(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;");
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");
}

/** A browser without JavaScript: keeps cookies, reads the CSRF token of the last page. */
class Visitor {
  readonly cookies = new Map<string, string>();
  csrfToken = "";

  constructor(
    private readonly app: FastifyInstance,
    private readonly acceptLanguage = "ja",
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    return {
      accept: "text/html",
      "accept-language": this.acceptLanguage,
      ...(cookie ? { cookie } : {}),
      ...extra,
    };
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }[]) {
      const expired =
        cookie.value === "" ||
        cookie.maxAge === 0 ||
        (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: "GET", url, headers: this.headers() }));
  }

  /** Posts a form as the page would, with the CSRF token unless told otherwise. */
  async post(
    url: string,
    fields: Record<string, string>,
    options: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.csrfToken) await this.get("/signin");
    const body = new URLSearchParams({
      ...(options.csrf === false ? {} : { _csrf: this.csrfToken }),
      ...fields,
    });
    return this.remember(
      await this.app.inject({
        method: "POST",
        url,
        headers: this.headers({ "content-type": FORM }),
        payload: body.toString(),
      }),
    );
  }
}

/** The value of an input in the page, by name (its attributes never hold a literal ">" here). */
function inputValue(body: string, name: string): string | undefined {
  const match = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(body)?.[0];
  const value = match ? /value="([^"]*)"/.exec(match)?.[1] : undefined;
  return value === undefined ? undefined : unescapeHtml(value);
}

function location(response: LightMyRequestResponse): string | undefined {
  const value = response.headers.location;
  return typeof value === "string" ? value : undefined;
}

describe.each(testDatabaseTargets())("the account pages on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;
  let sequence = 0;
  const uniqueEmail = (label: string) => `${label}-${++sequence}@example.jp`;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await createTestApp(runtime);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  /** Delivers the due mail and returns the messages sent to the address, oldest first. */
  async function mailsTo(address: string) {
    await runtime.jobRunner.runDue();
    const folder = path.join(runtime.dataDir, "outbox-mail");
    const files = fs.existsSync(folder)
      ? fs
          .readdirSync(folder)
          .filter((name) => name.endsWith(".eml"))
          .sort()
      : [];
    const parsed = await Promise.all(
      files.map((name) => simpleParser(fs.readFileSync(path.join(folder, name)))),
    );
    return parsed.filter((mail) => {
      const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
      return to?.text === address;
    });
  }

  async function linkMailedTo(address: string, pathName: string): Promise<string> {
    const pattern = new RegExp(`https?://[^/\\s]+(${pathName}\\?token=[\\w-]+)`);
    const links = (await mailsTo(address)).flatMap((mail) => {
      const match = pattern.exec(mail.text ?? "");
      return match?.[1] ? [match[1]] : [];
    });
    if (links.length !== 1) throw new Error(`not one ${pathName} link mailed to ${address}`);
    return links[0] as string;
  }

  async function signUp(visitor: Visitor, email: string, language: Language = "ja") {
    await visitor.get("/signup");
    return visitor.post("/signup", { name: "発見 太郎", email, password: PASSWORD, language });
  }

  async function signIn(visitor: Visitor, email: string, password = PASSWORD, next?: string) {
    await visitor.get("/signin");
    return visitor.post("/signin", { email, password, ...(next ? { next } : {}) });
  }

  async function createMember(language: Language = "ja") {
    const desks = await runtime.services.organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
      intake: "受付窓口",
      coordinator: "調整機関",
    });
    const email = uniqueEmail("member");
    const { userId } = await runtime.services.accounts.createUser(SYSTEM_ACTOR, {
      email,
      name: "調整 花子",
      password: PASSWORD,
      language,
      organizationId: desks.coordinatorOrganizationId,
      role: "member",
    });
    return { email, userId };
  }

  const totpNow = (secret: string) =>
    generate({ secret, epoch: Math.floor(runtime.clock.now().getTime() / 1000) });

  /** Signs a member in and completes TOTP enrolment; returns the secret and recovery codes. */
  async function enrolledMember(language: Language = "ja") {
    const member = await createMember(language);
    const visitor = new Visitor(app);
    await signIn(visitor, member.email);
    const page = await visitor.get("/account/two-factor");
    const secret = inputValue(page.body, "secret") ?? "";
    const done = await visitor.post("/account/two-factor", {
      secret,
      code: await totpNow(secret),
    });
    expect(done.statusCode).toBe(200);
    const recoveryCodes = [
      ...done.body.matchAll(/<code class="mono">([a-z0-9-]{14})<\/code>/g),
    ].map((match) => match[1] ?? "");
    return { ...member, visitor, secret, recoveryCodes };
  }

  describe.each(["ja", "en"] as const)("in %s", (language) => {
    const catalog = CATALOGS[language];
    const pages = [
      { url: "/signup", title: catalog["accounts.signup.title"] },
      { url: "/signin", title: catalog["accounts.signin.title"] },
      { url: "/password-reset", title: catalog["accounts.passwordReset.title"] },
      { url: "/verify-email?token=kkm_x", title: catalog["accounts.verifyEmail.title"] },
      {
        url: "/password-reset/complete?token=kkm_x",
        title: catalog["accounts.passwordResetComplete.title"],
      },
      { url: "/invitation?token=kkm_x", title: catalog["accounts.invitation.title"] },
      { url: "/verify-email", title: catalog["accounts.invalidLink.title"], status: 400 },
    ];

    it.each(pages)("shows $url to a visitor who asks for it in that language", async (page) => {
      const response = await new Visitor(app, language).get(page.url);
      expect(response.statusCode).toBe(page.status ?? 200);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.body).toContain(`<html lang="${language}"`);
      expect(response.body).toContain(`<h1>${html(page.title)}</h1>`);
      expect(response.body).toContain(`<title>${html(page.title)}</title>`);
    });

    it("shows the account, two-factor and second-factor pages in the account's language", async () => {
      // The visitor's browser asks for the other language: the account's choice wins.
      const other = language === "ja" ? "en" : "ja";
      const member = await createMember(language);
      const visitor = new Visitor(app, other);
      const signedIn = await signIn(visitor, member.email);
      expect(location(signedIn)).toBe("/account/two-factor");
      const enrolment = await visitor.get("/account/two-factor");
      expect(enrolment.statusCode).toBe(200);
      expect(enrolment.body).toContain(`<html lang="${language}"`);
      expect(enrolment.body).toContain(`<h1>${html(catalog["accounts.twoFactor.title"])}</h1>`);
      expect(enrolment.body).toContain(html(catalog["accounts.twoFactor.mandatory"]));
      const secret = inputValue(enrolment.body, "secret") ?? "";
      const confirmed = await visitor.post("/account/two-factor", {
        secret,
        code: await totpNow(secret),
      });
      expect(confirmed.body).toContain(`<h1>${html(catalog["accounts.recoveryCodes.title"])}</h1>`);

      const account = await visitor.get("/account");
      expect(account.statusCode).toBe(200);
      expect(account.body).toContain(`<html lang="${language}"`);
      expect(account.body).toContain(`<h1>${html(catalog["accounts.account.title"])}</h1>`);
      expect(account.body).toContain(html(catalog["accounts.account.twoFactor.enabled"]));

      await visitor.post("/signout", {});
      runtime.clock.advance(30_000);
      await signIn(visitor, member.email);
      const second = await visitor.get("/signin/second-factor");
      expect(second.statusCode).toBe(200);
      expect(second.body).toContain(`<html lang="${language}"`);
      expect(second.body).toContain(`<h1>${html(catalog["accounts.secondFactor.title"])}</h1>`);
    });
  });

  it("refuses every form post without a valid CSRF token with 403, and does nothing", async () => {
    const visitor = new Visitor(app);
    const email = uniqueEmail("csrf");
    await signUp(visitor, email);
    await signIn(visitor, email);
    expect(visitor.cookies.get(SESSION_COOKIE)).toBeTruthy();
    const posts = [
      "/signup",
      "/verify-email",
      "/signin",
      "/signin/second-factor",
      "/account/two-factor",
      "/signout",
      "/password-reset",
      "/password-reset/complete",
      "/invitation",
      "/account/profile",
      "/account/password",
      "/account/resend-verification",
      "/account/tokens",
      "/account/tokens/some-id/revoke",
    ];
    for (const url of posts) {
      const missing = await visitor.post(url, { name: "x" }, { csrf: false });
      expect(missing.statusCode, `${url} without a token`).toBe(403);
      const forged = await visitor.post(url, { _csrf: "forged", name: "x" }, { csrf: false });
      expect(forged.statusCode, `${url} with a forged token`).toBe(403);
    }
    // Sign-out was refused: the session still works; the profile was not changed.
    const account = await visitor.get("/account");
    expect(account.statusCode).toBe(200);
    expect(inputValue(account.body, "name")).toBe("発見 太郎");
  });

  it("re-renders sign-up with the error and what was typed (not the password) when the password is weak", async () => {
    const visitor = new Visitor(app);
    await visitor.get("/signup");
    const email = uniqueEmail("weak");
    const common = await visitor.post("/signup", {
      name: 'Ada "Lovelace" & <Co',
      email,
      password: "password1234",
      language: "en",
    });
    expect(common.statusCode).toBe(422);
    expect(common.body).toContain(
      `<title>${html(ja["accounts.errorTitle"].replace("{title}", ja["accounts.signup.title"]))}</title>`,
    );
    expect(common.body).toContain('class="error-summary"');
    expect(common.body).toContain('href="#field-password"');
    expect(common.body).toContain(html(ja["accounts.error.password.tooCommon"]));
    expect(inputValue(common.body, "name")).toBe('Ada "Lovelace" & <Co');
    expect(inputValue(common.body, "email")).toBe(email);
    expect(common.body).not.toContain("password1234");
    expect(common.body).toMatch(/<option value="en" selected/);

    const short = await visitor.post("/signup", {
      name: "Ada",
      email,
      password: "short",
      language: "ja",
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain(html(ja["accounts.error.password.tooShort"]));

    const invalid = await visitor.post("/signup", {
      name: " ",
      email: "not-an-address",
      password: "",
      language: "xx",
    });
    expect(invalid.statusCode).toBe(422);
    for (const key of [
      "accounts.error.nameRequired",
      "accounts.error.emailInvalid",
      "accounts.error.passwordRequired",
      "accounts.error.languageInvalid",
    ] as const)
      expect(invalid.body).toContain(html(ja[key]));
    expect(await mailsTo(email)).toHaveLength(0);
  });

  it("queues a verification mail in the chosen language when sign-up succeeds, and refuses a taken address", async () => {
    const visitor = new Visitor(app);
    const email = uniqueEmail("signup");
    const response = await signUp(visitor, email, "en");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<h1>${html(ja["accounts.signupSent.title"])}</h1>`);
    expect(response.body).toContain(email);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(en["mail.verifyEmail.subject"]);
    expect(await linkMailedTo(email, "/verify-email")).toMatch(/^\/verify-email\?token=kkm_/);

    const again = await signUp(new Visitor(app), email);
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain(html(ja["accounts.error.emailTaken"]));
  });

  it("confirms an address only when the button is pressed: the link itself does not spend the token", async () => {
    const visitor = new Visitor(app);
    const email = uniqueEmail("verify");
    await signUp(visitor, email);
    const link = await linkMailedTo(email, "/verify-email");
    const token = new URLSearchParams(link.split("?")[1]).get("token") ?? "";
    const verified = async () =>
      (
        await runtime.database.db
          .selectFrom("users")
          .select("email_verified_at")
          .where("email", "=", email)
          .executeTakeFirstOrThrow()
      ).email_verified_at;

    for (let visit = 0; visit < 2; visit++) {
      const page = await visitor.get(link);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('action="/verify-email"');
      expect(inputValue(page.body, "token")).toBe(token);
    }
    expect(await verified()).toBeNull();

    const confirmed = await visitor.post("/verify-email", { token });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain(`<h1>${html(ja["accounts.verifyEmailDone.title"])}</h1>`);
    expect(confirmed.body).toContain('href="/signin"');
    expect(await verified()).not.toBeNull();

    const reused = await visitor.post("/verify-email", { token });
    expect(reused.statusCode).toBe(422);
    expect(reused.body).toContain(`<h1>${html(ja["accounts.invalidLink.title"])}</h1>`);
  });

  it("signs in with a session cookie that is HttpOnly, SameSite=Lax and for the whole site, and lands the finder on their reports", async () => {
    const visitor = new Visitor(app);
    const email = uniqueEmail("signin");
    await signUp(visitor, email);
    const response = await signIn(visitor, email);
    expect(response.statusCode).toBe(303);
    expect(location(response)).toBe("/reports");
    const cookie = response.cookies.find((entry) => entry.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    const setCookie = [response.headers["set-cookie"]].flat().join("\n");
    expect(setCookie).toMatch(/kk_session=[^;]+;.*HttpOnly/);

    const account = await visitor.get("/account");
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain(email);
    expect(account.body).toContain(html(ja["accounts.account.email.unverified"]));
    // A signed-in visitor asking for the sign-in page goes on to their landing page.
    expect(location(await visitor.get("/signin"))).toBe("/reports");
  });

  it("returns to the local page given as next after sign-in, and lands on the role's page for any other next", async () => {
    const email = uniqueEmail("next");
    await signUp(new Visitor(app), email);
    const form = await new Visitor(app).get("/signin?next=%2Faccount%3Fdone%3Dprofile");
    expect(inputValue(form.body, "next")).toBe("/account?done=profile");
    const local = await signIn(new Visitor(app), email, PASSWORD, "/account?done=profile");
    expect(location(local)).toBe("/account?done=profile");
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      expect(location(await signIn(new Visitor(app), email, PASSWORD, next))).toBe("/reports");
    }
  });

  it("shows a readable error for a wrong password and keeps the address, without a session", async () => {
    const email = uniqueEmail("wrong");
    await signUp(new Visitor(app), email);
    for (const language of ["ja", "en"] as const) {
      const visitor = new Visitor(app, language);
      const response = await signIn(visitor, email, "Not-the-password-2026");
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain(
        html(CATALOGS[language]["accounts.error.invalidCredentials"]),
      );
      expect(response.body).toContain('href="#field-email"');
      expect(inputValue(response.body, "email")).toBe(email);
      expect(response.body).not.toContain("Not-the-password-2026");
      expect(visitor.cookies.has(SESSION_COOKIE)).toBe(false);
    }
  });

  it("says the account is locked (429) after ten failed sign-ins, even with the right password", async () => {
    const email = uniqueEmail("locked");
    await signUp(new Visitor(app), email);
    const visitor = new Visitor(app);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++)
      statuses.push((await signIn(visitor, email, `Wrong-password-${attempt}-x`)).statusCode);
    expect(statuses).toEqual([...Array(9).fill(422), 429]);
    const locked = await signIn(visitor, email);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain(html(ja["accounts.error.locked"]));
    expect(visitor.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("ends the session at sign-out: the old cookie no longer works", async () => {
    const visitor = new Visitor(app);
    const email = uniqueEmail("signout");
    await signUp(visitor, email);
    await signIn(visitor, email);
    const oldCookie = visitor.cookies.get(SESSION_COOKIE) ?? "";
    expect(oldCookie).not.toBe("");
    await visitor.get("/account");

    const response = await visitor.post("/signout", {});
    expect(response.statusCode).toBe(303);
    expect(location(response)).toBe("/");
    expect(visitor.cookies.has(SESSION_COOKIE)).toBe(false);

    visitor.cookies.set(SESSION_COOKIE, oldCookie);
    const account = await visitor.get("/account");
    expect(account.statusCode).toBe(303);
    expect(location(account)).toBe("/signin?next=%2Faccount");
  });

  it("sends anonymous visitors of /account to sign in, and back", async () => {
    const response = await new Visitor(app).get("/account");
    expect(response.statusCode).toBe(303);
    expect(location(response)).toBe("/signin?next=%2Faccount");
  });

  it("takes a member through TOTP enrolment, shows the recovery codes once, then asks for a code at every sign-in", async () => {
    const member = await createMember();
    const visitor = new Visitor(app);
    const signedIn = await signIn(visitor, member.email, PASSWORD, "/account?done=profile");
    expect(location(signedIn)).toBe("/account/two-factor?next=%2Faccount%3Fdone%3Dprofile");
    // Until enrolment is done, the account page sends the member to finish it.
    const blocked = await visitor.get("/account");
    expect(location(blocked)).toBe("/signin/second-factor?next=%2Faccount");
    expect(location(await visitor.get("/signin/second-factor?next=%2Faccount"))).toBe(
      "/account/two-factor?next=%2Faccount",
    );

    const page = await visitor.get("/account/two-factor?next=%2Faccount%3Fdone%3Dprofile");
    expect(page.statusCode).toBe(200);
    const secret = inputValue(page.body, "secret") ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(page.body).toContain(`<code id="totp-secret" class="mono">`);
    const img = /<img[^>]*class="qr-code"[^>]*>/.exec(page.body)?.[0] ?? "";
    expect(img).toContain(`alt="${html(ja["accounts.twoFactor.qrAlt"])}"`);
    const svg = Buffer.from(
      /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(img)?.[1] ?? "",
      "base64",
    ).toString();
    expect(svg).toMatch(/^<svg /);
    expect(page.body).not.toMatch(/<svg|style=/);

    const wrong = await visitor.post("/account/two-factor", {
      secret,
      code: "000000",
      next: "/account?done=profile",
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain(html(ja["accounts.error.invalidCode"]));
    expect(inputValue(wrong.body, "secret")).toBe(secret);

    const done = await visitor.post("/account/two-factor", {
      secret,
      code: await totpNow(secret),
      next: "/account?done=profile",
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(html(ja["accounts.recoveryCodes.warning"]));
    const codes = [...done.body.matchAll(/<code class="mono">([a-z0-9-]{14})<\/code>/g)];
    expect(codes).toHaveLength(10);
    expect(done.body).toContain('href="/account?done=profile"');
    expect((await visitor.get("/account")).statusCode).toBe(200);
    const already = await visitor.get("/account/two-factor");
    expect(already.body).toContain(`<h1>${html(ja["accounts.twoFactorAlready.title"])}</h1>`);
    expect(already.body).not.toMatch(/<code class="mono">[a-z0-9]{4}-/);

    await visitor.post("/signout", {});
    runtime.clock.advance(30_000);
    const again = await signIn(visitor, member.email);
    expect(location(again)).toBe("/signin/second-factor");
    expect(location(await visitor.get("/account"))).toBe("/signin/second-factor?next=%2Faccount");
    const second = await visitor.get("/signin/second-factor");
    expect(second.body).toContain('autocomplete="one-time-code"');
    const refused = await visitor.post("/signin/second-factor", { code: "123456" });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(html(ja["accounts.error.invalidCode"]));
    const accepted = await visitor.post("/signin/second-factor", { code: await totpNow(secret) });
    expect(accepted.statusCode).toBe(303);
    expect(location(accepted)).toBe("/cases");
    expect((await visitor.get("/account")).statusCode).toBe(200);
  });

  it("accepts each recovery code once in place of the authenticator code", async () => {
    const member = await enrolledMember();
    expect(member.recoveryCodes).toHaveLength(10);
    const code = member.recoveryCodes[0] ?? "";
    const visitor = new Visitor(app);
    await signIn(visitor, member.email);
    const accepted = await visitor.post("/signin/second-factor", { code: code.toUpperCase() });
    expect(location(accepted)).toBe("/cases");

    const other = new Visitor(app);
    await signIn(other, member.email);
    const reused = await other.post("/signin/second-factor", { code });
    expect(reused.statusCode).toBe(422);
    expect((await other.get("/account")).statusCode).toBe(303);
  });

  it("changes the name and language; the pages follow the account's language", async () => {
    const visitor = new Visitor(app);
    const email = uniqueEmail("profile");
    await signUp(visitor, email);
    await signIn(visitor, email);
    await visitor.get("/account");
    const empty = await visitor.post("/account/profile", { name: "", language: "en" });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain(html(ja["accounts.error.nameRequired"]));

    const saved = await visitor.post("/account/profile", { name: "Ada Lovelace", language: "en" });
    expect(saved.statusCode).toBe(303);
    expect(location(saved)).toBe("/account?done=profile");
    expect(visitor.cookies.get(LANGUAGE_COOKIE)).toBe("en");
    const page = await visitor.get("/account?done=profile");
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain(html(en["accounts.account.notice.profile"]));
    expect(inputValue(page.body, "name")).toBe("Ada Lovelace");
  });

  it("changes the password only with the current one and a strong new one", async () => {
    const visitor = new Visitor(app);
    const email = uniqueEmail("password");
    await signUp(visitor, email);
    await signIn(visitor, email);
    await visitor.get("/account");

    const wrongCurrent = await visitor.post("/account/password", {
      currentPassword: "Not-the-password-2026",
      newPassword: "Another-strong-pass-77",
    });
    expect(wrongCurrent.statusCode).toBe(422);
    expect(wrongCurrent.body).toContain(html(ja["accounts.error.currentPasswordWrong"]));
    expect(wrongCurrent.body).toContain('href="#field-currentPassword"');

    const weak = await visitor.post("/account/password", {
      currentPassword: PASSWORD,
      newPassword: email,
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain(html(ja["accounts.error.password.containsEmail"]));
    expect(weak.body).toContain('href="#field-newPassword"');

    const changed = await visitor.post("/account/password", {
      currentPassword: PASSWORD,
      newPassword: "Another-strong-pass-77",
    });
    expect(location(changed)).toBe("/account?done=password");
    expect(location(await signIn(new Visitor(app), email, "Another-strong-pass-77"))).toBe(
      "/reports",
    );
  });

  it("resends the confirmation mail for an unconfirmed address", async () => {
    const visitor = new Visitor(app);
    const email = uniqueEmail("resend");
    await signUp(visitor, email);
    await signIn(visitor, email);
    const page = await visitor.get("/account");
    expect(page.body).toContain('action="/account/resend-verification"');
    const response = await visitor.post("/account/resend-verification", {});
    expect(location(response)).toBe("/account?done=verification");
    expect(await mailsTo(email)).toHaveLength(2);
  });

  it("creates an API token, shows it once, lists it and revokes it", async () => {
    const visitor = new Visitor(app, "en");
    const email = uniqueEmail("tokens");
    await signUp(visitor, email, "en");
    await signIn(visitor, email);
    const empty = await visitor.get("/account");
    expect(empty.body).toContain(html(en["accounts.tokens.none"]));

    const missing = await visitor.post("/account/tokens", { tokenName: " " });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain(html(en["accounts.error.tokenNameRequired"]));

    const created = await visitor.post("/account/tokens", { tokenName: "CI & scripts" });
    expect(created.statusCode).toBe(200);
    const token = /<code class="mono">(kkt_[\w-]+)<\/code>/.exec(created.body)?.[1] ?? "";
    expect(token).not.toBe("");
    expect(created.body).toContain(html(en["accounts.tokens.copyHint"]));
    const api = () =>
      app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await api()).statusCode).toBe(200);

    const listed = await visitor.get("/account");
    expect(listed.body).not.toContain(token);
    expect(listed.body).toContain('<th scope="row">CI &amp; scripts</th>');
    expect(listed.body).toMatch(/<time datetime="[^"]+">[^<]*(JST|GMT\+9)[^<]*<\/time>/);
    const revokeAction = /action="(\/account\/tokens\/[^"]+\/revoke)"/.exec(listed.body)?.[1] ?? "";
    const revoked = await visitor.post(revokeAction, {});
    expect(location(revoked)).toBe("/account?done=tokenRevoked");
    expect((await api()).statusCode).toBe(401);
    const after = await visitor.get("/account?done=tokenRevoked");
    expect(after.body).toContain(html(en["accounts.account.notice.tokenRevoked"]));
    expect(after.body).not.toContain('action="/account/tokens/');
    expect(after.body).toContain(html(en["accounts.tokens.revokedAt"]));
  });

  it("answers a password reset request the same way for any address, and sets the new password with the mailed link", async () => {
    const email = uniqueEmail("reset");
    await signUp(new Visitor(app), email);
    const visitor = new Visitor(app);
    await visitor.get("/password-reset");
    const known = await visitor.post("/password-reset", { email });
    const unknown = await visitor.post("/password-reset", { email: uniqueEmail("nobody") });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const strip = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, "");
    expect(strip(known.body)).toBe(strip(unknown.body));

    const link = await linkMailedTo(email, "/password-reset/complete");
    const form = await visitor.get(link);
    expect(form.statusCode).toBe(200);
    const token = inputValue(form.body, "token") ?? "";
    const weak = await visitor.post("/password-reset/complete", { token, password: "short" });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain(html(ja["accounts.error.password.tooShort"]));
    const done = await visitor.post("/password-reset/complete", {
      token,
      password: "Brand-new-password-42",
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(`<h1>${html(ja["accounts.passwordResetDone.title"])}</h1>`);
    expect(location(await signIn(new Visitor(app), email, "Brand-new-password-42"))).toBe(
      "/reports",
    );
    const reused = await visitor.post("/password-reset/complete", {
      token,
      password: "Brand-new-password-43",
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.body).toContain(`<h1>${html(ja["accounts.invalidLink.title"])}</h1>`);
  });

  it("accepts an invitation by setting a password; the member then enrols TOTP at first sign-in", async () => {
    const member = await createMember("en");
    await runtime.database.db
      .transaction()
      .execute((tx) =>
        runtime.services.accounts.sendInvitation(
          tx,
          { id: member.userId, email: member.email, name: "Invitee", language: "en" },
          "調整機関",
        ),
      );
    const link = await linkMailedTo(member.email, "/invitation");
    const visitor = new Visitor(app, "en");
    const form = await visitor.get(link);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('autocomplete="new-password"');
    const token = inputValue(form.body, "token") ?? "";
    const done = await visitor.post("/invitation", { token, password: "Invited-and-ready-99" });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(html(en["accounts.invitationDone.twoFactor"]));
    expect(location(await signIn(visitor, member.email, "Invited-and-ready-99"))).toBe(
      "/account/two-factor",
    );
  });
});
