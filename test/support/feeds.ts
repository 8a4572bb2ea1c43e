import { Readable } from "node:stream";
import FeedParser, { type FeedElement, type FeedItem, type FeedMeta } from "feedparser";

/**
 * A feed as a subscriber's reader sees it: parsed by feedparser (a real feed reader), which
 * refuses what it cannot read. Extension elements keep their prefix ("sec:cvss").
 */
export async function parseFeed(
  text: string,
  feedurl?: string,
): Promise<{ meta: FeedMeta; items: FeedItem[] }> {
  const parser = new FeedParser(feedurl ? { feedurl } : {});
  const items: FeedItem[] = [];
  return new Promise((resolve, reject) => {
    parser.on("error", reject);
    parser.on("readable", () => {
      for (let item = parser.read(); item; item = parser.read()) items.push(item);
    });
    parser.on("end", () => resolve({ meta: parser.meta, items }));
    Readable.from([text]).pipe(parser);
  });
}

/** An extension element of an item, always as a list (feedparser gives one or an array). */
export function elements(item: FeedItem, name: string): FeedElement[] {
  const value = item[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as FeedElement[];
}
