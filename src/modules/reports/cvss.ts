import { createRequire } from "node:module";

// The package is a CommonJS bundle whose export names Node's ESM loader cannot see (a named
// import fails at start-up): load it with require, typed by its own declarations.
const { Cvss3P1, Cvss4P0 } = createRequire(import.meta.url)(
  "ae-cvss-calculator",
) as typeof import("ae-cvss-calculator");

/**
 * Strict CVSS vector validation in front of ae-cvss-calculator, which scores any vector it is
 * given but does not refuse malformed ones. Accepted: CVSS 3.1 (base, temporal, environmental
 * metrics) and CVSS 4.0 (base and threat metrics); every base metric exactly once, no unknown
 * metric or value, no repeats. The one place a vector is scored: the pages, the API and the
 * browser calculator (through GET /api/v1/cvss/score) all ask here.
 */
export const CVSS_VERSIONS = ["3.1", "4.0"] as const;
export type CvssVersion = (typeof CVSS_VERSIONS)[number];

/** A metric of a version: its abbreviation, its values in the specification's order, base or not. */
export interface CvssMetric {
  metric: string;
  values: readonly string[];
  base: boolean;
}

const metrics = (base: boolean, table: Record<string, string[]>): CvssMetric[] =>
  Object.entries(table).map(([metric, values]) => ({ metric, values, base }));

/** Every metric of each version, base metrics first, in the order vectors list them. */
export const CVSS_METRICS: Readonly<Record<CvssVersion, readonly CvssMetric[]>> = {
  "3.1": [
    ...metrics(true, {
      AV: ["N", "A", "L", "P"],
      AC: ["L", "H"],
      PR: ["N", "L", "H"],
      UI: ["N", "R"],
      S: ["U", "C"],
      C: ["H", "L", "N"],
      I: ["H", "L", "N"],
      A: ["H", "L", "N"],
    }),
    ...metrics(false, {
      E: ["X", "U", "P", "F", "H"],
      RL: ["X", "O", "T", "W", "U"],
      RC: ["X", "U", "R", "C"],
      CR: ["X", "L", "M", "H"],
      IR: ["X", "L", "M", "H"],
      AR: ["X", "L", "M", "H"],
      MAV: ["X", "N", "A", "L", "P"],
      MAC: ["X", "L", "H"],
      MPR: ["X", "N", "L", "H"],
      MUI: ["X", "N", "R"],
      MS: ["X", "U", "C"],
      MC: ["X", "H", "L", "N"],
      MI: ["X", "H", "L", "N"],
      MA: ["X", "H", "L", "N"],
    }),
  ],
  "4.0": [
    ...metrics(true, {
      AV: ["N", "A", "L", "P"],
      AC: ["L", "H"],
      AT: ["N", "P"],
      PR: ["N", "L", "H"],
      UI: ["N", "P", "A"],
      VC: ["H", "L", "N"],
      VI: ["H", "L", "N"],
      VA: ["H", "L", "N"],
      SC: ["H", "L", "N"],
      SI: ["H", "L", "N"],
      SA: ["H", "L", "N"],
    }),
    ...metrics(false, { E: ["X", "A", "P", "U"] }),
  ],
};

/** The qualitative rating bands, shared by CVSS 3.1 and 4.0. */
export const CVSS_SEVERITIES = ["none", "low", "medium", "high", "critical"] as const;
export type CvssSeverity = (typeof CVSS_SEVERITIES)[number];

export function cvssSeverity(score: number): CvssSeverity {
  if (score === 0) return "none";
  if (score < 4) return "low";
  if (score < 7) return "medium";
  if (score < 9) return "high";
  return "critical";
}

/** A vector's score and each metric it sets, in the version's order. */
export interface CvssScore {
  version: CvssVersion;
  vector: string;
  baseScore: number;
  severity: CvssSeverity;
  metrics: { metric: string; value: string }[];
}

export type CvssCheck =
  | { ok: true; version: CvssVersion; baseScore: number }
  | { ok: false; message: string };

type Parsed = { ok: true; values: Map<string, string> } | { ok: false; message: string };

function parseMetrics(parts: string[], known: readonly CvssMetric[]): Parsed {
  const values = new Map<string, string>();
  for (const part of parts) {
    const [name, value, extra] = part.split(":");
    if (!name || value === undefined || extra !== undefined)
      return { ok: false, message: `"${part}" is not a metric:value pair` };
    const metric = known.find((entry) => entry.metric === name);
    if (!metric) return { ok: false, message: `unknown metric ${name}` };
    if (values.has(name)) return { ok: false, message: `metric ${name} appears twice` };
    if (!metric.values.includes(value))
      return { ok: false, message: `metric ${name} has no value ${value}` };
    values.set(name, value);
  }
  const missing = known.filter((entry) => entry.base && !values.has(entry.metric));
  if (missing.length > 0)
    return {
      ok: false,
      message: `missing base metric(s) ${missing.map((entry) => entry.metric).join(", ")}`,
    };
  return { ok: true, values };
}

function versionOf(prefix: string | undefined): CvssVersion | null {
  if (prefix === "CVSS:3.1") return "3.1";
  if (prefix === "CVSS:4.0") return "4.0";
  return null;
}

/** The vector scored by ae-cvss-calculator once it passed the strict check; else why not. */
export function scoreCvss(
  vector: string,
): { ok: true; score: CvssScore } | { ok: false; message: string } {
  const trimmed = vector.trim();
  const [prefix, ...parts] = trimmed.split("/");
  const version = versionOf(prefix);
  if (!version) return { ok: false, message: "a CVSS vector starts with CVSS:3.1/ or CVSS:4.0/" };
  const known = CVSS_METRICS[version];
  const parsed = parseMetrics(parts, known);
  if (!parsed.ok) return parsed;
  const calculator = version === "3.1" ? new Cvss3P1(trimmed) : new Cvss4P0(trimmed);
  const baseScore = calculator.calculateScores().base ?? 0;
  return {
    ok: true,
    score: {
      version,
      vector: trimmed,
      baseScore,
      severity: cvssSeverity(baseScore),
      metrics: known
        .filter((entry) => parsed.values.has(entry.metric))
        .map((entry) => ({ metric: entry.metric, value: parsed.values.get(entry.metric) ?? "" })),
    },
  };
}

export function checkCvssVector(vector: string): CvssCheck {
  const result = scoreCvss(vector);
  if (!result.ok) return result;
  return { ok: true, version: result.score.version, baseScore: result.score.baseScore };
}
