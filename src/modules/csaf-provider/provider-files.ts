import { createHash } from "node:crypto";
import { z } from "zod";
import { csafDirectoryUrl, csafFileName, csafFileUrl } from "../advisories/exports/document.ts";

/**
 * The files of the CSAF trusted provider (CSAF 2.0 section 7.1), as pure functions of what is
 * stored: nothing here reads the database, the clock or an advisory.
 */

export const CSAF_SCHEMA_URL = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json";
const INFORMATION_TYPE = "urn:ietf:params:rolie:category:information-type";
/** Only TLP:WHITE documents exist: every advisory the platform publishes is public. */
export const TLP_LABEL = "WHITE";
const FEED_ID = "kakehashi-csaf-feed-tlp-white";

/** Every address of the provider, from the public URL. */
export function providerUrls(publicUrl: string) {
  const wellKnown = `${publicUrl}/.well-known/csaf`;
  return {
    wellKnown,
    metadata: `${wellKnown}/provider-metadata.json`,
    directory: csafDirectoryUrl(publicUrl),
    feed: `${wellKnown}/feed-tlp-white.json`,
    service: `${wellKnown}/service.json`,
    category: `${wellKnown}/category-tlp-white.json`,
    key: (fingerprint: string) => `${wellKnown}/openpgp/${fingerprint}.asc`,
    securityTxt: `${publicUrl}/.well-known/security.txt`,
  };
}

/** A document as stored: its place, its facts for the indexes, and the files beside it. */
export interface StoredDocument {
  path: string;
  advisoryId: string;
  trackingId: string;
  title: string;
  language: string;
  categories: string[];
  sha256: string;
  sha512: string;
  signature: string;
  signedBy: string;
  initialReleaseDate: string;
  currentReleaseDate: string;
  storedAt: string;
}

/** The parts of a CSAF document the provider files need (the rest is served as it is). */
const documentFacts = z.object({
  document: z.object({
    title: z.string(),
    lang: z.string().optional(),
    publisher: z.record(z.string(), z.unknown()),
    tracking: z.object({
      id: z.string().min(1),
      initial_release_date: z.string(),
      current_release_date: z.string(),
    }),
  }),
  product_tree: z.object({ branches: z.array(z.unknown()).optional() }).optional(),
});

const branch: z.ZodType<{ category: string; name: string; branches?: unknown[] }> = z.object({
  category: z.string(),
  name: z.string(),
  branches: z.array(z.unknown()).optional(),
});

/** ROLIE category terms (section 7.1.17): the vendors and products a document names. */
function categoryTerms(branches: readonly unknown[] = []): string[] {
  const terms = new Set<string>();
  const walk = (nodes: readonly unknown[], vendor: string | null) => {
    for (const node of nodes) {
      const parsed = branch.safeParse(node);
      if (!parsed.success) continue;
      const { category, name, branches: children } = parsed.data;
      if (category === "vendor") terms.add(name);
      if (category === "product_name" || category === "product_family")
        terms.add(vendor ? `${vendor} ${name}` : name);
      walk(children ?? [], category === "vendor" ? name : vendor);
    }
  };
  walk(branches, null);
  return [...terms].sort();
}

/** A CSAF document serialised once: the bytes served, hashed and signed. */
export interface RenderedDocument {
  path: string;
  fileName: string;
  content: string;
  bytes: Buffer;
  trackingId: string;
  title: string;
  language: string;
  categories: string[];
  initialReleaseDate: string;
  currentReleaseDate: string;
  sha256: string;
  sha512: string;
}

/**
 * Serialises a CSAF document and places it: the year folder of its initial release and the
 * file name of its tracking ID (sections 5.1 and 7.1.11), the same rule as its `self` URL.
 */
