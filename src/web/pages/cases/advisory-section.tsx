import type { Translate } from "../../../platform/i18n/i18n.ts";
import { DateTime } from "../../components.tsx";
import type { PageContext } from "../../layout.tsx";
import type { CaseView } from "./shared.tsx";

/**
 * The case's advisory: where it is written (coordinator), previewed (vendors, desk) and read once
 * published; for the coordinator, the committee's decision and the finder's disclosure plans.
 */
export function AdvisoryBody(props: { page: PageContext; view: CaseView; isCoordinator: boolean }) {
  const { page, view, isCoordinator } = props;
  const { t, language } = page;
  const advisoryId = view.advisory?.advisoryId ?? null;
  const plans = isCoordinator ? (view.disclosurePlans ?? []) : [];
  return (
    <>
      {isCoordinator || advisoryId ? (
        <AdvisoryLinks
          t={t}
          caseId={view.id}
          coordinator={isCoordinator}
          advisoryId={advisoryId}
          published={view.publishedAt !== null}
        />
      ) : (
        <p>{t("casePages.advisory.none")}</p>
      )}
      {isCoordinator && view.committee ? (
        <p>
          {t("casePages.detail.committee")}:{" "}
          {view.committee.decision === "publish"
            ? t("casePages.committee.publish")
            : t("casePages.committee.do_not_publish")}{" "}
          <DateTime value={view.committee.at} language={language} />
        </p>
      ) : null}
      {plans.length > 0 ? (
        <section id="case-disclosure-plans" aria-labelledby="case-disclosure-plans-heading">
          <h3 id="case-disclosure-plans-heading">{t("casePages.disclosurePlans.heading")}</h3>
          <ul>
            {plans.map((plan) => (
              <li key={plan.id}>
                <DateTime value={plan.plannedAt} language={language} /> — {plan.venue}
                {plan.beforePublication ? (
                  <>
                    {" "}
                    <strong>{t("casePages.disclosurePlans.beforePublication")}</strong>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function AdvisoryLinks(props: {
  t: Translate;
  caseId: string;
  coordinator: boolean;
  advisoryId: string | null;
  published: boolean;
}) {
  const { t } = props;
  const base = `/cases/${encodeURIComponent(props.caseId)}/advisory`;
  return (
    <ul class="inline-list">
      {props.advisoryId ? <li class="mono">{props.advisoryId}</li> : null}
      {props.coordinator ? (
        <li>
          <a href={base}>{t("advisories.caseLink.write")}</a>
        </li>
      ) : null}
      {props.advisoryId && !props.published ? (
        <li>
          <a href={`${base}/preview`}>{t("advisories.caseLink.preview")}</a>
        </li>
      ) : null}
      {props.advisoryId && props.published ? (
        <li>
          <a href={`/advisories/${encodeURIComponent(props.advisoryId)}`}>
            {t("advisories.caseLink.public")}
          </a>
        </li>
      ) : null}
    </ul>
  );
}
