import type { FieldCipher } from "../../platform/crypto/cipher.ts";
import type { Db, Tx } from "../../platform/db/database.ts";
import type { Clock } from "../../platform/jobs/clock.ts";
import type { CaseState } from "../../workflow/case/index.ts";
import type { WorkflowObserver } from "../../workflow/store.ts";
import type { Actor } from "../access/actor.ts";
import { coordinatorContact } from "../advisories/advisories.composition.ts";
import { publishedAdvisoryIds, readAdvisory } from "../advisories/advisories.repository.ts";
import type { PublicAdvisory } from "../advisories/advisories.schemas.ts";
import { csafDocumentsOf } from "../advisories/exports/csaf.ts";
import type { Audit } from "../audit/audit.ts";
import {
  advisoriesWithDocuments,
  allContents,
  contentsOf,
  listDocuments,
  newestContent,
  readDocument,
  writeDocument,
  writeSignature,
} from "./csaf-provider.repository.ts";
import {
  changesCsv,
  indexTxt,
  providerMetadata,
  providerUrls,
  publisherOf,
  renderDocument,
  rolieCategories,
  rolieFeed,
  rolieService,
  securityTxt,
} from "./provider-files.ts";
import { createSigningKeys } from "./signing-key.ts";

/** security.txt is made per request; RFC 9116 asks for an expiry less than a year ahead. */
const SECURITY_TXT_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * The CSAF trusted provider (CSAF 2.0 section 7.1, role csaf_trusted_provider): the published
 * advisories' CSAF documents stored as served, with hashes and signatures, and the indexes,
 * feeds and metadata that lead a downloader to them. Only published advisories are read
 * (the `advisories` table holds nothing else), so nothing unpublished can reach these files.
 */
export function createCsafProvider(deps: {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  audit: Audit;
  publicUrl: string;
}) {
  const { db, clock, publicUrl } = deps;
  const keys = createSigningKeys(deps);
  const urls = providerUrls(publicUrl);

  /**
   * Brings an advisory's files up to date in the caller's transaction: each CSAF document is
   * rendered and serialised once; only one whose bytes changed is hashed, signed and stored
   * again — an update after publication gives a new revision, hashes, signature and
   * changes.csv time, and an unchanged document keeps its files exactly.
   */
  async function syncAdvisory(tx: Tx, advisory: PublicAdvisory): Promise<number> {
    const rendered = csafDocumentsOf(advisory, publicUrl).map(({ language, document }) =>
      renderDocument(publicUrl, document, language),
    );
    const stored = await contentsOf(
      tx,
      rendered.map((r) => r.path),
    );
    const changed = rendered.filter((r) => stored.get(r.path) !== r.content);
    if (changed.length === 0) return 0;
    const signer = await keys.signerIn(tx);
    const at = clock.now().toISOString();
    for (const document of changed) {
      await writeDocument(tx, {
        advisoryId: advisory.advisoryId,
        rendered: document,
        signature: await signer.sign(document.bytes),
        signedBy: signer.fingerprint,
        at,
      });
    }
    return changed.length;
  }

  /** The publisher the metadata names: the documents' own (section 7.1.7 says they match). */
  async function publisher(): Promise<Record<string, unknown>> {
    const content = await newestContent(db);
    if (content) return publisherOf(content);
    // Nothing published yet: the publisher the first document will name.
    const contact = await coordinatorContact(db);
    return {
      category: "coordinator",
      name: contact.name || "Kakehashi",
      namespace: publicUrl,
      ...(contact.email ? { contact_details: contact.email } : {}),
    };
  }

  const publisherName = async () => String((await publisher()).name ?? "Kakehashi");

  return {
    urls,

    /**
     * Follows every change of a published case in its transaction, after the advisory
     * publisher (services.ts orders the observers): the files change with the advisory or the
     * change fails as a whole.
     */
    observer: (async (tx, change) => {
      if (change.aggregate !== "case") return;
      if (!(change.state as CaseState).publication) return;
      const advisory = await readAdvisory(tx, { caseId: change.id });
      if (advisory) await syncAdvisory(tx, advisory);
    }) satisfies WorkflowObserver,

    /**
     * Writes the files of published advisories that have none: those published before the
     * provider existed (migration 0016 cannot sign). Run when the application starts; each
     * advisory in its own transaction, and one that fails is reported, not in the others' way.
     */
    async fillMissing(): Promise<{
      written: number;
      failed: { advisoryId: string; error: unknown }[];
    }> {
      const done = await advisoriesWithDocuments(db);
      let written = 0;
      const failed: { advisoryId: string; error: unknown }[] = [];
      for (const advisoryId of await publishedAdvisoryIds(db)) {
        if (done.has(advisoryId)) continue;
        try {
          written += await db.transaction().execute(async (tx) => {
            const advisory = await readAdvisory(tx, { advisoryId });
            return advisory ? syncAdvisory(tx, advisory) : 0;
          });
        } catch (error) {
          failed.push({ advisoryId, error });
        }
      }
      return { written, failed };
    },

    /** The current signing key (made on first use). */
    currentKey: (actor: Actor) => keys.current(actor),

    /** A signing key's armored public part by fingerprint (current, or retired and revoked). */
    keyByFingerprint: (fingerprint: string) => keys.byFingerprint(fingerprint),

    /**
     * A new signing key (the operator's command), and every published document re-signed with
     * it in the same transaction: contents and hashes stay, the signatures and the metadata's
     * key change together.
     */
    async rotate(actor: Actor) {
      return db.transaction().execute(async (tx) => {
        const { key, retired, signer } = await keys.rotateIn(tx, actor);
        const documents = await allContents(tx);
        for (const document of documents) {
          const signature = await signer.sign(Buffer.from(document.content, "utf8"));
          await writeSignature(tx, document.path, signature, signer.fingerprint);
        }
        return {
          fingerprint: key.fingerprint,
          createdAt: key.createdAt,
          retired,
          resigned: documents.length,
        };
      });
    },

    async metadata(actor: Actor) {
      const key = await keys.current(actor);
      return providerMetadata(
        { publicUrl, publisher: await publisher(), signingKey: key },
        await listDocuments(db),
      );
    },

    async feed() {
      return rolieFeed(
        publicUrl,
        await publisherName(),
        await listDocuments(db),
        clock.now().toISOString(),
      );
    },

    async service() {
      return rolieService(publicUrl, await publisherName());
    },

    async categories() {
      return rolieCategories(await listDocuments(db));
    },

    async indexTxt() {
      return indexTxt(await listDocuments(db));
    },

    async changesCsv() {
      return changesCsv(await listDocuments(db));
    },

    /** Every stored document's facts (the directory listings). */
    documents: () => listDocuments(db),

    /** One document with its content, by its path under the TLP:WHITE directory. */
    document: (path: string) => readDocument(db, path),

    async securityTxt() {
      const contact = await coordinatorContact(db);
      return securityTxt({
        contactEmail: contact.email,
        reportUrl: `${publicUrl}/reports/new`,
        expires: new Date(clock.now().getTime() + SECURITY_TXT_LIFETIME_MS),
        encryptionUrl: `${publicUrl}/desk-key.asc`,
        // The home page states the process, its deadlines and what stays confidential.
        policyUrl: `${publicUrl}/`,
        canonicalUrl: urls.securityTxt,
        csafUrl: urls.metadata,
      });
    },
  };
}

export type CsafProvider = ReturnType<typeof createCsafProvider>;
