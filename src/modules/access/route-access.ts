import type { FastifyInstance } from "fastify";
import { ProblemError } from "../../platform/http/problem.ts";
import { type Actor, isSignedIn } from "./actor.ts";
import { type Capability, can } from "./capabilities.ts";

/**
 * What a route requires before its handler runs. Every route declares one (config.access);
 * the service then checks the specific records.
 * - public: anyone;
 * - session_pending: a signed-in user, also one whose session still owes its second factor;
 * - signed_in: a fully signed-in user;
 * - verified: a fully signed-in user with a confirmed e-mail address;
 * - a capability: a fully signed-in member whose organization type and role grant it.
 */
export type RouteAccess = "public" | "session_pending" | "signed_in" | "verified" | Capability;

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Routes the static-file plugin registers: public assets, no rule needed. */
const STATIC_PREFIX = "/static/";

export function checkRouteAccess(access: RouteAccess, actor: Actor): void {
  if (access === "public") return;
  if (actor.kind !== "user") throw new ProblemError(401, "unauthenticated", "Sign in first.");
  if (access === "session_pending") return;
  if (!isSignedIn(actor)) {
    throw new ProblemError(
      401,
      "second_factor_required",
      "Complete two-factor authentication first.",
    );
  }
  if (access === "signed_in") return;
  if (access === "verified") {
    if (!actor.emailVerified)
      throw new ProblemError(403, "email_not_verified", "Confirm your e-mail address first.");
    return;
  }
  if (!can(actor, access))
    throw new ProblemError(403, "forbidden", "Your role does not allow this.");
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

const registered = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Every route registered on the application (one entry per method, static files included),
 * with its access rule: the authorization matrix test checks each has a decision.
 */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return registered.get(app) ?? [];
}

/** Refuses to register a route without an access rule, and enforces the rule on every request. */
export function registerRouteAccess(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  registered.set(app, routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method: String(method), url: route.url, access: route.config?.access });
    }
    if (route.url.startsWith(STATIC_PREFIX)) return;
    if (!route.config?.access) {
      throw new Error(
        `${String(route.method)} ${route.url} declares no access rule (config.access)`,
      );
    }
  });
  app.addHook("preHandler", async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) {
      if (request.routeOptions.url?.startsWith(STATIC_PREFIX)) return;
      throw new ProblemError(404, "not_found", "Not found.");
    }
    checkRouteAccess(access, request.ctx.actor);
  });
}
