import { createHash } from "node:crypto";
import type { PublicAdvisory } from "../advisories.schemas.ts";
import { advisoryUrl, contentLanguage } from "./document.ts";

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
