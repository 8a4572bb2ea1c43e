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
 * metric or value, no repeats.
 */
const V31_BASE: Record<string, string[]> = {
  AV: ["N", "A", "L", "P"],
  AC: ["L", "H"],
  PR: ["N", "L", "H"],
  UI: ["N", "R"],
  S: ["U", "C"],
  C: ["H", "L", "N"],
  I: ["H", "L", "N"],
  A: ["H", "L", "N"],
};
const V31_OPTIONAL: Record<string, string[]> = {
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
};
const V40_BASE: Record<string, string[]> = {
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
};
const V40_OPTIONAL: Record<string, string[]> = { E: ["X", "A", "P", "U"] };

export type CvssCheck =
  | { ok: true; version: "3.1" | "4.0"; baseScore: number }
  | { ok: false; message: string };

function checkMetrics(
  parts: string[],
  base: Record<string, string[]>,
  optional: Record<string, string[]>,
): string | null {
  const seen = new Set<string>();
  for (const part of parts) {
    const [name, value, extra] = part.split(":");
    if (!name || value === undefined || extra !== undefined)
      return `"${part}" is not a metric:value pair`;
    const allowed = base[name] ?? optional[name];
    if (!allowed) return `unknown metric ${name}`;
    if (seen.has(name)) return `metric ${name} appears twice`;
    if (!allowed.includes(value)) return `metric ${name} has no value ${value}`;
    seen.add(name);
  }
  const missing = Object.keys(base).filter((name) => !seen.has(name));
  return missing.length > 0 ? `missing base metric(s) ${missing.join(", ")}` : null;
}

export function checkCvssVector(vector: string): CvssCheck {
  const [prefix, ...parts] = vector.trim().split("/");
  if (prefix === "CVSS:3.1") {
    const problem = checkMetrics(parts, V31_BASE, V31_OPTIONAL);
    if (problem) return { ok: false, message: problem };
    return {
      ok: true,
      version: "3.1",
      baseScore: new Cvss3P1(vector.trim()).calculateScores().base ?? 0,
    };
  }
  if (prefix === "CVSS:4.0") {
    const problem = checkMetrics(parts, V40_BASE, V40_OPTIONAL);
    if (problem) return { ok: false, message: problem };
    return {
      ok: true,
      version: "4.0",
      baseScore: new Cvss4P0(vector.trim()).calculateScores().base ?? 0,
    };
  }
  return { ok: false, message: "a CVSS vector starts with CVSS:3.1/ or CVSS:4.0/" };
}
