import type { AdvisoryLanguage } from "./advisories.schemas.ts";
import { cweLabel } from "./cwe.ts";

/**
 * The first wording of a suggested draft, in JVN's manner, made only from what the case states
 * as data (vendors, products, the weakness, the CVSS metrics) — never from a report's text, which
 * is the finder's and may hold the attack itself (R-CLS-1). The coordinator rewrites it; it is
 * there so that nothing structured has to be typed twice.
 */

export interface SuggestionFacts {
  vendors: string[];
  products: string[];
  cwe: string | null;
  /** A CVSS 3.1 or 4.0 vector, for the impact. */
  cvssVector: string | null;
  /** The first version fixed, when exactly one is known. */
  fixedVersion: string | null;
}

const list = (items: string[], language: AdvisoryLanguage) => {
  if (language === "ja") return items.join("、");
  if (items.length <= 2) return items.join(" and ");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
};

function weakness(facts: SuggestionFacts, language: AdvisoryLanguage): string | null {
  if (!facts.cwe) return null;
  const name = cweLabel(facts.cwe, language);
  return name ? `${name} (${facts.cwe})` : facts.cwe;
}

/** The metrics of a vector by name ("AV" → "N"). */
function metrics(vector: string | null): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of (vector ?? "").split("/").slice(1)) {
    const [name, value] = part.split(":");
    if (name && value) found.set(name, value);
  }
  return found;
}

const WHO: Record<AdvisoryLanguage, Record<string, string>> = {
  ja: {
    N: "遠隔の第三者",
    A: "隣接するネットワーク上の第三者",
    L: "当該製品にローカルでアクセスできる第三者",
    P: "当該製品に物理的にアクセスできる第三者",
    loggedIn: "当該製品にログイン可能なユーザ",
    admin: "当該製品の管理者権限を持つユーザ",
  },
  en: {
    N: "A remote attacker",
    A: "An attacker on an adjacent network",
    L: "An attacker with local access to the product",
    P: "An attacker with physical access to the product",
    loggedIn: "A user who can log in to the product",
    admin: "A user with administrative privileges on the product",
  },
};

const EFFECTS: Record<AdvisoryLanguage, { c: string; i: string; a: string }> = {
  ja: {
    c: "情報を取得される",
    i: "情報を改ざんされる",
    a: "サービス運用妨害 (DoS) 状態にされる",
  },
  en: {
    c: "obtain information",
    i: "alter information",
    a: "cause a denial of service (DoS)",
  },
};

/** What an attacker may do, from the CVSS base metrics; "under investigation" without them. */
function impactText(facts: SuggestionFacts, language: AdvisoryLanguage): string {
  const m = metrics(facts.cvssVector);
  const hit = (v3: string, v4: string) => {
    const value = m.get(v3) ?? m.get(v4);
    return value === "L" || value === "H";
  };
  const words = EFFECTS[language];
  const effects = [
    hit("C", "VC") ? words.c : null,
    hit("I", "VI") ? words.i : null,
    hit("A", "VA") ? words.a : null,
  ].filter((effect): effect is string => effect !== null);
  const privileges = m.get("PR");
  const who =
    privileges === "H"
      ? WHO[language].admin
      : privileges === "L"
        ? WHO[language].loggedIn
        : WHO[language][m.get("AV") ?? ""];
  if (!who || effects.length === 0) {
    return language === "ja"
      ? "想定される影響は調査中です。"
      : "The impact is under investigation.";
  }
  if (language === "ja") return `${who}によって、${effects.join("、")}可能性があります。`;
  const joined =
    effects.length === 1 ? effects[0] : `${effects.slice(0, -1).join(", ")} or ${effects.at(-1)}`;
  return `${who} may ${joined}.`;
}

/** The overview, description and impact of a suggested draft in one language. */
export function suggestedTexts(facts: SuggestionFacts, language: AdvisoryLanguage) {
  const products =
    facts.products.length > 0
      ? list(facts.products, language)
      : language === "ja"
        ? "当該製品"
        : "The product";
  const vendors = facts.vendors.length > 0 ? list(facts.vendors, language) : null;
  const flaw = weakness(facts, language);
  if (language === "ja") {
    const subject = vendors ? `${vendors}が提供する${products}` : products;
    return {
      overview: `${subject}には、${flaw ? `${flaw}の` : ""}脆弱性が存在します。`,
      description: [
        `${subject}には、次の脆弱性が存在します。`,
        `・${flaw ?? "脆弱性の種類は調査中です"}`,
        ...(facts.fixedVersion
          ? [`この脆弱性はバージョン ${facts.fixedVersion} で修正されています。`]
          : []),
      ].join("\n"),
      impact: impactText(facts, language),
    };
  }
  const subject = vendors ? `${products} provided by ${vendors}` : products;
  return {
    overview: `${subject} contains a vulnerability${flaw ? `: ${flaw}` : ""}.`,
    description: [
      `${subject} contains the following vulnerability.`,
      `- ${flaw ?? "The kind of weakness is under investigation."}`,
      ...(facts.fixedVersion
        ? [`The vulnerability is fixed in version ${facts.fixedVersion}.`]
        : []),
    ].join("\n"),
    impact: impactText(facts, language),
  };
}

/** Readable affected versions when only the fixed version is known ("prior to 1.0.4"). */
export function versionsBefore(fixed: string, language: AdvisoryLanguage): string {
  return language === "ja" ? `${fixed} より前のバージョン` : `versions prior to ${fixed}`;
}
