/** The coordinator's advisory draft of a case, sealed (migration 0012). */
export interface AdvisoryDraftsTable {
  case_id: string;
  advisory_id: string;
  revision: number;
  content_sealed: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
}
/** A published advisory: public, plain text (migration 0012). */
export interface AdvisoriesTable {
  advisory_id: string;
  case_id: string;
  title: string;
  overview: string;
  description: string;
  impact: string;
  /** The language of the texts above, and their translation as JSON (migration 0015). */
  language: string;
  translation: string | null;
  cwe: string | null;
  cvss: string;
  severity: string | null;
  affected: string;
  reference_list: string;
  cve_ids: string;
  acknowledgement: string | null;
  termination_reason: string | null;
  contact: string;
  history: string;
  received_at: string;
  published_at: string;
  updated_at: string;
  search_tokens: string;
  search_vendors: string;
  search_products: string;
  search_cves: string;
}
/** One vendor's public entry in an advisory (migration 0012). */
export interface AdvisoryVendorsTable {
  advisory_id: string;
  organization_id: string;
  position: number;
  name: string;
  status: string;
  statement: string | null;
  countermeasures: string;
  updated_at: string;
  /** The name as searches compare it: NFKC, lower case (migration 0018). */
  name_key: string;
}
/** One affected product of a published advisory, with its identifiers (migration 0018). */
export interface AdvisoryProductsTable {
  advisory_id: string;
  position: number;
  vendor: string;
  vendor_key: string;
  product: string;
  product_key: string;
  cpe: string | null;
  purl: string | null;
}

/** The CSAF trusted provider's OpenPGP signing keys (migration 0016): one current, others retired. */
export interface CsafSigningKeysTable {
  id: string;
  /** Upper-case hex, as GnuPG prints it. */
  fingerprint: string;
  /** Armored; a retired key's carries its revocation (superseded). */
  public_key: string;
  private_key_sealed: string;
  /** "current" for the one current key (unique), null once retired. */
  current_slot: "current" | null;
  created_at: string;
  /** Written by every signing: the row lock orders signings and rotations (PostgreSQL). */
  last_signed_at: string | null;
  retired_at: string | null;
}
/** One published CSAF document, stored as served (migration 0016). */
export interface CsafDocumentsTable {
  /** `<year>/<file name>`, relative to the TLP:WHITE directory. */
  path: string;
  advisory_id: string;
  tracking_id: string;
  title: string;
  language: string;
  /** JSON: the ROLIE category terms of the document (vendor and product names). */
  categories: string;
  /** The exact UTF-8 text served; hashes and signature cover these bytes. */
  content: string;
  sha256: string;
  sha512: string;
  /** Armored detached OpenPGP signature of `content`. */
  signature: string;
  /** The fingerprint of the key that made `signature`. */
  signed_by: string;
  initial_release_date: string;
  current_release_date: string;
  /** When the content was last written. */
  stored_at: string;
}

/** The public countermeasure database and the CSAF provider's files (migrations 0012, 0016, 0018). */
export interface PublicationTables {
  advisory_drafts: AdvisoryDraftsTable;
  advisories: AdvisoriesTable;
  advisory_vendors: AdvisoryVendorsTable;
  advisory_products: AdvisoryProductsTable;
  csaf_signing_keys: CsafSigningKeysTable;
  csaf_documents: CsafDocumentsTable;
}
