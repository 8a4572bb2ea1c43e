import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { csafProblems } from "./csaf.ts";
import { gpg } from "./gpg.ts";
import { providerMetadataProblems } from "./oasis-csaf.ts";

/**
 * A CSAF downloader (CSAF 2.0 section 7.3.2), written from the standard and not from the
 * provider's code: given the URL of a provider-metadata.json it fetches everything over real
 * HTTP, follows the directory (index.txt, changes.csv) and the ROLIE feeds, and checks each
 * document's hashes, its signature with GnuPG against the key the metadata names, the mandatory
 * tests, the file name rule and the year folder, and that it names itself where it was found.
 */

/** A reply as the downloader sees it; a redirect is a failure (requirement 6). */
async function get(url: string): Promise<{ type: string; bytes: Buffer }> {
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status, `GET ${url}`).toBe(200);
  return {
    type: response.headers.get("content-type") ?? "",
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

async function getJson(url: string): Promise<unknown> {
  const { type, bytes } = await get(url);
  expect(type, url).toMatch(/^application\/json\b/);
  return JSON.parse(bytes.toString("utf8"));
}

async function getText(url: string, type: RegExp): Promise<string> {
  const reply = await get(url);
  expect(reply.type, url).toMatch(type);
  return reply.bytes.toString("utf8");
}

/** CSAF 2.0 section 5.1, from the standard's words. */
function expectedFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, "_")}.json`;
}

/** One parsed changes.csv line. */
export interface ChangeLine {
  path: string;
  time: string;
}

/** changes.csv: two quoted fields a line, no heading (section 7.1.13). */
function parseChanges(text: string): ChangeLine[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const match = /^"((?:[^"]|"")*)","((?:[^"]|"")*)"$/.exec(line);
      expect(match, `changes.csv line ${line}`).not.toBeNull();
      return { path: match?.[1] ?? "", time: match?.[2] ?? "" };
    });
}

export interface DownloadedDocument {
  url: string;
  bytes: Buffer;
  document: {
    document: {
      tracking: {
        id: string;
        version: string;
        initial_release_date: string;
        current_release_date: string;
      };
      references?: { category: string; url: string }[];
      publisher: unknown;
    };
  };
  sha256: string;
  sha512: string;
  signature: string;
  /** The fingerprint GnuPG reports for the valid signature. */
  signedBy: string;
}

export interface Download {
  metadata: {
    canonical_url: string;
    public_openpgp_keys: { fingerprint: string; url: string }[];
    publisher: unknown;
    role: string;
  };
  fingerprint: string;
  changes: ChangeLine[];
  documents: Map<string, DownloadedDocument>;
}

const sha = (algorithm: "sha256" | "sha512", bytes: Buffer) =>
  createHash(algorithm).update(bytes).digest("hex");

/** A hash file: the hex value first, then optionally the file name (section 7.1.18). */
async function checkHashFile(url: string, algorithm: "sha256" | "sha512", bytes: Buffer) {
  const text = await getText(url, /^text\/plain/);
  const match = /^([0-9a-f]+)(?: +(\S+))?\n?$/.exec(text);
  expect(match, `${url}: ${text}`).not.toBeNull();
  expect(match?.[1]).toBe(sha(algorithm, bytes));
  const documentName = url.slice(url.lastIndexOf("/") + 1).replace(/\.sha(256|512)$/, "");
  if (match?.[2]) expect(match[2]).toBe(documentName);
  return match?.[1] ?? "";
}

/** Runs the whole retrieval from the metadata's URL; fails the test on the first problem. */
export async function downloadProvider(metadataUrl: string): Promise<Download> {
  const metadata = (await getJson(metadataUrl)) as Download["metadata"] & {
    distributions: {
      directory_url?: string;
      rolie?: {
        feeds: { url: string; tlp_label: string }[];
        services?: string[];
        categories?: string[];
      };
    }[];
  };
  expect(providerMetadataProblems()(metadata)).toEqual([]);
  expect(metadata.canonical_url).toBe(metadataUrl);
  expect(metadata.role).toBe("csaf_trusted_provider");

  const home = fs.mkdtempSync(path.join(os.tmpdir(), "kk-dl-"));
  try {
    // Requirement 20: the keys the metadata names, where it says; the clock of the tests runs
    // ahead of the machine's, hence --ignore-time-conflict.
    const flags = ["--ignore-time-conflict"];
    expect(metadata.public_openpgp_keys.length).toBeGreaterThan(0);
    for (const key of metadata.public_openpgp_keys) {
      const armored = await get(key.url);
      expect(armored.type).toMatch(/^application\/pgp-keys/);
      gpg(home, [...flags, "--import"], armored.bytes);
    }
    const listed = gpg(home, [...flags, "--with-colons", "--list-keys"]).toString("utf8");
    const fingerprints = [...listed.matchAll(/^fpr:+([0-9A-F]+):/gm)].map((m) => m[1]);
    for (const key of metadata.public_openpgp_keys) {
      expect(fingerprints).toContain(key.fingerprint.toUpperCase());
    }
    const allowed = metadata.public_openpgp_keys.map((k) => k.fingerprint.toUpperCase());

    // The directory (requirements 11 to 14).
    const fromDirectory = new Set<string>();
    let changes: ChangeLine[] = [];
    for (const { directory_url: directory } of metadata.distributions) {
      if (!directory) continue;
      const index = await getText(`${directory}/index.txt`, /^text\/plain/);
      const paths = index.split("\n").filter((line) => line !== "");
      changes = parseChanges(await getText(`${directory}/changes.csv`, /^text\/csv/));
      expect(new Set(changes.map((c) => c.path))).toEqual(new Set(paths));
      const times = changes.map((c) => Date.parse(c.time));
      expect(times.every((time) => !Number.isNaN(time))).toBe(true);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      for (const line of paths) fromDirectory.add(`${directory}/${line}`);
    }

    // ROLIE (requirements 15 to 17).
    const fromRolie = new Map<string, { hashes: string[]; signature: string }>();
    for (const { rolie } of metadata.distributions) {
      if (!rolie) continue;
      for (const feedInfo of rolie.feeds) {
        const { feed } = (await getJson(feedInfo.url)) as {
          feed: {
            link: { rel: string; href: string }[];
            category: { scheme: string; term: string }[];
            entry: {
              id: string;
              link: { rel: string; href: string }[];
              content: { src: string; type: string };
              format: { schema: string; version: string };
              published: string;
              updated: string;
            }[];
          };
        };
        expect(feed.link.find((l) => l.rel === "self")?.href).toBe(feedInfo.url);
        expect(feed.category).toContainEqual({
          scheme: "urn:ietf:params:rolie:category:information-type",
          term: "csaf",
        });
        for (const entry of feed.entry) {
          expect(entry.content.type).toBe("application/json");
          expect(entry.format).toEqual({
            schema: "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json",
            version: "2.0",
          });
          expect(entry.link.find((l) => l.rel === "self")?.href).toBe(entry.content.src);
          expect(Date.parse(entry.updated)).toBeGreaterThanOrEqual(Date.parse(entry.published));
          const signatures = entry.link.filter((l) => l.rel === "signature");
          expect(signatures).toHaveLength(1);
          fromRolie.set(entry.content.src, {
            hashes: entry.link.filter((l) => l.rel === "hash").map((l) => l.href),
            signature: signatures[0]?.href ?? "",
          });
        }
      }
      for (const url of rolie.services ?? []) {
        const { service } = (await getJson(url)) as {
          service: { workspace: { collection: { href: string }[] }[] };
        };
        const listedFeeds = service.workspace.flatMap((w) => w.collection.map((c) => c.href));
        expect(new Set(listedFeeds)).toEqual(new Set(rolie.feeds.map((f) => f.url)));
      }
      for (const url of rolie.categories ?? []) {
        const { categories } = (await getJson(url)) as {
          categories: { category: { term: string }[] };
        };
        expect(Array.isArray(categories.category)).toBe(true);
      }
    }
    // Both ways lead to the same documents.
    expect(new Set(fromRolie.keys())).toEqual(fromDirectory);

    const documents = new Map<string, DownloadedDocument>();
    for (const url of fromDirectory) {
      const reply = await get(url);
      expect(reply.type).toMatch(/^application\/json\b/);
      const { bytes } = reply;
      // Requirement 18: the hash files beside it, and those the feed links, agree.
      const sha256 = await checkHashFile(`${url}.sha256`, "sha256", bytes);
      const sha512 = await checkHashFile(`${url}.sha512`, "sha512", bytes);
      const linked = fromRolie.get(url);
      expect(new Set(linked?.hashes)).toEqual(new Set([`${url}.sha256`, `${url}.sha512`]));
      expect(linked?.signature).toBe(`${url}.asc`);
      // Requirement 19: a detached signature GnuPG accepts, by a key the metadata names.
      const signatureReply = await get(`${url}.asc`);
      expect(signatureReply.type).toMatch(/^application\/pgp-signature/);
      const signature = signatureReply.bytes.toString("utf8");
      const documentFile = path.join(home, "document.json");
      const signatureFile = path.join(home, "document.json.asc");
      fs.writeFileSync(documentFile, bytes);
      fs.writeFileSync(signatureFile, signature);
      const status = gpg(home, [
        ...flags,
        "--status-fd",
        "1",
        "--verify",
        signatureFile,
        documentFile,
      ]).toString("utf8");
      expect(status).toMatch(/^\[GNUPG:\] GOODSIG /m);
      const signedBy = /^\[GNUPG:\] VALIDSIG ([0-9A-F]+) /m.exec(status)?.[1] ?? "";
      expect(allowed).toContain(signedBy);

      // Requirements 1, 2, 11: valid, named by its tracking ID, in its year's folder, and
      // its self reference is where it was found.
      const document = JSON.parse(bytes.toString("utf8")) as DownloadedDocument["document"];
      expect(await csafProblems(document)).toEqual([]);
      const { tracking } = document.document;
      const [year, fileName] = url.split("/").slice(-2);
      expect(fileName).toBe(expectedFileName(tracking.id));
      expect(year).toBe(tracking.initial_release_date.slice(0, 4));
      const selfUrls = (document.document.references ?? [])
        .filter((r) => r.category === "self")
        .map((r) => r.url);
      expect(selfUrls).toContain(url);
      // changes.csv carries the document's current release date.
      const relative = url.slice(url.indexOf("/white/") + "/white/".length);
      expect(changes.find((c) => c.path === relative)?.time).toBe(tracking.current_release_date);
      documents.set(url, { url, bytes, document, sha256, sha512, signature, signedBy });
    }
    const fingerprint = metadata.public_openpgp_keys[0]?.fingerprint.toUpperCase() ?? "";
    return { metadata, fingerprint, changes, documents };
  } finally {
    try {
      execFileSync("gpgconf", ["--homedir", home, "--kill", "all"], { stdio: "ignore" });
    } catch {
      // No agent was started.
    }
    fs.rmSync(home, { recursive: true, force: true });
  }
}
