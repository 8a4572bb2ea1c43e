import fs from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * The standards' own schemas, compiled once, for every test that checks an export: CVE JSON 5.1
 * (the bundled record schema and the published CNA container schema that CVE Services takes),
 * and OSV (JSON Schema 2020-12). The files live beside the repository in ../shared/schemas and
 * are never copied into it.
 */
export const SCHEMAS_DIR = path.resolve(import.meta.dirname, "../../../shared/schemas");

export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, name), "utf8"));
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (error) =>
      `${error.instancePath || "/"} ${error.message ?? "is invalid"}${
        Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : ""
      }`,
  );
}

let compiled: {
  cveRecord: ValidateFunction;
  cnaContainer: ValidateFunction;
  osv: ValidateFunction;
} | null = null;

function validators() {
  if (compiled) return compiled;
  // The CVE schemas are draft-07 with keywords ajv's strict mode does not know; formats matter.
  const draft07 = new Ajv({ strict: false, allErrors: true });
  addFormats.default(draft07);
  const draft2020 = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(draft2020);
  compiled = {
    cveRecord: draft07.compile(readSchema("cve-record-5.1-bundled.json")),
    cnaContainer: draft07.compile(readSchema("cve-5.1-published-cna-container.json")),
    osv: draft2020.compile(readSchema("osv-schema.json")),
  };
  return compiled;
}

/**
 * What the CVE JSON 5.1 schema finds wrong with a record, and what the published CNA container
 * schema finds wrong with its `cna` container (what a CNA submits to CVE Services); [] if valid.
 */
export function cveProblems(record: unknown): string[] {
  const { cveRecord, cnaContainer } = validators();
  const problems = cveRecord(record) ? [] : describe(cveRecord.errors);
  const cna = (record as { containers?: { cna?: unknown } } | null)?.containers?.cna;
  if (!cnaContainer({ cnaContainer: cna })) {
    problems.push(...describe(cnaContainer.errors).map((p) => `cnaContainer ${p}`));
  }
  return problems;
}

/** What the OSV schema (JSON Schema 2020-12) finds wrong with a record; [] if valid. */
export function osvProblems(record: unknown): string[] {
  const { osv } = validators();
  return osv(record) ? [] : describe(osv.errors);
}
