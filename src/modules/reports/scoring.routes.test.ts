import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseTargets } from "../../../test/support/databases.ts";
import {
  createTestApp,
  createTestRuntime,
  type TestRuntime,
} from "../../../test/support/runtime.ts";
import { cweLabel } from "../advisories/cwe.ts";

// The expected scores are ae-cvss-calculator's own, computed here beside the endpoint's answer.
const { Cvss3P1, Cvss4P0 } = createRequire(import.meta.url)(
  "ae-cvss-calculator",
) as typeof import("ae-cvss-calculator");

const V31 = "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N";
const V31_ENVIRONMENTAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/MAV:L";
const V40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
const V40_THREAT = "CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:A/VC:H/VI:L/VA:N/SC:L/SI:N/SA:N/E:U";

function scoreUrl(vector: string, lang?: string): string {
  const query = new URLSearchParams({ vector, ...(lang ? { lang } : {}) });
  return `/api/v1/cvss/score?${query}`;
}

describe.each(testDatabaseTargets())("the scoring endpoints on $name", (target) => {
  let runtime: TestRuntime;
  let app: FastifyInstance;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    app = await createTestApp(runtime);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it.each([
    ["3.1", V31, () => new Cvss3P1(V31).calculateScores().base],
    ["3.1", V31_ENVIRONMENTAL, () => new Cvss3P1(V31_ENVIRONMENTAL).calculateScores().base],
    ["4.0", V40, () => new Cvss4P0(V40).calculateScores().base],
    ["4.0", V40_THREAT, () => new Cvss4P0(V40_THREAT).calculateScores().base],
  ])(
    "scores a CVSS %s vector (%s) as ae-cvss-calculator does",
    async (version, vector, expected) => {
      const response = await app.inject({ method: "GET", url: scoreUrl(vector) });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.version).toBe(version);
      expect(body.vector).toBe(vector);
      expect(body.baseScore).toBe(expected());
      expect(
        body.metrics.map((m: { metric: string; value: string }) => `${m.metric}:${m.value}`),
      ).toEqual(vector.split("/").slice(1));
    },
  );

  it("rates the score in the CVSS bands", async () => {
    const critical = await app.inject({ method: "GET", url: scoreUrl(V40) });
    expect(new Cvss4P0(V40).calculateScores().base).toBeGreaterThanOrEqual(9);
    expect(critical.json().severity).toBe("critical");
    const medium = await app.inject({ method: "GET", url: scoreUrl(V31) });
    const score = new Cvss3P1(V31).calculateScores().base ?? -1;
    expect(score >= 4 && score < 7).toBe(true);
    expect(medium.json().severity).toBe("medium");
  });

  it("names every metric and value in the language asked for", async () => {
    const english = (
      await app.inject({ method: "GET", url: scoreUrl(V31_ENVIRONMENTAL, "en") })
    ).json();
    expect(english.metrics[0]).toEqual({
      metric: "AV",
      metricLabel: "Attack Vector",
      value: "N",
      valueLabel: "Network",
    });
    expect(english.metrics.at(-1)).toEqual({
      metric: "MAV",
      metricLabel: "Modified Attack Vector",
      value: "L",
      valueLabel: "Local",
    });
    const japanese = (await app.inject({ method: "GET", url: scoreUrl(V40_THREAT, "ja") })).json();
    expect(japanese.metrics[0]).toMatchObject({
      metricLabel: "攻撃元区分",
      valueLabel: "ローカル",
    });
    expect(japanese.metrics.at(-1)).toEqual({
      metric: "E",
      metricLabel: "攻撃成熟度",
      value: "U",
      valueLabel: "報告なし",
    });
  });

  it.each([
    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H",
    "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "not a vector",
    "",
  ])("refuses the malformed vector %j with a 422 problem naming the field", async (vector) => {
    const response = await app.inject({ method: "GET", url: scoreUrl(vector) });
    expect(response.statusCode).toBe(422);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: "invalid_input",
      errors: [expect.objectContaining({ path: "vector" })],
    });
  });

  it("refuses a score request without a vector", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/cvss/score" });
    expect(response.statusCode).toBe(422);
  });

  it.each(["79", "CWE-79", "cwe 79", "７９"])(
    "finds CWE-79 first by its number typed as %j",
    async (q) => {
      const response = await app.inject({
        method: "GET",
        url: `/api/v1/cwe?${new URLSearchParams({ q, lang: "en" })}`,
      });
      expect(response.statusCode).toBe(200);
      const { items } = response.json();
      expect(items[0]).toEqual({
        id: "CWE-79",
        name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
      });
      // In Japanese, the name Japanese readers know it by.
      const japanese = await app.inject({
        method: "GET",
        url: `/api/v1/cwe?${new URLSearchParams({ q, lang: "ja" })}`,
      });
      expect(japanese.json().items[0]).toEqual({ id: "CWE-79", name: cweLabel("CWE-79", "ja") });
      expect(cweLabel("CWE-79", "ja")).not.toBe(cweLabel("CWE-79", "en"));
      // Then the weaknesses whose numbers start with 79, at most 20 in all.
      expect(items.length).toBeLessThanOrEqual(20);
      for (const item of items) expect(item.id).toMatch(/^CWE-79/);
    },
  );

  it.each(["cross-site", "CROSS-SITE SCRIPTING", "xss", "クロスサイト"])(
    "finds CWE-79 by name, alias or Japanese name typed as %j",
    async (q) => {
      const response = await app.inject({
        method: "GET",
        url: `/api/v1/cwe?${new URLSearchParams({ q })}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().items.map((item: { id: string }) => item.id)).toContain("CWE-79");
    },
  );

  it("answers at most 20 weaknesses, and none for words in no name", async () => {
    const many = await app.inject({ method: "GET", url: "/api/v1/cwe?q=improper" });
    expect(many.json().items).toHaveLength(20);
    const none = await app.inject({ method: "GET", url: "/api/v1/cwe?q=zzzzqqq" });
    expect(none.json()).toEqual({ items: [] });
  });

  it("refuses an empty CWE query with a 422 problem", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/cwe?q=%20" });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe("invalid_input");
  });
});
