import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Executor } from "../../platform/db/database.ts";
import { wordTokens } from "../../platform/text/tokens.ts";

/**
 * Vendor suggestions for a case (R-COO-1): the directory's vendors ranked by how well their
 * registered products, CPE names, name and keywords match what the report says, each with
 * the reasons. Only a proposal: the coordinator adds vendors. A foreign developer's product
 * is registered under its Japanese subsidiary or distributor (R-COO-12), so matching the
 * products finds the right organization without anything special here.
 */

export type SuggestionReasonKind = "vendor_name" | "product_name" | "cpe" | "keyword" | "text";

export interface SuggestionReason {
  kind: SuggestionReasonKind;
  /** What matched, as registered in the directory (a product, a CPE, a keyword, shared words). */
  detail: string;
}

export interface VendorSuggestion {
  organizationId: string;
  name: string;
  score: number;
  reasons: SuggestionReason[];
}

export interface VendorSuggestionInput {
  productName?: string | undefined;
  vendorName?: string | undefined;
  /** The report's free text (title, description, …) as the caller may show it to the coordinator. */
  text?: string | undefined;
  cpe?: string | null | undefined;
  /** Vendors already on the case. */
  excludeOrgIds?: readonly string[] | undefined;
}

/**
 * Weights: an exact identification (CPE, product name, vendor name) outranks a mention in the
 * text, which outranks keywords and shared words.
 */
const WEIGHT = {
  cpeExact: 6,
  cpeProductName: 3.5,
  cpeVendor: 2,
  vendorNameExact: 6,
  vendorNamePartial: 3,
  vendorNameInText: 2,
  productNameExact: 5,
  productNameInProductName: 3.5,
  productNameInText: 2.5,
  keyword: 1.5,
  keywordsCounted: 2,
  text: 2,
} as const;
/** The share of a vendor's profile (by word weight) the report must mention to count. */
const TEXT_MIN_SHARE = 0.2;
const MAX_REASONS_PER_KIND = 3;

