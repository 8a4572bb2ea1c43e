import type { PublicAdvisory, PublicVendorStatus } from "../advisories.schemas.ts";
import { advisoryUrl, contentLanguage, csafFileUrl } from "./document.ts";

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
  const self = csafFileUrl(publicUrl, {
    id: advisory.advisoryId,
    initialReleaseDate: advisory.publishedAt,
  });
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
        {
          category: "self",
          summary: `${advisory.advisoryId} (web page)`,
          url: advisoryUrl(publicUrl, advisory.advisoryId),
        },
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

/**
 * Every CSAF document of an advisory, as the trusted provider publishes them: the one in the
 * advisory's own language, then its translation when it has one (each with its own tracking ID
 * and file, `self` pointing to it).
 */
export function csafDocumentsOf(
  advisory: PublicAdvisory,
  publicUrl: string,
): { language: PublicAdvisory["language"]; document: ReturnType<typeof toCsaf> }[] {
  return [{ language: advisory.language, document: toCsaf(advisory, publicUrl) }];
}
