import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse as Response } from "fastify";
import { simpleParser } from "mailparser";
import { generate } from "otplib";
import { SYSTEM_ACTOR, type UserActor } from "../../src/modules/access/actor.ts";
import type { MemberRole } from "../../src/platform/db/schema.ts";
import type { Language } from "../../src/platform/i18n/i18n.ts";
import type { Runtime } from "../../src/runtime.ts";
import type { TestRuntime } from "./runtime.ts";

/**
 * The people of a deployment, built on a runtime with real credentials: each user has a
 * password (argon2, so build the cast once per file), an API token, and can get a full
 * browser session with `signIn`.
 */

/** A strong password shared by the cast (not common, does not contain any address). */
export const TEST_PASSWORD = "Bridge-of-trust-2026!";

export const USER_KINDS = [
  "finder",
  "otherFinder",
  "intakeMember",
  "analyst",
  "intakeAdmin",
  "coordinatorMember",
  "coordinatorAdmin",
  "vendorAAdmin",
  "vendorAMember",
  "vendorBMember",
  "siteOperator",
  "csirt",
  "priorityRecipient",
] as const;
export type UserKind = (typeof USER_KINDS)[number];

/** Every kind of caller, anonymous first. */
export const ACTOR_KINDS = ["anonymous", ...USER_KINDS] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export type OrganizationKey =
  | "intake"
  | "coordinator"
  | "vendorA"
  | "vendorB"
  | "siteOperator"
  | "csirt"
  | "priorityRecipient";

export interface TestUser {
  kind: UserKind | "extra";
  userId: string;
  email: string;
  password: string;
  name: string;
  organizationId: string | null;
  role: MemberRole | null;
  /** An API token (created as `kakehashi token create` does). */
  token: string;
  /** `authorization: Bearer …` for inject(). */
  bearer: { authorization: string };
  /** The address this user's requests come from: each user has its own rate-limit budget. */
  ip: string;
  /** Set once the user has enrolled TOTP (signIn does it for organization members). */
  totpSecret?: string;
  recoveryCodes?: string[];
}

export interface Cast {
  organizations: Record<OrganizationKey, string>;
  users: Record<UserKind, TestUser>;
  /** The service-level actor of a user, as the user's API token resolves it. */
  actorOf(user: TestUser): Promise<UserActor>;
}

let ipCounter = 0;
/** A fresh client address for inject({ remoteAddress }). */
export function newIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

interface UserSpec {
  kind: UserKind;
  email: string;
  name: string;
  organization: OrganizationKey | null;
  role: MemberRole | null;
}

const USER_SPECS: UserSpec[] = [
  {
    kind: "finder",
    email: "finder@researcher.example",
    name: "Finder One",
    organization: null,
    role: null,
  },
  {
    kind: "otherFinder",
    email: "other-finder@researcher.example",
    name: "Finder Two",
    organization: null,
    role: null,
  },
  {
    kind: "intakeMember",
    email: "member@intake.example",
    name: "Intake Member",
    organization: "intake",
    role: "member",
  },
  {
    kind: "analyst",
    email: "analyst@intake.example",
    name: "Intake Analyst",
    organization: "intake",
    role: "analyst",
  },
  {
    kind: "intakeAdmin",
    email: "admin@intake.example",
    name: "Intake Admin",
    organization: "intake",
    role: "admin",
  },
  {
    kind: "coordinatorMember",
    email: "member@coordinator.example",
    name: "Coordinator Member",
    organization: "coordinator",
    role: "member",
  },
  {
    kind: "coordinatorAdmin",
    email: "admin@coordinator.example",
    name: "Coordinator Admin",
    organization: "coordinator",
    role: "admin",
  },
  {
    kind: "vendorAAdmin",
    email: "admin@vendor-a.example",
    name: "Vendor A Admin",
    organization: "vendorA",
    role: "admin",
  },
  {
    kind: "vendorAMember",
    email: "member@vendor-a.example",
    name: "Vendor A Member",
    organization: "vendorA",
    role: "member",
  },
  {
    kind: "vendorBMember",
    email: "member@vendor-b.example",
    name: "Vendor B Member",
    organization: "vendorB",
    role: "member",
  },
  {
    kind: "siteOperator",
    email: "member@site-operator.example",
    name: "Site Operator Member",
    organization: "siteOperator",
    role: "member",
  },
  {
    kind: "csirt",
    email: "member@csirt.example",
    name: "CSIRT Member",
    organization: "csirt",
    role: "member",
  },
  {
    kind: "priorityRecipient",
    email: "member@priority.example",
    name: "Priority Recipient Member",
    organization: "priorityRecipient",
    role: "member",
  },
];

