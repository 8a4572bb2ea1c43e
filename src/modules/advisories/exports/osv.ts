import type { PublicAdvisory } from "../advisories.schemas.ts";
import { advisoryUrl } from "./document.ts";

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
