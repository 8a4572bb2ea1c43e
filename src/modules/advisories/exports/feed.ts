import type { Language, Translate } from "../../../platform/i18n/i18n.ts";
import type { PublicAdvisory } from "../advisories.schemas.ts";
import { advisoryUrl } from "./document.ts";

/** The feeds of the newest advisories: RSS 1.0 and Atom. */

/** Text for XML: escaped, and without the control characters XML 1.0 forbids. */
export function xml(text: string): string {
  const allowed = (code: number) =>
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
  return [...text]
    .filter((char) => allowed(char.codePointAt(0) ?? 0))
    .join("")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export interface FeedContext {
  publicUrl: string;
  language: Language;
  t: Translate;
  /** The newest change when there is no advisory yet. */
  now: string;
}

/** RSS 1.0 (RDF Site Summary), with Dublin Core dates as JVN's feed has them. */
export function toRss(advisories: PublicAdvisory[], context: FeedContext): string {
  const { publicUrl, t, language } = context;
  const updated = advisories[0]?.updatedAt ?? context.now;
  const link = (a: PublicAdvisory) => xml(advisoryUrl(publicUrl, a.advisoryId));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xml:lang="${language}">`,
    `  <channel rdf:about="${xml(`${publicUrl}/feeds/advisories.rdf`)}">`,
    `    <title>${xml(t("advisories.feed.title"))}</title>`,
    `    <link>${xml(`${publicUrl}/advisories`)}</link>`,
    `    <description>${xml(t("advisories.feed.description"))}</description>`,
    `    <dc:language>${language}</dc:language>`,
    `    <dc:date>${updated}</dc:date>`,
    "    <items>",
    "      <rdf:Seq>",
    ...advisories.map((a) => `        <rdf:li rdf:resource="${link(a)}"/>`),
    "      </rdf:Seq>",
    "    </items>",
    "  </channel>",
    ...advisories.map((a) =>
      [
        `  <item rdf:about="${link(a)}">`,
        `    <title>${xml(`${a.advisoryId} ${a.title}`)}</title>`,
        `    <link>${link(a)}</link>`,
        `    <description>${xml(a.overview)}</description>`,
        `    <dc:identifier>${xml(a.advisoryId)}</dc:identifier>`,
        `    <dc:date>${a.updatedAt}</dc:date>`,
        `    <dcterms:issued>${a.publishedAt}</dcterms:issued>`,
        `    <dcterms:modified>${a.updatedAt}</dcterms:modified>`,
        "  </item>",
      ].join("\n"),
    ),
    "</rdf:RDF>",
    "",
  ].join("\n");
}

/** Atom (RFC 4287). */
export function toAtom(advisories: PublicAdvisory[], context: FeedContext): string {
  const { publicUrl, t, language } = context;
  const updated = advisories[0]?.updatedAt ?? context.now;
  const author = advisories[0]?.contact.name || "Kakehashi";
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}">`,
    `  <id>${xml(`${publicUrl}/feeds/advisories.atom`)}</id>`,
    `  <title>${xml(t("advisories.feed.title"))}</title>`,
    `  <subtitle>${xml(t("advisories.feed.description"))}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(`${publicUrl}/feeds/advisories.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${publicUrl}/advisories`)}"/>`,
    `  <author><name>${xml(author)}</name></author>`,
    ...advisories.map((a) =>
      [
        "  <entry>",
        `    <id>${xml(advisoryUrl(publicUrl, a.advisoryId))}</id>`,
        `    <title>${xml(`${a.advisoryId} ${a.title}`)}</title>`,
        `    <link rel="alternate" type="text/html" href="${xml(advisoryUrl(publicUrl, a.advisoryId))}"/>`,
        `    <published>${a.publishedAt}</published>`,
        `    <updated>${a.updatedAt}</updated>`,
        `    <summary>${xml(a.overview)}</summary>`,
        "  </entry>",
      ].join("\n"),
    ),
    "</feed>",
    "",
  ].join("\n");
}
