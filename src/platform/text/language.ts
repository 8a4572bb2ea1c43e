/**
 * The language a text is written in, as far as Kakehashi needs to know: Japanese when it has
 * kana or kanji, English otherwise. Used only for texts stored before their author could say.
 */
export function textLanguage(text: string): "ja" | "en" {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) ? "ja" : "en";
}
