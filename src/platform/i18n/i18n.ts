import { en } from "./en.ts";
import { ja } from "./ja.ts";

export const LANGUAGES = ["ja", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The other of the two languages. */
export function otherLanguage(language: Language): Language {
  return language === "ja" ? "en" : "ja";
}
export const DEFAULT_LANGUAGE: Language = "ja";

export type MessageKey = keyof typeof ja;
/** Every catalog has exactly the keys of the Japanese one; a missing key fails the type check. */
export type Catalog = Record<MessageKey, string>;

const catalogs: Record<Language, Catalog> = { ja, en };

export function isLanguage(value: unknown): value is Language {
  return value === "ja" || value === "en";
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** t() for one language; `{name}` placeholders are replaced by params. */
export function translator(language: Language): Translate {
  const catalog = catalogs[language];
  return (key, params) =>
    params
      ? catalog[key].replace(/\{(\w+)\}/g, (match, name: string) =>
          name in params ? String(params[name]) : match,
        )
      : catalog[key];
}

/**
 * The best language from an Accept-Language header (RFC 9110 quality values), or null when
 * it names neither Japanese nor English.
 */
export function languageFromAcceptLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        primary: tag.trim().toLowerCase().split("-")[0],
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    if (isLanguage(entry.primary)) return entry.primary;
  }
  return null;
}

/** Formats a calendar date for people (a paper signed that day), in Japan's calendar by default. */
export function formatDate(instant: Date, language: Language, timeZone = "Asia/Tokyo"): string {
  return new Intl.DateTimeFormat(language === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "long",
    timeZone,
  }).format(instant);
}

/** Formats an instant for people: date and time with the zone named (default Asia/Tokyo). */
export function formatInstant(instant: Date, language: Language, timeZone = "Asia/Tokyo"): string {
  return new Intl.DateTimeFormat(language === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "long",
    timeStyle: "long",
    timeZone,
  }).format(instant);
}
