import * as mandatory from "@secvisogram/csaf-validator-lib/mandatoryTests.js";
import * as optional from "@secvisogram/csaf-validator-lib/optionalTests.js";
import validate from "@secvisogram/csaf-validator-lib/validate.js";
import validateStrict from "@secvisogram/csaf-validator-lib/validateStrict.js";

/** What the CSAF 2.0 mandatory tests of the validator (strict schema included) find wrong. */
export async function csafProblems(document: unknown): Promise<string[]> {
  const result = await validateStrict(Object.values(mandatory), document);
  return result.tests.flatMap((test) =>
    test.errors.map((error) => `${test.name} ${error.instancePath}: ${error.message}`),
  );
}

/**
 * The warnings of the CSAF 2.0 optional tests (6.2.x) of the validator, each as
 * "6.2.N /path: message"; `only` keeps the warnings of those tests ("6.2.11", …).
 */
export async function csafOptionalWarnings(
  document: unknown,
  only?: readonly string[],
): Promise<string[]> {
  const tests = Object.entries(optional)
    .filter(([name]) => !only || only.includes(testNumber(name)))
    .map(([, test]) => test);
  const result = await validate(tests, document);
  return result.tests.flatMap((test) =>
    test.warnings.map(
      (warning) => `${testNumber(test.name)} ${warning.instancePath}: ${warning.message}`,
    ),
  );
}

/** "optionalTest_6_2_11" → "6.2.11". */
function testNumber(name: string): string {
  return name.replace(/^[a-zA-Z]+_/, "").replaceAll("_", ".");
}
