import { createHash } from "node:crypto";
import type { Language, Translate } from "../../platform/i18n/i18n.ts";
import type { PublicAdvisory, PublicVendorStatus } from "./advisories.store.ts";

/**
 * The standard exports of a published advisory (R-PUB-3): CSAF 2.0, CVE JSON 5 and OSV, and
 * the RSS 1.0 and Atom feeds. Each is built from the public advisory alone (R-CLS-1).
 */

/** The advisory's public page. Its identifier has a "#", which a URL carries as %23. */
export function advisoryUrl(publicUrl: string, advisoryId: string): string {
  return `${publicUrl}/advisories/${encodeURIComponent(advisoryId)}`;
}

/** The language the coordinator wrote the advisory in: Japanese when its title or text has kana or kanji. */
export function contentLanguage(advisory: Pick<PublicAdvisory, "title" | "overview">): Language {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(
    `${advisory.title}${advisory.overview}`,
  )
    ? "ja"
    : "en";
}

/** Version strings that name a range rather than one version (CSAF test 6.1.31). */
const RANGE_WORDS =
  /(<|>|≤|≥|\bprior\b|\bbefore\b|\bearlier\b|\blater\b|\bafter\b|\bthrough\b|\ball\b|以前|以降|まで|より前)/i;

function isRange(version: string): boolean {
  return RANGE_WORDS.test(version);
}

type ProductStatus = "known_affected" | "known_not_affected" | "fixed" | "under_investigation";

function statusOfVendor(status: PublicVendorStatus): ProductStatus {
  if (status === "affected") return "known_affected";
  if (status === "not_affected") return "known_not_affected";
  return "under_investigation";
}

function historySummary(entry: PublicAdvisory["history"][number]): string {
  switch (entry.kind) {
    case "published":
      return "Initial public release.";
    case "updated":
      return entry.note ? `Advisory updated: ${entry.note}` : "Advisory updated.";
    case "countermeasure_added":
      return `${entry.vendor ?? "A vendor"} added a ${entry.countermeasureType === "fix" ? "fix" : "workaround"}.`;
    case "statement_updated":
      return `${entry.vendor ?? "A vendor"} updated its statement.`;
    case "vendor_status_changed":
      return `${entry.vendor ?? "A vendor"} changed its status to ${entry.status ?? "unknown"}.`;
    default:
      return "Updated.";
  }
}

/**
 * CSAF 2.0, profile csaf_security_advisory. Products are the advisory's affected products per
 * vendor (a vendor without listed products stands for its products as a whole); countermeasures
 * become remediations; CVSS 3.1 becomes the score (CSAF 2.0 has no CVSS 4.0, which goes in a note).
 */
