import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

/**
 * The OASIS CSAF 2.0 schemas, read from the shared corpus (never copied into the repository):
 * extracted once per test process into a temporary directory.
 */
const CORPUS = path.resolve(
  import.meta.dirname,
  "../../../shared/corpora/oasis-csaf-2.0-examples-and-tests.tar.gz",
);

let extracted: string | null = null;

/** The corpus's `csaf_2.0` directory, extracted on first use. */
export function oasisCsafDirectory(): string {
  if (extracted) return extracted;
  const target = fs.mkdtempSync(path.join(os.tmpdir(), "kakehashi-oasis-csaf-"));
  execFileSync("tar", [
    "-xzf",
    CORPUS,
    "-C",
    target,
    "csaf_2.0/json_schema",
    "csaf_2.0/examples/provider-metadata",
  ]);
  process.once("exit", () => fs.rmSync(target, { recursive: true, force: true }));
  extracted = path.join(target, "csaf_2.0");
  return extracted;
}

const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;

/**
 * The schema made strict as the OASIS tests do for their "strict" run: every object that lists
 * its properties allows no others, so a misspelt field fails instead of passing unnoticed.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== "object") return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = strict(value);
  if ("properties" in copy && !("additionalProperties" in copy)) copy.additionalProperties = false;
  return copy;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * Validates a provider-metadata.json with the OASIS provider schema (JSON Schema 2020-12, as it
 * declares), made strict; its `publisher` is checked by the CSAF schema it refers to. Returns
 * the problems, none when valid.
 */
export function providerMetadataProblems(): (metadata: unknown) => string[] {
  const directory = oasisCsafDirectory();
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  ajv.addSchema(readJson(path.join(directory, "json_schema/csaf_json_schema.json")));
  // The CSAF schema names the FIRST CVSS schemas; the provider schema reaches only the
  // publisher object, never a score, so the compiler gets placeholders for them.
  for (const version of ["2.0", "3.0", "3.1"]) {
    ajv.addSchema({ $id: `https://www.first.org/cvss/cvss-v${version}.json` });
  }
  const validate = ajv.compile(
    strict(readJson(path.join(directory, "json_schema/provider_json_schema.json"))) as object,
  );
  return (metadata) =>
    validate(metadata)
      ? []
      : (validate.errors ?? []).map(
          (error: ErrorObject) => `${error.instancePath || "/"} ${error.message ?? ""}`,
        );
}