export function renderDocument(
  publicUrl: string,
  document: unknown,
  fallbackLanguage: string,
): RenderedDocument {
  const facts = documentFacts.parse(document);
  const { tracking } = facts.document;
  const url = csafFileUrl(publicUrl, {
    id: tracking.id,
    initialReleaseDate: tracking.initial_release_date,
  });
  const path = url.slice(csafDirectoryUrl(publicUrl).length + 1);
  const content = `${JSON.stringify(document, null, 2)}\n`;
  const bytes = Buffer.from(content, "utf8");
  return {
    path,
    fileName: csafFileName(tracking.id),
    content,
    bytes,
    trackingId: tracking.id,
    title: facts.document.title,
    language: facts.document.lang ?? fallbackLanguage,
    categories: categoryTerms(facts.product_tree?.branches),
    initialReleaseDate: tracking.initial_release_date,
    currentReleaseDate: tracking.current_release_date,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    sha512: createHash("sha512").update(bytes).digest("hex"),
  };
}

/** The publisher object of a stored document (the metadata repeats it, section 7.1.7). */
export function publisherOf(content: string): Record<string, unknown> {
  return documentFacts.parse(JSON.parse(content)).document.publisher;
}

/** The file name part of a path. */
export const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** A hash file (section 7.1.18), as sha256sum and sha512sum write it. */
export function hashFile(hex: string, path: string): string {
  return `${hex}  ${baseName(path)}\n`;
}

/** index.txt (section 7.1.12): every document's path, one a line. */
export function indexTxt(documents: readonly Pick<StoredDocument, "path">[]): string {
  return documents.map((d) => `${d.path}\n`).join("");
}

const csvField = (value: string) => `"${value.replaceAll('"', '""')}"`;

/**
 * changes.csv (section 7.1.13): each document's path and current release date, no heading,
 * newest first. A document has one line, which moves up when it is updated.
 */
export function changesCsv(
  documents: readonly Pick<StoredDocument, "path" | "currentReleaseDate">[],
): string {
  return [...documents]
    .sort(
      (a, b) =>
        Date.parse(b.currentReleaseDate) - Date.parse(a.currentReleaseDate) ||
        a.path.localeCompare(b.path),
    )
    .map((d) => `${csvField(d.path)},${csvField(d.currentReleaseDate)}\n`)
    .join("");
}

/** The newest instant among ISO timestamps, or the fallback when there is none. */
function newest(instants: readonly string[], fallback: string): string {
  let best = fallback;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const instant of instants) {
    const time = Date.parse(instant);
    if (time > bestTime) {
      best = instant;
      bestTime = time;
    }
  }
  return best;
}

export interface ProviderContext {
  publicUrl: string;
  publisher: Record<string, unknown>;
  signingKey: { fingerprint: string; createdAt: string };
}

/**
 * provider-metadata.json (section 7.1.7), role csaf_trusted_provider. Only the current signing
 * key is listed: every document is re-signed with it when the key is rotated, so a listed
 * retired key would vouch for nothing served — and a key retired after a compromise must not
 * be trusted for new signatures. Retired keys stay at their own URL, revoked as superseded.
 */
export function providerMetadata(
  context: ProviderContext,
  documents: readonly Pick<StoredDocument, "storedAt">[],
) {
  const urls = providerUrls(context.publicUrl);
  return {
    canonical_url: urls.metadata,
    distributions: [
      { directory_url: urls.directory },
      {
        rolie: {
          categories: [urls.category],
          feeds: [
            {
              summary: `All TLP:${TLP_LABEL} advisories of ${String(context.publisher.name ?? "Kakehashi")}.`,
              tlp_label: TLP_LABEL,
              url: urls.feed,
            },
          ],
          services: [urls.service],
        },
      },
    ],
    last_updated: newest(
      [context.signingKey.createdAt, ...documents.map((d) => d.storedAt)],
      context.signingKey.createdAt,
    ),
    list_on_CSAF_aggregators: true,
    metadata_version: "2.0",
    mirror_on_CSAF_aggregators: true,
    public_openpgp_keys: [
      {
        fingerprint: context.signingKey.fingerprint,
        url: urls.key(context.signingKey.fingerprint),
      },
    ],
    publisher: context.publisher,
    role: "csaf_trusted_provider",
  };
}

