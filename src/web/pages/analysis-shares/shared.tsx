import type {
  InformationClass,
  StaffShareView,
} from "../../../modules/analysis-shares/analysis-shares.schemas.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";

export const CLASS_LABELS: Record<InformationClass, MessageKey> = {
  summary: "analysisShares.class.summary",
  technical_details: "analysisShares.class.technical_details",
  affected_products: "analysisShares.class.affected_products",
  proof_of_concept: "analysisShares.class.proof_of_concept",
  vendor_statements: "analysisShares.class.vendor_statements",
  countermeasures: "analysisShares.class.countermeasures",
};

const STATUS_LABELS: Record<StaffShareView["status"], MessageKey> = {
  active: "analysisShares.status.active",
  expired: "analysisShares.status.expired",
  revoked: "analysisShares.status.revoked",
};

export function classList(t: Translate, classes: readonly InformationClass[]): string {
  return classes.map((c) => t(CLASS_LABELS[c])).join(" / ");
}

export function statusLabel(t: Translate, status: StaffShareView["status"]): string {
  return t(STATUS_LABELS[status]);
}
