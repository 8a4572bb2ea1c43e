import type {
  ShareClass,
  SiteCaseClass,
  StaffShareView,
} from "../../../modules/analysis-shares/analysis-shares.schemas.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";

export const CLASS_LABELS: Record<ShareClass, MessageKey> = {
  summary: "analysisShares.class.summary",
  technical_details: "analysisShares.class.technical_details",
  affected_products: "analysisShares.class.affected_products",
  proof_of_concept: "analysisShares.class.proof_of_concept",
  vendor_statements: "analysisShares.class.vendor_statements",
  countermeasures: "analysisShares.class.countermeasures",
  site_identity: "analysisShares.siteClass.site_identity",
};

/** A web case's classes name what a web case holds (no products, vendors or publication). */
export const SITE_CLASS_LABELS: Record<SiteCaseClass, MessageKey> = {
  summary: "analysisShares.siteClass.summary",
  technical_details: "analysisShares.class.technical_details",
  proof_of_concept: "analysisShares.class.proof_of_concept",
  countermeasures: "analysisShares.siteClass.countermeasures",
  site_identity: "analysisShares.siteClass.site_identity",
};

const STATUS_LABELS: Record<StaffShareView["status"], MessageKey> = {
  active: "analysisShares.status.active",
  expired: "analysisShares.status.expired",
  revoked: "analysisShares.status.revoked",
};

export function classList(
  t: Translate,
  classes: readonly ShareClass[],
  subject: "case" | "site_case" = "case",
): string {
  return classes
    .map((c) =>
      t(
        subject === "site_case" && c in SITE_CLASS_LABELS
          ? SITE_CLASS_LABELS[c as SiteCaseClass]
          : CLASS_LABELS[c],
      ),
    )
    .join(" / ");
}

export function statusLabel(t: Translate, status: StaffShareView["status"]): string {
  return t(STATUS_LABELS[status]);
}
