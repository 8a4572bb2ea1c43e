import { describe, expect, it } from "vitest";
import {
  SSVC_AUTOMATABLE,
  SSVC_EXPLOITATION,
  SSVC_MISSION_WELLBEING,
  SSVC_TECHNICAL_IMPACT,
  type SsvcInputs,
  ssvcDecision,
} from "./ssvc.ts";

/**
 * CISA's coordinator decision table as published (CISA SSVC Guide, November 2022, "Decision
 * Tree"; CERT/CC SSVC data/csv/cisa/cisa_coordinator_2_0_3.csv), in the published words:
 * exploitation "public poc", decisions "track*". Transcribed here, not derived from ssvc.ts.
 */
const PUBLISHED_TABLE = `
none,no,partial,low,track
none,no,partial,medium,track
none,no,partial,high,track
none,no,total,low,track
none,no,total,medium,track
none,no,total,high,track*
none,yes,partial,low,track
none,yes,partial,medium,track
none,yes,partial,high,attend
none,yes,total,low,track
none,yes,total,medium,track
none,yes,total,high,attend
public poc,no,partial,low,track
public poc,no,partial,medium,track
public poc,no,partial,high,track*
public poc,no,total,low,track
public poc,no,total,medium,track*
public poc,no,total,high,attend
public poc,yes,partial,low,track
public poc,yes,partial,medium,track
public poc,yes,partial,high,attend
public poc,yes,total,low,track
public poc,yes,total,medium,track*
public poc,yes,total,high,attend
active,no,partial,low,track
active,no,partial,medium,track
active,no,partial,high,attend
active,no,total,low,track
active,no,total,medium,attend
active,no,total,high,act
active,yes,partial,low,attend
active,yes,partial,medium,attend
active,yes,partial,high,act
active,yes,total,low,attend
active,yes,total,medium,act
active,yes,total,high,act
`;

const published = PUBLISHED_TABLE.trim()
  .split("\n")
  .map((line) => {
    const [exploitation, automatable, technicalImpact, missionWellbeing, decision] =
      line.split(",");
    return {
      inputs: {
        exploitation: exploitation === "public poc" ? "poc" : exploitation,
        automatable,
        technicalImpact,
        missionWellbeing,
      } as SsvcInputs,
      decision: decision === "track*" ? "track_star" : decision,
    };
  });

describe("the SSVC coordinator decision", () => {
  it("has one published row for each of the 36 combinations of its inputs", () => {
    const combinations = SSVC_EXPLOITATION.length * SSVC_AUTOMATABLE.length;
    expect(combinations * SSVC_TECHNICAL_IMPACT.length * SSVC_MISSION_WELLBEING.length).toBe(36);
    const keys = new Set(published.map((row) => JSON.stringify(row.inputs)));
    expect(keys.size).toBe(36);
  });

  it.each(published)("decides $decision for $inputs as CISA's table does", (row) => {
    expect(ssvcDecision(row.inputs)).toBe(row.decision);
  });
});
