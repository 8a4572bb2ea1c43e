import type { csafProviderJa } from "./csaf-provider.ja.ts";

export const csafProviderEn: Record<keyof typeof csafProviderJa, string> = {
  "csafProvider.listing.title": "Index of {path} — Kakehashi",
  "csafProvider.listing.heading": "Index of",
  "csafProvider.listing.lead":
    "The CSAF 2.0 documents (TLP:WHITE) of the advisories Kakehashi has published, with their hashes (.sha256, .sha512) and OpenPGP signatures (.asc).",
  "csafProvider.listing.start": "Programs should start from the provider metadata:",
  "csafProvider.listing.parent": "Up one folder",
  "csafProvider.listing.empty": "No document has been published yet.",
  "csafProvider.listing.name": "Name",
  "csafProvider.listing.what": "What it is",
  "csafProvider.listing.updated": "Last changed",
  "csafProvider.file.metadata": "Provider metadata (CSAF 2.0 provider-metadata.json)",
  "csafProvider.file.feed": "ROLIE feed (every TLP:WHITE document)",
  "csafProvider.file.service": "ROLIE service document",
  "csafProvider.file.category": "ROLIE category document (vendor and product names)",
  "csafProvider.file.key": "OpenPGP public key that signs the documents",
  "csafProvider.file.directory": "TLP:WHITE documents (a folder per year)",
  "csafProvider.file.year": "Documents first released in {year} ({count})",
  "csafProvider.file.index": "The path of every document (index.txt)",
  "csafProvider.file.changes": "Each document's last change, newest first (changes.csv)",
  "csafProvider.file.document": "CSAF document",
  "csafProvider.file.sha256": "SHA-256 hash",
  "csafProvider.file.sha512": "SHA-512 hash",
  "csafProvider.file.signature": "Detached OpenPGP signature",
};
