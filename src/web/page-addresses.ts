import type { FastifyInstance, FastifyRequest } from "fastify";

/**
 * Which addresses are pages a browser may be sent to with GET. A page shown as the answer to a
 * POST (a form again with its errors, a confirmation) has an address that only accepts POST: the
 * language switch must not send the browser back there, or it gets "page not found" and loses
 * what was typed.
 */
export interface GetPages {
  /** Whether a GET route answers this path (its query is not looked at). */
  has(address: string): boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    getPages?: GetPages;
  }
}

/** Prefixes of GET routes that are not pages (the API, static files). */
const NOT_PAGES = ["/api/", "/static/"];

/** A route's path as segments, `:name` (with or without a pattern) matching any one segment. */
function matcherOf(url: string): (segments: string[]) => boolean {
  const pattern = url.split("/").filter((segment) => segment !== "");
  return (segments) => {
    for (const [index, part] of pattern.entries()) {
      if (part === "*") return true;
      const segment = segments[index];
      if (segment === undefined || segment === "") return false;
      if (!part.includes(":") && part !== segment) return false;
    }
    return segments.length === pattern.length;
  };
}

function segmentsOf(address: string): string[] {
  const path = address.split(/[?#]/)[0] ?? "";
  return path.split("/").filter((segment) => segment !== "");
}

/**
 * Keeps the GET routes registered after this call (register it before the routes). A pattern
 * (`:id(^\\d+)`) is read as any segment: the index may say yes to an address whose GET route
 * then refuses it, never no to a page that exists.
 */
export function registerGetPages(app: FastifyInstance): void {
  const matchers: ((segments: string[]) => boolean)[] = [];
  app.addHook("onRoute", (route) => {
    if (![route.method].flat().includes("GET")) return;
    if (NOT_PAGES.some((prefix) => route.url.startsWith(prefix))) return;
    matchers.push(matcherOf(route.url));
  });
  app.decorate("getPages", {
    has: (address: string) => {
      const segments = segmentsOf(address);
      return matchers.some((matches) => matches(segments));
    },
  });
}

/**
 * Where the language switch returns from a page that answers a POST: the same-site page the form
 * was sent from (Referer) if it is a GET page, else this address's GET page if it has one, else
 * the home page. Null for a GET (the switch returns to the address asked for).
 */
export function getPageAfterPost(request: FastifyRequest): string | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const pages = request.server.getPages;
  if (!pages) return "/";
  const referer = refererPath(request);
  if (referer && pages.has(referer)) return referer;
  const path = request.url.split("?")[0] ?? "/";
  return pages.has(path) ? path : "/";
}

/** The Referer as a local path, when it is this site's (Host and scheme alike). */
function refererPath(request: FastifyRequest): string | null {
  const referer = request.headers.referer;
  if (!referer) return null;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // Host may spell out the default port (localhost:80); the parsed Referer never does.
  let host: string;
  try {
    host = new URL(`${url.protocol}//${request.host}`).host;
  } catch {
    return null;
  }
  if (url.host !== host) return null;
  return `${url.pathname}${url.search}`;
}
