/**
 * Word tokens for matching and search, the same for Japanese and English: Intl.Segmenter at
 * word granularity (ja; it also splits Latin words), lower-cased, word-like segments only,
 * without function words.
 * Two-character Japanese words such as 認証 stay whole, which trigram matching would miss.
 */
const segmenter = new Intl.Segmenter("ja", { granularity: "word" });

/** Function words that every text shares: they would make unrelated reports look alike. */
const STOP_WORDS = new Set([
  "the",
  "of",
  "in",
  "on",
  "at",
  "to",
  "for",
  "by",
  "with",
  "and",
  "or",
  "an",
  "is",
  "are",
  "be",
  "it",
  "this",
  "that",
  "from",
  "as",
]);

export function wordTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const segment of segmenter.segment(text.normalize("NFKC").toLowerCase())) {
    if (!segment.isWordLike) continue;
    const token = segment.segment.trim();
    // A single Latin letter, digit or kana (a particle such as の) says nothing; a kanji can.
    if (token.length === 1 && /[a-z0-9\p{Script=Hiragana}]/u.test(token)) continue;
    if (STOP_WORDS.has(token)) continue;
    tokens.push(token);
  }
  return tokens;
}

/** Jaccard similarity of two texts' token sets (0: nothing shared, 1: the same words). */
export function similarity(a: string, b: string): number {
  const left = new Set(wordTokens(a));
  const right = new Set(wordTokens(b));
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared += 1;
  return shared / (left.size + right.size - shared);
}
