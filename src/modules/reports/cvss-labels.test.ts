import { describe, expect, it } from "vitest";
import { LANGUAGES, translator } from "../../platform/i18n/i18n.ts";
import { CVSS_METRICS, CVSS_VERSIONS } from "./cvss.ts";
import { metricLabel, valueLabel } from "./cvss-labels.ts";

describe("CVSS metric names", () => {
  it.each(LANGUAGES)("names every metric and value of CVSS 3.1 and 4.0 in %s", (language) => {
    const t = translator(language);
    for (const version of CVSS_VERSIONS) {
      for (const { metric, values } of CVSS_METRICS[version]) {
        const name = metricLabel(t, version, metric);
        expect(typeof name, `${version} ${metric}`).toBe("string");
        expect(name.length).toBeGreaterThan(0);
        for (const value of values) {
          const word = valueLabel(t, version, metric, value);
          expect(typeof word, `${version} ${metric}:${value}`).toBe("string");
          expect(word.length).toBeGreaterThan(0);
        }
      }
    }
  });
});
