import { type Language, otherLanguage } from "../../platform/i18n/i18n.ts";
import type { PublicCountermeasure, TranslatedTexts } from "./advisories.schemas.ts";

/**
 * Which of an advisory's texts a reader or an export gets in a language: the advisory's own
 * texts when they are in that language, its translation when that is the translation's. Pages,
 * feeds, the list and the exports all choose through these functions.
 */

type TextKey = keyof TranslatedTexts;
const TEXT_KEYS: readonly TextKey[] = ["title", "overview", "description", "impact"];

/** The texts of the given keys (all four by default), with their language and translation. */
type WithTexts<K extends TextKey> = Pick<TranslatedTexts, K> & {
  language: Language;
  translation: Pick<TranslatedTexts, K> | null;
};

function pick<K extends TextKey>(texts: Pick<TranslatedTexts, K>, keys: readonly K[]) {
  return Object.fromEntries(keys.map((key) => [key, texts[key]])) as Pick<TranslatedTexts, K>;
}

/** The texts in a language; null when the advisory has no text in it. */
export function textsIn<K extends TextKey = TextKey>(
  advisory: WithTexts<K>,
  language: Language,
  keys: readonly K[] = TEXT_KEYS as readonly K[],
): Pick<TranslatedTexts, K> | null {
  if (advisory.language === language) return pick(advisory, keys);
  return advisory.translation ? pick(advisory.translation, keys) : null;
}

export interface TextsInLanguage<K extends TextKey = TextKey> {
  texts: Pick<TranslatedTexts, K>;
  /** The language `texts` are written in. */
  language: Language;
  /** False when the reader asked for a language the advisory is not available in. */
  available: boolean;
}

/**
 * The texts for a reader of a language: in that language where the advisory has them, otherwise
 * its own texts in their language (the page then says that no translation exists).
 */
export function advisoryTextsIn<K extends TextKey = TextKey>(
  advisory: WithTexts<K>,
  wanted: Language,
  keys: readonly K[] = TEXT_KEYS as readonly K[],
): TextsInLanguage<K> {
  const texts = textsIn(advisory, wanted, keys);
  if (texts) return { texts, language: wanted, available: true };
  return { texts: pick(advisory, keys), language: advisory.language, available: false };
}

/** The languages the advisory has text in, its own first. */
export function advisoryLanguages(advisory: { language: Language; translation: unknown }) {
  return advisory.translation
    ? [advisory.language, otherLanguage(advisory.language)]
    : [advisory.language];
}

/** A countermeasure's description in a language (the vendor's own or its translation), or null. */
export function countermeasureTextIn(
  countermeasure: Pick<PublicCountermeasure, "language" | "description" | "translation">,
  language: Language,
): string | null {
  return countermeasure.language === language
    ? countermeasure.description
    : countermeasure.translation;
}

/** A vendor's text (statement, countermeasure) in the reader's language when the vendor gave it. */
export function vendorTextIn(
  text: { text: string; language: Language; translation: string | null },
  wanted: Language,
): { text: string; language: Language } {
  if (text.language !== wanted && text.translation) {
    return { text: text.translation, language: wanted };
  }
  return { text: text.text, language: text.language };
}
