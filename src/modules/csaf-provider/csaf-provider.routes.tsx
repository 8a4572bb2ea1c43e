import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { registerPublicReads } from "../../platform/http/conditional.ts";
import { notFound } from "../../platform/http/problem.ts";
import type { Translate } from "../../platform/i18n/i18n.ts";
import {
  DirectoryListingPage,
  type ListingEntry,
} from "../../web/pages/csaf-provider/directory-listing.tsx";
import { pageContext, sendPage } from "../../web/render.ts";
import type { CsafProvider } from "./csaf-provider.service.ts";
import { baseName, hashFile } from "./provider-files.ts";

/**
 * The CSAF trusted provider's files (CSAF 2.0 section 7.1), public and without redirects.
 * Each JSON file is sent as the exact bytes stored or rendered, never re-serialised.
 */

const JSON_TYPE = "application/json";
const TEXT_TYPE = "text/plain; charset=utf-8";

const WELL_KNOWN = "/.well-known/csaf";
const WHITE = `${WELL_KNOWN}/white`;

/** `<file>.json` and the files beside it. */
const DOCUMENT_FILE = /^([+\-a-z0-9_]+\.json)(\.sha256|\.sha512|\.asc)?$/;
const KEY_FILE = /^([0-9A-F]{40,})\.asc$/;

const yearParams = z.object({ year: z.string() });
const fileParams = z.object({ year: z.string(), file: z.string() });
const keyParams = z.object({ file: z.string() });

const json = (reply: FastifyReply, value: unknown) =>
  reply.type(JSON_TYPE).send(JSON.stringify(value, null, 2));

export async function registerCsafProviderRoutes(
  app: FastifyInstance,
  deps: { csafProvider: CsafProvider },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const provider = deps.csafProvider;
  // Downloaders poll these files: ETag and 304, and cross-origin reads, as for the other public
  // data. No Last-Modified: a key rotation re-signs files without changing their advisory.
  registerPublicReads(app, {
    servesPublicData: (url) => url.startsWith("/.well-known/"),
    lastModified: async () => null,
  });
  const tags = ["csaf"];

  api.get(
    "/.well-known/security.txt",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "security.txt (RFC 9116): contacts, the desk's encryption key, the CSAF metadata",
      },
    },
    async (_request, reply) => reply.type(TEXT_TYPE).send(await provider.securityTxt()),
  );

  api.get(
    `${WELL_KNOWN}/provider-metadata.json`,
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "CSAF provider metadata (role csaf_trusted_provider): where every file is",
      },
    },
    async (request, reply) => json(reply, await provider.metadata(request.ctx.actor)),
  );

  api.get(
    `${WELL_KNOWN}/feed-tlp-white.json`,
    {
      config: { access: "public" },
      schema: { tags, summary: "ROLIE feed of every TLP:WHITE CSAF document, newest first" },
    },
    async (_request, reply) => json(reply, await provider.feed()),
  );

  api.get(
    `${WELL_KNOWN}/service.json`,
    { config: { access: "public" }, schema: { tags, summary: "ROLIE service document" } },
    async (_request, reply) => json(reply, await provider.service()),
  );

  api.get(
    `${WELL_KNOWN}/category-tlp-white.json`,
    {
      config: { access: "public" },
      schema: { tags, summary: "ROLIE category document: the vendors and products named" },
    },
    async (_request, reply) => json(reply, await provider.categories()),
  );

  api.get(
    `${WELL_KNOWN}/openpgp/:file`,
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "An OpenPGP public key that signs CSAF documents, by fingerprint (<FPR>.asc)",
        params: keyParams,
      },
    },
    async (request, reply) => {
      const fingerprint = KEY_FILE.exec(request.params.file)?.[1];
      const key = fingerprint ? await provider.keyByFingerprint(fingerprint) : null;
      if (!key) throw notFound();
      return reply.type("application/pgp-keys").send(key.publicKey);
    },
  );

  api.get(
    `${WHITE}/index.txt`,
    {
      config: { access: "public" },
      schema: { tags, summary: "index.txt: the path of every TLP:WHITE CSAF document" },
    },
    async (_request, reply) => reply.type(TEXT_TYPE).send(await provider.indexTxt()),
  );

  api.get(
    `${WHITE}/changes.csv`,
    {
      config: { access: "public" },
      schema: { tags, summary: "changes.csv: each document's current release date, newest first" },
    },
    async (_request, reply) =>
      reply.type("text/csv; charset=utf-8").send(await provider.changesCsv()),
  );

  api.get(
    `${WHITE}/:year/:file`,
    {
      config: { access: "public" },
      schema: {
        tags,
        summary:
          "A CSAF document (.json), its hashes (.json.sha256, .json.sha512), its signature (.json.asc)",
        params: fileParams,
      },
    },
    async (request, reply) => {
      const match = DOCUMENT_FILE.exec(request.params.file);
      if (!match?.[1] || !/^\d{4}$/.test(request.params.year)) throw notFound();
      const document = await provider.document(`${request.params.year}/${match[1]}`);
      if (!document) throw notFound();
      switch (match[2]) {
        case ".sha256":
          return reply.type(TEXT_TYPE).send(hashFile(document.sha256, document.path));
        case ".sha512":
          return reply.type(TEXT_TYPE).send(hashFile(document.sha512, document.path));
        case ".asc":
          return reply.type("application/pgp-signature").send(document.signature);
        default:
          return reply.type(JSON_TYPE).send(document.content);
      }
    },
  );

  registerListings(app, provider);
}

