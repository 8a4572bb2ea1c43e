// Types for the parts of feedparser (a dev dependency, plain JavaScript) that the feed tests use:
// a real feed reader that parses RSS 1.0 and Atom as a subscriber's client would.
declare module "feedparser" {
  import type { Transform } from "node:stream";

  /** An element as feedparser keeps it: its attributes under "@", its text under "#". */
  export interface FeedElement {
    "@": Record<string, string>;
    "#"?: string;
  }

  export interface FeedMeta {
    "#type": "rss" | "rdf" | "atom";
    title: string | null;
    description: string | null;
    link: string | null;
    xmlurl: string | null;
    date: Date | null;
    language: string | null;
    [element: string]: unknown;
  }

  export interface FeedItem {
    title: string | null;
    description: string | null;
    summary: string | null;
    link: string | null;
    guid: string | null;
    date: Date | null;
    pubdate: Date | null;
    categories: string[];
    meta: FeedMeta;
    [element: string]: unknown;
  }

  export default class FeedParser extends Transform {
    constructor(options?: { feedurl?: string; normalize?: boolean; addmeta?: boolean });
    readonly meta: FeedMeta;
    read(): FeedItem | null;
  }
}
