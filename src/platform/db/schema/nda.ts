/** An NDA text the coordinator published (migration 0021); never changed once published. */
export interface NdaTextsTable {
  id: string;
  /** 1, 2, …: the order of publication; the highest is the one offered. */
  position: number;
  version: string;
  body_ja: string;
  body_en: string;
  published_at: string;
  /** The coordinator member who published it. */
  published_by: string;
}
/** One NDA of an organization: accepted in the application, or signed on paper and recorded. */
export interface NdaAcceptancesTable {
  id: string;
  organization_id: string;
  method: "in_app" | "paper";
  version: string;
  /** The text accepted in the application (null for paper, unless its version was published). */
  nda_text_id: string | null;
  /** SHA-256 (hex) of the exact text accepted, in the language read; null for paper. */
  text_sha256: string | null;
  language: "ja" | "en" | null;
  /** When it took effect: the acceptance, or the paper's signing date. */
  signed_at: string;
  /** Who accepted it (the organization's admin) or recorded the paper (the coordinator). */
  accepted_by: string;
  accepted_at: string;
}

/** NDA texts and organizations' NDAs (migration 0021). */
export interface NdaTables {
  nda_texts: NdaTextsTable;
  nda_acceptances: NdaAcceptancesTable;
}
