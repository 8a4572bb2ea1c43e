import type { MessageKey, Translate } from "../../platform/i18n/i18n.ts";
import {
  CVSS_METRICS,
  CVSS_VERSIONS,
  type CvssScore,
  type CvssSeverity,
  type CvssVersion,
} from "./cvss.ts";

/**
 * CVSS metrics and values in words, in the reader's language (catalog `scoring.*`): for the
 * score's breakdown on pages, the scoring endpoint and the browser calculator's pickers.
 */
const PREFIX: Record<CvssVersion, string> = { "3.1": "scoring.cvss31", "4.0": "scoring.cvss40" };

// The keys are built from the metric tables; scoring-labels.test.ts checks that each exists.
const key = (text: string) => text as MessageKey;

/** CVSS 3.1's modified metrics (MAV, MC…) are named and valued after their base metric. */
function modifiedBase(version: CvssVersion, metric: string): string | null {
  if (version !== "3.1" || !metric.startsWith("M")) return null;
  const base = metric.slice(1);
  return CVSS_METRICS[version].some((entry) => entry.base && entry.metric === base) ? base : null;
}

export function metricLabel(t: Translate, version: CvssVersion, metric: string): string {
  const base = modifiedBase(version, metric);
  if (base) return t("scoring.cvss31.modified", { metric: t(key(`${PREFIX[version]}.${base}`)) });
  return t(key(`${PREFIX[version]}.${metric}`));
}

export function valueLabel(
  t: Translate,
  version: CvssVersion,
  metric: string,
  value: string,
): string {
  if (value === "X") return t("scoring.notDefined");
  return t(key(`${PREFIX[version]}.${modifiedBase(version, metric) ?? metric}.${value}`));
}

const SEVERITY_LABELS: Record<CvssSeverity, MessageKey> = {
  none: "advisories.severity.none",
  low: "advisories.severity.low",
  medium: "advisories.severity.medium",
  high: "advisories.severity.high",
  critical: "advisories.severity.critical",
};

export function severityLabel(t: Translate, severity: CvssSeverity): string {
  return t(SEVERITY_LABELS[severity]);
}

export interface LabelledMetric {
  metric: string;
  metricLabel: string;
  value: string;
  valueLabel: string;
}

/** Each metric a scored vector sets, with its name and its value's name. */
export function labelledMetrics(t: Translate, score: CvssScore): LabelledMetric[] {
  return score.metrics.map(({ metric, value }) => ({
    metric,
    metricLabel: metricLabel(t, score.version, metric),
    value,
    valueLabel: valueLabel(t, score.version, metric, value),
  }));
}

/** What the browser calculator offers: each version's base metrics and their values, named. */
export function calculatorMetrics(t: Translate) {
  return Object.fromEntries(
    CVSS_VERSIONS.map((version) => [
      version,
      CVSS_METRICS[version]
        .filter((entry) => entry.base)
        .map((entry) => ({
          metric: entry.metric,
          label: metricLabel(t, version, entry.metric),
          values: entry.values.map((value) => ({
            value,
            label: valueLabel(t, version, entry.metric, value),
          })),
        })),
    ]),
  );
}
