import type {
  Impact,
  OperatorType,
  ProductType,
} from "../../../modules/classification/classification.values.ts";

/**
 * How a report, a case or a site case is classified for the statistics (migration 0028,
 * R-STA-1). Null is "unknown"; a subject without a row is unknown throughout.
 */
export interface ClassificationsTable {
  subject_type: "report" | "case" | "site_case";
  subject_id: string;
  product_type: ProductType | null;
  /** 1 open source, 0 not, null unknown. */
  oss: number | null;
  impact: Impact | null;
  /** Site cases only (R-WEB-7). */
  operator_type: OperatorType | null;
  updated_at: string;
  /** The user who set it: the finder at submission, later the desk or the coordinator. */
  updated_by: string;
}

export interface ClassificationTables {
  classifications: ClassificationsTable;
}
