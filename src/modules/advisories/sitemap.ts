import { advisoryUrl } from "./exports/document.ts";
import { xml } from "./exports/feed.ts";

/**
 * `/sitemap.xml` (sitemaps.org protocol 0.9): the public pages and every published advisory's
 * page with the instant it last changed, so a search engine finds each advisory and refetches
 * it when it changes. Pages are the same address in both languages (the reader's choice).
 */

export const SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** The protocol's limit for one file; past it a sitemap index would be needed. */
export const SITEMAP_MAX_URLS = 50_000;

/** The public pages anyone may open (not forms such as sign-in). */
export const PUBLIC_PAGES = [
  "/",
  "/advisories",
  "/unreachable-vendors",
  "/leak-notices",
  "/desk-key",
] as const;

export function toSitemap(input: {
  publicUrl: string;
  /** The newest change of any advisory: the list page's lastmod. */
  newest: string | null;
  advisories: { advisoryId: string; updatedAt: string }[];
}): string {
  const url = (loc: string, lastmod: string | null) =>
    `  <url><loc>${xml(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns="${SITEMAP_NAMESPACE}">`,
    ...PUBLIC_PAGES.map((path) =>
      url(`${input.publicUrl}${path}`, path === "/advisories" ? input.newest : null),
    ),
    ...input.advisories.map((a) => url(advisoryUrl(input.publicUrl, a.advisoryId), a.updatedAt)),
    "</urlset>",
    "",
  ].join("\n");
}
