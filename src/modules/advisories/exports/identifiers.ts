import { PackageURL } from "packageurl-js";
import { isWellFormedCpe } from "../../../platform/text/product-identity.ts";

/**
 * A product's CPE name and package URL as the standards take them: the CPE well-formed (CSAF and
 * CVE JSON 5 check it with the same grammar), set to a version or to any version; the package
 * URL with or without a version; and the package as OSV and CVE name it in its ecosystem.
 */

export { isWellFormedCpe };

/** The attributes of a CPE 2.3 formatted string, split at the colons that are not quoted. */
function cpe23Parts(cpe: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < cpe.length; i++) {
    const char = cpe[i] as string;
    if (char === "\\" && i + 1 < cpe.length) {
      current += char + cpe[++i];
    } else if (char === ":") {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** A version as a CPE 2.3 attribute value; null when CPE cannot state it (spaces, non-ASCII). */
function cpe23Value(version: string): string | null {
  let value = "";
  for (const char of version) {
    if (/[A-Za-z0-9._-]/.test(char)) value += char;
    else if (/[\\*?!"#$%&'()+,/:;<=>@[\]^`{|}~]/.test(char)) value += `\\${char}`;
    else return null;
  }
  return value;
}

/**
 * The CPE name with its version attribute set: `"*"` for any version (a product stated by
 * ranges), or one version. Null when the name is not well-formed or the version cannot be
 * written in CPE.
 */
export function cpeWithVersion(cpe: string, version: string): string | null {
  if (!isWellFormedCpe(cpe)) return null;
  let result: string | null = null;
  if (cpe.startsWith("cpe:2.3:")) {
    const value = version === "*" ? "*" : cpe23Value(version);
    if (value === null) return null;
    const parts = cpe23Parts(cpe);
    parts[5] = value;
    result = parts.join(":");
  } else {
    // CPE 2.2: an empty version attribute means any version.
    const value = version === "*" ? "" : version;
    if (!/^[A-Za-z0-9._~-]*$/.test(value)) return null;
    const parts = cpe.split(":");
    while (parts.length < 5) parts.push("");
    parts[4] = value;
    result = parts.join(":").replace(/:+$/, "");
  }
  return isWellFormedCpe(result) ? result : null;
}

/** The package URL parsed; null when it does not parse (stored before it was checked). */
export function parsePurl(purl: string | null): PackageURL | null {
  if (!purl) return null;
  try {
    return PackageURL.fromString(purl);
  } catch {
    return null;
  }
}

/**
 * The package URL with this version (null: without a version, the package as a whole). Null
 * when the package URL type cannot be written so (some types require a version).
 */
export function purlWithVersion(purl: string | null, version: string | null): string | null {
  const parsed = parsePurl(purl);
  if (!parsed) return null;
  try {
    return new PackageURL(
      parsed.type,
      parsed.namespace,
      parsed.name,
      version ?? undefined,
      parsed.qualifiers,
      parsed.subpath,
    ).toString();
  } catch {
    return null;
  }
}

// --- Package ecosystems -------------------------------------------------------------------------

interface Ecosystem {
  /** The OSV ecosystem (a name the OSV schema lists). */
  osv: string;
  /** The package's name there. */
  name: (purl: PackageURL) => string;
  /** The CVE JSON 5 `collectionURL` (from the schema's examples), when it names one. */
  collectionUrl?: string;
}

const plain = (purl: PackageURL) => purl.name;
const slashed = (purl: PackageURL) =>
  purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name;

/**
 * Package URL types and their OSV ecosystems. A type not here (generic, github, docker, …) is
 * not a package ecosystem a scanner resolves versions in, so OSV gets no package for it.
 */
const ECOSYSTEMS: Record<string, Ecosystem> = {
  npm: { osv: "npm", name: slashed, collectionUrl: "https://registry.npmjs.org" },
  pypi: { osv: "PyPI", name: plain, collectionUrl: "https://pypi.python.org" },
  maven: {
    osv: "Maven",
    name: (purl) => `${purl.namespace ?? ""}:${purl.name}`,
    collectionUrl: "https://repo.maven.apache.org/maven2",
  },
  golang: { osv: "Go", name: slashed, collectionUrl: "https://golang.org/pkg" },
  cargo: { osv: "crates.io", name: plain, collectionUrl: "https://crates.io" },
  gem: { osv: "RubyGems", name: plain, collectionUrl: "https://rubygems.org" },
  nuget: { osv: "NuGet", name: plain, collectionUrl: "https://nuget.org/packages" },
  composer: { osv: "Packagist", name: slashed, collectionUrl: "https://packagist.org" },
  hex: { osv: "Hex", name: plain, collectionUrl: "https://repo.hex.pm" },
  pub: { osv: "Pub", name: plain, collectionUrl: "https://pub.dev" },
  hackage: { osv: "Hackage", name: plain, collectionUrl: "https://hackage.haskell.org" },
  cran: { osv: "CRAN", name: plain, collectionUrl: "https://cran.r-project.org" },
  conan: { osv: "ConanCenter", name: plain, collectionUrl: "https://conan.io/center" },
  julia: { osv: "Julia", name: plain },
  opam: { osv: "opam", name: plain, collectionUrl: "https://opam.ocaml.org/packages" },
  bitnami: { osv: "Bitnami", name: plain },
  githubactions: { osv: "GitHub Actions", name: slashed },
};

/** Distributions' package types: the ecosystem is the distribution, named by the namespace. */
const DISTRIBUTIONS: Record<string, Record<string, string>> = {
  deb: { debian: "Debian", ubuntu: "Ubuntu" },
  apk: { alpine: "Alpine", wolfi: "Wolfi", chainguard: "Chainguard" },
  rpm: {
    redhat: "Red Hat",
    almalinux: "AlmaLinux",
    rocky: "Rocky Linux",
    "rocky-linux": "Rocky Linux",
    opensuse: "openSUSE",
    suse: "SUSE",
    openeuler: "openEuler",
    mageia: "Mageia",
  },
};

function ecosystemOf(purl: PackageURL): Ecosystem | null {
  const known = ECOSYSTEMS[purl.type];
  if (known) return known;
  const distribution = DISTRIBUTIONS[purl.type]?.[purl.namespace?.toLowerCase() ?? ""];
  if (!distribution) return null;
  return {
    osv: distribution,
    name: plain,
    ...(purl.type === "deb" && purl.namespace === "debian"
      ? { collectionUrl: "https://packages.debian.org" }
      : {}),
  };
}

/**
 * The package as OSV names it: its ecosystem, its name there, and the package URL without a
 * version (the record's ranges say which versions). Null outside the ecosystems OSV knows.
 */
export function osvPackage(
  purl: string | null,
): { ecosystem: string; name: string; purl?: string } | null {
  const parsed = parsePurl(purl);
  const ecosystem = parsed ? ecosystemOf(parsed) : null;
  if (!parsed || !ecosystem) return null;
  const unversioned = purlWithVersion(purl, null);
  return {
    ecosystem: ecosystem.osv,
    name: ecosystem.name(parsed),
    ...(unversioned ? { purl: unversioned } : {}),
  };
}

/** The package collection and name a CVE record can give beside vendor and product. */
export function cvePackage(
  purl: string | null,
): { collectionURL: string; packageName: string } | null {
  const parsed = parsePurl(purl);
  const ecosystem = parsed ? ecosystemOf(parsed) : null;
  if (!parsed || !ecosystem?.collectionUrl) return null;
  return { collectionURL: ecosystem.collectionUrl, packageName: ecosystem.name(parsed) };
}
