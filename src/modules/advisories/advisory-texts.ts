import type { AdvisoryLanguage, PublicAdvisory, TranslatedTexts } from "./advisories.schemas.ts";

/**
 * Which of an advisory's texts a reader in one language gets: the advisory's own texts when
 * they are in that language, their translation when there is one, and otherwise the own texts
 * in their language (the page then says that no translation exists). Pages, feeds and the list
 * all choose this way.
 */
export interface TextsInLanguage {
  texts: TranslatedTexts;
  /** The language `texts` are written in. */
  language: AdvisoryLanguage;
  /** False when the reader asked for a language the advisory is not available in. */
  available: boolean;
}

export function advisoryTextsIn(
  advisory: Pick<
    PublicAdvisory,
    "title" | "overview" | "description" | "impact" | "language" | "translation"
  >,
  wanted: AdvisoryLanguage,
): TextsInLanguage {
  const own = {
    title: advisory.title,
    overview: advisory.overview,
    description: advisory.description,
    impact: advisory.impact,
  };
  if (advisory.language === wanted) return { texts: own, language: wanted, available: true };
  if (advisory.translation) {
    return { texts: advisory.translation, language: wanted, available: true };
  }
  return { texts: own, language: advisory.language, available: false };
}

/** A vendor's text (statement, countermeasure) in the reader's language when the vendor gave it. */
export function vendorTextIn(
  text: { text: string; language: AdvisoryLanguage; translation: string | null },
  wanted: AdvisoryLanguage,
): { text: string; language: AdvisoryLanguage } {
  if (text.language !== wanted && text.translation) {
    return { text: text.translation, language: wanted };
  }
  return { text: text.text, language: text.language };
}
