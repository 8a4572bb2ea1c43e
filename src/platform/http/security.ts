import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "./context.ts";

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** Requests per minute per client (account, else address): API.md promises at least 300. */
export const REQUESTS_PER_MINUTE = 1000;

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Which writes need a CSRF token: every form post to a page, and API writes that ride on
 * the browser session cookie. API calls with a bearer token and no cookie carry no ambient
 * credential, so a forged cross-site request gains nothing.
 */
export function requiresCsrfToken(request: FastifyRequest): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return false;
  if (request.cookies[SESSION_COOKIE]) return true;
  return !request.url.startsWith("/api/");
}

/**
 * Whom a request counts against: its address. A credential cannot be the key before it is
 * verified (a made-up token would buy a fresh allowance); accounts become the key once the
 * request context resolves them.
 */
function clientKey(request: FastifyRequest): string {
  return `ip:${request.ip}`;
}

export async function registerSecurity(
  app: FastifyInstance,
  options: { secureCookies: boolean },
): Promise<void> {
  await app.register(cookie);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only makes sense where the public URL is https.
    strictTransportSecurity: options.secureCookies ? { maxAge: 31536000 } : false,
    referrerPolicy: { policy: "same-origin" },
  });

  await app.register(rateLimit, {
    global: true,
    max: REQUESTS_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: clientKey,
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`Rate limit exceeded; retry in ${context.after}.`) as Error & {
        statusCode: number;
      };
      error.statusCode = 429;
      return error;
    },
  });

  await app.register(csrf, {
    cookieKey: "kk_csrf",
    cookieOpts: {
      path: "/",
      sameSite: "strict",
      httpOnly: true,
      secure: options.secureCookies,
      signed: false,
    },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body === "object" ? body[CSRF_FIELD] : undefined;
      if (typeof fromBody === "string") return fromBody;
      const fromHeader = request.headers[CSRF_HEADER];
      return typeof fromHeader === "string" ? fromHeader : undefined;
    },
  });

  app.addHook("preHandler", (request: FastifyRequest, reply: FastifyReply, done) => {
    if (!requiresCsrfToken(request)) return done();
    app.csrfProtection(request, reply, done);
  });

  // An API write without any credential (sign-in, sign-up, reset) must be JSON: a cross-site
  // form can send url-encoded or multipart bodies without a preflight, but not JSON.
  app.addHook("preValidation", async (request) => {
    if (!UNSAFE_METHODS.has(request.method) || !request.url.startsWith("/api/")) return;
    if (request.headers.authorization || request.cookies[SESSION_COOKIE]) return;
    const type = request.headers["content-type"];
    if (type !== undefined && !/^application\/json\b/i.test(type)) {
      throw Object.assign(new Error("Send application/json."), {
        statusCode: 415,
        code: "FST_ERR_CTP_INVALID_MEDIA_TYPE",
      });
    }
  });

  // API answers can carry private data: never kept by browsers or shared caches.
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/") && !reply.hasHeader("cache-control")) {
      reply.header("Cache-Control", "no-store");
    }
  });
}
