import { shareReference } from "../../../modules/analysis-shares/analysis-shares.notifications.ts";
import type {
  SharedCaseItem,
  SharedCaseView,
} from "../../../modules/analysis-shares/analysis-shares.schemas.ts";
import type { MessageKey, Translate } from "../../../platform/i18n/i18n.ts";
import { ChoiceGroup } from "../../components/choice-group.tsx";
import { CsrfField, DateTime, Notice, SubmitButton } from "../../components.tsx";
import { Layout, type PageContext } from "../../layout.tsx";
import { caseStatusLabel } from "../cases/shared.tsx";
import { DataTable } from "../directory/shared.tsx";
import { siteCaseStatusLabel } from "../site-cases/shared.tsx";
import { classList } from "./shared.tsx";

/** An outside analysis organization's shared cases: what its member may read now. */
export function SharedCasesPage(props: { page: PageContext; items: SharedCaseItem[] }) {
  const { page, items } = props;
  const { t, language } = page;
  return (
    <Layout page={page} title={t("analysisShares.mine.title")}>
      <h1>{t("analysisShares.mine.heading")}</h1>
      <p class="lead">{t("analysisShares.mine.lead")}</p>
      {items.length === 0 ? (
        <>
          <p>{t("analysisShares.mine.empty")}</p>
          <p class="hint">
            {t("analysisShares.mine.ndaHint")}{" "}
            <a href="/organization/nda">{t("analysisShares.mine.ndaLink")}</a>
          </p>
        </>
      ) : (
        <DataTable id="shared-cases" caption={t("analysisShares.mine.heading")}>
          <thead>
            <tr>
              <th scope="col">{t("analysisShares.mine.reference")}</th>
              <th scope="col">{t("analysisShares.mine.caseNumber")}</th>
              <th scope="col">{t("analysisShares.list.classes")}</th>
              <th scope="col">{t("analysisShares.list.until")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={`/analysis-shares/${encodeURIComponent(item.id)}`}>
                    {shareReference(item.id)}
                  </a>
                  <div>{item.title ?? t("analysisShares.mine.untitled")}</div>
                </td>
                <td class="mono">{item.caseNumber}</td>
                <td>{classList(t, item.classes, item.subject)}</td>
                <td>
                  <DateTime value={item.until} language={language} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Layout>
  );
}

/** Text that may be long and keeps its lines (steps, code). */
function Text(props: { value: string | null; none: string }) {
  return props.value ? <pre class="analysis-share-text">{props.value}</pre> : <p>{props.none}</p>;
}

/** The case's CVSS: each vector of its risk with its base score, else the report's vector. */
function CvssValues(props: {
  summary: NonNullable<SharedCaseView["content"]["summary"]>;
  none: string;
  t: Translate;
}) {
  const { summary, none, t } = props;
  if (summary.cvss.length === 0) {
    return summary.cvssVector ? <span class="mono">{summary.cvssVector}</span> : none;
  }
  return (
    <ul class="analysis-share-cvss">
      {summary.cvss.map((entry) => (
        <li key={entry.vector}>
          {entry.baseScore === null
            ? null
            : `${entry.baseScore.toFixed(1)} (${t(`advisories.severity.${entry.severity ?? "unrated"}` as MessageKey)}) `}
          <span class="mono">{entry.vector}</span>
        </li>
      ))}
    </ul>
  );
}

/** One share: the chosen classes only, read now; for the organization's admin, who sees it. */
export function SharedCasePage(props: {
  page: PageContext;
  share: SharedCaseView;
  /** The admin's assignment form: the organization's members who are not admins. */
  members: { id: string; name: string }[] | null;
  notice: MessageKey | null;
}) {
  const { page, share } = props;
  const { t, language } = page;
  const { content } = share;
  const none = t("analysisShares.field.none");
  const reference = shareReference(share.id);
  return (
    <Layout page={page} title={t("analysisShares.share.title", { reference })}>
      <p>
        <a href="/analysis-shares">{t("analysisShares.share.back")}</a>
      </p>
      <h1>{share.title ?? reference}</h1>
      {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
      <p class="hint">{t("analysisShares.share.logged")}</p>
      <dl class="report-summary">
        <dt>{t("analysisShares.mine.reference")}</dt>
        <dd class="mono">{reference}</dd>
        <dt>{t("analysisShares.mine.caseNumber")}</dt>
        <dd class="mono">{share.caseNumber}</dd>
        <dt>{t("analysisShares.list.classes")}</dt>
        <dd>{classList(t, share.classes, share.subject)}</dd>
        <dt>{t("analysisShares.share.sharedAt")}</dt>
        <dd>
          <DateTime value={share.sharedAt} language={language} />
        </dd>
        <dt>{t("analysisShares.list.until")}</dt>
        <dd>
          <DateTime value={share.until} language={language} />
        </dd>
      </dl>
      {content.summary ? (
        <section id="class-summary" aria-labelledby="class-summary-heading">
          <h2 id="class-summary-heading">{t("analysisShares.class.summary")}</h2>
          <dl class="report-summary">
            <dt>{t("analysisShares.field.title")}</dt>
            <dd>{content.summary.title}</dd>
            <dt>{t("analysisShares.field.status")}</dt>
            <dd>
              {share.subject === "case"
                ? caseStatusLabel(t, content.summary.status)
                : content.summary.status === "not_notified"
                  ? t("analysisShares.siteStatus.not_notified")
                  : siteCaseStatusLabel(t, content.summary.status)}
            </dd>
            <dt>{t("analysisShares.field.openedAt")}</dt>
            <dd>
              <DateTime value={content.summary.openedAt} language={language} />
            </dd>
            <dt>{t("analysisShares.field.publishAt")}</dt>
            <dd>
              {content.summary.publishAt ? (
                <DateTime value={content.summary.publishAt} language={language} />
              ) : (
                none
              )}
            </dd>
            <dt>{t("analysisShares.field.cwe")}</dt>
            <dd>{content.summary.cwe ?? none}</dd>
            <dt>{t("analysisShares.field.cvss")}</dt>
            <dd>
              <CvssValues summary={content.summary} none={none} t={t} />
            </dd>
          </dl>
        </section>
      ) : null}
      {content.technicalDetails ? (
        <section id="class-technical" aria-labelledby="class-technical-heading">
          <h2 id="class-technical-heading">{t("analysisShares.class.technical_details")}</h2>
          <h3>{t("analysisShares.field.description")}</h3>
          <Text value={content.technicalDetails.description} none={none} />
          <h3>{t("analysisShares.field.reproduction")}</h3>
          <Text value={content.technicalDetails.reproduction} none={none} />
          <h3>{t("analysisShares.field.verificationMethod")}</h3>
          <Text value={content.technicalDetails.verificationMethod} none={none} />
          {content.technicalDetails.conditions ? (
            <>
              <h3>{t("analysisShares.field.conditions")}</h3>
              <Text value={content.technicalDetails.conditions} none={none} />
            </>
          ) : null}
        </section>
      ) : null}
      {content.affectedProducts ? (
        <section id="class-products" aria-labelledby="class-products-heading">
          <h2 id="class-products-heading">{t("analysisShares.class.affected_products")}</h2>
          {content.affectedProducts.length === 0 ? (
            <p>{none}</p>
          ) : (
            <ul>
              {content.affectedProducts.map((entry, index) => (
                <li key={`${entry.product}-${index}`}>
                  {[entry.vendor, entry.product, entry.version, entry.cpe, entry.purl]
                    .filter(Boolean)
                    .join(" / ")}
                  {entry.affectedVersions.length > 0
                    ? ` — ${t("analysisShares.field.affectedVersions")}: ${entry.affectedVersions.join(", ")}`
                    : ""}
                  {entry.fixedVersions.length > 0
                    ? ` — ${t("analysisShares.field.fixedVersions")}: ${entry.fixedVersions.join(", ")}`
                    : ""}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {content.proofOfConcept ? (
        <section id="class-poc" aria-labelledby="class-poc-heading">
          <h2 id="class-poc-heading">{t("analysisShares.class.proof_of_concept")}</h2>
          <Text value={content.proofOfConcept.attackMethod} none={none} />
        </section>
      ) : null}
      {content.vendorStatements ? (
        <section id="class-statements" aria-labelledby="class-statements-heading">
          <h2 id="class-statements-heading">{t("analysisShares.class.vendor_statements")}</h2>
          {content.vendorStatements.length === 0 ? <p>{none}</p> : null}
          {content.vendorStatements.map((statement, index) => (
            <div key={`${statement.vendor}-${index}`}>
              <h3>{statement.vendor ?? t("analysisShares.field.vendor")}</h3>
              <Text value={statement.text} none={none} />
              {statement.advisoryUrl ? <p class="mono">{statement.advisoryUrl}</p> : null}
            </div>
          ))}
        </section>
      ) : null}
      {content.countermeasures ? (
        <section id="class-countermeasures" aria-labelledby="class-countermeasures-heading">
          <h2 id="class-countermeasures-heading">{t("analysisShares.class.countermeasures")}</h2>
          {content.countermeasures.length === 0 ? <p>{none}</p> : null}
          {content.countermeasures.map((c, index) => (
            <div key={`${c.createdAt}-${index}`}>
              <h3>
                {c.vendor ?? t("analysisShares.field.vendor")} —{" "}
                {t(
                  c.type === "fix" ? "analysisShares.field.fix" : "analysisShares.field.workaround",
                )}
              </h3>
              <Text value={c.description} none={none} />
              {c.fixedVersions.length > 0 ? (
                <p>
                  {t("analysisShares.field.fixedVersions")}: {c.fixedVersions.join(", ")}
                </p>
              ) : null}
              {c.url ? <p class="mono">{c.url}</p> : null}
            </div>
          ))}
        </section>
      ) : null}
      {content.operatorResult !== undefined ? (
        <section id="class-operator-result" aria-labelledby="class-operator-result-heading">
          <h2 id="class-operator-result-heading">{t("analysisShares.field.operatorResult")}</h2>
          {content.operatorResult ? (
            <p>
              {content.operatorResult.result}
              {content.operatorResult.fixMethod ? ` — ${content.operatorResult.fixMethod}` : ""}
              {", "}
              <DateTime value={content.operatorResult.at} language={language} />
            </p>
          ) : (
            <p>{none}</p>
          )}
        </section>
      ) : null}
      {content.siteIdentity ? (
        <section id="class-site-identity" aria-labelledby="class-site-identity-heading">
          <h2 id="class-site-identity-heading">{t("analysisShares.siteClass.site_identity")}</h2>
          <dl class="report-summary">
            <dt>{t("analysisShares.field.siteUrl")}</dt>
            <dd class="mono">{content.siteIdentity.siteUrl}</dd>
            <dt>{t("analysisShares.field.operatorName")}</dt>
            <dd>{content.siteIdentity.operatorName ?? none}</dd>
          </dl>
        </section>
      ) : null}
      {props.members ? (
        <section id="share-members" aria-labelledby="share-members-heading">
          <h2 id="share-members-heading">{t("analysisShares.members.heading")}</h2>
          <form method="post" action={`/analysis-shares/${encodeURIComponent(share.id)}/members`}>
            <CsrfField token={page.csrfToken} />
            <ChoiceGroup
              name="userIds"
              legend={t("analysisShares.members.heading")}
              hint={t("analysisShares.members.hint")}
              chosen={share.assignedUserIds ?? []}
              choices={props.members.map((member) => ({ value: member.id, label: member.name }))}
            />
            <SubmitButton>{t("analysisShares.members.submit")}</SubmitButton>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
