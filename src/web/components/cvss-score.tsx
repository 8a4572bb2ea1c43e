import { cweFromQuery, cweLabel } from "../../modules/advisories/cwe.ts";
import { scoreCvss } from "../../modules/reports/cvss.ts";
import { labelledMetrics, severityLabel } from "../../modules/reports/cvss-labels.ts";
import type { PageContext } from "../layout.tsx";

/**
 * A CVSS vector as pages show it (report, confirmation, desk, case): the vector, its base score
 * with severity and version, and each metric in words in a <details>. Scored by the server's one
 * implementation (cvss.ts); a vector it cannot score is shown as written, with a note.
 */
export function CvssScore(props: { page: PageContext; vector: string }) {
  const { t } = props.page;
  const result = scoreCvss(props.vector);
  if (!result.ok) {
    return (
      <div class="cvss-score">
        <p class="mono cvss-vector">{props.vector}</p>
        <p class="hint cvss-summary">{t("scoring.score.invalid")}</p>
      </div>
    );
  }
  const { score } = result;
  return (
    <div class="cvss-score">
      <p class="mono cvss-vector">{score.vector}</p>
      <p class="cvss-summary">
        <strong class={`cvss-rating cvss-rating-${score.severity}`}>
          {t("scoring.score.summary", {
            score: score.baseScore.toFixed(1),
            severity: severityLabel(t, score.severity),
            version: score.version,
          })}
        </strong>
      </p>
      <details class="cvss-breakdown">
        <summary>{t("scoring.score.breakdown")}</summary>
        <dl>
          {labelledMetrics(t, score).map((entry) => (
            <div key={entry.metric}>
              <dt>
                {entry.metricLabel} <span class="mono">({entry.metric})</span>
              </dt>
              <dd>
                {entry.valueLabel} <span class="mono">({entry.value})</span>
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

/**
 * A CWE identifier with its name (Japanese where the catalog has one, else the CWE list's); "79"
 * as typed in a form is shown as CWE-79, which is what is sent.
 */
export function CweWithName(props: { page: PageContext; cwe: string }) {
  const id = cweFromQuery(props.cwe) ?? props.cwe;
  const name = cweLabel(id, props.page.language);
  return (
    <>
      <span class="mono">{id}</span>
      {name ? <> {name}</> : null}
    </>
  );
}
