import type {
  HistoryEntry,
  PublicAdvisory,
  Severity,
} from "../../../modules/advisories/advisories.schemas.ts";
import { advisoryTextsIn, vendorTextIn } from "../../../modules/advisories/advisory-texts.ts";
import { cweLabel } from "../../../modules/advisories/cwe.ts";
import { advisoryUrl } from "../../../modules/advisories/exports/document.ts";
import {
  type Language,
  type MessageKey,
  otherLanguage,
  type Translate,
} from "../../../platform/i18n/i18n.ts";
import type { VersionRange } from "../../../platform/text/product-identity.ts";
import { DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";

export function severityLabel(t: Translate, severity: Severity | string | null): string {
  return severity
    ? t(`advisories.severity.${severity}` as MessageKey)
    : t("advisories.severity.unrated");
}

/** A severity as a badge whose class carries the rating (the colour is not the only cue). */
export function SeverityBadge(props: { t: Translate; severity: Severity | string | null }) {
  return (
    <span class={`severity severity-${props.severity ?? "unrated"}`}>
      {severityLabel(props.t, props.severity)}
    </span>
  );
}

/** What a reader of an advisory is told of its rating: severity, CVSS, CWE and CVE IDs (dt/dd rows). */
export function AdvisoryRatingRows(props: {
  t: Translate;
  language: Language;
  advisory: Pick<PublicAdvisory, "severity" | "cvss" | "cwe" | "cveIds">;
}) {
  const { t, language, advisory } = props;
  return (
    <>
      <dt>{t("advisories.list.severity")}</dt>
      <dd>
        <SeverityBadge t={t} severity={advisory.severity} />
      </dd>
      <dt>{t("advisories.detail.cvss")}</dt>
      <dd>
        {advisory.cvss.v3 || advisory.cvss.v4 ? (
          <ul class="plain-list">
            {advisory.cvss.v3 ? (
              <li>
                {t("advisories.detail.cvssV3", {
                  score: advisory.cvss.v3.baseScore.toFixed(1),
                  severity: severityLabel(t, advisory.cvss.v3.baseSeverity),
                })}{" "}
                <code>{advisory.cvss.v3.vector}</code>
              </li>
            ) : null}
            {advisory.cvss.v4 ? (
              <li>
                {t("advisories.detail.cvssV4", {
                  score: advisory.cvss.v4.baseScore.toFixed(1),
                  severity: severityLabel(t, advisory.cvss.v4.baseSeverity),
                })}{" "}
                <code>{advisory.cvss.v4.vector}</code>
              </li>
            ) : null}
          </ul>
        ) : (
          t("advisories.severity.unrated")
        )}
      </dd>
      <dt>{t("advisories.detail.cwe")}</dt>
      <dd>
        {advisory.cwe
          ? `${cweLabel(advisory.cwe, language) ?? ""} (${advisory.cwe})`
          : t("advisories.detail.none")}
      </dd>
      <dt>{t("advisories.detail.cve")}</dt>
      <dd class="mono">
        {advisory.cveIds.length > 0 ? advisory.cveIds.join(", ") : t("advisories.detail.none")}
      </dd>
    </>
  );
}

function historyText(t: Translate, entry: HistoryEntry): string {
  const vendor = entry.vendor ?? "";
  switch (entry.kind) {
    case "published":
      return t("advisories.history.published");
    case "updated":
      return entry.note
        ? t("advisories.history.updatedNote", { note: entry.note })
        : t("advisories.history.updated");
    case "countermeasure_added":
      return entry.countermeasureType === "fix"
        ? t("advisories.history.countermeasure_added.fix", { vendor })
        : t("advisories.history.countermeasure_added.workaround", { vendor });
    case "statement_updated":
      return t("advisories.history.statement_updated", { vendor });
    case "vendor_status_changed":
      return t("advisories.history.vendor_status_changed", {
        vendor,
        status: t(`advisories.vendorStatus.${entry.status ?? "unknown"}` as MessageKey),
      });
    default:
      return t("advisories.history.updated");
  }
}

/** A version range as a reader says it: "from 2.0, fixed in 2.4", "up to 2.3". */
function rangeText(t: Translate, range: VersionRange): string {
  const from = range.introduced ? t("advisories.range.from", { version: range.introduced }) : "";
  const to = range.fixed
    ? t("advisories.range.fixed", { version: range.fixed })
    : range.lastAffected
      ? t("advisories.range.lastAffected", { version: range.lastAffected })
      : "";
  return [from, to].filter(Boolean).join(t("advisories.range.separator"));
}

/** What machines match a product by: its CPE, its package URL, its version ranges. */
function ProductIdentity(props: { t: Translate; product: PublicAdvisory["affected"][number] }) {
  const { t, product } = props;
  if (!product.cpe && !product.purl && product.ranges.length === 0) return null;
  return (
    <ul class="plain-list hint">
      {product.ranges.map((range) => (
        <li key={JSON.stringify(range)}>{rangeText(t, range)}</li>
      ))}
      {product.cpe ? (
        <li>
          CPE: <code>{product.cpe}</code>
        </li>
      ) : null}
      {product.purl ? (
        <li>
          {t("advisories.detail.purl")}: <code>{product.purl}</code>
        </li>
      ) : null}
    </ul>
  );
}

/** Text as written: paragraphs kept (CSS pre-wrap), in the language it was written in. */
function Text(props: { text: string; lang: string }) {
  return (
    <div class="report-text" lang={props.lang}>
      {props.text}
    </div>
  );
}

/**
 * One advisory, with JVN's sections: overview, affected products, description, impact,
 * countermeasures, the vendor information table, references, acknowledgement and history.
 * The public page and the coordinator's preview render this same component (the preview is
 * what the public will see).
 */
export function AdvisoryView(props: {
  page: PageContext;
  advisory: PublicAdvisory;
  publicUrl: string;
  /** Preview: no export links (nothing is published yet). */
  preview?: boolean;
}) {
  const { page, advisory } = props;
  const { t, language } = page;
  const chosen = advisoryTextsIn(advisory, language);
  const { texts } = chosen;
  const lang = chosen.language;
  const translationLanguage = otherLanguage(advisory.language);
  const id = encodeURIComponent(advisory.advisoryId);
  const countermeasures = advisory.vendors.flatMap((vendor) =>
    vendor.countermeasures.map((c) => ({ vendor: vendor.name, ...c })),
  );
  return (
    <article class="advisory">
      <p class="advisory-id mono">{advisory.advisoryId}</p>
      <h1 lang={lang}>{texts.title}</h1>
      {chosen.available ? (
        advisory.language !== language ? (
          <p class="hint">
            {t("advisories.detail.translated", {
              original: t(`advisories.language.${advisory.language}` as MessageKey),
            })}
          </p>
        ) : null
      ) : (
        <div class="notice notice-info">
          {t("advisories.detail.translationMissing", {
            original: t(`advisories.language.${advisory.language}` as MessageKey),
          })}
        </div>
      )}
      {advisory.terminationReason ? (
        <div class="notice notice-warning">
          {t("advisories.detail.terminated", {
            reason: t(`advisories.termination.${advisory.terminationReason}` as MessageKey),
          })}
        </div>
      ) : null}
      <dl class="report-summary">
        <dt>{t("advisories.detail.published")}</dt>
        <dd>
          <DateTime value={advisory.publishedAt} language={language} />
        </dd>
        <dt>{t("advisories.detail.updated")}</dt>
        <dd>
          <DateTime value={advisory.updatedAt} language={language} />
        </dd>
        <dt>{t("advisories.detail.received")}</dt>
        <dd>
          {advisory.receivedAt ? (
            <DateTime value={advisory.receivedAt} language={language} />
          ) : (
            t("advisories.detail.none")
          )}
        </dd>
        <AdvisoryRatingRows t={t} language={language} advisory={advisory} />
      </dl>

      <section aria-labelledby="advisory-overview">
        <h2 id="advisory-overview">{t("advisories.detail.overview")}</h2>
        <Text text={texts.overview} lang={lang} />
      </section>

      <section aria-labelledby="advisory-affected">
        <h2 id="advisory-affected">{t("advisories.detail.affected")}</h2>
        {advisory.affected.length > 0 ? (
          <ul>
            {advisory.affected.map((a) => (
              <li key={`${a.vendor}/${a.product}`}>
                <span lang={lang}>
                  {a.vendor} {a.product}
                </span>{" "}
                {a.versions.length > 0 ? (
                  <span lang={advisory.language}>{a.versions.join(", ")}</span>
                ) : a.ranges.length > 0 ? null : (
                  t("advisories.detail.allVersions")
                )}
                <ProductIdentity t={t} product={a} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("advisories.detail.affectedNone")}</p>
        )}
      </section>

      <section aria-labelledby="advisory-description">
        <h2 id="advisory-description">{t("advisories.detail.description")}</h2>
        <Text text={texts.description} lang={lang} />
      </section>

      <section aria-labelledby="advisory-impact">
        <h2 id="advisory-impact">{t("advisories.detail.impact")}</h2>
        <Text text={texts.impact} lang={lang} />
      </section>

      <section aria-labelledby="advisory-countermeasures">
        <h2 id="advisory-countermeasures">{t("advisories.detail.countermeasures")}</h2>
        {countermeasures.length > 0 ? (
          countermeasures.map((c, index) => {
            const description = vendorTextIn(
              { text: c.description, language: c.language, translation: c.translation },
              language,
            );
            return (
              <div class="countermeasure" key={`${c.vendor}-${index}`}>
                <h3>
                  {c.type === "fix"
                    ? t("advisories.detail.fix")
                    : t("advisories.detail.workaround")}
                  {" — "}
                  {c.vendor}
                </h3>
                <Text text={description.text} lang={description.language} />
                {c.affectedVersions.length > 0 ? (
                  <p>
                    {t("advisories.detail.affectedVersions", {
                      versions: c.affectedVersions.join(", "),
                    })}
                  </p>
                ) : null}
                {c.fixedVersions.length > 0 ? (
                  <p>
                    {t("advisories.detail.fixedVersions", { versions: c.fixedVersions.join(", ") })}
                  </p>
                ) : null}
                {c.url ? (
                  <p>
                    <a href={c.url} rel="noopener noreferrer" class="mono">
                      {c.url}
                    </a>
                  </p>
                ) : null}
                <p class="hint">
                  {t("advisories.detail.addedAt")}
                  <DateTime value={c.publishedAt} language={language} />
                </p>
              </div>
            );
          })
        ) : (
          <p>{t("advisories.detail.countermeasuresNone")}</p>
        )}
      </section>

      <section aria-labelledby="advisory-vendors">
        <h2 id="advisory-vendors">{t("advisories.detail.vendorInfo")}</h2>
        {advisory.vendors.length > 0 ? (
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t("advisories.detail.vendorName")}</th>
                  <th scope="col">{t("advisories.detail.vendorStatus")}</th>
                  <th scope="col">{t("advisories.detail.vendorStatement")}</th>
                  <th scope="col">{t("advisories.detail.vendorLinks")}</th>
                </tr>
              </thead>
              <tbody>
                {advisory.vendors.map((vendor) => {
                  const statement =
                    vendor.statement !== null && vendor.statementLanguage !== null
                      ? vendorTextIn(
                          {
                            text: vendor.statement,
                            language: vendor.statementLanguage,
                            translation: vendor.statementTranslation,
                          },
                          language,
                        )
                      : null;
                  return (
                    <tr key={vendor.name}>
                      <th scope="row">{vendor.name}</th>
                      <td>{t(`advisories.vendorStatus.${vendor.status}` as MessageKey)}</td>
                      <td class="pre-wrap" lang={statement?.language}>
                        {statement?.text ?? ""}
                      </td>
                      <td>
                        {vendor.advisoryUrl ? (
                          <p>
                            <a href={vendor.advisoryUrl} rel="noopener noreferrer">
                              {t("advisories.detail.vendorAdvisory")}
                            </a>
                          </p>
                        ) : null}
                        {vendor.contact ? (
                          <p>{t("advisories.detail.vendorContact", { contact: vendor.contact })}</p>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("advisories.detail.vendorsNone")}</p>
        )}
      </section>

      <section aria-labelledby="advisory-references">
        <h2 id="advisory-references">{t("advisories.detail.references")}</h2>
        {advisory.references.length > 0 ? (
          <ul>
            {advisory.references.map((r) => (
              <li key={r.url}>
                <a href={r.url} rel="noopener noreferrer">
                  {r.title ?? r.url}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("advisories.detail.referencesNone")}</p>
        )}
      </section>

      <section aria-labelledby="advisory-acknowledgement">
        <h2 id="advisory-acknowledgement">{t("advisories.detail.acknowledgement")}</h2>
        <p>
          {advisory.acknowledgement
            ? t("advisories.detail.credit", { credit: advisory.acknowledgement })
            : // PREFIXVU#: a CSIRT's case or a vendor's self-report, not a finder's report.
              advisory.advisoryId.includes("VU#")
              ? t("advisories.detail.coordinated")
              : t("advisories.detail.noCredit")}
        </p>
      </section>

      <section aria-labelledby="advisory-contact">
        <h2 id="advisory-contact">{t("advisories.detail.contact")}</h2>
        <p>
          {advisory.contact.name}
          {advisory.contact.email ? (
            <>
              {" "}
              <a href={`mailto:${advisory.contact.email}`}>{advisory.contact.email}</a>
            </>
          ) : null}
        </p>
      </section>

      <section aria-labelledby="advisory-history">
        <h2 id="advisory-history">{t("advisories.detail.history")}</h2>
        <ol class="history">
          {advisory.history.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <DateTime value={entry.at} language={language} /> {historyText(t, entry)}
            </li>
          ))}
        </ol>
      </section>

      {props.preview ? null : (
        <section aria-labelledby="advisory-exports">
          <h2 id="advisory-exports">{t("advisories.detail.exports")}</h2>
          <ul class="inline-list">
            <li>
              <a href={`/api/v1/advisories/${id}`}>{t("advisories.detail.json")}</a>
            </li>
            <li>
              <a href={`/api/v1/advisories/${id}/csaf`}>{t("advisories.detail.csaf")}</a>
            </li>
            {advisory.translation ? (
              <li>
                <a href={`/api/v1/advisories/${id}/csaf?lang=${translationLanguage}`}>
                  {t("advisories.detail.csafTranslation", {
                    language: t(`advisories.language.${translationLanguage}` as MessageKey),
                  })}
                </a>
              </li>
            ) : null}
            <li>
              <a href={`/api/v1/advisories/${id}/cve`}>{t("advisories.detail.cveRecord")}</a>
            </li>
            <li>
              <a href={`/api/v1/advisories/${id}/osv`}>{t("advisories.detail.osv")}</a>
            </li>
          </ul>
          <p class="hint mono">{advisoryUrl(props.publicUrl, advisory.advisoryId)}</p>
        </section>
      )}
    </article>
  );
}
