import { type Language, otherLanguage, type Translate } from "../../../platform/i18n/i18n.ts";
import type { CvssScore, PublicAdvisory } from "../advisories.schemas.ts";
import { advisoryTextsIn } from "../advisory-texts.ts";
import { cweLabel } from "../cwe.ts";
import { advisoryUrl } from "./document.ts";

/**
 * The feeds of the newest advisories: RSS 1.0 as JVN publishes it (JVNRSS, with the mod_sec
 * security extensions a vulnerability reader looks for: identifier, CVSS, CPE, CVE and CWE
 * references) and Atom (the same extensions, which mod_sec defines for Atom too). One feed per
 * language, each at a stable address (`?lang=ja`, `?lang=en`); an item is in the feed's language
 * where the advisory has that text, and says which language it is in.
 */

/** JVN's security extensions for RSS and Atom (mod_sec 3.0, https://jvndb.jvn.jp/schema/). */
export const MOD_SEC_NAMESPACE = "http://jvn.jp/rss/mod_sec/3.0/";

export type FeedKind = "rdf" | "atom";

/** Each feed's stable address in one language (the address without `?lang=` follows the reader). */
export function feedUrl(publicUrl: string, kind: FeedKind, language: Language): string {
  return `${publicUrl}/feeds/advisories.${kind}?lang=${language}`;
}

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

/** An item has its title and overview in the feed's language where the advisory has them. */
const TITLE_OVERVIEW = ["title", "overview"] as const;

const SEVERITY_WORDS = {
  none: "None",
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
} as const;

/** The mod_sec elements of one advisory, indented for its item or entry. */
function securityElements(advisory: PublicAdvisory, language: Language, indent: string): string[] {
  const attributes = (pairs: Record<string, string>) =>
    Object.entries(pairs)
      .map(([name, value]) => ` ${name}="${xml(value)}"`)
      .join("");
  const cvss = (score: CvssScore) =>
    `<sec:cvss${attributes({
      score: score.baseScore.toFixed(1),
      severity: SEVERITY_WORDS[score.baseSeverity],
      vector: score.vector,
      version: /^CVSS:(\d+\.\d+)\//.exec(score.vector)?.[1] ?? "",
      type: "Base",
    })}/>`;
  const cweNumber = advisory.cwe?.replace(/^CWE-/, "");
  const lines = [
    `<sec:identifier>${xml(advisory.advisoryId)}</sec:identifier>`,
    ...advisory.cveIds.map(
      (id) =>
        `<sec:references${attributes({ source: "CVE", id })}>${xml(
          `https://www.cve.org/CVERecord?id=${id}`,
        )}</sec:references>`,
    ),
    ...(advisory.cwe && cweNumber
      ? [
          `<sec:references${attributes({
            id: advisory.cwe,
            title: `${cweLabel(advisory.cwe, language) ?? advisory.cwe}(${advisory.cwe})`,
          })}>${xml(`https://cwe.mitre.org/data/definitions/${cweNumber}.html`)}</sec:references>`,
        ]
      : []),
    ...advisory.references
      .filter((reference) => !advisory.cveIds.some((id) => reference.url.includes(id)))
      .map(
        (reference) =>
          `<sec:references${reference.title ? attributes({ title: reference.title }) : ""}>${xml(
            reference.url,
          )}</sec:references>`,
      ),
    ...advisory.affected.flatMap((a) =>
      a.cpe
        ? [
            `<sec:cpe${attributes({
              version: a.cpe.startsWith("cpe:2.3:") ? "2.3" : "2.2",
              vendor: a.vendor,
              product: a.product,
            })}>${xml(a.cpe)}</sec:cpe>`,
          ]
        : [],
    ),
    ...[advisory.cvss.v4, advisory.cvss.v3].flatMap((score) => (score ? [cvss(score)] : [])),
  ];
  return lines.map((line) => `${indent}${line}`);
}

/** RSS 1.0 (RDF Site Summary) as JVNRSS has it: Dublin Core dates and mod_sec. */
export function toRss(advisories: PublicAdvisory[], context: FeedContext): string {
  const { publicUrl, t, language } = context;
  const updated = advisories[0]?.updatedAt ?? context.now;
  const link = (a: PublicAdvisory) => xml(advisoryUrl(publicUrl, a.advisoryId));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:sec="${MOD_SEC_NAMESPACE}" xml:lang="${language}">`,
    `  <channel rdf:about="${xml(feedUrl(publicUrl, "rdf", language))}">`,
    `    <title>${xml(t("advisories.feed.title"))}</title>`,
    `    <link>${xml(`${publicUrl}/advisories`)}</link>`,
    `    <description>${xml(t("advisories.feed.description"))}</description>`,
    `    <dc:language>${language}</dc:language>`,
    `    <dc:date>${updated}</dc:date>`,
    `    <dcterms:modified>${updated}</dcterms:modified>`,
    "    <items>",
    "      <rdf:Seq>",
    ...advisories.map((a) => `        <rdf:li rdf:resource="${link(a)}"/>`),
    "      </rdf:Seq>",
    "    </items>",
    "  </channel>",
    ...advisories.map((a) => {
      const { texts, language: textLanguage } = advisoryTextsIn(a, language, TITLE_OVERVIEW);
      return [
        `  <item rdf:about="${link(a)}">`,
        `    <title>${xml(`${a.advisoryId} ${texts.title}`)}</title>`,
        `    <link>${link(a)}</link>`,
        `    <description>${xml(texts.overview)}</description>`,
        ...securityElements(a, language, "    "),
        `    <dc:identifier>${xml(a.advisoryId)}</dc:identifier>`,
        `    <dc:language>${textLanguage}</dc:language>`,
        `    <dc:date>${a.updatedAt}</dc:date>`,
        `    <dcterms:issued>${a.publishedAt}</dcterms:issued>`,
        `    <dcterms:modified>${a.updatedAt}</dcterms:modified>`,
        "  </item>",
      ].join("\n");
    }),
    "</rdf:RDF>",
    "",
  ].join("\n");
}

