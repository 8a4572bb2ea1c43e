import type { Actor } from "../access/actor.ts";
import type { OrganizationsService } from "../organizations/organizations.service.ts";

/** A site operator of the directory the desk may forward a web report to (R-WEB-1). */
export interface OperatorChoice {
  id: string;
  name: string;
  contactEmail: string | null;
  domains: string[];
  /** The directory domain that the report's site host is, or lies under; null for none. */
  matchedDomain: string | null;
}

export interface OperatorChoices {
  host: string | null;
  /** Operators whose registered domains cover the report's site host, most specific first. */
  matches: OperatorChoice[];
  /** The desk's own search (name or domain), when it made one. */
  query: string;
  results: OperatorChoice[] | null;
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

/** The most specific of `domains` that is `host` or a parent of it. */
export function matchedDomain(host: string | null, domains: string[]): string | null {
  if (!host) return null;
  const covering = domains
    .map((domain) => domain.toLowerCase())
    .filter((domain) => host === domain || host.endsWith(`.${domain}`));
  return covering.sort((a, b) => b.length - a.length)[0] ?? null;
}

/** `a.shop.example.jp` → `a.shop.example.jp`, `shop.example.jp`, `example.jp`. */
function parentDomains(host: string): string[] {
  const labels = host.split(".");
  const out: string[] = [];
  for (let start = 0; start <= labels.length - 2; start += 1)
    out.push(labels.slice(start).join("."));
  return out;
}

/**
 * The forward form's choices: directory operators matching the site's host by domain, and the
 * results of the desk's search. The directory's own access rules apply (desk staff read it).
 */
export async function findOperatorChoices(
  organizations: OrganizationsService,
  actor: Actor,
  siteUrl: string | null,
  query: string,
): Promise<OperatorChoices> {
  const host = hostOf(siteUrl);
  const choice = (organization: {
    id: string;
    name: string;
    contactEmail: string | null;
    domains: string[];
  }): OperatorChoice => ({
    id: organization.id,
    name: organization.name,
    contactEmail: organization.contactEmail,
    domains: organization.domains,
    matchedDomain: matchedDomain(host, organization.domains),
  });
  const found = new Map<string, OperatorChoice>();
  for (const domain of host ? parentDomains(host) : []) {
    const { items } = await organizations.list(actor, {
      type: "site_operator",
      q: domain,
      limit: 50,
    });
    for (const item of items) {
      const candidate = choice(item);
      if (candidate.matchedDomain) found.set(candidate.id, candidate);
    }
  }
  const matches = [...found.values()].sort(
    (a, b) =>
      (b.matchedDomain?.length ?? 0) - (a.matchedDomain?.length ?? 0) ||
      a.name.localeCompare(b.name),
  );
  const q = query.trim();
  const results = q
    ? (await organizations.list(actor, { type: "site_operator", q, limit: 20 })).items.map(choice)
    : null;
  return { host, matches, query: q, results };
}
