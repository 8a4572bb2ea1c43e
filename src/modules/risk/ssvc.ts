/**
 * The SSVC coordinator decision as CISA publishes it: four inputs → Track, Track*, Attend or Act.
 *
 * Source: CISA, "CISA Stakeholder-Specific Vulnerability Categorization Guide" (November 2022),
 * section "Decision Tree" (https://www.cisa.gov/stakeholder-specific-vulnerability-categorization-ssvc);
 * the same tree as a table in CERT/CC's SSVC repository, data/csv/cisa/cisa_coordinator_2_0_3.csv
 * (https://github.com/CERTCC/SSVC). Each row below was checked against both. The guide derives
 * "mission and well-being" from mission prevalence and public well-being impact; the desk judges
 * it directly here.
 */
export const SSVC_EXPLOITATION = ["none", "poc", "active"] as const;
export const SSVC_AUTOMATABLE = ["no", "yes"] as const;
export const SSVC_TECHNICAL_IMPACT = ["partial", "total"] as const;
export const SSVC_MISSION_WELLBEING = ["low", "medium", "high"] as const;
/** In rising order of urgency. */
export const SSVC_DECISIONS = ["track", "track_star", "attend", "act"] as const;

export type SsvcExploitation = (typeof SSVC_EXPLOITATION)[number];
export type SsvcAutomatable = (typeof SSVC_AUTOMATABLE)[number];
export type SsvcTechnicalImpact = (typeof SSVC_TECHNICAL_IMPACT)[number];
export type SsvcMissionWellbeing = (typeof SSVC_MISSION_WELLBEING)[number];
export type SsvcDecision = (typeof SSVC_DECISIONS)[number];

export interface SsvcInputs {
  exploitation: SsvcExploitation;
  automatable: SsvcAutomatable;
  technicalImpact: SsvcTechnicalImpact;
  missionWellbeing: SsvcMissionWellbeing;
}

type Row = readonly [
  SsvcExploitation,
  SsvcAutomatable,
  SsvcTechnicalImpact,
  SsvcMissionWellbeing,
  SsvcDecision,
];

// biome-ignore format: the published table, one row per line
const CISA_COORDINATOR_TABLE: readonly Row[] = [
  ["none",   "no",  "partial", "low",    "track"],
  ["none",   "no",  "partial", "medium", "track"],
  ["none",   "no",  "partial", "high",   "track"],
  ["none",   "no",  "total",   "low",    "track"],
  ["none",   "no",  "total",   "medium", "track"],
  ["none",   "no",  "total",   "high",   "track_star"],
  ["none",   "yes", "partial", "low",    "track"],
  ["none",   "yes", "partial", "medium", "track"],
  ["none",   "yes", "partial", "high",   "attend"],
  ["none",   "yes", "total",   "low",    "track"],
  ["none",   "yes", "total",   "medium", "track"],
  ["none",   "yes", "total",   "high",   "attend"],
  ["poc",    "no",  "partial", "low",    "track"],
  ["poc",    "no",  "partial", "medium", "track"],
  ["poc",    "no",  "partial", "high",   "track_star"],
  ["poc",    "no",  "total",   "low",    "track"],
  ["poc",    "no",  "total",   "medium", "track_star"],
  ["poc",    "no",  "total",   "high",   "attend"],
  ["poc",    "yes", "partial", "low",    "track"],
  ["poc",    "yes", "partial", "medium", "track"],
  ["poc",    "yes", "partial", "high",   "attend"],
  ["poc",    "yes", "total",   "low",    "track"],
  ["poc",    "yes", "total",   "medium", "track_star"],
  ["poc",    "yes", "total",   "high",   "attend"],
  ["active", "no",  "partial", "low",    "track"],
  ["active", "no",  "partial", "medium", "track"],
  ["active", "no",  "partial", "high",   "attend"],
  ["active", "no",  "total",   "low",    "track"],
  ["active", "no",  "total",   "medium", "attend"],
  ["active", "no",  "total",   "high",   "act"],
  ["active", "yes", "partial", "low",    "attend"],
  ["active", "yes", "partial", "medium", "attend"],
  ["active", "yes", "partial", "high",   "act"],
  ["active", "yes", "total",   "low",    "attend"],
  ["active", "yes", "total",   "medium", "act"],
  ["active", "yes", "total",   "high",   "act"],
];

const keyOf = (inputs: SsvcInputs) =>
  `${inputs.exploitation}/${inputs.automatable}/${inputs.technicalImpact}/${inputs.missionWellbeing}`;

const DECISIONS = new Map<string, SsvcDecision>(
  CISA_COORDINATOR_TABLE.map(
    ([exploitation, automatable, technicalImpact, missionWellbeing, d]) => [
      keyOf({ exploitation, automatable, technicalImpact, missionWellbeing }),
      d,
    ],
  ),
);

/** CISA's decision for the inputs: the table has a row for every combination. */
export function ssvcDecision(inputs: SsvcInputs): SsvcDecision {
  const decision = DECISIONS.get(keyOf(inputs));
  if (!decision) throw new Error(`no SSVC row for ${keyOf(inputs)}`);
  return decision;
}

/** 1 (track) … 4 (act): the order the desk's lists sort by. */
export function ssvcRank(decision: SsvcDecision): number {
  return SSVC_DECISIONS.indexOf(decision) + 1;
}
