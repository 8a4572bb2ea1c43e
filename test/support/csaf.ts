import * as mandatory from "@secvisogram/csaf-validator-lib/mandatoryTests.js";
import validateStrict from "@secvisogram/csaf-validator-lib/validateStrict.js";

/** What the CSAF 2.0 mandatory tests of the validator (strict schema included) find wrong. */
export async function csafProblems(document: unknown): Promise<string[]> {
  const result = await validateStrict(Object.values(mandatory), document);
  return result.tests.flatMap((test) =>
    test.errors.map((error) => `${test.name} ${error.instancePath}: ${error.message}`),
  );
}
