/**
 * The categories of IPA's quarterly report 「ソフトウェア等の脆弱性関連情報に関する届出状況」
 * (R-STA-1). Null, wherever one of these is stored, means "unknown".
 */

/** ソフトウェア製品の種類: what kind of product a product report is about. */
export const PRODUCT_TYPES = [
  "web_application_software",
  "smartphone_app",
  "application",
  "development_runtime",
  "web_browser",
  "groupware",
  "os",
  "firmware_embedded",
  "network_device",
  "library",
  "other",
] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** 脆弱性がもたらす影響: the threat the vulnerability poses. */
export const IMPACTS = [
  "script_execution",
  "code_execution",
  "command_execution",
  "information_disclosure",
  "spoofing",
  "denial_of_service",
  "file_access",
  "authentication_bypass",
  "tampering",
  "other",
] as const;
export type Impact = (typeof IMPACTS)[number];

/** ウェブサイト運営者の種類 (R-WEB-7). */
export const OPERATOR_TYPES = [
  "company",
  "organisation",
  "local_government",
  "individual",
] as const;
export type OperatorType = (typeof OPERATOR_TYPES)[number];

export type ClassificationSubject = "report" | "case" | "site_case";

/** A subject's classification; every field null when unknown. */
export interface Classification {
  productType: ProductType | null;
  oss: boolean | null;
  impact: Impact | null;
  operatorType: OperatorType | null;
}

export const UNKNOWN_CLASSIFICATION: Classification = {
  productType: null,
  oss: null,
  impact: null,
  operatorType: null,
};