export function toCsaf(advisory: PublicAdvisory, publicUrl: string) {
  const lang = contentLanguage(advisory);
  let seq = 0;
  const nextId = () => `CSAFPID-${String(++seq).padStart(4, "0")}`;
  const status: Record<ProductStatus, string[]> = {
    known_affected: [],
    known_not_affected: [],
    fixed: [],
    under_investigation: [],
  };
  const branches = advisory.vendors.map((vendor) => {
    const listed = advisory.affected.filter((a) => a.vendor === vendor.name);
    if (listed.length === 0) {
      const id = nextId();
      status[statusOfVendor(vendor.status)].push(id);
      return {
        category: "vendor",
        name: vendor.name,
        product: { product_id: id, name: vendor.name },
      };
    }
    const productStatus: ProductStatus =
      vendor.status === "not_affected" ? "known_not_affected" : "known_affected";
    // Fixed versions attach to the vendor's product when it lists exactly one.
    const fixedVersions =
      listed.length === 1
        ? [
            ...new Set(
              vendor.countermeasures
                .filter((c) => c.type === "fix")
                .flatMap((c) => c.fixedVersions),
            ),
          ].filter((v) => !listed[0]?.versions.includes(v))
        : [];
    const products = new Map<string, { versions: string[]; fixed: string[] }>();
    for (const entry of listed) {
      const known = products.get(entry.product) ?? { versions: [], fixed: [] };
      known.versions.push(...entry.versions.filter((v) => !known.versions.includes(v)));
      products.set(entry.product, known);
    }
    if (listed.length === 1 && listed[0]) {
      const only = products.get(listed[0].product);
      if (only) only.fixed = fixedVersions;
    }
    return {
      category: "vendor",
      name: vendor.name,
      branches: [...products].map(([product, { versions, fixed }]) => {
        if (versions.length === 0 && fixed.length === 0) {
          const id = nextId();
          status[productStatus].push(id);
          return {
            category: "product_name",
            name: product,
            product: { product_id: id, name: `${vendor.name} ${product}` },
          };
        }
        const versionBranch = (version: string, as: ProductStatus) => {
          const id = nextId();
          status[as].push(id);
          return {
            category: isRange(version) ? "product_version_range" : "product_version",
            name: version,
            product: { product_id: id, name: `${vendor.name} ${product} ${version}` },
          };
        };
        return {
          category: "product_name",
          name: product,
          branches: [
            ...versions.map((v) => versionBranch(v, productStatus)),
            ...fixed.map((v) => versionBranch(v, "fixed")),
          ],
        };
      }),
    };
  });
  // Each vendor's own products, for its remediations.
  const productsOf = (vendorName: string) => {
    const vendorBranch = branches.find((b) => b.name === vendorName);
    if (!vendorBranch) return [];
    const collect = (node: unknown): string[] => {
      const n = node as { product?: { product_id: string }; branches?: unknown[] };
      return [
        ...(n.product ? [n.product.product_id] : []),
        ...(n.branches ?? []).flatMap(collect),
      ].filter((id) => !status.fixed.includes(id));
    };
    return collect(vendorBranch);
  };

  const remediations = advisory.vendors.flatMap((vendor) => {
    const productIds = productsOf(vendor.name);
    if (productIds.length === 0) return [];
    return vendor.countermeasures.map((c) => ({
      category: c.type === "fix" ? "vendor_fix" : "workaround",
      details:
        c.fixedVersions.length > 0
          ? `${c.description}\n\nFixed versions: ${c.fixedVersions.join(", ")}`
          : c.description,
      date: c.publishedAt,
      product_ids: productIds,
      ...(c.url ? { url: c.url } : {}),
    }));
  });

  const productStatus = Object.fromEntries(
    Object.entries(status).filter(([, ids]) => ids.length > 0),
  );
  const scores =
    advisory.cvss.v3 && status.known_affected.length > 0
      ? [
          {
            products: status.known_affected,
            cvss_v3: {
              version: "3.1",
              vectorString: advisory.cvss.v3.vector,
              baseScore: advisory.cvss.v3.baseScore,
              baseSeverity: advisory.cvss.v3.baseSeverity.toUpperCase(),
            },
          },
        ]
      : [];
  const vulnerabilityNotes = [
    { category: "description", title: "Description", text: advisory.description },
    ...(advisory.cvss.v4
      ? [
          {
            category: "other",
            title: "CVSS v4.0",
            text: `${advisory.cvss.v4.vector} (base score ${advisory.cvss.v4.baseScore}, ${advisory.cvss.v4.baseSeverity})`,
          },
        ]
      : []),
  ];
  const vulnerability = {
    title: advisory.title,
    ...(advisory.cwe && advisory.cweName
      ? { cwe: { id: advisory.cwe, name: advisory.cweName } }
      : {}),
    notes: vulnerabilityNotes,
    ...(Object.keys(productStatus).length > 0 ? { product_status: productStatus } : {}),
    ...(remediations.length > 0 ? { remediations } : {}),
    ...(scores.length > 0 ? { scores } : {}),
    threats: [{ category: "impact", details: advisory.impact }],
    ...(advisory.acknowledgement
      ? { acknowledgments: [{ names: [advisory.acknowledgement] }] }
      : {}),
  };
  const vulnerabilities =
    advisory.cveIds.length > 0
      ? advisory.cveIds.map((cve) => ({ cve, ...vulnerability }))
      : [vulnerability];

  const history =
    advisory.history.length > 0
      ? advisory.history
      : [{ at: advisory.publishedAt, kind: "published" as const }];
  const self = advisoryUrl(publicUrl, advisory.advisoryId);
  return {
    document: {
      category: "csaf_security_advisory",
      csaf_version: "2.0",
      title: advisory.title,
      lang,
      publisher: {
        category: "coordinator",
        name: advisory.contact.name || "Kakehashi",
        namespace: publicUrl,
        ...(advisory.contact.email ? { contact_details: advisory.contact.email } : {}),
      },
      distribution: { tlp: { label: "WHITE", url: "https://www.first.org/tlp/" } },
      notes: [
        { category: "summary", title: "Overview", text: advisory.overview },
        { category: "general", title: "Impact", text: advisory.impact },
      ],
      references: [
        { category: "self", summary: advisory.advisoryId, url: self },
        ...advisory.references.map((r) => ({
          category: "external",
          summary: r.title ?? r.url,
          url: r.url,
        })),
      ],
      ...(advisory.acknowledgement
        ? { acknowledgments: [{ names: [advisory.acknowledgement] }] }
        : {}),
      tracking: {
        id: advisory.advisoryId,
        status: "final",
        version: String(history.length),
        initial_release_date: advisory.publishedAt,
        current_release_date: history.at(-1)?.at ?? advisory.updatedAt,
        revision_history: history.map((entry, index) => ({
          date: entry.at,
          number: String(index + 1),
          summary: historySummary(entry),
        })),
        generator: { engine: { name: "Kakehashi" } },
      },
    },
    product_tree: { branches },
    vulnerabilities,
  };
}