/** A user with a verified address (as `kakehashi user create` makes one), with an API token. */
export async function createTestUser(
  runtime: Runtime,
  input: {
    email: string;
    name?: string;
    password?: string;
    language?: Language;
    organizationId?: string | null;
    role?: MemberRole | null;
    kind?: TestUser["kind"];
  },
): Promise<TestUser> {
  const password = input.password ?? TEST_PASSWORD;
  const name = input.name ?? input.email.split("@")[0] ?? input.email;
  const { userId } = await runtime.services.accounts.createUser(SYSTEM_ACTOR, {
    email: input.email,
    name,
    password,
    language: input.language ?? "en",
    ...(input.organizationId && input.role
      ? { organizationId: input.organizationId, role: input.role }
      : {}),
  });
  return withToken(runtime, {
    kind: input.kind ?? "extra",
    userId,
    email: input.email,
    password,
    name,
    organizationId: input.organizationId ?? null,
    role: input.role ?? null,
  });
}

async function withToken(
  runtime: Runtime,
  user: Omit<TestUser, "token" | "bearer" | "ip">,
): Promise<TestUser> {
  const token = await runtime.services.accounts.createApiTokenForEmail(
    SYSTEM_ACTOR,
    user.email,
    "test",
  );
  return { ...user, token, bearer: { authorization: `Bearer ${token}` }, ip: newIp() };
}

/** The service-level actor a bearer token resolves to (full second factor, like any token). */
export async function actorOfToken(runtime: Runtime, token: string): Promise<UserActor> {
  const actor = await runtime.services.accounts.authenticate(
    { bearer: token },
    { ip: "127.0.0.1", userAgent: "test" },
  );
  if (actor.kind !== "user") throw new Error("the token does not authenticate");
  return actor;
}

/**
 * The whole cast on a runtime: the intake and coordinator organizations, vendors A and B, a
 * site operator, a CSIRT and a priority recipient (created by the staff who keep them), and
 * one user of every kind, each with an API token.
 */
export async function createCast(runtime: Runtime): Promise<Cast> {
  const { services } = runtime;
  const desks = await services.organizations.ensureDeskOrganizations(SYSTEM_ACTOR, {
    intake: "Intake Desk",
    coordinator: "Coordination Center",
  });
  const organizations: Partial<Record<OrganizationKey, string>> = {
    intake: desks.intakeOrganizationId,
    coordinator: desks.coordinatorOrganizationId,
  };
  const users: Partial<Record<UserKind, TestUser>> = {};
  const make = async (spec: UserSpec) => {
    const organizationId = spec.organization ? organizations[spec.organization] : null;
    if (spec.organization && !organizationId) throw new Error(`${spec.organization} not made`);
    users[spec.kind] = await createTestUser(runtime, {
      kind: spec.kind,
      email: spec.email,
      name: spec.name,
      organizationId: organizationId ?? null,
      role: spec.role,
    });
  };
  const specsOf = (keys: (OrganizationKey | null)[]) =>
    USER_SPECS.filter((spec) => keys.includes(spec.organization));

  // The desks' staff first: they create the other organizations.
  await Promise.all(specsOf([null, "intake", "coordinator"]).map(make));
  const coordinator = await actorOfToken(runtime, (users.coordinatorMember as TestUser).token);
  const intake = await actorOfToken(runtime, (users.intakeMember as TestUser).token);
  organizations.vendorA = (
    await services.organizations.create(coordinator, {
      type: "vendor",
      name: "Vendor A Corporation",
      contactEmail: "psirt@vendor-a.example",
      products: [{ name: "Router A100" }],
      keywords: ["router"],
      domains: ["vendor-a.example"],
    })
  ).id;
  organizations.vendorB = (
    await services.organizations.create(coordinator, {
      type: "vendor",
      name: "Vendor B Inc.",
      contactEmail: "security@vendor-b.example",
      products: [{ name: "Camera B7" }],
      keywords: ["camera"],
    })
  ).id;
  organizations.csirt = (
    await services.organizations.create(coordinator, {
      type: "csirt",
      name: "Overseas CSIRT",
      contactEmail: "cert@csirt.example",
    })
  ).id;
  organizations.siteOperator = (
    await services.organizations.create(intake, {
      type: "site_operator",
      name: "Example Shop Operator",
      contactEmail: "webmaster@site-operator.example",
      // The cast's operator member is a contact point: cases reach it by default (R-SEC-6).
      contactEmails: ["webmaster@site-operator.example", "member@site-operator.example"],
      domains: ["shop.example"],
    })
  ).id;
  organizations.priorityRecipient = (
    await services.organizations.create(intake, {
      type: "priority_recipient",
      name: "Telecom ISAC",
      contactEmail: "isac@priority.example",
      sector: "telecom",
    })
  ).id;
  await Promise.all(
    specsOf(["vendorA", "vendorB", "siteOperator", "csirt", "priorityRecipient"]).map(make),
  );
  return {
    organizations: organizations as Record<OrganizationKey, string>,
    users: users as Record<UserKind, TestUser>,
    actorOf: (user) => actorOfToken(runtime, user.token),
  };
}