/** The URL of a stored document and of the files beside it. */
export function documentUrls(publicUrl: string, path: string) {
  const url = `${csafDirectoryUrl(publicUrl)}/${path}`;
  return { url, sha256: `${url}.sha256`, sha512: `${url}.sha512`, signature: `${url}.asc` };
}

/**
 * The ROLIE feed of TLP:WHITE documents (section 7.1.15, RFC 8322 in JSON), newest update
 * first; each entry links its hash files and signature.
 */
export function rolieFeed(
  publicUrl: string,
  publisherName: string,
  documents: readonly StoredDocument[],
  now: string,
) {
  const urls = providerUrls(publicUrl);
  const entries = [...documents].sort(
    (a, b) =>
      Date.parse(b.currentReleaseDate) - Date.parse(a.currentReleaseDate) ||
      a.path.localeCompare(b.path),
  );
  return {
    feed: {
      id: FEED_ID,
      title: `${publisherName} CSAF feed (TLP:${TLP_LABEL})`,
      link: [
        { rel: "self", href: urls.feed },
        { rel: "service", href: urls.service },
      ],
      category: [{ scheme: INFORMATION_TYPE, term: "csaf" }],
      updated: newest(
        entries.map((d) => d.currentReleaseDate),
        now,
      ),
      entry: entries.map((d) => {
        const files = documentUrls(publicUrl, d.path);
        return {
          id: d.trackingId,
          title: d.title,
          link: [
            { rel: "self", href: files.url },
            { rel: "hash", href: files.sha256 },
            { rel: "hash", href: files.sha512 },
            { rel: "signature", href: files.signature },
          ],
          published: d.initialReleaseDate,
          updated: d.currentReleaseDate,
          ...(d.categories.length > 0 ? { category: d.categories.map((term) => ({ term })) } : {}),
          content: { type: "application/json", src: files.url },
          format: { schema: CSAF_SCHEMA_URL, version: "2.0" },
        };
      }),
    },
  };
}

/** The ROLIE service document (section 7.1.16): the one feed. */
export function rolieService(publicUrl: string, publisherName: string) {
  const urls = providerUrls(publicUrl);
  return {
    service: {
      workspace: [
        {
          title: `${publisherName} public CSAF feeds`,
          collection: [
            {
              title: `${publisherName} CSAF feed (TLP:${TLP_LABEL})`,
              href: urls.feed,
              categories: { category: [{ scheme: INFORMATION_TYPE, term: "csaf" }] },
            },
          ],
        },
      ],
    },
  };
}

/** The ROLIE category document (section 7.1.17): the vendors and products the feed names. */
export function rolieCategories(documents: readonly Pick<StoredDocument, "categories">[]) {
  const terms = [...new Set(documents.flatMap((d) => d.categories))].sort();
  return { categories: { category: terms.map((term) => ({ term })) } };
}

/** RFC 9116 fields, in the order the RFC describes them. */
export interface SecurityTxtFields {
  contactEmail: string | null;
  reportUrl: string;
  expires: Date;
  encryptionUrl: string;
  policyUrl: string;
  canonicalUrl: string;
  csafUrl: string;
}

/** /.well-known/security.txt (RFC 9116), with the CSAF field of section 7.1.8. */
export function securityTxt(fields: SecurityTxtFields): string {
  const lines = [
    ...(fields.contactEmail ? [`Contact: mailto:${fields.contactEmail}`] : []),
    `Contact: ${fields.reportUrl}`,
    `Expires: ${fields.expires.toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    `Encryption: ${fields.encryptionUrl}`,
    "Preferred-Languages: ja, en",
    `Policy: ${fields.policyUrl}`,
    `Canonical: ${fields.canonicalUrl}`,
    `CSAF: ${fields.csafUrl}`,
  ];
  return `${lines.join("\n")}\n`;
}
