import type { Language } from "../../../platform/i18n/i18n.ts";
import type { PublicAdvisory } from "../advisories.schemas.ts";

/**
 * What every export of a published advisory (R-PUB-3) states alike: its public address and the
 * language it is written in. Each export is built from the public advisory alone (R-CLS-1).
 */

/** The advisory's public page. Its identifier has a "#", which a URL carries as %23. */
export function advisoryUrl(publicUrl: string, advisoryId: string): string {
  return `${publicUrl}/advisories/${encodeURIComponent(advisoryId)}`;
}

/** The language the coordinator wrote the advisory in: Japanese when its title or text has kana or kanji. */
export function contentLanguage(advisory: Pick<PublicAdvisory, "title" | "overview">): Language {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(
    `${advisory.title}${advisory.overview}`,
  )
    ? "ja"
    : "en";
}
