import type { ComponentChildren } from "preact";
import { CVSS_SEVERITIES, type CvssVersion } from "../../modules/reports/cvss.ts";
import { calculatorMetrics, severityLabel } from "../../modules/reports/cvss-labels.ts";
import type { PageContext } from "../layout.tsx";

/**
 * Progressive enhancement of the CVSS and CWE boxes (issue 13 item 9). Without script the boxes
 * are plain text inputs the server checks; with it, /static/cvss-calculator.js adds metric
 * pickers and the score, and /static/cwe-picker.js suggestions and the weakness's name.
 * The scripts find the boxes by these wrappers' data attributes and read their words from a
 * JSON data block (not executed, so the CSP's script-src 'self' allows it).
 */
export function CvssVectorBox(props: {
  versions: readonly CvssVersion[];
  children: ComponentChildren;
}) {
  return <div data-cvss-calculator={props.versions.join(" ")}>{props.children}</div>;
}

export function CwePickerBox(props: { children: ComponentChildren }) {
  return <div data-cwe-picker="">{props.children}</div>;
}

/** The words and metrics the scripts need, in the page's language, and the scripts. */
export function FormHelperScripts(props: { page: PageContext }) {
  const { t } = props.page;
  const data = {
    metrics: calculatorMetrics(t),
    severities: Object.fromEntries(
      CVSS_SEVERITIES.map((severity) => [severity, severityLabel(t, severity)]),
    ),
    words: {
      open: t("scoring.calculator.open"),
      version: t("scoring.calculator.version"),
      metrics: t("scoring.calculator.metrics"),
      unset: t("scoring.calculator.unset"),
      result: t("scoring.calculator.result"),
      incomplete: t("scoring.calculator.incomplete"),
      invalid: t("scoring.calculator.invalid"),
      unavailable: t("scoring.calculator.unavailable"),
      cweName: t("scoring.cwe.name"),
      cweUnknown: t("scoring.cwe.unknown"),
      cweHint: t("scoring.cwe.hint"),
    },
  };
  // Our own catalog's words; "<" escaped so that no text can close the block early.
  const json = JSON.stringify(data).replaceAll("<", "\\u003c");
  return (
    <>
      <script
        type="application/json"
        id="form-helper-words"
        dangerouslySetInnerHTML={{ __html: json }}
      />
      <script type="module" src="/static/cvss-calculator.js" />
      <script type="module" src="/static/cwe-picker.js" />
    </>
  );
}
