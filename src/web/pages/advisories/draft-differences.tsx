import type { AdvisoryDifference } from "../../../modules/advisories/draft-differences.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import type { VersionRange } from "../../../platform/text/product-identity.ts";
import { rangeText } from "../../../platform/text/version-range-text.ts";
import type { PageContext } from "../../layout.tsx";

export type DraftDifference = AdvisoryDifference;

/**
 * What the draft says of products and versions against what the vendors said themselves,
 * beside the approve button: the coordinator may approve anyway, knowing each difference.
 */
export function DraftDifferences(props: {
  page: PageContext;
  differences: DraftDifference[];
  vendors: { id: string; name: string }[];
}) {
  const { t } = props.page;
  const vendorName = (orgId: string) => props.vendors.find((v) => v.id === orgId)?.name ?? orgId;
  return (
    <section id="advisory-differences" aria-labelledby="advisory-differences-heading">
      <h2 id="advisory-differences-heading">{t("advisories.draft.differencesHeading")}</h2>
      {props.differences.length === 0 ? (
        <p>{t("advisories.draft.differencesNone")}</p>
      ) : (
        <>
          <p>{t("advisories.draft.differencesLead")}</p>
          <ul class="differences">
            {props.differences.map((difference, index) => (
              <li key={index} data-kind={difference.kind}>
                {differenceText(t, difference, vendorName(difference.vendorOrgId))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const ranges = (t: Translate, list: readonly VersionRange[]) =>
  list.length > 0 ? list.map(rangeText).join(", ") : t("advisories.draft.difference.nothing");
const texts = (t: Translate, list: readonly string[]) =>
  list.length > 0 ? list.join(", ") : t("advisories.draft.difference.nothing");
const identifiers = (t: Translate, side: { cpe: string | null; purl: string | null } | null) =>
  [side?.cpe, side?.purl].filter(Boolean).join(", ") || t("advisories.draft.difference.nothing");

const STATUS_LABELS: Record<string, MessageKey> = {
  not_affected: "casePages.participant.not_affected",
  cannot_reproduce: "casePages.participant.cannot_reproduce",
  affected: "casePages.participant.affected",
};

/** One difference in words, with both sides quoted. */
export function differenceText(t: Translate, d: DraftDifference, vendor: string): string {
  const product = d.product ?? "";
  const statusKey = d.vendorStatus ? STATUS_LABELS[d.vendorStatus] : undefined;
  const status = statusKey ? t(statusKey) : (d.vendorStatus ?? "");
  switch (d.kind) {
    case "not_affected_but_listed":
      return t("advisories.draft.difference.not_affected_but_listed", { vendor, status, product });
    case "affected_but_not_listed":
      return t("advisories.draft.difference.affected_but_not_listed", { vendor });
    case "product_missing":
      return t("advisories.draft.difference.product_missing", { vendor, product });
    case "fixed_version_in_affected_range":
      return t("advisories.draft.difference.fixed_version_in_affected_range", {
        vendor,
        product,
        version: d.version ?? "",
        draft: ranges(t, d.draft?.ranges ?? []),
      });
    case "ranges_differ":
      return t("advisories.draft.difference.ranges_differ", {
        vendor,
        product,
        vendorSays: ranges(t, d.vendor?.ranges ?? []),
        draft: ranges(t, d.draft?.ranges ?? []),
      });
    case "versions_differ":
      return t("advisories.draft.difference.versions_differ", {
        vendor,
        product,
        vendorSays: texts(t, d.vendor?.affectedVersions ?? []),
        draft: texts(t, d.draft?.versions ?? []),
      });
    case "identifier_differs":
      return t("advisories.draft.difference.identifier_differs", {
        vendor,
        product,
        vendorSays: identifiers(t, d.vendor),
        draft: identifiers(t, d.draft),
      });
  }
}