/** Directory listings (requirement 14): the provider's folders, for people. */
function registerListings(app: FastifyInstance, provider: CsafProvider) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["csaf"];
  /** Sends a listing page; its entries are described in the reader's language. */
  const listing = (
    request: FastifyRequest,
    reply: FastifyReply,
    folder: { path: string; parent: string | null },
    entries: (t: Translate) => ListingEntry[],
  ) => {
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      page,
      <DirectoryListingPage
        page={page}
        path={`${folder.path}/`}
        parent={folder.parent}
        entries={entries(page.t)}
      />,
    );
  };

  api.get(
    WELL_KNOWN,
    {
      config: { access: "public" },
      schema: { tags, summary: "Directory listing of the CSAF provider (HTML)" },
    },
    async (request, reply) => {
      const key = await provider.currentKey(request.ctx.actor);
      return listing(request, reply, { path: WELL_KNOWN, parent: null }, (t) => [
        {
          name: "provider-metadata.json",
          href: `${WELL_KNOWN}/provider-metadata.json`,
          description: t("csafProvider.file.metadata"),
        },
        {
          name: "feed-tlp-white.json",
          href: `${WELL_KNOWN}/feed-tlp-white.json`,
          description: t("csafProvider.file.feed"),
        },
        {
          name: "service.json",
          href: `${WELL_KNOWN}/service.json`,
          description: t("csafProvider.file.service"),
        },
        {
          name: "category-tlp-white.json",
          href: `${WELL_KNOWN}/category-tlp-white.json`,
          description: t("csafProvider.file.category"),
        },
        {
          name: `openpgp/${key.fingerprint}.asc`,
          href: `${WELL_KNOWN}/openpgp/${key.fingerprint}.asc`,
          updated: key.createdAt,
          description: t("csafProvider.file.key"),
        },
        { name: "white/", href: `${WHITE}/`, description: t("csafProvider.file.directory") },
      ]);
    },
  );

  api.get(
    WHITE,
    {
      config: { access: "public" },
      schema: { tags, summary: "Directory listing of the TLP:WHITE documents (HTML)" },
    },
    async (request, reply) => {
      const documents = await provider.documents();
      const years = new Map<string, { count: number; updated: string }>();
      for (const document of documents) {
        const year = document.path.slice(0, 4);
        const known = years.get(year);
        const updated =
          known && known.updated > document.storedAt ? known.updated : document.storedAt;
        years.set(year, { count: (known?.count ?? 0) + 1, updated });
      }
      const newest = documents
        .map((d) => d.storedAt)
        .sort()
        .at(-1);
      const changed = newest ? { updated: newest } : {};
      return listing(request, reply, { path: WHITE, parent: `${WELL_KNOWN}/` }, (t) => [
        ...[...years]
          .sort(([a], [b]) => b.localeCompare(a))
          .map(([year, { count, updated }]) => ({
            name: `${year}/`,
            href: `${WHITE}/${year}/`,
            updated,
            description: t("csafProvider.file.year", { year, count }),
          })),
        {
          name: "index.txt",
          href: `${WHITE}/index.txt`,
          ...changed,
          description: t("csafProvider.file.index"),
        },
        {
          name: "changes.csv",
          href: `${WHITE}/changes.csv`,
          ...changed,
          description: t("csafProvider.file.changes"),
        },
      ]);
    },
  );

  api.get(
    `${WHITE}/:year`,
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Directory listing of one year's documents (HTML)",
        params: yearParams,
      },
    },
    async (request, reply) => {
      const { year } = request.params;
      const documents = /^\d{4}$/.test(year)
        ? (await provider.documents()).filter((d) => d.path.startsWith(`${year}/`))
        : [];
      if (documents.length === 0) throw notFound();
      const folder = { path: `${WHITE}/${year}`, parent: `${WHITE}/` };
      return listing(request, reply, folder, (t) =>
        documents.flatMap((document) => {
          const name = baseName(document.path);
          const href = `${WHITE}/${document.path}`;
          const updated = document.storedAt;
          return [
            { name, href, updated, description: t("csafProvider.file.document") },
            {
              name: `${name}.sha256`,
              href: `${href}.sha256`,
              updated,
              description: t("csafProvider.file.sha256"),
            },
            {
              name: `${name}.sha512`,
              href: `${href}.sha512`,
              updated,
              description: t("csafProvider.file.sha512"),
            },
            // Re-signed at a key rotation: its time is not the document's.
            {
              name: `${name}.asc`,
              href: `${href}.asc`,
              description: t("csafProvider.file.signature"),
            },
          ];
        }),
      );
    },
  );
}