/** A name-based (version 5) UUID: the same deployment always gets the same organization ID. */
function uuidFor(name: string): string {
  const hash = createHash("sha1")
    // The URL namespace of RFC 4122, appendix C.
    .update(Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex"))
    .update(name)
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A CVE JSON 5.1 record of the advisory. `cveId` chooses among several CVE IDs (default: the
 * first); an advisory without one gives `cveId: null` until a CVE is assigned.
 */
export function toCveRecord(advisory: PublicAdvisory, publicUrl: string, cveId?: string) {
  const lang = contentLanguage(advisory);
  const chosen =
    (cveId && advisory.cveIds.find((id) => id === cveId.toUpperCase())) ??
    advisory.cveIds[0] ??
    null;
  const orgId = uuidFor(publicUrl);
  const metrics = [
    ...(advisory.cvss.v3
      ? [
          {
            format: "CVSS",
            scenarios: [{ lang: "en", value: "GENERAL" }],
            cvssV3_1: {
              version: "3.1",
              vectorString: advisory.cvss.v3.vector,
              baseScore: advisory.cvss.v3.baseScore,
              baseSeverity: advisory.cvss.v3.baseSeverity.toUpperCase(),
            },
          },
        ]
      : []),
    ...(advisory.cvss.v4
      ? [
          {
            format: "CVSS",
            scenarios: [{ lang: "en", value: "GENERAL" }],
            cvssV4_0: {
              version: "4.0",
              vectorString: advisory.cvss.v4.vector,
              baseScore: advisory.cvss.v4.baseScore,
              baseSeverity: advisory.cvss.v4.baseSeverity.toUpperCase(),
            },
          },
        ]
      : []),
  ];
  const countermeasures = advisory.vendors.flatMap((v) =>
    v.countermeasures.map((c) => ({ vendor: v.name, ...c })),
  );
  const described = (list: typeof countermeasures) =>
    list.map((c) => ({
      lang,
      value: `${c.vendor}: ${c.description}${c.url ? ` (${c.url})` : ""}`,
    }));
  const fixes = countermeasures.filter((c) => c.type === "fix");
  const workarounds = countermeasures.filter((c) => c.type === "workaround");
  return {
    dataType: "CVE_RECORD",
    dataVersion: "5.1",
    cveMetadata: {
      cveId: chosen,
      assignerOrgId: orgId,
      assignerShortName: "kakehashi",
      state: "PUBLISHED",
      datePublished: advisory.publishedAt,
      dateUpdated: advisory.updatedAt,
    },
    containers: {
      cna: {
        providerMetadata: { orgId, shortName: "kakehashi", dateUpdated: advisory.updatedAt },
        title: advisory.title,
        datePublic: advisory.publishedAt,
        descriptions: [{ lang, value: `${advisory.overview}\n\n${advisory.description}` }],
        affected: advisory.affected.map((a) => ({
          vendor: a.vendor,
          product: a.product,
          defaultStatus: "unknown",
          versions: a.versions.map((version) => ({ version, status: "affected" })),
        })),
        problemTypes:
          advisory.cwe && advisory.cweName
            ? [
                {
                  descriptions: [
                    {
                      lang: "en",
                      cweId: advisory.cwe,
                      description: `${advisory.cwe} ${advisory.cweName}`,
                      type: "CWE",
                    },
                  ],
                },
              ]
            : [],
        impacts: [{ descriptions: [{ lang, value: advisory.impact }] }],
        metrics,
        ...(fixes.length > 0 ? { solutions: described(fixes) } : {}),
        ...(workarounds.length > 0 ? { workarounds: described(workarounds) } : {}),
        references: [
          {
            url: advisoryUrl(publicUrl, advisory.advisoryId),
            name: advisory.advisoryId,
            tags: ["third-party-advisory"],
          },
          ...advisory.vendors
            .filter((v) => v.advisoryUrl)
            .map((v) => ({
              url: v.advisoryUrl as string,
              name: v.name,
              tags: ["vendor-advisory"],
            })),
          ...advisory.references.map((r) => ({
            url: r.url,
            ...(r.title ? { name: r.title } : {}),
          })),
        ],
        credits: advisory.acknowledgement
          ? [{ lang, value: advisory.acknowledgement, type: "finder" }]
          : [],
      },
    },
  };
}

/** The OSV schema (1.6). OSV IDs have no "#": KKH#00000001 becomes KKH-00000001. */
export function toOsv(advisory: PublicAdvisory, publicUrl: string) {
  return {
    schema_version: "1.6.0",
    id: advisory.advisoryId.replace("#", "-"),
    modified: advisory.updatedAt,
    published: advisory.publishedAt,
    aliases: advisory.cveIds,
    summary: advisory.title,
    details: `${advisory.overview}\n\n${advisory.description}\n\n${advisory.impact}`,
    severity: [
      ...(advisory.cvss.v3 ? [{ type: "CVSS_V3", score: advisory.cvss.v3.vector }] : []),
      ...(advisory.cvss.v4 ? [{ type: "CVSS_V4", score: advisory.cvss.v4.vector }] : []),
    ],
    affected: advisory.affected.map((a) => ({
      versions: a.versions,
      database_specific: { vendor: a.vendor, product: a.product },
    })),
    references: [
      { type: "ADVISORY", url: advisoryUrl(publicUrl, advisory.advisoryId) },
      ...advisory.vendors
        .filter((v) => v.advisoryUrl)
        .map((v) => ({ type: "ADVISORY", url: v.advisoryUrl as string })),
      ...advisory.vendors.flatMap((v) =>
        v.countermeasures
          .filter((c) => c.url)
          .map((c) => ({ type: c.type === "fix" ? "FIX" : "WEB", url: c.url as string })),
      ),
      ...advisory.references.map((r) => ({ type: "WEB", url: r.url })),
    ],
    ...(advisory.acknowledgement
      ? { credits: [{ name: advisory.acknowledgement, type: "FINDER" }] }
      : {}),
    database_specific: {
      advisory_id: advisory.advisoryId,
      cwe_ids: advisory.cwe ? [advisory.cwe] : [],
      severity: advisory.severity,
      url: advisoryUrl(publicUrl, advisory.advisoryId),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Feeds

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