/** Atom (RFC 4287), with mod_sec in each entry. */
export function toAtom(advisories: PublicAdvisory[], context: FeedContext): string {
  const { publicUrl, t, language } = context;
  const updated = advisories[0]?.updatedAt ?? context.now;
  const author = advisories[0]?.contact.name || "Kakehashi";
  const self = feedUrl(publicUrl, "atom", language);
  const other = otherLanguage(language);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:sec="${MOD_SEC_NAMESPACE}" xml:lang="${language}">`,
    `  <id>${xml(self)}</id>`,
    `  <title>${xml(t("advisories.feed.title"))}</title>`,
    `  <subtitle>${xml(t("advisories.feed.description"))}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" hreflang="${language}" href="${xml(self)}"/>`,
    `  <link rel="alternate" type="application/atom+xml" hreflang="${other}" href="${xml(feedUrl(publicUrl, "atom", other))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${publicUrl}/advisories`)}"/>`,
    `  <author><name>${xml(author)}</name></author>`,
    ...advisories.map((a) => {
      const { texts, language: textLanguage } = advisoryTextsIn(a, language, TITLE_OVERVIEW);
      const page = xml(advisoryUrl(publicUrl, a.advisoryId));
      const api = xml(`${publicUrl}/api/v1/advisories/${encodeURIComponent(a.advisoryId)}`);
      return [
        `  <entry xml:lang="${textLanguage}">`,
        `    <id>${page}</id>`,
        `    <title>${xml(`${a.advisoryId} ${texts.title}`)}</title>`,
        `    <link rel="alternate" type="text/html" href="${page}"/>`,
        `    <link rel="related" type="application/json" title="CSAF 2.0" href="${api}/csaf"/>`,
        `    <published>${a.publishedAt}</published>`,
        `    <updated>${a.updatedAt}</updated>`,
        `    <summary>${xml(texts.overview)}</summary>`,
        ...(a.cwe
          ? [
              `    <category term="${xml(a.cwe)}" label="${xml(cweLabel(a.cwe, language) ?? a.cwe)}"/>`,
            ]
          : []),
        ...securityElements(a, language, "    "),
        "  </entry>",
      ].join("\n");
    }),
    "</feed>",
    "",
  ].join("\n");
}
