import type { Selectable } from "kysely";
import { z } from "zod";
import type { Executor, Tx } from "../../platform/db/database.ts";
import type { CsafDocumentsTable } from "../../platform/db/schema.ts";
import type { RenderedDocument, StoredDocument } from "./provider-files.ts";

/** The provider's table of published CSAF documents, and the only SQL on it. */

const FACT_COLUMNS = [
  "path",
  "advisory_id",
  "tracking_id",
  "title",
  "language",
  "categories",
  "sha256",
  "sha512",
  "signature",
  "signed_by",
  "initial_release_date",
  "current_release_date",
  "stored_at",
] as const;

type FactRow = Pick<Selectable<CsafDocumentsTable>, (typeof FACT_COLUMNS)[number]>;

function stored(row: FactRow): StoredDocument {
  return {
    path: row.path,
    advisoryId: row.advisory_id,
    trackingId: row.tracking_id,
    title: row.title,
    language: row.language,
    categories: z.array(z.string()).parse(JSON.parse(row.categories)),
    sha256: row.sha256,
    sha512: row.sha512,
    signature: row.signature,
    signedBy: row.signed_by,
    initialReleaseDate: row.initial_release_date,
    currentReleaseDate: row.current_release_date,
    storedAt: row.stored_at,
  };
}

/** Every stored document's facts (not its content), in path order. */
export async function listDocuments(executor: Executor): Promise<StoredDocument[]> {
  const rows = await executor
    .selectFrom("csaf_documents")
    .select([...FACT_COLUMNS])
    .orderBy("path")
    .execute();
  return rows.map(stored);
}

/** One document with its content, by its path under the directory. */
export async function readDocument(
  executor: Executor,
  path: string,
): Promise<(StoredDocument & { content: string }) | null> {
  const row = await executor
    .selectFrom("csaf_documents")
    .select([...FACT_COLUMNS, "content"])
    .where("path", "=", path)
    .executeTakeFirst();
  return row ? { ...stored(row), content: row.content } : null;
}

/** The content of the document stored last (its publisher is the provider's). */
export async function newestContent(executor: Executor): Promise<string | null> {
  const row = await executor
    .selectFrom("csaf_documents")
    .select("content")
    .orderBy("stored_at", "desc")
    .orderBy("path")
    .limit(1)
    .executeTakeFirst();
  return row?.content ?? null;
}

/** The stored content of each path given, to compare a new rendering with. */
export async function contentsOf(tx: Tx, paths: readonly string[]): Promise<Map<string, string>> {
  if (paths.length === 0) return new Map();
  const rows = await tx
    .selectFrom("csaf_documents")
    .select(["path", "content"])
    .where("path", "in", [...paths])
    .execute();
  return new Map(rows.map((row) => [row.path, row.content]));
}

/** The advisories that have at least one stored document. */
export async function advisoriesWithDocuments(executor: Executor): Promise<Set<string>> {
  const rows = await executor
    .selectFrom("csaf_documents")
    .select("advisory_id")
    .distinct()
    .execute();
  return new Set(rows.map((row) => row.advisory_id));
}

/** Stores a document's new content with its hashes and signature (insert or replace). */
export async function writeDocument(
  tx: Tx,
  input: {
    advisoryId: string;
    rendered: RenderedDocument;
    signature: string;
    signedBy: string;
    at: string;
  },
): Promise<void> {
  const { rendered } = input;
  const row = {
    advisory_id: input.advisoryId,
    tracking_id: rendered.trackingId,
    title: rendered.title,
    language: rendered.language,
    categories: JSON.stringify(rendered.categories),
    content: rendered.content,
    sha256: rendered.sha256,
    sha512: rendered.sha512,
    signature: input.signature,
    signed_by: input.signedBy,
    initial_release_date: rendered.initialReleaseDate,
    current_release_date: rendered.currentReleaseDate,
    stored_at: input.at,
  };
  // A tracking ID names one file: should its place ever change, the old file goes.
  await tx
    .deleteFrom("csaf_documents")
    .where("tracking_id", "=", rendered.trackingId)
    .where("path", "!=", rendered.path)
    .execute();
  await tx
    .insertInto("csaf_documents")
    .values({ path: rendered.path, ...row })
    .onConflict((c) => c.column("path").doUpdateSet(row))
    .execute();
}

/** Every document's path and content, to re-sign them all. */
export async function allContents(tx: Tx): Promise<{ path: string; content: string }[]> {
  return tx.selectFrom("csaf_documents").select(["path", "content"]).orderBy("path").execute();
}

/** Replaces a document's signature; its content, hashes and dates stay as they are. */
export async function writeSignature(
  tx: Tx,
  path: string,
  signature: string,
  signedBy: string,
): Promise<void> {
  await tx
    .updateTable("csaf_documents")
    .set({ signature, signed_by: signedBy })
    .where("path", "=", path)
    .execute();
}