// ---------------------------------------------------------------------------------------
// Mail

export interface ReceivedMail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

/** Delivers due mail, then reads every message in the outbox folder (oldest file first). */
export async function deliveredMail(runtime: TestRuntime, to?: string): Promise<ReceivedMail[]> {
  await runtime.jobRunner.runDue();
  const folder = path.join(runtime.dataDir, "outbox-mail");
  if (!fs.existsSync(folder)) return [];
  const files = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".eml"))
    .sort();
  const mails: ReceivedMail[] = [];
  for (const file of files) {
    const parsed = await simpleParser(fs.readFileSync(path.join(folder, file)));
    const recipients = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
    const address = recipients.flatMap((entry) => entry.value)[0]?.address ?? "";
    if (to && address.toLowerCase() !== to.toLowerCase()) continue;
    mails.push({ file, to: address, subject: parsed.subject ?? "", text: parsed.text ?? "" });
  }
  return mails;
}

/** The links in a mail's text. */
export function linksIn(text: string): URL[] {
  const links: URL[] = [];
  for (const match of text.matchAll(/https?:\/\/[^\s<>"()（）「」]+/g)) {
    try {
      links.push(new URL(match[0].replace(/[.,;:!?。、]+$/u, "")));
    } catch {
      // not a link after all
    }
  }
  return links;
}

/**
 * The `token` query parameter of the one link, in the mail to `to`, whose path is `linkPath`
 * (the newest such mail wins). Fails when there is none.
 */
export async function mailedToken(
  runtime: TestRuntime,
  to: string,
  linkPath: string,
): Promise<string> {
  const mails = await deliveredMail(runtime, to);
  for (const mail of [...mails].reverse()) {
    for (const link of linksIn(mail.text)) {
      const token = link.searchParams.get("token");
      if (link.pathname === linkPath && token) return token;
    }
  }
  throw new Error(`no mail to ${to} with a ${linkPath}?token=… link`);
}

/** Registers a finder through the API and confirms the address with the mailed link. */
export async function registerFinderThroughApi(
  app: FastifyInstance,
  runtime: TestRuntime,
  input: { email: string; name?: string; password?: string; language?: Language },
): Promise<TestUser> {
  const password = input.password ?? TEST_PASSWORD;
  const name = input.name ?? "Registered Finder";
  const ip = newIp();
  const registered = await app.inject({
    method: "POST",
    url: "/api/v1/finders",
    remoteAddress: ip,
    payload: { email: input.email, password, name, language: input.language ?? "en" },
  });
  if (registered.statusCode !== 201) throw new Error(`registration: ${registered.body}`);
  const token = await mailedToken(runtime, input.email, "/verify-email");
  const verified = await app.inject({
    method: "POST",
    url: "/api/v1/auth/verify-email",
    remoteAddress: ip,
    payload: { token },
  });
  if (verified.statusCode !== 200) throw new Error(`verification: ${verified.body}`);
  const user = await withToken(runtime, {
    kind: "extra",
    userId: registered.json().id,
    email: input.email,
    password,
    name,
    organizationId: null,
    role: null,
  });
  return { ...user, ip };
}

// ---------------------------------------------------------------------------------------
// Browser sessions

/** A TOTP code for the runtime's current time. */
export function totpCode(runtime: Runtime, secret: string, offsetSeconds = 0): Promise<string> {
  return generate({
    secret,
    epoch: Math.floor(runtime.clock.now().getTime() / 1000) + offsetSeconds,
  });
}

export type InjectRequest = InjectOptions & { csrf?: boolean };

/** Cookies as a browser keeps them, from inject() responses. */
export class CookieJar {
  readonly values = new Map<string, string>();

  update(response: Response): void {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }[]) {
      const expired =
        cookie.value === "" ||
        cookie.maxAge === 0 ||
        (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired) this.values.delete(cookie.name);
      else this.values.set(cookie.name, cookie.value);
    }
  }

  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export interface BrowserSession {
  jar: CookieJar;
  csrfToken: string;
  ip: string;
  /** The session cookie's value (the bearer secret of the session). */
  readonly sessionToken: string | undefined;
  /** inject() with the session's cookies and, for writes, its CSRF token (unless csrf: false). */
  inject(request: InjectRequest): Promise<Response>;
}

export function browserSession(app: FastifyInstance, ip: string = newIp()): BrowserSession {
  const jar = new CookieJar();
  const session: BrowserSession = {
    jar,
    csrfToken: "",
    ip,
    get sessionToken() {
      return jar.values.get("kk_session");
    },
    async inject(request) {
      const { csrf = true, headers, ...rest } = request;
      const unsafe = !["GET", "HEAD", "OPTIONS"].includes(String(rest.method ?? "GET"));
      const response = await app.inject({
        remoteAddress: ip,
        ...rest,
        headers: {
          ...(jar.values.size > 0 ? { cookie: jar.header() } : {}),
          ...(unsafe && csrf && session.csrfToken ? { "x-csrf-token": session.csrfToken } : {}),
          ...headers,
        },
      } as InjectOptions);
      jar.update(response);
      const body = String(response.headers["content-type"] ?? "").includes("json")
        ? safeJson(response)
        : null;
      if (body && typeof body.csrfToken === "string") session.csrfToken = body.csrfToken;
      return response;
    },
  };
  return session;
}

function safeJson(response: Response): Record<string, unknown> | null {
  try {
    return response.json();
  } catch {
    return null;
  }
}

/**
 * A full browser session for the user: signs in, enrols TOTP on the first sign-in of an
 * organization member (keeping the secret and recovery codes on the user), and gives the
 * code at later sign-ins (moving the clock to the next 30-second step, as codes work once).
 */
export async function signIn(
  app: FastifyInstance,
  runtime: TestRuntime,
  user: TestUser,
): Promise<BrowserSession> {
  const session = browserSession(app, user.ip);
  let totp: string | undefined;
  if (user.totpSecret) {
    runtime.clock.advance(30_000);
    totp = await totpCode(runtime, user.totpSecret);
  }
  const login = await session.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: user.email, password: user.password, ...(totp ? { totp } : {}) },
  });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${user.email}: ${login.body}`);
  const { secondFactor } = login.json() as { secondFactor: string };
  if (secondFactor === "enrolment_required") {
    const enrol = await session.inject({ method: "POST", url: "/api/v1/auth/totp/enrol" });
    if (enrol.statusCode !== 200) throw new Error(`TOTP enrolment: ${enrol.body}`);
    const secret = enrol.json().secret as string;
    const confirm = await session.inject({
      method: "POST",
      url: "/api/v1/auth/totp/confirm",
      payload: { code: await totpCode(runtime, secret) },
    });
    if (confirm.statusCode !== 200) throw new Error(`TOTP confirmation: ${confirm.body}`);
    user.totpSecret = secret;
    user.recoveryCodes = confirm.json().recoveryCodes;
  } else if (secondFactor !== "done") {
    throw new Error(`sign-in of ${user.email} still owes ${secondFactor}`);
  }
  return session;
}
