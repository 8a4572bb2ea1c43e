import type { Language } from "../../platform/i18n/i18n.ts";
import catalogue from "./cwe-4.17.json" with { type: "json" };

/**
 * The CWE list (MITRE CWE 4.17, the weaknesses whose mapping is not prohibited), shipped as data
 * so the server validates CWE identifiers offline and names them (docs/decisions/005-advisories.md).
 */
const weaknesses: Readonly<Record<string, string>> = catalogue.weaknesses;

export const CWE_VERSION = catalogue.version;

/**
 * Japanese names for the weaknesses advisories name most often (the CWE Top 25 and its
 * neighbours); every other CWE is named in English in both languages.
 */
const JAPANESE_NAMES: Readonly<Record<string, string>> = {
  "CWE-20": "不適切な入力確認",
  "CWE-22": "パス・トラバーサル",
  "CWE-77": "コマンドインジェクション",
  "CWE-78": "OS コマンドインジェクション",
  "CWE-79": "クロスサイトスクリプティング",
  "CWE-89": "SQL インジェクション",
  "CWE-94": "コードインジェクション",
  "CWE-119": "バッファエラー",
  "CWE-120": "古典的バッファオーバーフロー",
  "CWE-125": "境界外読み込み",
  "CWE-190": "整数オーバーフローまたはラップアラウンド",
  "CWE-200": "情報漏えい",
  "CWE-269": "不適切な権限管理",
  "CWE-276": "不適切なデフォルトパーミッション",
  "CWE-284": "不適切なアクセス制御",
  "CWE-287": "不適切な認証",
  "CWE-295": "不適切な証明書検証",
  "CWE-306": "重要な機能に対する認証の欠如",
  "CWE-311": "重要なデータの暗号化の欠如",
  "CWE-312": "重要な情報の平文保存",
  "CWE-319": "重要な情報の平文通信",
  "CWE-352": "クロスサイトリクエストフォージェリ",
  "CWE-362": "競合状態",
  "CWE-400": "リソースの過剰消費",
  "CWE-416": "解放済みメモリの使用",
  "CWE-427": "制御されていない検索パスの要素",
  "CWE-434": "危険なタイプのファイルの無制限アップロード",
  "CWE-476": "NULL ポインタ参照",
  "CWE-502": "信頼できないデータのデシリアライゼーション",
  "CWE-601": "オープンリダイレクト",
  "CWE-611": "XML 外部エンティティ参照の不適切な制限",
  "CWE-639": "ユーザ制御の鍵による認可回避",
  "CWE-732": "重要なリソースに対する不適切なパーミッションの割り当て",
  "CWE-770": "制限やスロットリングのないリソースの割り当て",
  "CWE-787": "境界外書き込み",
  "CWE-798": "ハードコードされた認証情報の使用",
  "CWE-862": "認可の欠如",
  "CWE-863": "不適切な認可",
  "CWE-918": "サーバサイドリクエストフォージェリ",
  "CWE-1321": "プロトタイプ汚染",
};

export function isKnownCwe(id: string): boolean {
  return Object.hasOwn(weaknesses, id);
}

/** The CWE's name as the CWE list has it (English): what CSAF and CVE records carry. */
export function cweName(id: string): string | null {
  return Object.hasOwn(weaknesses, id) ? (weaknesses[id] ?? null) : null;
}

/** The name to show a reader: Japanese where we have one, otherwise the list's English name. */
export function cweLabel(id: string, language: Language): string | null {
  if (language === "ja" && Object.hasOwn(JAPANESE_NAMES, id)) return JAPANESE_NAMES[id] ?? null;
  return cweName(id);
}

/**
 * What people call a weakness besides its CWE name: the abbreviations and everyday names found in
 * advisories, news and scanners' output, which the CWE list itself does not carry (it says
 * "Cross-site Scripting", never "XSS"). Deliberately short: only names that mean one weakness.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  "CWE-22": ["directory traversal", "ディレクトリトラバーサル", "ディレクトリ・トラバーサル"],
  "CWE-78": ["OSコマンドインジェクション"],
  "CWE-79": ["XSS", "cross site scripting", "クロスサイト・スクリプティング"],
  "CWE-89": ["SQLi", "SQL injection", "SQLインジェクション"],
  "CWE-120": ["buffer overflow", "バッファオーバーフロー"],
  "CWE-352": ["CSRF", "XSRF", "cross site request forgery"],
  "CWE-416": ["UAF", "use-after-free"],
  "CWE-502": ["insecure deserialization", "デシリアライゼーション"],
  "CWE-601": ["open redirect", "オープンリダイレクト"],
  "CWE-611": ["XXE", "XML external entity"],
  "CWE-639": ["IDOR", "insecure direct object reference"],
  "CWE-918": ["SSRF", "server side request forgery"],
  "CWE-1321": ["prototype pollution"],
};

/**
 * Every name a search should find a weakness by: its identifier, its CWE name, its Japanese name
 * and the aliases above. Indexed with the advisory's words when it is written.
 */
export function cweSearchTerms(id: string): string[] {
  if (!isKnownCwe(id)) return [];
  return [
    id,
    cweName(id) ?? "",
    Object.hasOwn(JAPANESE_NAMES, id) ? (JAPANESE_NAMES[id] ?? "") : "",
    ...(Object.hasOwn(ALIASES, id) ? (ALIASES[id] ?? []) : []),
  ].filter(Boolean);
}

/** A CWE as people type it in a search ("79", "cwe-79", "CWE 79"), as "CWE-79"; else null. */
export function cweFromQuery(value: string): string | null {
  const match = /^(?:cwe[\s_-]*)?([1-9]\d{0,5})$/i.exec(value.normalize("NFKC").trim());
  return match ? `CWE-${match[1]}` : null;
}

export interface CweEntry {
  id: string;
  name: string;
}

const numberOf = (id: string) => Number(id.slice("CWE-".length));
/** Every weakness, in the order of its number. */
const BY_NUMBER: readonly CweEntry[] = Object.entries(weaknesses)
  .map(([id, name]) => ({ id, name }))
  .sort((a, b) => numberOf(a.id) - numberOf(b.id));

/**
 * The weaknesses a picker offers for what someone typed: by number ("79", "CWE-79": that one
 * first, then the numbers that start with those digits), else by name, case-insensitive (the
 * CWE name, the Japanese name and the aliases above; names that start with the words first).
 * Each is named as the CWE list names it (English).
 */
export function findCwes(query: string, limit = 20): CweEntry[] {
  const typed = query.normalize("NFKC").trim().toLowerCase();
  if (typed === "") return [];
  const asId = cweFromQuery(typed);
  if (asId) {
    const digits = asId.slice("CWE-".length);
    const exact = BY_NUMBER.filter((entry) => entry.id === asId);
    const started = BY_NUMBER.filter(
      (entry) => entry.id !== asId && entry.id.slice("CWE-".length).startsWith(digits),
    );
    return [...exact, ...started].slice(0, limit);
  }
  const leading: CweEntry[] = [];
  const inside: CweEntry[] = [];
  for (const entry of BY_NUMBER) {
    const terms = cweSearchTerms(entry.id).map((term) => term.normalize("NFKC").toLowerCase());
    if (terms.some((term) => term.startsWith(typed))) leading.push(entry);
    else if (terms.some((term) => term.includes(typed))) inside.push(entry);
  }
  return [...leading, ...inside].slice(0, limit);
}