/** NFKC (full-width Latin, half-width kana), lower case, single spaces. */
function normalize(value: string): string {
  return value.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** Without spaces and separators, so that "サンプル 製品", "サンプル・製品" and "サンプル製品" meet. */
function compact(value: string): string {
  return normalize(value).replace(/[\s\p{Pd}_.・]/gu, "");
}

/** Company-form words that say nothing about which company it is. */
const COMPANY_FORMS =
  /株式会社|有限会社|合同会社|合資会社|\(株\)|\(有\)|(?<![a-z0-9])(?:incorporated|inc|corporation|corp|company|co|ltd|limited|llc|gmbh|plc|kk|k\.k)(?![a-z0-9])\.?/gu;

/** A company name without its form ("Example Software, Inc." and "example software" meet). */
function companyKey(name: string): string {
  const stripped = compact(normalize(name).replace(COMPANY_FORMS, " ").replace(/,/g, " "));
  return stripped || compact(name);
}

interface Haystack {
  normalized: string;
  compact: string;
}

function haystack(value: string): Haystack {
  return { normalized: normalize(value), compact: compact(value) };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether the text mentions the phrase. Latin phrases match whole words only ("nec" is not in
 * "connection"); Japanese, written without spaces, matches as a substring of the compact text.
 */
function mentions(text: Haystack, phrase: string): boolean {
  const normalized = normalize(phrase);
  if (/^[\p{ASCII}]+$/u.test(normalized)) {
    const words = normalized.split(/[\s\-_.]+/).filter(Boolean);
    if (words.join("").length < 2) return false;
    const pattern = new RegExp(
      `(?<![a-z0-9])${words.map(escapeRegExp).join("[\\s\\-_.]*")}(?![a-z0-9])`,
      "u",
    );
    return pattern.test(text.normalized);
  }
  const needle = compact(phrase);
  return needle.length >= 2 && text.compact.includes(needle);
}

interface CpeName {
  vendor: string;
  /** null when the CPE leaves the product open (`*` or `-`). */
  product: string | null;
}

/** The vendor and product parts of a CPE 2.3 formatted string or a CPE 2.2 URI. */
function parseCpe(value: string | null | undefined): CpeName | null {
  if (!value) return null;
  const lower = value.trim().toLowerCase();
  let vendor: string | undefined;
  let product: string | undefined;
  if (lower.startsWith("cpe:2.3:")) {
    const parts = lower.split(/(?<!\\):/).map((part) => part.replace(/\\(.)/g, "$1"));
    vendor = parts[3];
    product = parts[4];
  } else if (lower.startsWith("cpe:/")) {
    const parts = lower
      .slice("cpe:/".length)
      .split(":")
      .map((part) => {
        try {
          return decodeURIComponent(part);
        } catch {
          return part;
        }
      });
    vendor = parts[1];
    product = parts[2];
  }
  const open = (part: string | undefined) => !part || part === "*" || part === "-";
  if (open(vendor)) return null;
  return { vendor: vendor as string, product: open(product) ? null : (product as string) };
}

interface Candidate {
  id: string;
  name: string;
  products: Array<{ name: string; cpe?: string }>;
  keywords: string[];
  /** Words of its name (without the company form), products and keywords. */
  profile: Set<string>;
}

/**
 * Collects one vendor's reasons. A kind scores its best match (keywords add up, to a cap);
 * the strongest reasons come first, a few per kind.
 */
class Reasons {
  private readonly found = new Map<
    string,
    { kind: SuggestionReasonKind; detail: string; weight: number }
  >();

  add(kind: SuggestionReasonKind, detail: string, weight: number) {
    const key = `${kind}\u0000${detail}`;
    const known = this.found.get(key);
    if (!known || known.weight < weight) this.found.set(key, { kind, detail, weight });
  }

  private ranked() {
    const byKind = new Map<SuggestionReasonKind, Array<{ detail: string; weight: number }>>();
    for (const { kind, detail, weight } of this.found.values()) {
      byKind.set(kind, [...(byKind.get(kind) ?? []), { detail, weight }]);
    }
    return [...byKind].map(([kind, entries]) => ({
      kind,
      entries: entries.sort((a, b) => b.weight - a.weight || (a.detail < b.detail ? -1 : 1)),
    }));
  }

  get empty(): boolean {
    return this.found.size === 0;
  }

  score(): number {
    let total = 0;
    for (const { kind, entries } of this.ranked()) {
      const counted = entries.slice(0, kind === "keyword" ? WEIGHT.keywordsCounted : 1);
      total += counted.reduce((sum, entry) => sum + entry.weight, 0);
    }
    return Math.round(total * 100) / 100;
  }

  list(): SuggestionReason[] {
    return this.ranked()
      .flatMap(({ kind, entries }) =>
        entries.slice(0, MAX_REASONS_PER_KIND).map((entry) => ({ kind, ...entry })),
      )
      .sort((a, b) => b.weight - a.weight)
      .map(({ kind, detail }) => ({ kind, detail }));
  }
}

/**
 * Ranked vendor suggestions for what a report says. `cipher` is accepted for when directory
 * fields come to be sealed; today products, keywords and names are stored in clear.
 */
export async function suggestVendors(
  executor: Executor,
  _cipher: FieldCipher,
  input: VendorSuggestionInput,
  limit = 10,
): Promise<VendorSuggestion[]> {
  const productName = input.productName?.trim() ?? "";
  const vendorName = input.vendorName?.trim() ?? "";
  const reportText = input.text?.trim() ?? "";
  const cpe = parseCpe(input.cpe);
  if (!productName && !vendorName && !reportText && !cpe) return [];

  let query = executor
    .selectFrom("organizations")
    .select(["id", "name", "products", "keywords"])
    .where("type", "=", "vendor");
  const excluded = [...(input.excludeOrgIds ?? [])];
  if (excluded.length > 0) query = query.where("id", "not in", excluded);
  const rows = await query.orderBy("id").execute();

  const candidates: Candidate[] = rows.map((row) => {
    const products = JSON.parse(row.products) as Candidate["products"];
    const keywords = JSON.parse(row.keywords) as string[];
    const strippedName = normalize(row.name).replace(COMPANY_FORMS, " ");
    return {
      id: row.id,
      name: row.name,
      products,
      keywords,
      profile: new Set(
        wordTokens([strippedName, ...products.map((p) => p.name), ...keywords].join("\n")),
      ),
    };
  });

  // Rare words weigh more: a word every vendor shares (製品, software) says little.
  const documentFrequency = new Map<string, number>();
  for (const candidate of candidates) {
    for (const token of candidate.profile) {
      documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
    }
  }
  const weightOf = (token: string) =>
    Math.log(1 + candidates.length / (documentFrequency.get(token) ?? 1));

  const everything = [productName, vendorName, reportText].filter(Boolean).join("\n");
  const inProductName = haystack(productName);
  const inEverything = haystack(everything);
  const reportTokens = new Set(wordTokens(everything));
  const productKey = compact(productName);
  const vendorKey = vendorName ? companyKey(vendorName) : "";

  const suggestions: VendorSuggestion[] = [];
  for (const candidate of candidates) {
    const reasons = new Reasons();
    const nameKey = companyKey(candidate.name);

    if (vendorKey && nameKey === vendorKey) {
      reasons.add("vendor_name", candidate.name, WEIGHT.vendorNameExact);
    } else if (
      vendorKey &&
      Math.min(vendorKey.length, nameKey.length) >= 3 &&
      (vendorKey.includes(nameKey) || nameKey.includes(vendorKey))
    ) {
      reasons.add("vendor_name", candidate.name, WEIGHT.vendorNamePartial);
    } else if (mentions(inEverything, companyKeyPhrase(candidate.name))) {
      reasons.add("vendor_name", candidate.name, WEIGHT.vendorNameInText);
    }

    for (const product of candidate.products) {
      if (productKey && compact(product.name) === productKey) {
        reasons.add("product_name", product.name, WEIGHT.productNameExact);
      } else if (productName && mentions(inProductName, product.name)) {
        reasons.add("product_name", product.name, WEIGHT.productNameInProductName);
      } else if (mentions(inEverything, product.name)) {
        reasons.add("product_name", product.name, WEIGHT.productNameInText);
      }
      if (!cpe) continue;
      const registered = parseCpe(product.cpe);
      if (registered && registered.vendor === cpe.vendor) {
        if (cpe.product && registered.product === cpe.product) {
          reasons.add("cpe", `${cpe.vendor}:${cpe.product}`, WEIGHT.cpeExact);
        } else {
          reasons.add("cpe", cpe.vendor, WEIGHT.cpeVendor);
        }
      } else if (cpe.product && compact(cpe.product) === compact(product.name)) {
        reasons.add("cpe", product.name, WEIGHT.cpeProductName);
      }
    }
    if (cpe && compact(cpe.vendor) === nameKey) reasons.add("cpe", cpe.vendor, WEIGHT.cpeVendor);

    for (const keyword of candidate.keywords) {
      if (mentions(inEverything, keyword)) reasons.add("keyword", keyword, WEIGHT.keyword);
    }

    let profileWeight = 0;
    const shared: Array<{ token: string; weight: number }> = [];
    for (const token of candidate.profile) {
      const weight = weightOf(token);
      profileWeight += weight;
      if (reportTokens.has(token)) shared.push({ token, weight });
    }
    const share = profileWeight > 0 ? shared.reduce((a, s) => a + s.weight, 0) / profileWeight : 0;
    if (share >= TEXT_MIN_SHARE) {
      const words = shared
        .sort((a, b) => b.weight - a.weight || (a.token < b.token ? -1 : 1))
        .slice(0, 5)
        .map((s) => s.token);
      reasons.add("text", words.join(", "), WEIGHT.text * share);
    }

    if (!reasons.empty) {
      suggestions.push({
        organizationId: candidate.id,
        name: candidate.name,
        score: reasons.score(),
        reasons: reasons.list(),
      });
    }
  }

  return suggestions
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
        (a.organizationId < b.organizationId ? -1 : 1),
    )
    .slice(0, Math.max(0, limit));
}

/** A company name without its form, as words, for finding it in a text. */
function companyKeyPhrase(name: string): string {
  const stripped = normalize(name).replace(COMPANY_FORMS, " ").replace(/,/g, " ").trim();
  return stripped || normalize(name);
}
